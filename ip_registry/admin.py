"""The registry in the admin: IP officers edit data rows; workflow state only moves through the pages.

An application's status, its steps and deadlines, and the documents (with their hashes) are read-only
here: they change only through ``ip_registry.services``, which keeps the timeline and deadlines whole.
"""

from django.contrib import admin

from directory.access import can_edit_ip
from directory.admin_site import RoleAwareInline, RoleAwareModelAdmin
from ip_registry import services
from ip_registry.models import (
    ApplicationStep,
    Deadline,
    DeadlineRule,
    Document,
    GrowingAreaCode,
    InfringementCase,
    InfringementStep,
    IPAsset,
    Product,
    Opposition,
    ProtectionApplication,
    ProtectionSpan,
    Target,
    ThirdPartyOpinion,
)


class IPAdmin(RoleAwareModelAdmin):
    def can_edit(self, user) -> bool:
        return can_edit_ip(user)


class ReadOnlyIPAdmin(IPAdmin):
    def can_edit(self, user) -> bool:
        return False


@admin.register(Product)
class ProductAdmin(IPAdmin):
    list_display = ["name", "category"]
    list_filter = ["category"]
    search_fields = ["name"]
    autocomplete_fields = ["units"]


@admin.register(IPAsset)
class IPAssetAdmin(IPAdmin):
    list_display = ["name", "kind", "product", "owner", "certificate_number", "grant_date", "valid_until"]
    list_filter = ["kind"]
    search_fields = ["name", "certificate_number"]
    list_select_related = ["product", "owner"]
    autocomplete_fields = ["product", "owner", "managing_organisation", "area_units"]
    readonly_fields = ["certificate_number", "grant_date", "valid_until"]

    def save_model(self, request, obj, form, change):
        services.asset_save(actor=request.user, asset=obj, reason=form.cleaned_data.get("change_reason", ""))


class StepInline(admin.TabularInline):
    model = ApplicationStep
    extra = 0
    fields = ["on", "from_status", "to_status", "note", "reason", "document", "recorded_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ProtectionApplication)
class ProtectionApplicationAdmin(IPAdmin):
    list_display = ["application_number", "asset", "kind", "applicant", "filing_date", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["application_number", "asset__name"]
    list_select_related = ["asset", "applicant"]
    autocomplete_fields = ["asset", "applicant"]
    readonly_fields = ["status", "filing_date"]
    inlines = [StepInline]

    def has_add_permission(self, request, obj=None):
        return False  # applications start on the asset's page, where the workflow begins


@admin.register(ApplicationStep)
class ApplicationStepAdmin(ReadOnlyIPAdmin):
    list_display = ["application", "on", "from_status", "to_status", "recorded_by"]
    list_select_related = ["application", "recorded_by"]
    list_filter = ["to_status"]


@admin.register(ProtectionSpan)
class ProtectionSpanAdmin(ReadOnlyIPAdmin):
    """Derived from the applications and their steps by the services: read here, never edited."""

    list_display = ["asset", "starts_on", "ends_on", "basis", "term_ends_on", "grace_until"]
    list_filter = ["basis"]
    list_select_related = ["asset"]
    search_fields = ["asset__name"]


@admin.register(Opposition)
class OppositionAdmin(ReadOnlyIPAdmin):
    """Recorded on the application's page, which checks the window; read here."""

    list_display = ["application", "opponent", "filed_on", "outcome", "decided_on"]
    list_filter = ["outcome"]
    list_select_related = ["application"]


@admin.register(ThirdPartyOpinion)
class ThirdPartyOpinionAdmin(ReadOnlyIPAdmin):
    list_display = ["application", "author", "received_on"]
    list_select_related = ["application"]


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyIPAdmin):
    list_display = ["application", "kind", "party", "due_date", "met_date", "state"]
    list_filter = ["state", "party", "kind"]
    list_select_related = ["application"]


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(IPAdmin):
    """Statutory limits as data: a change applies to deadlines opened afterwards."""

    list_display = ["deadline", "opened_by", "application_kind", "asset_kind", "months", "days", "party", "active"]
    list_filter = ["active", "application_kind", "asset_kind"]


@admin.register(Document)
class DocumentAdmin(ReadOnlyIPAdmin):
    list_display = ["title", "doc_type", "asset", "size", "sha256", "uploaded_by", "uploaded_at"]
    list_filter = ["doc_type"]
    list_select_related = ["asset", "uploaded_by"]
    exclude = ["file"]  # downloads go through the page that checks access


class InfringementStepInline(RoleAwareInline):
    model = InfringementStep

    def can_edit(self, user) -> bool:
        return can_edit_ip(user)


@admin.register(InfringementCase)
class InfringementCaseAdmin(IPAdmin):
    list_display = ["asset", "reported_on", "place", "outcome", "closed_on"]
    list_filter = ["outcome"]
    list_select_related = ["asset", "place"]
    autocomplete_fields = ["asset", "place"]
    inlines = [InfringementStepInline]


@admin.register(InfringementStep)
class InfringementStepAdmin(IPAdmin):
    list_display = ["case", "on", "agency", "action"]
    list_select_related = ["case__asset"]


@admin.register(GrowingAreaCode)
class GrowingAreaCodeAdmin(IPAdmin):
    list_display = ["code", "product", "unit", "area_hectares", "export_market", "status", "issued_on"]
    list_filter = ["status", "export_market"]
    search_fields = ["code"]
    list_select_related = ["product", "unit"]
    autocomplete_fields = ["product", "asset", "unit"]


@admin.register(Target)
class TargetAdmin(IPAdmin):
    list_display = ["indicator", "value", "due_date", "legal_basis"]
