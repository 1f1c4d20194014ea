"""Initiatives (sáng kiến): recognition by councils, province-level scope, and yearly replication."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from audit.history import TrackedModel
from directory.calendar import working_day
from directory.dates import PAST, PLANNED, STEP
from directory.files import Withdrawable, withdrawal_fields
from directory.models import AdministrativeUnit, Organisation, OrganisationKind
from directory.search import SearchTextField
from directory.text import NormalisedCharField
from initiatives.workflow import (
    AWAITING_BASE_DECISION,
    CouncilLevel,
    InitiativeStatus,
    NominationStatus,
    SiteStatus,
)

# Circular 18/2013/TT-BKHCN: the base-level decision within three months.
BASE_DECISION_TIME = relativedelta(months=3)
# Organisations whose investment obliges them to pay authors at least the minimums, when no other
# remuneration was agreed (Decree 13/2012, art. 10; Circular 18/2013): enterprises, cooperatives and public
# service units that earn their revenue (đơn vị sự nghiệp có thu).
ECONOMIC_ORGANISATION_KINDS = frozenset({OrganisationKind.ENTERPRISE, OrganisationKind.COOPERATIVE,
                                         OrganisationKind.PUBLIC_SERVICE_UNIT})


class InitiativeField(models.TextChoices):
    EDUCATION = "education", _("Giáo dục")
    HEALTH = "health", _("Y tế")
    AGRICULTURE = "agriculture", _("Nông nghiệp")
    INDUSTRY = "industry", _("Công nghiệp")
    ADMINISTRATION = "administration", _("Hành chính")
    OTHER = "other", _("Khác")


class Scope(models.TextChoices):
    NONE = "none", _("Chưa được công nhận")
    BASE = "base", _("Cấp cơ sở")
    PROVINCIAL = "provincial", _("Cấp tỉnh")
    NATIONAL = "national", _("Toàn quốc")


class Initiative(TrackedModel):
    """An application for recognition of an initiative, and what became of it."""

    audit_unit_paths = ("organisation__unit",)
    history_excluded_fields = ("search_text",)
    # The look-alike report (directory.lookalikes) groups these by their spelling.
    lookalike_fields = ("title",)

    title = NormalisedCharField(_("tên sáng kiến"), max_length=300)
    field = models.CharField(_("lĩnh vực"), max_length=32, choices=InitiativeField.choices)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("đơn vị áp dụng"), on_delete=models.PROTECT, related_name="initiatives",
        help_text=_("Nơi sáng kiến được áp dụng; xác định huyện, thành phố hoặc sở, ngành quản lý."),
    )
    investor = models.ForeignKey(
        Organisation, verbose_name=_("chủ đầu tư tạo ra sáng kiến"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="invested_initiatives",
        help_text=_("Để trống nếu tác giả tự đầu tư."),
    )
    filed_on = models.DateField(_("ngày nộp đơn"), validators=PAST)
    first_applied_on = models.DateField(_("ngày áp dụng lần đầu (hoặc thử)"), validators=PAST)
    first_application_ended_on = models.DateField(_("ngày kết thúc áp dụng lần đầu"), null=True, blank=True,
                                                  validators=PAST)
    description = models.TextField(_("mô tả sáng kiến"))
    confidential_part = models.TextField(
        _("nội dung cần giữ bí mật"), blank=True,
        help_text=_("Chỉ thư ký hội đồng, cán bộ sở hữu trí tuệ, kiểm toán viên và đơn vị nộp đơn được xem."),
    )
    expected_benefit = models.PositiveBigIntegerField(_("lợi ích dự kiến (đồng/năm)"), null=True, blank=True)
    remuneration_agreed = models.BooleanField(
        _("có thỏa thuận về thù lao"), default=False,
        help_text=_("Chủ đầu tư và tác giả đã thỏa thuận thù lao: mức tối thiểu theo Nghị định 13/2012 không áp "
                    "dụng."),
    )
    actual_benefit = models.PositiveBigIntegerField(_("lợi ích thực tế (đồng/năm)"), null=True, blank=True)
    # What the list's search reads (title, organisation, description), folded. Not kept in the history.
    search_text = SearchTextField(sources=("title", "organisation.name", "description"))
    status = models.CharField(_("trạng thái"), max_length=32, choices=InitiativeStatus.choices,
                              default=InitiativeStatus.FILED)
    registered_on = models.DateField(_("ngày tiếp nhận"), null=True, blank=True, validators=PAST)
    base_certificate = NormalisedCharField(_("giấy chứng nhận cấp cơ sở"), max_length=100, blank=True)
    base_recognised_on = models.DateField(_("ngày công nhận cấp cơ sở"), null=True, blank=True, validators=PAST)
    provincial_decision = NormalisedCharField(_("quyết định công nhận cấp tỉnh"), max_length=100, blank=True)
    provincial_recognised_on = models.DateField(_("ngày công nhận cấp tỉnh"), null=True, blank=True,
                                                validators=PAST)
    national_decision = NormalisedCharField(_("quyết định công nhận toàn quốc"), max_length=100, blank=True)
    national_recognised_on = models.DateField(_("ngày công nhận toàn quốc"), null=True, blank=True,
                                              validators=PAST)
    # Fixed when the initiative is registered (and when the end of its first application is entered), so a
    # later change of the rule never moves it: three months from registration, or from that end if later.
    base_decision_due = models.DateField(_("hạn quyết định công nhận cấp cơ sở"), null=True, blank=True,
                                         editable=False)
    # Open work of a unit that ended (the district level on 30 June 2025) passes to the successor chosen at
    # the hand-over, whose officer then works on it.
    handed_over_to = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("đơn vị tiếp nhận bàn giao"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = pgettext_lazy("plural", "sáng kiến")
        ordering = ["-filed_on", "-pk"]
        indexes = [
            models.Index(fields=["status", "filed_on"], name="initiative_status_filed_idx"),
            # Serves the list's order, newest first, to its last page.
            models.Index(fields=["-filed_on", "-id"], name="initiative_list_order_idx"),
            # Serves the base-level decisions overdue: those waiting, by due date.
            models.Index(fields=["status", "base_decision_due"], name="initiative_decision_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(first_application_ended_on__isnull=True)
                | Q(first_application_ended_on__gte=F("first_applied_on")),
                name="initiative_application_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.first_application_ended_on and self.first_applied_on \
                and self.first_application_ended_on < self.first_applied_on:
            raise ValidationError({"first_application_ended_on": _("Ngày kết thúc không thể trước ngày áp dụng.")})

    @property
    def scope(self) -> str:
        if self.national_recognised_on:
            return Scope.NATIONAL
        if self.provincial_recognised_on:
            return Scope.PROVINCIAL
        if self.base_recognised_on:
            return Scope.BASE
        return Scope.NONE

    def get_scope_display(self) -> str:
        return str(Scope(self.scope).label)

    def is_overdue(self, on: dt.date) -> bool:
        due = self.base_decision_due
        return self.status in AWAITING_BASE_DECISION and due is not None and on > due

    @property
    def investor_is_economic(self) -> bool:
        return self.investor is not None and self.investor.kind in ECONOMIC_ORGANISATION_KINDS

    @property
    def remuneration_minimums_apply(self) -> bool:
        """The legal minimums bind an economic investor that agreed no remuneration with the authors."""
        return self.investor_is_economic and not self.remuneration_agreed


def base_decision_due(registered_on: dt.date | None, first_application_ended_on: dt.date | None) -> dt.date | None:
    """Three months from registration, or from the end of the first application if that is later; a last day
    off moves to the next working day (Civil Code, art. 148)."""
    if registered_on is None:
        return None
    return working_day(max(registered_on, first_application_ended_on or registered_on) + BASE_DECISION_TIME)


class InitiativeAuthor(TrackedModel):
    audit_unit_paths = ("initiative__organisation__unit",)
    initiative = models.ForeignKey(Initiative, verbose_name=_("sáng kiến"), on_delete=models.CASCADE,
                                   related_name="authors")
    name = NormalisedCharField(_("họ và tên"), max_length=200)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True,
                                                  validators=[MinValueValidator(1920), MaxValueValidator(2015)])
    workplace = NormalisedCharField(_("nơi công tác"), max_length=300, blank=True)
    job_title = NormalisedCharField(_("chức danh"), max_length=200, blank=True)
    share_percent = models.DecimalField(_("tỷ lệ đóng góp (%)"), max_digits=5, decimal_places=2,
                                        validators=[MinValueValidator(0.01), MaxValueValidator(100)])

    class Meta:
        verbose_name = _("tác giả sáng kiến")
        verbose_name_plural = pgettext_lazy("plural", "tác giả sáng kiến")
        ordering = ["-share_percent", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.share_percent:g}%)"


class InitiativeStep(TrackedModel):
    """One move of an initiative's recognition: when it happened, who recorded it, and why."""

    audit_unit_paths = ("initiative__organisation__unit",)

    initiative = models.ForeignKey(Initiative, verbose_name=_("sáng kiến"), on_delete=models.PROTECT,
                                   related_name="steps")
    from_status = models.CharField(_("từ trạng thái"), max_length=32, choices=InitiativeStatus.choices)
    to_status = models.CharField(_("sang trạng thái"), max_length=32, choices=InitiativeStatus.choices)
    # Never in the future: initiative_advance refuses it (directory.dates.STEP).
    on = models.DateField(_("ngày"), validators=STEP)
    reason = models.TextField(_("lý do"), blank=True)
    decision_ref = NormalisedCharField(_("số quyết định, giấy chứng nhận"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ghi nhận"),
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("bước xét công nhận")
        verbose_name_plural = pgettext_lazy("plural", "bước xét công nhận")
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y}: {self.get_to_status_display()}"


class VoteBasis(models.TextChoices):
    MEMBERS = "members", _("tổng số thành viên hội đồng")
    PRESENT = "present", _("số thành viên có mặt")


class CouncilRule(TrackedModel):
    """How many votes in favour a council's recognition needs, from a day on: a fraction of the council's
    members (Circular 18/2013/TT-BKHCN, art. 8: two thirds of all members), or of those present. Data: a new
    text is a new row from its first day, and the rule of a vote's day is fixed on the vote when recorded."""

    basis = models.CharField(_("tính trên"), max_length=16, choices=VoteBasis.choices, default=VoteBasis.MEMBERS)
    numerator = models.PositiveSmallIntegerField(_("tử số"), default=2, validators=[MinValueValidator(1)])
    denominator = models.PositiveSmallIntegerField(_("mẫu số"), default=3, validators=[MinValueValidator(1)])
    valid_from = models.DateField(_("áp dụng từ ngày"), null=True, blank=True, validators=PLANNED,
                                  help_text=_("Để trống: từ trước khi có hệ thống."))
    valid_to = models.DateField(_("áp dụng đến hết ngày"), null=True, blank=True, validators=PLANNED)
    legal_basis = NormalisedCharField(_("căn cứ pháp lý"), max_length=300)

    class Meta:
        verbose_name = _("quy tắc biểu quyết của hội đồng")
        verbose_name_plural = pgettext_lazy("plural", "quy tắc biểu quyết của hội đồng")
        ordering = ["valid_from", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(numerator__lte=F("denominator")), name="council_rule_fraction"),
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True)
                                   | Q(valid_to__gte=F("valid_from")), name="council_rule_dates_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.numerator}/{self.denominator} {self.get_basis_display()}"

    def clean(self):
        overlapping = CouncilRule.objects.exclude(pk=self.pk)
        if self.valid_to is not None:
            overlapping = overlapping.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=self.valid_to))
        if self.valid_from is not None:
            overlapping = overlapping.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from))
        if overlapping.exists():
            raise ValidationError({"valid_from": _("Trùng thời gian áp dụng với quy tắc đang có: hãy đặt ngày kết thúc "
                                                   "cho quy tắc cũ trước.")})

    def votes_needed(self, *, members: int, present: int) -> int:
        """The fraction of the basis, rounded up."""
        base = members if self.basis == VoteBasis.MEMBERS else present
        return -(-self.numerator * base // self.denominator)

    @classmethod
    def in_force_on(cls, day: dt.date) -> CouncilRule | None:
        return cls.objects.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day),
                                  Q(valid_to__isnull=True) | Q(valid_to__gte=day)).order_by("-valid_from").first()


