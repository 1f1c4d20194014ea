"""The initiative pages. Reads go through ``initiatives.selectors``, writes through ``initiatives.services``.

Every page is closed to users without a role (the selectors refuse them). A page that writes is closed,
on GET as on POST and before anything is read, to everyone whose role cannot make that kind of change
(403; auditors change nothing whatever else they hold); a district officer who opens another unit's
record for editing gets a 404 from the ``*_for_edit`` selectors, as if it did not exist.
"""

from __future__ import annotations


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
from directory import access as directory_access
from directory import tables
from directory.files import WithdrawalForm
from directory.models import UnitKind
from directory.pages import date_param, form_data, private_file, role_required, show_refusal
from initiatives import access, exports, forms, selectors, services
from initiatives.selectors import QuotaState
from initiatives.workflow import (
    NOMINATION_ACTIONS,
    NOMINATION_MOVES,
    PROVINCIAL_SCOPE_STATUSES,
    SITE_ACTIONS,
    SITE_MOVES,
    CouncilLevel,
    InitiativeStatus,
    Move,
    NominationStatus,
    SiteStatus,
    allowed_moves,
    initiative_action,
)

PAGE_SIZE = 50
# The years a board or a unit's page can be asked for (the directive dates from 2021).
FIRST_YEAR, LAST_YEAR = 2000, 2100


# Who may open which page --------------------------------------------------------------------------

officer_required = role_required(access.is_writing_officer)
secretary_required = role_required(access.can_move_recognition)
# Attachments and payments: the council secretary for any initiative, an officer for their unit's.
recorder_required = role_required(lambda user: access.can_move_recognition(user) or access.is_writing_officer(user))


def _initiative_to_record_on(user, pk: int):
    if access.can_move_recognition(user):
        return selectors.initiative_detail(user=user, pk=pk)
    return selectors.initiative_for_edit(user=user, pk=pk, content=False)


# Forms --------------------------------------------------------------------------------------------

def _form_page(request, form, *, title: str, back: str, initiative=None, lead: str = "", submit: str = ""):
    return render(request, "initiatives/form.html", {
        "form": form, "title": title, "back": back, "initiative": initiative, "lead": lead,
        "submit": submit or _("Lưu"),
    })


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404


# Initiatives --------------------------------------------------------------------------------------

