"""The IP registry's imports: specialty products and IP assets (e.g. the province's collective marks from a
list). Each row is checked by the rules the one-record services apply; see ``directory.importing``."""

from __future__ import annotations

from functools import lru_cache

import copy
import datetime as dt
import re
from dataclasses import dataclass
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.versions import changes_since, versions_of
from directory.access import can_edit_ip
from directory.calendar import limit_end
from directory.dates import require_plausible
from directory.importers import UnitLookup
from directory.importing import (
    BATCH,
    Action,
    Column,
    Importer,
    Lookup,
    Planned,
    Row,
    as_date,
    as_integer,
    as_text,
    blank,
    choices_by_label,
    key,
    register,
    shown,
)
from directory.models import Organisation
from directory.services import require_in_force
from ip_registry import services
from ip_registry.models import (
    MARK_KINDS,
    ApplicationStep,
    AssetKind,
    Document,
    IPAsset,
    Product,
    ProductCategory,
    ProtectionApplication,
)
from ip_registry.services import protection_refresh
from ip_registry.workflow import (
    DECISIONS_RECEIVED,
    MARK_TERM,
    ApplicationKind,
    ApplicationStatus,
    DeadlineKind,
    EndingGround,
    allowed_moves,
)

UNITS_HELP = gettext_lazy("Mã hoặc tên các đơn vị hành chính, cách nhau bởi dấu “;”. Để trống cột: giữ nguyên.")


@lru_cache(maxsize=1024)
def nice_classes(text: str) -> str | None:
    """Nice classes as the asset's ``clean`` stores them (sorted, ", "), so that an unchanged row compares
    equal; None when a part is not a class from 1 to 45."""
    parts = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
    if any(not part.isdigit() or not 1 <= int(part) <= 45 for part in parts):
        return None
    return ", ".join(str(number) for number in sorted({int(part) for part in parts}))


class RegistryImporter(Importer):
    def permitted(self) -> bool:
        return can_edit_ip(self.actor)

    def _unit_set(self, row: Row, name: str) -> set[int]:
        found = {self.units.find(row, name, text) for text in row.items(name)}
        return {pk for pk in found if pk is not None}

    def _unit_names(self, ids) -> str:
        return "; ".join(sorted(self.units.names.get(pk, str(pk)) for pk in ids)) or "—"


@register
class ProductImporter(RegistryImporter):
    slug = "products"
    model = Product
    title = gettext_lazy("Sản phẩm đặc sản")
    columns = (
        Column("name", gettext_lazy("Tên sản phẩm"), True, gettext_lazy("Tên sản phẩm, không trùng với sản phẩm khác."),
               "Vải thiều Lục Ngạn"),
        Column("category", gettext_lazy("Nhóm sản phẩm"), True, gettext_lazy("Ví dụ: Trái cây, Chè, Chăn nuôi."),
               "Trái cây"),
        Column("units", gettext_lazy("Địa bàn sản xuất"), help=UNITS_HELP, example="bn.xa-luc-ngan"),
    )
    fields = ("name", "category")
    many = ("units",)

    def prepare(self, rows):
        self.units = UnitLookup(text for row in rows for text in row.items("units"))

    def read(self, row):
        values = {"name": row.text("name", required=True, max_length=200),
                  "category": row.choice("category", ProductCategory, required=True)}
        if row.has("units"):
            values["units"] = self._unit_set(row, "units")
        return values

    def natural_key(self, values):
        return (values["name"],)

    def find(self, keys):
        return {(p.name,): p for p in Product.objects.filter(name__in=[name for (name,) in keys])}

    def display(self, name, value):
        if name == "units":
            return self._unit_names(value)
        if name == "category" and value:
            return str(ProductCategory(value).label)
        return shown(value)


