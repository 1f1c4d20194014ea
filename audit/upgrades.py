"""Upgrades that keep the trail verifiable: the schema change event, events written by migrations, and
backfills that write their history like any other bulk write.

- After ``migrate`` (and after a test runs the migration executor), :func:`record_schema_change` records
  the layout of every historical table that changed and one ``schema`` event naming the migrations.
- :func:`record_in_migration` writes events from inside a migration (the operations of
  :mod:`audit.operations` use it), with the events table as the migration's state has it.
- :func:`backfill` is how a data migration fills a field of existing records: it saves them, writes
  their historical rows and events, all under an import batch that names the migration.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connections, transaction
from django.utils import timezone

from audit.canonical import dumps, layout_of
from audit.chain import EventDraft, append, layout_event, recorded_layouts
from audit.context import AuditContext, Channel, acting_as, current, new_request_id
from audit.models import AuditAction, ImportOutcome
from audit.triggers import history_models


def record_schema_change(*, plan: Iterable | None, using: str = "default") -> list[EventDraft]:
    """After a migration run: the layouts now in force of the tables that changed, and a ``schema`` event
    naming the migrations applied (or unapplied) and each changed layout's digest before and after.

    Does nothing when nothing was migrated and no layout changed (a second ``migrate``).
    """
    from audit.history import system_actor

    migrations = [f"{migration.app_label}.{migration.name}" + (" (backwards)" if backwards else "")
                  for migration, backwards in plan or ()]
    with transaction.atomic(using=using), acting_as(system_actor(), channel=Channel.COMMAND,
                                                    reason="Cơ sở dữ liệu được nâng cấp (migrate)"):
        recorded = recorded_layouts(using=using)
        layouts = {label: layout_of(model) for label, model in history_models().items()}
        changed = {label: layout for label, layout in layouts.items() if recorded.layouts.get(label) != layout.digest}
        if not migrations and not changed:
            return []
        context = current()
        summary = EventDraft(
            model="audit.schema", object_id="", object_label=", ".join(migrations)[:300], action=AuditAction.SCHEMA,
            history_type="", actor_id=context.resolve_actor().pk, ip_address=None, channel=context.channel,
            request_id=context.request_id, reason=context.reason,
            changes=dumps({"op": "migrate", "migrations": migrations,
                           "layouts": {label: [recorded.layouts.get(label), layout.digest]
                                       for label, layout in sorted(changed.items())}}),
        )
        events = [layout_event(layout, like=summary) for _, layout in sorted(changed.items())]
        return append([*events, summary], using=using)


# Events written by migrations ---------------------------------------------------------------------------

def _system_actor_id(state_apps, using: str) -> int:
    """The system account, through the migration's own state of the user model."""
    user_model = state_apps.get_model(settings.AUTH_USER_MODEL)
    manager = user_model._base_manager.db_manager(using)
    actor_id = manager.filter(username=settings.AUDIT_SYSTEM_USERNAME).values_list("pk", flat=True).first()
    if actor_id is None:
        actor_id = manager.create(username=settings.AUDIT_SYSTEM_USERNAME, is_active=False,
                                  password=make_password(None)).pk
    return actor_id


