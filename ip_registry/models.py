"""The province's intellectual property: assets, their protection applications, deadlines, documents,
infringement cases, growing-area codes and targets."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from audit.history import TrackedModel
from directory.dates import PAST, PLANNED, STEP
from directory.files import Withdrawable, withdrawal_fields
from directory.models import AdministrativeUnit, Organisation
from directory.search import SearchTextField
from directory.text import NormalisedCharField
from ip_registry.workflow import (  # noqa: F401  (the asset's kinds and statuses are the workflow's)
    IN_FORCE_STATUSES,
    INDUSTRIAL_PROPERTY_KINDS,
    MARK_KINDS,
    ApplicationKind,
    ApplicationStatus,
    AssetKind,
    AssetStatus,
    Basis,
    DeadlineKind,
    EndingGround,
    Party,
)


class ProductCategory(models.TextChoices):
    FRUIT = "fruit", _("Trái cây")
    LIVESTOCK = "livestock", _("Chăn nuôi")
    PROCESSED_FOOD = "processed_food", _("Nông sản chế biến")
    TEA = "tea", _("Chè")
    CROP = "crop", _("Cây trồng khác")
    HANDICRAFT = "handicraft", _("Thủ công mỹ nghệ")
    OTHER = "other", _("Khác")


class Product(TrackedModel):
    """A specialty product the province protects (vải thiều Lục Ngạn, gà đồi Yên Thế…)."""

    # The look-alike report (directory.lookalikes) groups these by their spelling.
    lookalike_fields = ("name",)

    name = NormalisedCharField(_("tên sản phẩm"), max_length=200, unique=True)
    category = models.CharField(_("nhóm sản phẩm"), max_length=32, choices=ProductCategory.choices)
    units = models.ManyToManyField(AdministrativeUnit, verbose_name=_("địa bàn sản xuất"), blank=True,
                                   related_name="products")

    _history_m2m_fields = ["units"]

    class Meta:
        verbose_name = _("sản phẩm đặc sản")
        verbose_name_plural = pgettext_lazy("plural", "sản phẩm đặc sản")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def validate_nice_classes(value: str) -> None:
    for part in value.split(","):
        part = part.strip()
        if not part.isdigit() or not 1 <= int(part) <= 45:
            raise ValidationError(
                _("Nhóm Nice “%(part)s” không hợp lệ: các nhóm là số từ 1 đến 45, cách nhau bởi dấu phẩy."),
                params={"part": part}, code="invalid_nice_class",
            )


KIND_LABELS: dict[tuple[str | None, str], str] = {}


class IPAsset(TrackedModel):
    """A protected (or to-be-protected) right: a GI, a certification or collective mark, a mark…

    Its status follows from its applications and the date (the rules of ``ip_registry.workflow``), kept as
    ``ProtectionSpan`` rows for the database to read. ``valid_until`` is kept because renewals move it.
    """

    audit_unit_paths = ("owner__unit", "managing_organisation__unit")
    lookalike_fields = ("name", "certificate_number")

    kind = models.CharField(_("loại tài sản trí tuệ"), max_length=32, choices=AssetKind.choices)
    name = NormalisedCharField(_("tên, dấu hiệu được bảo hộ"), max_length=300)
    product = models.ForeignKey(Product, verbose_name=_("sản phẩm"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="assets")
    owner = models.ForeignKey(
        Organisation, verbose_name=_("chủ sở hữu"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="owned_assets",
        help_text=_("Để trống với chỉ dẫn địa lý: chủ sở hữu là Nhà nước."),
    )
    managing_organisation = models.ForeignKey(
        Organisation, verbose_name=_("tổ chức quản lý"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="managed_assets",
    )
    authorising_decision = NormalisedCharField(
        _("quyết định của UBND tỉnh"), max_length=300, blank=True,
        help_text=_("Quyết định cho phép nộp đơn và giao quản lý chỉ dẫn địa lý."),
    )
    area_units = models.ManyToManyField(
        AdministrativeUnit, verbose_name=_("khu vực địa lý"), blank=True, related_name="ip_assets",
        help_text=_("Với chỉ dẫn địa lý: các xã thuộc vùng."),
    )
    nice_classes = models.CharField(_("nhóm Nice"), max_length=100, blank=True,
                                    validators=[validate_nice_classes])
    certificate_number = NormalisedCharField(_("số văn bằng"), max_length=50, blank=True)
    grant_date = models.DateField(_("ngày cấp văn bằng"), null=True, blank=True, validators=PAST)
    valid_until = models.DateField(_("hiệu lực đến"), null=True, blank=True, validators=PLANNED)
    support_decision = NormalisedCharField(_("quyết định hỗ trợ của tỉnh"), max_length=300, blank=True)
    support_amount = models.PositiveBigIntegerField(_("kinh phí hỗ trợ (đồng)"), null=True, blank=True)
    # What the list's search reads: the names of the asset, its product and its owner or managing body,
    # and its certificate, folded ("luc ngan" finds "Lục Ngạn"). Derived: not kept in the history.
    search_text = SearchTextField(sources=("name", "certificate_number", "product.name", "owner.name",
                                           "managing_organisation.name"))

    _history_m2m_fields = ["area_units"]
    history_excluded_fields = ("search_text",)

    class Meta:
        verbose_name = _("tài sản trí tuệ")
        verbose_name_plural = pgettext_lazy("plural", "tài sản trí tuệ")
        ordering = ["kind", "name"]
        # Serves the list's order, so that its first and its last page are one index walk.
        indexes = [models.Index(fields=["kind", "name", "id"], name="asset_list_order_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="geographical_indication") | Q(owner__isnull=True),
                name="gi_owned_by_the_state",
            ),
        ]

    def __str__(self) -> str:
        # The kind's label remembered per language, not get_kind_display(), which rebuilds the choices for
        # every call: an import labels tens of thousands of assets in its audit events.
        key = (translation.get_language(), self.kind)
        if (kind := KIND_LABELS.get(key)) is None:
            kind = KIND_LABELS[key] = str(AssetKind(self.kind).label) if self.kind in AssetKind.values else self.kind
        return f"{kind} “{self.name}”"

    def clean(self):
        if self.kind == AssetKind.GEOGRAPHICAL_INDICATION:
            if self.owner_id:
                raise ValidationError({"owner": _("Chủ sở hữu chỉ dẫn địa lý là Nhà nước: để trống trường này.")})
            if not self.managing_organisation_id:
                raise ValidationError({"managing_organisation": _("Chỉ dẫn địa lý cần tổ chức quản lý.")})
        elif self.kind in MARK_KINDS and not self.owner_id:
            raise ValidationError({"owner": _("Nhãn hiệu cần chủ sở hữu.")})
        if self.nice_classes:
            classes = sorted({int(part) for part in self.nice_classes.split(",") if part.strip().isdigit()})
            self.nice_classes = ", ".join(str(number) for number in classes)

    @property
    def is_mark(self) -> bool:
        return self.kind in MARK_KINDS

    @cached_property
    def responsible_organisation(self) -> Organisation | None:
        """The owner, or for a GI the managing organisation: whose unit the asset is counted under."""
        return self.owner or self.managing_organisation


class ProtectionSpan(TrackedModel):
    """A span of days over which an asset's protection stood still: its basis and, while protected, its
    term's dates (see ``ip_registry.workflow.protection_on``). Kept by the services that change
    applications and their steps, so the database answers "status on a day" and "in force on a day"."""

    audit_unit_paths = ("asset__owner__unit", "asset__managing_organisation__unit")

    asset = models.ForeignKey(IPAsset, verbose_name=_("tài sản trí tuệ"), on_delete=models.CASCADE,
                              related_name="spans")
    # The asset's kind and the organisation it is counted under (its owner, or for a GI its managing
    # organisation), carried here so that "in force on a day, by kind and organisation" reads the spans alone.
    kind = models.CharField(_("loại tài sản trí tuệ"), max_length=32, choices=AssetKind.choices)
    organisation = models.ForeignKey(Organisation, verbose_name=_("tổ chức"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến hết ngày"), null=True, blank=True)
    basis = models.CharField(_("tình trạng văn bằng"), max_length=16, choices=Basis.choices)
    term_ends_on = models.DateField(_("hết thời hạn bảo hộ"), null=True, blank=True)
    renewal_from = models.DateField(_("được gia hạn từ"), null=True, blank=True)
    grace_until = models.DateField(_("hết thời gian ân hạn"), null=True, blank=True)
    renewal_pending = models.BooleanField(_("đang chờ quyết định gia hạn"), default=False)

    class Meta:
        verbose_name = _("diễn biến bảo hộ")
        verbose_name_plural = pgettext_lazy("plural", "diễn biến bảo hộ")
        ordering = ["asset", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["asset", "starts_on"], name="span_one_per_asset_day"),
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                                   name="span_ends_after_it_starts"),
        ]
        indexes = [
            # "The span of each asset on a day": a range read per asset.
            models.Index(fields=["asset", "starts_on", "ends_on"], name="span_asset_day_idx"),
            # "The assets with this status on a day" (the list's filter), read from the index alone.
            models.Index(fields=["basis", "term_ends_on", "renewal_from", "grace_until", "renewal_pending",
                                 "starts_on", "ends_on", "asset"], name="span_status_idx"),
            # "In force on a day, by kind and organisation" (the targets), read from the index alone.
            models.Index(fields=["basis", "kind", "starts_on", "ends_on", "term_ends_on", "grace_until",
                                 "renewal_pending", "organisation"], name="span_in_force_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.asset_id}: {self.basis} {self.starts_on:%d/%m/%Y}–{self.ends_on or ''}"


class ProtectionApplication(TrackedModel):
    """An application to the national IP Office about one asset; its timeline is its steps."""

    audit_unit_paths = ("asset__owner__unit", "asset__managing_organisation__unit")
    lookalike_fields = ("application_number",)

    asset = models.ForeignKey(IPAsset, verbose_name=_("tài sản trí tuệ"), on_delete=models.PROTECT,
                              related_name="applications")
    kind = models.CharField(_("loại đơn"), max_length=32, choices=ApplicationKind.choices,
                            default=ApplicationKind.REGISTRATION)
    application_number = NormalisedCharField(
        _("số đơn"), max_length=50, null=True, blank=True, unique=True,
        help_text=_("Số đơn do Cục Sở hữu trí tuệ cấp, ví dụ 4-2024-01234."),
    )
    applicant = models.ForeignKey(Organisation, verbose_name=_("người nộp đơn"), on_delete=models.PROTECT,
                                  related_name="applications")
    representative = NormalisedCharField(_("đại diện sở hữu công nghiệp"), max_length=300, blank=True)
    filing_date = models.DateField(_("ngày nộp đơn"), null=True, blank=True, validators=PAST)
    status = models.CharField(_("trạng thái"), max_length=32, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.PREPARING)
    # A renewal: how late it was filed, fixed when filed (Law on IP, art. 94.1).
    months_late = models.PositiveSmallIntegerField(_("số tháng nộp muộn"), null=True, blank=True)
    surcharge_percent = models.PositiveSmallIntegerField(_("lệ phí nộp muộn (% lệ phí gia hạn)"), null=True,
                                                         blank=True)
    # A transfer: to whom; and, once granted, from whom (the owner until the decision's day).
    new_owner = models.ForeignKey(Organisation, verbose_name=_("chủ sở hữu mới"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    previous_owner = models.ForeignKey(Organisation, verbose_name=_("chủ sở hữu trước"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+", editable=False)
    # An amendment: the asset's fields it changes, {field: new value}, applied when it is granted.
    amendments = models.JSONField(_("nội dung sửa đổi"), default=dict, blank=True)
    # A termination or invalidation: its ground (Law on IP, arts. 95–96).
    ground = models.CharField(_("căn cứ"), max_length=32, choices=EndingGround.choices, blank=True)

    class Meta:
        verbose_name = _("đơn đăng ký bảo hộ")
        verbose_name_plural = pgettext_lazy("plural", "đơn đăng ký bảo hộ")
        ordering = ["-filing_date", "-pk"]
        indexes = [
            models.Index(fields=["filing_date"], name="application_filing_date_idx"),
            # Serves the yearly growth of registrations (the targets): filed in a span, by applicant.
            models.Index(fields=["kind", "filing_date", "applicant", "asset"], name="application_kind_filed_idx"),
        ]

    def __str__(self) -> str:
        return self.application_number or _("Đơn chưa nộp (%(asset)s)") % {"asset": self.asset.name}

    def amendment_rows(self) -> list[tuple[str, str]]:
        """The amended fields as (label, new value), for the pages."""
        return [(IPAsset._meta.get_field(name).verbose_name, value) for name, value in self.amendments.items()]


class OppositionOutcome(models.TextChoices):
    WITHDRAWN = "withdrawn", _("Bên phản đối rút đơn")
    REJECTED = "rejected", _("Không chấp nhận phản đối")
    UPHELD_IN_PART = "upheld_in_part", _("Chấp nhận một phần")
    UPHELD_IN_FULL = "upheld_in_full", _("Chấp nhận toàn bộ")


class Opposition(TrackedModel):
    """A third party's opposition to a registration, filed within the window after publication (Law on IP,
    art. 112a): who, on what grounds, the applicant's reply and how it ended. Unresolved, it bars the grant."""

    audit_unit_paths = ("application__asset__owner__unit", "application__asset__managing_organisation__unit")

    application = models.ForeignKey(ProtectionApplication, verbose_name=_("đơn"), on_delete=models.PROTECT,
                                    related_name="oppositions")
    opponent = NormalisedCharField(_("bên phản đối"), max_length=300)
    grounds = models.TextField(_("căn cứ phản đối"))
    filed_on = models.DateField(_("ngày nộp đơn phản đối"), validators=PAST)
    reply_on = models.DateField(_("ngày người nộp đơn trả lời"), null=True, blank=True, validators=PAST)
    reply = models.TextField(_("nội dung trả lời"), blank=True)
    outcome = models.CharField(_("kết quả"), max_length=16, choices=OppositionOutcome.choices, blank=True)
    decided_on = models.DateField(_("ngày có kết quả"), null=True, blank=True, validators=PAST)

    class Meta:
        verbose_name = _("đơn phản đối")
        verbose_name_plural = pgettext_lazy("plural", "đơn phản đối")
        ordering = ["filed_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(outcome="") | Q(decided_on__isnull=False),
                                   name="opposition_outcome_dated"),
        ]

    def __str__(self) -> str:
        return f"{self.opponent} ({self.filed_on:%d/%m/%Y})"


