"""Reading the audit log: scoped to what the user may see, filtered, newest first, a page at a time.

Pages are cut by sequence number (keyset pagination), never by OFFSET, so page 50 costs what page 1
costs. A period becomes a range of sequence numbers (time never runs backwards along the chain), so
every filter is one range read of one index.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, NamedTuple

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import router
from django.db.models import Count, Exists, F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from audit.models import AuditAction, AuditEvent, ImportBatch, VerificationRun
from directory import access
from directory.search import search
from directory.selectors import UnitMap

PAGE_SIZE = 50
_BEYOND = 2**62  # a sequence number no event reaches
_EVERY_UNIT = object()  # the scope of those who read the whole log


def _history_scope(user):
    """Whose events ``user`` may read: ``_EVERY_UNIT``, the ids of the units whose events a unit officer
    reads, or ``None`` for none at all.

    A unit officer reads their unit's events and those of every unit it carries on, resolved when read (the
    events are never rewritten): a commune of 1 July 2025 reads the history of its former communes and of
    the districts they were filed under.
    """
    if access.can_read_all_history(user):
        return _EVERY_UNIT
    unit = access.unit_scope(user)
    if unit is None:
        return None
    cached = getattr(user, "_audit_history_units", None)
    if cached is None or cached[0] != unit.pk:
        cached = (unit.pk, sorted(UnitMap.current().history_of(unit.pk)))
        user._audit_history_units = cached
    return cached[1]


def visible_events(user) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.all()
    scope = _history_scope(user)
    if scope is _EVERY_UNIT:
        return events
    if scope is not None:
        return events.filter(unit_id__in=scope)
    return events.none()


@dataclass
class LogFilters:
    start: dt.date | None = None
    end: dt.date | None = None
    person: int | None = None
    model: str = ""
    action: str = ""
    unit: int | None = None
    batch: int | None = None
    text: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {name: (value.isoformat() if isinstance(value, dt.date) else value)
                for name, value in self.__dict__.items() if value not in (None, "")}


def _first_seq_from(day: dt.date):
    """The first event on or after ``day`` (local time), as a sequence-number subquery."""
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    first = AuditEvent.objects.filter(time__gte=moment).order_by("time", "seq").values("seq")[:1]
    return Coalesce(Subquery(first), Value(_BEYOND))


def filtered(events: QuerySet[AuditEvent], filters: LogFilters) -> QuerySet[AuditEvent]:
    if filters.start:
        events = events.filter(seq__gte=_first_seq_from(filters.start))
    if filters.end:
        events = events.filter(seq__lt=_first_seq_from(filters.end + dt.timedelta(days=1)))
    if filters.person:
        events = events.filter(actor_id=filters.person)
    if filters.model:
        events = events.filter(model=filters.model)
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.unit:
        events = events.filter(unit_id=filters.unit)
    if filters.batch:
        events = events.filter(batch_id=filters.batch)
    if filters.text:
        events = search(events, filters.text, "object_label", "reason", "changes", "request_id")
    return events


# What a row of the log shows; the changes and hashes are read on the change's own page.
LIST_COLUMNS = ("seq", "time", "model", "object_id", "object_label", "action", "history_type", "history_model",
                "actor_id", "ip_address", "channel", "reason", "batch_id", "unit_id")


def _with_actor_name(events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
    # The name alone, in the same query: a whole user per row would cost more than the row itself.
    return events.annotate(actor_username=F("actor__username"))


@dataclass
class LogPage:
    events: list[AuditEvent]
    older: int | None = None  # ``before`` cursor of the next (older) page
    newer: int | None = None  # ``after`` cursor of the previous (newer) page
    filters: LogFilters = field(default_factory=LogFilters)


def log_page(user, filters: LogFilters, *, before: int | None = None, after: int | None = None,
             size: int = PAGE_SIZE, columns: tuple[str, ...] = LIST_COLUMNS) -> LogPage:
    """One page of the log, newest first: the events older than ``before`` or else newer than ``after``.

    ``columns`` are the event's columns read (a row of the log page by default; the API reads them all), in
    the page's one query."""
    events = _with_actor_name(
        filtered(visible_events(user), filters).select_related("unit").only(*columns, "unit__name")
    )
    if after is not None:
        rows = list(events.filter(seq__gt=after).order_by("seq")[: size + 1])
        has_more_newer = len(rows) > size
        rows = rows[:size][::-1]
        return LogPage(rows, older=rows[-1].seq if rows else None,
                       newer=rows[0].seq if rows and has_more_newer else None, filters=filters)
    if before is not None:
        events = events.filter(seq__lt=before)
    rows = list(events.order_by("-seq")[: size + 1])
    older = rows[size - 1].seq if len(rows) > size else None
    rows = rows[:size]
    return LogPage(rows, older=older, newer=rows[0].seq if rows and before is not None else None, filters=filters)


def event_detail(user, seq: int) -> AuditEvent:
    return visible_events(user).select_related("actor", "unit", "batch").get(seq=seq)


def record_timeline(user, model: str, object_id: str) -> list[AuditEvent]:
    """Every recorded change of one record, oldest first, deleted records included.

    The query is compiled once and then run as a raw query with this record's values: building and
    compiling it through the ORM took several times as long as running it.
    """
    scope = _history_scope(user)
    if scope is None:
        return []
    if scope is not _EVERY_UNIT:
        events = visible_events(user).filter(model=model, object_id=object_id)
        return list(_with_actor_name(events.only(*LIST_COLUMNS, "changes")).order_by("seq"))
    sql, order = _timeline_query(router.db_for_read(AuditEvent))
    values = {"model": model, "object_id": object_id}
    return list(AuditEvent.objects.raw(sql, [values[name] for name in order]))