@require_GET
def initiative_list(request):
    form = forms.InitiativeFilterForm(request.GET or None)
    initiatives = selectors.initiative_list(user=request.user, filters=form.filters())
    page = Paginator(initiatives, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for initiative in page.object_list:
        initiative.district_unit = access.unit_of_organisation(initiative.organisation)
        initiative.overdue = initiative.is_overdue(today)
    return render(request, "initiatives/initiative_list.html", {
        "form": form, "page": page, "may_file": access.is_writing_officer(request.user),
    })


@require_GET
def initiative_export(request, fmt: str):
    if fmt not in tables.CONTENT_TYPES:
        raise Http404
    form = forms.InitiativeFilterForm(request.GET or None)
    initiatives = selectors.initiative_list(user=request.user, filters=form.filters())
    return tables.export_response(actor=request.user, what="initiatives.initiative", columns=exports.columns(),
                                  rows=exports.rows(initiatives), fmt=fmt, file_stem="sang-kien",
                                  sheet=_("Sáng kiến"), filters=request.GET.dict())


def _label_progress(nominations) -> None:
    """Each site's latest progress, for its bar."""
    for nomination in nominations:
        for site in nomination.sites.all():
            updates = list(site.updates.all())
            site.latest = updates[-1] if updates else None


@require_GET
def initiative_detail(request, pk: int):
    initiative = selectors.initiative_detail(user=request.user, pk=pk)
    user = request.user
    secretary = access.can_move_recognition(user)
    today = timezone.localdate()
    nominations = list(initiative.nominations.all())
    _label_progress(nominations)
    return render(request, "initiatives/initiative_detail.html", {
        "initiative": initiative,
        "nominations": nominations,
        "overdue": initiative.is_overdue(today),
        "moves": [(status, initiative_action(initiative.status, status))
                  for status in allowed_moves(initiative.status)] if secretary else [],
        "may_vote": secretary,
        "may_edit": access.can_change_content(user, initiative),
        "locked_for_me": access.is_locked(initiative) and access.can_edit(user, initiative),
        "may_upload": secretary or access.can_edit(user, initiative),
        "may_pay": access.can_record_payment(user, initiative),
        # Any unit may replicate an initiative of provincial scope, not only the one it came from.
        "may_nominate": access.is_writing_officer(user) and initiative.status in PROVINCIAL_SCOPE_STATUSES,
    })


def _initiative_form_page(request, form, authors, author_errors, *, title, back, initiative=None):
    return render(request, "initiatives/initiative_form.html", {
        "form": form, "authors": authors, "author_errors": author_errors, "title": title, "back": back,
        "initiative": initiative,
    })


@officer_required
@require_http_methods(["GET", "POST"])
def initiative_create(request):
    unit = directory_access.unit_scope(request.user)
    form = forms.InitiativeForm(*form_data(request), unit=unit)
    authors = forms.AuthorFormSet(request.POST if request.method == "POST" else None, prefix="authors")
    refusal = {"authors": []}
    if request.method == "POST":
        valid = authors.is_valid()
        if form.is_valid() and valid:
            try:
                initiative = services.initiative_file(actor=request.user, authors=authors.authors(),
                                                      **form.changes())
            except ValidationError as error:
                show_refusal(form, error, refusal)
            else:
                messages.success(request, _("Đã nộp sáng kiến “%(title)s”.") % {"title": initiative.title})
                return redirect("initiatives:initiative_detail", pk=initiative.pk)
    return _initiative_form_page(request, form, authors, refusal["authors"], title=_("Nộp sáng kiến"),
                                 back=reverse("initiatives:initiative_list"))


@role_required(lambda user: access.is_writing_officer(user) or access.can_move_recognition(user))
@require_http_methods(["GET", "POST"])
def initiative_update(request, pk: int):
    locked = selectors.initiative_locked_for(user=request.user, pk=pk)
    if locked is not None:
        # The unit's own officer, after recognition: told why, not shown a form that would be refused.
        return render(request, "initiatives/locked.html", {"initiative": locked,
                                                           "message": services.locked_message()}, status=403)
    if not access.is_writing_officer(request.user):
        # The council secretary reads every initiative: one not recognised yet is the unit's to edit.
        initiative = selectors.initiative_detail(user=request.user, pk=pk)
        if not access.can_change_content(request.user, initiative):
            raise PermissionDenied
    initiative = selectors.initiative_for_edit(user=request.user, pk=pk)
    authors_before = forms.author_initial(initiative)
    unit = directory_access.unit_scope(request.user)
    form = forms.InitiativeUpdateForm(*form_data(request), instance=initiative, unit=unit,
                                      initial={"version": version_of(initiative, related=services.INITIATIVE_VERSION)})
    authors = forms.AuthorFormSet(request.POST if request.method == "POST" else None, prefix="authors",
                                  initial=authors_before)
    refusal = {"authors": []}
    if request.method == "POST":
        valid = authors.is_valid()
        if form.is_valid() and valid:
            reason = form.cleaned_data["reason"]
            new_authors = authors.authors()
            try:
                # The fields and the authors are one change: if either is refused, neither is kept.
                with transaction.atomic():
                    services.initiative_update(actor=request.user, initiative=initiative, reason=reason,
                                               version=form.cleaned_data["version"], **form.changes())
                    if new_authors != authors_before:
                        services.initiative_set_authors(actor=request.user, initiative=initiative,
                                                        authors=new_authors, reason=reason)
            except ValidationError as error:
                show_refusal(form, error, refusal)
            else:
                messages.success(request, _("Đã lưu thay đổi."))
                return redirect("initiatives:initiative_detail", pk=initiative.pk)
    return _initiative_form_page(request, form, authors, refusal["authors"], title=_("Sửa sáng kiến"),
                                 back=reverse("initiatives:initiative_detail", args=[initiative.pk]),
                                 initiative=initiative)


# Recognition --------------------------------------------------------------------------------------

@secretary_required
@require_http_methods(["GET", "POST"])
def initiative_advance(request, pk: int, to_status: str):
    if to_status not in InitiativeStatus.values:
        raise Http404
    initiative = selectors.initiative_detail(user=request.user, pk=pk)
    move = allowed_moves(initiative.status).get(to_status)
    if move is None:
        if request.method == "GET":
            raise Http404
        # The initiative moved on after the form was opened: the service says from where to where.
        move = Move()
    form = forms.AdvanceForm(*form_data(request), move=move)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.initiative_advance(initiative=initiative, to_status=to_status, actor=request.user, on=data["on"],
                                        reason=data["reason"], decision_ref=data.get("decision_ref", ""))
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã chuyển sáng kiến sang “%(status)s”.")
                             % {"status": InitiativeStatus(to_status).label})
            return redirect("initiatives:initiative_detail", pk=initiative.pk)
    lead = _("Trạng thái hiện tại: “%(status)s”.") % {"status": initiative.get_status_display()}
    if move.council:
        lead += " " + _("Cần kết quả biểu quyết của %(council)s với ít nhất 2/3 số thành viên có mặt tán thành.") % {
            "council": CouncilLevel(move.council).label}
    return _form_page(request, form, initiative=initiative, lead=lead, submit=_("Ghi nhận"),
                      title=_("Chuyển sang “%(status)s”") % {"status": InitiativeStatus(to_status).label},
                      back=reverse("initiatives:initiative_detail", args=[initiative.pk]))


