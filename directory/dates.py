"""Plausible dates: what a person may enter as the day of something.

A year typed 1024 for 2024, or 2204, or the 9999 of a spreadsheet's "no end", is accepted by a date field and
then skews every figure counted by date. Every date a person enters lies between 1 January of
``settings.PLAUSIBLE_FIRST_YEAR`` and a bound that depends on what the date is:

- the day something happened (a filing, a decision, a vote, a payment, a grant): not after today (``PAST``);
- a plan, a target, a due date, an expiry, a rule or a unit from a future day: not after today plus
  ``settings.PLAUSIBLE_HORIZON_YEARS`` (``PLANNED``);
- the day of a workflow step (an application's, an initiative's, a site's progress): only the first bound
  here (``STEP``), since the service that records the step refuses a future day itself, in its own words,
  and nothing else writes one.

The validators are module-level functions, so migrations name them; the ones that read "today" read it when
they run, never when this module is imported.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


def first_plausible_day() -> dt.date:
    return dt.date(settings.PLAUSIBLE_FIRST_YEAR, 1, 1)


def horizon() -> dt.date:
    """The last day a plan, a target or an expiry may be set for."""
    return timezone.localdate() + relativedelta(years=settings.PLAUSIBLE_HORIZON_YEARS)


def _day(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def not_before_plausible(value) -> None:
    day, first = _day(value), first_plausible_day()
    if day is not None and day < first:
        raise ValidationError(_("Ngày không hợp lý: phải từ %(first)s."), code="implausible_date",
                              params={"first": first.strftime("%d/%m/%Y")})


def not_in_future(value) -> None:
    day, today = _day(value), timezone.localdate()
    if day is not None and day > today:
        raise ValidationError(_("Ngày này chưa đến: không được sau hôm nay (%(today)s)."), code="future_date",
                              params={"today": today.strftime("%d/%m/%Y")})


def within_horizon(value) -> None:
    day, last = _day(value), horizon()
    if day is not None and day > last:
        raise ValidationError(_("Ngày không hợp lý: không được sau %(last)s."), code="implausible_date",
                              params={"last": last.strftime("%d/%m/%Y")})


# The validators of a date field, by what its date is.
PAST = (not_before_plausible, not_in_future)
PLANNED = (not_before_plausible, within_horizon)
STEP = (not_before_plausible,)


def require_plausible(model, name: str, value, *, key: str | None = None) -> None:
    """Refuse now, under ``key`` (default ``name``), a ``value`` that the validators of ``model``'s field
    ``name`` refuse: for a service that works with a date (a unit in force on it, the day before it) before
    the model's own validation would report it."""
    try:
        model._meta.get_field(name).run_validators(value)
    except ValidationError as error:
        raise ValidationError({key or name: error.error_list}) from None
