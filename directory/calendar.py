"""Working days and the end of a time limit (Civil Code 2015, arts. 147–148).

A limit in months ends on the same day of the last month, or on that month's last day if it has none
(``relativedelta`` does exactly that); a limit that ends on a day off ends on the next working day. Days
off are Saturdays and Sundays, and the public holidays and days off of ``CalendarDay``; a Saturday or
Sunday that row marks as worked is a working day.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

WEEKEND = (5, 6)  # Saturday, Sunday
LOOK_AHEAD = dt.timedelta(days=40)  # longer than any run of days off (Tết and its weekends)
FIRST_SEEDED_YEAR = 2010
YEARS_AHEAD = 5


def working_day(day: dt.date) -> dt.date:
    """``day`` if it is a working day, else the first working day after it."""
    from directory.models import CalendarDay, DayKind

    marked = dict(CalendarDay.objects.filter(day__gte=day, day__lte=day + LOOK_AHEAD).values_list("day", "kind"))
    while True:
        kind = marked.get(day)
        if kind == DayKind.WORKING_DAY or (kind is None and day.weekday() not in WEEKEND):
            return day
        day += dt.timedelta(days=1)


def is_working_day(day: dt.date) -> bool:
    return working_day(day) == day


def limit_end(start: dt.date, *, months: int = 0, days: int = 0) -> dt.date:
    """The last day of a limit of ``months`` and ``days`` counted from ``start`` (its event's day)."""
    return working_day(start + relativedelta(months=months, days=days))


def seeded_days(years) -> list[tuple[dt.date, str, str]]:
    """(day, kind, name) for Viet Nam's days off and the weekend days worked in exchange, from the
    ``holidays`` package (its Vietnamese names)."""
    import holidays

    from directory.models import DayKind

    calendar = holidays.country_holidays("VN", years=list(years), language="vi")
    days = [(day, DayKind.DAY_OFF, name) for day, name in sorted(calendar.items())]
    days += [(day, DayKind.WORKING_DAY, "Ngày làm việc bù") for day in sorted(calendar.weekend_workdays)
             if day.year in set(years)]
    return sorted(days)


def calendar_ensure(*, actor=None, through: int | None = None) -> int:
    """Enter the days off (and weekend days worked) from 2010 to ``through`` (five years ahead) that have no
    row yet, with their history; a row an administrator entered or changed is never touched. Returns how
    many were entered."""
    from audit import acting_as
    from audit.history import acting_user
    from django.db import transaction
    from django.utils import timezone

    from directory.models import CalendarDay

    through = through or timezone.localdate().year + YEARS_AHEAD
    wanted = seeded_days(range(FIRST_SEEDED_YEAR, through + 1))
    known = set(CalendarDay.objects.values_list("day", flat=True))
    missing = [CalendarDay(day=day, kind=kind, name=name[:200], legal_act="Bộ luật Lao động 2019, Điều 112")
               for day, kind, name in wanted if day not in known]
    if missing:
        with transaction.atomic(), acting_as(acting_user(actor), reason="Lịch ngày nghỉ lễ, Tết theo Bộ luật Lao động"):
            CalendarDay.objects.bulk_create(missing)
            CalendarDay.history.bulk_history_create(missing)
    return len(missing)
