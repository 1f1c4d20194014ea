"""Reading growing-area codes from a spreadsheet: every row is checked before anything is written.

The sheet's first row that holds anything is its header; the columns are found by their Vietnamese
headers (or the model's field names), in any order, other columns being ignored. Each later row that is
not blank is one code. Products, units and assets are looked up with one query each for the whole file.
Every problem found is reported with the row number the spreadsheet shows and the column's header, and
if there is any, :func:`read_growing_area_sheet` raises them all in one ``ValidationError``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from audit.models import ImportBatch
from directory.models import AdministrativeUnit
from ip_registry.models import GrowingAreaCode, IPAsset, Product
from ip_registry.selectors import REGISTRY_UNIT_KINDS

# Beyond this many problems the file is clearly not the expected one: the rest are counted, not listed.
MAX_ERRORS = 500


@dataclass(frozen=True)
class Column:
    field: str  # the GrowingAreaCode field it fills
    header: str  # what the sheet's header says (the model's field name is accepted too)
    required: bool
    help: str | Promise


COLUMNS = (
    Column("code", "Mã số", True,
           gettext_lazy("Mã số vùng trồng. Mã đã có trong sổ thì dòng cập nhật mã đó, chưa có thì thêm mới.")),
    Column("product", "Sản phẩm", True, gettext_lazy("Tên sản phẩm đặc sản, đúng như trong sổ đăng ký.")),
    Column("unit", "Địa bàn", True,
           gettext_lazy("Mã đơn vị hành chính cấp huyện hoặc cấp xã, ví dụ bg.luc-ngan.")),
    Column("area_hectares", "Diện tích (ha)", True,
           gettext_lazy("Số không âm, nhiều nhất 2 chữ số thập phân.")),
    Column("export_market", "Thị trường xuất khẩu", True, gettext_lazy("Ví dụ: Trung Quốc, Nhật Bản.")),
    Column("issuing_body", "Cơ quan cấp", True, gettext_lazy("Ví dụ: Cục Bảo vệ thực vật.")),
    Column("issued_on", "Ngày cấp", True, gettext_lazy("Ô kiểu ngày, hoặc chữ dạng dd/mm/yyyy.")),
    Column("status", "Tình trạng", False,
           gettext_lazy("Không bắt buộc: Đang hiệu lực, Tạm dừng hoặc Bị thu hồi. Để trống: mã mới "
                        "đang hiệu lực, mã đã có giữ nguyên tình trạng.")),
    Column("asset", "Tài sản trí tuệ", False,
           gettext_lazy("Không bắt buộc: số ID hoặc tên đầy đủ của tài sản trí tuệ. Để trống: mã đã có "
                        "giữ nguyên tài sản.")),
)


@dataclass(frozen=True)
class GrowingAreaRow:
    """One checked row: the code and the values to give it."""

    number: int  # the row's number as the spreadsheet shows it
    code: str
    product_id: int
    unit_id: int
    area_hectares: Decimal
    export_market: str
    issuing_body: str
    issued_on: dt.date
    status: str | None  # None when left empty: a new code is active, an existing one keeps its status
    asset_id: int | None  # None when left empty: an existing code keeps its asset

    def values(self) -> dict[str, Any]:
        """The model attributes (attnames) this row sets."""
        values: dict[str, Any] = {
            "product_id": self.product_id, "unit_id": self.unit_id, "area_hectares": self.area_hectares,
            "export_market": self.export_market, "issuing_body": self.issuing_body, "issued_on": self.issued_on,
        }
        if self.status is not None:
            values["status"] = self.status
        if self.asset_id is not None:
            values["asset_id"] = self.asset_id
        return values


@dataclass(frozen=True)
class GrowingAreaImport:
    """What an import did: its batch, and how many rows created, changed or left a code as it was."""

    batch: ImportBatch
    created: int
    updated: int
    unchanged: int

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged


def read_growing_area_sheet(file) -> tuple[str, list[GrowingAreaRow]]:
    """The first worksheet's name and its rows, all checked; ``ValidationError`` listing every problem."""
    sheet, lines = _read_cells(file)
    header_at = next((number for number, cells in lines if not _blank(cells)), None)
    if header_at is None:
        raise ValidationError([_("Tệp không có dữ liệu: cần dòng tiêu đề và ít nhất một dòng mã số vùng trồng.")])
    columns = _locate_columns(header_at, lines[header_at - 1][1])
    records = []
    for number, cells in lines[header_at:]:
        values = {field: (cells[index] if index < len(cells) else None) for field, (index, _header) in columns.items()}
        if not _blank(values.values()):
            records.append((number, values))
    if not records:
        raise ValidationError([
            _("Trang tính «%(sheet)s» chỉ có dòng tiêu đề, không có dòng mã số vùng trồng nào.") % {"sheet": sheet}
        ])
    headers = {field: header for field, (_index, header) in columns.items()}
    return sheet, _RowChecker(headers, records).rows()


