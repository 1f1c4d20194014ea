"""The log's exports carry what people typed as text: never a live formula or link (CSV/formula injection)."""

import csv
import datetime as dt
import io
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from audit import exports
from audit.models import AuditEvent
from directory import services
from directory.models import OrganisationKind
from directory.tables import PROTECT

HOSTILE = ['=HYPERLINK("http://x","y")', "@SUM(1)", "+1", "-2+3", "=1+1"]


@pytest.fixture
def hostile_events(units):
    """Records whose names and change reasons are formulas, as anyone with write access could type them."""
    for text in HOSTILE:
        services.organisation_upsert(actor=None, name=text, kind=OrganisationKind.COOPERATIVE,
                                     unit=units["bg.luc-ngan"], reason="@SUM(1)")
    events = list(AuditEvent.objects.filter(model="directory.organisation").order_by("seq"))
    assert {event.object_label for event in events} >= set(HOSTILE)
    assert {event.reason for event in events} == {"@SUM(1)"}
    return events


def test_the_xlsx_export_writes_every_formula_as_text(client_for, auditor, hostile_events):
    response = client_for(auditor).get("/audit/export.xlsx", {"model": "directory.organisation"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if isinstance(cell.value, str)]
    hostile = [cell for cell in cells if cell.value.startswith(("=", "+", "-", "@"))]
    assert {cell.value for cell in hostile} >= {*HOSTILE, "@SUM(1)"}
    assert all(cell.data_type == "s" for cell in hostile), [(cell.value, cell.data_type) for cell in hostile]
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
    assert not any(cell.hyperlink for row in sheet.iter_rows() for cell in row)


def test_the_csv_export_protects_every_formula(client_for, auditor, hostile_events):
    response = client_for(auditor).get("/audit/export.csv", {"model": "directory.organisation"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert {PROTECT + text for text in HOSTILE} <= set(cells) and PROTECT + "@SUM(1)" in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


class _Actor:
    username = "@SUM(1)"

    def __str__(self):
        return "=1+1"  # a full name typed as a formula


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_reason_typed_as_a_formula_stays_text(fmt):
    event = SimpleNamespace(
        seq=7, time=dt.datetime(2025, 1, 2, tzinfo=dt.UTC), actor=_Actor(),
        action="update", model="directory.organisation", object_id="+1", object_label='=HYPERLINK("http://x","y")',
        unit_id=None, unit=None, channel="web", ip_address=None, request_id="-r", reason="@SUM(1)", changes="{}",
        batch_id=None, history_model="", history_id=None, row_digest="d", prev_hash="p", hash="h",
    )
    content, count = exports.render([event], fmt, reader=None)
    assert count == 1
    if fmt == "csv":
        row = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))[1]
        assert row[0] == "7" and row[1] == "02/01/2025 07:00:00" and row[2] == "'=1+1" and row[3] == "'@SUM(1)"
        assert row[6] == "'+1" and row[7] == "'" + '=HYPERLINK("http://x","y")' and row[12] == "'@SUM(1)"
        assert row[11] == "'-r"
    else:
        row = next(load_workbook(io.BytesIO(content)).active.iter_rows(min_row=2, max_row=2))
        assert row[0].value == 7 and row[0].data_type == "n"
        assert row[1].value == dt.datetime(2025, 1, 2, 7, 0) and row[1].is_date  # local time, a real date-time
        for index, text in [(2, "=1+1"), (3, "@SUM(1)"), (6, "+1"), (7, '=HYPERLINK("http://x","y")'),
                            (12, "@SUM(1)")]:
            assert (row[index].value, row[index].data_type) == (text, "s")
