"""The initiative pages' forms: they parse and validate what a user typed; ``initiatives.services`` writes."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.dates import STEP
from directory.files import DocumentFileField
from directory.forms import DateInput, PlausibleDateField, UnitChoiceField, VersionField, valid_filter_data
from directory.models import AdministrativeUnit, Organisation, UnitKind
from directory.selectors import organisation_list
from initiatives import selectors
from initiatives.models import (
    CouncilVote,
    Initiative,
    InitiativeAuthor,
    InitiativeField,
    ProgressUpdate,
    RemunerationPayment,
    ReplicationSite,
    SchoolLevel,
    Scope,
)
from initiatives.services import INITIATIVE_FIELDS
from initiatives.workflow import InitiativeStatus, Move, NominationStatus


def _reason_field(required: bool, label) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


def _year_field(*, label, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=required, min_value=2021, max_value=2100)


def _choices(choices) -> list:
    return [("", "—"), *choices]


# Initiatives --------------------------------------------------------------------------------------

class InitiativeFilterForm(forms.Form):
    """The list's filters. A value that does not parse is reported and left out; the others still apply."""

    year = _year_field(label=_("Năm nộp đơn"), required=False)
    unit = UnitChoiceField(label=_("Huyện, thành phố / sở, ngành"), required=False,
                           queryset=AdministrativeUnit.objects.none())
    field = forms.ChoiceField(label=_("Lĩnh vực"), required=False, choices=_choices(InitiativeField.choices))
    scope = forms.ChoiceField(label=_("Phạm vi ảnh hưởng"), required=False, choices=_choices(Scope.choices))
    status = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=_choices(InitiativeStatus.choices))
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.initiative_units()

    def filters(self) -> selectors.InitiativeFilters:
        data = valid_filter_data(self)
        return selectors.InitiativeFilters(
            year=data.get("year"), unit=data.get("unit"), field=data.get("field") or "",
            scope=data.get("scope") or "", status=data.get("status") or "", q=data.get("q") or "",
        )


