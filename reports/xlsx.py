"""A report as an .xlsx workbook: the letterhead on a first sheet, then one sheet per section.

The spreadsheet is what units pass on and add to, so its figures are real cells: numbers stay numbers, dates
stay dates, and each total is a live ``SUM`` over the rows above it, with the value ``Table.totals()``
computed cached in the cell for viewers that do not recalculate. Everything else is text and must stay text:
a record named "=HYPERLINK(...)" is written as a string, never as a formula or a link, so opening a report
cannot run what someone typed into the registry.

The same document gives the same bytes: the creation time comes from the letterhead, not the clock.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import unicodedata
from decimal import Decimal

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_range
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from reports.document import Cell, Letterhead, ReportDocument, Section, Table

LETTERHEAD_SHEET = "Thông tin"
DATE_FORMAT = "dd/mm/yyyy"
UNDATED = dt.datetime(2000, 1, 1)  # the creation time of a draft, which has no date yet

_SHEET_NAME_LENGTH = 31
_SHEET_NAME_CHARACTERS = str.maketrans({"[": " ", "]": " ", ":": " ", "*": " ", "?": " ", "/": "-", "\\": "-"})
_MIN_WIDTH, _MAX_WIDTH, _MAX_FIRST_WIDTH = 8, 40, 60
_LINE_HEIGHT = 15  # points: one line of the default 11 pt font


class _Formats:
    """The workbook's formats, each made once: a workbook keeps every format it is given."""

    def __init__(self, workbook: Workbook) -> None:
        self._workbook = workbook
        self._cells: dict[tuple[str, bool], Format] = {}
        self.bold = workbook.add_format({"bold": True})
        self.wrapped = workbook.add_format({"text_wrap": True, "valign": "top"})
        self.date = workbook.add_format({"num_format": DATE_FORMAT, "align": "left"})
        self.header = workbook.add_format(
            {"bold": True, "bg_color": "#D9D9D9", "border": 1, "text_wrap": True, "align": "center", "valign": "top"}
        )

    def cell(self, num_format: str = "", bold: bool = False) -> Format:
        """A bordered table cell: numbers and dates carry ``num_format``, text (no format) wraps."""
        key = num_format, bold
        if key not in self._cells:
            look = {"num_format": num_format} if num_format else {"text_wrap": True}
            self._cells[key] = self._workbook.add_format({"border": 1, "valign": "top", "bold": bold} | look)
        return self._cells[key]


def render_xlsx(document: ReportDocument) -> bytes:
    output = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    workbook = xlsxwriter.Workbook(output, options)
    letterhead = document.letterhead
    created = dt.datetime.combine(letterhead.date, dt.time()) if letterhead.date else UNDATED
    workbook.set_properties({"title": letterhead.subtitle, "created": created})
    formats = _Formats(workbook)
    _write_letterhead(workbook.add_worksheet(LETTERHEAD_SHEET), letterhead, formats)
    # Excel keeps "History" for its change tracking and will not open a workbook with a sheet of that name.
    taken = {LETTERHEAD_SHEET.lower(), "history"}
    for section in document.sections:
        name = sheet_name(section.title, taken)
        taken.add(name.lower())
        _write_section(workbook.add_worksheet(name), section, formats)
    workbook.close()
    return output.getvalue()


def sheet_name(title: str, taken: set[str]) -> str:
    """``title`` as Excel accepts it: no []:*?/\\, at most 31 characters, none of ``taken`` (in lower case)."""
    name = " ".join(unicodedata.normalize("NFC", title).translate(_SHEET_NAME_CHARACTERS).split()).strip("'")
    name = _shorten(name, _SHEET_NAME_LENGTH) or "Mục"
    candidate, number = name, 1
    while candidate.lower() in taken:
        number += 1
        suffix = f" ({number})"
        candidate = _shorten(name, _SHEET_NAME_LENGTH - len(suffix)) + suffix
    return candidate


def _shorten(text: str, length: int) -> str:
    """``text`` cut to ``length`` characters, at the last space if it has one, so no syllable is cut in two."""
    if len(text) <= length:
        return text
    head, _, _ = text[: length + 1].rpartition(" ")
    return (head or text[:length]).rstrip("' ")


def _write_letterhead(sheet: Worksheet, letterhead: Letterhead, formats: _Formats) -> None:
    rows: list[tuple[str, str | dt.date | None]] = [
        ("Quốc hiệu", Letterhead.NATIONAL_TITLE),
        ("Tiêu ngữ", Letterhead.MOTTO),
        ("Cơ quan chủ quản", letterhead.governing_body),
        ("Cơ quan ban hành", letterhead.issuing_body),
        ("Số, ký hiệu", letterhead.number),
        ("Địa danh", letterhead.place),
        ("Ngày ban hành", letterhead.date),
        ("Tên loại văn bản", letterhead.title),
        ("Trích yếu", letterhead.subtitle),
        *(("" if index else "Nơi nhận", recipient) for index, recipient in enumerate(letterhead.recipients)),
        ("Chức vụ người ký", letterhead.signer_title),
        ("Người ký", letterhead.signer_name),
    ]
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 70)
    for row, (label, value) in enumerate(rows):
        sheet.write_string(row, 0, label, formats.bold)
        if isinstance(value, dt.date):
            sheet.write_datetime(row, 1, value, formats.date)
        elif value:
            sheet.write_string(row, 1, value, formats.wrapped)


