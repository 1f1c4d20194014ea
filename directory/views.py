from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _

from directory import access
from directory.attention import attention_for
from directory.models import UnitKind
from directory.pages import date_param
from directory.selectors import units_in_force
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


def unit_list(request):
    """Administrative units in force on a date, as the records of that date knew them."""
    on = date_param(request, "on") or timezone.localdate()
    units = units_in_force(on=on).prefetch_related("predecessors")
    groups = [
        (label, [unit for unit in units if unit.kind == kind])
        for kind, label in UnitKind.choices
    ]
    return render(request, "directory/unit_list.html", {
        "on": on,
        "groups": [(label, rows) for label, rows in groups if rows],
    })
