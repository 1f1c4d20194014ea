"""Turning historical rows into audit events, one at a time or in bulk.

Every historical row simple-history writes becomes an event in the same transaction: a single save through
the ``post_create_historical_record`` signal, a bulk write through :class:`AuditedHistoryManager`'s
``bulk_history_create``. The event carries the audit context (who, channel, address, request id, reason,
import batch), the fields that changed with their values before and after, and the district-level unit
the record belongs to, read from the model's ``audit_unit_paths``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from simple_history.manager import HistoryManager

from audit.canonical import digest_of, dumps, encode, encoder_for, layout_of
from audit.chain import EventDraft, append
from audit.inserts import insert, new_row
from audit.context import AuditContext, current
from audit.models import AuditAction

HISTORY_ACTIONS = {"+": AuditAction.CREATE, "~": AuditAction.UPDATE, "-": AuditAction.DELETE}


def model_label(model: type[models.Model]) -> str:
    return model._meta.label_lower


# The units events are filed under ---------------------------------------------------------------------

_district_of: dict[int, int | None] = {}


def _load_district_map() -> None:
    from directory.models import AdministrativeUnit, reports_on_its_own

    rows = {pk: (parent, kind) for pk, parent, kind in AdministrativeUnit.objects.values_list("pk", "parent_id", "kind")}
    mapping: dict[int, int | None] = {}
    for pk in rows:
        current_pk: int | None = pk
        while current_pk is not None:
            parent, kind = rows[current_pk]
            if reports_on_its_own(kind, rows[parent][1] if parent in rows else None):
                break
            current_pk = parent
        mapping[pk] = current_pk
    _district_of.clear()
    _district_of.update(mapping)


def district_level(unit_id: int | None) -> int | None:
    """The unit a unit's records are filed under: a department, a district-level unit, or a commune of the
    province since 1 July 2025 (see ``directory.models.reports_on_its_own``). Units are never re-parented."""
    if unit_id is None:
        return None
    if unit_id not in _district_of:
        _load_district_map()
    return _district_of.get(unit_id)


def _walk(instance: models.Model, parts: Sequence[str]) -> tuple[bool, Any]:
    """Follow ``parts`` through relations already in memory; (False, None) if one would need a query."""
    obj = instance
    for index, part in enumerate(parts):
        field = obj._meta.get_field(part)
        if index == len(parts) - 1:
            return True, getattr(obj, field.attname)
        if not field.is_cached(obj):
            return False, None
        obj = getattr(obj, part)
        if obj is None:
            return True, None
    return True, None


def _unit_paths(model: type[models.Model]) -> tuple[str, ...]:
    paths = getattr(model, "audit_unit_paths", None)
    if paths is not None:
        return paths
    # A migration's state model (a backfill) carries no class attributes: the code's model names the paths,
    # which hold as far as the state already has their fields.
    from django.apps import apps

    try:
        paths = apps.get_model(model._meta.label_lower).audit_unit_paths
    except (LookupError, AttributeError):
        return ()
    return tuple(path for path in paths if path == "self" or _has_path(model, path.split("__")))


def _has_path(model: type[models.Model], parts: Sequence[str]) -> bool:
    for part in parts:
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        model = field.related_model
    return True


def units_of(model: type[models.Model], instances: Sequence[models.Model]) -> list[int | None]:
    """The district-level unit each instance belongs to, with at most one query per path."""
    paths = _unit_paths(model)
    found: list[int | None] = [None] * len(instances)
    for path in paths:
        if path == "self":
            for index, instance in enumerate(instances):
                found[index] = found[index] or instance.pk
            continue
        parts = path.split("__")
        missing: dict[int, list[int]] = defaultdict(list)
        for index, instance in enumerate(instances):
            if found[index] is not None:
                continue
            known, value = _walk(instance, parts)
            if known:
                found[index] = value
            else:
                missing[getattr(instance, model._meta.get_field(parts[0]).attname)].append(index)
        missing.pop(None, None)
        if missing:
            related = model._meta.get_field(parts[0]).related_model
            for pk, unit_id in related._base_manager.filter(pk__in=list(missing)).values_list("pk", "__".join(parts[1:])):
                for index in missing[pk]:
                    found[index] = unit_id
    return [district_level(unit_id) for unit_id in found]


# Changes --------------------------------------------------------------------------------------------

def _tracked(history_model) -> tuple[list, str]:
    """The record's fields its historical table copies, and the record's primary key."""
    tracked = getattr(history_model, "tracked_fields", None)
    if tracked is not None:
        return tracked, history_model.instance_type._meta.pk.attname
    # A migration's state model (a backfill): its record's model in the same state says which columns are
    # the record's own rather than the history's.
    opts = history_model._meta
    record = opts.apps.get_model(opts.app_label, opts.object_name.removeprefix("Historical"))
    own = {field.attname for field in record._meta.concrete_fields}
    return [field for field in opts.concrete_fields if field.attname in own], record._meta.pk.attname


def _field_codecs(history_model) -> list[tuple[str, str, Any]]:
    cached = history_model.__dict__.get("_audit_field_codecs")
    if cached is None:
        tracked, primary_key = _tracked(history_model)  # the primary key is already the event's object id
        cached = [(field.name, field.attname, encoder_for(field)) for field in tracked
                  if field.attname != primary_key]
        history_model._audit_field_codecs = cached
    return cached


def _empty(value) -> bool:
    return value is None or value == "" or value == "[]" or value == "{}"


def changes_of(history_type: str, before: dict | None, history_model, after: dict[str, Any]) -> dict[str, list]:
    """{field name: [before, after]} for the fields a change touched, in canonical form.

    ``after`` maps the historical row's columns to their encoded values, ``before`` the record's columns
    to their raw values as loaded.
    """
    changes: dict[str, list] = {}
    for name, attname, encoder in _field_codecs(history_model):
        value = after[attname]
        if history_type == "+":
            if not _empty(value):
                changes[name] = [None, value]
        elif history_type == "-":
            if not _empty(value):
                changes[name] = [value, None]
        else:
            previous = (before or {}).get(attname, models.DEFERRED)
            prior = None if previous is models.DEFERRED else encode(encoder, previous)
            if prior != value:
                changes[name] = [prior, value]
    return changes


def _before_state(instance, history_instance) -> dict | None:
    """What the record held before this change: as loaded, or else its previous version."""
    state = getattr(instance, "_audit_loaded_state", None)
    if state is not None and models.DEFERRED not in state.values():
        return state
    history_model = type(history_instance)
    pk_name = instance._meta.pk.attname
    previous = (
        history_model._base_manager.filter(**{pk_name: instance.pk}, history_id__lt=history_instance.history_id)
        .order_by("-history_id").first()
    )
    if previous is None:
        return state
    fallback = {attname: getattr(previous, attname) for _, attname, _ in _field_codecs(history_model)}
    if state is not None:
        fallback.update({key: value for key, value in state.items() if value is not models.DEFERRED})
    return fallback


def _label(instance) -> str:
    try:
        return str(instance)[:300]
    except Exception:  # a label is a convenience; a broken __str__ must not block the change
        return f"{instance._meta.verbose_name} #{instance.pk}"[:300]


def event_for(instance, history_instance, *, before: dict | None, unit_id: int | None,
              m2m: dict[str, list[int]] | None = None, context: AuditContext | None = None) -> EventDraft:
    context = context or current()
    history_type = history_instance.history_type
    history_model = type(history_instance)
    layout = layout_of(history_model)
    encoded = layout.encode(layout.values_of(history_instance))  # once, for changes and digest
    return EventDraft(
        model=model_label(type(instance)),
        object_id=str(instance.pk),
        object_label=_label(instance),
        action=context.action or HISTORY_ACTIONS[history_type],
        history_type=history_type,
        actor_id=history_instance.history_user_id,
        ip_address=history_instance.history_ip_address,
        channel=history_instance.history_channel,
        request_id=history_instance.history_request_id,
        reason=history_instance.history_change_reason or "",
        changes=dumps(changes_of(history_type, before, history_model, dict(zip(layout.attnames, encoded)))),
        history_model=model_label(history_model),
        history_id=history_instance.history_id,
        row_digest=digest_of(encoded, m2m if layout.m2m else None),
        batch_id=getattr(context.batch, "pk", None),
        unit_id=unit_id,
        layout=layout,
    )


def record_history_row(instance, history_instance) -> None:
    """The event for one historical row just written by a save or a delete."""
    before = None if history_instance.history_type == "+" else _before_state(instance, history_instance)
    m2m = {**layout_of(type(history_instance)).empty_m2m(), **getattr(history_instance, "_audit_m2m", {})}
    [unit_id] = units_of(type(instance), [instance])
    append([event_for(instance, history_instance, before=before, unit_id=unit_id, m2m=m2m)])


def record_m2m_rows(history_instance, field, created_rows) -> None:
    """Keep a historical row's many-to-many snapshot, which its digest covers."""
    target = field.m2m_reverse_field_name()
    snapshot = getattr(history_instance, "_audit_m2m", None) or {}
    snapshot[field.name] = sorted(getattr(row, f"{target}_id") for row in created_rows)
    history_instance._audit_m2m = snapshot


