"""Form pieces every app's pages use."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from directory.models import AdministrativeUnit, UnitKind


def valid_filter_data(form: forms.Form) -> dict:
    """The values of a list's filter form that passed validation: an invalid one is reported on the page
    and left out, and the others still apply."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return form.cleaned_data


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        # The browser's date picker sends and expects ISO dates whatever the language.
        super().__init__(format="%Y-%m-%d", **kwargs)


class UnitChoiceField(forms.ModelChoiceField):
    """A unit named with its district (for a commune) and, once ended, its last day: names repeat over time."""

    def label_from_instance(self, unit: AdministrativeUnit) -> str:
        label = unit.name
        if unit.kind in (UnitKind.COMMUNE, UnitKind.WARD) and unit.parent_id:
            label = f"{label} — {unit.parent.name}"
        if unit.valid_to:
            label = _("%(unit)s (đến %(last_day)s)") % {"unit": label,
                                                       "last_day": date_format(unit.valid_to, "d/m/Y")}
        return label


class UnitMultipleChoiceField(UnitChoiceField, forms.ModelMultipleChoiceField):
    pass
