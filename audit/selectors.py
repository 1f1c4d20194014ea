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
from django.db import models, router
from django.db.models import Count, Exists, F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from audit import masking
from audit.canonical import layout_of
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


def filtered(user, filters: LogFilters) -> QuerySet[AuditEvent]:
    """The events ``user`` may read that pass ``filters``. The text is searched in the changes only where
    the user reads every field of the record (see :mod:`audit.masking`)."""
    events = visible_events(user)
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
        events = search(events, filters.text, "object_label", "reason", masking.searchable_changes(user),
                        "request_id")
    return events


# What a row of the log shows; the changes and hashes are read on the change's own page.
LIST_COLUMNS = ("seq", "time", "model", "object_id", "object_label", "action", "history_type", "history_model",
                "history_id", "actor_id", "ip_address", "channel", "reason", "batch_id", "unit_id")


def _with_actor_name(events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
    # The names alone, in the same query: a whole user per row would cost more than the row itself.
    return events.annotate(actor_username=F("actor__username"), actor_full_name=F("actor__full_name"))


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
        filtered(user, filters).select_related("unit").only(*columns, "unit__name")
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
    rows = (filtered(user, filters).order_by().values("model", "action")
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
    choices = [(model._meta.label_lower, capfirst(str(model._meta.verbose_name))) for model in _logged_models()]
    return sorted(choices, key=lambda choice: choice[1])


def _model(label: str) -> type | None:
    """The model an event's label names, or None for what is not a model (an export of a report, say)."""
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def model_name(label: str) -> str:
    model = _model(label)
    return capfirst(str(model._meta.verbose_name)) if model is not None else label


@dataclass
class FieldChange:
    name: str
    label: str
    before: Any
    after: Any


class _FieldDisplay(NamedTuple):
    label: str
    kind: str  # "choice", "related", "many", "date", "datetime" or "" for a value shown as it is
    choices: dict | None = None  # a choice field's labels by value
    related: type | None = None  # a relation's target model


_PLAIN = ""


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
            return _FieldDisplay(name, _PLAIN)
    label = capfirst(str(model_field.verbose_name))
    if model_field.choices:
        return _FieldDisplay(label, "choice", {value: str(text) for value, text in model_field.flatchoices})
    if model_field.is_relation and model_field.related_model is not None:
        return _FieldDisplay(label, "many" if model_field.many_to_many else "related",
                             related=model_field.related_model)
    if isinstance(model_field, models.DateTimeField):
        return _FieldDisplay(label, "datetime")
    if isinstance(model_field, models.DateField):
        return _FieldDisplay(label, "date")
    return _FieldDisplay(label, _PLAIN)


def _record_names(wanted: dict[type, set]) -> dict[tuple[type, str], str]:
    """The name of each record wanted ({model: ids}), as the log last wrote it (deleted records too): one
    query per model."""
    names = {}
    for model, ids in wanted.items():
        label = model._meta.label_lower
        keys = [str(pk) for pk in ids]
        last = AuditEvent.objects.filter(model=label, object_id=OuterRef("object_id")).order_by("-seq")
        rows = AuditEvent.objects.filter(model=label, object_id__in=keys, seq=Subquery(last.values("seq")[:1]))
        for object_id, object_label in rows.values_list("object_id", "object_label"):
            names[(model, object_id)] = object_label
    return names


def _day(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return value


def _moment(value: str) -> str:
    try:
        return timezone.localtime(dt.datetime.fromisoformat(value)).strftime("%d/%m/%Y %H:%M:%S")
    except (TypeError, ValueError):
        return value


def _shown(display: _FieldDisplay, value: Any, names: dict, hidden_value: str) -> Any:
    if value is None or value == hidden_value:
        return value
    kind = display.kind
    if kind == "choice":
        return display.choices.get(value, value)
    if kind == "related":
        return names.get((display.related, str(value))) or f"{capfirst(display.related._meta.verbose_name)} #{value}"
    if kind == "many":
        return ", ".join(names.get((display.related, str(pk))) or f"#{pk}" for pk in value) if value else None
    if kind == "date":
        return _day(value)
    if kind == "datetime":
        return _moment(value)
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    return value


def _many_to_many_changes(events) -> dict[int, dict[str, list]]:
    """What each event changed in its record's many-to-many fields ({seq: {field: [before ids, after ids]}}).

    The log's changes hold the record's own columns; the many-to-many snapshots live in simple-history's
    tables, beside each version. A version is compared with the one before it: one query per history model
    for the previous versions, one per many-to-many table for the snapshots."""
    by_history: dict[type, list] = {}
    for event in events:
        if event.history_model and event.history_id and event.history_type != "-":
            history_model = _model(event.history_model)
            if history_model is not None and layout_of(history_model).m2m:
                by_history.setdefault(history_model, []).append(event)
    found: dict[int, dict[str, list]] = {}
    for history_model, chunk in by_history.items():
        pk_name = history_model.instance_type._meta.pk.attname
        rows = history_model._base_manager.filter(history_id__in=[event.history_id for event in chunk])
        earlier = history_model._base_manager.filter(**{pk_name: OuterRef(pk_name)},
                                                     history_id__lt=OuterRef("history_id"))
        previous = dict(rows.annotate(previous=Subquery(earlier.order_by("-history_id").values("history_id")[:1]))
                        .values_list("history_id", "previous"))
        versions = {*previous, *(pk for pk in previous.values() if pk is not None)}
        for name, _table, target in layout_of(history_model).m2m:
            through = apps.get_model(history_model._meta.app_label, f"{history_model.__name__}_{name}")
            snapshots: dict[int, set] = {}
            for history_id, target_id in through._base_manager.filter(history_id__in=versions).values_list(
                    "history_id", target):
                snapshots.setdefault(history_id, set()).add(target_id)
            for event in chunk:
                before = snapshots.get(previous.get(event.history_id), set())
                after = snapshots.get(event.history_id, set())
                if before != after:
                    found.setdefault(event.seq, {})[name] = [sorted(before) or None, sorted(after) or None]
    return found


def presented_changes(events, hidden: dict[int, frozenset[str]]) -> dict[int, list[FieldChange]]:
    """Each event's changes ({seq: rows of a before/after table}) in words: the fields' own (Vietnamese)
    names, choices by their labels, related records by their names, dates as dd/mm/yyyy and times in local
    time, many-to-many changes included; the values of the fields ``hidden`` from the reader (by seq)
    replaced by a placeholder. A fixed number of queries for any number of events."""
    language = get_language()
    hidden_value = masking.placeholder()
    many = _many_to_many_changes(events)
    parsed, wanted = [], {}
    for event in events:
        model = _model(event.model)
        changes = {**json.loads(event.changes or "{}"), **many.get(event.seq, {})}
        changes = masking.masked(changes, hidden.get(event.seq, masking.NOTHING))
        rows = []
        for name, values in changes.items():
            before, after = values if isinstance(values, list) and len(values) == 2 else (None, values)
            display = _field_display(model, name, language) if model is not None else _FieldDisplay(name, _PLAIN)
            if display.kind in ("related", "many"):
                for value in (before, after):
                    if value is not None and value != hidden_value:
                        wanted.setdefault(display.related, set()).update(
                            value if display.kind == "many" else [value])
            rows.append((name, display, before, after))
        parsed.append((event.seq, rows))
    names = _record_names(wanted)
    return {seq: [FieldChange(name, display.label, _shown(display, before, names, hidden_value),
                              _shown(display, after, names, hidden_value))
                  for name, display, before, after in rows]
            for seq, rows in parsed}


def field_changes(event: AuditEvent, hidden: frozenset[str] = masking.NOTHING) -> list[FieldChange]:
    """One event's changes in words (see :func:`presented_changes`)."""
    return presented_changes([event], {event.seq: hidden})[event.seq]
