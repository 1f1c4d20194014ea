from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.utils.translation import gettext_lazy as _

from audit.context import current
from directory.admin_site import ChangeReasonForm, RoleAwareInline, RoleAwareModelAdmin
from directory.models import (
    AdministrativeUnit,
    ApiToken,
    CalendarDay,
    Organisation,
    OrganisationPlacement,
    RoleAssignment,
    UnitSuccession,
    User,
)
from directory.services import api_token_issue, api_token_revoke, user_change_password
from directory.sign_in import register_admin as register_sign_in_admin


class PredecessorInline(RoleAwareInline):
    model = UnitSuccession
    fk_name = "successor"
    fields = ["predecessor", "effective_on", "legal_act"]
    autocomplete_fields = ["predecessor"]
    verbose_name = _("đơn vị tiền thân")
    verbose_name_plural = _("đơn vị tiền thân")


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(RoleAwareModelAdmin):
    list_display = ["name", "code", "gso_code", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind", "valid_to"]
    search_fields = ["name", "code", "gso_code"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    inlines = [PredecessorInline]


@admin.register(CalendarDay)
class CalendarDayAdmin(RoleAwareModelAdmin):
    """Days off and weekend days worked: a day the government moves is entered here (a day off that is
    cancelled becomes a working day; rows are never deleted)."""

    list_display = ["day", "kind", "name", "legal_act"]
    list_filter = ["kind"]
    search_fields = ["name"]
    date_hierarchy = "day"


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(RoleAwareModelAdmin):
    list_display = ["predecessor", "successor", "effective_on", "legal_act"]
    list_select_related = ["predecessor", "successor"]
    autocomplete_fields = ["predecessor", "successor"]


@admin.register(Organisation)
class OrganisationAdmin(RoleAwareModelAdmin):
    list_display = ["name", "kind", "unit", "ended_on", "tax_code"]
    list_filter = ["kind", "ended_on"]
    search_fields = ["name", "tax_code"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]
    # The unit changes by a move (which keeps the past span), never by editing it here.
    readonly_fields = ["unit", "ended_on", "placements"]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ["ended_on", "placements"]

    @admin.display(description=_("địa bàn theo thời gian"))
    def placements(self, organisation):
        return "; ".join(str(placement) for placement in organisation.placements.select_related("unit")) or "—"


@admin.register(OrganisationPlacement)
class OrganisationPlacementAdmin(RoleAwareModelAdmin):
    list_display = ["organisation", "unit", "valid_from", "valid_to"]
    list_select_related = ["organisation", "unit"]
    search_fields = ["organisation__name"]

    def can_edit(self, user) -> bool:
        return False


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(RoleAwareModelAdmin):
    list_display = ["user", "role", "unit"]
    list_filter = ["role"]
    list_select_related = ["user", "unit"]
    autocomplete_fields = ["user", "unit"]


class RoleAssignmentInline(RoleAwareInline):
    model = RoleAssignment
    fields = ["role", "unit"]
    autocomplete_fields = ["unit"]


class AuditedPasswordChangeForm(AdminPasswordChangeForm):
    """The administrator's "set password" form, saved through the service so the change is recorded."""

    def save(self, commit=True):
        return user_change_password(
            actor=current().resolve_actor(), user=self.user, new_password=self.cleaned_data["password1"]
        )


class UserChangeReasonForm(DjangoUserAdmin.form, ChangeReasonForm):
    pass


@admin.register(User)
class UserAdmin(RoleAwareModelAdmin, DjangoUserAdmin):
    form = UserChangeReasonForm
    change_password_form = AuditedPasswordChangeForm
    list_display = ["username", "full_name", "email", "is_active", "password_changed_at"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Thông tin cá nhân"), {"fields": ["full_name", "email"]}),
        (_("Trạng thái"), {"fields": ["is_active", "is_superuser", "last_login", "password_changed_at"]}),
        (_("Lý do"), {"fields": ["change_reason"]}),
    ]
    readonly_fields = ["last_login", "password_changed_at"]
    inlines = [RoleAssignmentInline]
    filter_horizontal = []
    list_filter = ["is_active", "roles__role"]


class ApiTokenForm(ChangeReasonForm):
    revoke = forms.BooleanField(
        label=_("Thu hồi"), required=False,
        help_text=_("Từ lúc lưu, mã này bị từ chối. Cần ghi lý do thay đổi. Không thể hoàn tác: hãy cấp mã mới."),
    )

    class Meta:
        model = ApiToken
        fields = ["user", "name", "expires_on"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("revoke") and not (cleaned.get("change_reason") or "").strip():
            self.add_error("change_reason", _("Thu hồi mã truy cập cần ghi lý do thay đổi."))
        return cleaned


@admin.register(ApiToken)
class ApiTokenAdmin(RoleAwareModelAdmin):
    """Keys for programs calling the API. Adding one issues it and shows the key once; an issued key is not
    edited, only revoked (with a reason). Its hash is never shown."""

    form = ApiTokenForm
    list_display = ["user", "name", "prefix", "created_at", "expires_on", "revoked_at"]
    list_filter = ["revoked_at"]
    list_select_related = ["user"]
    search_fields = ["name", "prefix", "user__username", "user__full_name"]
    autocomplete_fields = ["user"]
    exclude = ["key_hash"]
    shown = ["user", "name", "prefix", "created_at", "expires_on", "revoked_at"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["user", "name", "expires_on", "change_reason"]
        if obj.revoked_at is not None or not self.may_edit(request):
            return self.shown
        return [*self.shown, "revoke", "change_reason", "version"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.shown

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data.get("change_reason", "")
        if not change:
            token, key = api_token_issue(actor=request.user, user=form.cleaned_data["user"],
                                         name=form.cleaned_data["name"],
                                         expires_on=form.cleaned_data.get("expires_on"), reason=reason)
            # The admin goes on with ``obj`` (its log entry, its message, the redirect): make it the token.
            for field in ApiToken._meta.concrete_fields:
                setattr(obj, field.attname, getattr(token, field.attname))
            obj._state.adding = False
            messages.warning(request, _("Mã truy cập (chỉ hiện một lần, hãy lưu lại ngay): %(key)s") % {"key": key})
        elif form.cleaned_data.get("revoke"):
            revoked = api_token_revoke(actor=request.user, token=obj, reason=reason)
            obj.revoked_at = revoked.revoked_at


# django-axes' failed sign-ins, where an administrator unlocks a user name and address.
register_sign_in_admin(admin.site)
