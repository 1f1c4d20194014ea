"""The IP registry's pages. Reads go through ``ip_registry.selectors``, writes through ``ip_registry.services``.

Every page is closed to users without a role (the selectors refuse them); every page that writes is
closed to everyone but IP officers, on GET as on POST, before anything is read.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from audit.versions import version_of
from directory import tables
from directory.access import can_edit_ip, can_read_ip
from directory.files import WithdrawalForm
from directory.pages import (
    CountedPaginator,
    DeferredJoinPaginator,
    date_param,
    form_data,
    private_file,
    role_required,
    show_refusal,
)
from ip_registry import exports, forms, selectors, services
from ip_registry.models import AssetStatus, DeadlineState
from ip_registry.workflow import (
    FINAL_STATUSES,
    ApplicationKind,
    ApplicationStatus,
    Move,
    Party,
    action_label,
    allowed_moves,
)

PAGE_SIZE = 50

editor_required = role_required(can_edit_ip)


def _form_page(request, form, *, title: str, back: str, asset=None, lead: str = "", submit: str = ""):
    return render(request, "ip_registry/form.html", {
        "form": form, "title": title, "back": back, "asset": asset, "lead": lead,
        "submit": submit or _("Lưu"),
    })


# How a status badge is coloured.
STATUS_TONE = {
    AssetStatus.PROTECTED: "ok",
    AssetStatus.RENEWAL_DUE: "warn",
    AssetStatus.RENEWAL_PENDING: "warn",
    AssetStatus.GRACE_PERIOD: "warn",
    AssetStatus.EXPIRED: "muted",
    AssetStatus.WITHDRAWN: "muted",
    AssetStatus.TERMINATED: "danger",
    AssetStatus.INVALIDATED: "danger",
    AssetStatus.REFUSED: "danger",
}


def _label_status(assets) -> None:
    for asset in assets:
        asset.status_label = AssetStatus(asset.status).label
        asset.status_tone = STATUS_TONE.get(asset.status, "")


def _mark_overdue(deadlines, today: dt.date) -> None:
    for deadline in deadlines:
        deadline.overdue = deadline.state == DeadlineState.OPEN and deadline.due_date < today


# Assets -------------------------------------------------------------------------------------------

@require_GET
def asset_list(request):
    form = forms.AssetFilterForm(request.GET or None, user=request.user)
    today = timezone.localdate()
    assets = selectors.asset_list(user=request.user, filters=form.filters(), on=today)
    page = DeferredJoinPaginator(assets, PAGE_SIZE, rows=lambda ids: selectors.asset_rows(ids, on=today)).get_page(
        request.GET.get("page"))
    _label_status(page.object_list)
    return render(request, "ip_registry/asset_list.html", {
        "form": form,
        "page": page,
        "may_edit": can_edit_ip(request.user),
    })


@require_GET
def asset_export(request, fmt: str):
    if fmt not in tables.CONTENT_TYPES:
        raise Http404
    form = forms.AssetFilterForm(request.GET or None, user=request.user)
    rows = exports.asset_rows(user=request.user, filters=form.filters(), on=timezone.localdate())
    return tables.export_response(actor=request.user, what="ip_registry.ipasset", columns=exports.asset_columns(),
                                  rows=rows, fmt=fmt, file_stem="tai-san-tri-tue", sheet=_("Tài sản trí tuệ"),
                                  filters=request.GET.dict())


@require_GET
def deadline_export(request, fmt: str):
    if fmt not in tables.CONTENT_TYPES:
        raise Http404
    party, half = _deadline_filters(request)
    due = selectors.deadlines_due(user=request.user, party=party, due=half)
    return tables.export_response(actor=request.user, what="ip_registry.deadline",
                                  columns=exports.deadline_columns(due.on), rows=exports.deadline_rows(due.rows),
                                  fmt=fmt, file_stem="thoi-han", sheet=_("Thời hạn"), filters=request.GET.dict())


@require_GET
def growing_area_export(request, fmt: str):
    if fmt not in tables.CONTENT_TYPES:
        raise Http404
    form = forms.GrowingAreaFilterForm(request.GET or None, user=request.user)
    codes = selectors.growing_area_list(user=request.user, filters=form.filters())
    return tables.export_response(actor=request.user, what="ip_registry.growingareacode",
                                  columns=exports.growing_area_columns(), rows=exports.growing_area_rows(codes),
                                  fmt=fmt, file_stem="ma-so-vung-trong", sheet=_("Mã số vùng trồng"),
                                  filters=request.GET.dict())


@require_GET
def application_list(request):
    form = forms.ApplicationFilterForm(request.GET or None)
    applications = selectors.application_list(user=request.user, filters=form.filters())
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "ip_registry/application_list.html", {"form": form, "page": page})


@require_GET
def application_export(request, fmt: str):
    if fmt not in tables.CONTENT_TYPES:
        raise Http404
    form = forms.ApplicationFilterForm(request.GET or None)
    applications = selectors.application_list(user=request.user, filters=form.filters())
    return tables.export_response(actor=request.user, what="ip_registry.protectionapplication",
                                  columns=exports.application_columns(), rows=exports.application_rows(applications),
                                  fmt=fmt, file_stem="don", sheet=_("Đơn"), filters=request.GET.dict())


@require_GET
def infringement_list(request):
    form = forms.InfringementFilterForm(request.GET or None)
    cases = selectors.infringement_list(user=request.user, filters=form.filters())
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "ip_registry/infringement_list.html", {"form": form, "page": page})


@require_GET
def infringement_export(request, fmt: str):
    if fmt not in tables.CONTENT_TYPES:
        raise Http404
    form = forms.InfringementFilterForm(request.GET or None)
    cases = selectors.infringement_list(user=request.user, filters=form.filters())
    return tables.export_response(actor=request.user, what="ip_registry.infringementcase",
                                  columns=exports.infringement_columns(), rows=exports.infringement_rows(cases),
                                  fmt=fmt, file_stem="vu-viec-xam-pham", sheet=_("Vụ việc xâm phạm"),
                                  filters=request.GET.dict())


@require_GET
def asset_detail(request, pk: int):
    asset = selectors.asset_detail(user=request.user, pk=pk)
    _label_status([asset])
    today = timezone.localdate()
    for application in asset.applications.all():
        _mark_overdue(application.deadlines.all(), today)
    return render(request, "ip_registry/asset_detail.html", {"asset": asset, "may_edit": can_edit_ip(request.user)})


@editor_required
@require_http_methods(["GET", "POST"])
def asset_create(request):
    form = forms.AssetForm(*form_data(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            asset = services.asset_create(actor=request.user, area_units=form.cleaned_data["area_units"],
                                          **form.changes())
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã thêm tài sản trí tuệ “%(name)s”.") % {"name": asset.name})
            return redirect("ip:asset_detail", pk=asset.pk)
    return _form_page(request, form, title=_("Thêm tài sản trí tuệ"), back=reverse("ip:asset_list"))


@editor_required
@require_http_methods(["GET", "POST"])
def asset_update(request, pk: int):
    asset = selectors.asset_detail(user=request.user, pk=pk)
    form = forms.AssetUpdateForm(*form_data(request), instance=asset, user=request.user,
                                 initial={"version": version_of(asset)})
    if request.method == "POST" and form.is_valid():
        try:
            services.asset_update(actor=request.user, asset=asset, area_units=form.cleaned_data["area_units"],
                                  reason=form.cleaned_data["reason"], version=form.cleaned_data["version"],
                                  **form.changes())
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("ip:asset_detail", pk=asset.pk)
    return _form_page(request, form, title=_("Sửa tài sản trí tuệ"), asset=asset,
                      back=reverse("ip:asset_detail", args=[asset.pk]))


# Applications -------------------------------------------------------------------------------------

@editor_required
@require_http_methods(["GET", "POST"])
def application_create(request, pk: int):
    asset = selectors.asset_detail(user=request.user, pk=pk)
    form = forms.ApplicationCreateForm(*form_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.application_create(
                actor=request.user, asset=asset, kind=data["kind"], applicant=data["applicant"],
                representative=data["representative"], application_number=data["application_number"],
                filing_date=data["filing_date"], note=data["note"], new_owner=data["new_owner"],
                ground=data["ground"], amendments=form.amendments(),
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã tạo đơn."))
            return redirect("ip:application_detail", pk=application.pk)
    return _form_page(request, form, title=_("Đơn mới"), asset=asset,
                      back=reverse("ip:asset_detail", args=[asset.pk]))


@require_GET
def application_detail(request, pk: int):
    application = selectors.application_detail(user=request.user, pk=pk)
    _mark_overdue(application.deadlines.all(), timezone.localdate())
    editor = can_edit_ip(request.user)
    moves = [
        (status, action_label(application.kind, application.status, status))
        for status in allowed_moves(application.kind, application.status)
    ] if editor else []
    oppositions = application.oppositions.all()
    return render(request, "ip_registry/application_detail.html", {
        "application": application, "asset": application.asset, "moves": moves, "may_edit": editor,
        "oppositions": oppositions, "opinions": application.opinions.all(),
        "opposition_window_end": services.opposition_window_end(application),
        "may_oppose": editor and application.kind == ApplicationKind.REGISTRATION
        and application.status not in FINAL_STATUSES and services.publication_day(application) is not None,
        "may_give_opinion": editor and application.status not in FINAL_STATUSES,
    })


@editor_required
@require_http_methods(["GET", "POST"])
def application_advance(request, pk: int, to_status: str):
    application = selectors.application_detail(user=request.user, pk=pk)
    move = allowed_moves(application.kind, application.status).get(to_status)
    if move is None:
        if request.method == "GET" or to_status not in ApplicationStatus.values:
            raise Http404
        # The application moved on after the form was opened: the service says from where to where.
        move = Move()
    form = forms.AdvanceForm(*form_data(request), move=move, application=application, to_status=to_status)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reason = data.get("reason", "")
        document = None
        try:
            # The document is part of the move: if the move is refused, neither is kept.
            with transaction.atomic():
                if move.needs_document:
                    document = services.document_upload(
                        actor=request.user, asset=application.asset, doc_type=data["doc_type"],
                        title=data["title"], file=data["file"], reason=reason,
                    )
                services.application_advance(
                    application=application, to_status=to_status, actor=request.user, on=data["on"],
                    note=data["note"], reason=reason, document=document,
                    certificate_number=data.get("certificate_number", ""), received_on=data.get("received_on"),
                )
        except Exception as error:
            if document is not None:
                # The rollback removed the row, not the file storage had already written.
                document.file.storage.delete(document.file.name)
            if not isinstance(error, ValidationError):
                raise
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã chuyển đơn sang “%(status)s”.")
                             % {"status": ApplicationStatus(to_status).label})
            return redirect("ip:application_detail", pk=application.pk)
    return _form_page(
        request, form, asset=application.asset, lead=_application_lead(application), submit=_("Ghi nhận"),
        title=_("Chuyển đơn sang “%(status)s”") % {"status": ApplicationStatus(to_status).label},
        back=reverse("ip:application_detail", args=[application.pk]),
    )


# Oppositions and third-party opinions ------------------------------------------------------------

def _application_url(application) -> str:
    return reverse("ip:application_detail", args=[application.pk])


def _application_lead(application) -> str:
    return _("Đơn %(application)s, trạng thái hiện tại: “%(status)s”.") % {
        "application": application, "status": application.get_status_display(),
    }


@editor_required
@require_http_methods(["GET", "POST"])
def opposition_create(request, pk: int):
    application = selectors.application_detail(user=request.user, pk=pk)
    form = forms.OppositionForm(*form_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.opposition_file(actor=request.user, application=application, opponent=data["opponent"],
                                     grounds=data["grounds"], filed_on=data["filed_on"])
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã ghi nhận đơn phản đối."))
            return redirect(_application_url(application))
    end = services.opposition_window_end(application)
    lead = _application_lead(application)
    if end is not None:
        lead += " " + _("Thời hạn phản đối đến hết ngày %(end)s.") % {"end": end.strftime("%d/%m/%Y")}
    return _form_page(request, form, title=_("Ghi nhận đơn phản đối"), asset=application.asset, lead=lead,
                      back=_application_url(application))


@editor_required
@require_http_methods(["GET", "POST"])
def opposition_reply(request, pk: int):
    opposition = selectors.opposition_detail(user=request.user, pk=pk)
    form = forms.OppositionReplyForm(*form_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.opposition_reply(actor=request.user, opposition=opposition, reply_on=data["reply_on"],
                                      reply=data["reply"])
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã ghi nhận ý kiến trả lời."))
            return redirect(_application_url(opposition.application))
    return _form_page(request, form, title=_("Ý kiến trả lời đơn phản đối"), asset=opposition.application.asset,
                      lead=str(opposition), back=_application_url(opposition.application))


@editor_required
@require_http_methods(["GET", "POST"])
def opposition_decide(request, pk: int):
    opposition = selectors.opposition_detail(user=request.user, pk=pk)
    form = forms.OppositionDecisionForm(*form_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.opposition_decide(actor=request.user, opposition=opposition, outcome=data["outcome"],
                                       decided_on=data["decided_on"], reason=data["reason"])
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã ghi nhận kết quả giải quyết đơn phản đối."))
            return redirect(_application_url(opposition.application))
    return _form_page(request, form, title=_("Kết quả giải quyết đơn phản đối"),
                      asset=opposition.application.asset, lead=str(opposition),
                      back=_application_url(opposition.application))


@editor_required
@require_http_methods(["GET", "POST"])
def opinion_create(request, pk: int):
    application = selectors.application_detail(user=request.user, pk=pk)
    form = forms.OpinionForm(*form_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.opinion_record(actor=request.user, application=application, author=data["author"],
                                    content=data["content"], received_on=data["received_on"])
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã ghi nhận ý kiến của bên thứ ba."))
            return redirect(_application_url(application))
    return _form_page(request, form, title=_("Ghi nhận ý kiến của bên thứ ba"), asset=application.asset,
                      lead=_application_lead(application), back=_application_url(application))


# Deadlines and targets ----------------------------------------------------------------------------

@require_GET
def deadlines(request):
    party, half = _deadline_filters(request)
    due = selectors.deadlines_due(user=request.user, party=party, due=half)
    count = due.by_party.get(party, 0) if party else due.total
    page = CountedPaginator(due.rows, PAGE_SIZE, count=count).get_page(request.GET.get("page"))
    for deadline in page.object_list:
        deadline.overdue = deadline.due_date < due.on
        deadline.days_left = (deadline.due_date - due.on).days
        deadline.days_overdue = -deadline.days_left
    tabs = [(value, label, due.by_party.get(value, 0)) for value, label in Party.choices]
    halves = [(value, label, due.by_due[value]) for value, label in selectors.Due.choices]
    return render(request, "ip_registry/deadlines.html", {
        "due": due, "page": page, "party": party, "tabs": tabs, "days": selectors.DUE_SOON_DAYS,
        "half": half, "halves": halves,
    })


def _deadline_filters(request) -> tuple[str, str]:
    """The party and the half (overdue, upcoming) the "due soon" list is filtered by; an unknown one is all."""
    party = request.GET.get("party", "")
    half = request.GET.get("due", "")
    return (party if party in Party.values else "", half if half in selectors.Due.values else "")


@require_GET
def targets(request):
    if not can_read_ip(request.user):
        raise PermissionDenied
    on = date_param(request, "on") or timezone.localdate()
    progress = selectors.target_progress(as_of=on)
    unit_names = sorted({name for row in progress for name, _count in row.by_unit})
    counts = [dict(row.by_unit) for row in progress]
    breakdown = [(name, [row_counts.get(name, 0) for row_counts in counts]) for name in unit_names]
    return render(request, "ip_registry/targets.html", {"on": on, "progress": progress, "breakdown": breakdown})


# Documents ----------------------------------------------------------------------------------------

@editor_required
@require_http_methods(["GET", "POST"])
def document_upload(request, pk: int):
    asset = selectors.asset_detail(user=request.user, pk=pk)
    form = forms.DocumentForm(*form_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.document_upload(actor=request.user, asset=asset, doc_type=data["doc_type"], title=data["title"],
                                     file=data["file"], is_public=data["is_public"])
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã tải lên tài liệu “%(title)s”.") % {"title": data["title"]})
            return redirect(reverse("ip:asset_detail", args=[asset.pk]) + "#documents")
    return _form_page(request, form, title=_("Tải lên tài liệu"), asset=asset, submit=_("Tải lên"),
                      back=reverse("ip:asset_detail", args=[asset.pk]))


@require_GET
def document_download(request, pk: int):
    return private_file(selectors.document_for_download(user=request.user, pk=pk).file)


@editor_required
@require_http_methods(["GET", "POST"])
def document_withdraw(request, pk: int):
    document = selectors.document_for_download(user=request.user, pk=pk)
    form = WithdrawalForm(*form_data(request))
    back = reverse("ip:asset_detail", args=[document.asset_id]) + "#documents"
    if request.method == "POST" and form.is_valid():
        try:
            services.document_withdraw(actor=request.user, document=document, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã rút tài liệu “%(title)s”.") % {"title": document.title})
            return redirect(back)
    return _form_page(request, form, title=_("Rút tài liệu “%(title)s”") % {"title": document.title},
                      asset=document.asset, back=back, submit=_("Rút tài liệu"),
                      lead=_("Tải lên lúc %(at)s bởi %(who)s.") % {
                          "at": timezone.localtime(document.uploaded_at).strftime("%d/%m/%Y %H:%M"),
                          "who": document.uploaded_by})


# Infringements ------------------------------------------------------------------------------------

def _case_url(case) -> str:
    return reverse("ip:asset_detail", args=[case.asset_id]) + f"#infringement-{case.pk}"


@editor_required
@require_http_methods(["GET", "POST"])
def infringement_create(request, pk: int):
    asset = selectors.asset_detail(user=request.user, pk=pk)
    form = forms.InfringementReportForm(*form_data(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.infringement_report(
                actor=request.user, asset=asset, reported_on=data["reported_on"], place=data["place"],
                description=data["description"], agencies=data["agencies"],
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã ghi nhận vụ việc xâm phạm."))
            return redirect(_case_url(case))
    return _form_page(request, form, title=_("Báo cáo vụ việc xâm phạm"), asset=asset,
                      back=reverse("ip:asset_detail", args=[asset.pk]))


@editor_required
@require_http_methods(["GET", "POST"])
def infringement_step_create(request, pk: int):
    case = selectors.infringement_detail(user=request.user, pk=pk)
    form = forms.InfringementStepForm(*form_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.infringement_add_step(actor=request.user, case=case, on=data["on"], agency=data["agency"],
                                           action=data["action"])
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã thêm bước xử lý."))
            return redirect(_case_url(case))
    lead = _("Vụ việc phát hiện ngày %(on)s tại %(place)s.") % {
        "on": case.reported_on.strftime("%d/%m/%Y"), "place": case.place,
    }
    return _form_page(request, form, title=_("Thêm bước xử lý vụ việc"), asset=case.asset, lead=lead,
                      back=_case_url(case))


@editor_required
@require_http_methods(["GET", "POST"])
def infringement_close(request, pk: int):
    case = selectors.infringement_detail(user=request.user, pk=pk)
    form = forms.InfringementCloseForm(*form_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.infringement_close(
                actor=request.user, case=case, outcome=data["outcome"], closed_on=data["closed_on"],
                fine_amount=data["fine_amount"], goods_quantity=data["goods_quantity"],
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã kết thúc vụ việc."))
            return redirect(_case_url(case))
    lead = _("Vụ việc phát hiện ngày %(on)s tại %(place)s.") % {
        "on": case.reported_on.strftime("%d/%m/%Y"), "place": case.place,
    }
    return _form_page(request, form, title=_("Kết thúc vụ việc xâm phạm"), asset=case.asset, lead=lead,
                      back=_case_url(case))


# Growing-area codes -------------------------------------------------------------------------------

@require_GET
def growing_area_list(request):
    form = forms.GrowingAreaFilterForm(request.GET or None, user=request.user)
    codes = list(selectors.growing_area_list(user=request.user, filters=form.filters()))
    return render(request, "ip_registry/growing_area_list.html", {
        "form": form, "codes": codes, "total_hectares": sum(code.area_hectares for code in codes),
        "may_edit": can_edit_ip(request.user),
    })


@editor_required
@require_http_methods(["GET", "POST"])
def growing_area_create(request, pk: int):
    asset = selectors.asset_detail(user=request.user, pk=pk)
    form = forms.GrowingAreaCodeForm(*form_data(request), user=request.user, initial={"product": asset.product_id})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.growing_area_code_upsert(
                actor=request.user, asset=asset,
                **{name: data[name] for name in ("code", *services.GROWING_AREA_FIELDS) if name in data},
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã thêm mã số vùng trồng %(code)s.") % {"code": data["code"]})
            return redirect(reverse("ip:asset_detail", args=[asset.pk]) + "#growing-areas")
    return _form_page(request, form, title=_("Thêm mã số vùng trồng"), asset=asset,
                      back=reverse("ip:asset_detail", args=[asset.pk]))