class ThirdPartyOpinion(TrackedModel):
    """A third party's opinion on an application (Law on IP, art. 112): any time before the decision, for the
    examiner to weigh; it changes no status."""

    audit_unit_paths = ("application__asset__owner__unit", "application__asset__managing_organisation__unit")

    application = models.ForeignKey(ProtectionApplication, verbose_name=_("đơn"), on_delete=models.PROTECT,
                                    related_name="opinions")
    author = NormalisedCharField(_("người gửi ý kiến"), max_length=300)
    content = models.TextField(_("nội dung"))
    received_on = models.DateField(_("ngày nhận"), validators=PAST)

    class Meta:
        verbose_name = _("ý kiến của bên thứ ba")
        verbose_name_plural = pgettext_lazy("plural", "ý kiến của bên thứ ba")
        ordering = ["received_on", "pk"]

    def __str__(self) -> str:
        return f"{self.author} ({self.received_on:%d/%m/%Y})"


# What the public register may publish of an asset's documents.
PUBLISHABLE_DOCUMENTS = ("regulations_on_use", "gi_specification", "map")


class Document(Withdrawable, TrackedModel):
    """A typed attachment, kept outside any public URL and served only through a permission check."""

    audit_unit_paths = ("asset__owner__unit", "asset__managing_organisation__unit")

    class Type(models.TextChoices):
        REGULATIONS_ON_USE = "regulations_on_use", _("Quy chế sử dụng")
        GI_SPECIFICATION = "gi_specification", _("Bản mô tả tính chất đặc thù")
        MAP = "map", _("Bản đồ khu vực địa lý")
        CERTIFICATE = "certificate", _("Văn bằng bảo hộ")
        IP_OFFICE_NOTICE = "ip_office_notice", _("Thông báo, quyết định của Cục SHTT")
        SUPPORT_DECISION = "support_decision", _("Quyết định hỗ trợ")
        OTHER = "other", _("Khác")

    asset = models.ForeignKey(IPAsset, verbose_name=_("tài sản trí tuệ"), on_delete=models.PROTECT,
                              related_name="documents")
    doc_type = models.CharField(_("loại tài liệu"), max_length=32, choices=Type.choices)
    title = NormalisedCharField(_("tiêu đề"), max_length=300)
    # Stored under MEDIA_ROOT, which no URL serves: downloads go through a view that checks access.
    file = models.FileField(_("tệp"), upload_to="ip/%Y/%m/")
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, editable=False)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"),
                                    on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    # Shown in the public register (regulations on use, a GI's specification, its map) once the right is in
    # force; never anything else.
    is_public = models.BooleanField(_("công khai trên trang tra cứu"), default=False)
    # A document uploaded by mistake is withdrawn, never deleted (directory.files).
    withdrawn_at, withdrawn_by, withdrawal_reason = withdrawal_fields()

    class Meta:
        verbose_name = _("tài liệu")
        verbose_name_plural = pgettext_lazy("plural", "tài liệu")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title


