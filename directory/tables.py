"""A list page as a spreadsheet: XLSX or CSV, in words not codes, dates as dates, numbers as numbers.

Text taken from the records never becomes a formula: in XLSX every string is written as a string (and
XlsxWriter's guessing of formulas, URLs and numbers is off); in CSV a text cell that a spreadsheet would read
as a formula (beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a protective
leading apostrophe, which the imports recognise and strip. Numbers are never touched. Rows are written as
they are read, in batches, with XlsxWriter's constant-memory mode.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

import xlsxwriter
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record_export

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PROTECT = "'"


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[object], object]
    width: int = 18


def protect(text: str) -> str:
    """A CSV text cell as a spreadsheet must read it: as text."""
    return PROTECT + text if text.startswith(FORMULA_STARTS) else text


def unprotect(text: str) -> str:
    """The text an exported CSV cell stood for (the import's side of ``protect``)."""
    return text[1:] if text.startswith(PROTECT) and text[1:].startswith(FORMULA_STARTS) else text


def _local(moment: dt.datetime) -> dt.datetime:
    """A moment as the clock in Viet Nam showed it (a spreadsheet's date-times have no time zone)."""
    return timezone.localtime(moment).replace(tzinfo=None) if timezone.is_aware(moment) else moment


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return _local(value).strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, (int, Decimal, float)):
        return str(value)
    return protect(str(value))


def render(columns: list[Column], rows: Iterable, fmt: str, *, sheet: str) -> tuple[bytes, int]:
    """The file's bytes and its number of rows."""
    count = 0
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([column.header for column in columns])
        for count, row in enumerate(rows, start=1):
            writer.writerow([_csv_cell(column.value(row)) for column in columns])
        # With a byte-order mark, so spreadsheet programs read the Vietnamese text as UTF-8.
        return ("\ufeff" + buffer.getvalue()).encode("utf-8"), count
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"constant_memory": True, "in_memory": False,
                                            "strings_to_formulas": False, "strings_to_urls": False,
                                            "strings_to_numbers": False})
    workbook.set_properties({"created": dt.datetime(2000, 1, 1)})
    header = workbook.add_format({"bold": True, "bg_color": "#E7EAEE", "border": 1, "text_wrap": True})
    date = workbook.add_format({"num_format": "dd/mm/yyyy"})
    moment = workbook.add_format({"num_format": "dd/mm/yyyy hh:mm:ss"})
    number = workbook.add_format({"num_format": "#,##0"})
    decimal = workbook.add_format({"num_format": "#,##0.00"})
    worksheet = workbook.add_worksheet(sheet[:31])
    for index, column in enumerate(columns):
        worksheet.set_column(index, index, column.width)
        worksheet.write_string(0, index, column.header, header)
    worksheet.freeze_panes(1, 0)
    for count, row in enumerate(rows, start=1):
        for index, column in enumerate(columns):
            value = column.value(row)
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                worksheet.write_string(count, index, _("Có") if value else _("Không"))
            elif isinstance(value, dt.datetime):
                worksheet.write_datetime(count, index, _local(value), moment)
            elif isinstance(value, dt.date):
                worksheet.write_datetime(count, index, dt.datetime(value.year, value.month, value.day), date)
            elif isinstance(value, int):
                worksheet.write_number(count, index, value, number)
            elif isinstance(value, (Decimal, float)):
                worksheet.write_number(count, index, float(value), decimal)
            else:
                worksheet.write_string(count, index, str(value))
    workbook.close()
    return output.getvalue(), count


def in_batches(ids: list[int], load: Callable[[list[int]], list], size: int = 2000) -> Iterable:
    """The rows of ``ids``, loaded ``size`` at a time and in that order."""
    for start in range(0, len(ids), size):
        yield from load(ids[start:start + size])


def export_response(*, actor, what: str, columns: list[Column], rows: Iterable, fmt: str, file_stem: str,
                    sheet: str, filters: dict) -> HttpResponse:
    """The file as a download, logged in the audit trail as an export with its SHA-256."""
    content, count = render(columns, rows, fmt, sheet=sheet)
    file_name = f"{file_stem}-{timezone.localdate():%Y%m%d}.{fmt}"
    record_export(actor=actor, what=what, file_name=file_name, sha256=hashlib.sha256(content).hexdigest(), rows=count,
                  filters={key: value for key, value in filters.items() if value not in ("", None)})
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response
