"""Appending events to the chain: one writer at a time, each event hashed over the one before it.

The head (last sequence number, hash and time) is read once per transaction under a lock, then kept on
the connection while that transaction lasts, so a transaction that records many changes reads it once.
On PostgreSQL the lock is a transaction-level advisory lock; on SQLite the database's single write lock
already serialises writers (the change itself was written before its event). ``seq`` is the primary key
and is numbered from the head, never from a sequence, so two writers can never both extend the same head.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from django.db import connections, router
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from audit.canonical import GENESIS_HASH, event_hash
from audit.models import AuditEvent

# pg_advisory_xact_lock key: "audit" in ASCII.
CHAIN_LOCK_KEY = 0x6175646974


@dataclass(slots=True)
class EventDraft:
    """An event on its way into the chain: the columns of ``AuditEvent``, without a model instance's cost."""

    model: str
    object_id: str
    object_label: str
    action: str
    history_type: str
    actor_id: int
    ip_address: str | None
    channel: str
    request_id: str
    reason: str
    changes: str
    history_model: str = ""
    history_id: int | None = None
    row_digest: str = ""
    batch_id: int | None = None
    unit_id: int | None = None
    seq: int = 0
    time: dt.datetime | None = None
    prev_hash: str = ""
    hash: str = ""


@dataclass
class _Head:
    seq: int
    hash: str
    time: dt.datetime | None
    marker: object = None
    savepoints: tuple = ()


def _head_still_valid(connection, head: _Head) -> bool:
    # The marker is an on-commit callback registered when the head was cached. Django drops it when the
    # transaction commits or rolls back, or when the savepoint it was registered in is rolled back: in
    # each case the cached head may no longer be the database's.
    if not connection.in_atomic_block:
        return False
    return any(callback is head.marker for _, callback, _ in reversed(connection.run_on_commit))


@contextmanager
def _driver_cursor(connection):
    """The driver's own cursor, for the chain's two statements of every recorded change.

    Django's cursor wrapper costs more than those statements themselves (a third of what recording an
    event adds to a save); errors are still raised as Django's, and a broken transaction still refuses.
    Like raw SQL anywhere, these statements are not in Django's query log.
    """
    connection.validate_no_broken_transaction()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        cursor = connection.connection.cursor()
        try:
            yield cursor
        finally:
            cursor.close()


def _read_head(connection) -> _Head:
    with _driver_cursor(connection) as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
        cursor.execute(f"SELECT seq, hash, time FROM {AuditEvent._meta.db_table} ORDER BY seq DESC LIMIT 1")
        row = cursor.fetchone()
    if row is None:
        return _Head(0, GENESIS_HASH, None)
    seq, hash_, time = row
    if isinstance(time, str):  # SQLite hands back its UTC text through a raw cursor
        time = parse_datetime(time)
    if timezone.is_naive(time):
        time = time.replace(tzinfo=dt.UTC)
    return _Head(seq, hash_, time)


def _remember(connection, head: _Head, previous: _Head | None) -> None:
    savepoints = tuple(connection.savepoint_ids)
    if previous is not None and previous.savepoints == savepoints:
        # Same transaction, same savepoint: the marker already registered stands for this head too.
        head.marker, head.savepoints = previous.marker, savepoints
    else:
        def marker():
            pass

        connection.on_commit(marker)
        head.marker, head.savepoints = marker, savepoints
    connection._audit_head = head


def append(events: list[EventDraft], *, using: str | None = None) -> list[EventDraft]:
    """Number, time, chain and insert ``events`` (their fields other than the chain's filled in).

    Must run inside the transaction that made the changes the events describe.
    """
    if not events:
        return events
    using = using or router.db_for_write(AuditEvent)
    connection = connections[using]
    cached = getattr(connection, "_audit_head", None)
    if cached is None or not _head_still_valid(connection, cached):
        cached = None
    head = cached or _read_head(connection)
    now = timezone.now()
    # Time never runs backwards along the chain, so a period is a range of sequence numbers.
    time = now if head.time is None or now >= head.time else head.time
    seq, previous = head.seq, head.hash
    for event in events:
        seq += 1
        event.seq, event.time, event.prev_hash = seq, time, previous
        event.hash = previous = event_hash(chain_values(event))
    _insert(connection, events)
    if connection.in_atomic_block:
        _remember(connection, _Head(seq, previous, time), cached)
    return events


_COLUMNS = [
    "seq", "time", "model", "object_id", "object_label", "action", "history_type", "actor_id", "ip_address",
    "channel", "request_id", "reason", "changes", "history_model", "history_id", "row_digest", "batch_id",
    "unit_id", "prev_hash", "hash",
]


@cache
def _insert_sql(vendor: str, quote_name) -> str:
    table = quote_name(AuditEvent._meta.db_table)
    columns = ", ".join(quote_name(AuditEvent._meta.get_field(name).column) for name in _COLUMNS)
    placeholder = "?" if vendor == "sqlite" else "%s"  # the driver's own parameter style
    return f"INSERT INTO {table} ({columns}) VALUES ({', '.join([placeholder] * len(_COLUMNS))})"


def _insert(connection, events: list[EventDraft]) -> None:
    # Plain tuples through the driver: the ORM's bulk_create costs more than the rest of recording an event.
    sql = _insert_sql(connection.vendor, connection.ops.quote_name)
    adapt_time = connection.ops.adapt_datetimefield_value
    rows = [(*values[:1], adapt_time(values[1]), *values[2:], event.hash)
            for event in events for values in (chain_values(event),)]
    with _driver_cursor(connection) as cursor:
        if len(rows) == 1:
            cursor.execute(sql, rows[0])
        else:
            cursor.executemany(sql, rows)


def chain_values(event: EventDraft | AuditEvent) -> list:
    return [
        event.seq, event.time, event.model, event.object_id, event.object_label, event.action, event.history_type,
        event.actor_id, event.ip_address, event.channel, event.request_id, event.reason, event.changes,
        event.history_model, event.history_id, event.row_digest, event.batch_id, event.unit_id, event.prev_hash,
    ]