class ApplicationStep(TrackedModel):
    """One move of an application: from and to which status, on which day it happened, and why."""

    audit_unit_paths = ("application__asset__owner__unit", "application__asset__managing_organisation__unit")

    application = models.ForeignKey(ProtectionApplication, verbose_name=_("đơn"), on_delete=models.PROTECT,
                                    related_name="steps")
    from_status = models.CharField(_("từ trạng thái"), max_length=32, choices=ApplicationStatus.choices,
                                   blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=32, choices=ApplicationStatus.choices)
    # Never in the future: application_advance refuses it (directory.dates.STEP).
    on = models.DateField(_("ngày"), validators=STEP, help_text=_("Ngày sự việc xảy ra, không phải ngày nhập."))
    # A refusal or lapse: the day the applicant received the decision, from which a complaint's time runs.
    received_on = models.DateField(_("ngày nhận quyết định"), null=True, blank=True, validators=STEP)
    note = models.TextField(_("ghi chú"), blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    document = models.ForeignKey(Document, verbose_name=_("tài liệu"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="steps")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ghi nhận"),
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("bước xử lý đơn")
        verbose_name_plural = pgettext_lazy("plural", "bước xử lý đơn")
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y}: {self.get_to_status_display()}"


class DeadlineRule(TrackedModel):
    """Which move opens which deadline, for which asset kind, with which time limit.

    Data, not code: the law changes. Changing a rule affects deadlines opened afterwards only.
    """

    deadline = models.CharField(_("thời hạn"), max_length=32, choices=DeadlineKind.choices)
    opened_by = models.CharField(_("mở khi đơn chuyển sang"), max_length=32, choices=ApplicationStatus.choices)
    application_kind = models.CharField(_("loại đơn"), max_length=32, choices=ApplicationKind.choices,
                                        default=ApplicationKind.REGISTRATION)
    asset_kind = models.CharField(_("loại tài sản"), max_length=32, choices=AssetKind.choices, blank=True,
                                  help_text=_("Để trống: áp dụng cho mọi loại không có quy tắc riêng."))
    months = models.PositiveSmallIntegerField(_("số tháng"), default=0)
    days = models.PositiveSmallIntegerField(_("số ngày"), default=0)
    party = models.CharField(_("bên phải thực hiện"), max_length=16, choices=Party.choices)
    legal_basis = NormalisedCharField(_("căn cứ pháp lý"), max_length=300, blank=True)
    active = models.BooleanField(_("đang áp dụng"), default=True)
    # A step is judged by the rule in force on its date: a change of the law is a new row from its first day
    # (and the old row closed the day before), so deadlines opened for earlier steps keep their rule.
    valid_from = models.DateField(_("áp dụng từ ngày"), null=True, blank=True, validators=PLANNED,
                                  help_text=_("Để trống: từ trước khi có hệ thống."))
    valid_to = models.DateField(_("áp dụng đến hết ngày"), null=True, blank=True, validators=PLANNED)

    class Meta:
        verbose_name = _("quy tắc thời hạn")
        verbose_name_plural = pgettext_lazy("plural", "quy tắc thời hạn")
        ordering = ["opened_by", "deadline", "asset_kind"]
        constraints = [
            models.CheckConstraint(condition=Q(months__gt=0) | Q(days__gt=0), name="deadline_rule_has_length"),
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True)
                                   | Q(valid_to__gte=models.F("valid_from")), name="deadline_rule_dates_in_order"),
        ]

    def __str__(self) -> str:
        length = " ".join(filter(None, [f"{self.months} tháng" if self.months else "",
                                        f"{self.days} ngày" if self.days else ""]))
        return f"{self.get_deadline_display()} ({length})"

    def clean(self):
        """Two rules in force for the same deadline, move and kinds would make a step's deadline ambiguous."""
        if not self.active:
            return
        overlapping = DeadlineRule.objects.filter(
            deadline=self.deadline, opened_by=self.opened_by, application_kind=self.application_kind,
            asset_kind=self.asset_kind, active=True,
        ).exclude(pk=self.pk)
        if self.valid_to is not None:
            overlapping = overlapping.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=self.valid_to))
        if self.valid_from is not None:
            overlapping = overlapping.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from))
        clash = overlapping.first()
        if clash is not None:
            raise ValidationError({"valid_from": _(
                "Trùng thời gian áp dụng với quy tắc đang có (%(rule)s, từ %(start)s đến %(end)s): hãy đặt ngày "
                "kết thúc cho quy tắc cũ trước.") % {
                "rule": clash, "start": clash.valid_from.strftime("%d/%m/%Y") if clash.valid_from else "…",
                "end": clash.valid_to.strftime("%d/%m/%Y") if clash.valid_to else "…"}})

    def in_force_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class DeadlineState(models.TextChoices):
    OPEN = "open", _("Đang chờ")
    MET = "met", _("Đã thực hiện")
    MISSED = "missed", _("Quá hạn")
    CANCELLED = "cancelled", _("Không còn áp dụng")


