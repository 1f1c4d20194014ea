"""Reference data every other app stands on: dated administrative units, organisations, people and roles."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.vn import mst

from audit.history import TrackedModel
from directory.dates import PLANNED
from directory.text import NormalisedCharField


class NFCCharField(NormalisedCharField):
    """The former name of ``directory.text.NormalisedCharField`` (which then only composed to NFC), kept for the
    early migrations that name it."""


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh")
    CITY = "city", _("Thành phố")
    TOWN = "town", _("Thị xã")
    DISTRICT = "district", _("Huyện")
    COMMUNE = "commune", _("Xã")
    WARD = "ward", _("Phường")
    TOWNSHIP = "township", _("Thị trấn")
    DEPARTMENT = "department", _("Sở, ngành")


DISTRICT_LEVEL_KINDS = (UnitKind.CITY, UnitKind.TOWN, UnitKind.DISTRICT)
COMMUNE_LEVEL_KINDS = (UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWNSHIP)
# Kinds an officer can be bound to: the district level until it ended on 30 June 2025, the commune level
# (under the province since 1 July 2025), and the provincial departments.
OFFICER_UNIT_KINDS = (*DISTRICT_LEVEL_KINDS, *COMMUNE_LEVEL_KINDS, UnitKind.DEPARTMENT)


def reports_on_its_own(kind: str, parent_kind: str | None) -> bool:
    """Whether a unit works, reports and replicates on its own account: a provincial department, a
    district-level unit, or a commune-level unit directly under its province (since 1 July 2025). A
    commune of a district (before then) is its district's part; a province is above them all."""
    return (kind == UnitKind.DEPARTMENT or kind in DISTRICT_LEVEL_KINDS
            or (kind in COMMUNE_LEVEL_KINDS and parent_kind in (None, UnitKind.PROVINCE)))


class AdministrativeUnit(TrackedModel):
    """A province, district-level unit, commune or provincial department, valid over a span of dates.

    Units change (a district becomes a town, two units merge); a changed unit is a new row whose
    predecessors are the rows it replaced, so records keep the unit they had on their date.
    ``valid_to`` is the last day the unit was in force; empty while it still is.
    """

    audit_unit_paths = ("self",)
    # The look-alike report (directory.lookalikes) groups these by their spelling.
    lookalike_fields = ("code", "name")

    code = NormalisedCharField(_("mã"), max_length=64, unique=True)
    # The official (GSO) code. New units reuse codes of old ones (the province of 1 July 2025 keeps Bắc
    # Giang's 24), so it is unique only among the units in force on a date.
    gso_code = NormalisedCharField(_("mã đơn vị hành chính (GSO)"), max_length=8, blank=True, db_index=True)
    name = NormalisedCharField(_("tên"), max_length=200)
    kind = models.CharField(_("loại"), max_length=16, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("đơn vị cấp trên"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    # A change of units is enacted ahead of its day (the reorganisation of 1 July 2025 was known in June).
    valid_from = models.DateField(_("có hiệu lực từ"), validators=PLANNED)
    valid_to = models.DateField(_("hết hiệu lực sau ngày"), null=True, blank=True, validators=PLANNED)
    legal_act = NormalisedCharField(_("văn bản thành lập hoặc thay đổi"), max_length=500, blank=True)
    predecessors = models.ManyToManyField(
        "self", verbose_name=_("đơn vị tiền thân"), through="UnitSuccession", through_fields=("successor", "predecessor"),
        symmetrical=False, related_name="successors", blank=True,
    )

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = pgettext_lazy("plural", "đơn vị hành chính")
        ordering = ["kind", "name", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_to_after_valid_from",
            ),
        ]
        # Serves "units in force on a date": a range test on valid_from/valid_to within one kind.
        indexes = [models.Index(fields=["kind", "valid_from", "valid_to"], name="unit_kind_validity_idx")]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Một đơn vị không thể là cấp trên của chính nó.")})
        if self.gso_code and self.valid_from:
            # A GSO code names one unit on any date (new units reuse the codes of those they replaced).
            overlapping = AdministrativeUnit.objects.filter(gso_code=self.gso_code).exclude(pk=self.pk).filter(
                Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from))
            if self.valid_to is not None:
                overlapping = overlapping.filter(valid_from__lte=self.valid_to)
            other = overlapping.first()
            if other is not None:
                raise ValidationError({"gso_code": _("Mã GSO %(code)s đang là của %(unit)s trong cùng thời gian.")
                                       % {"code": self.gso_code, "unit": other.name}})

    def is_in_force(self, on) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    @property
    def is_district_level(self) -> bool:
        return self.kind in DISTRICT_LEVEL_KINDS

    def clean_fields(self, exclude=None):
        super().clean_fields(exclude=exclude)
        if self.gso_code and not self.gso_code.isdigit():
            raise ValidationError({"gso_code": _("Mã GSO chỉ gồm chữ số.")})


