"""The import pages: a template to download, an upload that shows row by row what would change, a confirmation
that writes it. The file waits between the preview and the confirmation under MEDIA_ROOT/imports/<user>/,
named by its SHA-256; confirming reads and checks it again, so a record changed meanwhile is still caught."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import time
from pathlib import Path

import xlsxwriter
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from directory.importing import IMPORTERS, Action, Importer, importers_for, preview, run
from directory.pages import form_data, show_refusal
from directory.tables import CONTENT_TYPES

PREVIEW_ROWS = 300
KEEP_PENDING = 24 * 3600
TOKEN = re.compile(r"[0-9a-f]{64}")
# Where each register's list is, to go back to after an import.
LISTS = {
    "organisations": "organisation_list", "products": "ip:asset_list", "assets": "ip:asset_list",
    "applications": "ip:application_list", "growing-areas": "ip:growing_area_list",
    "initiatives": "initiatives:initiative_list", "nominations": "initiatives:nomination_list",
}


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp"), widget=forms.FileInput(attrs={"accept": ".xlsx,.csv"}),
                           help_text=gettext_lazy("Tệp Excel (.xlsx) hoặc CSV (UTF-8); chỉ trang tính đầu tiên "
                                                  "được đọc."))
    reason = forms.CharField(label=gettext_lazy("Lý do"), required=False, max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=gettext_lazy("Được ghi vào nhật ký cùng lô nhập dữ liệu."))


class ConfirmForm(forms.Form):
    token = forms.RegexField(regex=TOKEN, widget=forms.HiddenInput)
    name = forms.CharField(max_length=255, widget=forms.HiddenInput)
    reason = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)


def _importer(request, slug: str) -> Importer:
    importer_class = IMPORTERS.get(slug)
    if importer_class is None:
        raise Http404
    importer = importer_class(request.user)
    if not importer.permitted():
        raise PermissionDenied(_("Anh/chị không được nhập dữ liệu này."))
    return importer


def _list_url(slug: str) -> str:
    try:
        return reverse(LISTS.get(slug, "import_index"))
    except NoReverseMatch:
        return reverse("import_index")


def _pending_dir(user) -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / str(user.pk)


def _keep(user, upload) -> str:
    """Keep the upload until it is confirmed; its SHA-256 names it. Older forgotten files are removed."""
    folder = _pending_dir(user)
    folder.mkdir(parents=True, exist_ok=True)
    now = time.time()
    for old in folder.iterdir():
        if now - old.stat().st_mtime > KEEP_PENDING:
            old.unlink(missing_ok=True)
    upload.seek(0)
    data = upload.read()
    token = hashlib.sha256(data).hexdigest()
    (folder / token).write_bytes(data)
    return token


@require_GET
def import_index(request):
    importers = importers_for(request.user)
    if not importers:
        raise PermissionDenied(_("Anh/chị không được nhập dữ liệu."))
    return render(request, "directory/import_index.html", {"importers": importers})


@require_http_methods(["GET", "POST"])
def import_upload(request, slug: str):
    importer = _importer(request, slug)
    form = UploadForm(*form_data(request))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            plan = preview(actor=request.user, importer=type(importer), file=upload,
                           reason=form.cleaned_data["reason"])
        except ValidationError as error:
            show_refusal(form, error)
        else:
            confirm = ConfirmForm(initial={"token": _keep(request.user, upload), "name": upload.name,
                                           "reason": form.cleaned_data["reason"]})
            shown_rows = sorted((row for row in plan.rows if row.action != Action.UNCHANGED),
                                key=lambda row: (row.action != Action.CHANGE, row.number))
            return render(request, "directory/import_preview.html", {
                "importer": importer, "plan": plan, "counts": plan.counts, "confirm": confirm,
                "rows": shown_rows[:PREVIEW_ROWS], "more": max(0, len(shown_rows) - PREVIEW_ROWS),
                "file_name": upload.name, "back": _list_url(slug),
            })
    return _upload_page(request, importer, form)


def _upload_page(request, importer: Importer, form, refusal=()):
    return render(request, "directory/import_upload.html", {
        "importer": importer, "form": form, "refusal": [*form.non_field_errors(), *refusal],
        "back": _list_url(importer.slug)})


@require_POST
def import_confirm(request, slug: str):
    importer = _importer(request, slug)
    confirm = ConfirmForm(request.POST)
    if not confirm.is_valid():
        return HttpResponseBadRequest(_("Yêu cầu xác nhận không hợp lệ."))
    path = _pending_dir(request.user) / confirm.cleaned_data["token"]
    if not path.exists():
        return _upload_page(request, importer, UploadForm(), refusal=[
            _("Tệp đã xem trước không còn được giữ (quá một ngày hoặc đã nhập): hãy tải lên lại.")])
    file = ContentFile(path.read_bytes(), name=confirm.cleaned_data["name"])
    try:
        result = run(actor=request.user, importer=type(importer), file=file, reason=confirm.cleaned_data["reason"])
    except ValidationError as error:
        return _upload_page(request, importer, UploadForm(), refusal=error.messages)
    path.unlink(missing_ok=True)
    messages.success(request, _("Đã nhập tệp «%(name)s» (lô số %(batch)d): %(created)d dòng thêm mới, %(changed)d dòng "
                                "cập nhật, %(unchanged)d dòng không đổi.") % {
        "name": confirm.cleaned_data["name"], "batch": result.batch.pk, "created": result.created,
        "changed": result.changed, "unchanged": result.unchanged})
    return redirect(_list_url(slug))


@require_GET
def import_template(request, slug: str):
    """An empty sheet with the columns' headers, and a second sheet explaining each column."""
    importer = _importer(request, slug)
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"strings_to_formulas": False, "strings_to_urls": False,
                                            "strings_to_numbers": False})
    workbook.set_properties({"created": dt.datetime(2000, 1, 1)})
    bold = workbook.add_format({"bold": True, "bg_color": "#E7EAEE", "border": 1, "text_wrap": True})
    required = workbook.add_format({"bold": True, "bg_color": "#FCE8B2", "border": 1, "text_wrap": True})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    data = workbook.add_worksheet(_("Dữ liệu"))
    guide = workbook.add_worksheet(_("Hướng dẫn"))
    for index, column in enumerate(importer.all_columns()):
        data.set_column(index, index, 20)
        data.write_string(0, index, str(column.header), required if column.required else bold)
    data.freeze_panes(1, 0)
    for index, title in enumerate([_("Cột"), _("Bắt buộc"), _("Nội dung"), _("Ví dụ")]):
        guide.write_string(0, index, title, bold)
    guide.set_column(0, 0, 26)
    guide.set_column(1, 1, 10)
    guide.set_column(2, 2, 80, wrap)
    guide.set_column(3, 3, 30, wrap)
    for number, column in enumerate(importer.all_columns(), start=1):
        guide.write_string(number, 0, str(column.header))
        guide.write_string(number, 1, _("Có") if column.required else _("Không"))
        guide.write_string(number, 2, str(column.help))
        if column.example is not None:
            guide.write_string(number, 3, str(column.example))
    workbook.close()
    response = HttpResponse(output.getvalue(), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="mau-nhap-{slug}.xlsx"'
    return response
