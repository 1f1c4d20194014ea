"""The reports' items for the home page: a unit's report before its day, DOST's list of who has not sent."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from directory import access as directory_access
from directory.attention import AttentionItem, register
from reports import access, reminders


@register
def reports_attention(user, today: dt.date | None = None) -> list[AttentionItem]:
    today = today or timezone.localdate()
    items = []
    unit = directory_access.unit_scope(user)
    if unit is not None and access.can_write_unit_report(user, unit):
        due = reminders.unit_report_due(unit, today)
        if due is not None:
            items.append(AttentionItem(
                title=_("Báo cáo năm %(year)s của đơn vị chưa gửi") % {"year": due.year},
                detail=_("Hạn gửi đúng hạn: %(day)s.") % {"day": due.day.strftime("%d/%m/%Y")},
                url=reverse("reports:unit_report", args=[due.year, unit.pk]),
                level="danger" if due.days_left <= 1 else "warning"))
    if access.is_dost(user):
        missing = reminders.units_not_submitted(today.year)
        if missing:
            items.append(AttentionItem(
                title=_("Năm %(year)s: %(count)s đơn vị chưa gửi báo cáo") % {"year": today.year,
                                                                                "count": len(missing)},
                url=reverse("reports:index", args=[today.year]) + "?state=missing", count=len(missing),
                level="warning"))
    return items