@register
class AssetImporter(RegistryImporter):
    slug = "assets"
    model = IPAsset
    title = gettext_lazy("Tài sản trí tuệ")
    columns = (
        Column("kind", gettext_lazy("Loại"), True,
               gettext_lazy("Chỉ dẫn địa lý, Nhãn hiệu chứng nhận, Nhãn hiệu tập thể hoặc Nhãn hiệu."),
               "Nhãn hiệu tập thể"),
        Column("name", gettext_lazy("Tên, dấu hiệu"), True,
               gettext_lazy("Tên, dấu hiệu được bảo hộ. Loại và tên đã có trong sổ thì dòng cập nhật tài sản đó."),
               "Gà đồi Yên Thế"),
        Column("product", gettext_lazy("Sản phẩm"), help=gettext_lazy("Tên sản phẩm đặc sản, như trong sổ."),
               example="Gà đồi Yên Thế"),
        Column("owner", gettext_lazy("Chủ sở hữu"),
               help=gettext_lazy("Tên (hoặc mã) tổ chức chủ sở hữu; để trống với chỉ dẫn địa lý."),
               example="Hội Chăn nuôi gà Yên Thế"),
        Column("managing_organisation", gettext_lazy("Tổ chức quản lý"),
               help=gettext_lazy("Tên (hoặc mã) tổ chức quản lý; bắt buộc với chỉ dẫn địa lý.")),
        Column("authorising_decision", gettext_lazy("Quyết định của UBND tỉnh")),
        Column("nice_classes", gettext_lazy("Nhóm Nice"), help=gettext_lazy("Các số từ 1 đến 45, cách nhau bởi "
                                                                            "dấu phẩy."), example="29, 31"),
        Column("support_decision", gettext_lazy("Quyết định hỗ trợ của tỉnh")),
        Column("support_amount", gettext_lazy("Kinh phí hỗ trợ (đồng)"), help=gettext_lazy("Số nguyên, đồng.")),
        Column("area_units", gettext_lazy("Khu vực địa lý"), help=UNITS_HELP),
    )
    fields = ("kind", "name", "product_id", "owner_id", "managing_organisation_id", "authorising_decision",
              "nice_classes", "support_decision", "support_amount")
    many = ("area_units",)
    texts = ("authorising_decision", "support_decision")
    references = {"product_id": "products", "owner_id": "organisations", "managing_organisation_id": "organisations"}

    def prepare(self, rows):
        self.units = UnitLookup(text for row in rows for text in row.items("area_units"))
        self.products = Lookup(Product.objects.all(), "name", (row.cell("product") for row in rows),
                               noun=_("sản phẩm"))
        self.organisations = Lookup(
            Organisation.objects.all(), "name",
            [row.cell(name) for row in rows for name in ("owner", "managing_organisation")], noun=_("tổ chức"))

    def read(self, row):
        values = {"kind": row.choice("kind", AssetKind, required=True),
                  "name": row.text("name", required=True, max_length=300)}
        for name in ("product", "owner", "managing_organisation"):
            if row.has(name):
                lookup = self.products if name == "product" else self.organisations
                values[f"{name}_id"] = lookup.find(row, name)
        for name in self.texts:
            if row.has(name):
                values[name] = row.text(name, max_length=300)
        if row.has("nice_classes"):
            values["nice_classes"] = self._nice_classes(row)
        if row.has("support_amount"):
            values["support_amount"] = row.integer("support_amount")
        if row.has("area_units"):
            values["area_units"] = self._unit_set(row, "area_units")
        return values

    def _nice_classes(self, row: Row) -> str:
        text = as_text(row.cell("nice_classes"))
        classes = nice_classes(text)
        if classes is None:
            row.error("nice_classes", _("«%(value)s» không hợp lệ: các nhóm là số từ 1 đến 45, cách nhau bởi "
                                        "dấu phẩy."), value=shown(text))
            return ""
        return classes

    def natural_key(self, values):
        return (values["kind"], values["name"])

    def find(self, keys):
        found = IPAsset.objects.filter(name__in={name for _kind, name in keys})
        return {(a.kind, a.name): a for a in found if (a.kind, a.name) in keys}

    def display(self, name, value):
        if name in self.references:
            return getattr(self, self.references[name]).by_id.get(value) or shown(value)
        if name == "area_units":
            return self._unit_names(value)
        if name == "kind" and value:
            return str(AssetKind(value).label)
        return shown(value)

    def before_write(self, instances):
        # The search text folds the product's and the organisations' names: give them without a query each.
        products = {pk: Product(pk=pk, name=name) for pk, name in self.products.by_id.items()}
        organisations = {pk: Organisation(pk=pk, name=name) for pk, name in self.organisations.by_id.items()}
        for instance in instances:
            if (product := products.get(instance.product_id)) is not None:
                instance.product = product
            for field in ("owner", "managing_organisation"):
                if (organisation := organisations.get(getattr(instance, f"{field}_id"))) is not None:
                    setattr(instance, field, organisation)

    def after_write(self, created, changed, plan):
        # As ``asset_save``: the protection spans follow the asset's kind and owner. A new asset has no
        # application yet, so no span.
        protection_refresh(assets=changed)


# Protection applications ------------------------------------------------------------------------------
# One row per application: the application itself, and its steps as "dd/mm/yyyy Status" items. Every new
# step is checked as ``application_advance`` checks it, in the file's order (an asset's grant, renewal or
# transfer in one row is seen by the rows after it), and written by ``application_advance`` itself, so that
# an imported application ends exactly as one entered step by step: its steps, its deadlines, the grant
# carried to the asset and the asset's protection spans.

STEP_HEAD = re.compile(r"(\S+)\s+(.+)")
# What a step may say after "|", by label (Vietnamese or English).
STEP_PARTS = {
    "tài liệu": "document", "document": "document",
    "lý do": "reason", "reason": "reason",
    "ghi chú": "note", "note": "note",
    "ngày nhận": "received_on", "ngày nhận quyết định": "received_on", "received": "received_on",
    "received on": "received_on",
}
STEPS_HELP = gettext_lazy(
    "Các bước sau khi nộp đơn, theo thứ tự, cách nhau bởi dấu “;” hoặc xuống dòng; mỗi bước là “dd/mm/yyyy "
    "Trạng thái”, bước cuối là trạng thái hiện tại. Bước cần tài liệu hoặc lý do ghi thêm sau dấu “|”: "
    "“tài liệu: …” (mã hoặc tiêu đề một tài liệu đã tải lên của tài sản trí tuệ), “lý do: …”, “ghi chú: …”, "
    "“ngày nhận: dd/mm/yyyy” (ngày nhận quyết định từ chối). Các bước đã ghi nhận phải giữ nguyên ở đầu: lịch sử "
    "không được viết lại, chỉ thêm được bước mới sau chúng. Không có cột này: giữ nguyên các bước.")