# Stand-ins for the values of a query compiled once; each tells which value goes where in its parameters.
_MARKERS = {"model": "\x00model", "object_id": "\x00object_id"}


@lru_cache(maxsize=8)
def _timeline_query(alias: str) -> tuple[str, tuple[str, ...]]:
    events = AuditEvent.objects.using(alias).filter(model=_MARKERS["model"], object_id=_MARKERS["object_id"])
    query = _with_actor_name(events.only(*LIST_COLUMNS, "changes")).order_by("seq").query
    sql, params = query.sql_with_params()
    names = {marker: name for name, marker in _MARKERS.items()}
    return sql, tuple(names[param] for param in params)


def activity_summary(user, filters: LogFilters) -> list[dict]:
    """How many changes of each kind of record and action the filtered events hold."""
    rows = (filtered(visible_events(user), filters).order_by().values("model", "action")
            .annotate(count=Count("seq")).order_by("-count"))
    actions = dict(AuditAction.choices)
    return [{**row, "model_name": model_name(row["model"]), "action_label": actions.get(row["action"], row["action"])}
            for row in rows]


def batch_list(user) -> QuerySet[ImportBatch]:
    batches = ImportBatch.objects.select_related("actor").order_by("-pk")
    scope = _history_scope(user)
    if scope is _EVERY_UNIT:
        return batches
    if scope is None:
        return batches.none()
    # A unit officer sees the batches that wrote at least one of the records they may read.
    return batches.filter(Exists(AuditEvent.objects.filter(batch=OuterRef("pk"), unit_id__in=scope)))


def batch_page(user, *, before: int | None = None, size: int = PAGE_SIZE) -> tuple[list[ImportBatch], int | None]:
    """One page of the import batches, newest first, and the cursor of the next (older) page."""
    batches = batch_list(user)
    if before is not None:
        batches = batches.filter(pk__lt=before)
    rows = list(batches[: size + 1])
    return rows[:size], rows[size - 1].pk if len(rows) > size else None


def last_verification() -> VerificationRun | None:
    """The latest run of the verification, and who ran it. The whole trail's, so the same for everyone."""
    return VerificationRun.objects.select_related("run_by").first()


# Presenting changes ------------------------------------------------------------------------------------

@cache
def _logged_models() -> tuple[type, ...]:
    from audit.history import TrackedModel

    return (*(model for model in apps.get_models() if issubclass(model, TrackedModel)), ImportBatch)


def tracked_models() -> list[tuple[str, str]]:
    """(label, verbose name) of every model whose changes are logged, for the model filter."""
    choices = [(model._meta.label_lower, str(model._meta.verbose_name).capitalize()) for model in _logged_models()]
    return sorted(choices, key=lambda choice: choice[1])


def _model(label: str) -> type | None:
    """The model an event's label names, or None for what is not a model (an export of a report, say)."""
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def model_name(label: str) -> str:
    model = _model(label)
    return str(model._meta.verbose_name).capitalize() if model is not None else label


@dataclass
class FieldChange:
    name: str
    label: str
    before: Any
    after: Any


class _FieldDisplay(NamedTuple):
    label: str
    choices: dict | None  # a choice field's labels by value
    related: str  # a relation's target, by name ("" otherwise)


@lru_cache(maxsize=4096)
def _field_display(model, name: str, language: str | None) -> _FieldDisplay:
    """How a field's values are shown, worked out once per language (a timeline asks for the same few
    fields in every version)."""
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        # A field the model no longer has may live on in its history (``history_retained_fields``).
        history = getattr(model, "history", None)
        try:
            model_field = history.model._meta.get_field(name) if history is not None else None
        except FieldDoesNotExist:
            model_field = None
        if model_field is None or model_field.verbose_name == model_field.name.replace("_", " "):
            return _FieldDisplay(name, None, "")
    label = str(model_field.verbose_name).capitalize()
    if model_field.choices:
        return _FieldDisplay(label, {value: str(text) for value, text in model_field.flatchoices}, "")
    if model_field.is_relation and model_field.related_model is not None:
        return _FieldDisplay(label, None, str(model_field.related_model._meta.verbose_name).capitalize())
    return _FieldDisplay(label, None, "")


def _shown(display: _FieldDisplay, value: Any) -> Any:
    if value is None:
        return value
    if display.choices is not None:
        return display.choices.get(value, value)
    if display.related:
        return f"{display.related} #{value}"
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    return value


def field_changes(event: AuditEvent) -> list[FieldChange]:
    """The event's changes as rows of a before/after table, with the fields' own (Vietnamese) names."""
    model = _model(event.model)
    language = get_language()
    changes = json.loads(event.changes or "{}")
    rows = []
    for name, values in changes.items():
        before, after = values if isinstance(values, list) and len(values) == 2 else (None, values)
        if model is None:
            rows.append(FieldChange(name, name, before, after))
            continue
        display = _field_display(model, name, language)
        rows.append(FieldChange(name, display.label, _shown(display, before), _shown(display, after)))
    return rows