def _write_section(sheet: Worksheet, section: Section, formats: _Formats) -> None:
    widths = _column_widths(section.tables)
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    sheet.write_string(0, 0, section.title, formats.bold)
    row = 1
    for paragraph in section.paragraphs:
        # Merged as wide as the tables below; Excel does not grow a merged cell's height, so estimate it.
        if len(widths) > 1:
            sheet.merge_range(row, 0, row, len(widths) - 1, "", formats.wrapped)
        sheet.write_string(row, 0, paragraph, formats.wrapped)
        lines = sum(max(1, math.ceil(len(line) / sum(widths))) for line in paragraph.splitlines() or [""])
        sheet.set_row(row, _LINE_HEIGHT * lines)
        row += 1
    for index, table in enumerate(section.tables):
        header_row, row = _write_table(sheet, row + 1, table, formats)  # one empty row before each table
        if index == 0:
            sheet.freeze_panes(header_row + 1, 0)


def _write_table(sheet: Worksheet, row: int, table: Table, formats: _Formats) -> tuple[int, int]:
    """Write ``table`` from ``row`` down; return the row of its header and the first row after it."""
    sheet.write_string(row, 0, table.title, formats.bold)
    header_row = row + 1
    for column, header in enumerate(table.headers):
        sheet.write_string(header_row, column, header, formats.header)
    for offset, values in enumerate(table.rows, start=1):
        for column, value in enumerate(values):
            _write_cell(sheet, header_row + offset, column, value, formats)
    next_row = header_row + len(table.rows) + 1
    if table.total_columns:
        _write_total(sheet, next_row, table, formats)
        next_row += 1
    if table.note:
        sheet.write_string(next_row, 0, table.note)
        next_row += 1
    return header_row, next_row


def _write_total(sheet: Worksheet, row: int, table: Table, formats: _Formats) -> None:
    """A SUM over exactly the body rows above ``row`` for each total column, labelled in the first column."""
    totals = table.totals()
    for column in range(len(table.headers)):
        if column in totals and table.rows:  # with no rows the range would wrap onto the header: write the 0
            total = totals[column]
            formula = f"=SUM({xl_range(row - len(table.rows), column, row - 1, column)})"
            sheet.write_formula(row, column, formula, formats.cell(_number_format(total), bold=True), _number(total))
        else:
            value = totals.get(column, table.total_label if column == 0 else None)
            _write_cell(sheet, row, column, value, formats, bold=True)


def _write_cell(sheet: Worksheet, row: int, column: int, value: Cell, formats: _Formats, bold: bool = False) -> None:
    if value is None:
        sheet.write_blank(row, column, None, formats.cell(bold=bold))
    elif isinstance(value, str):
        sheet.write_string(row, column, value, formats.cell(bold=bold))
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, column, value, formats.cell(DATE_FORMAT, bold))
    else:
        sheet.write_number(row, column, _number(value), formats.cell(_number_format(value), bold))


def _number(value: int | Decimal) -> int | float:
    return float(value) if isinstance(value, Decimal) else value


def _number_format(value: int | Decimal) -> str:
    """Whole numbers with thousands separators; a Decimal with the places it has, one or two."""
    if isinstance(value, Decimal):
        return "#,##0." + "0" * min(max(-value.as_tuple().exponent, 1), 2)
    return "#,##0"


def _column_widths(tables: list[Table]) -> list[float]:
    """Each column as wide as its longest header or value, within bounds; the first column, names, may be wider."""
    longest: dict[int, int] = {}
    for table in tables:
        for values in [table.headers, *table.rows]:
            for column, value in enumerate(values):
                longest[column] = max(longest.get(column, 0), _display_length(value))
    if not longest:
        return [100]  # paragraphs only
    return [
        min(max(longest.get(column, 0) + 2, _MIN_WIDTH), _MAX_WIDTH if column else _MAX_FIRST_WIDTH)
        for column in range(max(longest) + 1)
    ]


def _display_length(value: Cell) -> int:
    if isinstance(value, str):
        return max(map(len, value.splitlines() or [""]))
    if isinstance(value, dt.date):
        return len(DATE_FORMAT)
    return 0 if value is None else len(f"{value:,.2f}" if isinstance(value, Decimal) else f"{value:,}")
