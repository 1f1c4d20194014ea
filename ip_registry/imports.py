"""Importing growing-area codes from a spreadsheet (.xlsx or .csv): an importer of ``directory.importing``.

The file is read by ``directory.sheets`` (size, row and column limits checked before parsing). Its first row
that holds anything is the header; the columns are found by their Vietnamese headers (or the field names),
in any order, other columns being ignored. Each later row that is not blank is one code, found by the code
itself: a code already in the register is updated, a new one created. Every row is checked before anything
is written — products, units and assets looked up with one query each for the whole file — and any problem
refuses the whole file, each message naming the row and the column.

This module imports nothing from ``ip_registry.services`` (which imports it).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.models import ImportBatch
from directory.access import can_edit_ip
from directory.importers import UnitLookup
from directory.importing import Column, Importer, Lookup, Row, as_text, register, shown
from directory.models import AdministrativeUnit
from ip_registry.models import GrowingAreaCode, IPAsset, Product
from ip_registry.selectors import REGISTRY_UNIT_KINDS


class GrowingAreaColumn(Column):
    """A column, also giving its name as ``field`` (as the import page of growing-area codes shows it)."""

    @property
    def field(self) -> str:
        return self.key


COLUMNS = (
    GrowingAreaColumn("code", gettext_lazy("Mã số"), True,
                      gettext_lazy("Mã số vùng trồng. Mã đã có trong sổ thì dòng cập nhật mã đó, chưa có thì thêm "
                                   "mới."), "VN-BGLN-0001"),
    GrowingAreaColumn("product", gettext_lazy("Sản phẩm"), True,
                      gettext_lazy("Tên sản phẩm đặc sản, đúng như trong sổ đăng ký."), "Vải thiều Lục Ngạn"),
    GrowingAreaColumn("unit", gettext_lazy("Địa bàn"), True,
                      gettext_lazy("Mã đơn vị hành chính cấp huyện hoặc cấp xã, ví dụ bg.luc-ngan.")),
    GrowingAreaColumn("area_hectares", gettext_lazy("Diện tích (ha)"), True,
                      gettext_lazy("Số không âm, nhiều nhất 2 chữ số thập phân."), "10,5"),
    GrowingAreaColumn("export_market", gettext_lazy("Thị trường xuất khẩu"), True,
                      gettext_lazy("Ví dụ: Trung Quốc, Nhật Bản.")),
    GrowingAreaColumn("issuing_body", gettext_lazy("Cơ quan cấp"), True,
                      gettext_lazy("Ví dụ: Cục Bảo vệ thực vật.")),
    GrowingAreaColumn("issued_on", gettext_lazy("Ngày cấp"), True,
                      gettext_lazy("Ô kiểu ngày, hoặc chữ dạng dd/mm/yyyy."), "01/05/2023"),
    GrowingAreaColumn("status", gettext_lazy("Tình trạng"), False,
                      gettext_lazy("Không bắt buộc: Đang hiệu lực, Tạm dừng hoặc Bị thu hồi. Để trống: mã mới "
                                   "đang hiệu lực, mã đã có giữ nguyên tình trạng.")),
    GrowingAreaColumn("asset", gettext_lazy("Tài sản trí tuệ"), False,
                      gettext_lazy("Không bắt buộc: số ID hoặc tên đầy đủ của tài sản trí tuệ. Để trống: mã đã có "
                                   "giữ nguyên tài sản.")),
)

_AREA = GrowingAreaCode._meta.get_field("area_hectares")
# DecimalField(max_digits=10, decimal_places=2): below 10^8.
AREA_LIMIT = Decimal(10) ** (_AREA.max_digits - _AREA.decimal_places)
CENT = Decimal("0.01")


def _max_length(field: str) -> int:
    return GrowingAreaCode._meta.get_field(field).max_length


@register
class GrowingAreaImporter(Importer):
    slug = "growing-areas"
    model = GrowingAreaCode
    title = gettext_lazy("Mã số vùng trồng")
    columns = COLUMNS
    fields = ("code", "product_id", "unit_id", "area_hectares", "export_market", "issuing_body", "issued_on",
              "status", "asset_id")

    def permitted(self) -> bool:
        # actor None is the system (data loads, commands run without --actor), as in the one-record services.
        return self.actor is None or can_edit_ip(self.actor)

    def prepare(self, rows: list[Row]) -> None:
        self.products = Lookup(Product.objects.all(), "name", (row.cell("product") for row in rows),
                               noun=_("sản phẩm"))
        self.assets = Lookup(IPAsset.objects.all(), "name", (row.cell("asset") for row in rows),
                             noun=_("tài sản trí tuệ"))
        self.units = UnitLookup(as_text(row.cell("unit")) for row in rows)
        # The kind and the last day in force of the units found, for the rules the lookup does not apply.
        self.unit_facts = {pk: (kind, valid_to) for pk, kind, valid_to in AdministrativeUnit.objects.filter(
            pk__in=list(self.units.names)).values_list("pk", "kind", "valid_to")}
        self.unit_map = None  # read when a row names a unit that had ended by its date
        self.first_row_of: dict[str, int] = {}

    def read(self, row: Row) -> dict[str, Any]:
        code = row.text("code", required=True, max_length=_max_length("code"))
        if code and code in self.first_row_of:
            row.error("code", _("mã số «%(value)s» trùng với dòng %(first)d."), value=shown(code),
                      first=self.first_row_of[code])
        elif code:
            self.first_row_of[code] = row.number
        values: dict[str, Any] = {
            "code": code,
            "product_id": self.products.find(row, "product", required=True),
            "unit_id": self._unit(row),
            "area_hectares": self._area(row),
            "export_market": row.text("export_market", required=True, max_length=_max_length("export_market")),
            "issuing_body": row.text("issuing_body", required=True, max_length=_max_length("issuing_body")),
            "issued_on": row.date("issued_on", required=True, field=GrowingAreaCode._meta.get_field("issued_on")),
        }
        # Left empty (or without the column): a new code is active, an existing one keeps its status and asset.
        if status := row.choice("status", GrowingAreaCode.Status):
            values["status"] = status
        if (asset_id := self.assets.find(row, "asset")) is not None:
            values["asset_id"] = asset_id
        self._in_force(row, values["unit_id"], values["issued_on"])
        return values

    def _unit(self, row: Row) -> int | None:
        text = as_text(row.cell("unit"))
        pk = self.units.find(row, "unit", text, required=True)
        if pk is None:
            return None
        kind, _valid_to = self.unit_facts[pk]
        if kind not in REGISTRY_UNIT_KINDS:
            row.error("unit", _("«%(value)s» (%(unit)s) không phải đơn vị cấp huyện hoặc cấp xã."),
                      value=shown(text), unit=self.units.names[pk])
            return None
        return pk

    def _in_force(self, row: Row, unit_id: int | None, issued_on) -> None:
        """A code issued after its unit ended is refused, naming the units in force that took it over."""
        if unit_id is None or issued_on is None:
            return
        _kind, valid_to = self.unit_facts[unit_id]
        if valid_to is None or issued_on <= valid_to:
            return
        from directory.selectors import UnitMap

        self.unit_map = self.unit_map or UnitMap()
        successors = ", ".join(sorted(self.unit_map[pk].name for pk in self.unit_map.reporting_on(unit_id, issued_on)))
        row.error("unit", _("%(unit)s đã hết hiệu lực sau ngày %(end)s; vào ngày cấp %(day)s, địa bàn này thuộc: "
                            "%(successors)s."),
                  unit=self.unit_map[unit_id].name, end=valid_to.strftime("%d/%m/%Y"),
                  day=issued_on.strftime("%d/%m/%Y"), successors=successors or "—")

    def _area(self, row: Row) -> Decimal | None:
        area = row.decimal("area_hectares", required=True)
        if area is None:
            return None
        cell = row.cell("area_hectares")
        if area < 0:
            row.error("area_hectares", _("diện tích không hợp lệ «%(value)s», cần một số không âm."),
                      value=shown(cell))
            return None
        if area >= AREA_LIMIT:  # before rounding, which a number of 30 digits would overflow
            row.error("area_hectares", _("diện tích «%(value)s» quá lớn."), value=shown(cell))
            return None
        if area != area.quantize(CENT):
            row.error("area_hectares", _("diện tích «%(value)s» có quá 2 chữ số thập phân."), value=shown(cell))
            return None
        return area.quantize(CENT)

    def natural_key(self, values: dict[str, Any]) -> tuple:
        return (values["code"],)

    def find(self, keys: set[tuple]) -> dict[tuple, GrowingAreaCode]:
        found = GrowingAreaCode.objects.in_bulk([code for (code,) in keys], field_name="code")
        return {(code,): area for code, area in found.items()}

    def display(self, name: str, value) -> str:
        if name == "product_id":
            return self.products.by_id.get(value) or shown(value)
        if name == "asset_id":
            return self.assets.by_id.get(value) or shown(value)
        if name == "unit_id":
            return self.units.names.get(value) or shown(value)
        if name == "status" and value:
            return str(GrowingAreaCode.Status(value).label)
        return shown(value)


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
