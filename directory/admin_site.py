"""The admin site and the base of every ModelAdmin: access from roles, writes through services."""

import datetime as dt
from functools import update_wrapper

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import NotRelationField, get_fields_from_path, unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from simple_history.admin import SimpleHistoryAdmin

from audit.versions import StaleEdit, require_version, version_of
from directory.access import can_manage_reference_data, can_use_admin, is_read_only
from directory.forms import StorableModelMultipleChoiceField, VersionField, storable_key
from directory.pages import EARLIEST_DAY, LATEST_DAY, int_param
from directory.services import record_delete, record_save


class SiteAdmin(admin.AdminSite):
    site_header = _("Quản trị hệ thống — Sở Khoa học và Công nghệ")
    site_title = _("Trang quản trị")
    index_title = _("Dữ liệu")

    def has_permission(self, request):
        return request.user.is_active and can_use_admin(request.user)

    def admin_view(self, view, cacheable=False):
        if view == self.logout:
            # Anyone signed in may sign out here, admin role or not (Django's own wrapper would send a person
            # without one back to the index, still signed in).
            return update_wrapper(never_cache(csrf_protect(view)), view)
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            # Signed in without an admin role: refuse, rather than send them back to the log-in page.
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    def login(self, request, extra_context=None):
        # One log-in page for the whole system.
        return redirect_to_login(request.GET.get("next") or request.get_full_path())


class ChangeReasonForm(forms.ModelForm):
    change_reason = forms.CharField(
        label=_("Lý do thay đổi"), required=False, max_length=500,
        help_text=_("Được ghi vào lịch sử thay đổi cùng người sửa, thời điểm và địa chỉ."),
    )
    # The version the change form was opened on: saving over a newer one is refused, with what changed.
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and hasattr(type(self.instance), "history"):
            self.fields["version"].initial = version_of(self.instance)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None and hasattr(type(self.instance), "history"):
            try:
                require_version(self.instance, cleaned.get("version"))
            except StaleEdit as error:
                self.data = self.data.copy()
                self.data[self.add_prefix("version")] = error.current
                raise
        return cleaned


class _StorableSelection:
    """An autocomplete that shows back only the typed keys that can name a row: Django's looks every one up
    (``pk__in``), and a non-numeric or 20-digit id there fails in the database instead of on the form."""

    def optgroups(self, name, value, attr=None):
        opts = self.field.remote_field.model._meta
        target = opts.get_field(getattr(self.field.remote_field, "field_name", None) or opts.pk.attname)
        return super().optgroups(name, [item for item in value if storable_key(target, item)], attr)


class StorableAutocompleteSelect(_StorableSelection, AutocompleteSelect):
    pass


class StorableAutocompleteSelectMultiple(_StorableSelection, AutocompleteSelectMultiple):
    pass


def _plausible_date_lookup(model, key: str, value: str) -> bool:
    """Whether a changelist's ``key=value`` names dates between ``directory.pages.EARLIEST_DAY`` and
    ``LATEST_DAY``, when ``key`` is a lookup on a date (``ended_on__gte``, ``day__year``); true of any other."""
    parts = key.split(LOOKUP_SEP)
    for end in range(len(parts), 0, -1):
        try:
            field = get_fields_from_path(model, LOOKUP_SEP.join(parts[:end]))[-1]
        except (FieldDoesNotExist, NotRelationField):
            continue
        lookup = parts[end] if end < len(parts) else "exact"
        break
    else:
        return True
    if not isinstance(field, models.DateField) or lookup == "isnull":  # a DateTimeField is a DateField
        return True
    number = int_param(value)
    if lookup in ("year", "iso_year"):
        return number is not None and EARLIEST_DAY.year <= number <= LATEST_DAY.year
    if lookup in ("month", "day", "week", "week_day", "iso_week_day", "quarter"):
        return number is not None and number <= 53
    for part in value.split(",") if lookup in ("in", "range") else [value]:
        try:
            day = field.to_python(part.strip())
        except ValidationError:
            continue  # not a date: the admin refuses it itself
        if isinstance(day, dt.datetime):
            day = day.date()
        if day is not None and not EARLIEST_DAY <= day <= LATEST_DAY:
            return False
    return True


