"""Reads about initiatives: scoped to the user, with the joins pages need, and the yearly board."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Max, Prefetch, Q, QuerySet, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import DISTRICT_LEVEL_KINDS, OFFICER_UNIT_KINDS, AdministrativeUnit, UnitKind
from directory.search import search
from directory.selectors import district_level_units, unit_successor
from initiatives import access
from initiatives.models import (
    Attachment,
    Initiative,
    InitiativeStep,
    ProgressUpdate,
    ReplicationNomination,
    ReplicationSite,
    Scope,
)
from initiatives.workflow import AWAITING_BASE_DECISION, NominationStatus

REPORT_DAY = (12, 15)  # Directive 01/CT-UBND, section 9: units report to DOST before 15 December
PROVINCE_REPORT_DAY = (12, 31)
TARGET_MIN, TARGET_IDEAL = 2, 3


def _require_reader(user) -> None:
    if not access.can_read(user):
        raise PermissionDenied


# Initiatives --------------------------------------------------------------------------------------

@dataclass
class InitiativeFilters:
    year: int | None = None
    unit: AdministrativeUnit | None = None
    field: str = ""
    scope: str = ""
    status: str = ""
    q: str = ""


SCOPE_FILTERS = {
    Scope.NONE: Q(base_recognised_on__isnull=True),
    Scope.BASE: Q(base_recognised_on__isnull=False, provincial_recognised_on__isnull=True),
    Scope.PROVINCIAL: Q(provincial_recognised_on__isnull=False, national_recognised_on__isnull=True),
    Scope.NATIONAL: Q(national_recognised_on__isnull=False),
}


def initiative_list(*, user, filters: InitiativeFilters | None = None) -> QuerySet[Initiative]:
    """Initiatives of the whole province, filtered. Confidential parts are not part of a list."""
    _require_reader(user)
    filters = filters or InitiativeFilters()
    initiatives = Initiative.objects.select_related("organisation__unit__parent").defer("confidential_part")
    if filters.year:
        initiatives = initiatives.filter(filed_on__year=filters.year)
    if filters.unit is not None:
        initiatives = initiatives.filter(Q(organisation__unit=filters.unit) | Q(organisation__unit__parent=filters.unit))
    if filters.field:
        initiatives = initiatives.filter(field=filters.field)
    if filters.scope in SCOPE_FILTERS:
        initiatives = initiatives.filter(SCOPE_FILTERS[filters.scope])
    if filters.status:
        initiatives = initiatives.filter(status=filters.status)
    if filters.q:
        initiatives = search(initiatives, filters.q, "title", "organisation__name", "description")
    return initiatives.order_by("-filed_on", "-pk")


def _with_everything(queryset: QuerySet[Initiative]) -> QuerySet[Initiative]:
    sites = ReplicationSite.objects.prefetch_related(
        Prefetch("updates", queryset=ProgressUpdate.objects.order_by("on", "pk").prefetch_related("evidence"))
    )
    nominations = ReplicationNomination.objects.select_related("unit").prefetch_related(
        Prefetch("sites", queryset=sites)
    )
    return queryset.select_related("organisation__unit__parent", "investor").prefetch_related(
        "authors", "votes", "attachments", "payments",
        Prefetch("steps", queryset=InitiativeStep.objects.select_related("recorded_by").order_by("on", "pk")),
        Prefetch("nominations", queryset=nominations),
    )


def initiative_detail(*, user, pk: int) -> Initiative:
    """One initiative with its steps, votes, authors, nominations and progress.

    ``confidential_part`` is blanked for users who may not see it, and ``.show_confidential`` says so.
    """
    _require_reader(user)
    try:
        initiative = _with_everything(Initiative.objects.all()).get(pk=pk)
    except Initiative.DoesNotExist:
        raise Http404 from None
    initiative.show_confidential = access.can_see_confidential(user, initiative)
    if not initiative.show_confidential:
        initiative.confidential_part = ""
    return initiative


def initiative_for_edit(*, user, pk: int) -> Initiative:
    """An initiative the user may edit; another unit's record is a 404, as if it did not exist."""
    try:
        initiative = Initiative.objects.select_related("organisation__unit__parent").get(pk=pk)
    except Initiative.DoesNotExist:
        raise Http404 from None
    if not access.can_edit(user, initiative):
        raise Http404
    return initiative