class UnitSuccession(TrackedModel):
    """``successor`` took over (all or part of) the territory of ``predecessor`` on ``effective_on``."""

    predecessor = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("đơn vị trước"), on_delete=models.PROTECT, related_name="+"
    )
    successor = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("đơn vị sau"), on_delete=models.PROTECT, related_name="+"
    )
    effective_on = models.DateField(_("có hiệu lực từ"), validators=PLANNED)
    legal_act = NormalisedCharField(_("văn bản"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("kế thừa đơn vị hành chính")
        verbose_name_plural = pgettext_lazy("plural", "kế thừa đơn vị hành chính")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unit_succession_unique"),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")), name="unit_succession_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class DayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ (lễ, Tết, nghỉ bù)")
    WORKING_DAY = "working_day", _("Ngày làm việc")


class CalendarDay(TrackedModel):
    """A day the week does not tell: a public holiday or day off (Tết, a substitute day), or a day worked that
    would otherwise be off (a Saturday worked in exchange for a bridge day). Saturdays and Sundays are off
    unless a row says they are worked; a row marks a weekday off, or (a day off the government moved) on.

    Seeded from the ``holidays`` package; administrators enter the days the government moves."""

    # Holidays are entered years ahead (calendar_ensure seeds five).
    day = models.DateField(_("ngày"), unique=True, validators=PLANNED)
    kind = models.CharField(_("loại ngày"), max_length=16, choices=DayKind.choices)
    name = NormalisedCharField(_("tên, lý do"), max_length=200)
    legal_act = NormalisedCharField(_("văn bản"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = pgettext_lazy("plural", "ngày nghỉ, ngày làm bù")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y}: {self.name}"


class OrganisationKind(models.TextChoices):
    COOPERATIVE = "cooperative", _("Hợp tác xã")
    PRODUCER_ASSOCIATION = "producer_association", _("Hội sản xuất")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    PUBLIC_SERVICE_UNIT = "public_service_unit", _("Đơn vị sự nghiệp có thu")
    STATE_BODY = "state_body", _("Cơ quan nhà nước")
    SCHOOL = "school", _("Trường học")
    HOSPITAL = "hospital", _("Bệnh viện")
    INDIVIDUAL = "individual", _("Cá nhân")
    OTHER = "other", _("Khác")


def validate_tax_code(value: str) -> None:
    """A Vietnamese tax code: 10 digits with a check digit, or 13 for a branch (``0100109106-001``)."""
    try:
        mst.validate(value)
    except StdnumValidationError:
        raise ValidationError(
            _("Mã số thuế “%(value)s” không hợp lệ: cần 10 chữ số (hoặc 13 cho chi nhánh) với chữ số kiểm tra đúng."),
            params={"value": value},
            code="invalid_tax_code",
        ) from None


class Organisation(TrackedModel):
    """An owner, applicant, managing body or workplace: a cooperative, association, enterprise, body…"""

    audit_unit_paths = ("unit",)
    lookalike_fields = ("name",)

    name = NormalisedCharField(_("tên"), max_length=300)
    kind = models.CharField(_("loại hình"), max_length=32, choices=OrganisationKind.choices)
    unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("đơn vị hành chính"), on_delete=models.PROTECT,
        related_name="organisations",
    )
    address = NormalisedCharField(_("địa chỉ"), max_length=300, blank=True)
    phone = NormalisedCharField(_("điện thoại"), max_length=32, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    contact_person = NormalisedCharField(_("người liên hệ"), max_length=200, blank=True)
    tax_code = NormalisedCharField(_("mã số thuế"), max_length=14, blank=True, validators=[validate_tax_code])
    # Planned: an end is often decided ahead of its day (the district People's Committees' of 30/06/2025).
    ended_on = models.DateField(
        _("ngừng hoạt động sau ngày"), null=True, blank=True, validators=PLANNED,
        help_text=_("Ngày cuối cùng tổ chức hoạt động (như UBND cấp huyện, kết thúc ngày 30/06/2025)."),
    )

    class Meta:
        verbose_name = _("tổ chức")
        verbose_name_plural = pgettext_lazy("plural", "tổ chức")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "unit"], name="organisation_name_unit_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class OrganisationPlacement(TrackedModel):
    """The unit an organisation belonged to over a span of dates.

    Moving an organisation (to its commune of the province of 1 July 2025, say) closes its open span and
    opens one, so figures for a past date still use the unit it had then. ``Organisation.unit`` is the unit
    of its open span, kept by the same service.
    """

    audit_unit_paths = ("unit",)

    organisation = models.ForeignKey(Organisation, verbose_name=_("tổ chức"), on_delete=models.CASCADE,
                                     related_name="placements")
    unit = models.ForeignKey(AdministrativeUnit, verbose_name=_("đơn vị hành chính"), on_delete=models.PROTECT,
                             related_name="placements")
    # Empty: since the organisation was first recorded.
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True, validators=PLANNED)
    valid_to = models.DateField(_("đến hết ngày"), null=True, blank=True, validators=PLANNED)

    class Meta:
        verbose_name = _("địa bàn của tổ chức")
        verbose_name_plural = pgettext_lazy("plural", "địa bàn của tổ chức")
        ordering = ["organisation", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="placement_valid_to_after_valid_from",
            ),
        ]
        # Serves "the unit of each organisation on a date": a range test per organisation.
        indexes = [models.Index(fields=["organisation", "valid_from", "valid_to"], name="placement_span_idx")]

    def __str__(self) -> str:
        start = self.valid_from.strftime("%d/%m/%Y") if self.valid_from else "…"
        end = self.valid_to.strftime("%d/%m/%Y") if self.valid_to else "…"
        return f"{self.organisation}: {self.unit} ({start} – {end})"

    def covers(self, on) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or on <= self.valid_to)


