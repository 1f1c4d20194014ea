from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.core.paginator import Paginator
from django.http import Http404
from django.views.decorators.http import require_GET, require_http_methods

from directory import access, exports, forms, selectors, services, tables
from directory.attention import attention_for
from directory.models import AdministrativeUnit, Organisation, Role, RoleAssignment, UnitKind
from directory.pages import date_param, role_required
from directory.selectors import in_force_on, units_in_force
from directory.services import user_change_password


def home(request):
    return render(request, "home.html", {
        "items": attention_for(request.user),
        "roles": access.roles_of(request.user),
    })


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's page, saving through the service so the change is in the history."""

    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form):
        user_change_password(
            actor=self.request.user, user=self.request.user, new_password=form.cleaned_data["new_password1"]
        )
        update_session_auth_hash(self.request, self.request.user)
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return redirect(self.get_success_url())


@role_required(access.has_any_role)
@require_GET
def unit_list(request):
    """Administrative units in force on a date, as the records of that date knew them."""
    on = date_param(request, "on") or timezone.localdate()
    units = units_in_force(on=on).prefetch_related("predecessors", "successors")
    groups = [
        (label, [unit for unit in units if unit.kind == kind])
        for kind, label in UnitKind.choices
    ]
    return render(request, "directory/unit_list.html", {
        "on": on,
        "groups": [(label, rows) for label, rows in groups if rows],
    })


@role_required(access.has_any_role)
@require_GET
def unit_export(request, fmt: str):
    if fmt not in tables.CONTENT_TYPES:
        raise Http404
    on = date_param(request, "on") or timezone.localdate()
    units = units_in_force(on=on)
    return tables.export_response(actor=request.user, what="directory.administrativeunit",
                                  columns=exports.unit_columns(), rows=exports.rows(AdministrativeUnit, units), fmt=fmt,
                                  file_stem=f"don-vi-hanh-chinh-{on:%Y%m%d}", sheet=_("Đơn vị hành chính"),
                                  filters={"on": on.isoformat()})


@role_required(access.has_any_role)
@require_GET
def organisation_list(request):
    form = forms.OrganisationFilterForm(request.GET or None)
    organisations = selectors.organisation_search(**form.filters())
    page = Paginator(organisations, 50).get_page(request.GET.get("page"))
    return render(request, "directory/organisation_list.html", {"form": form, "page": page,
                                                                "may_import": access.can_edit_ip(request.user)})


@role_required(access.has_any_role)
@require_GET
def organisation_export(request, fmt: str):
    if fmt not in tables.CONTENT_TYPES:
        raise Http404
    form = forms.OrganisationFilterForm(request.GET or None)
    organisations = selectors.organisation_search(**form.filters())
    return tables.export_response(actor=request.user, what="directory.organisation",
                                  columns=exports.organisation_columns(),
                                  rows=exports.rows(Organisation, organisations),
                                  fmt=fmt, file_stem="to-chuc", sheet=_("Tổ chức"), filters=request.GET.dict())


@role_required(access.can_reorganise)
@require_http_methods(["GET", "POST"])
def reorganisation(request):
    """What the reorganisation of 1 July 2025 left to do: organisations still in an ended unit (DOST chooses
    the unit in force they go to, or records that they ended), and officers still bound to one (the
    administrator re-binds them). Every change goes through a service, with its reason, into the history."""
    today = timezone.localdate()
    organisations = Organisation.objects.filter(ended_on__isnull=True, unit__valid_to__lt=today)
    assignments = RoleAssignment.objects.filter(role=Role.DISTRICT_OFFICER, unit__valid_to__lt=today)
    in_force = AdministrativeUnit.objects.filter(in_force_on(today))
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "move":
            form = forms.OrganisationMoveForm(request.POST, organisations=organisations, units=in_force)
            done = _apply(request, form, lambda data: services.organisation_move(
                actor=request.user, organisation=data["organisation"], unit=data["unit"], on=data["on"],
                reason=data["reason"]), _("Đã chuyển %(name)s sang đơn vị mới."))
        elif action == "end":
            form = forms.OrganisationEndForm(request.POST, organisations=organisations)
            done = _apply(request, form, lambda data: services.organisation_end(
                actor=request.user, organisation=data["organisation"], last_day=data["last_day"],
                reason=data["reason"]), _("Đã ghi %(name)s ngừng hoạt động."))
        elif action == "rebind" and access.can_manage_reference_data(request.user):
            form = forms.OfficerRebindForm(request.POST, assignments=assignments, units=in_force)
            done = _apply(request, form, lambda data: services.role_assign(
                actor=request.user, user=data["assignment"].user, role=data["assignment"].role, unit=data["unit"],
                reason=data["reason"]), _("Đã gắn lại cán bộ %(name)s."))
        else:
            raise PermissionDenied
        if done:
            return redirect("reorganisation")
    return render(request, "directory/reorganisation.html", {
        "today": today,
        "organisations": selectors.organisations_to_move(on=today),
        "officers": selectors.officers_of_ended_units(on=today)
        if access.can_manage_reference_data(request.user) else None,
    })


def _apply(request, form, change, done_message: str) -> bool:
    """Run ``change`` with the form's data; say what happened, or why nothing did."""
    if form.is_valid():
        try:
            result = change(form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return False
        messages.success(request, done_message % {"name": getattr(result, "user", result)})
        return True
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields and form.fields[field].label else ""
        messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return False
