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
import math
from collections import defaultdict
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone

from audit.canonical import (
    AS_STORED,
    GENESIS_EVENT_FORMAT,
    GENESIS_HASH,
    EventFormat,
    RowLayout,
    _dump_stored,
    _encoded_stored,
    codec_of,
    digest_of,
    encoder,
    event_format_of,
    layout_of,
)
from audit.chain import EVENT_FORMAT_MODEL
from audit.models import AuditAction, AuditEvent, Checkpoint
from audit.triggers import history_models as all_history_models

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

def _quote(column: str) -> str:
    return connection.ops.quote_name(column)


def _select(table: str, expressions: list[str], where: str, params: list, order: str = "") -> list[tuple]:
    """Rows as the database driver gives them: the canonical encoders read a driver's values and the
    ORM's alike, and skipping the ORM's converters doubles the pace of a verification."""
    sql = f"SELECT {', '.join(expressions)} FROM {_quote(table)} WHERE {where} {order}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


_TEMPORAL = ("date", "datetime", "time")


def _selected(column: str, codec: str) -> str:
    if connection.vendor == "sqlite" and codec in _TEMPORAL:
        # As stored: the driver would parse the text into a date only for the encoder to write it out again.
        return f"CAST({_quote(column)} AS TEXT)"
    return _quote(column)


# What the chain records about the historical tables ----------------------------------------------------

@dataclass
class _Schema:
    """Read ahead of the events (few, through the action index): each table's layouts, the renames of its
    columns, and the values of columns retired or narrowed, kept in the chain before they went."""

    layouts: dict[str, list[tuple[int, RowLayout]]] = field(default_factory=lambda: defaultdict(list))
    renames: dict[str, list[tuple[int, str, str]]] = field(default_factory=lambda: defaultdict(list))
    preserved: dict[str, list[tuple[int, str, dict[int, Any]]]] = field(default_factory=lambda: defaultdict(list))

    def renamed(self, label: str, column: str, after: float, before: float = math.inf) -> str:
        """The name ``column`` of a layout recorded at ``after`` has at ``before``."""
        for seq, old, new in self.renames.get(label, ()):
            if after < seq < before and old == column:
                column = new
        return column

    def preserved_values(self, label: str, column: str, after: float) -> dict[int, Any] | None:
        """The values kept of ``column`` (a layout's, recorded at ``after``) by the first preservation
        after it, if its column was retired or narrowed since."""
        for seq, name, values in self.preserved.get(label, ()):
            if seq > after and name == self.renamed(label, column, after, seq):
                return values
        return None


def _read_schema() -> _Schema:
    schema = _Schema()
    rows = _select(AuditEvent._meta.db_table, [_quote("seq"), _quote("model"), _quote("action"), _quote("changes")],
                   f"{_quote('action')} IN (%s, %s)", [AuditAction.LAYOUT, AuditAction.SCHEMA], "ORDER BY 1")
    for seq, label, action, changes in rows:
        # What cannot be read here is an altered event, which the chain's hashes name in their turn.
        if action == AuditAction.LAYOUT:
            if label != EVENT_FORMAT_MODEL:
                with suppress(ValueError):
                    schema.layouts[label].append((seq, RowLayout.from_description(label, changes)))
            continue
        try:
            data = json.loads(changes)
            if data.get("op") == "rename":
                schema.renames[label].append((seq, str(data["from"]), str(data["to"])))
            elif data.get("op") == "preserve":
                values = {int(history_id): value for history_id, value in data["values"]}
                kept = schema.preserved[label]
                if data.get("part", 1) > 1 and kept and kept[-1][1] == data["column"]:
                    kept[-1][2].update(values)
                else:
                    kept.append((seq, str(data["column"]), values))
        except (AttributeError, KeyError, TypeError, ValueError):
            continue
    return schema


@dataclass
class _Reader:
    """How the rows a layout describes are read back from their table as it is now."""

    layout: RowLayout
    table: str
    expressions: list[str]
    encoders: tuple[tuple[int, Any], ...]  # positions whose driver value still needs its codec
    preserved: list[tuple[int, dict[int, Any]]]  # positions whose value was kept in the chain
    key: int  # position of history_id
    beyond: bool  # a last expression flags a value in a column the layout does not have
    gone: list[str]


