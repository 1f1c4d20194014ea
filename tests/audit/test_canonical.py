"""The canonical encodings the hashes cover: stable, reproducible with the standard library, and the same
for a value on its way into the database and on its way back out."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from audit.canonical import (
    _as_date,
    _as_datetime,
    digest_of,
    dump_bytes,
    layout_of,
)


@pytest.mark.parametrize("value", [
    ["Cục Sở hữu trí tuệ", 'dấu "ngoặc" và \\ gạch', "\x00\x1f\x7f\u2028", "\t\n\r\b\f", None, True, 0, -7, 2**62],
    {"Đ": 1, "Z": [1, "x"], "a": {"z": None, "b": []}},
    "😀",
])
def test_canonical_json_is_what_the_standard_library_writes(value):
    # Anyone may recompute a hash from the published rule, without this code.
    expected = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    assert dump_bytes(value) == expected


@pytest.mark.parametrize("moment", [
    dt.datetime(2025, 12, 15, 1, 2, 3, 456789, tzinfo=dt.UTC),
    dt.datetime(2025, 12, 15, 1, 2, 3, tzinfo=dt.UTC),  # no fraction: SQLite stores none
])
def test_a_time_as_sqlite_stores_it_encodes_as_the_time_itself(moment):
    stored = str(moment.replace(tzinfo=None))  # how Django writes it to SQLite: UTC, without an offset
    assert _as_datetime(stored) == _as_datetime(moment) == moment.isoformat(timespec="microseconds")


def test_a_time_in_another_zone_is_brought_to_utc():
    hanoi = dt.timezone(dt.timedelta(hours=7))
    assert _as_datetime(dt.datetime(2025, 12, 15, 8, tzinfo=hanoi)) == "2025-12-15T01:00:00.000000+00:00"


def test_a_date_as_stored_and_as_a_date_agree():
    assert _as_date("2025-12-31") == _as_date(dt.date(2025, 12, 31)) == "2025-12-31"


@pytest.mark.django_db
def test_a_row_read_back_digests_as_it_was_written(initiative_lucngan):
    history = initiative_lucngan.history.model
    layout = layout_of(history)
    row = history.objects.order_by("-history_id").first()
    written = digest_of(layout.encode(layout.values_of(row)))
    driver_like = [str(value.astimezone(dt.UTC).replace(tzinfo=None)) if isinstance(value, dt.datetime)
                   else value.isoformat() if isinstance(value, dt.date)
                   else float(value) if isinstance(value, Decimal) else value
                   for value in layout.values_of(row)]
    assert layout.stored_digest(driver_like) == written