class BoardFilterForm(forms.Form):
    """The yearly board's filters: by state, by former district (a commune's), and the order."""

    state = forms.ChoiceField(label=_("Tình trạng"), required=False,
                              choices=_choices([(key, selectors.QuotaState.labels[key])
                                                for key in selectors.QuotaState.order]))
    former = forms.ChoiceField(label=_("Thuộc huyện cũ"), required=False, choices=[("", "—")])
    order = forms.ChoiceField(label=_("Sắp xếp"), required=False,
                              choices=[("name", _("Theo tên")), ("missing", _("Còn thiếu nhiều nhất"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The former districts come from the board; whatever name is asked for is kept, and matches or not.
        raw = self.data.get("former", "") if self.is_bound else ""
        self.fields["former"].choices = [("", "—")] + ([(raw, raw)] if raw else [])

    def offer_former_districts(self, names: list[str]) -> None:
        chosen = self.data.get("former", "") if self.is_bound else ""
        self.fields["former"].choices = [("", "—")] + [(name, name) for name in names] + (
            [(chosen, chosen)] if chosen and chosen not in names else [])

    def filters(self) -> dict:
        data = valid_filter_data(self)
        return {"state": data.get("state") or "", "former": (data.get("former") or "")[:200],
                "order": data.get("order") or "name"}


class NominationFilterForm(forms.Form):
    """The nominations list's filters. A value that does not parse is reported and left out; the others still
    apply."""

    year = _year_field(label=_("Năm nhân rộng"), required=False)
    unit = UnitChoiceField(label=_("Đơn vị nhân rộng"), required=False, queryset=AdministrativeUnit.objects.none())
    status = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=_choices(NominationStatus.choices))
    progress = forms.ChoiceField(label=_("Cập nhật tiến độ"), required=False)
    q = forms.CharField(label=_("Tên sáng kiến"), required=False, max_length=200)

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.initiative_units()
        year = (today or timezone.localdate()).year
        self.fields["progress"].choices = _choices([
            (selectors.ProgressFilter.WITH, _("Có cập nhật trong năm %(year)s") % {"year": year}),
            (selectors.ProgressFilter.WITHOUT, _("Chưa có cập nhật trong năm %(year)s") % {"year": year}),
        ])

    def filters(self) -> selectors.NominationFilters:
        data = valid_filter_data(self)
        return selectors.NominationFilters(
            year=data.get("year"), unit=data.get("unit"), status=data.get("status") or "",
            q=data.get("q") or "", progress=data.get("progress") or "",
        )


class InitiativeForm(forms.ModelForm):
    """An initiative's own fields; the organisation is one of the officer's unit."""

    class Meta:
        model = Initiative
        fields = list(INITIATIVE_FIELDS)
        widgets = {
            "filed_on": DateInput(), "first_applied_on": DateInput(), "first_application_ended_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 5}), "confidential_part": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, unit: AdministrativeUnit | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if unit is not None:
            organisations = organisation_list(unit=unit)
        elif self.instance.pk:  # the council secretary correcting a recognised initiative: its organisation stays
            organisations = Organisation.objects.filter(pk=self.instance.organisation_id)
        else:
            organisations = Organisation.objects.none()
        self.fields["organisation"].queryset = organisations

    def changes(self) -> dict:
        """The typed values, as the services take them."""
        return {name: self.cleaned_data[name] for name in INITIATIVE_FIELDS}


class InitiativeUpdateForm(InitiativeForm):
    version = VersionField()
    reason = forms.CharField(label=_("Lý do thay đổi"), required=False, max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Được ghi vào lịch sử thay đổi cùng người sửa và thời điểm."))


AUTHOR_FIELDS = ("name", "birth_year", "workplace", "job_title", "share_percent")


class AuthorForm(forms.ModelForm):
    class Meta:
        model = InitiativeAuthor
        fields = list(AUTHOR_FIELDS)
        widgets = {"birth_year": forms.NumberInput(attrs={"size": 5}),
                   "share_percent": forms.NumberInput(attrs={"size": 6, "step": "0.01"})}


class BaseAuthorFormSet(forms.BaseFormSet):
    def authors(self) -> list[dict]:
        """The filled rows, as the service takes them (blank and deleted rows left out)."""
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            # A blank extra row is left empty by validation; a row marked for deletion is dropped.
            if data and not data.get("DELETE"):
                rows.append({name: data.get(name) for name in AUTHOR_FIELDS})
        return rows


AuthorFormSet = forms.formset_factory(AuthorForm, formset=BaseAuthorFormSet, extra=3, can_delete=True,
                                      max_num=20, validate_max=True)


def author_initial(initiative: Initiative) -> list[dict]:
    return [{name: getattr(author, name) for name in AUTHOR_FIELDS} for author in initiative.authors.all()]


# Recognition --------------------------------------------------------------------------------------

class AdvanceForm(forms.Form):
    """One move of recognition: always a date; a reason or a decision number when the move needs it."""

    on = PlausibleDateField(label=_("Ngày"), widget=DateInput(), bounds=STEP,
                            help_text=_("Ngày trên văn bản, không phải ngày nhập."))

    def __init__(self, *args, move: Move, **kwargs):
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        if move.needs_decision:
            self.fields["decision_ref"] = forms.CharField(label=_("Số quyết định hoặc giấy chứng nhận"), max_length=100)
        self.fields["reason"] = _reason_field(move.needs_reason, _("Lý do") if move.needs_reason else _("Ghi chú"))


class VoteForm(forms.ModelForm):
    class Meta:
        model = CouncilVote
        fields = ["council", "held_on", "members_seated", "members_present", "votes_for", "votes_against",
                  "votes_abstaining"]
        widgets = {"held_on": DateInput()}


# Replication --------------------------------------------------------------------------------------

class NominationForm(forms.Form):
    year = _year_field(label=_("Năm nhân rộng"))
    reason = _reason_field(False, _("Lý do lựa chọn"))
    justification = forms.CharField(
        label=_("Giải trình khi vượt 3 sáng kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bắt buộc khi đơn vị đã có từ 3 sáng kiến nhân rộng trong năm."),
    )

    def __init__(self, *args, unit: AdministrativeUnit, **kwargs):
        super().__init__(*args, **kwargs)
        if unit.kind == UnitKind.DEPARTMENT:
            # Directive 01/CT-UBND: the Department of Education replicates across every school level.
            self.fields["school_levels"] = forms.MultipleChoiceField(
                label=_("Cấp học áp dụng"), required=False, choices=SchoolLevel.choices,
                widget=forms.CheckboxSelectMultiple,
            )


class SiteForm(forms.ModelForm):
    class Meta:
        model = ReplicationSite
        fields = ["place_kind", "place_name", "responsible_person", "started_on"]
        widgets = {"started_on": DateInput()}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(DocumentFileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class ProgressForm(forms.ModelForm):
    evidence = MultipleFileField(label=_("Tệp minh chứng"), required=False,
                                 help_text=_("Biên bản, báo cáo, hình ảnh; có thể chọn nhiều tệp."))

    class Meta:
        model = ProgressUpdate
        fields = ["on", "percent", "note", "decrease_reason", "benefit", "people_reached", "units_reached"]
        widgets = {"on": DateInput(), "note": forms.Textarea(attrs={"rows": 2}),
                   "decrease_reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class StatusForm(forms.Form):
    """A nomination's or a site's move: a reason when the move needs one (withdrawing, abandoning)."""

    def __init__(self, *args, needs_reason: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"] = _reason_field(needs_reason, _("Lý do") if needs_reason else _("Ghi chú"))


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    file = DocumentFileField(label=_("Tệp"))


# Remuneration -------------------------------------------------------------------------------------

class PaymentForm(forms.ModelForm):
    """A yearly payment (year, benefit, rate) or a transfer (its price): one or the other."""

    class Meta:
        model = RemunerationPayment
        fields = ["paid_on", "amount", "application_year", "benefit", "rate_percent", "transfer_price"]
        widgets = {"paid_on": DateInput()}

    def clean(self):
        data = super().clean()
        yearly = [data.get(name) for name in ("application_year", "benefit", "rate_percent")]
        if data.get("transfer_price") is not None:
            if any(value is not None for value in yearly):
                raise ValidationError(_("Khoản trả cho chuyển giao chỉ ghi giá chuyển giao; để trống năm áp dụng, "
                                        "lợi ích và tỷ lệ."))
        elif any(value is None for value in yearly):
            raise ValidationError(_("Khoản trả hằng năm cần năm áp dụng, lợi ích trong năm và tỷ lệ; khoản trả "
                                    "cho chuyển giao cần giá chuyển giao."))
        return data

    def validate_constraints(self):
        # The table's check says the same as clean() above, in words a user cannot act on.
        pass


class HandOverForm(forms.Form):
    """Hand an ended unit's open work over to a unit in force (the service checks it took the unit over)."""

    unit = forms.ModelChoiceField(label=_("Đơn vị đã kết thúc"), queryset=AdministrativeUnit.objects.filter(
        valid_to__isnull=False), widget=forms.HiddenInput)
    to = forms.ModelChoiceField(label=_("Bàn giao cho"), queryset=AdministrativeUnit.objects.all())
    reason = forms.CharField(label=_("Lý do"), max_length=500)
