"""The layouts the chain records: enough for an auditor to recompute any digest with the standard library
alone, as the README describes it; and chained like every event."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection

from audit import triggers
from audit.models import AuditAction, AuditEvent
from audit.verify import verify

pytestmark = pytest.mark.django_db


# The README's recipe, written from it with nothing of the application's code ------------------------------

def canonical(value, codec: str):
    if value is None:
        return None
    if codec == "int":
        return int(value)
    if codec == "bool":
        return bool(value)
    if codec == "float":
        return float(value)
    if codec == "date":
        return value if isinstance(value, str) else value.isoformat()
    if codec == "datetime":
        moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
        moment = moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
        return moment.isoformat(timespec="microseconds")
    if codec == "time":
        return (dt.time.fromisoformat(value) if isinstance(value, str) else value).isoformat(timespec="microseconds")
    if codec.startswith("decimal:"):
        return str(Decimal(str(value)).quantize(Decimal(1).scaleb(-int(codec.split(":")[1]))))
    if codec == "ip":
        return str(ipaddress.ip_address(str(value)))
    if codec == "json":
        return json.dumps(json.loads(value) if isinstance(value, str) else value, sort_keys=True,
                          ensure_ascii=False, separators=(",", ":"))
    return str(value)


def sha256_of(value) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def raw(table: str, columns: list[str], where: str, params: list) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(connection.ops.quote_name(c) for c in columns)} FROM "
                       f"{connection.ops.quote_name(table)} WHERE {where}", params)
        return cursor.fetchone()


def test_an_auditor_recomputes_an_event_and_its_row_with_the_standard_library(initiative_lucngan):
    event = AuditEvent.objects.filter(model="initiatives.initiative").order_by("-seq").first()
    # The layout in force for the row: the last one recorded before its event (else the table's first).
    layouts = list(AuditEvent.objects.filter(action=AuditAction.LAYOUT, model=event.history_model).order_by("seq"))
    layout_event = ([item for item in layouts if item.seq < event.seq] or layouts)[-1]
    layout = json.loads(layout_event.changes)
    assert hashlib.sha256(layout_event.changes.encode()).hexdigest() == layout_event.row_digest
    assert {codec for _, codec in layout["columns"]} >= {"date", "datetime", "int", "text"}

    values = raw(layout["table"], [column for column, _ in layout["columns"]], "history_id = %s", [event.history_id])
    row = [canonical(value, codec) for value, (_, codec) in zip(values, layout["columns"])]
    for name, table, target in layout["m2m"]:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {target} FROM {table} WHERE history_id = %s", [event.history_id])
            row.append({name: sorted(target_id for (target_id,) in cursor.fetchall())})
    assert sha256_of(row) == event.row_digest

    # The events' format: the first one, until a layout event of audit.auditevent records another.
    assert not AuditEvent.objects.filter(action=AuditAction.LAYOUT, model="audit.auditevent").exists()
    columns = ["seq", "time", "model", "object_id", "object_label", "action", "history_type", "actor_id",
               "ip_address", "channel", "request_id", "reason", "changes", "history_model", "history_id",
               "row_digest", "batch_id", "unit_id", "prev_hash"]
    codecs = {"seq": "int", "time": "datetime", "actor_id": "int", "ip_address": "ip", "history_id": "int",
              "batch_id": "int", "unit_id": "int"}
    stored = raw(AuditEvent._meta.db_table, columns, "seq = %s", [event.seq])
    encoded = [canonical(value, codecs.get(column, "text")) for value, column in zip(stored, columns)]
    assert sha256_of(encoded) == event.hash


def test_a_layout_altered_behind_the_applications_back_is_named(initiative_lucngan):
    layout = AuditEvent.objects.filter(action=AuditAction.LAYOUT, model="initiatives.historicalinitiative").first()
    triggers.uninstall(connection)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {AuditEvent._meta.db_table} SET changes = replace(changes, '\"date\"', '\"text\"') "
                       "WHERE seq = %s", [layout.seq])
    report = verify()
    assert {(item.kind, item.seq) for item in report.breaks} >= {("altered", layout.seq)}


def test_a_migrate_with_nothing_to_do_writes_nothing(initiative_lucngan):
    call_command("migrate", verbosity=0)  # records the layouts of tables not written yet, if any
    head = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True)[0]
    call_command("migrate", verbosity=0)
    assert AuditEvent.objects.order_by("-seq").values_list("seq", flat=True)[0] == head
