from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from audit.models import AuditAction
from audit.selectors import LogFilters, tracked_models
from directory.forms import BoundedDateField, DateInput, valid_filter_data
from directory.pages import LARGEST_ID
from directory.models import AdministrativeUnit
from directory.selectors import on_their_own_account


def _person_choices():
    people = get_user_model().objects.order_by("username").values_list("pk", "username", "first_name", "last_name")
    choices = [("", _("Mọi người"))]
    for pk, username, first, last in people:
        full = f"{last} {first}".strip()
        choices.append((pk, f"{username} ({full})" if full else username))
    return choices


def _unit_choices():
    # The units events are filed under: those that work on their own account (a commune of a district is
    # its district's part).
    units = AdministrativeUnit.objects.filter(on_their_own_account()).order_by("name").values_list(
        "pk", "name", "valid_to")
    return [("", _("Mọi đơn vị"))] + [
        (pk, f"{name} (→ {valid_to:%d/%m/%Y})" if valid_to else name) for pk, name, valid_to in units
    ]


class LogFilterForm(forms.Form):
    """The log's filters. Choices are read with one query each, and checked against them (no more)."""

    start = BoundedDateField(label=_("Từ ngày"), required=False, widget=DateInput())
    end = BoundedDateField(label=_("Đến ngày"), required=False, widget=DateInput())
    person = forms.TypedChoiceField(label=_("Người thực hiện"), required=False, coerce=int, empty_value=None)
    model = forms.ChoiceField(label=_("Loại bản ghi"), required=False)
    action = forms.ChoiceField(label=_("Hành động"), required=False,
                               choices=[("", _("Mọi hành động")), *AuditAction.choices])
    unit = forms.TypedChoiceField(label=_("Đơn vị"), required=False, coerce=int, empty_value=None)
    batch = forms.IntegerField(label=_("Lô nhập"), required=False, min_value=1, max_value=LARGEST_ID)
    text = forms.CharField(label=_("Tìm chữ"), required=False, max_length=200)

    def __init__(self, *args, show_units: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = _person_choices()
        self.fields["model"].choices = [("", _("Mọi loại"))] + tracked_models()
        if show_units:
            self.fields["unit"].choices = _unit_choices()
        else:
            del self.fields["unit"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("Ngày kết thúc trước ngày bắt đầu."))
        return data

    def filters(self, **fixed) -> LogFilters:
        data = valid_filter_data(self)
        values = {name: data.get(name) for name in ("start", "end", "person", "model", "action", "unit", "batch", "text")}
        values = {name: value for name, value in values.items() if value not in (None, "")}
        return LogFilters(**{**values, **fixed})

