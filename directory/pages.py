"""What every app's pages share: posted data, a service's refusal on a form, role guards, dates, files."""

from __future__ import annotations

import datetime as dt
import os
from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _


def form_data(request) -> tuple:
    """The posted data and files, or nothing (an empty form) on GET."""
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def show_refusal(form, error: ValidationError, elsewhere: dict[str, list] | None = None) -> None:
    """Put a service's refusal on the form: beside the fields it names, the rest above the form.

    ``elsewhere`` collects the messages about names the page shows in a place of their own (a formset).
    A stale edit (``audit.versions.StaleEdit``) keeps what was typed and carries the current version, so
    that saving again, after reading what changed, is a deliberate choice.
    """
    current = getattr(error, "current", None)
    if current is not None and "version" in form.fields and form.is_bound:
        form.data = form.data.copy()
        form.data[form.add_prefix("version")] = current
    if hasattr(error, "error_dict"):
        for name, field_messages in error.message_dict.items():
            if elsewhere is not None and name in elsewhere:
                elsewhere[name].extend(field_messages)
            else:
                form.add_error(name if name in form.fields else None, field_messages)
    else:
        form.add_error(None, error.messages)


def role_required(allowed):
    """Refuse (403) a page to users for whom ``allowed(user)`` is false, before anything is read."""

    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded

    return decorator


# The dates a page or a filter accepts: beyond them the date arithmetic of the selectors (a day later, local
# midnight in UTC) leaves the calendar, and no record of the registers is dated there.
EARLIEST_DAY = dt.date(1900, 1, 1)
LATEST_DAY = dt.date(2999, 12, 31)
# The largest integer the database stores (a signed 64-bit integer): a larger id names no row.
LARGEST_ID = 2**63 - 1


def int_param(raw: str | None) -> int | None:
    """A non-negative integer written in ASCII digits that the database can store, or None."""
    if not raw or len(raw) > 19 or not (raw.isascii() and raw.isdigit()):
        return None
    value = int(raw)
    return value if value <= LARGEST_ID else None


def text_param(raw: str | None, limit: int = 200) -> str:
    """A free-text parameter as a query may use it: without NUL characters (PostgreSQL refuses them in a
    text), trimmed and cut at ``limit``."""
    return (raw or "").replace("\x00", "").strip()[:limit]


def parse_day(raw: str | None) -> dt.date | None:
    """The ISO date ``raw`` names, if it is one and lies between ``EARLIEST_DAY`` and ``LATEST_DAY``; else None."""
    if not raw or len(raw) > 10:
        return None
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        return None
    return day if EARLIEST_DAY <= day <= LATEST_DAY else None


def date_param(request, name: str) -> dt.date | None:
    """The ISO date in the query string, or None; a malformed one is reported to the user and ignored."""
    raw = request.GET.get(name, "")
    if not raw:
        return None
    day = parse_day(raw)
    if day is None:
        messages.error(request, _("Ngày “%(value)s” không hợp lệ; dùng dạng YYYY-MM-DD.") % {"value": raw[:40]})
    return day


def private_file(field_file) -> FileResponse:
    """Stream a stored upload as a download; the caller has already checked who may read it."""
    try:
        handle = field_file.storage.open(field_file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=os.path.basename(field_file.name))


class DeferredJoinPaginator(Paginator):
    """Counts and cuts pages on ``object_list`` (the filtered, ordered query, of which only the primary keys
    are read: an index walk, even to the last page), then reads the page's rows in full with ``rows(ids)``,
    which returns them in the same order. The joins a row needs are made for the rows of one page only."""

    def __init__(self, object_list, per_page, *, rows, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.rows = rows

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        return self._get_page(self.rows(ids) if ids else [], number, self)


class CountedPaginator(Paginator):
    """A paginator told its count (the page already counted its rows another way): no second count."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.__dict__["count"] = count  # Paginator.count is a cached property