class PlausibleDatesChangeList(ChangeList):
    """A changelist whose date filters and date hierarchy (``?day__year=``) stay between 1900 and 2999: beyond,
    the admin's own arithmetic (the year after, local midnight in UTC) leaves the calendar and fails. Such a
    query string is refused as the admin refuses any filter it cannot apply (the list again, with ``?e=1``)."""

    def get_filters(self, request):
        for key, values in self.get_filters_params().items():
            if not all(_plausible_date_lookup(self.model, key, value) for value in values):
                raise IncorrectLookupParameters(key)
        return super().get_filters(request)


class RoleAccess:
    """Admin permissions from the role predicates: every admin role reads, ``can_edit`` decides writes."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = StorableAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", StorableModelMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = StorableAutocompleteSelectMultiple(db_field, self.admin_site,
                                                                  using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def can_edit(self, user) -> bool:
        return can_manage_reference_data(user)

    def may_edit(self, request) -> bool:
        return not is_read_only(request.user) and self.can_edit(request.user)

    def has_view_permission(self, request, obj=None):
        return can_use_admin(request.user)

    def has_add_permission(self, request, obj=None):
        return self.may_edit(request)

    def has_change_permission(self, request, obj=None):
        return self.may_edit(request)


class RoleAwareModelAdmin(RoleAccess, SimpleHistoryAdmin):
    """Saved through the services, with the reason typed in the form.

    Rows are never deleted from the admin: dated reference data is closed with ``valid_to`` and
    people are deactivated, so their history stays whole.
    """

    form = ChangeReasonForm

    def has_module_permission(self, request):
        return can_use_admin(request.user)

    # A record's history is read in one place, the audit log's timeline, which shows each field only to
    # those who may see it on the record: the admin's history pages send people there.
    def history_view(self, request, object_id, extra_context=None):
        return self._timeline(object_id)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        return self._timeline(object_id)

    def _timeline(self, object_id):
        object_id = unquote(object_id)
        if not storable_key(self.model._meta.pk, object_id):
            raise Http404
        return redirect("audit:timeline", model=self.model._meta.label_lower, object_id=object_id)

    def get_changelist(self, request, **kwargs):
        return PlausibleDatesChangeList

    def changelist_view(self, request, extra_context=None):
        # The register's spreadsheet import (template, preview, confirmation), where this user may use it.
        from directory.importing import IMPORTERS

        slug = next((slug for slug, importer in IMPORTERS.items()
                     if importer.model is self.model and importer(request.user).permitted()), None)
        return super().changelist_view(request, {**(extra_context or {}), "import_slug": slug})

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        record_save(actor=request.user, instance=obj, reason=form.cleaned_data.get("change_reason", ""))

    def save_formset(self, request, form, formset, change):
        reason = form.cleaned_data.get("change_reason", "")
        instances = formset.save(commit=False)
        for deleted in formset.deleted_objects:
            record_delete(actor=request.user, instance=deleted, reason=reason)
        for instance in instances:
            record_save(actor=request.user, instance=instance, reason=reason)


class ReasonedDeletionFormSet(forms.BaseInlineFormSet):
    """A row deleted inside its parent's form needs the reason typed in that form: a deletion is never silent."""

    def clean(self):
        super().clean()
        deleting = any(self._should_delete_form(form) for form in self.forms if form.instance.pk)
        if deleting and not (self.data.get("change_reason") or "").strip():
            raise forms.ValidationError(_("Xóa dòng cần ghi lý do thay đổi (ô «Lý do thay đổi» của biểu mẫu)."))


class RoleAwareInline(RoleAccess, admin.TabularInline):
    """Rows edited inside their parent's form (a user's roles, a unit's predecessors)."""

    extra = 0
    formset = ReasonedDeletionFormSet

    def has_delete_permission(self, request, obj=None):
        return self.may_edit(request)
