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
from django.db import transaction
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

class _MigrationBatch:
    """History written by a data migration: the records' historical rows and their events, under one import
    batch that names the migration, all in the migration's transaction and through its state models."""

    def __init__(self, apps, schema_editor, *, model: str, migration: str, reason: str):
        self.record_model = apps.get_model(model)
        self.history_model = apps.get_model(self.record_model._meta.app_label,
                                            f"Historical{self.record_model.__name__}")
        self.using = schema_editor.connection.alias
        self.event_model = apps.get_model("audit", "AuditEvent")
        self.batch_model = apps.get_model("audit", "ImportBatch")
        self.actor_id = _system_actor_id(apps, self.using)
        self.layout = layout_of(self.history_model)
        own = {field.attname for field in self.record_model._meta.concrete_fields}
        self.tracked = [field for field in self.history_model._meta.concrete_fields if field.attname in own]
        self.migration, self.reason, self.count = migration, reason, 0

    def __enter__(self) -> _MigrationBatch:
        self.atomic = transaction.atomic(using=self.using)
        self.atomic.__enter__()
        self.batch = self.batch_model._base_manager.db_manager(self.using).create(
            kind=self.record_model._meta.label_lower, file_name=self.migration[:255], actor_id=self.actor_id,
            started_at=timezone.now(), outcome=ImportOutcome.RUNNING,
        )
        self.context = AuditContext(channel=Channel.COMMAND, reason=self.reason, request_id=new_request_id(),
                                    batch=self.batch)
        return self

    def __exit__(self, kind, error, traceback):
        if kind is None:
            batch = self.batch
            batch.finished_at, batch.outcome, batch.row_count = timezone.now(), ImportOutcome.SUCCEEDED, self.count
            batch.save(update_fields=["finished_at", "outcome", "row_count"])
            self._append([EventDraft(
                model="audit.importbatch", object_id=str(batch.pk), object_label=f"#{batch.pk} {self.migration}"[:300],
                action=AuditAction.IMPORT, history_type="", actor_id=self.actor_id, ip_address=None,
                channel=Channel.COMMAND, request_id=self.context.request_id, reason=self.reason,
                changes=dumps({"kind": batch.kind, "file_name": batch.file_name, "sha256": "", "sheet": "",
                               "row_count": self.count, "outcome": batch.outcome, "message": ""}),
                batch_id=batch.pk,
            )])
        return self.atomic.__exit__(kind, error, traceback)

    def _append(self, events: list[EventDraft]) -> None:
        append(events, using=self.using, event_model=self.event_model)

    def record(self, records: list, befores: list[dict | None], history_type: str) -> None:
        """The historical rows of ``records`` just saved, and their events."""
        from audit.recording import event_for, units_of

        now = timezone.now()
        reason_field = self.history_model._meta.get_field("history_change_reason")
        reason = self.reason[: reason_field.max_length] if reason_field.max_length else self.reason
        rows = self.history_model._base_manager.db_manager(self.using).bulk_create([self.history_model(
            **{field.attname: getattr(record, field.attname) for field in self.tracked},
            history_date=now, history_type=history_type, history_user_id=self.actor_id, history_change_reason=reason,
            history_channel=self.context.channel, history_request_id=self.context.request_id, history_ip_address=None,
        ) for record in records])
        snapshots = _m2m_snapshots(self.record_model, self.history_model, self.layout, records, rows, self.using)
        units = units_of(self.record_model, records)
        events = [
            event_for(record, row, before=before, unit_id=unit_id, m2m=snapshot, context=self.context)
            for record, row, before, unit_id, snapshot in zip(records, rows, befores, units, snapshots, strict=True)
        ]
        # A state model has no __str__ of its own: a record keeps the label its last event gave it.
        labels = dict(self.event_model._base_manager.db_manager(self.using).filter(
            model=self.record_model._meta.label_lower, object_id__in=[event.object_id for event in events],
        ).order_by("seq").values_list("object_id", "object_label"))
        for event in events:
            event.object_label = labels.get(event.object_id, event.object_label)
        self._append(events)
        self.count += len(records)


def backfill(apps, schema_editor, *, model: str, migration: str, reason: str,
             compute: Callable[[Any], dict[str, Any] | None], queryset=None, batch_size: int = 1000) -> int:
    """Fill fields of existing records in a data migration, with their history: each record changed gets a
    historical row and its event, every one of them tied to an import batch that names ``migration``.

    ``compute(record)`` returns the fields to set ({name: value}) or ``None`` to leave the record be.
    Records are read in primary-key order, ``batch_size`` at a time. Returns how many changed.
    """
    record_model = apps.get_model(model)
    using = schema_editor.connection.alias
    records = (queryset if queryset is not None else record_model._base_manager.all()).using(using)
    if not records.exists():
        return 0
    pk_name = record_model._meta.pk.attname
    with _MigrationBatch(apps, schema_editor, model=model, migration=migration, reason=reason) as batch:
        last = None
        while True:
            page = records.order_by(pk_name)
            if last is not None:
                page = page.filter(pk__gt=last)
            page = list(page[:batch_size])
            if not page:
                break
            last = getattr(page[-1], pk_name)
            changed, befores, fields = [], [], set()
            for record in page:
                values = compute(record)
                if not values:
                    continue
                before = {field.attname: getattr(record, field.attname)
                          for field in record_model._meta.concrete_fields}
                for name, value in values.items():
                    setattr(record, name, value)
                if all(before[record_model._meta.get_field(name).attname] == getattr(record, name) for name in values):
                    continue
                fields.update(values)
                changed.append(record)
                befores.append(before)
            if changed:
                record_model._base_manager.db_manager(using).bulk_update(changed, sorted(fields))
                batch.record(changed, befores, "~")
        return batch.count


def backfill_create(apps, schema_editor, *, model: str, migration: str, reason: str, records: Iterable,
                    batch_size: int = 1000) -> int:
    """Create records in a data migration (instances of the state's ``model``), with their history, under an
    import batch that names ``migration``. Returns how many were created."""
    records = list(records)
    if not records:
        return 0
    record_model = apps.get_model(model)
    with _MigrationBatch(apps, schema_editor, model=model, migration=migration, reason=reason) as batch:
        for start in range(0, len(records), batch_size):
            page = record_model._base_manager.db_manager(batch.using).bulk_create(records[start:start + batch_size])
            batch.record(page, [None] * len(page), "+")
        return batch.count


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
