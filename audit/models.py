"""The audit trail: one hash-chained event per recorded change, the import batches and the proofs.

Historical rows (django-simple-history) keep each version of a record; :class:`AuditEvent` is the single,
ordered log across all of them that auditors read and verify. Events, historical rows, checkpoints and
verification runs are append-only: database triggers installed by migration refuse UPDATE and DELETE
(see :mod:`audit.triggers`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.context import Channel


class HistoricalAuditFields(models.Model):
    """Columns every historical table carries beside simple-history's own (who, when, what, why)."""

    history_ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    history_channel = models.CharField(
        _("kênh"), max_length=16, choices=Channel.choices, default=Channel.COMMAND
    )
    history_request_id = models.CharField(_("mã yêu cầu"), max_length=64, blank=True, default="")

    class Meta:
        abstract = True


class AuditAction(models.TextChoices):
    CREATE = "create", _("Tạo mới")
    UPDATE = "update", _("Sửa")
    DELETE = "delete", _("Xoá")
    WORKFLOW = "workflow", _("Chuyển bước quy trình")
    IMPORT = "import", _("Nhập dữ liệu")
    EXPORT = "export", _("Xuất dữ liệu")
    # A sign-in, a failed one or a lock-out (directory.sign_in): ``changes`` holds the outcome and user name.
    SIGN_IN = "signin", _("Đăng nhập")
    # The chain's own bookkeeping across upgrades (see audit.canonical and audit.upgrades).
    LAYOUT = "layout", _("Ghi cấu trúc bảng lịch sử")
    SCHEMA = "schema", _("Nâng cấp cơ sở dữ liệu")


class ImportOutcome(models.TextChoices):
    RUNNING = "running", _("Đang chạy")
    SUCCEEDED = "succeeded", _("Thành công")
    REJECTED = "rejected", _("Bị từ chối")


class ImportBatch(models.Model):
    """One bulk write: a spreadsheet import or a data load, and every change it made."""

    kind = models.CharField(_("loại dữ liệu"), max_length=100)
    file_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, blank=True)
    sheet = models.CharField(_("trang tính"), max_length=100, blank=True)
    row_count = models.PositiveIntegerField(_("số dòng"), default=0)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"),
                              on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("bắt đầu lúc"))
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    outcome = models.CharField(_("kết quả"), max_length=16, choices=ImportOutcome.choices,
                               default=ImportOutcome.RUNNING)
    message = models.TextField(_("thông báo"), blank=True)

    class Meta:
        verbose_name = _("lô nhập dữ liệu")
        verbose_name_plural = _("các lô nhập dữ liệu")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.file_name}".strip()

    @property
    def kind_label(self) -> str:
        """What was imported, in words: the model's name when ``kind`` is a model label."""
        from audit.selectors import model_name

        return model_name(self.kind)


class ChainSequenceField(models.BigIntegerField):
    """A 64-bit sequence number that is SQLite's rowid there (``integer PRIMARY KEY``), as on PostgreSQL
    a plain ``bigint``: the table is stored in chain order and needs no second index on its key."""

    def db_type(self, connection):
        return "integer" if connection.vendor == "sqlite" else super().db_type(connection)


class AuditEvent(models.Model):
    """One recorded change (or import, or export), chained to the one before it by its hash."""

    seq = ChainSequenceField(_("số thứ tự"), primary_key=True)
    time = models.DateTimeField(_("thời điểm"))
    model = models.CharField(_("loại bản ghi"), max_length=100)
    object_id = models.CharField(_("mã bản ghi"), max_length=64, blank=True)
    object_label = models.CharField(_("bản ghi"), max_length=300, blank=True)
    action = models.CharField(_("hành động"), max_length=16, choices=AuditAction.choices)
    history_type = models.CharField(_("kiểu thay đổi"), max_length=1, blank=True)
    # The foreign keys get no index of their own: the composite indexes below lead with them.
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"),
                              on_delete=models.PROTECT, related_name="+", db_index=False)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    channel = models.CharField(_("kênh"), max_length=16, choices=Channel.choices)
    request_id = models.CharField(_("mã yêu cầu"), max_length=64, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    # Canonical JSON of {field name: [before, after]}, kept as text so the hash covers the exact bytes.
    changes = models.TextField(_("thay đổi"), blank=True)
    history_model = models.CharField(_("bảng lịch sử"), max_length=100, blank=True)
    history_id = models.BigIntegerField(_("mã phiên bản"), null=True, blank=True)
    row_digest = models.CharField(_("mã băm phiên bản"), max_length=64, blank=True)
    batch = models.ForeignKey(ImportBatch, verbose_name=_("lô nhập dữ liệu"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="events", db_index=False)
    unit = models.ForeignKey("directory.AdministrativeUnit", verbose_name=_("đơn vị"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+", db_index=False)
    prev_hash = models.CharField(_("mã băm trước"), max_length=64)
    hash = models.CharField(_("mã băm"), max_length=64)

    class Meta:
        verbose_name = _("sự kiện nhật ký")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-seq"]
        # Each filter of the log is one index range read newest first (keyset pagination on seq). Every
        # index costs each recorded change a page write, so there are no more than the filters need, and
        # the batch index leaves out the events of single saves, which belong to no batch.
        indexes = [
            models.Index(fields=["time", "seq"], name="audit_event_time_idx"),
            models.Index(fields=["actor", "seq"], name="audit_event_actor_idx"),
            models.Index(fields=["model", "object_id", "seq"], name="audit_event_record_idx"),
            models.Index(fields=["unit", "seq"], name="audit_event_unit_idx"),
            models.Index(fields=["batch", "seq"], name="audit_event_batch_idx", condition=models.Q(batch__isnull=False)),
            models.Index(fields=["action", "seq"], name="audit_event_action_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.get_action_display()} {self.object_label}"


class Checkpoint(models.Model):
    """A signed statement of the chain head, also handed to the auditors to keep outside the database."""

    seq = models.BigIntegerField(_("số thứ tự cuối"))
    hash = models.CharField(_("mã băm cuối"), max_length=64)
    created_at = models.DateTimeField(_("lập lúc"))
    signature = models.CharField(_("chữ ký HMAC-SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("mốc kiểm chứng")
        verbose_name_plural = _("các mốc kiểm chứng")
        ordering = ["-created_at", "-pk"]


class VerificationRun(models.Model):
    """The outcome of one run of the verification of the whole trail."""

    started_at = models.DateTimeField(_("bắt đầu lúc"))
    finished_at = models.DateTimeField(_("kết thúc lúc"))
    ok = models.BooleanField(_("toàn vẹn"))
    events_checked = models.BigIntegerField(_("số sự kiện đã kiểm"))
    rows_checked = models.BigIntegerField(_("số phiên bản đã kiểm"))
    head_seq = models.BigIntegerField(_("số thứ tự cuối"), null=True, blank=True)
    breaks = models.TextField(_("các điểm sai lệch"), blank=True)
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người chạy"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("lần kiểm chứng")
        verbose_name_plural = _("các lần kiểm chứng")
        ordering = ["-finished_at", "-pk"]