# Reading the workbook -------------------------------------------------------------------------------

def _read_cells(file) -> tuple[str, list[tuple[int, tuple]]]:
    """The first worksheet's name and every row's values, numbered as the spreadsheet numbers them."""
    unreadable = ValidationError([
        _("Không đọc được tệp «%(name)s»: cần một tệp Excel (.xlsx).") % {"name": getattr(file, "name", "") or ""}
    ])
    if hasattr(file, "seek"):
        file.seek(0)
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception:  # openpyxl fails on a foreign file in many ways (zip, XML, missing part…)
        raise unreadable from None
    try:
        worksheet = workbook.worksheets[0]
        # Some writers store a wrong size; read every row the sheet really has.
        worksheet.reset_dimensions()
        lines = [(number, tuple(cells))
                 for number, cells in enumerate(worksheet.iter_rows(values_only=True), start=1)]
        return worksheet.title, lines
    except Exception:
        raise unreadable from None
    finally:
        workbook.close()


def _normal(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def _key(text: str) -> str:
    """How headers and labels are compared: case, spacing and Unicode composition do not count."""
    return " ".join(_normal(text).casefold().split())


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _blank(values) -> bool:
    return all(_is_blank(value) for value in values)


def _locate_columns(header_at: int, cells: Sequence) -> dict[str, tuple[int, str]]:
    """{field: (cell index, header as written)} for the columns the header row names."""
    wanted = {}
    for column in COLUMNS:
        wanted[_key(column.header)] = column
        wanted[_key(column.field)] = column
    found: dict[str, tuple[int, str]] = {}
    errors = []
    for index, cell in enumerate(cells):
        if not isinstance(cell, str) or (column := wanted.get(_key(cell))) is None:
            continue
        if column.field in found:
            errors.append(_("Dòng %(row)d: cột «%(header)s» có hai lần (cột %(first)s và %(second)s).") % {
                "row": header_at, "header": column.header,
                "first": get_column_letter(found[column.field][0] + 1),
                "second": get_column_letter(index + 1),
            })
            continue
        found[column.field] = (index, _normal(cell))
    for column in COLUMNS:
        if column.required and column.field not in found:
            errors.append(_("Dòng tiêu đề (dòng %(row)d) thiếu cột «%(header)s».")
                          % {"row": header_at, "header": column.header})
    if errors:
        raise ValidationError(errors)
    return found


# Checking the rows ----------------------------------------------------------------------------------

DATE_TEXT = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
# DecimalField(max_digits=10, decimal_places=2): below 10^8.
AREA_LIMIT = Decimal(10) ** (
    GrowingAreaCode._meta.get_field("area_hectares").max_digits
    - GrowingAreaCode._meta.get_field("area_hectares").decimal_places
)
CENT = Decimal("0.01")


def _text(value) -> str:
    """A cell as text: numbers typed into a text column (a code, a unit code) read as typed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return _normal(str(value))


def _shown(value) -> str:
    """A cell's value as quoted back in a message."""
    text = _text(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _decimal(value) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        number = Decimal(repr(value))  # the shortest repr: 10.25 typed is 10.25, not its binary expansion
    elif isinstance(value, str):
        text = "".join(value.split())
        if "," in text and "." not in text:
            text = text.replace(",", ".")  # Vietnamese decimal comma
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
    else:
        return None
    return number if number.is_finite() else None


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and (match := DATE_TEXT.fullmatch(value.strip())):
        day, month, year = map(int, match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return None


def _integer(value) -> int | None:
    """A cell holding a whole number (an asset's ID), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _status_choices() -> dict[str, str]:
    """Each status by its stored value, its Vietnamese label and its label in the current language."""
    choices = {}
    for value, label in GrowingAreaCode.Status.choices:
        choices[_key(value)] = value
        choices[_key(str(label))] = value
        with translation.override("vi"):
            choices[_key(str(label))] = value
    return choices


def _max_length(field: str) -> int:
    return GrowingAreaCode._meta.get_field(field).max_length


class _RowChecker:
    """Checks every row against the registry, read once for the whole file, collecting every problem."""

    def __init__(self, headers: dict[str, str], records: list[tuple[int, dict[str, Any]]]):
        self.headers = headers
        self.records = records
        self.errors: list[str] = []
        self.products = dict(Product.objects.filter(name__in=self._texts("product")).values_list("name", "pk"))
        self.units = {
            code: (pk, name, kind) for code, pk, name, kind in
            AdministrativeUnit.objects.filter(code__in=self._texts("unit")).values_list("code", "pk", "name", "kind")
        }
        self.ended = dict(AdministrativeUnit.objects.filter(code__in=self._texts("unit"), valid_to__isnull=False)
                          .values_list("pk", "valid_to"))
        self.unit_map = None  # read when a row names a unit that had ended by its date
        self.asset_ids: set[int] = set()
        self.assets_named: dict[str, list[int]] = defaultdict(list)
        asset_cells = [values.get("asset") for _number, values in records if not _is_blank(values.get("asset"))]
        if asset_cells:
            ids = {number for cell in asset_cells if (number := _integer(cell)) is not None}
            names = {_text(cell) for cell in asset_cells if _integer(cell) is None}
            for pk, name in IPAsset.objects.filter(Q(pk__in=ids) | Q(name__in=names)).values_list("pk", "name"):
                self.asset_ids.add(pk)
                self.assets_named[name].append(pk)
        self.statuses = _status_choices()

    def _texts(self, field: str) -> set[str]:
        """The distinct non-empty texts of a column, to look up in one query."""
        return {text for _number, values in self.records if (text := _text(values.get(field)))}

    def rows(self) -> list[GrowingAreaRow]:
        rows = []
        first_row_of: dict[str, int] = {}
        for number, values in self.records:
            before = len(self.errors)
            code = self._required_text(number, values, "code")
            if code and code in first_row_of:
                self._error(number, "code", _("Dòng %(row)d, cột «%(column)s»: mã số «%(value)s» trùng với dòng "
                                              "%(first)d."), value=code, first=first_row_of[code])
            elif code:
                first_row_of[code] = number
            row = {
                "code": code,
                "product_id": self._product(number, values),
                "unit_id": self._unit(number, values),
                "area_hectares": self._area(number, values),
                "export_market": self._required_text(number, values, "export_market"),
                "issuing_body": self._required_text(number, values, "issuing_body"),
                "issued_on": self._issued_on(number, values),
                "status": self._status(number, values),
                "asset_id": self._asset(number, values),
            }
            self._in_force(number, values, row["unit_id"], row["issued_on"])
            if len(self.errors) == before:
                rows.append(GrowingAreaRow(number=number, **row))
        if self.errors:
            shown = self.errors[:MAX_ERRORS]
            if len(self.errors) > MAX_ERRORS:
                more = len(self.errors) - MAX_ERRORS
                shown.append(ngettext("… và %(count)d lỗi khác.", "… và %(count)d lỗi khác.", more) % {"count": more})
            raise ValidationError(shown)
        return rows

    def _error(self, number: int, field: str, message: str, **params) -> None:
        self.errors.append(message % {"row": number, "column": self.headers[field], **params})

    def _missing(self, number: int, field: str) -> None:
        self._error(number, field, _("Dòng %(row)d, cột «%(column)s»: chưa có giá trị."))

    def _required_text(self, number: int, values: dict, field: str) -> str:
        text = _text(values.get(field))
        if not text:
            self._missing(number, field)
        elif len(text) > _max_length(field):
            self._error(number, field, _("Dòng %(row)d, cột «%(column)s»: dài %(length)d ký tự, nhiều nhất "
                                         "%(max)d."), length=len(text), max=_max_length(field))
            return ""
        return text

    def _product(self, number: int, values: dict) -> int | None:
        name = _text(values.get("product"))
        if not name:
            self._missing(number, "product")
            return None
        if name not in self.products:
            self._error(number, "product", _("Dòng %(row)d, cột «%(column)s»: không có sản phẩm «%(value)s» "
                                             "trong sổ đăng ký."), value=_shown(name))
        return self.products.get(name)

    def _unit(self, number: int, values: dict) -> int | None:
        code = _text(values.get("unit"))
        if not code:
            self._missing(number, "unit")
            return None
        if code not in self.units:
            self._error(number, "unit", _("Dòng %(row)d, cột «%(column)s»: không có đơn vị hành chính mã "
                                          "«%(value)s»."), value=_shown(code))
            return None
        pk, name, kind = self.units[code]
        if kind not in REGISTRY_UNIT_KINDS:
            self._error(number, "unit", _("Dòng %(row)d, cột «%(column)s»: «%(value)s» (%(name)s) không phải "
                                          "đơn vị cấp huyện hoặc cấp xã."), value=code, name=name)
            return None
        return pk

    def _in_force(self, number: int, values: dict, unit_id: int | None, issued_on) -> None:
        """A code issued after its unit ended is refused, naming the units in force that took it over."""
        if unit_id is None or issued_on is None or unit_id not in self.ended or issued_on <= self.ended[unit_id]:
            return
        from directory.selectors import UnitMap

        self.unit_map = self.unit_map or UnitMap()
        successors = ", ".join(sorted(self.unit_map[pk].name for pk in self.unit_map.reporting_on(unit_id, issued_on)))
        self._error(number, "unit", _("Dòng %(row)d, cột «%(column)s»: %(name)s đã hết hiệu lực sau ngày %(end)s; "
                                      "vào ngày cấp %(day)s, địa bàn này thuộc: %(successors)s."),
                    name=self.unit_map[unit_id].name, end=self.ended[unit_id].strftime("%d/%m/%Y"),
                    day=issued_on.strftime("%d/%m/%Y"), successors=successors or "—")

    def _area(self, number: int, values: dict) -> Decimal | None:
        cell = values.get("area_hectares")
        if _is_blank(cell):
            self._missing(number, "area_hectares")
            return None
        area = _decimal(cell)
        if area is None or area < 0:
            self._error(number, "area_hectares", _("Dòng %(row)d, cột «%(column)s»: diện tích không hợp lệ "
                                                   "«%(value)s», cần một số không âm."), value=_shown(cell))
            return None
        if area != area.quantize(CENT):
            self._error(number, "area_hectares", _("Dòng %(row)d, cột «%(column)s»: diện tích «%(value)s» có "
                                                   "quá 2 chữ số thập phân."), value=_shown(cell))
            return None
        if area >= AREA_LIMIT:
            self._error(number, "area_hectares", _("Dòng %(row)d, cột «%(column)s»: diện tích «%(value)s» quá "
                                                   "lớn."), value=_shown(cell))
            return None
        return area.quantize(CENT)

    def _issued_on(self, number: int, values: dict) -> dt.date | None:
        cell = values.get("issued_on")
        if _is_blank(cell):
            self._missing(number, "issued_on")
            return None
        issued_on = _date(cell)
        if issued_on is None:
            self._error(number, "issued_on", _("Dòng %(row)d, cột «%(column)s»: ngày không hợp lệ «%(value)s»."),
                        value=_shown(cell))
        return issued_on

    def _status(self, number: int, values: dict) -> str | None:
        text = _text(values.get("status"))
        if not text:
            return None
        status = self.statuses.get(_key(text))
        if status is None:
            with translation.override("vi"):
                labels = ", ".join(str(label) for label in GrowingAreaCode.Status.labels)
            self._error(number, "status", _("Dòng %(row)d, cột «%(column)s»: tình trạng không hợp lệ "
                                            "«%(value)s», cần một trong: %(choices)s."),
                        value=_shown(text), choices=labels)
        return status

    def _asset(self, number: int, values: dict) -> int | None:
        cell = values.get("asset")
        if _is_blank(cell):
            return None
        pk = _integer(cell)
        if pk is not None:
            if pk not in self.asset_ids:
                self._error(number, "asset", _("Dòng %(row)d, cột «%(column)s»: không có tài sản trí tuệ có ID "
                                               "%(value)s."), value=pk)
            return pk
        name = _text(cell)
        found = self.assets_named.get(name, [])
        if not found:
            self._error(number, "asset", _("Dòng %(row)d, cột «%(column)s»: không có tài sản trí tuệ tên "
                                           "«%(value)s»."), value=_shown(name))
            return None
        if len(found) > 1:
            self._error(number, "asset", _("Dòng %(row)d, cột «%(column)s»: có %(count)d tài sản trí tuệ tên "
                                           "«%(value)s», hãy ghi ID của tài sản."), value=_shown(name),
                        count=len(found))
            return None
        return found[0]
