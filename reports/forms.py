"""The reports' forms: they parse what a user typed; ``reports.services`` writes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.forms import DateInput
from reports.models import AnnualReport

TEXT = forms.Textarea(attrs={"rows": 6})


class ReportForm(forms.ModelForm):
    """A draft's written parts and the document's particulars."""

    class Meta:
        model = AnnualReport
        fields = ["as_of", "results", "difficulties", "proposals", "signer_title", "signer_name", "recipients"]
        widgets = {"as_of": DateInput(), "results": TEXT, "difficulties": TEXT, "proposals": TEXT,
                   "recipients": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"as_of": _("Số liệu tính từ 01/01 đến hết ngày này.")}


class MoveForm(forms.Form):
    """What a move asks for: a reason to return or reopen; the number and date to issue."""

    def __init__(self, *args, needs_reason: bool = False, needs_number: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if needs_reason:
            self.fields["reason"] = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))
        if needs_number:
            self.fields["number"] = forms.CharField(label=_("Số, ký hiệu"), max_length=50,
                                                    help_text=_("Ví dụ: 125/BC-SKHCN"))
            self.fields["issued_on"] = forms.DateField(label=_("Ngày ban hành"), widget=DateInput())
