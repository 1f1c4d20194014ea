"""Reading an uploaded spreadsheet (.xlsx by python-calamine, or .csv) within limits checked before parsing.

calamine loads a whole sheet into memory as a dense grid: one far-right cell per row makes a tiny file
gigabytes large. So before anything is parsed the upload's size, the sizes its zip declares, the sheet's
declared dimension and the cells it really holds (a streamed scan of the sheet's XML) are checked against
the settings ``IMPORT_MAX_BYTES``, ``IMPORT_MAX_ROWS`` and ``IMPORT_MAX_COLUMNS``; a file past any of them is
refused with a message naming the limit. Memory then stays bounded by rows × columns.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from directory.tables import unprotect

# The XML of the sheets, shared strings and styles together, unpacked: far above any honest file's.
UNZIPPED_PER_ROW = 4096
XLSX_MAGIC = b"PK\x03\x04"
ROW_NUMBER = re.compile(rb'\sr="[A-Z]{0,3}(\d{1,7})"')  # rows' r="7" and cells' r="C7"
COLUMN_LETTERS = re.compile(rb'\sr="([A-Z]{1,3})\d')
DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


@dataclass(frozen=True)
class Sheet:
    name: str
    lines: list[tuple[int, tuple]]  # (row number as the spreadsheet shows it, its cells)


def limits() -> tuple[int, int, int]:
    return settings.IMPORT_MAX_BYTES, settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_COLUMNS


def read_sheet(file) -> Sheet:
    """The first worksheet of an uploaded .xlsx or .csv file; ``ValidationError`` saying why not."""
    max_bytes, max_rows, max_columns = limits()
    name = getattr(file, "name", "") or ""
    size = getattr(file, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(_too_big(size, max_bytes))
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(_too_big(len(data), max_bytes))
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data, name, max_rows, max_columns)
    if name.lower().endswith(".csv"):
        return _read_csv(data, name, max_rows, max_columns)
    raise ValidationError(_("Không đọc được tệp «%(name)s»: cần một tệp Excel (.xlsx) hoặc CSV (.csv).")
                          % {"name": name})


def _too_big(size: int, limit: int) -> str:
    return _("Tệp dài %(size)s MB, vượt giới hạn %(limit)s MB của một lần nhập: hãy chia thành nhiều tệp.") % {
        "size": f"{size / 2**20:.1f}", "limit": f"{limit / 2**20:g}"}


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _column_number(letters: bytes | str) -> int:
    number = 0
    for letter in letters if isinstance(letters, str) else letters.decode():
        number = number * 26 + ord(letter) - 64
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _past_limits(rows: int, columns: int, max_rows: int, max_columns: int) -> str | None:
    if rows > max_rows + 1:  # the header row is not counted
        return _("Trang tính có %(rows)s dòng, vượt giới hạn %(limit)s dòng dữ liệu của một lần nhập: hãy chia "
                 "thành nhiều tệp.") % {"rows": _thousands(rows), "limit": _thousands(max_rows)}
    if columns > max_columns:
        return _("Trang tính dùng đến cột %(column)s (%(count)d cột), vượt giới hạn %(limit)d cột: hãy xóa các ô "
                 "thừa ở bên phải bảng.") % {"column": _column_letters(columns), "count": columns, "limit": max_columns}
    return None


def _count(text: bytes, tag: bytes) -> int:
    """How many ``tag`` elements ``text`` opens, with or without a namespace prefix."""
    return sum(text.count(opening + tag + end) for opening in (b"<", b":") for end in (b" ", b">", b"/"))


def _scan(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> tuple[int, int]:
    """The rows and columns a worksheet's XML really reaches, read as a stream (never whole)."""
    rows = cells = refs = row_tags = 0
    letters: set[bytes] = set()
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(1 << 20):
            text = tail + chunk
            # Tags cut by the chunk's end are read with the next chunk.
            cut = text.rfind(b"<")
            text, tail = (text[:cut], text[cut:]) if cut > 0 else (text, b"")
            numbers = ROW_NUMBER.findall(text)
            rows = max(rows, max(map(int, numbers), default=0))
            refs += len(numbers)
            letters.update(COLUMN_LETTERS.findall(text))
            cells += _count(text, b"c")
            row_tags += _count(text, b"row")
    columns = max((_column_number(found) for found in letters if found), default=0)
    if cells + row_tags > refs:
        # Cells written without a reference are placed one after another: assume the worst.
        columns = max(columns, min(cells, 1 << 20))
    return max(rows, row_tags), columns


def _read_xlsx(data: bytes, name: str, max_rows: int, max_columns: int) -> Sheet:
    from python_calamine import CalamineWorkbook

    unreadable = ValidationError(_("Không đọc được tệp «%(name)s»: tệp Excel (.xlsx) bị hỏng hoặc không phải "
                                   "tệp Excel.") % {"name": name})
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise unreadable from None
    unzipped_limit = max(64 << 20, (max_rows + 1) * UNZIPPED_PER_ROW)
    if sum(member.file_size for member in members) > unzipped_limit:
        raise ValidationError(_("Tệp «%(name)s» khi giải nén lớn hơn %(limit)s MB, vượt giới hạn của một lần nhập.")
                              % {"name": name, "limit": unzipped_limit >> 20})
    for member in members:
        if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")):
            continue
        try:
            with archive.open(member) as stream:
                head = stream.read(4096)
            if match := DIMENSION.search(head):
                last_letters, last_row = match.group(3) or match.group(1), match.group(4) or match.group(2)
                if problem := _past_limits(int(last_row), _column_number(last_letters), max_rows, max_columns):
                    raise ValidationError(problem)
            if problem := _past_limits(*_scan(archive, member), max_rows, max_columns):
                raise ValidationError(problem)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError):
            raise unreadable from None
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = workbook.get_sheet_by_index(0)
        grid = sheet.to_python(skip_empty_area=False)
        title = sheet.name
    except Exception:  # calamine's errors (zip, XML, password, missing part) all mean "cannot read"
        raise unreadable from None
    lines = [(number, tuple(_cell(value) for value in cells)) for number, cells in enumerate(grid, start=1)]
    return Sheet(name=title, lines=lines)


def _cell(value):
    """A calamine value as the importers read it: empty text is nothing, a midnight date-time is a date."""
    if value == "":
        return None
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date()
    return value


def _read_csv(data: bytes, name: str, max_rows: int, max_columns: int) -> Sheet:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("Tệp «%(name)s» không phải văn bản UTF-8: hãy lưu lại dạng “CSV UTF-8”.")
                              % {"name": name}) from None
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    lines = []
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            if problem := _past_limits(number, len(cells), max_rows, max_columns):
                raise ValidationError(problem)
            lines.append((number, tuple(unprotect(cell) if cell.strip() else None for cell in cells)))
    except csv.Error:
        raise ValidationError(_("Không đọc được tệp CSV «%(name)s».") % {"name": name}) from None
    return Sheet(name=name.rsplit("/", 1)[-1][:100], lines=lines)