def _reader(schema: _Schema, label: str, model, layout: RowLayout, since: float) -> _Reader:
    current = {item.column: codec_of(item) for item in model._meta.concrete_fields}
    expressions, encoders, preserved, gone, named = [], [], [], [], set()
    for position, (column, codec) in enumerate(zip(layout.columns, layout.codecs)):
        name = schema.renamed(label, column, since)
        kept = schema.preserved_values(label, column, since)
        named.add(name)
        if kept is not None:
            expressions.append("NULL")
            preserved.append((position, kept))
        elif name in current:
            expressions.append(_selected(name, current[name]))
        else:
            expressions.append("NULL")
            gone.append(name)
        if kept is not None or name not in current or codec not in AS_STORED or current[name] != codec:
            encoders.append((position, encoder(codec)))
    beyond = [column for column in current if column not in named]
    if beyond:
        # Columns added after the layout: a row written before holds nothing there.
        expressions.append(f"CASE WHEN {' AND '.join(f'{_quote(c)} IS NULL' for c in beyond)} THEN 0 ELSE 1 END")
    key = layout.columns.index(schema.renamed(label, "history_id", since)) if "history_id" in layout.columns else 0
    return _Reader(layout, model._meta.db_table, expressions, tuple(encoders), preserved, key, bool(beyond), gone)


def _digests(reader: _Reader, ids: list[int]) -> tuple[dict[int, str], set[int]]:
    """The digest of each of these historical rows as stored now (one range read, plus its m2m rows),
    and those that hold a value in a column added after they were written."""
    low, high = min(ids), max(ids)
    layout = reader.layout
    rows = _select(reader.table, reader.expressions, f"{_quote('history_id')} BETWEEN %s AND %s", [low, high])
    m2m: dict[int, dict[str, list[int]]] = defaultdict(layout.empty_m2m)
    for name, table, target in layout.m2m:
        for history_id, target_id in _select(table, [_quote("history_id"), _quote(target)],
                                             f"{_quote('history_id')} BETWEEN %s AND %s", [low, high]):
            m2m[history_id][name].append(target_id)
    wanted = set(ids)
    width = len(layout.columns)
    digests, beyond = {}, set()
    for row in rows:
        history_id = row[reader.key]
        if history_id not in wanted:
            continue
        values = row[:width] if reader.beyond else row
        if reader.preserved:
            values = list(values)
            for position, kept in reader.preserved:
                values[position] = kept.get(history_id)
        encoded = _encoded_stored(reader.encoders, values)
        digests[history_id] = digest_of(encoded, m2m[history_id] if layout.m2m else None, dump=_dump_stored)
        if reader.beyond and row[width]:
            beyond.add(history_id)
    return digests, beyond


class _Layouts:
    """The layout in force for each table as the events go by, in sequence order."""

    def __init__(self, schema: _Schema, history_models: dict[str, type]):
        self.schema, self.history_models = schema, history_models
        self.at: dict[str, int] = {}
        self.readers: dict[tuple[str, int], _Reader] = {}
        self.reported: set[tuple[str, int]] = set()  # readers whose missing columns were named

    def key(self, label: str, seq: int) -> int:
        """Which of the table's layouts a row of event ``seq`` was written with (-1: none recorded, the
        code's own). A row written before its table's first layout event was written with that layout:
        the layouts of tables written before layouts were recorded were recorded before any changed."""
        layouts = self.schema.layouts.get(label)
        if not layouts:
            return -1
        index = self.at.get(label, 0)
        while index + 1 < len(layouts) and layouts[index + 1][0] < seq:
            index += 1
        self.at[label] = index
        return index

    def reader(self, label: str, key: int) -> _Reader:
        reader = self.readers.get((label, key))
        if reader is None:
            model = self.history_models[label]
            if key < 0:
                reader = _reader(self.schema, label, model, layout_of(model), math.inf)
            else:
                since, layout = self.schema.layouts[label][key]
                reader = _reader(self.schema, label, model, layout, since)
            self.readers[(label, key)] = reader
        return reader


class _Events:
    """The events as stored, read with the format each was written in."""

    def __init__(self):
        self.format = event_format_of(AuditEvent)
        self.columns = [*self.format.columns, "hash"]
        self.expressions = [_selected(column, codec) for column, codec in zip(self.format.columns, self.format.codecs)]
        self.expressions.append(_quote("hash"))
        self.at = {column: position for position, column in enumerate(self.columns)}
        self.use(GENESIS_EVENT_FORMAT)

    def use(self, event_format: EventFormat) -> None:
        self.hashed = event_format
        self.previous = event_format.columns.index("prev_hash") if "prev_hash" in event_format.columns else None
        if event_format.columns == self.format.columns:
            self.positions, self.extra = None, ()
            return
        self.positions = [self.at.get(column) for column in event_format.columns]
        self.extra = tuple(position for column, position in self.at.items()
                           if column != "hash" and column not in event_format.columns)

    def values(self, row: tuple) -> list | tuple:
        if self.positions is None:
            return row[:-1]
        return [None if position is None else row[position] for position in self.positions]


