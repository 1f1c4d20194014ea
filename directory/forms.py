"""Form pieces every app's pages use."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.dates import PAST, PLANNED
from directory.models import COMMUNE_LEVEL_KINDS, DISTRICT_LEVEL_KINDS, AdministrativeUnit, OrganisationKind, UnitKind
from directory.pages import EARLIEST_DAY, LARGEST_ID, LATEST_DAY


def valid_filter_data(form: forms.Form) -> dict:
    """The values of a list's filter form that passed validation: an invalid one is reported on the page
    and left out, and the others still apply."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return form.cleaned_data


# A version as ``audit.versions.version_of`` writes it: history ids joined by dots.
VERSION_FORMAT = re.compile(r"\d{1,19}(\.\d{1,19})*")


def is_version(raw: str) -> bool:
    """Whether ``raw`` is written as a version is. Anything else names no state of the record, and
    ``audit.versions`` would fail on it, reading its ids as integers."""
    return VERSION_FORMAT.fullmatch(raw) is not None


class VersionField(forms.CharField):
    """The version of the record a form was opened on (see ``audit.versions``), sent back with the edit."""

    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=100, widget=forms.HiddenInput, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value and not is_version(value):
            raise ValidationError(_("Phiên bản bản ghi gửi kèm biểu mẫu không hợp lệ: hãy mở lại biểu mẫu rồi nhập "
                                    "lại."), code="invalid")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        # The browser's date picker sends and expects ISO dates whatever the language.
        super().__init__(format="%Y-%m-%d", **kwargs)


class BoundedDateField(forms.DateField):
    """A date between ``directory.pages.EARLIEST_DAY`` and ``LATEST_DAY``: one beyond is a form error, not
    a date the selectors' arithmetic (a day later, local midnight in UTC) would carry off the calendar."""

    def to_python(self, value):
        day = super().to_python(value)
        if day is not None and not EARLIEST_DAY <= day <= LATEST_DAY:
            raise forms.ValidationError(_("ngày «%(value)s» nằm ngoài khoảng hợp lý.") % {"value": str(value)[:40]},
                                        code="invalid")
        return day


class PlausibleDateField(forms.DateField):
    """A date a person enters, within the plausible range of ``directory.dates``: ``bounds`` is ``PAST`` (the
    day of something that happened), ``PLANNED`` (a plan, a new unit's start) or ``STEP`` (a workflow step's
    day, whose service refuses the future in its own words). The filters' wide range is ``BoundedDateField``'s."""

    def __init__(self, *, bounds=PAST, **kwargs):
        super().__init__(**kwargs)
        self.validators.extend(bounds)


def storable_key(field, raw) -> bool:
    """Whether ``raw`` can name a row by ``field`` (a primary key or a key's target): of its type, and for an
    integer within what the database stores. A key that cannot is answered "not found", never a server error."""
    try:
        value = field.to_python(raw)
        field.get_prep_value(value)
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    return not isinstance(value, int) or -LARGEST_ID - 1 <= value <= LARGEST_ID


class StorableModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses, as a form error, a key that cannot name a row before Django looks them all up at once
    (``pk__in``), where a 20-digit id fails in the database rather than on the form."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        opts = self.queryset.model._meta
        field = opts.pk if key == "pk" else opts.get_field(key)
        for item in value or ():
            if not storable_key(field, item):
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                      params={"pk": str(item)[:40]})
        return super()._check_values(value)


class UnitChoiceField(forms.ModelChoiceField):
    """A unit named with its district (for a commune) and, once ended, its last day: names repeat over time.

    Its choices are read with their parents, in the one query of the choices."""

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset.select_related("parent") if queryset is not None else None)

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, unit: AdministrativeUnit) -> str:
        label = unit.name
        if unit.kind in COMMUNE_LEVEL_KINDS and unit.parent_id and unit.parent.kind != UnitKind.PROVINCE:
            label = f"{label} — {unit.parent.name}"
        if unit.valid_to:
            label = _("%(unit)s (đến %(last_day)s)") % {"unit": label,
                                                       "last_day": date_format(unit.valid_to, "d/m/Y")}
        return label


class UnitMultipleChoiceField(UnitChoiceField, StorableModelMultipleChoiceField):
    pass


class OrganisationMoveForm(forms.Form):
    """Move one organisation of an ended unit to a unit in force, from a date, for a reason."""

    organisation = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)
    unit = forms.ModelChoiceField(queryset=None, label=_("Chuyển đến"))
    on = PlausibleDateField(label=_("Từ ngày"), widget=DateInput(), bounds=PLANNED)
    reason = forms.CharField(label=_("Lý do"), max_length=500)

    def __init__(self, *args, organisations, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["unit"].queryset = units


class OrganisationEndForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)
    last_day = PlausibleDateField(label=_("Ngừng hoạt động sau ngày"), widget=DateInput(), bounds=PLANNED)
    reason = forms.CharField(label=_("Lý do"), max_length=500)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class OfficerRebindForm(forms.Form):
    """Bind a unit officer to a unit in force, in place of the one that ended."""

    assignment = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)
    unit = forms.ModelChoiceField(queryset=None, label=_("Gắn với đơn vị"))
    reason = forms.CharField(label=_("Lý do"), max_length=500)

    def __init__(self, *args, assignments, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignment"].queryset = assignments
        self.fields["unit"].queryset = units


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Tên"), required=False, max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("Loại hình"), required=False)
    unit = UnitChoiceField(label=gettext_lazy("Đơn vị hành chính"), required=False,
                           queryset=AdministrativeUnit.objects.none(), empty_label=gettext_lazy("Tất cả"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Tất cả")), *OrganisationKind.choices]
        self.fields["unit"].queryset = AdministrativeUnit.objects.filter(
            kind__in=[*DISTRICT_LEVEL_KINDS, *COMMUNE_LEVEL_KINDS, UnitKind.DEPARTMENT]).order_by("name")

    def filters(self) -> dict:
        data = valid_filter_data(self)
        return {"q": (data.get("q") or "").strip(), "kind": data.get("kind") or "", "unit": data.get("unit")}
