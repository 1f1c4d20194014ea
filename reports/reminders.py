"""Reminders by e-mail, and the same items on the home page.

- each unit's officers: 30, 7 and 1 days before the unit's last day to report on time, while its report
  is not sent;
- IP officers: the application deadlines due within 7 days or overdue, once a day;
- the council secretary: base-level decisions due within 7 days, once a day.

``reminders_send`` sends what is due on a day; each reminder is recorded (``ReminderSent``, with its
history), so running it twice sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit import audited_write
from directory.models import Role, RoleAssignment, User
from initiatives.models import Initiative
from initiatives.selectors import plan_for, reporting_units
from initiatives.workflow import AWAITING_BASE_DECISION
from ip_registry.selectors import live_deadlines
from reports.models import AnnualReport, ReminderKind, ReminderSent
from reports.workflow import REPORTED

UNIT_REPORT_DAYS_BEFORE = (30, 7, 1)
SOON = dt.timedelta(days=7)


@dataclass(frozen=True)
class Due:
    year: int
    day: dt.date
    days_left: int


def unit_report_due(unit, today: dt.date) -> Due | None:
    """The unit's report of this year, if it must send one and has not: its last day on time."""
    plan = plan_for(today.year)
    if plan is None or today.year != plan.year or not reporting_units(plan).filter(pk=unit.pk).exists():
        return None
    if AnnualReport.objects.filter(year=plan.year, unit=unit, status__in=REPORTED).exists():
        return None
    days_left = (plan.unit_report_due - today).days
    return Due(plan.year, plan.unit_report_due, days_left) if days_left <= max(UNIT_REPORT_DAYS_BEFORE) else None


def units_not_submitted(year: int) -> list:
    plan = plan_for(year)
    if plan is None:
        return []
    sent = AnnualReport.objects.filter(year=year, status__in=REPORTED).values("unit_id")
    return list(reporting_units(plan).exclude(pk__in=sent))


@dataclass(frozen=True)
class Reminder:
    kind: str
    key: str
    recipient: User
    subject: str
    body: str


def _people(role: str, **filters) -> list[User]:
    return [assignment.user for assignment in RoleAssignment.objects.filter(
        role=role, user__is_active=True, **filters).exclude(user__email="").select_related("user").order_by("pk")]


def reminders_due(today: dt.date) -> list[Reminder]:
    due: list[Reminder] = []
    plan = plan_for(today.year)
    days_left = (plan.unit_report_due - today).days if plan else None
    if plan is not None and days_left in UNIT_REPORT_DAYS_BEFORE:
        for unit in units_not_submitted(plan.year):
            subject = _("Nhắc hạn báo cáo năm %(year)s: còn %(days)s ngày") % {"year": plan.year, "days": days_left}
            body = _("Báo cáo kết quả thực hiện Chỉ thị 01/CT-UBND năm %(year)s của %(unit)s cần gửi Sở Khoa học và "
                     "Công nghệ đến hết ngày %(day)s.") % {"year": plan.year, "unit": unit.name,
                                                            "day": plan.unit_report_due.strftime("%d/%m/%Y")}
            due += [Reminder(ReminderKind.UNIT_REPORT, f"{plan.year}:{unit.code}:{days_left}", person, subject, body)
                    for person in _people(Role.DISTRICT_OFFICER, unit=unit)]

    deadlines = live_deadlines(on=today).filter(due_date__lte=today + SOON)
    overdue, soon = deadlines.filter(due_date__lt=today).count(), deadlines.filter(due_date__gte=today).count()
    if overdue or soon:
        subject = _("Thời hạn đơn sở hữu công nghiệp: %(soon)s sắp đến hạn, %(overdue)s quá hạn") % {
            "soon": soon, "overdue": overdue}
        body = _("Xem trang Thời hạn để biết chi tiết từng đơn.")
        due += [Reminder(ReminderKind.DEADLINES, today.isoformat(), person, subject, body)
                for person in _people(Role.IP_OFFICER)]

    coming = Initiative.objects.filter(status__in=AWAITING_BASE_DECISION,
                                       base_decision_due__range=(today, today + SOON)).count()
    if coming:
        subject = ngettext("%(count)s sáng kiến sắp đến hạn quyết định công nhận cấp cơ sở",
                           "%(count)s sáng kiến sắp đến hạn quyết định công nhận cấp cơ sở", coming) % {"count": coming}
        body = _("Hạn ra quyết định trong 7 ngày tới; xem danh sách sáng kiến đang xét.")
        due += [Reminder(ReminderKind.BASE_DECISIONS, today.isoformat(), person, subject, body)
                for person in _people(Role.COUNCIL_SECRETARY)]
    return due


def units_remind(*, actor, year: int, today: dt.date) -> int:
    """DOST reminds, now, the officers of every unit that has not sent its report of ``year`` (once a day
    per unit and officer). Returns how many e-mails were sent."""
    from reports.access import is_dost

    if actor is not None and not is_dost(actor):
        raise PermissionDenied(_("Chỉ Sở Khoa học và Công nghệ được nhắc các đơn vị."))
    plan = plan_for(year)
    if plan is None:
        return 0
    due = []
    for unit in units_not_submitted(year):
        subject = _("Sở Khoa học và Công nghệ nhắc gửi báo cáo năm %(year)s") % {"year": year}
        body = _("Báo cáo kết quả thực hiện Chỉ thị 01/CT-UBND năm %(year)s của %(unit)s chưa được gửi; hạn gửi đúng "
                 "hạn là ngày %(day)s.") % {"year": year, "unit": unit.name,
                                             "day": plan.unit_report_due.strftime("%d/%m/%Y")}
        due += [Reminder(ReminderKind.UNIT_REPORT, f"{year}:{unit.code}:{today.isoformat()}", person, subject, body)
                for person in _people(Role.DISTRICT_OFFICER, unit=unit)]
    return _send(due, today=today, actor=actor)


def reminders_send(*, today: dt.date, actor=None) -> int:
    """Send the reminders due ``today`` that were not sent before; returns how many were sent."""
    return _send(reminders_due(today), today=today, actor=actor)


def _send(reminders: list[Reminder], *, today: dt.date, actor) -> int:
    sent = 0
    for reminder in reminders:
        with audited_write(actor, reason=_("Gửi thư nhắc việc")):
            record, created = ReminderSent.objects.get_or_create(
                kind=reminder.kind, key=reminder.key, recipient=reminder.recipient, defaults={"sent_on": today})
            if not created:
                continue
            send_mail(reminder.subject, reminder.body, settings.DEFAULT_FROM_EMAIL, [reminder.recipient.email])
            sent += 1
    return sent