def verify(*, checkpoint: dict | None = None, progress: Callable[[int, int], None] | None = None) -> Report:
    report = Report()
    history_models = all_history_models()
    schema = _read_schema()
    layouts = _Layouts(schema, history_models)
    events = _Events()
    at = events.at
    seq_at, hash_at_, action_at, model_at, changes_at = at["seq"], at["hash"], at["action"], at["model"], at["changes"]
    label_at, id_at, digest_at, type_at = at["history_model"], at["history_id"], at["row_digest"], at["history_type"]
    total = AuditEvent.objects.count()
    found_rows: dict[str, set[int]] = defaultdict(set)
    hash_at: dict[int, str] = {}
    wanted_seq = int(checkpoint["seq"]) if checkpoint and str(checkpoint.get("seq", "")).isdigit() else None
    previous_seq, previous_hash, previous_time = 0, GENESIS_HASH, None
    last = 0
    while True:
        chunk = _select(AuditEvent._meta.db_table, events.expressions, f"{_quote('seq')} > %s", [last],
                        f"ORDER BY {_quote('seq')} LIMIT {CHUNK}")
        if not chunk:
            break
        last = chunk[-1][seq_at]
        references: dict[tuple[str, int], list[int]] = defaultdict(list)
        keys = []
        for row in chunk:
            label, history_id = row[label_at], row[id_at]
            if label and history_id is not None and label in history_models:
                key = (label, layouts.key(label, row[seq_at]))
                references[key].append(history_id)
                keys.append(key)
            else:
                keys.append(None)
        digests = {key: _digests(layouts.reader(*key), ids) for key, ids in references.items()}
        for key in digests.keys() - layouts.reported:
            layouts.reported.add(key)
            for name in layouts.reader(*key).gone:
                report.breaks.append(Break("row changed", None, f"{key[0]}: column {name} is gone and its values "
                                                                 "were not kept in the trail"))
        for row, key in zip(chunk, keys):
            seq, stored_hash = row[seq_at], row[hash_at_]
            values = events.values(row)
            if seq != previous_seq + 1:
                report.breaks.append(Break("removed", seq, f"events #{previous_seq + 1}–#{seq - 1} are missing"))
            elif (values[events.previous] if events.previous is not None else None) != previous_hash:
                report.breaks.append(Break("chain", seq, f"does not follow event #{previous_seq}: an event was "
                                                         "inserted, removed or moved here"))
            recomputed, time = events.hashed.stored_hash(values)
            if recomputed != stored_hash or (events.extra and any(row[i] is not None for i in events.extra)):
                report.breaks.append(Break("altered", seq, "the event's contents do not match its hash"))
            if previous_time is not None and time is not None and time < previous_time:
                report.breaks.append(Break("order", seq, "is dated before the event it follows"))
            if row[action_at] == AuditAction.LAYOUT:
                _check_layout(report, events, row[model_at], row[changes_at], row[digest_at], seq)
            else:
                _check_row(report, seq, row[type_at], row[label_at], row[id_at], row[digest_at], key,
                           digests, found_rows)
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


def _check_layout(report, events: _Events, model: str, description: str, digest: str, seq: int) -> None:
    if hashlib.sha256((description or "").encode()).hexdigest() != digest:
        report.breaks.append(Break("altered", seq, "a layout that does not match its digest"))
        return
    if model == EVENT_FORMAT_MODEL:
        # The events after this one are written in the format it records.
        try:
            events.use(EventFormat.from_description(description))
        except ValueError:
            report.breaks.append(Break("altered", seq, "an events' format that cannot be read"))


def _check_row(report, seq, history_type, history_model, history_id, stored_digest, key, digests, found_rows) -> None:
    if not history_model:
        if history_type:  # a change of a record must point to its version
            report.breaks.append(Break("altered", seq, "a record's change that points to no historical row"))
        return
    if key is None:
        report.breaks.append(Break("altered", seq, f"points to {history_model}, which is not a historical table"))
        return
    if history_id in found_rows[history_model]:
        report.breaks.append(Break("inserted", seq, f"{history_model} #{history_id} already belongs to an earlier event"))
        return
    stored, beyond = digests[key]
    digest = stored.get(history_id)
    if digest is None:
        report.breaks.append(Break("row deleted", seq, f"{history_model} #{history_id} is gone"))
        return
    found_rows[history_model].add(history_id)
    if digest != stored_digest:
        report.breaks.append(Break("row changed", seq, f"{history_model} #{history_id} no longer holds what was recorded"))
    elif history_id in beyond:
        report.breaks.append(Break("row changed", seq, f"{history_model} #{history_id} holds a value in a column "
                                                       "added after it was written"))
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
