"""Appending events to the chain: one writer at a time, each event hashed over the one before it.

The head (last sequence number, hash and time) is read once per transaction under a lock, then kept on
the connection while that transaction lasts, so a transaction that records many changes reads it once.
On PostgreSQL the lock is a transaction-level advisory lock; on SQLite the database's single write lock
already serialises writers (the change itself was written before its event). ``seq`` is the primary key
and is numbered from the head, never from a sequence, so two writers can never both extend the same head.

The same read tells which layouts the chain has recorded (see :mod:`audit.canonical`): before the first
event whose row, or whose own columns, are encoded in a layout the chain does not hold as the one in force,
a ``layout`` event records it. A process keeps the recorded layouts it last read, keyed by the hash of
the newest layout event, so only a transaction that follows a new layout reads them again.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache

from django.db import connections, router
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from audit.canonical import GENESIS_EVENT_FORMAT, GENESIS_HASH, EventFormat, RowLayout, event_format_of
from audit.models import AuditAction, AuditEvent

# pg_advisory_xact_lock key: "audit" in ASCII.
CHAIN_LOCK_KEY = 0x6175646974

# The model a layout event of the events' own format names.
EVENT_FORMAT_MODEL = "audit.auditevent"


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
    # Not a column: the layout the historical row was encoded with, which the chain must hold first.
    layout: RowLayout | None = None


@dataclass
class Recorded:
    """The layouts in force in the chain: by historical model, and the events' own format."""

    key: str | None = None  # hash of the newest layout event (None: there is none)
    layouts: dict[str, str] = field(default_factory=dict)  # historical model label -> layout digest
    event_format: EventFormat = GENESIS_EVENT_FORMAT

    def copy(self) -> Recorded:
        return Recorded(self.key, dict(self.layouts), self.event_format)


# By database alias: what its chain held the last time this process read its layout events.
_recorded: dict[str, Recorded] = {}


@dataclass
class _Head:
    seq: int
    hash: str
    time: dt.datetime | None
    recorded: Recorded
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


def _table(connection) -> str:
    return connection.ops.quote_name(AuditEvent._meta.db_table)


def _read_head(connection) -> _Head:
    table = _table(connection)
    with _driver_cursor(connection) as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
        # The newest layout event comes from the (action, seq) index in the same statement.
        cursor.execute(
            f"SELECT seq, hash, time, (SELECT hash FROM {table} WHERE action = '{AuditAction.LAYOUT}' "
            f"ORDER BY seq DESC LIMIT 1) FROM {table} ORDER BY seq DESC LIMIT 1"
        )
        row = cursor.fetchone()
    if row is None:
        return _Head(0, GENESIS_HASH, None, Recorded())
    seq, hash_, time, layout_key = row
    if isinstance(time, str):  # SQLite hands back its UTC text through a raw cursor
        time = parse_datetime(time)
    if timezone.is_naive(time):
        time = time.replace(tzinfo=dt.UTC)
    known = _recorded.get(connection.alias)
    if known is None or known.key != layout_key:
        known = _recorded[connection.alias] = _read_recorded(connection, layout_key)
    return _Head(seq, hash_, time, known)


def _read_recorded(connection, key: str | None) -> Recorded:
    recorded = Recorded(key=key)
    if key is None:
        return recorded
    with _driver_cursor(connection) as cursor:
        cursor.execute(f"SELECT model, changes, row_digest FROM {_table(connection)} "
                       f"WHERE action = '{AuditAction.LAYOUT}' ORDER BY seq")
        for model, changes, digest in cursor.fetchall():
            if model == EVENT_FORMAT_MODEL:
                try:
                    recorded.event_format = EventFormat.from_description(changes)
                except ValueError:  # altered behind the application's back: the verification names it
                    recorded.event_format = EventFormat((), ())
            else:
                recorded.layouts[model] = digest
    return recorded


def recorded_layouts(*, using: str | None = None) -> Recorded:
    """The layouts the chain holds as in force, read under the writer's lock (inside a transaction)."""
    connection = connections[using or router.db_for_write(AuditEvent)]
    return _current_head(connection).recorded


def _current_head(connection) -> _Head:
    cached = getattr(connection, "_audit_head", None)
    if cached is not None and _head_still_valid(connection, cached):
        return cached
    head = _read_head(connection)
    if connection.in_atomic_block:
        _remember(connection, head, None)
    return head


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


