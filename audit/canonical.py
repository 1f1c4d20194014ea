"""Canonical encodings the chain hashes: of a historical row, of the changes, of an event.

The same function encodes a value on its way into the database (when the event is written) and on its
way out (when the trail is verified), so each value is first brought to the one form the database gives
back: a date for a date column, a decimal with the column's places, a UTC timestamp with microseconds.

Which columns a row or an event is encoded from is itself recorded in the chain, as a *layout*: a
historical table's columns (each with its codec) and many-to-many snapshots, or the event's own columns.
A migration that adds, renames or changes a column gives new rows a new layout, and every row written
before keeps being read, and hashed, with the layout it was written with (see ``audit.chain`` and
``audit.verify``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, cached_property
from typing import Any

import orjson
from django.db import models
from django.utils.dateparse import parse_date, parse_datetime, parse_time

GENESIS_HASH = "0" * 64


def _unreadable(value: str) -> str:
    # A stored text no parser reads (a tampered row, say): kept as it is, it matches no recorded hash.
    return f"unreadable:{value}"


def _parsed(parse: Callable[[str], Any], value: str) -> Any:
    try:
        return parse(value)
    except ValueError:  # well formed, but no such day or time
        return None


def _as_datetime(value):
    if isinstance(value, str):
        # As Django writes a time to SQLite (UTC, no offset), turned into the canonical text directly.
        if len(value) == 26 and value[10] == " ":
            return f"{value[:10]}T{value[11:]}+00:00"
        if len(value) == 19 and value[10] == " ":
            return f"{value[:10]}T{value[11:]}.000000+00:00"
        parsed = _parsed(parse_datetime, value)
        if parsed is None:
            return _unreadable(value)
        value = parsed
    if value.tzinfo is None:  # SQLite's driver, read without the ORM: UTC, without an offset
        return value.isoformat(timespec="microseconds") + "+00:00"
    if value.tzinfo is not dt.UTC:
        value = value.astimezone(dt.UTC)
    return value.isoformat(timespec="microseconds")


def _as_date(value):
    if isinstance(value, str):
        if len(value) == 10 and value[4] == "-" and value[7] == "-":  # already ISO, as stored
            return value
        parsed = _parsed(parse_date, value)
        return parsed.isoformat() if parsed is not None else _unreadable(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return value.isoformat()


def _as_time(value):
    if isinstance(value, str):
        parsed = _parsed(parse_time, value)
        if parsed is None:
            return _unreadable(value)
        value = parsed
    return value.isoformat(timespec="microseconds")


def _as_ip(value):
    return str(ipaddress.ip_address(str(value).split("/")[0]))


def _as_json(value):
    if isinstance(value, str):
        value = json.loads(value)
    return dumps(value)


def _decimal(places: int | None) -> Callable[[Any], str]:
    exponent = Decimal(1).scaleb(-places) if places is not None else None

    def encode(value) -> str:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        return str(number.quantize(exponent) if exponent is not None else number.normalize())

    return encode


# Codecs by name, as layouts record them. "text" and "int" columns come back from a database driver
# already in their canonical form.
_CODECS: dict[str, Callable[[Any], Any]] = {
    "text": str, "int": int, "bool": bool, "float": float, "date": _as_date, "datetime": _as_datetime,
    "time": _as_time, "ip": _as_ip, "json": _as_json, "decimal": _decimal(None),
}
AS_STORED = frozenset({"text", "int"})


def codec_of(field: models.Field) -> str:
    """The name of the codec a column's values are encoded with."""
    kind = field.get_internal_type()
    if kind == "DateTimeField":
        return "datetime"
    if kind == "DateField":
        return "date"
    if kind == "TimeField":
        return "time"
    if kind == "DecimalField":
        return f"decimal:{field.decimal_places}" if field.decimal_places is not None else "decimal"
    if kind in ("GenericIPAddressField", "IPAddressField"):
        return "ip"
    if kind == "JSONField":
        return "json"
    if kind == "BooleanField":
        return "bool"
    if kind == "FloatField":
        return "float"
    if kind.endswith("IntegerField") or kind.endswith("AutoField") or isinstance(field, models.ForeignKey):
        return "int"
    return "text"  # text, file names (a FieldFile's str is its name), choices, UUIDs