def _council_due(status: str) -> str:
    """The council whose vote the nearest recognition ahead of ``status`` needs, read from the moves table."""
    frontier, seen = [status], set()
    while frontier:
        current = frontier.pop(0)
        if current in seen:
            continue
        seen.add(current)
        for to_status, move in allowed_moves(current).items():
            if move.council:
                return move.council
            frontier.append(to_status)
    return CouncilLevel.BASE


@secretary_required
@require_http_methods(["GET", "POST"])
def vote_create(request, pk: int):
    initiative = selectors.initiative_detail(user=request.user, pk=pk)
    form = forms.VoteForm(*form_data(request), initial={"council": _council_due(initiative.status),
                                                         "held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.council_vote_record(actor=request.user, initiative=initiative, **form.cleaned_data)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã ghi kết quả biểu quyết."))
            return redirect(reverse("initiatives:initiative_detail", args=[initiative.pk]) + "#votes")
    return _form_page(request, form, initiative=initiative, title=_("Ghi kết quả biểu quyết"),
                      lead=_("Sáng kiến được công nhận khi có ít nhất 2/3 số thành viên có mặt tán thành."),
                      back=reverse("initiatives:initiative_detail", args=[initiative.pk]))


# Attachments and payments -------------------------------------------------------------------------

@require_GET
def attachment_download(request, pk: int):
    return private_file(selectors.attachment_for_download(user=request.user, pk=pk).file)