class Deadline(TrackedModel):
    """A time limit running on an application. Its due date is fixed when it opens."""

    audit_unit_paths = ("application__asset__owner__unit", "application__asset__managing_organisation__unit")

    application = models.ForeignKey(ProtectionApplication, verbose_name=_("đơn"), on_delete=models.PROTECT,
                                     related_name="deadlines")
    kind = models.CharField(_("việc phải làm"), max_length=32, choices=DeadlineKind.choices)
    party = models.CharField(_("bên phải thực hiện"), max_length=16, choices=Party.choices)
    opened_on = models.DateField(_("bắt đầu từ"))
    due_date = models.DateField(_("hạn chót"))
    met_date = models.DateField(_("ngày thực hiện"), null=True, blank=True)
    state = models.CharField(_("tình trạng"), max_length=16, choices=DeadlineState.choices,
                             default=DeadlineState.OPEN)
    rule = models.ForeignKey(DeadlineRule, verbose_name=_("theo quy tắc"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("thời hạn")
        verbose_name_plural = pgettext_lazy("plural", "thời hạn")
        ordering = ["due_date", "pk"]
        # Serves the "due soon" page: open deadlines by due date.
        # Covering: the page counts by party and pages by due date without reading the table.
        indexes = [models.Index(fields=["state", "due_date", "party"], name="deadline_due_party_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.due_date:%d/%m/%Y}"


class Agency(models.TextChoices):
    POLICE = "police", _("Công an")
    MARKET_MANAGEMENT = "market_management", _("Quản lý thị trường")
    INDUSTRY_AND_TRADE = "industry_and_trade", _("Sở Công Thương")
    OTHER = "other", _("Cơ quan khác")


class InfringementOutcome(models.TextChoices):
    WARNING = "warning", _("Cảnh cáo")
    FINE = "fine", _("Phạt tiền")
    GOODS_SEIZED = "goods_seized", _("Tịch thu hàng hóa")
    GOODS_DESTROYED = "goods_destroyed", _("Tiêu hủy hàng hóa")
    REFERRED_TO_COURT = "referred_to_court", _("Chuyển cơ quan tố tụng")
    DISMISSED = "dismissed", _("Không có vi phạm")


class InfringementCase(TrackedModel):
    """A reported counterfeit or misuse of a protected mark or GI, and how it was handled."""

    audit_unit_paths = ("place",)

    asset = models.ForeignKey(IPAsset, verbose_name=_("tài sản trí tuệ"), on_delete=models.PROTECT,
                              related_name="infringements")
    reported_on = models.DateField(_("ngày phát hiện"), validators=PAST)
    place = models.ForeignKey(AdministrativeUnit, verbose_name=_("địa bàn"), on_delete=models.PROTECT,
                              related_name="infringements")
    description = models.TextField(_("mô tả vụ việc"))
    agencies = models.JSONField(_("cơ quan tham gia"), default=list, blank=True)
    outcome = models.CharField(_("kết quả xử lý"), max_length=32, choices=InfringementOutcome.choices, blank=True)
    fine_amount = models.PositiveBigIntegerField(_("số tiền phạt (đồng)"), null=True, blank=True)
    goods_quantity = models.CharField(_("số lượng hàng hóa"), max_length=200, blank=True)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True, validators=PAST)

    class Meta:
        verbose_name = _("vụ việc xâm phạm")
        verbose_name_plural = pgettext_lazy("plural", "vụ việc xâm phạm")
        ordering = ["-reported_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.asset.name} — {self.reported_on:%d/%m/%Y}"

    def clean(self):
        errors = {}
        unknown = [code for code in self.agencies or [] if code not in Agency.values]
        if unknown:
            errors["agencies"] = _("Cơ quan không hợp lệ: %(codes)s.") % {"codes": ", ".join(map(str, unknown))}
        if self.outcome == InfringementOutcome.FINE and not self.fine_amount:
            errors["fine_amount"] = _("Phạt tiền cần ghi số tiền phạt.")
        if self.outcome in (InfringementOutcome.GOODS_SEIZED, InfringementOutcome.GOODS_DESTROYED) \
                and not self.goods_quantity:
            errors["goods_quantity"] = _("Cần ghi số lượng hàng hóa bị tịch thu hoặc tiêu hủy.")
        if self.closed_on and self.reported_on and self.closed_on < self.reported_on:
            errors["closed_on"] = _("Ngày kết thúc không thể trước ngày phát hiện.")
        if self.closed_on and not self.outcome:
            errors["outcome"] = _("Vụ việc đã kết thúc cần có kết quả xử lý.")
        if errors:
            raise ValidationError(errors)

    def get_agencies_display(self) -> str:
        labels = dict(Agency.choices)
        return ", ".join(str(labels.get(code, code)) for code in self.agencies or [])


class InfringementStep(TrackedModel):
    """What an agency did in a case, on which day (inspection, seizure, decision…)."""

    audit_unit_paths = ("case__place",)

    case = models.ForeignKey(InfringementCase, verbose_name=_("vụ việc"), on_delete=models.PROTECT,
                             related_name="steps")
    on = models.DateField(_("ngày"), validators=PAST)
    agency = models.CharField(_("cơ quan"), max_length=32, choices=Agency.choices)
    action = models.TextField(_("nội dung"))

    class Meta:
        verbose_name = _("bước xử lý vụ việc")
        verbose_name_plural = pgettext_lazy("plural", "bước xử lý vụ việc")
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y}: {self.action[:60]}"


class GrowingAreaCode(TrackedModel):
    """A growing-area code (mã số vùng trồng) issued for a protected product and an export market."""

    audit_unit_paths = ("unit",)
    lookalike_fields = ("code",)

    class Status(models.TextChoices):
        ACTIVE = "active", _("Đang hiệu lực")
        SUSPENDED = "suspended", _("Tạm dừng")
        REVOKED = "revoked", _("Bị thu hồi")

    code = NormalisedCharField(_("mã số"), max_length=64, unique=True)
    product = models.ForeignKey(Product, verbose_name=_("sản phẩm"), on_delete=models.PROTECT,
                                related_name="growing_area_codes")
    asset = models.ForeignKey(IPAsset, verbose_name=_("tài sản trí tuệ"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="growing_area_codes")
    unit = models.ForeignKey(AdministrativeUnit, verbose_name=_("địa bàn"), on_delete=models.PROTECT,
                             related_name="growing_area_codes")
    area_hectares = models.DecimalField(_("diện tích (ha)"), max_digits=10, decimal_places=2,
                                        validators=[MinValueValidator(0)])
    export_market = NormalisedCharField(_("thị trường xuất khẩu"), max_length=100)
    issuing_body = NormalisedCharField(_("cơ quan cấp"), max_length=200)
    issued_on = models.DateField(_("ngày cấp"), validators=PAST)
    status = models.CharField(_("tình trạng"), max_length=16, choices=Status.choices, default=Status.ACTIVE)

    class Meta:
        verbose_name = _("mã số vùng trồng")
        verbose_name_plural = pgettext_lazy("plural", "mã số vùng trồng")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class TargetIndicator(models.TextChoices):
    GI_IN_FORCE = "gi_in_force", _("Số chỉ dẫn địa lý được bảo hộ")
    CERTIFICATION_MARKS_IN_FORCE = "certification_marks_in_force", _("Số nhãn hiệu chứng nhận được bảo hộ")
    COLLECTIVE_MARKS_IN_FORCE = "collective_marks_in_force", _("Số nhãn hiệu tập thể được bảo hộ")
    APPLICATIONS_GROWTH = "applications_growth", _("Tăng trưởng số đơn đăng ký sở hữu công nghiệp (%/năm)")


class Target(TrackedModel):
    """A target the province set itself, e.g. Directive 01/CT-UBND: 4 GIs in force by 2025."""

    indicator = models.CharField(_("chỉ tiêu"), max_length=40, choices=TargetIndicator.choices)
    value = models.DecimalField(_("giá trị"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)])
    due_date = models.DateField(_("thời hạn"), validators=PLANNED)
    legal_basis = NormalisedCharField(_("căn cứ"), max_length=300)
    # The records counted are those of this territory: Directive 01's targets are former Bắc Giang's, so
    # former Bắc Ninh's records do not count toward them. Empty: the whole province of today.
    territory = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("địa bàn"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text=_("Tỉnh (cũ) mà chỉ tiêu áp dụng; để trống: toàn tỉnh hiện nay."),
    )

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = pgettext_lazy("plural", "chỉ tiêu")
        ordering = ["due_date", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "due_date"], name="target_indicator_due_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_indicator_display()}: {self.value:g} ({self.due_date:%Y})"