@cache
def encoder(codec: str) -> Callable[[Any], Any]:
    """How a value is brought to its canonical, JSON-ready form under ``codec`` (``None`` stays ``None``)."""
    if codec.startswith("decimal:"):
        return _decimal(int(codec.split(":", 1)[1]))
    try:
        return _CODECS[codec]
    except KeyError:
        raise ValueError(f"unknown codec {codec!r}") from None


def encoder_for(field: models.Field) -> Callable[[Any], Any]:
    return encoder(codec_of(field))


def encode(encoder_: Callable[[Any], Any], value: Any) -> Any:
    return None if value is None else encoder_(value)


def dump_bytes(value: Any) -> bytes:
    """Canonical JSON: keys sorted, no spaces, UTF-8 (not ASCII escapes), the same bytes as the standard
    library's ``json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))``, so
    anyone can recompute a hash with it; orjson only writes them many times faster."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def dumps(value: Any) -> str:
    return dump_bytes(value).decode()


def _unserialisable(value: Any) -> str:
    return _unreadable(repr(value))


def _dump_stored(value: Any) -> bytes:
    # What a driver hands back for a tampered column may be of any type (bytes, say): it must not stop
    # the verification, only fail to match.
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS, default=_unserialisable)


def _encoded(encoders: Sequence[Callable[[Any], Any]], values: Sequence[Any]) -> list[Any]:
    """Each value in its canonical form (``None`` stays ``None``)."""
    return [None if value is None else encoder_(value) for encoder_, value in zip(encoders, values)]


def _encoded_stored(encoders: Sequence[tuple[int, Callable[[Any], Any]]], values: Sequence[Any]) -> list[Any]:
    """:func:`_encoded` of a driver's values, given by position the encoders of the columns that still
    need theirs: the other columns are copied as they are, which is most of what a verification reads."""
    encoded = list(values)
    for position, encoder_ in encoders:
        value = encoded[position]
        if value is not None:
            encoded[position] = encoder_(value)
    return encoded


def digest_of(encoded: list[Any], m2m: dict[str, list[int]] | None = None, *,
              dump: Callable[[Any], bytes] = dump_bytes) -> str:
    """SHA-256 of an encoded historical row and of its many-to-many snapshot (if its layout has one)."""
    if m2m:
        encoded = [*encoded, {name: sorted(ids) for name, ids in m2m.items()}]
    return hashlib.sha256(dump(encoded)).hexdigest()


# Layouts of historical rows -----------------------------------------------------------------------------

class _Encoded:
    """Columns, each with its codec, and the canonical description a layout event records of them."""

    columns: tuple[str, ...]
    codecs: tuple[str, ...]

    def _described(self) -> dict:
        return {"columns": [[column, codec] for column, codec in zip(self.columns, self.codecs)]}

    @cached_property
    def description(self) -> str:
        return dumps(self._described())

    @cached_property
    def digest(self) -> str:
        return hashlib.sha256(self.description.encode()).hexdigest()

    @cached_property
    def encoders(self) -> tuple[Callable[[Any], Any], ...]:
        return tuple(encoder(codec) for codec in self.codecs)


def _parsed_columns(data: dict) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The (columns, codecs) a layout's description lists; ``ValueError`` on what is not one."""
    columns = [(str(column), str(codec)) for column, codec in data["columns"]]
    for _, codec in columns:
        encoder(codec)
    return tuple(column for column, _ in columns), tuple(codec for _, codec in columns)


