"""Canonical encodings the chain hashes: of a historical row, of the changes, of an event.

The same function encodes a value on its way into the database (when the event is written) and on its
way out (when the trail is verified), so each value is first brought to the one form the database gives
back: a date for a date column, a decimal with the column's places, a UTC timestamp with microseconds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import json
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import cache
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


def encoder_for(field: models.Field) -> Callable[[Any], Any]:
    """How one column's value is brought to its canonical, JSON-ready form (``None`` stays ``None``)."""
    kind = field.get_internal_type()
    if kind in ("DateTimeField",):
        return _as_datetime
    if kind == "DateField":
        return _as_date
    if kind == "TimeField":
        return _as_time
    if kind == "DecimalField":
        return _decimal(field.decimal_places)
    if kind in ("GenericIPAddressField", "IPAddressField"):
        return _as_ip
    if kind == "JSONField":
        return _as_json
    if kind == "BooleanField":
        return bool
    if kind == "FloatField":
        return float
    if kind.endswith("IntegerField") or kind.endswith("AutoField") or isinstance(field, models.ForeignKey):
        return int
    if kind == "UUIDField":
        return str
    return str  # text, file names (a FieldFile's str is its name), choices


def encode(encoder: Callable[[Any], Any], value: Any) -> Any:
    return None if value is None else encoder(value)


@cache
def row_layout(history_model: type[models.Model]) -> tuple[tuple[str, ...], tuple[Callable, ...]]:
    """The columns of a historical table in a fixed order, each with its encoder."""
    fields = sorted(history_model._meta.concrete_fields, key=lambda field: field.attname)
    return tuple(field.attname for field in fields), tuple(encoder_for(field) for field in fields)


@cache
def m2m_layout(history_model: type[models.Model]) -> tuple[tuple[str, type[models.Model], str], ...]:
    """For each many-to-many field a history keeps: (field name, its historical table, target column)."""
    from django.apps import apps

    layout = []
    for field in getattr(history_model, "_history_m2m_fields", ()):
        table = apps.get_model(history_model._meta.app_label, f"{history_model.__name__}_{field.name}")
        layout.append((field.name, table, f"{field.m2m_reverse_field_name()}_id"))
    return tuple(layout)


def empty_m2m(history_model: type[models.Model]) -> dict[str, list[int]]:
    return {name: [] for name, _, _ in m2m_layout(history_model)}


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


def _for_stored(encoders: Sequence[Callable[[Any], Any]]) -> tuple[tuple[int, Callable[[Any], Any]], ...]:
    """The columns whose values, as a database driver returns them, still need their encoder, by
    position: text and integer columns come back already in their canonical form."""
    return tuple((position, encoder) for position, encoder in enumerate(encoders)
                 if encoder is not str and encoder is not int)


@cache
def _stored_row_encoders(history_model: type[models.Model]) -> tuple[tuple[int, Callable[[Any], Any]], ...]:
    return _for_stored(row_layout(history_model)[1])


def _encoded(encoders: Sequence[Callable[[Any], Any]], values: Sequence[Any]) -> list[Any]:
    """Each value in its canonical form (``None`` stays ``None``)."""
    return [None if value is None else encoder(value) for encoder, value in zip(encoders, values)]


def _encoded_stored(encoders: Sequence[tuple[int, Callable[[Any], Any]]], values: Sequence[Any]) -> list[Any]:
    """:func:`_encoded` of a driver's values, given the encoders :func:`_for_stored` kept: the other
    columns are copied as they are, which is most of what a verification reads."""
    encoded = list(values)
    for position, encoder in encoders:
        value = encoded[position]
        if value is not None:
            encoded[position] = encoder(value)
    return encoded


def encode_row(history_model: type[models.Model], values: Sequence[Any]) -> list[Any]:
    """A historical row's values (in ``row_layout`` order), each in its canonical form."""
    return _encoded(row_layout(history_model)[1], values)


def digest_of(encoded: list[Any], m2m: dict[str, list[int]] | None = None, *,
              dump: Callable[[Any], bytes] = dump_bytes) -> str:
    """SHA-256 of an encoded historical row and of its many-to-many snapshot."""
    if m2m:
        encoded = [*encoded, {name: sorted(ids) for name, ids in m2m.items()}]
    return hashlib.sha256(dump(encoded)).hexdigest()


def stored_row_digest(history_model: type[models.Model], values: Sequence[Any],
                      m2m: dict[str, list[int]] | None = None) -> str:
    """The digest of a historical row as the database driver returns it (in ``row_layout`` order)."""
    return digest_of(_encoded_stored(_stored_row_encoders(history_model), values), m2m, dump=_dump_stored)


def instance_values(history_instance: models.Model) -> list[Any]:
    columns, _ = row_layout(type(history_instance))
    loaded = history_instance.__dict__  # a freshly written row holds every column
    return [loaded[column] if column in loaded else getattr(history_instance, column) for column in columns]


# The event's columns the hash covers, in order. ``seq`` and ``prev_hash`` tie it into the chain.
EVENT_COLUMNS = (
    "seq", "time", "model", "object_id", "object_label", "action", "history_type", "actor_id", "ip_address",
    "channel", "request_id", "reason", "changes", "history_model", "history_id", "row_digest", "batch_id",
    "unit_id", "prev_hash",
)


_EVENT_ENCODERS = tuple(
    _as_datetime if column == "time" else _as_ip if column == "ip_address"
    else int if column in ("seq", "actor_id", "history_id", "batch_id", "unit_id") else str
    for column in EVENT_COLUMNS
)


_STORED_EVENT_ENCODERS = _for_stored(_EVENT_ENCODERS)


def event_hash(values: Sequence[Any]) -> str:
    """SHA-256 over the previous hash and the canonical encoding of the event (``EVENT_COLUMNS`` order)."""
    if len(values) != len(_EVENT_ENCODERS):
        raise ValueError(f"an event has {len(_EVENT_ENCODERS)} chained values, not {len(values)}")
    return hashlib.sha256(dump_bytes(_encoded(_EVENT_ENCODERS, values))).hexdigest()


def stored_event_hash(values: Sequence[Any]) -> tuple[str, Any]:
    """:func:`event_hash` of an event as the database driver returns it, and the event's time in its
    canonical form (whatever form a tampered row holds it in), encoded once for both."""
    encoded = _encoded_stored(_STORED_EVENT_ENCODERS, values)
    return hashlib.sha256(_dump_stored(encoded)).hexdigest(), encoded[1]
