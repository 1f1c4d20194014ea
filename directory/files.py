"""Uploaded files: their fingerprint, kept so anyone can later prove a file is the one recorded, the one
check every upload passes (the kinds of document the trade uses, recognised by content, and a size limit),
and the withdrawal of a file uploaded by mistake."""

import hashlib
import zipfile
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

HEAD_BYTES = 8192

PDF, PNG, JPEG, GIF, TIFF, WEBP = "pdf", "png", "jpeg", "gif", "tiff", "webp"
WORD, EXCEL, POWERPOINT, OLE2, OPENDOCUMENT = "docx", "xlsx", "pptx", "ole2", "odf"

# The names a file of each kind may bear; a name without an extension is judged by its content alone.
EXTENSIONS = {
    PDF: {".pdf"},
    PNG: {".png"},
    JPEG: {".jpg", ".jpeg", ".jpe", ".jfif"},
    GIF: {".gif"},
    TIFF: {".tif", ".tiff"},
    WEBP: {".webp"},
    WORD: {".docx", ".docm", ".dotx", ".dotm"},
    EXCEL: {".xlsx", ".xlsm", ".xltx", ".xltm"},
    POWERPOINT: {".pptx", ".pptm", ".ppsx", ".potx"},
    OLE2: {".doc", ".dot", ".xls", ".xlt", ".ppt", ".pps", ".pot"},
    OPENDOCUMENT: {".odt", ".ott", ".ods", ".ots", ".odp", ".otp", ".odg", ".otg", ".odf"},
}
KIND_NAMES = {PDF: "PDF", PNG: "ảnh PNG", JPEG: "ảnh JPEG", GIF: "ảnh GIF", TIFF: "ảnh TIFF", WEBP: "ảnh WebP",
              WORD: "Word (.docx)", EXCEL: "Excel (.xlsx)", POWERPOINT: "PowerPoint (.pptx)",
              OLE2: "Office cũ (.doc, .xls, .ppt)", OPENDOCUMENT: "OpenDocument"}
ACCEPT = ",".join(sorted(set().union(*EXTENSIONS.values())))
OOXML_PARTS = (("word/", WORD), ("xl/", EXCEL), ("ppt/", POWERPOINT))
ODF_MIMETYPE = b"application/vnd.oasis.opendocument."


def sha256_and_size(file) -> tuple[str, int]:
    """SHA-256 (hex) and size in bytes of an uploaded file, read in chunks; the file is rewound."""
    sha = hashlib.sha256()
    size = 0
    for chunk in file.chunks():
        sha.update(chunk)
        size += len(chunk)
    file.seek(0)
    return sha.hexdigest(), size


def _size_text(size: int) -> str:
    if size >= 2**20:
        return f"{size / 2**20:.1f}".removesuffix(".0").replace(".", ",") + " MB"
    if size >= 2**10:
        return f"{size / 2**10:.1f}".removesuffix(".0").replace(".", ",") + " KB"
    return f"{size} byte"


def _zip_kind(file) -> str | None:
    """OOXML (a [Content_Types].xml and word/, xl/ or ppt/ parts) or OpenDocument ("mimetype" first); reads
    the central directory, and the few bytes of the mimetype entry, not the documents' content."""
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            if entries and entries[0].filename == "mimetype" and entries[0].file_size < 100:
                with archive.open(entries[0]) as mimetype:
                    if mimetype.read(100).startswith(ODF_MIMETYPE):
                        return OPENDOCUMENT
            names = [entry.filename for entry in entries]
            if "[Content_Types].xml" in names:
                for prefix, kind in OOXML_PARTS:
                    if any(name.startswith(prefix) for name in names):
                        return kind
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return None
    return None


def content_kind(file) -> str | None:
    """The accepted kind a file's content is, from its first bytes (and a zip's directory), or None."""
    file.seek(0)
    head = file.read(HEAD_BYTES) or b""
    file.seek(0)
    kind = None
    if b"%PDF-" in head[:1024]:
        kind = PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = PNG
    elif head.startswith(b"\xff\xd8\xff"):
        kind = JPEG
    elif head.startswith((b"GIF87a", b"GIF89a")):
        kind = GIF
    elif head.startswith((b"II*\x00", b"MM\x00*")):
        kind = TIFF
    elif head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        kind = WEBP
    elif head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        kind = OLE2
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(file)
        file.seek(0)
    return kind