def nomination_for_edit(*, user, pk: int) -> ReplicationNomination:
    try:
        nomination = ReplicationNomination.objects.select_related("unit", "initiative").get(pk=pk)
    except ReplicationNomination.DoesNotExist:
        raise Http404 from None
    if not access.can_record_replication(user, nomination):
        raise Http404
    return nomination


def site_for_edit(*, user, pk: int) -> ReplicationSite:
    try:
        site = ReplicationSite.objects.select_related("nomination__unit").get(pk=pk)
    except ReplicationSite.DoesNotExist:
        raise Http404 from None
    if not access.can_record_replication(user, site.nomination):
        raise Http404
    return site


def nominable_initiatives() -> QuerySet[Initiative]:
    """Initiatives holding provincial or national scope: what a unit may choose to replicate."""
    return Initiative.objects.filter(provincial_recognised_on__isnull=False).select_related("organisation").order_by(
        "title"
    )


# The yearly replication board ---------------------------------------------------------------------

class QuotaState:
    BELOW = "below"
    ON_TARGET = "on_target"
    ABOVE = "above"

    labels = {BELOW: _("Dưới chỉ tiêu"), ON_TARGET: _("Đạt chỉ tiêu"), ABOVE: _("Vượt 3 sáng kiến")}


@dataclass
class QuotaRow:
    unit: AdministrativeUnit
    nominations: list[ReplicationNomination] = field(default_factory=list)
    target_min: int = TARGET_MIN
    target_ideal: int = TARGET_IDEAL

    @property
    def count(self) -> int:
        return len(self.nominations)

    @property
    def state(self) -> str:
        if self.count < self.target_min:
            return QuotaState.BELOW
        if self.count > self.target_ideal:
            return QuotaState.ABOVE
        return QuotaState.ON_TARGET

    @property
    def state_label(self) -> str:
        return str(QuotaState.labels[self.state])

    @property
    def missing(self) -> int:
        return max(0, self.target_min - self.count)

    @property
    def in_progress(self) -> int:
        return sum(1 for n in self.nominations if n.status == NominationStatus.REPLICATING)

    @property
    def completed(self) -> int:
        return sum(1 for n in self.nominations if n.status == NominationStatus.COMPLETED)

    @property
    def justifications(self) -> list[str]:
        return [n.justification for n in self.nominations if n.justification]


def board_date(year: int) -> dt.date:
    """The day whose units make up a year's board: 15 December, or the last day district-level units
    existed that year (the district level ended on 30 June 2025)."""
    report_day = dt.date(year, *REPORT_DAY)
    if district_level_units(on=report_day).exists():
        return report_day
    last_day = AdministrativeUnit.objects.filter(
        kind__in=DISTRICT_LEVEL_KINDS, valid_to__year=year, valid_to__lt=report_day,
    ).aggregate(last=Max("valid_to"))["last"]
    return last_day or report_day


def replication_quota(*, year: int, as_of: dt.date | None = None) -> list[QuotaRow]:
    """For each district-level unit in force that year, its nominations, the 2–3 target and its state.

    Withdrawn nominations do not count; with ``as_of``, only nominations made by that day count. A
    nomination made for a unit that another replaced during the year counts for the successor.
    """
    on = board_date(year)
    rows = {unit.pk: QuotaRow(unit=unit) for unit in district_level_units(on=on)}
    nominations = (
        ReplicationNomination.objects.filter(year=year).exclude(status=NominationStatus.WITHDRAWN)
        .select_related("unit", "initiative").prefetch_related("sites").order_by("nominated_on", "pk")
    )
    if as_of is not None:
        nominations = nominations.filter(nominated_on__lte=as_of)
    for nomination in nominations:
        row = rows.get(nomination.unit_id)
        if row is None and nomination.unit.kind in DISTRICT_LEVEL_KINDS:
            successor = unit_successor(unit=nomination.unit, on=on)
            row = rows.get(successor.pk) if successor else None
        if row is not None:
            row.nominations.append(nomination)
    return sorted(rows.values(), key=lambda row: row.unit.name)


