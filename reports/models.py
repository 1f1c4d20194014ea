"""The yearly reports: a unit's to DOST, DOST's to the provincial chairman, and what was frozen when sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from audit.history import TrackedModel
from directory.models import AdministrativeUnit, NFCCharField
from reports.workflow import ReportStatus


class AnnualReport(TrackedModel):
    """A year's report of one unit (``unit`` set) or of the province (``unit`` empty).

    The figures are computed from the records up to ``as_of``; the written parts are the officer's. What
    was sent is in its snapshots, never in this row's live figures."""

    audit_unit_paths = ("unit",)

    year = models.PositiveSmallIntegerField(_("năm"))
    unit = models.ForeignKey(AdministrativeUnit, verbose_name=_("đơn vị"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="annual_reports")
    status = models.CharField(_("trạng thái"), max_length=16, choices=ReportStatus.choices,
                              default=ReportStatus.DRAFT)
    as_of = models.DateField(_("số liệu tính đến ngày"))
    results = models.TextField(_("kết quả đạt được"), blank=True)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    # The document's own particulars (Decree 30/2020/NĐ-CP): number and symbol, date, recipients, signer.
    number = models.CharField(_("số, ký hiệu"), max_length=50, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận."))
    signer_title = NFCCharField(_("chức vụ người ký"), max_length=200, blank=True)
    signer_name = NFCCharField(_("người ký"), max_length=200, blank=True)
    submitted_on = models.DateField(_("ngày gửi"), null=True, blank=True)
    late = models.BooleanField(_("gửi muộn"), default=False)

    class Meta:
        verbose_name = _("báo cáo năm")
        verbose_name_plural = pgettext_lazy("plural", "báo cáo năm")
        ordering = ["-year", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "unit"], name="one_report_per_unit_and_year"),
            models.UniqueConstraint(fields=["year"], condition=Q(unit__isnull=True), name="one_province_report_a_year"),
        ]
        indexes = [models.Index(fields=["year", "status"], name="report_year_status_idx")]

    def __str__(self) -> str:
        whose = self.unit.name if self.unit_id else _("tỉnh")
        return str(_("Báo cáo năm %(year)s — %(whose)s") % {"year": self.year, "whose": whose})

    @property
    def is_province(self) -> bool:
        return self.unit_id is None


class ReportSnapshot(TrackedModel):
    """What was sent: the figures and written parts as they stood, with their SHA-256 (kept in the audit
    trail with the row). Written once per submission or issue; never changed."""

    audit_unit_paths = ("report__unit",)

    report = models.ForeignKey(AnnualReport, verbose_name=_("báo cáo"), on_delete=models.PROTECT,
                               related_name="snapshots")
    taken_at = models.DateTimeField(_("thời điểm chốt"))
    as_of = models.DateField(_("số liệu tính đến ngày"))
    content = models.JSONField(_("nội dung"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người gửi"), on_delete=models.PROTECT,
                                 related_name="+")

    class Meta:
        verbose_name = _("bản chốt báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "bản chốt báo cáo")
        ordering = ["report", "-taken_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.report} ({self.taken_at:%d/%m/%Y %H:%M})"


class ReportStep(TrackedModel):
    """One move of a report's process: who, when, why."""

    audit_unit_paths = ("report__unit",)

    report = models.ForeignKey(AnnualReport, verbose_name=_("báo cáo"), on_delete=models.PROTECT,
                               related_name="steps")
    from_status = models.CharField(_("từ trạng thái"), max_length=16, choices=ReportStatus.choices)
    to_status = models.CharField(_("sang trạng thái"), max_length=16, choices=ReportStatus.choices)
    on = models.DateField(_("ngày"))
    reason = models.TextField(_("lý do"), blank=True)
    snapshot = models.ForeignKey(ReportSnapshot, verbose_name=_("bản chốt"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"),
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("bước xử lý báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "bước xử lý báo cáo")
        ordering = ["report", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_to_status_display()} ({self.on:%d/%m/%Y})"


class ReminderKind(models.TextChoices):
    UNIT_REPORT = "unit_report", _("Hạn báo cáo năm của đơn vị")
    DEADLINES = "deadlines", _("Thời hạn đơn sở hữu công nghiệp")
    BASE_DECISIONS = "base_decisions", _("Quyết định công nhận cấp cơ sở sắp đến hạn")


class ReminderSent(TrackedModel):
    """A reminder e-mailed: one per kind, subject and recipient, so sending again sends nothing twice."""

    kind = models.CharField(_("loại nhắc việc"), max_length=32, choices=ReminderKind.choices)
    key = models.CharField(_("nội dung nhắc"), max_length=200)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.PROTECT,
                                  related_name="+")
    sent_on = models.DateField(_("ngày gửi"))

    class Meta:
        verbose_name = _("thư nhắc việc đã gửi")
        verbose_name_plural = pgettext_lazy("plural", "thư nhắc việc đã gửi")
        ordering = ["-sent_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key", "recipient"], name="reminder_sent_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.key}"
