"""Initiatives in the admin: read-only, with each record's history.

Initiatives are filed, recognised and replicated through the pages, which apply the unit scoping and
the council rules (``initiatives.services``); the admin shows the data and its history to the
provincial roles.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from directory.access import is_council_secretary, is_ip_officer
from directory.admin_site import ChangeReasonForm, RoleAwareModelAdmin
from directory.models import OFFICER_UNIT_KINDS, UnitKind
from initiatives.models import (
    Attachment,
    CouncilRule,
    CouncilVote,
    Initiative,
    InitiativeAuthor,
    InitiativeStep,
    ProgressUpdate,
    RemunerationPayment,
    ReplicationNomination,
    ReplicationPlan,
    ReplicationSite,
)


class ReadOnlyAdmin(RoleAwareModelAdmin):
    def can_edit(self, user) -> bool:
        return False


@admin.register(Initiative)
class InitiativeAdmin(ReadOnlyAdmin):
    list_display = ["title", "field", "organisation", "filed_on", "status"]
    list_filter = ["status", "field"]
    search_fields = ["title"]
    list_select_related = ["organisation"]
    exclude = ["confidential_part"]


@admin.register(InitiativeAuthor)
class InitiativeAuthorAdmin(ReadOnlyAdmin):
    list_display = ["name", "initiative", "share_percent"]
    list_select_related = ["initiative"]


@admin.register(InitiativeStep)
class InitiativeStepAdmin(ReadOnlyAdmin):
    list_display = ["initiative", "on", "from_status", "to_status", "decision_ref", "recorded_by"]
    list_select_related = ["initiative", "recorded_by"]


@admin.register(CouncilVote)
class CouncilVoteAdmin(ReadOnlyAdmin):
    list_display = ["initiative", "council", "held_on", "members_present", "votes_for", "votes_against"]
    list_select_related = ["initiative"]


@admin.register(ReplicationNomination)
class ReplicationNominationAdmin(ReadOnlyAdmin):
    list_display = ["initiative", "unit", "year", "status", "nominated_on"]
    list_filter = ["year", "status"]
    list_select_related = ["initiative", "unit"]


@admin.register(ReplicationSite)
class ReplicationSiteAdmin(ReadOnlyAdmin):
    list_display = ["place_name", "nomination", "status", "started_on"]
    list_select_related = ["nomination__unit", "nomination__initiative"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdmin):
    list_display = ["site", "on", "percent", "recorded_by"]
    list_select_related = ["site", "recorded_by"]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ["title", "initiative", "progress_update", "size", "sha256", "uploaded_by"]
    list_select_related = ["initiative", "uploaded_by"]
    exclude = ["file"]


@admin.register(RemunerationPayment)
class RemunerationPaymentAdmin(ReadOnlyAdmin):
    list_display = ["initiative", "application_year", "amount", "paid_on"]
    list_select_related = ["initiative"]


class ReplicationPlanForm(ChangeReasonForm):
    participant_kinds = forms.MultipleChoiceField(
        label=_("loại đơn vị tham gia"), widget=forms.CheckboxSelectMultiple,
        choices=[(kind, UnitKind(kind).label) for kind in OFFICER_UNIT_KINDS],
    )
    reporting_kinds = forms.MultipleChoiceField(
        label=_("loại đơn vị phải báo cáo"), widget=forms.CheckboxSelectMultiple, required=False,
        choices=[(kind, UnitKind(kind).label) for kind in OFFICER_UNIT_KINDS],
    )


@admin.register(ReplicationPlan)
class ReplicationPlanAdmin(RoleAwareModelAdmin):
    """The yearly plans, which DOST edits (the target, the days, the basis) with history."""

    form = ReplicationPlanForm
    list_display = ["year", "territory", "units_on", "target_min", "target_ideal", "unit_report_due",
                    "province_report_due", "basis_is_example"]
    list_select_related = ["territory"]
    autocomplete_fields = ["territory"]

    def can_edit(self, user) -> bool:
        return is_ip_officer(user) or super().can_edit(user)


@admin.register(CouncilRule)
class CouncilRuleAdmin(RoleAwareModelAdmin):
    """How many votes a recognition needs, from a day on: a new text is a new row (the old one closed), so a
    vote is judged by the rule of its day."""

    list_display = ["__str__", "valid_from", "valid_to", "legal_basis"]

    def can_edit(self, user) -> bool:
        return is_council_secretary(user) or super().can_edit(user)