def check_upload(file, field: str | None = None) -> None:
    """Refuse (ValidationError) a file over settings.UPLOAD_MAX_BYTES, one whose content is none of the kinds
    of document accepted, or one whose extension says another kind than its content. The file is rewound.

    The form fields run it (DocumentFileField), and the services again on the files they are given, naming
    ``field`` in their refusal.
    """
    try:
        _check(file)
    except ValidationError as error:
        raise ValidationError({field: error.error_list}) if field else error


def _check(file) -> None:
    name = PurePath(getattr(file, "name", "") or "").name
    size = getattr(file, "size", None)
    limit = settings.UPLOAD_MAX_BYTES
    if size is not None and size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” (%(size)s) vượt quá dung lượng cho phép %(limit)s.")
            % {"name": name, "size": _size_text(size), "limit": _size_text(limit)}, code="file_too_large")
    kind = content_kind(file)
    if kind is None:
        raise ValidationError(
            _("Tệp “%(name)s” không thuộc loại được nhận. Chỉ nhận PDF, ảnh (PNG, JPEG, GIF, TIFF, WebP), "
              "tài liệu Word, Excel, PowerPoint (.docx, .xlsx, .pptx, .doc, .xls, .ppt) và OpenDocument "
              "(.odt, .ods, .odp); loại tệp được nhận biết theo nội dung, không theo tên.") % {"name": name},
            code="file_type")
    extension = PurePath(name).suffix.lower()
    if extension and extension not in EXTENSIONS[kind]:
        raise ValidationError(
            _("Tệp “%(name)s” có đuôi %(extension)s nhưng nội dung là tệp %(kind)s: hãy đặt đúng đuôi tệp.")
            % {"name": name, "extension": extension, "kind": KIND_NAMES[kind]}, code="file_extension")


class DocumentFileField(forms.FileField):
    """A file field for an uploaded document: check_upload on every file, the accepted kinds offered first."""

    default_validators = [check_upload]

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.setdefault("accept", ACCEPT)
        return attrs


# Withdrawing a file uploaded by mistake ------------------------------------------------------------------

def withdrawal_fields() -> tuple[models.Field, models.Field, models.Field]:
    """The fields of a kept file that can be withdrawn (``withdrawn_at, withdrawn_by, withdrawal_reason =
    withdrawal_fields()`` in the model's body, after its other fields): it stays, with its fingerprint and in the
    history, but is no longer offered for download; who withdrew it, when and why are part of the record."""
    return (
        models.DateTimeField(gettext_lazy("rút lúc"), null=True, blank=True, editable=False),
        models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=gettext_lazy("người rút"), null=True, blank=True,
                          editable=False, on_delete=models.PROTECT, related_name="+"),
        models.TextField(gettext_lazy("lý do rút"), blank=True, default="", editable=False),
    )


class Withdrawable:
    """A model with :func:`withdrawal_fields`."""

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


def withdrawn(record: Withdrawable, *, by, reason: str):
    """``record`` as read again in this transaction (locked), marked withdrawn by ``by`` for ``reason``; for
    the service to save. A file already withdrawn, or no reason, is refused."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Rút tệp cần ghi lý do.")})
    current = type(record).objects.select_for_update().get(pk=record.pk)
    if current.is_withdrawn:
        raise ValidationError(_("Tệp “%(title)s” đã được rút lúc %(at)s.") % {
            "title": current.title, "at": timezone.localtime(current.withdrawn_at).strftime("%d/%m/%Y %H:%M")})
    current.withdrawn_at = timezone.now()
    current.withdrawn_by = by
    current.withdrawal_reason = reason
    return current


class WithdrawalForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Lý do rút tệp"), max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=gettext_lazy("Tệp vẫn được lưu và ghi trong nhật ký, nhưng không còn được "
                                                    "tải xuống."))