class CouncilVote(TrackedModel):
    """A council's vote on an initiative. For, against and abstaining add up to those present. The rule of its
    day and the votes it needed are fixed when it is recorded: a later rule never re-judges it."""

    audit_unit_paths = ("initiative__organisation__unit",)

    initiative = models.ForeignKey(Initiative, verbose_name=_("sáng kiến"), on_delete=models.PROTECT,
                                   related_name="votes")
    council = models.CharField(_("hội đồng"), max_length=16, choices=CouncilLevel.choices)
    held_on = models.DateField(_("ngày họp"), validators=PAST)
    members_seated = models.PositiveSmallIntegerField(_("số thành viên hội đồng"), validators=[MinValueValidator(1)])
    members_present = models.PositiveSmallIntegerField(_("số thành viên có mặt"), validators=[MinValueValidator(1)])
    votes_for = models.PositiveSmallIntegerField(_("tán thành"))
    votes_against = models.PositiveSmallIntegerField(_("không tán thành"))
    votes_abstaining = models.PositiveSmallIntegerField(_("không biểu quyết"))
    rule = models.ForeignKey(CouncilRule, verbose_name=_("quy tắc biểu quyết"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+", editable=False)
    votes_needed = models.PositiveSmallIntegerField(_("số phiếu tán thành cần có"), null=True, blank=True,
                                                    editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ghi nhận"),
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("kết quả biểu quyết của hội đồng")
        verbose_name_plural = pgettext_lazy("plural", "kết quả biểu quyết của hội đồng")
        ordering = ["held_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(members_present__lte=F("members_seated")),
                                   name="vote_present_within_seated"),
            models.CheckConstraint(
                condition=Q(members_present=F("votes_for") + F("votes_against") + F("votes_abstaining")),
                name="vote_totals_match_present",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_council_display()} {self.held_on:%d/%m/%Y}: {self.votes_for}/{self.members_present}"

    def clean(self):
        errors = {}
        if self.members_present is not None and self.members_seated is not None \
                and self.members_present > self.members_seated:
            errors["members_present"] = _("Số thành viên có mặt (%(present)s) vượt số thành viên hội đồng "
                                          "(%(seated)s).") % {"present": self.members_present,
                                                              "seated": self.members_seated}
        counted = [self.votes_for, self.votes_against, self.votes_abstaining]
        if None not in counted and self.members_present is not None and sum(counted) != self.members_present:
            errors["votes_for"] = _("Tán thành + không tán thành + không biểu quyết = %(total)s, khác số thành "
                                    "viên có mặt (%(present)s).") % {"total": sum(counted),
                                                                     "present": self.members_present}
        if errors:
            raise ValidationError(errors)

    @property
    def passes(self) -> bool:
        return self.votes_needed is not None and self.votes_for >= self.votes_needed

    @property
    def votes_short(self) -> int:
        return max(0, (self.votes_needed or 0) - self.votes_for)


class SchoolLevel(models.TextChoices):
    PRESCHOOL = "preschool", _("Mầm non")
    PRIMARY = "primary", _("Tiểu học")
    LOWER_SECONDARY = "lower_secondary", _("Trung học cơ sở")
    UPPER_SECONDARY = "upper_secondary", _("Trung học phổ thông")
    CONTINUING = "continuing", _("Giáo dục thường xuyên")


class ReplicationNomination(TrackedModel):
    """A unit's choice to replicate an initiative of provincial scope on its territory in a year."""

    audit_unit_paths = ("unit",)

    initiative = models.ForeignKey(Initiative, verbose_name=_("sáng kiến"), on_delete=models.PROTECT,
                                   related_name="nominations")
    unit = models.ForeignKey(AdministrativeUnit, verbose_name=_("đơn vị nhân rộng"), on_delete=models.PROTECT,
                             related_name="nominations")
    year = models.PositiveSmallIntegerField(_("năm"), validators=[MinValueValidator(2021), MaxValueValidator(2100)])
    nominated_on = models.DateField(_("ngày đăng ký"), validators=PAST)
    reason = models.TextField(_("lý do lựa chọn"), blank=True)
    justification = models.TextField(
        _("giải trình khi vượt 3 sáng kiến"), blank=True,
        help_text=_("Bắt buộc khi đơn vị đã có từ 3 sáng kiến nhân rộng trong năm."),
    )
    school_levels = models.JSONField(_("cấp học áp dụng"), default=list, blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=NominationStatus.choices,
                              default=NominationStatus.NOMINATED)
    status_reason = models.TextField(_("lý do thay đổi trạng thái"), blank=True)
    # The unit still counts it on its year's board; its sites still running are worked on by this one.
    handed_over_to = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("đơn vị tiếp nhận bàn giao"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )

    class Meta:
        verbose_name = _("đăng ký nhân rộng")
        verbose_name_plural = pgettext_lazy("plural", "đăng ký nhân rộng")
        ordering = ["year", "unit__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "unit", "year"], name="nomination_once_per_unit_year"),
        ]
        # Serves the yearly board: a unit's nominations of one year.
        indexes = [models.Index(fields=["year", "unit"], name="nomination_year_unit_idx")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.initiative}"

    def clean(self):
        unknown = [level for level in self.school_levels or [] if level not in SchoolLevel.values]
        if unknown:
            raise ValidationError({"school_levels": _("Cấp học không hợp lệ: %(levels)s.")
                                   % {"levels": ", ".join(map(str, unknown))}})

    def get_school_levels_display(self) -> str:
        labels = dict(SchoolLevel.choices)
        return ", ".join(str(labels.get(level, level)) for level in self.school_levels or [])


class ReplicationPlan(TrackedModel):
    """A year's replication plan: which units take part and report, the target per unit, the days to report.

    Directive 01/CT-UBND asks each district or city to replicate at least 2, ideally 3, initiatives of
    provincial scope a year and to report before 15 December; DOST reports before 31 December. From 2026
    the units are the communes and wards of the province of 1 July 2025, and its departments. Who takes
    part is the units of ``participant_kinds`` in force on ``units_on`` within ``territory``.
    """

    year = models.PositiveSmallIntegerField(_("năm"), unique=True,
                                            validators=[MinValueValidator(2021), MaxValueValidator(2100)])
    territory = models.ForeignKey(AdministrativeUnit, verbose_name=_("địa bàn"), on_delete=models.PROTECT,
                                  related_name="+", help_text=_("Tỉnh có các đơn vị tham gia."))
    units_on = models.DateField(_("đơn vị có hiệu lực vào ngày"), validators=PLANNED,
                                help_text=_("Các đơn vị có hiệu lực vào ngày này tham gia kế hoạch năm."))
    participant_kinds = models.JSONField(_("loại đơn vị tham gia"), default=list)
    reporting_kinds = models.JSONField(
        _("loại đơn vị phải báo cáo"), default=list, blank=True,
        help_text=_("Để trống khi năm đó các đơn vị không phải báo cáo (năm 2025: cấp huyện kết thúc giữa năm)."),
    )
    target_min = models.PositiveSmallIntegerField(_("chỉ tiêu tối thiểu mỗi đơn vị"), default=2)
    target_ideal = models.PositiveSmallIntegerField(_("chỉ tiêu phấn đấu mỗi đơn vị"), default=3)
    unit_report_due = models.DateField(_("hạn cuối đơn vị báo cáo đúng hạn"), validators=PLANNED)
    province_report_due = models.DateField(_("hạn Sở báo cáo Chủ tịch UBND tỉnh"), validators=PLANNED)
    legal_basis = models.TextField(_("căn cứ"))
    basis_is_example = models.BooleanField(
        _("căn cứ chỉ là ví dụ"), default=False,
        help_text=_("Đánh dấu khi Sở chưa nhập văn bản thực tế của năm."),
    )

    class Meta:
        verbose_name = _("kế hoạch nhân rộng năm")
        verbose_name_plural = pgettext_lazy("plural", "kế hoạch nhân rộng năm")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=Q(target_ideal__gte=F("target_min")), name="plan_ideal_at_least_min"),
        ]

    def __str__(self) -> str:
        return str(_("Kế hoạch nhân rộng năm %(year)s") % {"year": self.year})

    def clean(self):
        from directory.models import OFFICER_UNIT_KINDS

        errors = {}
        for name in ("participant_kinds", "reporting_kinds"):
            kinds = getattr(self, name)
            if not isinstance(kinds, list) or any(kind not in OFFICER_UNIT_KINDS for kind in kinds):
                errors[name] = _("Chỉ gồm các loại đơn vị cấp huyện, cấp xã hoặc sở, ngành.")
        if self.units_on and self.year and self.units_on.year != self.year:
            errors["units_on"] = _("Ngày xác định đơn vị phải thuộc năm %(year)s.") % {"year": self.year}
        if errors:
            raise ValidationError(errors)


class ReplicationSite(TrackedModel):
    """Where a nominated initiative is applied: a commune, a school, an agency."""

    audit_unit_paths = ("nomination__unit",)

    class PlaceKind(models.TextChoices):
        COMMUNE = "commune", _("Xã, phường")
        SCHOOL = "school", _("Trường học")
        AGENCY = "agency", _("Cơ quan, đơn vị")

    nomination = models.ForeignKey(ReplicationNomination, verbose_name=_("đăng ký nhân rộng"),
                                   on_delete=models.PROTECT, related_name="sites")
    place_kind = models.CharField(_("loại địa điểm"), max_length=16, choices=PlaceKind.choices)
    place_name = NormalisedCharField(_("tên địa điểm"), max_length=300)
    responsible_person = NormalisedCharField(_("người phụ trách"), max_length=200)
    # Planned, not past: a site is entered while planned, before it starts (its first progress starts it).
    started_on = models.DateField(_("ngày bắt đầu"), validators=PLANNED)
    status = models.CharField(_("trạng thái"), max_length=16, choices=SiteStatus.choices, default=SiteStatus.PLANNED)
    abandon_reason = models.TextField(_("lý do dừng"), blank=True)

    class Meta:
        verbose_name = _("địa điểm nhân rộng")
        verbose_name_plural = pgettext_lazy("plural", "địa điểm nhân rộng")
        ordering = ["started_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(status="abandoned") | ~Q(abandon_reason=""),
                                   name="site_abandoned_has_reason"),
        ]

    def __str__(self) -> str:
        return self.place_name