def layout_event(layout: RowLayout | EventFormat, like: EventDraft) -> EventDraft:
    """The event that records ``layout`` as in force, written on the occasion of ``like``."""
    if isinstance(layout, RowLayout):
        model, label = layout.label, layout.table
    else:
        model, label = EVENT_FORMAT_MODEL, AuditEvent._meta.db_table
    return EventDraft(
        model=model, object_id="", object_label=label, action=AuditAction.LAYOUT, history_type="",
        actor_id=like.actor_id, ip_address=like.ip_address, channel=like.channel, request_id=like.request_id,
        reason="", changes=layout.description, row_digest=layout.digest, batch_id=like.batch_id,
    )


def append(events: list[EventDraft], *, using: str | None = None, event_model=None) -> list[EventDraft]:
    """Number, time, chain and insert ``events`` (their fields other than the chain's filled in), each
    preceded by the layout events the chain needs to read it.

    Must run inside the transaction that made the changes the events describe. ``event_model`` is the
    events table as a migration's state sees it (by default, the code's ``AuditEvent``).
    """
    if not events:
        return events
    using = using or router.db_for_write(AuditEvent)
    connection = connections[using]
    cached = getattr(connection, "_audit_head", None)
    if cached is None or not _head_still_valid(connection, cached):
        cached = None
    head = cached or _read_head(connection)
    event_format = event_format_of(event_model or AuditEvent)
    recorded = head.recorded
    chained: list[tuple[EventDraft, EventFormat]] = []
    for event in events:
        if recorded.event_format is not event_format and recorded.event_format.digest != event_format.digest:
            recorded = recorded.copy() if recorded is head.recorded else recorded
            # Hashed in the format in force before it; every event after it, in the new one.
            chained.append((layout_event(event_format, event), recorded.event_format))
            recorded.event_format = event_format
        if event.action == AuditAction.LAYOUT:  # a layout recorded outright (after a migration)
            recorded = recorded.copy() if recorded is head.recorded else recorded
            recorded.layouts[event.model] = event.row_digest
        elif event.layout is not None and recorded.layouts.get(event.layout.label) != event.layout.digest:
            recorded = recorded.copy() if recorded is head.recorded else recorded
            chained.append((layout_event(event.layout, event), event_format))
            recorded.layouts[event.layout.label] = event.layout.digest
        chained.append((event, event_format))
    now = timezone.now()
    # Time never runs backwards along the chain, so a period is a range of sequence numbers.
    time = now if head.time is None or now >= head.time else head.time
    seq, previous = head.seq, head.hash
    rows = []
    for event, hashed_in in chained:
        seq += 1
        event.seq, event.time, event.prev_hash = seq, time, previous
        values = hashed_in.values_of(event)
        event.hash = previous = hashed_in.hash(values)
        if hashed_in is not event_format:  # the event that records a new format: stored in the new one
            values = event_format.values_of(event)
        if event.action == AuditAction.LAYOUT:
            recorded.key = event.hash
        rows.append(values)
    _insert(connection, rows, [event.hash for event, _ in chained], event_format)
    if connection.in_atomic_block:
        _remember(connection, _Head(seq, previous, time, recorded), cached)
    return events


@cache
def _insert_sql(vendor: str, quote_name, columns: tuple[str, ...]) -> str:
    table = quote_name(AuditEvent._meta.db_table)
    placeholder = "?" if vendor == "sqlite" else "%s"  # the driver's own parameter style
    return (f"INSERT INTO {table} ({', '.join(quote_name(column) for column in columns)}) "
            f"VALUES ({', '.join([placeholder] * len(columns))})")


def _insert(connection, rows: list[list], hashes: list[str], event_format: EventFormat) -> None:
    # Plain lists through the driver: the ORM's bulk_create costs more than the rest of recording an event.
    sql = _insert_sql(connection.vendor, connection.ops.quote_name, (*event_format.columns, "hash"))
    adapt_time = connection.ops.adapt_datetimefield_value
    at = event_format.time_position
    adapted = {}  # the events of one append share their time: adapted once
    for values, hash_ in zip(rows, hashes):
        time = values[at]
        if time not in adapted:
            adapted[time] = adapt_time(time)
        values[at] = adapted[time]
        values.append(hash_)
    with _driver_cursor(connection) as cursor:
        if len(rows) == 1:
            cursor.execute(sql, rows[0])
        else:
            cursor.executemany(sql, rows)


def chain_values(event: EventDraft | AuditEvent, event_format: EventFormat = GENESIS_EVENT_FORMAT) -> list:
    return event_format.values_of(event)
