"""The reports' pages, under /reports/: the year's board, each report, its forms and files, the dashboard.

A unit's pages take ``unit_pk``; the province's report has none. Reads go through ``reports.selectors``,
writes through ``reports.services``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from directory import access as directory_access
from directory.pages import form_data, role_required, show_refusal
from reports import access, dashboard, forms, reminders, selectors, services
from reports.workflow import ACTION_LABELS, Actor, ReportStatus, allowed_moves

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}

reader_required = role_required(directory_access.has_any_role)


def _report_url(report) -> str:
    if report.is_province:
        return reverse("reports:province_report", args=[report.year])
    return reverse("reports:unit_report", args=[report.year, report.unit_id])


@require_GET
@reader_required
def index(request, year: int | None = None):
    year = year or timezone.localdate().year
    if year not in selectors.years():
        raise Http404
    user = request.user
    context = {"year": year, "years": selectors.years(), "issued": selectors.issued_province_reports(),
               "own_unit": directory_access.unit_scope(user), "state": request.GET.get("state", "")}
    if access.can_read_all(user):
        context["board"] = selectors.submission_board(user=user, year=year, state=context["state"])
        context["may_remind"] = access.is_dost(user) and context["board"].counts["missing"] > 0
        context["states"] = [(name, label, context["board"].counts[name]) for name, label in (
            ("missing", _("Chưa gửi")), ("late", _("Gửi muộn")), ("returned", _("Trả lại, mở lại")),
            ("submitted", _("Đã gửi")))]
    return render(request, "reports/index.html", context)


@require_POST
def remind(request, year: int):
    if not access.is_dost(request.user):
        raise PermissionDenied
    if year not in selectors.years():
        raise Http404
    sent = reminders.units_remind(actor=request.user, year=year, today=timezone.localdate())
    messages.success(request, ngettext("Đã gửi %(count)s thư nhắc.", "Đã gửi %(count)s thư nhắc.", sent)
                     % {"count": sent})
    return redirect(reverse("reports:index", args=[year]) + "?state=missing")


@require_GET
def report_detail(request, year: int, unit_pk: int | None = None):
    report = selectors.report_detail(user=request.user, year=year, unit_pk=unit_pk)
    user = request.user
    moves = [(status, ACTION_LABELS[status])
             for status, move in allowed_moves(report.status, province=report.is_province).items()
             if access.can_move(user, report, move.by)]
    return render(request, "reports/report.html", {
        "report": report, "document": services.report_document(report),
        "steps": report.steps.select_related("recorded_by") if report.pk else [],
        "snapshots": report.snapshots.select_related("taken_by") if report.pk else [],
        "changed": services.figures_changed(report), "moves": moves,
        "may_edit": access.can_edit(user, report) and report.status in services.EDITABLE,
        "may_read": access.can_read_report(user, report), "url": _report_url(report),
    })


@require_http_methods(["GET", "POST"])
def report_edit(request, year: int, unit_pk: int | None = None):
    report = selectors.report_detail(user=request.user, year=year, unit_pk=unit_pk)
    if not access.can_edit(request.user, report):
        raise Http404
    form = forms.ReportForm(*form_data(request), instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_save(actor=request.user, year=year, unit=report.unit,
                                 **{name: form.cleaned_data[name] for name in forms.ReportForm.Meta.fields})
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã lưu báo cáo."))
            return redirect(_report_url(report))
    return render(request, "reports/form.html", {"form": form, "report": report, "title": _("Soạn báo cáo"),
                                                 "back": _report_url(report), "submit": _("Lưu")})


@require_http_methods(["GET", "POST"])
def report_advance(request, year: int, to_status: str, unit_pk: int | None = None):
    report = selectors.report_detail(user=request.user, year=year, unit_pk=unit_pk)
    move = allowed_moves(report.status, province=report.is_province).get(to_status)
    if move is None or not access.can_move(request.user, report, move.by):
        if request.method == "GET" or to_status not in ReportStatus.values:
            raise Http404
        messages.error(request, _("Báo cáo đã chuyển sang “%(status)s”: bước này không còn thực hiện được.")
                       % {"status": report.get_status_display()})
        return redirect(_report_url(report))
    form = forms.MoveForm(*form_data(request), needs_reason=move.needs_reason, needs_number=move.needs_number)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.report_advance(actor=request.user, year=year, unit=report.unit, to_status=to_status,
                                    reason=data.get("reason", ""), number=data.get("number", ""),
                                    issued_on=data.get("issued_on"))
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Báo cáo đã chuyển sang “%(status)s”.") % {
                "status": ReportStatus(to_status).label})
            return redirect(_report_url(report))
    lead = _("Gửi báo cáo sẽ chốt số liệu đến ngày %(day)s; sau khi gửi, số liệu đã gửi không thay đổi.") % {
        "day": report.as_of.strftime("%d/%m/%Y")} if move.freezes else ""
    return render(request, "reports/form.html", {
        "form": form, "report": report, "lead": lead, "back": _report_url(report), "submit": _("Xác nhận"),
        "title": ACTION_LABELS[to_status],
        "dost": move.by == Actor.DOST,
    })


@require_GET
def report_download(request, year: int, fmt: str, unit_pk: int | None = None):
    if fmt not in CONTENT_TYPES:
        raise Http404
    report = selectors.report_detail(user=request.user, year=year, unit_pk=unit_pk)
    if not access.can_read_report(request.user, report):
        raise Http404
    content, file_name = services.report_file(actor=request.user, report=report, fmt=fmt)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


@require_GET
@reader_required
def dashboard_page(request):
    user = request.user
    unit = None if access.can_read_all(user) else directory_access.unit_scope(user)
    if unit is None and not access.can_read_all(user):
        raise Http404
    return render(request, "reports/dashboard.html", {"charts": dashboard.charts(unit=unit), "unit": unit})

