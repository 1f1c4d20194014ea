"""The directory's imports: organisations. Units are named by their code or, when unambiguous, their name."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.access import can_edit_ip
from directory.importing import Column, Importer, Row, as_text, key, register, shown
from directory.models import AdministrativeUnit, Organisation, OrganisationKind, OrganisationPlacement


class UnitLookup:
    """Administrative units named in some cells: by code, or by a name only one unit in force bears."""

    def __init__(self, texts, *, kinds=None):
        texts = {text for text in texts if text}
        units = AdministrativeUnit.objects.filter(code__in=texts) | AdministrativeUnit.objects.filter(name__in=texts)
        if kinds:
            units = units.filter(kind__in=kinds)
        self.by_code: dict[str, int] = {}
        self.by_name: dict[str, list[tuple[int, bool]]] = defaultdict(list)
        self.names: dict[int, str] = {}
        for pk, code, name, valid_to in units.values_list("pk", "code", "name", "valid_to"):
            self.by_code[code] = pk
            self.by_name[key(name)].append((pk, valid_to is None))
            self.names[pk] = name

    def find(self, row: Row, column: str, text: str, *, required: bool = False) -> int | None:
        if not text:
            if required:
                row.error(column, _("chưa có giá trị."))
            return None
        if text in self.by_code:
            return self.by_code[text]
        found = self.by_name.get(key(text), [])
        in_force = [pk for pk, current in found if current]
        if len(found) == 1 or len(in_force) == 1:
            self.by_code[text] = (in_force or [found[0][0]])[0]  # found once, by name: no need to look again
            return self.by_code[text]
        if found:
            row.error(column, _("có nhiều đơn vị hành chính tên «%(value)s», hãy ghi mã đơn vị."), value=shown(text))
        else:
            row.error(column, _("không có đơn vị hành chính «%(value)s»."), value=shown(text))
        return None


@register
class OrganisationImporter(Importer):
    slug = "organisations"
    model = Organisation
    title = gettext_lazy("Tổ chức")
    columns = (
        Column("name", gettext_lazy("Tên"), True, gettext_lazy("Tên đầy đủ của tổ chức."),
               "Hợp tác xã Vải thiều Thanh Hà"),
        Column("kind", gettext_lazy("Loại hình"), True, gettext_lazy("Ví dụ: Hợp tác xã, Doanh nghiệp, Hội sản xuất."),
               "Hợp tác xã"),
        Column("unit", gettext_lazy("Đơn vị hành chính"), True,
               gettext_lazy("Mã hoặc tên đơn vị hành chính nơi tổ chức đặt trụ sở. Tổ chức đã có chỉ đổi địa bàn "
                            "bằng chức năng “Chuyển địa bàn”."), "bn.xa-luc-ngan"),
        Column("tax_code", gettext_lazy("Mã số thuế"), help=gettext_lazy("10 chữ số, hoặc 13 với chi nhánh."),
               example="0101243150"),
        Column("address", gettext_lazy("Địa chỉ")),
        Column("phone", gettext_lazy("Điện thoại")),
        Column("email", gettext_lazy("Thư điện tử")),
        Column("contact_person", gettext_lazy("Người liên hệ")),
    )
    fields = ("name", "kind", "unit_id", "tax_code", "address", "phone", "email", "contact_person")
    texts = ("tax_code", "address", "phone", "email", "contact_person")

    def permitted(self) -> bool:
        return can_edit_ip(self.actor)

    def prepare(self, rows: list[Row]) -> None:
        self.units = UnitLookup(as_text(row.cell("unit")) for row in rows)

    def read(self, row: Row) -> dict:
        values = {
            "name": row.text("name", required=True, max_length=300),
            "kind": row.choice("kind", OrganisationKind, required=True),
            "unit_id": self.units.find(row, "unit", as_text(row.cell("unit")), required=True),
        }
        for name in self.texts:
            if row.has(name):
                values[name] = row.text(name, max_length=Organisation._meta.get_field(name).max_length)
        return values

    def natural_key(self, values):
        return (values["name"], values["unit_id"])

    def find(self, keys):
        names = {name for name, _unit in keys}
        found = Organisation.objects.filter(name__in=names, unit_id__in={unit for _name, unit in keys})
        return {(o.name, o.unit_id): o for o in found}

    def check(self, row, instance, values, creating):
        if not creating and instance.unit_id != values["unit_id"]:
            row.error("unit", _("tổ chức đã có đổi địa bàn bằng chức năng “Chuyển địa bàn” (có ngày và lý do), "
                                "không qua tệp nhập."))

    def display(self, name, value):
        if name == "unit_id":
            return self.units.names.get(value) or shown(value)
        if name == "kind" and value:
            return str(OrganisationKind(value).label)
        return shown(value)

    def after_write(self, created, changed, plan):
        placements = [OrganisationPlacement(organisation=organisation, unit_id=organisation.unit_id)
                      for organisation in created]
        OrganisationPlacement.objects.bulk_create(placements, batch_size=1000)
        OrganisationPlacement.history.bulk_history_create(placements, batch_size=1000)