def _has_rows(connection, table: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
        return cursor.fetchone() is not None


def record_in_migration(schema_editor, state_apps, items: list[tuple[str, str, dict]]) -> None:
    """Write ``schema`` events from a migration: one per (historical model label, its table, what happened).

    A table with no rows has nothing for the trail to keep, and gets no event.
    """
    connection = schema_editor.connection
    items = [item for item in items if _has_rows(connection, item[1])]
    if not items:
        return
    actor_id = _system_actor_id(state_apps, connection.alias)
    request_id = new_request_id()
    append([
        EventDraft(model=label, object_id="", object_label=table, action=AuditAction.SCHEMA, history_type="",
                   actor_id=actor_id, ip_address=None, channel=Channel.COMMAND, request_id=request_id,
                   reason=str(data.get("reason", "")), changes=dumps(data))
        for label, table, data in items
    ], using=connection.alias, event_model=state_apps.get_model("audit", "AuditEvent"))


def _is_history(model) -> bool:
    names = {field.name for field in model._meta.get_fields()}
    return model.__name__.startswith("Historical") and "history_id" in names and "m2m_history_id" not in names


def record_written_layouts(state_apps, schema_editor) -> None:
    """The layout of every historical table that already holds rows but has none recorded in the chain,
    as the migration's state has it (used once, by the migration that began recording layouts)."""
    connection = schema_editor.connection
    models = [model for model in state_apps.get_models() if _is_history(model)]
    with transaction.atomic(using=connection.alias):
        recorded = recorded_layouts(using=connection.alias)
        missing = [model for model in models if model._meta.label_lower not in recorded.layouts
                   and _has_rows(connection, model._meta.db_table)]
        if not missing:
            return
        like = EventDraft(model="", object_id="", object_label="", action="", history_type="",
                          actor_id=_system_actor_id(state_apps, connection.alias), ip_address=None,
                          channel=Channel.COMMAND, request_id=new_request_id(), reason="", changes="")
        append([layout_event(layout_of(model), like=like) for model in missing], using=connection.alias,
               event_model=state_apps.get_model("audit", "AuditEvent"))


# Backfills ----------------------------------------------------------------------------------------------

def backfill(apps, schema_editor, *, model: str, migration: str, reason: str,
             compute: Callable[[Any], dict[str, Any] | None], queryset=None, batch_size: int = 1000) -> int:
    """Fill fields of existing records in a data migration, with their history: each record changed gets a
    historical row and its event, every one of them tied to an import batch that names ``migration``.

    ``compute(record)`` returns the fields to set ({name: value}) or ``None`` to leave the record be.
    Records are read in primary-key order, ``batch_size`` at a time. Returns how many changed.
    """
    record_model = apps.get_model(model)
    history_model = apps.get_model(record_model._meta.app_label, f"Historical{record_model.__name__}")
    connection = connections[schema_editor.connection.alias]
    using = connection.alias
    records = (queryset if queryset is not None else record_model._base_manager.all()).using(using)
    if not records.exists():
        return 0
    event_model = apps.get_model("audit", "AuditEvent")
    batch_model = apps.get_model("audit", "ImportBatch")
    actor_id = _system_actor_id(apps, using)
    layout = layout_of(history_model)
    tracked = [field for field in history_model._meta.concrete_fields
               if field.attname in {own.attname for own in record_model._meta.concrete_fields}]
    pk_name = record_model._meta.pk.attname
    changed_total = 0
    with transaction.atomic(using=using):
        batch = batch_model._base_manager.db_manager(using).create(
            kind=record_model._meta.label_lower, file_name=migration[:255], actor_id=actor_id,
            started_at=timezone.now(), outcome=ImportOutcome.RUNNING,
        )
        context = AuditContext(channel=Channel.COMMAND, reason=reason, request_id=new_request_id(), batch=batch)
        last = None
        while True:
            page = records.order_by(pk_name)
            if last is not None:
                page = page.filter(pk__gt=last)
            page = list(page[:batch_size])
            if not page:
                break
            last = getattr(page[-1], pk_name)
            changed_total += _backfill_page(page, compute, record_model, history_model, layout, tracked,
                                            actor_id, context, reason, event_model, using)
        batch.finished_at, batch.outcome, batch.row_count = timezone.now(), ImportOutcome.SUCCEEDED, changed_total
        batch.save(update_fields=["finished_at", "outcome", "row_count"])
        append([EventDraft(
            model="audit.importbatch", object_id=str(batch.pk), object_label=f"#{batch.pk} {migration}"[:300],
            action=AuditAction.IMPORT, history_type="", actor_id=actor_id, ip_address=None,
            channel=Channel.COMMAND, request_id=context.request_id, reason=reason,
            changes=dumps({"kind": batch.kind, "file_name": batch.file_name, "sha256": "", "sheet": "",
                           "row_count": changed_total, "outcome": batch.outcome, "message": ""}),
            batch_id=batch.pk,
        )], using=using, event_model=event_model)
    return changed_total


def _backfill_page(page, compute, record_model, history_model, layout, tracked, actor_id, context, reason,
                   event_model, using) -> int:
    from audit.recording import event_for, units_of

    changed, before_states, fields = [], [], set()
    for record in page:
        values = compute(record)
        if not values:
            continue
        before = {field.attname: getattr(record, field.attname) for field in record_model._meta.concrete_fields}
        for name, value in values.items():
            setattr(record, name, value)
        if all(before[record_model._meta.get_field(name).attname] == getattr(record, name) for name in values):
            continue
        fields.update(values)
        changed.append(record)
        before_states.append(before)
    if not changed:
        return 0
    record_model._base_manager.db_manager(using).bulk_update(changed, sorted(fields))
    now = timezone.now()
    reason_field = history_model._meta.get_field("history_change_reason")
    rows = [history_model(
        **{field.attname: getattr(record, field.attname) for field in tracked},
        history_date=now, history_type="~", history_user_id=actor_id,
        history_change_reason=reason[: reason_field.max_length] if reason_field.max_length else reason,
        history_channel=context.channel, history_request_id=context.request_id, history_ip_address=None,
    ) for record in changed]
    rows = history_model._base_manager.db_manager(using).bulk_create(rows)
    snapshots = _m2m_snapshots(record_model, history_model, layout, changed, rows, using)
    units = units_of(record_model, changed)
    events = [
        event_for(record, row, before=before, unit_id=unit_id, m2m=snapshot, context=context)
        for record, row, before, unit_id, snapshot in zip(changed, rows, before_states, units, snapshots, strict=True)
    ]
    # A state model has no __str__ of its own: the record keeps the label its last event gave it.
    labels = dict(event_model._base_manager.db_manager(using).filter(
        model=record_model._meta.label_lower, object_id__in=[event.object_id for event in events],
    ).order_by("seq").values_list("object_id", "object_label"))
    for event in events:
        event.object_label = labels.get(event.object_id, event.object_label)
    append(events, using=using, event_model=event_model)
    return len(changed)


def _m2m_snapshots(record_model, history_model, layout, records, rows, using) -> list[dict[str, list[int]]]:
    """Copy each record's many-to-many links into its new historical row's snapshot tables."""
    snapshots = [layout.empty_m2m() for _ in records]
    state_apps = history_model._meta.apps
    for name, table, target in layout.m2m:
        field = record_model._meta.get_field(name)
        through = field.remote_field.through
        source = field.m2m_field_name()
        snapshot_model = next(model for model in state_apps.get_models() if model._meta.db_table == table)
        links: dict[Any, list[int]] = {}
        for owner_id, target_id in through._base_manager.db_manager(using).filter(
            **{f"{source}__in": [record.pk for record in records]}
        ).values_list(f"{source}_id", target):
            links.setdefault(owner_id, []).append(target_id)
        copies = []
        for record, row, snapshot in zip(records, rows, snapshots):
            for target_id in links.get(record.pk, ()):
                snapshot[name].append(target_id)
                copies.append(snapshot_model(history_id=row.history_id,
                                             **{f"{source}_id": record.pk, target: target_id}))
        snapshot_model._base_manager.db_manager(using).bulk_create(copies)
    return snapshots