def _step_label(on: dt.date, status: str) -> str:
    return f"{on:%d/%m/%Y} {ApplicationStatus(status).label}"


@dataclass
class Step:
    """One step of an application as a row gives it."""

    column: str  # the column it was read from: "steps", "filing_date" (the filing), "" (recorded, kept)
    index: int  # its place in that column, from 1
    text: str  # as the row writes it, quoted back in messages
    on: dt.date
    to_status: str
    document: str = ""  # as written: a document's ID or title
    reason: str = ""
    note: str = ""
    received_on: dt.date | None = None
    document_id: int | None = None  # found once the row's asset is known

    def same(self, recorded: ApplicationStep) -> bool:
        return (self.on, self.to_status) == (recorded.on, recorded.to_status)


@dataclass
class Given:
    """What a row says of its application's process, beside the application's own fields."""

    has_filing: bool
    filing: dt.date | None
    items: list[Step] | None  # None: the sheet has no steps column (the recorded steps stand)
    status: str | None
    certificate: str


@dataclass
class Walk:
    """An application as ``application_advance`` would find it before each of a row's new steps."""

    instance: ProtectionApplication | None  # None while it is being created
    kind: str
    status: str
    label: str
    number: str | None
    ground: str
    new_owner_id: int | None
    amendments: dict
    asset: IPAsset  # as the rows before this one leave it
    filing_date: dt.date | None
    last: tuple[dt.date, str] | None
    published_on: dt.date | None
    published_recorded: bool


