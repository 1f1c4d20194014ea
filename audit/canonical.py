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

from django.db import models
from django.utils.dateparse import parse_date, parse_datetime, parse_time

GENESIS_HASH = "0" * 64


def _as_datetime(value):
    if isinstance(value, str):
        value = parse_datetime(value)
    if value.tzinfo is None:  # SQLite's driver, read without the ORM: UTC, without an offset
        return value.isoformat(timespec="microseconds") + "+00:00"
    if value.tzinfo is not dt.UTC:
        value = value.astimezone(dt.UTC)
    return value.isoformat(timespec="microseconds")



canonical_time = _as_datetime


def _as_date(value):
    if isinstance(value, str):
        return parse_date(value).isoformat()
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return value.isoformat()


def _as_time(value):
    if isinstance(value, str):
        value = parse_time(value)
    return value.isoformat(timespec="microseconds")


def _as_ip(value):
    return str(ipaddress.ip_address(str(value).split("/")[0]))


def _as_json(value):
    if isinstance(value, str):
        value = json.loads(value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


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


# One encoder for every call: json.dumps with options builds a new one each time.
dumps: Callable[[Any], str] = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode


def row_digest(history_model: type[models.Model], values: Sequence[Any], m2m: dict[str, list[int]] | None = None) -> str:
    """SHA-256 of a historical row's values (in ``row_layout`` order) and of its many-to-many snapshot."""
    _, encoders = row_layout(history_model)
    encoded = [None if value is None else encoder(value) for encoder, value in zip(encoders, values)]
    if m2m:
        encoded.append({name: sorted(ids) for name, ids in m2m.items()})
    return hashlib.sha256(dumps(encoded).encode()).hexdigest()


def instance_values(history_instance: models.Model) -> list[Any]:
    columns, _ = row_layout(type(history_instance))
    return [getattr(history_instance, column) for column in columns]


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


def event_hash(values: Sequence[Any]) -> str:
    """SHA-256 over the previous hash and the canonical encoding of the event (``EVENT_COLUMNS`` order)."""
    if len(values) != len(_EVENT_ENCODERS):
        raise ValueError(f"an event has {len(_EVENT_ENCODERS)} chained values, not {len(values)}")
    encoded = [None if value is None else encoder(value) for encoder, value in zip(_EVENT_ENCODERS, values)]
    return hashlib.sha256(dumps(encoded).encode()).hexdigest()
