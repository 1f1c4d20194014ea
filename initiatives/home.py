"""The initiatives' items for the home page: a unit's replications against the yearly target; for the council
secretary, the filings waiting for their next step and the base-level decisions they are late with."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from directory import access as directory_access
from directory.attention import AttentionItem, AttentionLink, register
from directory.models import UnitKind
from initiatives import access, selectors
from initiatives.selectors import QuotaState
from initiatives.workflow import AWAITING_BASE_DECISION, SECRETARY_QUEUE, InitiativeStatus

# How many initiatives of each status in the secretary's queue the home page names; the rest are a link away.
QUEUE_SHOWN = 5


@register
def initiatives_attention(user, today: dt.date | None = None) -> list[AttentionItem]:
    if not access.can_read(user):
        return []
    today = today or timezone.localdate()
    items: list[AttentionItem] = []
    unit = directory_access.unit_scope(user)
    if unit is not None:
        items.extend(_replication_items(unit, today))
    if directory_access.is_council_secretary(user):
        items.extend(_overdue_items(user, today))
    return items


def _report_day_detail(year: int, today: dt.date) -> str:
    days = selectors.report_days_left(year=year, today=today)
    day = selectors.report_day(year).strftime("%d/%m/%Y")
    if days > 0:
        return ngettext("Còn %(days)s ngày đến hạn báo cáo Sở Khoa học và Công nghệ (%(day)s).",
                        "Còn %(days)s ngày đến hạn báo cáo Sở Khoa học và Công nghệ (%(day)s).",
                        days) % {"days": days, "day": day}
    if days == 0:
        return _("Hôm nay là hạn báo cáo Sở Khoa học và Công nghệ.")
    return _("Đã qua hạn báo cáo Sở Khoa học và Công nghệ (%(day)s).") % {"day": day}


def _replication_items(unit, today: dt.date) -> list[AttentionItem]:
    """This year's replications of the officer's unit. A unit no longer in force this year (the district
    level ended on 30 June 2025) has no board to count against: the directory's own item says so."""
    year = today.year
    if not selectors.in_force_during(unit, year):
        return []
    url = reverse("initiatives:unit_year", args=[year, unit.pk])
    detail = _report_day_detail(year, today)
    if unit.kind == UnitKind.DEPARTMENT:
        count = selectors.department_nominations(year=year).filter(unit=unit).count()
        return [AttentionItem(
            title=_("Năm %(year)s: đã đăng ký %(count)s sáng kiến nhân rộng") % {"year": year, "count": count},
            detail=detail, url=url,
        )]
    row = selectors.unit_quota(unit=unit, year=year)
    if row is None:
        return []
    title = _("Năm %(year)s: đã đăng ký %(count)s/%(target)s sáng kiến nhân rộng") % {
        "year": year, "count": row.count, "target": row.target_min}
    if row.missing:
        title += " — " + _("còn thiếu %(missing)s") % {"missing": row.missing}
    return [AttentionItem(title=title, detail=detail, url=url,
                          level="warning" if row.state == QuotaState.BELOW else "info")]


def _overdue_items(user, today: dt.date) -> list[AttentionItem]:
    counts = dict(selectors.overdue_base_decisions(user=user, today=today).order_by()
                  .values_list("status").annotate(count=Count("pk")))
    items = []
    for status in (status for status in InitiativeStatus if status in AWAITING_BASE_DECISION):
        count = counts.get(status, 0)
        if count:
            items.append(AttentionItem(
                title=_("Quá hạn quyết định công nhận cấp cơ sở: %(status)s") % {"status": status.label},
                detail=_("Quá 3 tháng kể từ ngày tiếp nhận (hoặc từ khi kết thúc áp dụng lần đầu)."),
                url=reverse("initiatives:initiative_list") + f"?status={status.value}", count=count, level="danger",
            ))
    return items


@register
def secretary_queue(user) -> list[AttentionItem]:
    """The filings waiting for the council secretary's next step, by status: how many, the longest waiting by
    name, and the list of them all."""
    if not access.can_move_recognition(user):
        return []
    items = []
    for waiting in selectors.secretary_queue(user=user, shown=QUEUE_SHOWN):
        links = tuple(AttentionLink(
            label=initiative.title, url=reverse("initiatives:initiative_detail", args=[initiative.pk]),
            note=_("%(organisation)s, nộp ngày %(date)s") % {
                "organisation": initiative.organisation.name, "date": initiative.filed_on.strftime("%d/%m/%Y")},
        ) for initiative in waiting.first)
        items.append(AttentionItem(
            title=str(SECRETARY_QUEUE[waiting.status]), count=waiting.count, links=links,
            url=reverse("initiatives:initiative_list") + f"?status={waiting.status}",
        ))
    return items
