"""Proving the trail was not altered: recompute the chain, cross-check events and historical rows.

Reads the events in sequence order, a chunk at a time, and for each chunk the historical rows its events
point to. Reports every break it finds, each named: an event altered, events removed, an event inserted
or moved, a historical row changed or deleted behind the application's back, a historical row with no
event, a chain shorter than a signed checkpoint says.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone

from audit.canonical import (
    EVENT_COLUMNS,
    GENESIS_HASH,
    m2m_layout,
    row_layout,
    stored_event_hash,
    stored_row_digest,
)
from audit.models import AuditEvent, Checkpoint
from audit.triggers import historical_tables, is_m2m_history

CHUNK = 20_000


@dataclass
class Break:
    kind: str
    seq: int | None
    detail: str

    def __str__(self) -> str:
        where = f"#{self.seq}: " if self.seq is not None else ""
        return f"[{self.kind}] {where}{self.detail}"


@dataclass
class Report:
    events: int = 0
    rows: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS_HASH
    breaks: list[Break] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.breaks


# Checkpoints ------------------------------------------------------------------------------------------

def checkpoint_key() -> bytes:
    key = settings.AUDIT_CHECKPOINT_KEY
    if not key:
        raise ImproperlyConfigured("AUDIT_CHECKPOINT_KEY must be set to sign or check audit checkpoints.")
    return key.encode()


def _checkpoint_message(seq: int, hash_: str, created_at: str) -> bytes:
    return f"{seq}|{hash_}|{created_at}".encode()


def sign(seq: int, hash_: str, created_at: str) -> str:
    return hmac.new(checkpoint_key(), _checkpoint_message(seq, hash_, created_at), hashlib.sha256).hexdigest()


def make_checkpoint() -> dict:
    """Sign the chain head now, store the checkpoint, and return it as the auditors keep it."""
    head = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first() or (0, GENESIS_HASH)
    created_at = timezone.now().astimezone(dt.UTC).isoformat(timespec="seconds")
    signature = sign(head[0], head[1], created_at)
    Checkpoint.objects.create(seq=head[0], hash=head[1], created_at=created_at, signature=signature)
    return {"seq": head[0], "hash": head[1], "created_at": created_at, "signature": signature}


def check_checkpoint(checkpoint: dict, report: Report, hash_at: dict[int, str]) -> None:
    try:
        seq, hash_, created_at = int(checkpoint["seq"]), str(checkpoint["hash"]), str(checkpoint["created_at"])
        signature = str(checkpoint["signature"])
    except (KeyError, TypeError, ValueError):
        report.breaks.append(Break("checkpoint", None, "the checkpoint file is not a checkpoint"))
        return
    if not hmac.compare_digest(sign(seq, hash_, created_at), signature):
        report.breaks.append(Break("checkpoint", seq, "the checkpoint's signature does not match: forged or another key"))
        return
    if report.head_seq < seq:
        report.breaks.append(Break("truncated", seq, f"the chain ends at #{report.head_seq}, shorter than the "
                                                     f"checkpoint of {created_at} says (#{seq})"))
    elif seq and hash_at.get(seq) != hash_:
        report.breaks.append(Break("checkpoint", seq, f"event #{seq} is not the one the checkpoint of {created_at} signed"))


# Verification -----------------------------------------------------------------------------------------

def _history_models() -> dict[str, type]:
    tables = set(historical_tables())
    return {model._meta.label_lower: model for model in apps.get_models()
            if model._meta.db_table in tables and not is_m2m_history(model)}


def _digests(history_model, ids: list[int]) -> dict[int, str]:
    """The digest of each of these historical rows as stored now (one range read, plus its m2m rows)."""
    columns, _ = row_layout(history_model)
    low, high = min(ids), max(ids)
    rows = _select(history_model, columns, f"{_column(history_model, 'history_id')} BETWEEN %s AND %s", [low, high])
    position = columns.index("history_id")
    wanted = set(ids)
    m2m: dict[int, dict[str, list[int]]] = defaultdict(lambda: {name: [] for name, _, _ in m2m_layout(history_model)})
    for name, table, target in m2m_layout(history_model):
        for history_id, target_id in table._base_manager.filter(
            history_id__gte=low, history_id__lte=high
        ).values_list("history_id", target):
            m2m[history_id][name].append(target_id)
    has_m2m = bool(m2m_layout(history_model))
    return {
        row[position]: stored_row_digest(history_model, row, m2m[row[position]] if has_m2m else None)
        for row in rows if row[position] in wanted
    }


def _column(model, attname: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(attname).column)


_TEMPORAL = ("DateTimeField", "DateField", "TimeField")


def _selected(model, attname: str) -> str:
    column = _column(model, attname)
    if connection.vendor == "sqlite" and model._meta.get_field(attname).get_internal_type() in _TEMPORAL:
        # As stored: the driver would parse the text into a date only for the encoder to write it out again.
        return f"CAST({column} AS TEXT)"
    return column


def _select(model, attnames, where: str, params: list, order: str = "") -> list[tuple]:
    """Rows as the database driver gives them: the canonical encoders read a driver's values and the
    ORM's alike, and skipping the ORM's converters doubles the pace of a verification."""
    columns = ", ".join(_selected(model, name) for name in attnames)
    sql = f"SELECT {columns} FROM {connection.ops.quote_name(model._meta.db_table)} WHERE {where} {order}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def verify(*, checkpoint: dict | None = None, progress: Callable[[int, int], None] | None = None) -> Report:
    report = Report()
    history_models = _history_models()
    total = AuditEvent.objects.count()
    found_rows: dict[str, set[int]] = defaultdict(set)
    hash_at: dict[int, str] = {}
    wanted_seq = int(checkpoint["seq"]) if checkpoint and str(checkpoint.get("seq", "")).isdigit() else None
    previous_seq, previous_hash, previous_time = 0, GENESIS_HASH, None
    columns = [*EVENT_COLUMNS, "hash"]
    last = 0
    while True:
        chunk = _select(AuditEvent, columns, f"{_column(AuditEvent, 'seq')} > %s", [last],
                        f"ORDER BY {_column(AuditEvent, 'seq')} LIMIT {CHUNK}")
        if not chunk:
            break
        last = chunk[-1][0]
        references: dict[str, list[int]] = defaultdict(list)
        for row in chunk:
            if row[13] and row[14] is not None:
                references[row[13]].append(row[14])
        digests = {}
        for label, ids in references.items():
            if label in history_models:
                digests[label] = _digests(history_models[label], ids)
        for row in chunk:
            seq, stored_hash = row[0], row[-1]
            values = row[:-1]
            if seq != previous_seq + 1:
                report.breaks.append(Break("removed", seq, f"events #{previous_seq + 1}–#{seq - 1} are missing"))
            elif values[-1] != previous_hash:
                report.breaks.append(Break("chain", seq, f"does not follow event #{previous_seq}: an event was "
                                                         "inserted, removed or moved here"))
            recomputed, time = stored_event_hash(values)
            if recomputed != stored_hash:
                report.breaks.append(Break("altered", seq, "the event's contents do not match its hash"))
            if previous_time is not None and time is not None and time < previous_time:
                report.breaks.append(Break("order", seq, "is dated before the event it follows"))
            _check_row(report, row, history_models, digests, found_rows)
            if seq == wanted_seq:
                hash_at[seq] = stored_hash
            previous_seq, previous_hash, previous_time = seq, stored_hash, time
            report.events += 1
        if progress:
            progress(report.events, total)
    report.head_seq, report.head_hash = previous_seq, previous_hash
    _check_rows_have_events(report, history_models, found_rows)
    if checkpoint is not None:
        check_checkpoint(checkpoint, report, hash_at)
    return report


def _check_row(report, row, history_models, digests, found_rows) -> None:
    seq, history_model, history_id, stored_digest = row[0], row[13], row[14], row[15]
    if not history_model:
        if row[6]:  # a change of a record must point to its version
            report.breaks.append(Break("altered", seq, "a record's change that points to no historical row"))
        return
    if history_model not in history_models:
        report.breaks.append(Break("altered", seq, f"points to {history_model}, which is not a historical table"))
        return
    if history_id in found_rows[history_model]:
        report.breaks.append(Break("inserted", seq, f"{history_model} #{history_id} already belongs to an earlier event"))
        return
    digest = digests[history_model].get(history_id)
    if digest is None:
        report.breaks.append(Break("row deleted", seq, f"{history_model} #{history_id} is gone"))
        return
    found_rows[history_model].add(history_id)
    if digest != stored_digest:
        report.breaks.append(Break("row changed", seq, f"{history_model} #{history_id} no longer holds what was recorded"))
    report.rows += 1


def _check_rows_have_events(report, history_models, found_rows) -> None:
    """The historical rows found are distinct rows of their tables, each with its event: a table that
    holds more has rows written without one, which a scan (run only then) names."""
    for label, model in history_models.items():
        found = found_rows.get(label, set())
        if model._base_manager.count() == len(found):
            continue
        for history_id in model._base_manager.order_by("history_id").values_list("history_id", flat=True).iterator(
            chunk_size=CHUNK
        ):
            if history_id not in found:
                report.breaks.append(Break("row without event", None,
                                           f"{label} #{history_id} was written behind the application's back"))


def load_checkpoint(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)