@register
class ApplicationImporter(RegistryImporter):
    slug = "applications"
    model = ProtectionApplication
    title = gettext_lazy("Đơn đăng ký bảo hộ, trạng thái và các bước xử lý")
    columns = (
        Column("application_number", gettext_lazy("Số đơn"),
               help=gettext_lazy("Số đơn do Cục Sở hữu trí tuệ cấp; số đã có trong sổ thì dòng cập nhật đơn đó. "
                                 "Để trống với đơn chưa nộp."), example="4-2024-00077"),
        Column("kind", gettext_lazy("Loại đơn"),
               help=gettext_lazy("Để trống: Đăng ký xác lập quyền. Yêu cầu sửa đổi văn bằng lập trên trang đơn."),
               example="Đăng ký xác lập quyền"),
        Column("asset", gettext_lazy("Tài sản trí tuệ"), True,
               gettext_lazy("Tên (hoặc mã) tài sản trí tuệ, như trong sổ."), "Mỳ Chũ"),
        Column("applicant", gettext_lazy("Người nộp đơn"), True, gettext_lazy("Tên (hoặc mã) tổ chức nộp đơn."),
               "Hợp tác xã Mỳ Chũ"),
        Column("representative", gettext_lazy("Đại diện sở hữu công nghiệp")),
        Column("filing_date", gettext_lazy("Ngày nộp đơn"),
               help=gettext_lazy("Ngày nộp đơn (bước “Đã nộp đơn”); cần số đơn. Để trống với đơn chưa nộp."),
               example="05/01/2024"),
        Column("steps", gettext_lazy("Các bước"), help=STEPS_HELP,
               example="01/02/2024 Đơn hợp lệ | tài liệu: Thông báo chấp nhận đơn; 15/03/2024 Đã công bố"),
        Column("status", gettext_lazy("Trạng thái"),
               help=gettext_lazy("Không bắt buộc: nếu có, phải là trạng thái sau bước cuối (để đối chiếu).")),
        Column("certificate_number", gettext_lazy("Số văn bằng"),
               help=gettext_lazy("Với đơn đăng ký có bước “Đã cấp văn bằng”: số văn bằng được cấp.")),
        Column("new_owner", gettext_lazy("Chủ sở hữu mới"),
               help=gettext_lazy("Chỉ với yêu cầu chuyển nhượng: tên (hoặc mã) tổ chức nhận chuyển nhượng.")),
        Column("ground", gettext_lazy("Căn cứ"),
               help=gettext_lazy("Chỉ với yêu cầu chấm dứt hoặc hủy bỏ hiệu lực.")),
    )
    # What ``application_update`` may change on an application that exists; the rest only by its steps.
    fields = ("application_number", "applicant_id", "representative")
    fixed = (("asset_id", "asset"), ("kind", "kind"), ("new_owner_id", "new_owner"), ("ground", "ground"))
    references = {"asset_id": "assets", "applicant_id": "organisations", "new_owner_id": "organisations"}

    # Reading -------------------------------------------------------------------------------------------

    def prepare(self, rows):
        self.today = timezone.localdate()
        self.statuses = choices_by_label(ApplicationStatus)
        self.given: dict[int, Given] = {}
        self.new_steps: dict[int, list[Step]] = {}
        self.edited_rows: set[int] = set()
        self.claimed: dict[int, int] = {}
        self.walked_assets: dict[int, IPAsset] = {}
        self.assets = Lookup(IPAsset.objects.all(), "name", (row.cell("asset") for row in rows),
                             noun=_("tài sản trí tuệ"))
        self.organisations = Lookup(Organisation.objects.all(), "name",
                                    [row.cell(name) for row in rows for name in ("applicant", "new_owner")],
                                    noun=_("tổ chức"))
        self.asset_objects = IPAsset.objects.in_bulk(list(self.assets.by_id))
        self.organisation_objects = Organisation.objects.in_bulk(list(self.organisations.by_id))
        # The documents the steps name, by ID or by their title among their asset's.
        named = {value for row in rows for item in row.items("steps") for label, value in self._parts(item)[1]
                 if STEP_PARTS.get(key(label)) == "document" and value}
        numbers = {number for text in named if (number := as_integer(text)) is not None}
        self.documents: dict[int, int] = {}
        self.documents_by_title: dict[tuple[int, str], list[int]] = {}
        if named:
            for pk, title, asset_id in Document.objects.filter(Q(pk__in=numbers) | Q(title__in=named)) \
                    .values_list("pk", "title", "asset_id"):
                self.documents[pk] = asset_id
                self.documents_by_title.setdefault((asset_id, key(title)), []).append(pk)
        # The applications the rows may name: by ID, by number, and those not numbered yet of the assets
        # named (a row without number or ID is one of these when its asset, kind and applicant match).
        ids = {number for row in rows if (number := as_integer(row.cell("id"))) is not None}
        application_numbers = {text for row in rows if (text := as_text(row.cell("application_number")))}
        self.unnumbered: dict[tuple, list[ProtectionApplication]] = {}
        for application in ProtectionApplication.objects.filter(application_number__isnull=True,
                                                                asset_id__in=list(self.assets.by_id)):
            self.unnumbered.setdefault((application.asset_id, application.kind, application.applicant_id),
                                       []).append(application)
        unnumbered_ids = [a.pk for found in self.unnumbered.values() for a in found]
        self.unnumbered_versions = versions_of(ProtectionApplication, unnumbered_ids) if unnumbered_ids else {}
        self.recorded: dict[int, list[ApplicationStep]] = {}
        wanted = Q(application_id__in=ids | set(unnumbered_ids)) | Q(
            application__application_number__in=application_numbers)
        for step in ApplicationStep.objects.filter(wanted).order_by("on", "pk"):
            self.recorded.setdefault(step.application_id, []).append(step)

    @staticmethod
    def _parts(item: str) -> tuple[str, list[tuple[str, str]]]:
        head, *parts = [part.strip() for part in item.split("|")]
        pairs = []
        for part in parts:
            label, separator, value = part.partition(":")
            pairs.append((label.strip() if separator else part, value.strip() if separator else ""))
        return head, pairs

    def read(self, row):
        values = {"asset_id": self.assets.find(row, "asset", required=True),
                  "applicant_id": self.organisations.find(row, "applicant", required=True)}
        if row.has("kind") and (kind := row.choice("kind", ApplicationKind)):
            values["kind"] = kind
        if row.has("application_number"):
            # Unique, so "not yet numbered" is NULL, as ``application_update`` stores it.
            values["application_number"] = row.text("application_number", max_length=50) or None
        if row.has("representative"):
            values["representative"] = row.text("representative", max_length=300)
        if row.has("new_owner"):
            values["new_owner_id"] = self.organisations.find(row, "new_owner")
        if row.has("ground"):
            values["ground"] = row.choice("ground", EndingGround) or ""
        items = None
        if row.has("steps"):
            items = [step for index, text in enumerate(row.items("steps"), start=1)
                     if (step := self._step(row, index, text)) is not None]
        self.given[row.number] = Given(
            has_filing=row.has("filing_date"), filing=row.date("filing_date") if row.has("filing_date") else None,
            items=items, status=row.choice("status", ApplicationStatus) if row.has("status") else None,
            certificate=row.text("certificate_number", max_length=50) if row.has("certificate_number") else "",
        )
        return values

    def _step(self, row: Row, index: int, text: str) -> Step | None:
        head, parts = self._parts(text)
        match = STEP_HEAD.fullmatch(head)
        on = as_date(match.group(1)) if match else None
        status = self.statuses.get(key(match.group(2))) if match else None
        if on is None or status is None:
            with translation.override("vi"):
                labels = ", ".join(str(label) for label in ApplicationStatus.labels)
            row.error("steps", _("bước %(index)d «%(step)s»: cần dạng “dd/mm/yyyy Trạng thái”, ví dụ “01/02/2024 "
                                 "Đơn hợp lệ”; trạng thái là một trong: %(choices)s."),
                      index=index, step=shown(text), choices=labels)
            return None
        if not dt.date(1900, 1, 1) <= on <= dt.date(2100, 12, 31):
            row.error("steps", _("bước %(index)d «%(step)s»: ngày nằm ngoài khoảng hợp lý."), index=index,
                      step=shown(text))
            return None
        step = Step("steps", index, text, on, status)
        for label, value in parts:
            name = STEP_PARTS.get(key(label))
            if name is None or not value:
                row.error("steps", _("bước %(index)d «%(step)s»: không hiểu «%(part)s»; sau dấu “|” ghi “tài liệu: "
                                     "…”, “lý do: …”, “ghi chú: …” hoặc “ngày nhận: dd/mm/yyyy”."),
                          index=index, step=shown(text), part=shown(label))
            elif name == "received_on":
                step.received_on = as_date(value)
                if step.received_on is None:
                    row.error("steps", _("bước %(index)d «%(step)s»: ngày nhận không hợp lệ «%(value)s», cần dạng "
                                         "dd/mm/yyyy."), index=index, step=shown(text), value=shown(value))
            else:
                setattr(step, name, value)
        return step

    def natural_key(self, values):
        number = values.get("application_number")
        return (number,) if number else None

    def find(self, keys):
        found = ProtectionApplication.objects.filter(application_number__in=[number for (number,) in keys])
        return {(application.application_number,): application for application in found}

    def display(self, name, value):
        if name in self.references:
            lookup = getattr(self, self.references[name])
            if value in lookup.by_id:
                return lookup.by_id[value]
            model = IPAsset if name == "asset_id" else Organisation
            return model.objects.filter(pk=value).values_list("name", flat=True).first() or shown(value)
        labels = {"kind": ApplicationKind, "status": ApplicationStatus, "ground": EndingGround}
        if name in labels and value:
            return str(labels[name](value).label)
        return shown(value)

    # Checking -----------------------------------------------------------------------------------------

    def check(self, row, instance, values, creating):
        if not creating:
            # ``application_update`` changes the number, the applicant and the representative; nothing else.
            for name, column in self.fixed:
                if name in values and values[name] != getattr(instance, name):
                    row.error(column, _("đơn %(application)s đã có %(field)s «%(value)s», không đổi được qua tệp "
                                        "nhập (chỉ sửa được số đơn, người nộp đơn và đại diện)."),
                              application=instance, field=ProtectionApplication._meta.get_field(column).verbose_name,
                              value=self.display(name, getattr(instance, name)))
            return
        # As ``application_create``: what each kind of request must say.
        try:
            services._check_request(asset=self._asset(instance.asset_id), kind=instance.kind,
                                    new_owner=self.organisation_objects.get(instance.new_owner_id), amendments={},
                                    ground=instance.ground)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                column = name if name in ("new_owner", "ground") and row.has(name) else None
                for message in messages:
                    row.error(column, "%(problem)s", problem=message)

    def _asset(self, pk: int) -> IPAsset:
        """The asset as the rows checked so far leave it (a grant, a renewal, a transfer)."""
        if pk not in self.walked_assets:
            self.walked_assets[pk] = copy.copy(self.asset_objects[pk])
        return self.walked_assets[pk]

    def _unnumbered(self, row: Row, values: dict) -> ProtectionApplication | None:
        found = self.unnumbered.get(
            (values["asset_id"], values.get("kind", ApplicationKind.REGISTRATION), values["applicant_id"]), [])
        if len(found) > 1:
            row.error(None, _("có %(count)d đơn chưa có số của tài sản trí tuệ và người nộp đơn này (mã %(ids)s): "
                              "hãy ghi mã (ID) của đơn."), count=len(found), ids=", ".join(str(a.pk) for a in found))
            return None
        return found[0] if found else None

    def plan_row(self, row, instance, values, many, versions):
        """As the framework's, and the steps: the recorded ones kept, each new one checked as
        ``application_advance`` checks it; a row whose only news is a step changes its application."""
        given = self.given[row.number]
        if instance is None and blank(row.cell("id")) and not values.get("application_number"):
            instance = self._unnumbered(row, values)
            if row.failed:
                return None
        creating = instance is None
        if creating:
            instance = ProtectionApplication(**values)
        elif (first := self.claimed.get(instance.pk)) is not None:
            row.error(None, _("trùng với dòng %(first)d."), first=first)
            return None
        else:
            self.claimed[instance.pk] = row.number
        if instance.asset_id in self.asset_objects:
            instance.asset = self.asset_objects[instance.asset_id]  # its label, without a query
        self.check(row, instance, values, creating)
        if row.failed:
            return None
        recorded = [] if creating else self.recorded.get(instance.pk, [])
        sequence = self._sequence(row, given, recorded)
        if sequence is None or not self._keeps(row, given, sequence, recorded):
            return None
        new = sequence[len(recorded):]
        walk = self._walk(instance, values, recorded, creating)
        if creating and new and new[0].to_status == ApplicationStatus.FILED:
            # As ``application_create`` with a filing date: the applicant was in force that day.
            try:
                require_in_force(on=new[0].on, organisation=self.organisation_objects[instance.applicant_id],
                                 field="applicant")
            except ValidationError as error:
                for message in error.messages:
                    row.error("applicant", "%(problem)s", problem=message)
                return None
        for step in new:
            if not self._advance(row, walk, step, given):
                return None
        self._check_certificate(row, walk, given, new, recorded)
        if given.status and given.status != walk.status:
            row.error("status", _("«%(value)s» khác trạng thái theo các bước («%(status)s»): trạng thái chỉ thay đổi "
                                  "qua các bước."), value=self.display("status", given.status),
                      status=self.display("status", walk.status))
        if row.failed:
            return None
        shown_values = {**values, "status": walk.status, "filing_date": walk.filing_date}
        self.new_steps[row.number] = new
        if creating:
            self.validate(row, instance)
            return None if row.failed else Planned(row.number, Action.CREATE, instance, shown_values)
        changes = [(name, getattr(instance, name), value) for name, value in shown_values.items()
                   if getattr(instance, name) != value]
        if not changes and not new:
            return Planned(row.number, Action.UNCHANGED, instance, shown_values)
        version = as_text(row.cell("version"))
        current = versions.get(instance.pk) or self.unnumbered_versions.get(instance.pk)
        if version and version != current:
            lines = changes_since(instance, version) or [_("các mục đi kèm đã thay đổi")]
            row.error(None, _("«%(record)s» đã được sửa trong hệ thống sau khi tệp được xuất (phiên bản %(old)s, "
                              "nay là %(new)s), nên dòng này không được ghi đè. Những thay đổi đó: %(changes)s. "
                              "Hãy xuất lại danh sách rồi sửa trên tệp mới."),
                      record=instance, old=version, new=current, changes="; ".join(lines))
            return None
        if any(name in self.fields for name, _before, _after in changes):
            self.edited_rows.add(row.number)
        for name in self.fields:
            if name in values:
                setattr(instance, name, values[name])
        self.validate(row, instance)
        if row.failed:
            return None
        headers = {column.key: str(column.header) for column in self.all_columns()}
        shown_changes = [(headers.get(name.removesuffix("_id"), name), self.display(name, before),
                          self.display(name, after)) for name, before, after in changes]
        if new:
            last = _step_label(recorded[-1].on, recorded[-1].to_status) if recorded else "—"
            shown_changes.append((headers["steps"], last, "; ".join(_step_label(s.on, s.to_status) for s in new)))
        return Planned(row.number, Action.CHANGE, instance, shown_values, shown_changes)

    def _sequence(self, row: Row, given: Given, recorded: list[ApplicationStep]) -> list[Step] | None:
        """All the row's steps, the filing first: the filing date's column and the steps' (or, without a steps
        column, the recorded steps after the filing)."""
        if given.items is not None:
            items = list(given.items)
        else:
            items = [Step("", index, _step_label(done.on, done.to_status), done.on, done.to_status)
                     for index, done in enumerate(recorded, start=1)]
            if items and items[0].to_status == ApplicationStatus.FILED:
                items = items[1:]
        if given.has_filing:
            filing = given.filing
        else:
            filing = recorded[0].on if recorded and recorded[0].to_status == ApplicationStatus.FILED else None
        if items and items[0].to_status == ApplicationStatus.FILED:
            if given.filing is not None and given.filing != items[0].on:
                row.error("filing_date", _("ngày nộp đơn %(filing)s khác ngày của bước «%(step)s»."),
                          filing=shown(given.filing), step=shown(items[0].text))
                return None
            return items
        if filing is None:
            return items
        filed = Step("filing_date", 1, _step_label(filing, ApplicationStatus.FILED), filing, ApplicationStatus.FILED)
        return [filed, *items]

    def _keeps(self, row: Row, given: Given, sequence: list[Step], recorded: list[ApplicationStep]) -> bool:
        """The recorded steps begin the row's, as recorded: the history is never rewritten."""
        for index, done in enumerate(recorded):
            mine = sequence[index] if index < len(sequence) else None
            if mine is not None and mine.same(done):
                continue
            label = _step_label(done.on, done.to_status)
            if index == 0 and done.to_status == ApplicationStatus.FILED and given.has_filing \
                    and (mine is None or mine.to_status != ApplicationStatus.FILED):
                row.error("filing_date", _("chưa có giá trị: đơn đã nộp ngày %(on)s (bước đã ghi nhận)."),
                          on=done.on.strftime("%d/%m/%Y"))
            elif mine is None:
                row.error("steps" if row.has("steps") else None,
                          _("đơn đã có bước «%(step)s» (đã ghi nhận) mà dòng không ghi: lịch sử các bước không được "
                            "viết lại; hãy giữ nguyên các bước đã có rồi mới thêm bước mới sau chúng."), step=label)
            else:
                self._step_error(row, mine, _("khác bước đã ghi nhận «%(recorded)s»: lịch sử các bước không được viết "
                                              "lại, chỉ thêm được bước sau bước cuối đã ghi nhận.")
                                 % {"recorded": label})
            return False
        return True

    def _step_error(self, row: Row, step: Step, message: str) -> bool:
        if step.column == "steps":
            row.error("steps", _("bước %(index)d «%(step)s»: %(problem)s"), index=step.index, step=shown(step.text),
                      problem=message)
        elif step.column == "filing_date":
            row.error("filing_date", "%(problem)s", problem=message)
        else:
            row.error(None, _("bước «%(step)s»: %(problem)s"), step=step.text, problem=message)
        return False

    def _walk(self, instance, values, recorded, creating) -> Walk:
        asset = self._asset(instance.asset_id)
        number = values.get("application_number", instance.application_number)
        published = next((done.on for done in recorded if done.to_status == ApplicationStatus.PUBLISHED), None)
        return Walk(
            instance=None if creating else instance, kind=instance.kind, status=instance.status,
            label=number or _("Đơn chưa nộp (%(asset)s)") % {"asset": asset.name}, number=number,
            ground=instance.ground, new_owner_id=instance.new_owner_id, amendments=instance.amendments or {},
            asset=asset, filing_date=instance.filing_date,
            last=(recorded[-1].on, recorded[-1].to_status) if recorded else None,
            published_on=published, published_recorded=published is not None,
        )

    def _advance(self, row: Row, walk: Walk, step: Step, given: Given) -> bool:
        """``application_advance``'s checks, in its order and with its messages, on the application as the
        row's earlier steps leave it; then what the move does to it and to its asset."""
        status_label = services._status_label
        moves = allowed_moves(walk.kind, walk.status)
        move = moves.get(step.to_status)
        if move is None:
            allowed = ", ".join(status_label(status) for status in moves) or _("không có (đã kết thúc)")
            return self._step_error(row, step, _(
                "Không thể chuyển đơn %(number)s từ “%(current)s” sang “%(target)s”. "
                "Từ “%(current)s” chỉ có thể chuyển sang: %(allowed)s.")
                % {"number": walk.label, "current": status_label(walk.status),
                   "target": status_label(step.to_status), "allowed": allowed})
        on = step.on
        if on > self.today:
            return self._step_error(row, step, _("Ngày %(on)s ở tương lai: chỉ ghi nhận việc đã xảy ra.")
                                    % {"on": on.strftime("%d/%m/%Y")})
        try:
            require_plausible(ApplicationStep, "on", on)
        except ValidationError as error:
            return self._step_error(row, step, " ".join(error.messages))
        if walk.last is not None and on < walk.last[0]:
            return self._step_error(row, step, _("Ngày %(on)s trước bước trước đó (%(last)s, ngày %(last_on)s).")
                                    % {"on": on.strftime("%d/%m/%Y"), "last": status_label(walk.last[1]),
                                       "last_on": walk.last[0].strftime("%d/%m/%Y")})
        certificate = given.certificate if step.to_status == ApplicationStatus.GRANTED else ""
        missing = []
        if move.needs_reason and not step.reason.strip():
            missing.append(_("lý do"))
        if move.needs_document and not step.document:
            missing.append(_("tài liệu"))
        if move.needs_certificate_number and walk.kind == ApplicationKind.REGISTRATION and not certificate.strip():
            missing.append(_("số văn bằng"))
        if step.to_status == ApplicationStatus.FILED and not walk.number:
            missing.append(_("số đơn"))
        if missing:
            return self._step_error(row, step, _("Chuyển sang “%(target)s” cần: %(missing)s.")
                                    % {"target": status_label(step.to_status), "missing": ", ".join(map(str, missing))})
        if step.received_on is not None and step.to_status not in DECISIONS_RECEIVED:
            return self._step_error(row, step, _("Chỉ quyết định từ chối hoặc coi như rút bỏ mới ghi ngày nhận quyết "
                                                 "định."))
        if step.received_on is not None and not on <= step.received_on <= self.today:
            return self._step_error(row, step, _(
                "Ngày nhận quyết định (%(received)s) phải từ ngày quyết định (%(on)s) đến hôm nay.")
                % {"received": step.received_on.strftime("%d/%m/%Y"), "on": on.strftime("%d/%m/%Y")})
        if step.document:
            step.document_id = self._document(row, walk, step)
            if step.document_id is None:
                return False
            if self.documents[step.document_id] != walk.asset.pk:
                return self._step_error(row, step, _("Tài liệu thuộc tài sản trí tuệ khác."))
        try:
            if step.to_status == ApplicationStatus.FILED and walk.kind == ApplicationKind.RENEWAL:
                services.renewal_lateness(asset=walk.asset, on=on)
            if step.to_status == ApplicationStatus.FILED and walk.kind == ApplicationKind.INVALIDATION:
                services._check_invalidation_in_time(SimpleNamespace(ground=walk.ground, asset=walk.asset), on=on)
            if step.to_status == ApplicationStatus.GRANTED and walk.kind == ApplicationKind.REGISTRATION:
                self._check_no_opposition_pending(walk, on)
        except ValidationError as error:
            return self._step_error(row, step, " ".join(error.messages))
        walk.status, walk.last = step.to_status, (on, step.to_status)
        if step.to_status == ApplicationStatus.FILED:
            walk.filing_date = on
        if step.to_status == ApplicationStatus.PUBLISHED and walk.published_on is None:
            walk.published_on = on
        if step.to_status == ApplicationStatus.GRANTED:
            self._carry_grant(walk, on=on, certificate_number=certificate.strip())
        return True

    def _document(self, row: Row, walk: Walk, step: Step) -> int | None:
        found = self.documents_by_title.get((walk.asset.pk, key(step.document)), [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            self._step_error(row, step, _("tài sản trí tuệ có %(count)d tài liệu tiêu đề «%(value)s», hãy ghi mã "
                                          "tài liệu.") % {"count": len(found), "value": shown(step.document)})
            return None
        number = as_integer(step.document)
        if number is not None and number in self.documents:
            return number
        self._step_error(row, step, _("không có tài liệu «%(value)s» (mã hoặc tiêu đề một tài liệu đã tải lên của "
                                      "tài sản trí tuệ).") % {"value": shown(step.document)})
        return None

    def _check_no_opposition_pending(self, walk: Walk, on: dt.date) -> None:
        """The service's rule (no grant while the opposition window is open or an opposition is unresolved),
        with a publication among the row's new steps read from the rule in force that day."""
        if walk.published_recorded:
            services._check_no_opposition_pending(walk.instance, on=on)
            return
        if walk.published_on is None:
            return
        rule = services.rules_in_force(application_kind=walk.kind, asset_kind=walk.asset.kind,
                                       opened_by=ApplicationStatus.PUBLISHED, on=walk.published_on) \
            .get(DeadlineKind.OPPOSITION_WINDOW)
        if rule is None:
            return
        window_end = limit_end(walk.published_on, months=rule.months, days=rule.days)
        if on <= window_end:
            # Nobody could have opposed an application published in this very row: only the window counts.
            raise ValidationError(
                _("Chưa thể cấp văn bằng: thời hạn phản đối đơn đến hết ngày %(end)s; có thể cấp từ ngày %(from)s.")
                % {"end": window_end.strftime("%d/%m/%Y"),
                   "from": (window_end + dt.timedelta(days=1)).strftime("%d/%m/%Y")})

    @staticmethod
    def _carry_grant(walk: Walk, *, on: dt.date, certificate_number: str) -> None:
        """``_carry_grant_to_asset`` on the asset as the later rows will find it (written by the service)."""
        asset = walk.asset
        if walk.kind == ApplicationKind.TRANSFER:
            asset.owner_id = walk.new_owner_id
        elif walk.kind == ApplicationKind.AMENDMENT:
            for name, value in walk.amendments.items():
                setattr(asset, name, value)
        elif walk.kind == ApplicationKind.REGISTRATION:
            asset.grant_date, asset.certificate_number = on, certificate_number
            if asset.kind in MARK_KINDS:
                asset.valid_until = walk.filing_date + MARK_TERM
        elif walk.kind == ApplicationKind.RENEWAL and asset.valid_until is not None:
            asset.valid_until = asset.valid_until + MARK_TERM

    def _check_certificate(self, row: Row, walk: Walk, given: Given, new: list[Step],
                           recorded: list[ApplicationStep]) -> None:
        if not given.certificate:
            return
        granted = ApplicationStatus.GRANTED
        if walk.kind != ApplicationKind.REGISTRATION:
            row.error("certificate_number", _("chỉ đơn đăng ký xác lập quyền có số văn bằng."))
        elif any(done.to_status == granted for done in recorded):
            recorded_number = self.asset_objects[walk.asset.pk].certificate_number
            if given.certificate != recorded_number:
                row.error("certificate_number", _("khác số văn bằng đã ghi nhận khi cấp («%(number)s»); số văn bằng "
                                                  "sửa trên trang tài sản trí tuệ, không qua tệp nhập."),
                          number=shown(recorded_number))
        elif not any(step.to_status == granted for step in new):
            row.error("certificate_number", _("chỉ ghi khi đơn có bước “%(status)s”."),
                      status=services._status_label(granted))

    # Writing ------------------------------------------------------------------------------------------

    def write(self, plan):
        """The new applications in bulk, as ``application_create`` saves them (being prepared); the number,
        applicant and representative changes in bulk, as ``application_update``; then each new step, row by
        row in the file's order, by ``application_advance`` itself (its step, deadlines, the grant carried to
        the asset, the protection spans), so that the end is the one the pages would have reached."""
        created = [row.instance for row in plan.rows if row.action == Action.CREATE]
        changed = [row.instance for row in plan.rows if row.action == Action.CHANGE]
        history = ProtectionApplication.history
        ProtectionApplication.objects.bulk_create(created, batch_size=BATCH)
        history.bulk_history_create(created, batch_size=BATCH)
        edited = [row.instance for row in plan.rows if row.action == Action.CHANGE and row.number in self.edited_rows]
        if edited:
            ProtectionApplication.objects.bulk_update(edited, list(self.fields), batch_size=BATCH)
            history.bulk_history_create(edited, update=True, batch_size=BATCH)
        documents = Document.objects.in_bulk({step.document_id for steps in self.new_steps.values() for step in steps
                                              if step.document_id is not None})
        for row in plan.rows:
            application = row.instance
            for step in self.new_steps.get(row.number, ()):
                try:
                    application = services.application_advance(
                        application=application, to_status=step.to_status, actor=self.actor, on=step.on,
                        note=step.note, reason=step.reason, document=documents.get(step.document_id),
                        certificate_number=self.given[row.number].certificate
                        if step.to_status == ApplicationStatus.GRANTED else "",
                        received_on=step.received_on,
                    )
                except ValidationError as error:
                    # Checked beforehand; should the service still refuse, nothing is kept and the row is named.
                    raise ValidationError(_("Dòng %(row)d: bước «%(step)s»: %(message)s") % {
                        "row": row.number, "step": step.text, "message": " ".join(error.messages)}) from error
        return created, changed