def report_days_left(*, year: int, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    return (dt.date(year, *REPORT_DAY) - today).days


def department_nominations(*, year: int) -> QuerySet[ReplicationNomination]:
    """Nominations by provincial departments (Education across its school levels): no 2–3 quota."""
    return (
        ReplicationNomination.objects.filter(year=year, unit__kind="department")
        .exclude(status=NominationStatus.WITHDRAWN)
        .select_related("unit", "initiative").order_by("unit__name", "pk")
    )


def unit_year(*, unit: AdministrativeUnit, year: int) -> list[ReplicationNomination]:
    """A unit's nominations of a year with their sites and progress, for the district officer's page."""
    sites = ReplicationSite.objects.prefetch_related(
        Prefetch("updates", queryset=ProgressUpdate.objects.order_by("on", "pk").prefetch_related("evidence"))
    )
    return list(
        ReplicationNomination.objects.filter(unit=unit, year=year)
        .select_related("initiative__organisation").prefetch_related(Prefetch("sites", queryset=sites))
        .order_by("nominated_on", "pk")
    )


# For the pages ------------------------------------------------------------------------------------

def initiative_units() -> QuerySet[AdministrativeUnit]:
    """District-level units, then departments, past ones included: the units initiatives are listed by."""
    return (
        AdministrativeUnit.objects.filter(kind__in=OFFICER_UNIT_KINDS)
        .annotate(is_department=Case(When(kind=UnitKind.DEPARTMENT, then=1), default=0))
        .order_by("is_department", "name", "valid_from")
    )


def overdue_base_decisions(*, user, today: dt.date | None = None) -> list[Initiative]:
    """Initiatives waiting for the base-level decision past its three-month due date, oldest due first.

    The due date depends on two dates (registration, end of the first application), so it is worked
    out in Python over the few initiatives still waiting.
    """
    _require_reader(user)
    today = today or timezone.localdate()
    waiting = (
        Initiative.objects.filter(status__in=AWAITING_BASE_DECISION, registered_on__isnull=False)
        .select_related("organisation").defer("confidential_part", "description")
    )
    return sorted((i for i in waiting if i.is_overdue(today)), key=lambda i: (i.base_decision_due, i.pk))


def attachment_for_download(*, user, pk: int) -> Attachment:
    """An initiative's attachment or a progress update's evidence: every role reads them."""
    _require_reader(user)
    try:
        return Attachment.objects.get(pk=pk)
    except Attachment.DoesNotExist:
        raise Http404 from None


def replication_unit(*, user, pk: int) -> AdministrativeUnit:
    """A unit that replicates initiatives (district-level unit or department); any other is a 404."""
    _require_reader(user)
    try:
        return AdministrativeUnit.objects.get(pk=pk, kind__in=OFFICER_UNIT_KINDS)
    except AdministrativeUnit.DoesNotExist:
        raise Http404 from None


def in_force_during(unit: AdministrativeUnit, year: int) -> bool:
    """Whether ``unit`` was in force on at least one day of ``year``."""
    return unit.valid_from <= dt.date(year, 12, 31) and (unit.valid_to is None or unit.valid_to >= dt.date(year, 1, 1))


def last_year_in_force(unit: AdministrativeUnit, *, today: dt.date | None = None) -> int:
    """This year if ``unit`` is in force at some point of it, else the last year it was."""
    year = (today or timezone.localdate()).year
    if unit.valid_to is not None and unit.valid_to.year < year:
        return unit.valid_to.year
    return year


def last_board_year(*, today: dt.date | None = None) -> int:
    """The latest year, up to this one, with district-level units on the board (2025: the level ended)."""
    year = (today or timezone.localdate()).year
    units = AdministrativeUnit.objects.filter(kind__in=DISTRICT_LEVEL_KINDS, valid_from__lte=dt.date(year, 12, 31))
    if units.filter(Q(valid_to__isnull=True) | Q(valid_to__year__gte=year)).exists():
        return year
    last = units.aggregate(last=Max("valid_to"))["last"]
    return last.year if last else year


def unit_quota(*, unit: AdministrativeUnit, year: int) -> QuotaRow | None:
    """The board's row for ``unit`` in ``year`` (successors' counts included); ``None`` off the board."""
    if unit.kind not in DISTRICT_LEVEL_KINDS or not in_force_during(unit, year):
        return None
    return next((row for row in replication_quota(year=year) if row.unit.pk == unit.pk), None)


def nominable_for(*, unit: AdministrativeUnit, year: int) -> QuerySet[Initiative]:
    """Initiatives of provincial scope that ``unit`` has not yet nominated in ``year``."""
    taken = ReplicationNomination.objects.filter(unit=unit, year=year).values("initiative")
    return nominable_initiatives().exclude(pk__in=taken)