class User(AbstractUser, TrackedModel):
    """A person who signs in. What they may do comes from their role assignments."""

    full_name = NormalisedCharField(_("họ và tên"), max_length=200, blank=True)
    password_changed_at = models.DateTimeField(_("đổi mật khẩu lúc"), null=True, blank=True)

    # The hash never goes into the history; a password change shows as password_changed_at.
    history_excluded_fields = ("password", "last_login")

    class Meta(AbstractUser.Meta):
        verbose_name = _("người dùng")
        verbose_name_plural = pgettext_lazy("plural", "người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username


class Role(models.TextChoices):
    IP_OFFICER = "ip_officer", _("Cán bộ sở hữu trí tuệ")
    DISTRICT_OFFICER = "district_officer", _("Cán bộ đơn vị (xã, phường, sở, ngành)")
    COUNCIL_SECRETARY = "council_secretary", _("Thư ký hội đồng sáng kiến")
    AUDITOR = "auditor", _("Kiểm toán viên")
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")


class RoleAssignment(TrackedModel):
    """One role held by one user; a unit officer's role is bound to one unit (district or commune level) or
    provincial department."""

    audit_unit_paths = ("unit",)

    user = models.ForeignKey(User, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("đơn vị phụ trách"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="officers",
    )

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = pgettext_lazy("plural", "phân quyền")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="role_assignment_unique"),
            models.CheckConstraint(
                condition=(Q(role="district_officer") & Q(unit__isnull=False))
                | (~Q(role="district_officer") & Q(unit__isnull=True)),
                name="role_unit_only_for_district_officer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}" + (f" ({self.unit})" if self.unit_id else "")

    def clean(self):
        if self.role == Role.DISTRICT_OFFICER:
            if self.unit_id is None:
                raise ValidationError({"unit": _("Cán bộ đơn vị phải gắn với một đơn vị.")})
            if self.unit.kind not in OFFICER_UNIT_KINDS:
                raise ValidationError(
                    {"unit": _("Đơn vị phụ trách phải là đơn vị cấp huyện, cấp xã (xã, phường, thị trấn) hoặc sở, ngành.")}
                )
        elif self.unit_id is not None:
            raise ValidationError({"unit": _("Chỉ cán bộ huyện/sở, ngành mới gắn với đơn vị.")})


class ApiToken(TrackedModel):
    """A personal key an integration (the provincial public-service portal, say) calls the API with.

    An administrator issues it to a user; the program then acts as that user, with that user's roles.
    Only the SHA-256 of the key is kept: the key itself is shown once, when issued, and stored nowhere
    (neither here nor in the history). ``prefix`` (its first characters) tells keys apart. A key is
    revoked, never deleted, so the history says who could call the API when.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.PROTECT, related_name="api_tokens"
    )
    name = NormalisedCharField(_("tên"), max_length=100, help_text=_("Hệ thống dùng mã này, ví dụ “Cổng dịch vụ công”."))
    prefix = models.CharField(_("tiền tố"), max_length=8, editable=False)
    key_hash = models.CharField(_("mã băm SHA-256"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    expires_on = models.DateField(_("hết hạn sau ngày"), null=True, blank=True, validators=PLANNED,
                                  help_text=_("Để trống nếu mã không có hạn dùng."))
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = pgettext_lazy("plural", "mã truy cập API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