@dataclass(frozen=True, eq=False)
class RowLayout(_Encoded):
    """How the rows of one historical table are encoded: which columns, in which order, with which codec,
    and which many-to-many snapshots follow them.

    Its ``description`` (canonical JSON) is what the chain records; ``digest`` is that text's SHA-256.
    """

    label: str  # the historical model ("initiatives.historicalinitiative"), as events name it
    table: str
    columns: tuple[str, ...]  # database columns, in the order their values are hashed
    attnames: tuple[str, ...]  # the model's names for them, to read a row just written
    codecs: tuple[str, ...]
    m2m: tuple[tuple[str, str, str], ...] = ()  # (field name, historical m2m table, target column)

    def _described(self) -> dict:
        return {**super()._described(), "table": self.table, "m2m": [list(item) for item in self.m2m]}

    def empty_m2m(self) -> dict[str, list[int]]:
        return {name: [] for name, _, _ in self.m2m}

    def encode(self, values: Sequence[Any]) -> list[Any]:
        """A row's values (in ``columns`` order), each in its canonical form."""
        return _encoded(self.encoders, values)

    def stored_digest(self, values: Sequence[Any], m2m: dict[str, list[int]] | None = None) -> str:
        """The digest of a row as a database driver returns it, from columns of the layout's own codecs."""
        encoders = tuple((position, encoder(codec)) for position, codec in enumerate(self.codecs)
                         if codec not in AS_STORED)
        return digest_of(_encoded_stored(encoders, values), m2m if self.m2m else None, dump=_dump_stored)

    def values_of(self, history_instance: models.Model) -> list[Any]:
        loaded = history_instance.__dict__  # a freshly written row holds every column
        return [loaded[name] if name in loaded else getattr(history_instance, name) for name in self.attnames]

    @classmethod
    def from_description(cls, label: str, description: str) -> RowLayout:
        """The layout a chain event records (raises ``ValueError`` on what is not one)."""
        try:
            data = json.loads(description)
            columns, codecs = _parsed_columns(data)
            m2m = tuple((str(name), str(table), str(target)) for name, table, target in data.get("m2m", ()))
            table = str(data["table"])
        except (AttributeError, TypeError, KeyError, ValueError) as error:
            raise ValueError(f"not a row layout: {error}") from None
        return cls(label=label, table=table, columns=columns, attnames=columns, codecs=codecs, m2m=m2m)


def _is_state_model(model: type[models.Model]) -> bool:
    """A model of a migration's project state rather than of the code."""
    from django.apps import apps

    return model._meta.apps is not apps


def _m2m_of(history_model: type[models.Model]) -> tuple[tuple[str, str, str], ...]:
    fields = getattr(history_model, "_history_m2m_fields", None)
    if fields is None:
        # A migration's state model does not carry simple-history's list: the code's model says which
        # snapshots it keeps, as far as this state already has their tables.
        from django.apps import apps

        try:
            code_model = apps.get_model(history_model._meta.label_lower)
        except LookupError:
            return ()
        state_tables = {model._meta.db_table for model in history_model._meta.apps.get_models()}
        return tuple(item for item in layout_of(code_model).m2m if item[1] in state_tables)
    from django.apps import apps

    layout = []
    for field in fields:
        table = apps.get_model(history_model._meta.app_label, f"{history_model.__name__}_{field.name}")
        layout.append((field.name, table._meta.db_table, f"{field.m2m_reverse_field_name()}_id"))
    return tuple(layout)


@cache
def layout_of(history_model: type[models.Model]) -> RowLayout:
    """The layout a historical model writes its rows with: every column, ordered by the model's name for it."""
    fields = sorted(history_model._meta.concrete_fields, key=lambda field: field.attname)
    return RowLayout(
        label=history_model._meta.label_lower, table=history_model._meta.db_table,
        columns=tuple(field.column for field in fields), attnames=tuple(field.attname for field in fields),
        codecs=tuple(codec_of(field) for field in fields), m2m=_m2m_of(history_model),
    )


