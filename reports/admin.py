"""The reports in the admin: read only (they change through their pages' services), and only for those
who read every report (IP officers and auditors), as on the pages."""

from django.contrib import admin

from directory.admin_site import RoleAwareModelAdmin
from reports import access
from reports.models import AnnualReport, ReminderSent, ReportSnapshot, ReportStep


class ReportsAdmin(RoleAwareModelAdmin):
    def has_module_permission(self, request):
        return access.can_read_all(request.user)

    def has_view_permission(self, request, obj=None):
        return access.can_read_all(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AnnualReport)
class AnnualReportAdmin(ReportsAdmin):
    list_display = ["year", "unit", "status", "submitted_on", "late", "number", "issued_on"]
    list_filter = ["year", "status", "late"]
    list_select_related = ["unit"]
    search_fields = ["unit__name"]


@admin.register(ReportSnapshot)
class ReportSnapshotAdmin(ReportsAdmin):
    list_display = ["report", "taken_at", "as_of", "taken_by", "sha256"]
    list_select_related = ["report__unit", "taken_by"]
    exclude = ["content"]


@admin.register(ReportStep)
class ReportStepAdmin(ReportsAdmin):
    list_display = ["report", "on", "from_status", "to_status", "recorded_by"]
    list_select_related = ["report__unit", "recorded_by"]


@admin.register(ReminderSent)
class ReminderSentAdmin(ReportsAdmin):
    list_display = ["sent_on", "kind", "key", "recipient"]
    list_select_related = ["recipient"]
