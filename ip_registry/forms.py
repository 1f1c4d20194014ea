"""The IP registry's forms: they parse and validate what a user typed; the services do the writing."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.dates import STEP
from directory.models import AdministrativeUnit, Organisation
from directory.selectors import organisation_list
from directory.files import DocumentFileField
from directory.forms import (
    DateInput,
    PlausibleDateField,
    UnitChoiceField,
    UnitMultipleChoiceField,
    VersionField,
    valid_filter_data,
)
from ip_registry import selectors
from ip_registry.models import (
    Agency,
    AssetKind,
    AssetStatus,
    Document,
    GrowingAreaCode,
    InfringementCase,
    InfringementOutcome,
    InfringementStep,
    IPAsset,
    Opposition,
    OppositionOutcome,
    ProtectionApplication,
    ThirdPartyOpinion,
)
from ip_registry.services import ASSET_FIELDS
from ip_registry.workflow import DECISIONS_RECEIVED, ApplicationKind, ApplicationStatus, Move


def _blank(choices, label=_("Tất cả")):
    return [("", label), *choices]


# Asset list ---------------------------------------------------------------------------------------

class AssetFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Loại"), required=False, choices=_blank(AssetKind.choices))
    status = forms.ChoiceField(label=_("Tình trạng"), required=False, choices=_blank(AssetStatus.choices))
    unit = UnitChoiceField(label=_("Địa bàn"), required=False, queryset=AdministrativeUnit.objects.none(),
                           empty_label=_("Tất cả"))
    # Reached from an organisation's links, not picked from a list of every organisation (thousands): the
    # search finds owners by name.
    owner = forms.ModelChoiceField(label=_("Chủ sở hữu, tổ chức quản lý"), required=False,
                                   queryset=Organisation.objects.all(), widget=forms.HiddenInput)
    product = forms.ModelChoiceField(label=_("Sản phẩm"), required=False, queryset=None, empty_label=_("Tất cả"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.registry_units(user=user)
        self.fields["product"].queryset = selectors.product_list(user=user)

    def chosen_owner(self) -> Organisation | None:
        return valid_filter_data(self).get("owner") if self.is_bound else None

    def filters(self) -> selectors.AssetFilters:
        data = valid_filter_data(self)
        return selectors.AssetFilters(
            kind=data.get("kind") or "",
            status=data.get("status") or "",
            unit=data.get("unit"),
            owner_id=data["owner"].pk if data.get("owner") else None,
            product_id=data["product"].pk if data.get("product") else None,
            q=data.get("q") or "",
        )


# Assets -------------------------------------------------------------------------------------------

class AssetForm(forms.ModelForm):
    class Meta:
        model = IPAsset
        fields = [*ASSET_FIELDS, "area_units"]
        field_classes = {"area_units": UnitMultipleChoiceField}
        widgets = {"area_units": forms.SelectMultiple(attrs={"size": 10})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = selectors.product_list(user=user)
        self.fields["owner"].queryset = organisation_list()
        self.fields["managing_organisation"].queryset = organisation_list()
        self.fields["area_units"].queryset = selectors.registry_units(user=user)

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in ASSET_FIELDS}


class AssetUpdateForm(AssetForm):
    version = VersionField()
    reason = forms.CharField(label=_("Lý do thay đổi"), required=False, max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Được ghi vào lịch sử thay đổi cùng người sửa và thời điểm."))


# Applications -------------------------------------------------------------------------------------

class ApplicationCreateForm(forms.ModelForm):
    filing_date = PlausibleDateField(
        label=_("Ngày nộp đơn"), required=False, widget=DateInput(),
        help_text=_("Nếu đơn đã nộp: ghi số đơn và ngày nộp, đơn chuyển ngay sang “Đã nộp đơn”."),
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    amended_name = forms.CharField(label=_("Sửa đổi: tên, dấu hiệu mới"), required=False, max_length=300,
                                   help_text=_("Chỉ với yêu cầu sửa đổi văn bằng."))
    amended_nice_classes = forms.CharField(label=_("Sửa đổi: nhóm Nice mới"), required=False, max_length=100,
                                           help_text=_("Chỉ với yêu cầu sửa đổi văn bằng."))

    class Meta:
        model = ProtectionApplication
        fields = ["kind", "applicant", "representative", "application_number", "new_owner", "ground"]
        help_texts = {"new_owner": _("Chỉ với yêu cầu chuyển nhượng."),
                      "ground": _("Với yêu cầu chấm dứt hoặc hủy bỏ hiệu lực.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applicant"].queryset = organisation_list()
        self.fields["new_owner"].queryset = organisation_list()

    def amendments(self) -> dict:
        fields = {"name": "amended_name", "nice_classes": "amended_nice_classes"}
        return {name: self.cleaned_data[field].strip() for name, field in fields.items()
                if self.cleaned_data.get(field, "").strip()}


class AdvanceForm(forms.Form):
    """What one move of the workflow asks for: always a date and a note, the rest as the move needs."""

    on = PlausibleDateField(label=_("Ngày"), widget=DateInput(), bounds=STEP,
                            help_text=_("Ngày sự việc xảy ra (ngày trên văn bản), không phải ngày nhập."))
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, move: Move, application: ProtectionApplication, to_status: str = "", **kwargs):
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        if move.needs_reason:
            self.fields["reason"] = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))
        if to_status in DECISIONS_RECEIVED:
            self.fields["received_on"] = PlausibleDateField(
                label=_("Ngày người nộp đơn nhận quyết định"), required=False, widget=DateInput(), bounds=STEP,
                help_text=_("Thời hạn khiếu nại 90 ngày tính từ ngày này; để trống: ngày ra quyết định."))
        if move.needs_certificate_number and application.kind == ApplicationKind.REGISTRATION:
            self.fields["certificate_number"] = forms.CharField(label=_("Số văn bằng"), max_length=50)
        if move.needs_document:
            self.fields["doc_type"] = forms.ChoiceField(label=_("Loại tài liệu"), choices=Document.Type.choices,
                                                        initial=Document.Type.IP_OFFICE_NOTICE)
            self.fields["title"] = forms.CharField(label=_("Tiêu đề tài liệu"), max_length=300)
            self.fields["file"] = DocumentFileField(label=_("Tệp"),
                                                  help_text=_("Bản quét thông báo, quyết định hoặc văn bằng."))


class OppositionForm(forms.ModelForm):
    class Meta:
        model = Opposition
        fields = ["opponent", "grounds", "filed_on"]
        widgets = {"filed_on": DateInput(), "grounds": forms.Textarea(attrs={"rows": 3})}


class OppositionReplyForm(forms.ModelForm):
    class Meta:
        model = Opposition
        fields = ["reply_on", "reply"]
        widgets = {"reply_on": DateInput(), "reply": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reply_on"].required = self.fields["reply"].required = True


class OppositionDecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Kết quả"), choices=OppositionOutcome.choices)
    decided_on = PlausibleDateField(label=_("Ngày có kết quả"), widget=DateInput())
    reason = forms.CharField(label=_("Lý do, căn cứ"), widget=forms.Textarea(attrs={"rows": 2}))


class OpinionForm(forms.ModelForm):
    class Meta:
        model = ThirdPartyOpinion
        fields = ["author", "content", "received_on"]
        widgets = {"received_on": DateInput(), "content": forms.Textarea(attrs={"rows": 3})}


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=200,
                        help_text=_("Số đơn, tên tài sản trí tuệ (có dấu hoặc không dấu)."))
    kind = forms.ChoiceField(label=_("Loại đơn"), required=False, choices=_blank(ApplicationKind.choices))
    status = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=_blank(ApplicationStatus.choices))
    year = forms.IntegerField(label=_("Năm nộp đơn"), required=False, min_value=1990, max_value=2100)

    def filters(self) -> selectors.ApplicationFilters:
        data = valid_filter_data(self)
        return selectors.ApplicationFilters(kind=data.get("kind") or "", status=data.get("status") or "",
                                            year=data.get("year"), q=(data.get("q") or "").strip())


class InfringementFilterForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Kết quả xử lý"), required=False,
                                choices=_blank(InfringementOutcome.choices))
    open_only = forms.BooleanField(label=_("Chỉ vụ việc chưa kết thúc"), required=False)
    year = forms.IntegerField(label=_("Năm phát hiện"), required=False, min_value=1990, max_value=2100)

    def filters(self) -> selectors.InfringementFilters:
        data = valid_filter_data(self)
        return selectors.InfringementFilters(outcome=data.get("outcome") or "", open_only=bool(data.get("open_only")),
                                             year=data.get("year"))


# Documents ----------------------------------------------------------------------------------------

class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["doc_type", "title", "file", "is_public"]
        field_classes = {"file": DocumentFileField}
        help_texts = {"is_public": _("Quy chế sử dụng, bản mô tả, bản đồ: hiện trên trang tra cứu công khai khi "
                                     "văn bằng còn hiệu lực.")}


# Infringements ------------------------------------------------------------------------------------

class InfringementReportForm(forms.ModelForm):
    agencies = forms.MultipleChoiceField(label=_("Cơ quan tham gia"), required=False, choices=Agency.choices,
                                         widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = InfringementCase
        fields = ["reported_on", "place", "description", "agencies"]
        field_classes = {"place": UnitChoiceField}
        widgets = {"reported_on": DateInput(), "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = selectors.registry_units(user=user)


class InfringementStepForm(forms.ModelForm):
    class Meta:
        model = InfringementStep
        fields = ["on", "agency", "action"]
        widgets = {"on": DateInput(), "action": forms.Textarea(attrs={"rows": 3})}


class InfringementCloseForm(forms.ModelForm):
    class Meta:
        model = InfringementCase
        fields = ["outcome", "closed_on", "fine_amount", "goods_quantity"]
        widgets = {"closed_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True
        self.fields["closed_on"].required = True


# Growing-area codes -------------------------------------------------------------------------------

class GrowingAreaCodeForm(forms.ModelForm):
    class Meta:
        model = GrowingAreaCode
        fields = ["code", "product", "unit", "area_hectares", "export_market", "issuing_body", "issued_on", "status"]
        field_classes = {"unit": UnitChoiceField}
        widgets = {"issued_on": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = selectors.product_list(user=user)
        self.fields["unit"].queryset = selectors.registry_units(user=user)


class GrowingAreaFilterForm(forms.Form):
    product = forms.ModelChoiceField(label=_("Sản phẩm"), required=False, queryset=None, empty_label=_("Tất cả"))
    market = forms.ChoiceField(label=_("Thị trường"), required=False)
    status = forms.ChoiceField(label=_("Tình trạng"), required=False,
                               choices=_blank(GrowingAreaCode.Status.choices))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = selectors.product_list(user=user)
        self.fields["market"].choices = _blank([(m, m) for m in selectors.growing_area_markets(user=user)])

    def filters(self) -> selectors.GrowingAreaFilters:
        data = valid_filter_data(self)
        return selectors.GrowingAreaFilters(
            product_id=data["product"].pk if data.get("product") else None,
            export_market=data.get("market") or "",
            status=data.get("status") or "",
        )