# The events' own format ----------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class EventFormat(_Encoded):
    """Which of an event's columns its hash covers, in order, each with its codec. ``seq`` and
    ``prev_hash`` tie the event into the chain."""

    columns: tuple[str, ...]
    codecs: tuple[str, ...]

    @cached_property
    def stored_encoders(self) -> tuple[tuple[int, Callable[[Any], Any]], ...]:
        return tuple((position, encoder(codec)) for position, codec in enumerate(self.codecs)
                     if codec not in AS_STORED)

    @cached_property
    def time_position(self) -> int:
        return self.columns.index("time")

    def values_of(self, event: Any) -> list[Any]:
        """The event's values in this format's order (a column the event does not carry is ``None``)."""
        return [getattr(event, column, None) for column in self.columns]

    def hash(self, values: Sequence[Any]) -> str:
        """SHA-256 of the canonical encoding of an event's values, in ``columns`` order."""
        if len(values) != len(self.columns):
            raise ValueError(f"an event has {len(self.columns)} chained values, not {len(values)}")
        return hashlib.sha256(dump_bytes(_encoded(self.encoders, values))).hexdigest()

    def stored_hash(self, values: Sequence[Any]) -> tuple[str, Any]:
        """:meth:`hash` of an event as the database driver returns it, and the event's time in its
        canonical form (whatever form a tampered row holds it in), encoded once for both."""
        encoded = _encoded_stored(self.stored_encoders, values)
        return hashlib.sha256(_dump_stored(encoded)).hexdigest(), encoded[self.time_position]

    @classmethod
    def from_description(cls, description: str) -> EventFormat:
        try:
            columns, codecs = _parsed_columns(json.loads(description))
        except (AttributeError, TypeError, KeyError, ValueError) as error:
            raise ValueError(f"not an event format: {error}") from None
        if "time" not in columns:
            raise ValueError("not an event format: no time column")
        return cls(columns=columns, codecs=codecs)


# The format every event is written in until the chain records another: the columns of AuditEvent
# when the chain began. It never changes; a new column makes a new format, recorded in the chain.
GENESIS_EVENT_FORMAT = EventFormat(
    columns=("seq", "time", "model", "object_id", "object_label", "action", "history_type", "actor_id",
             "ip_address", "channel", "request_id", "reason", "changes", "history_model", "history_id",
             "row_digest", "batch_id", "unit_id", "prev_hash"),
    codecs=("int", "datetime", "text", "text", "text", "text", "text", "int", "ip", "text", "text", "text", "text",
            "text", "int", "text", "int", "int", "text"),
)
EVENT_COLUMNS = GENESIS_EVENT_FORMAT.columns


@cache
def event_format_of(event_model: type[models.Model]) -> EventFormat:
    """The format an events table is written in: its columns but the hash, those of the first format in
    their order, then any added since by name (a migration's state and the code declare them in
    different orders)."""
    genesis = GENESIS_EVENT_FORMAT.columns
    fields = sorted((field for field in event_model._meta.concrete_fields if field.column != "hash"),
                    key=lambda field: (genesis.index(field.column), "") if field.column in genesis else
                    (len(genesis), field.column))
    columns = tuple(field.column for field in fields)
    codecs = tuple(codec_of(field) for field in fields)
    if columns == GENESIS_EVENT_FORMAT.columns and codecs == GENESIS_EVENT_FORMAT.codecs:
        return GENESIS_EVENT_FORMAT
    return EventFormat(columns=columns, codecs=codecs)


def event_hash(values: Sequence[Any], event_format: EventFormat = GENESIS_EVENT_FORMAT) -> str:
    """SHA-256 over the previous hash and the canonical encoding of the event (in the format's order)."""
    return event_format.hash(values)


def forget_layouts() -> None:
    """Drop the layouts worked out from models (tests that swap a model or add a column call this)."""
    layout_of.cache_clear()
    event_format_of.cache_clear()