class AuditedHistoryManager(HistoryManager):
    """simple-history's manager whose bulk history writes also write their events, in bulk."""

    def bulk_history_create(self, objs, batch_size=None, update=False, default_user=None,
                            default_change_reason="", default_date=None, custom_historical_attrs=None):
        objs = list(objs)
        context = current()
        attrs = {
            "history_channel": context.channel,
            "history_request_id": context.request_id,
            "history_ip_address": context.ip_address,
            **(custom_historical_attrs or {}),
        }
        rows = self._historical_rows(objs, update=update, default_user=default_user,
                                     default_change_reason=default_change_reason or context.reason,
                                     default_date=default_date, custom_historical_attrs=attrs)
        if not rows:
            return rows
        insert(self.model, rows)
        model = self.model.instance_type
        units = units_of(model, objs)
        events = [
            event_for(instance, row, before=getattr(instance, "_audit_loaded_state", None) if update else None,
                      unit_id=unit_id, m2m=layout_of(self.model).empty_m2m(), context=context)
            for instance, row, unit_id in zip(objs, rows, units, strict=True)
        ]
        append(events)
        for instance in objs:
            if hasattr(instance, "_remember_loaded_state"):
                instance._remember_loaded_state()
        return rows


    def _historical_rows(self, objs, *, update, default_user, default_change_reason, default_date,
                         custom_historical_attrs) -> list:
        """The historical rows simple-history's ``bulk_history_create`` builds, to be inserted by ``insert``."""
        from simple_history.utils import get_change_reason_from_object

        if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            return []
        history_type = "~" if update else "+"
        tracked = [field.attname for field in self.model.tracked_fields]
        now = timezone.now()
        # The acting user, the same for every row (it comes from the audit context, not the row).
        user = default_user or (self.model.get_default_history_user(objs[0]) if objs else None)
        defaults = {field.attname: field.get_default() for field in self.model._meta.concrete_fields}
        tracked = [field.attname for field in self.model.tracked_fields]
        relation = hasattr(self.model, "history_relation")
        rows = []
        for instance in objs:
            values = dict(defaults)
            values.update({attname: getattr(instance, attname) for attname in tracked})
            values.update(custom_historical_attrs)
            row_user = getattr(instance, "_history_user", user)
            values.update(
                history_id=None, history_date=getattr(instance, "_history_date", default_date or now),
                history_user_id=row_user.pk if row_user is not None else None, history_type=history_type,
                history_change_reason=get_change_reason_from_object(instance) or default_change_reason,
            )
            if relation:
                values["history_relation_id"] = instance.pk
            rows.append(new_row(self.model, values))
        return rows


def record_event(*, action: str, model: str, object_id: str = "", object_label: str = "",
                 changes: dict | None = None, actor=None, unit_id: int | None = None) -> EventDraft:
    """An event that is not a record's change (an import's summary, an export), written now."""
    from audit.history import acting_user

    context = current()
    [event] = append([EventDraft(
        model=model, object_id=str(object_id), object_label=object_label[:300], action=action, history_type="",
        actor_id=acting_user(actor).pk, ip_address=context.ip_address, channel=context.channel,
        request_id=context.request_id, reason=context.reason, changes=dumps(changes or {}),
        batch_id=getattr(context.batch, "pk", None), unit_id=unit_id,
    )])
    return event