@recorder_required
@require_http_methods(["GET", "POST"])
def attachment_withdraw(request, pk: int):
    attachment = selectors.attachment_for_download(user=request.user, pk=pk)
    if attachment.initiative_id is not None:
        initiative = attachment.initiative
        back = reverse("initiatives:initiative_detail", args=[initiative.pk]) + "#attachments"
    else:  # a progress update's evidence, managed on its unit's page of the year
        site = attachment.progress_update.site
        initiative, nomination = site.nomination.initiative, site.nomination
        back = reverse("initiatives:unit_year", args=[nomination.year, nomination.unit_id]) + f"#site-{site.pk}"
    form = WithdrawalForm(*form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.attachment_withdraw(actor=request.user, attachment=attachment, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã rút tệp “%(title)s”.") % {"title": attachment.title})
            return redirect(back)
    return _form_page(request, form, title=_("Rút tệp “%(title)s”") % {"title": attachment.title},
                      initiative=initiative, back=back, submit=_("Rút tệp"),
                      lead=_("Tải lên lúc %(at)s bởi %(who)s.") % {
                          "at": timezone.localtime(attachment.uploaded_at).strftime("%d/%m/%Y %H:%M"),
                          "who": attachment.uploaded_by})


@recorder_required
@require_http_methods(["GET", "POST"])
def attachment_upload(request, pk: int):
    initiative = _initiative_to_record_on(request.user, pk)
    form = forms.AttachmentForm(*form_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.attachment_upload(actor=request.user, title=data["title"], file=data["file"],
                                       initiative=initiative)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã tải lên tệp “%(title)s”.") % {"title": data["title"]})
            return redirect(reverse("initiatives:initiative_detail", args=[initiative.pk]) + "#attachments")
    return _form_page(request, form, initiative=initiative, title=_("Tải tệp đính kèm"), submit=_("Tải lên"),
                      back=reverse("initiatives:initiative_detail", args=[initiative.pk]))


@recorder_required
@require_http_methods(["GET", "POST"])
def payment_create(request, pk: int):
    initiative = _initiative_to_record_on(request.user, pk)
    form = forms.PaymentForm(*form_data(request), initial={"paid_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.remuneration_record(actor=request.user, initiative=initiative, **form.cleaned_data)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã ghi khoản thù lao."))
            return redirect(reverse("initiatives:initiative_detail", args=[initiative.pk]) + "#payments")
    if initiative.remuneration_minimums_apply:
        lead = _("Chủ đầu tư %(investor)s là tổ chức kinh tế: trả tác giả ít nhất 7%% lợi ích mỗi năm trong 3 năm "
                 "đầu, hoặc ít nhất 15%% giá chuyển giao.") % {"investor": initiative.investor}
    elif initiative.investor_is_economic:
        lead = _("Chủ đầu tư %(investor)s và tác giả đã thỏa thuận thù lao: ghi khoản trả theo thỏa thuận.") % {
            "investor": initiative.investor}
    else:
        lead = _("Ghi khoản trả hằng năm (năm áp dụng, lợi ích, tỷ lệ) hoặc khoản trả khi chuyển giao (giá chuyển "
                 "giao).")
    return _form_page(request, form, initiative=initiative, title=_("Ghi khoản thù lao cho tác giả"), lead=lead,
                      back=reverse("initiatives:initiative_detail", args=[initiative.pk]))


# Replication --------------------------------------------------------------------------------------

def _unit_year_url(unit_pk: int, year: int, anchor: str = "") -> str:
    return reverse("initiatives:unit_year", args=[year, unit_pk]) + (f"#{anchor}" if anchor else "")


@officer_required
@require_http_methods(["GET", "POST"])
def nomination_create(request, pk: int):
    initiative = selectors.initiative_detail(user=request.user, pk=pk)
    unit = directory_access.unit_scope(request.user)
    try:
        year = int(request.GET["year"])
    except (KeyError, ValueError):
        year = selectors.last_year_in_force(unit)
    form = forms.NominationForm(*form_data(request), unit=unit, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            nomination = services.nomination_create(
                initiative=initiative, unit=unit, year=data["year"], actor=request.user, reason=data["reason"],
                justification=data["justification"], school_levels=data.get("school_levels", ()),
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("%(unit)s đã đăng ký nhân rộng “%(title)s” năm %(year)s.")
                             % {"unit": unit.name, "title": initiative.title, "year": nomination.year})
            return redirect(_unit_year_url(unit.pk, nomination.year, f"nomination-{nomination.pk}"))
    lead = _("Đơn vị nhân rộng: %(unit)s.") % {"unit": unit.name}
    if initiative.status not in PROVINCIAL_SCOPE_STATUSES:
        lead += " " + _("Sáng kiến này chưa có phạm vi ảnh hưởng cấp tỉnh.")
    return _form_page(request, form, initiative=initiative, lead=lead, submit=_("Đăng ký"),
                      title=_("Đăng ký nhân rộng sáng kiến"),
                      back=reverse("initiatives:initiative_detail", args=[initiative.pk]))


@officer_required
@require_http_methods(["GET", "POST"])
def nomination_advance(request, pk: int, to_status: str):
    if to_status not in NominationStatus.values:
        raise Http404
    nomination = selectors.nomination_for_edit(user=request.user, pk=pk)
    needs_reason = NOMINATION_MOVES[nomination.status].get(to_status)
    if needs_reason is None:
        if request.method == "GET":
            raise Http404
        needs_reason = False  # moved on since the form was opened: the service says why not
    form = forms.StatusForm(*form_data(request), needs_reason=needs_reason)
    back = _unit_year_url(nomination.unit_id, nomination.year, f"nomination-{nomination.pk}")
    if request.method == "POST" and form.is_valid():
        try:
            services.nomination_advance(nomination=nomination, to_status=to_status, actor=request.user,
                                        reason=form.cleaned_data["reason"])
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã chuyển đăng ký nhân rộng sang “%(status)s”.")
                             % {"status": NominationStatus(to_status).label})
            return redirect(back)
    return _form_page(request, form, initiative=nomination.initiative, back=back, submit=_("Ghi nhận"),
                      title=_("Chuyển đăng ký nhân rộng sang “%(status)s”") % {
                          "status": NominationStatus(to_status).label},
                      lead=_("%(unit)s, năm %(year)s; trạng thái hiện tại: “%(status)s”.") % {
                          "unit": nomination.unit.name, "year": nomination.year,
                          "status": nomination.get_status_display()})


@officer_required
@require_http_methods(["GET", "POST"])
def site_create(request, pk: int):
    nomination = selectors.nomination_for_edit(user=request.user, pk=pk)
    form = forms.SiteForm(*form_data(request), initial={"started_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            site = services.site_add(actor=request.user, nomination=nomination, **form.cleaned_data)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã thêm địa điểm nhân rộng “%(place)s”.") % {"place": site.place_name})
            return redirect(_unit_year_url(nomination.unit_id, nomination.year, f"site-{site.pk}"))
    return _form_page(request, form, initiative=nomination.initiative, title=_("Thêm địa điểm nhân rộng"),
                      lead=_("%(unit)s, năm %(year)s.") % {"unit": nomination.unit.name, "year": nomination.year},
                      back=_unit_year_url(nomination.unit_id, nomination.year, f"nomination-{nomination.pk}"))


@officer_required
@require_http_methods(["GET", "POST"])
def site_advance(request, pk: int, to_status: str):
    if to_status not in SiteStatus.values:
        raise Http404
    site = selectors.site_for_edit(user=request.user, pk=pk)
    needs_reason = SITE_MOVES[site.status].get(to_status)
    if needs_reason is None:
        if request.method == "GET":
            raise Http404
        needs_reason = False
    form = forms.StatusForm(*form_data(request), needs_reason=needs_reason)
    nomination = site.nomination
    back = _unit_year_url(nomination.unit_id, nomination.year, f"site-{site.pk}")
    if request.method == "POST" and form.is_valid():
        try:
            services.site_advance(actor=request.user, site=site, to_status=to_status,
                                  reason=form.cleaned_data["reason"])
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã chuyển địa điểm “%(place)s” sang “%(status)s”.")
                             % {"place": site.place_name, "status": SiteStatus(to_status).label})
            return redirect(back)
    return _form_page(request, form, back=back, submit=_("Ghi nhận"),
                      title=_("Chuyển địa điểm sang “%(status)s”") % {"status": SiteStatus(to_status).label},
                      lead=_("%(place)s; trạng thái hiện tại: “%(status)s”.") % {
                          "place": site.place_name, "status": site.get_status_display()})


@officer_required
@require_http_methods(["GET", "POST"])
def progress_create(request, pk: int):
    site = selectors.site_for_edit(user=request.user, pk=pk)
    form = forms.ProgressForm(*form_data(request))
    nomination = site.nomination
    back = _unit_year_url(nomination.unit_id, nomination.year, f"site-{site.pk}")
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        evidence = data.pop("evidence")
        try:
            update = services.progress_record(actor=request.user, site=site, evidence=evidence, **data)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Đã ghi tiến độ %(percent)s%% tại “%(place)s”.")
                             % {"percent": update.percent, "place": site.place_name})
            return redirect(back)
    last = site.updates.order_by("-on", "-pk").first()
    lead = _("%(place)s (%(unit)s, năm %(year)s).") % {
        "place": site.place_name, "unit": nomination.unit.name, "year": nomination.year}
    if last is not None:
        lead += " " + _("Lần cập nhật trước: %(percent)s%% ngày %(on)s.") % {
            "percent": last.percent, "on": last.on.strftime("%d/%m/%Y")}
    return _form_page(request, form, back=back, lead=lead, title=_("Cập nhật tiến độ nhân rộng"))


# The yearly board ---------------------------------------------------------------------------------

# The board's colours: red with nothing nominated, orange still short, green on target, blue above 3.
QUOTA_TONE = {QuotaState.ON_TARGET: "ok", QuotaState.ABOVE: "above"}


def _quota_tone(row) -> str:
    if row.state == QuotaState.BELOW:
        return "danger" if row.count == 0 else "warn"
    return QUOTA_TONE[row.state]


@require_GET
def replication_board(request, year: int | None = None):
    if not access.can_read(request.user):
        raise PermissionDenied
    if year is None:
        unit = directory_access.unit_scope(request.user)
        if unit is not None:
            # A district officer's board is their own unit's year (the last one it was in force).
            return redirect("initiatives:unit_year", year=selectors.last_year_in_force(unit), unit_pk=unit.pk)
        return redirect("initiatives:replication_board", year=timezone.localdate().year)
    _check_year(year)
    as_of = date_param(request, "as_of")
    form = forms.BoardFilterForm(request.GET or None)
    filters = form.filters()
    board = selectors.replication_board(year=year, as_of=as_of, **filters)
    form.offer_former_districts(board.former_districts)
    for row in board.rows:
        row.tone = _quota_tone(row)
    departments = [
        nomination for nomination in selectors.department_nominations(year=year)
        if as_of is None or nomination.nominated_on <= as_of
    ]
    report_day = board.plan.unit_report_due if board.plan else selectors.report_day(year)
    return render(request, "initiatives/replication_board.html", {
        "year": year,
        "as_of": as_of,
        "form": form,
        "board": board,
        "plan": board.plan,
        "rows": board.rows,
        "states": [(state, QuotaState.labels[state], board.by_state[state]) for state in QuotaState.order],
        "filtered": any(filters.values()) and filters != {"order": "name"},
        "departments": departments,
        "days_left": (report_day - timezone.localdate()).days,
        "report_day": report_day,
        "last_board_year": None if board.total else selectors.last_board_year(),
        "own_unit": directory_access.unit_scope(request.user),
    })


@require_GET
def unit_year(request, year: int, unit_pk: int):
    _check_year(year)
    unit = selectors.replication_unit(user=request.user, pk=unit_pk)
    nominations = selectors.unit_year(unit=unit, year=year)
    may_record = access.can_nominate_for(request.user, unit)
    in_force = selectors.in_force_during(unit, year)
    _label_progress(nominations)
    for nomination in nominations:
        nomination.open = nomination.status not in (NominationStatus.COMPLETED, NominationStatus.WITHDRAWN)
        nomination.moves = [(status, NOMINATION_ACTIONS[status])
                            for status in NOMINATION_MOVES[nomination.status]] if may_record else []
        for site in nomination.sites.all():
            site.open = site.status not in (SiteStatus.COMPLETED, SiteStatus.ABANDONED)
            site.moves = [(status, SITE_ACTIONS[status]) for status in SITE_MOVES[site.status]] \
                if may_record else []
    counted = [n for n in nominations if n.status != NominationStatus.WITHDRAWN]
    quota = selectors.unit_quota(unit=unit, year=year)
    return render(request, "initiatives/unit_year.html", {
        "unit": unit,
        "year": year,
        "nominations": nominations,
        "count": quota.count if quota else len(counted),
        "quota": quota,
        # A unit that took over another during the year counts that unit's nominations too.
        "inherited": [n for n in quota.nominations if n.unit_id != unit.pk] if quota else [],
        "tone": _quota_tone(quota) if quota else "",
        "is_department": unit.kind == UnitKind.DEPARTMENT,
        "in_force": in_force,
        "may_record": may_record,
        "nominable": selectors.nominable_for(unit=unit, year=year) if may_record and in_force else [],
        "days_left": selectors.report_days_left(year=year),
        "report_day": selectors.report_day(year),
    })


# The list of nominations ---------------------------------------------------------------------------

@require_GET
def nomination_list(request):
    """Every nomination the user reads (as the board: no role, no page), filtered, with its sites' results."""
    if not access.can_read(request.user):
        raise PermissionDenied
    form = forms.NominationFilterForm(request.GET or None)
    nominations = selectors.nomination_list(user=request.user, filters=form.filters())
    page = Paginator(nominations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "initiatives/nomination_list.html", {
        "form": form, "page": page, "own_unit": directory_access.unit_scope(request.user),
    })


@require_GET
def nomination_export(request, fmt: str):
    if fmt not in tables.CONTENT_TYPES:
        raise Http404
    if not access.can_read(request.user):
        raise PermissionDenied
    form = forms.NominationFilterForm(request.GET or None)
    nominations = selectors.nomination_list(user=request.user, filters=form.filters())
    return tables.export_response(actor=request.user, what="initiatives.replicationnomination",
                                  columns=exports.nomination_columns(), rows=exports.nomination_rows(nominations),
                                  fmt=fmt, file_stem="dang-ky-nhan-rong", sheet=_("Đăng ký nhân rộng"),
                                  filters=request.GET.dict())


# Hand-over of the open work of ended units ----------------------------------------------------------

@role_required(access.can_hand_over)
@require_http_methods(["GET", "POST"])
def hand_over(request):
    """Each ended unit's work still under way, and the successor DOST hands it over to, with a reason."""
    today = timezone.localdate()
    if request.method == "POST":
        form = forms.HandOverForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                work = services.open_work_hand_over(actor=request.user, unit=data["unit"], to=data["to"],
                                                    reason=data["reason"], on=today)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Đã bàn giao %(initiatives)s sáng kiến và %(nominations)s đăng ký nhân "
                                            "rộng của %(unit)s cho %(to)s.")
                                 % {"initiatives": len(work.initiatives), "nominations": len(work.nominations),
                                    "unit": data["unit"].name, "to": data["to"].name})
                return redirect("initiatives:hand_over")
        else:
            for name, errors in form.errors.items():
                messages.error(request, f"{form.fields[name].label}: {' '.join(errors)}")
    return render(request, "initiatives/hand_over.html", {
        "today": today, "work": selectors.open_work(user=request.user, on=today),
    })