class ProgressUpdate(TrackedModel):
    """Progress at a site on a day, with what it measurably achieved."""

    audit_unit_paths = ("site__nomination__unit",)

    site = models.ForeignKey(ReplicationSite, verbose_name=_("địa điểm"), on_delete=models.PROTECT,
                             related_name="updates")
    # Never in the future: progress_record refuses it (directory.dates.STEP).
    on = models.DateField(_("ngày"), validators=STEP)
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"), validators=[MaxValueValidator(100)])
    note = models.TextField(_("ghi chú"), blank=True)
    decrease_reason = models.TextField(_("lý do tiến độ giảm"), blank=True)
    benefit = models.PositiveBigIntegerField(_("lợi ích (đồng)"), null=True, blank=True)
    people_reached = models.PositiveIntegerField(_("số người được áp dụng"), null=True, blank=True)
    units_reached = models.PositiveIntegerField(_("số đơn vị áp dụng"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ghi nhận"),
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("cập nhật tiến độ")
        verbose_name_plural = pgettext_lazy("plural", "cập nhật tiến độ")
        ordering = ["on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="progress_percent_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.site}: {self.percent}% ({self.on:%d/%m/%Y})"


class Attachment(Withdrawable, TrackedModel):
    """A file attached to an initiative or, as evidence, to a progress update. Served only after a check."""

    audit_unit_paths = ("initiative__organisation__unit", "progress_update__site__nomination__unit")

    initiative = models.ForeignKey(Initiative, verbose_name=_("sáng kiến"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="attachments")
    progress_update = models.ForeignKey(ProgressUpdate, verbose_name=_("cập nhật tiến độ"), null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="evidence")
    title = NormalisedCharField(_("tiêu đề"), max_length=300)
    file = models.FileField(_("tệp"), upload_to="initiatives/%Y/%m/")
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, editable=False)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"),
                                    on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    # A file uploaded by mistake is withdrawn, never deleted (directory.files).
    withdrawn_at, withdrawn_by, withdrawal_reason = withdrawal_fields()

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = pgettext_lazy("plural", "tệp đính kèm")
        ordering = ["-uploaded_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(initiative__isnull=False) & Q(progress_update__isnull=True))
                | (Q(initiative__isnull=True) & Q(progress_update__isnull=False)),
                name="attachment_belongs_to_one_record",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class RemunerationPayment(TrackedModel):
    """What the investor paid the authors for one year of application, or for a transfer."""

    audit_unit_paths = ("initiative__organisation__unit",)

    class ApplicationYear(models.IntegerChoices):
        FIRST = 1, _("Năm thứ nhất")
        SECOND = 2, _("Năm thứ hai")
        THIRD = 3, _("Năm thứ ba")

    initiative = models.ForeignKey(Initiative, verbose_name=_("sáng kiến"), on_delete=models.PROTECT,
                                   related_name="payments")
    application_year = models.PositiveSmallIntegerField(_("năm áp dụng"), choices=ApplicationYear.choices,
                                                        null=True, blank=True)
    benefit = models.PositiveBigIntegerField(_("lợi ích trong năm (đồng)"), null=True, blank=True)
    rate_percent = models.DecimalField(_("tỷ lệ (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
                                       validators=[MinValueValidator(0), MaxValueValidator(100)])
    transfer_price = models.PositiveBigIntegerField(_("giá chuyển giao (đồng)"), null=True, blank=True)
    amount = models.PositiveBigIntegerField(_("số tiền trả (đồng)"))
    paid_on = models.DateField(_("ngày trả"), validators=PAST)

    class Meta:
        verbose_name = _("khoản thù lao")
        verbose_name_plural = pgettext_lazy("plural", "khoản thù lao")
        ordering = ["paid_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(transfer_price__isnull=True) & Q(application_year__isnull=False)
                           & Q(benefit__isnull=False) & Q(rate_percent__isnull=False))
                | (Q(transfer_price__isnull=False) & Q(application_year__isnull=True)),
                name="payment_is_yearly_or_transfer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.amount:,} đ"
