"""Reads about initiatives: scoped to the user, with the joins pages need, and the yearly board."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory import access as directory_access
from directory.models import OFFICER_UNIT_KINDS, AdministrativeUnit, UnitKind
from directory.search import search, search_text
from directory.selectors import UnitMap, on_their_own_account, units_in_force
from initiatives import access
from initiatives.models import (
    Attachment,
    Initiative,
    InitiativeStep,
    ProgressUpdate,
    ReplicationNomination,
    ReplicationPlan,
    ReplicationSite,
    Scope,
)
from initiatives.workflow import (
    AWAITING_BASE_DECISION,
    AWAITING_DECISION,
    RUNNING_NOMINATIONS,
    SECRETARY_QUEUE,
    NominationStatus,
    SiteStatus,
)

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
    initiatives = Initiative.objects.select_related("organisation__unit__parent").defer(
        "confidential_part", "description", "search_text")
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
        initiatives = search_text(initiatives, filters.q)
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


def initiative_for_edit(*, user, pk: int, content: bool = True) -> Initiative:
    """An initiative the user may edit (its content; with ``content=False``, work on: attachments, payments);
    another unit's record is a 404, as if it did not exist."""
    try:
        initiative = Initiative.objects.select_related("organisation__unit__parent").get(pk=pk)
    except Initiative.DoesNotExist:
        raise Http404 from None
    allowed = access.can_change_content if content else access.can_edit
    if not allowed(user, initiative):
        raise Http404
    return initiative


def initiative_locked_for(*, user, pk: int) -> Initiative | None:
    """The initiative, when it is the user's own unit's but locked by its recognition (else ``None``)."""
    initiative = Initiative.objects.select_related("organisation__unit__parent", "handed_over_to").filter(
        pk=pk).first()
    if initiative is not None and access.is_locked(initiative) and access.can_edit(user, initiative) \
            and not access.can_change_content(user, initiative):
        return initiative
    return None


def nomination_for_edit(*, user, pk: int) -> ReplicationNomination:
    try:
        nomination = ReplicationNomination.objects.select_related("unit", "handed_over_to", "initiative").get(pk=pk)
    except ReplicationNomination.DoesNotExist:
        raise Http404 from None
    if not access.can_record_replication(user, nomination):
        raise Http404
    return nomination


def site_for_edit(*, user, pk: int) -> ReplicationSite:
    try:
        site = ReplicationSite.objects.select_related("nomination__unit", "nomination__handed_over_to").get(pk=pk)
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

# Directive 01/CT-UBND, section 9: units report to DOST before 15 December, DOST to the chairman before
# 31 December. A year's plan holds the days; these stand in for a year without one.
REPORT_DAY = (12, 14)
PROVINCE_REPORT_DAY = (12, 31)
TARGET_MIN, TARGET_IDEAL = 2, 3


class QuotaState:
    BELOW = "below"
    ON_TARGET = "on_target"
    ABOVE = "above"

    labels = {BELOW: _("Dưới chỉ tiêu"), ON_TARGET: _("Đạt chỉ tiêu"), ABOVE: _("Vượt chỉ tiêu phấn đấu")}
    order = (BELOW, ON_TARGET, ABOVE)


@dataclass
class QuotaRow:
    unit: AdministrativeUnit
    nominations: list[ReplicationNomination] = field(default_factory=list)
    target_min: int = TARGET_MIN
    target_ideal: int = TARGET_IDEAL
    former: list[str] = field(default_factory=list)  # the districts a commune of 2025 was formed from

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


def plan_for(year: int) -> ReplicationPlan | None:
    return ReplicationPlan.objects.select_related("territory").filter(year=year).first()


def _in_territory(plan: ReplicationPlan) -> Q:
    # Departments, district-level units and the communes of 2025 sit under the province; a commune of a
    # district one level lower.
    return Q(parent=plan.territory_id) | Q(parent__parent=plan.territory_id)


def plan_units(plan: ReplicationPlan, *, kinds: list[str] | None = None) -> QuerySet[AdministrativeUnit]:
    """The units that take part in ``plan``: of its kinds, in force on its day, in its territory."""
    kinds = plan.participant_kinds if kinds is None else kinds
    return units_in_force(on=plan.units_on, kinds=kinds).filter(_in_territory(plan)).order_by("name")


def reporting_units(plan: ReplicationPlan) -> QuerySet[AdministrativeUnit]:
    """The units that report for ``plan``'s year (none in 2025, when the district level ended mid-year)."""
    return plan_units(plan, kinds=plan.reporting_kinds)


def board_date(year: int) -> dt.date:
    """The day whose units make up a year's board (the plan's; 14 December without one)."""
    plan = plan_for(year)
    return plan.units_on if plan is not None else dt.date(year, *REPORT_DAY)


def replication_quota(*, year: int, as_of: dt.date | None = None,
                      plan: ReplicationPlan | None = None) -> list[QuotaRow]:
    """For each unit of the year's plan with a 2–3 target (departments have none), its nominations, the
    target and its state, by name.

    Withdrawn nominations do not count; with ``as_of``, only nominations made by that day count. A
    nomination made for a unit that another replaced during the year counts for its successor on the
    plan's day. A fixed number of queries, whatever the number of units.
    """
    plan = plan or plan_for(year)
    if plan is None:
        return []
    kinds = [kind for kind in plan.participant_kinds if kind != UnitKind.DEPARTMENT]
    units = list(plan_units(plan, kinds=kinds))
    rows = {unit.pk: QuotaRow(unit=unit, target_min=plan.target_min, target_ideal=plan.target_ideal)
            for unit in units}
    nominations = (
        ReplicationNomination.objects.filter(year=year).exclude(unit__kind=UnitKind.DEPARTMENT)
        .exclude(status=NominationStatus.WITHDRAWN)
        .select_related("unit", "initiative").prefetch_related("sites").order_by("nominated_on", "pk")
    )
    if as_of is not None:
        nominations = nominations.filter(nominated_on__lte=as_of)
    unit_map = UnitMap.current()
    for nomination in nominations:
        row = rows.get(nomination.unit_id)
        if row is None:
            successors = [pk for pk in unit_map.reporting_on(nomination.unit_id, plan.units_on) if pk in rows]
            row = rows[successors[0]] if len(successors) == 1 else None
        if row is not None:
            row.nominations.append(nomination)
    for row in rows.values():
        row.former = [unit_map[pk].name for pk in unit_map.former_districts(row.unit.pk)]
    return sorted(rows.values(), key=lambda row: row.unit.name)


@dataclass
class Board:
    """A year's board as the page shows it: the rows asked for, and what the whole board counts."""

    plan: ReplicationPlan | None
    rows: list[QuotaRow]
    by_state: dict[str, int]
    former_districts: list[str]
    total: int


BOARD_ORDERS = ("name", "missing")


def replication_board(*, year: int, as_of: dt.date | None = None, state: str = "", former: str = "",
                      order: str = "name") -> Board:
    """The year's board filtered by state and by former district, sorted by name or by what is missing."""
    plan = plan_for(year)
    rows = replication_quota(year=year, as_of=as_of, plan=plan)
    by_state = {key: sum(1 for row in rows if row.state == key) for key in QuotaState.order}
    formers = sorted({name for row in rows for name in row.former})
    shown = [row for row in rows if (not state or row.state == state) and (not former or former in row.former)]
    if order == "missing":
        shown.sort(key=lambda row: (-row.missing, row.count, row.unit.name))
    return Board(plan, shown, by_state, formers, len(rows))


def report_days_left(*, year: int, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    return (report_day(year) - today).days


def report_day(year: int) -> dt.date:
    """The units' last day to report on time in ``year`` (the plan's; 14 December without one)."""
    plan = ReplicationPlan.objects.filter(year=year).values_list("unit_report_due", flat=True).first()
    return plan or dt.date(year, *REPORT_DAY)


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


# The list of nominations ---------------------------------------------------------------------------

class ProgressFilter:
    WITH = "with"
    WITHOUT = "without"


@dataclass
class NominationFilters:
    year: int | None = None
    unit: AdministrativeUnit | None = None
    status: str = ""
    q: str = ""
    progress: str = ""  # ProgressFilter: with or without a progress update dated this (calendar) year


def _sees_every_unit(user) -> bool:
    """DOST (IP officers, administrators), the council secretary and auditors read every unit's replication."""
    return (directory_access.is_ip_officer(user) or directory_access.is_council_secretary(user)
            or directory_access.is_auditor(user) or directory_access.is_administrator(user))


def _on_plan_rows(unit_map: UnitMap, pk: int, *, on: dt.date, kinds: set[str], territory: int) -> bool:
    """Whether unit ``pk`` is a row of the board of a plan (``plan_units`` without departments), in memory."""
    node = unit_map[pk]
    if node.kind not in kinds or not node.in_force(on):
        return False
    parent = unit_map.units.get(node.parent_id) if node.parent_id is not None else None
    return node.parent_id == territory or (parent is not None and parent.parent_id == territory)


def _carried_nominations(unit: AdministrativeUnit) -> Q | None:
    """The nominations of other units that a year's board counts for ``unit`` (those of a unit it replaced
    during the year: ``replication_quota``'s rule), as a filter; ``None`` when there are none.

    Worked out in memory from the units' map and the plans (two queries, whatever the number of records)."""
    if unit.kind == UnitKind.DEPARTMENT:
        return None
    unit_map = UnitMap.current()
    found: Q | None = None
    plans = ReplicationPlan.objects.order_by("year").values_list("year", "units_on", "participant_kinds",
                                                                  "territory_id")
    for year, on, participant_kinds, territory in plans:
        kinds = {kind for kind in participant_kinds if kind != UnitKind.DEPARTMENT}
        rows = {pk for pk in unit_map.units if _on_plan_rows(unit_map, pk, on=on, kinds=kinds, territory=territory)}
        if unit.pk not in rows:
            continue
        carried = []
        for pk, node in unit_map.units.items():
            # Only a unit that works on its own account nominates (a commune of a district is its district's).
            if pk in rows or node.kind == UnitKind.DEPARTMENT or unit_map.reporting(pk) != pk:
                continue
            successors = [successor for successor in unit_map.reporting_on(pk, on) if successor in rows]
            if successors == [unit.pk]:
                carried.append(pk)
        if carried:
            found = Q(year=year, unit__in=carried) if found is None else found | Q(year=year, unit__in=carried)
    return found


def visible_nominations(*, user) -> QuerySet[ReplicationNomination]:
    """The nominations ``user`` reads on the list: every unit's for DOST, the council secretary and auditors;
    for a unit's officer, the unit's own, those handed over to it, and those the board counts for it (of a
    unit it replaced during the year). Refused (403) to users without a role, as the board is."""
    _require_reader(user)
    nominations = ReplicationNomination.objects.all()
    if _sees_every_unit(user):
        return nominations
    unit = directory_access.unit_scope(user)
    if unit is None:
        return nominations.none()
    scope = Q(unit=unit) | Q(handed_over_to=unit)
    carried = _carried_nominations(unit)
    if carried is not None:
        scope |= carried
    return nominations.filter(scope)


def _per_nomination(sites: QuerySet[ReplicationSite], aggregate) -> Coalesce:
    """``aggregate`` over a nomination's ``sites`` (correlated on ``nomination``), 0 without any."""
    total = sites.order_by().values("nomination_id").annotate(total=aggregate).values("total")
    return Coalesce(Subquery(total, output_field=IntegerField()), 0)


def nomination_list(*, user, filters: NominationFilters | None = None,
                    today: dt.date | None = None) -> QuerySet[ReplicationNomination]:
    """The nominations ``user`` may read, filtered, with what their sites did: the number of sites and of those
    completed, the day of the latest progress, and the results last measured at each site (benefit, people and
    units reached), summed over the sites as the yearly report sums them. Everything is counted by the
    database, in the page's one query."""
    filters = filters or NominationFilters()
    this_year = (today or timezone.localdate()).year
    nominations = visible_nominations(user=user)
    if filters.year:
        nominations = nominations.filter(year=filters.year)
    if filters.unit is not None:
        nominations = nominations.filter(unit=filters.unit)
    if filters.status:
        nominations = nominations.filter(status=filters.status)
    if filters.q:
        nominations = search(nominations, filters.q, "initiative__title")
    if filters.progress in (ProgressFilter.WITH, ProgressFilter.WITHOUT):
        progressed = Exists(ProgressUpdate.objects.filter(site__nomination=OuterRef("pk"), on__year=this_year))
        nominations = nominations.filter(progressed if filters.progress == ProgressFilter.WITH else ~progressed)

    sites = ReplicationSite.objects.filter(nomination=OuterRef("pk"))
    latest = ProgressUpdate.objects.filter(site=OuterRef("pk")).order_by("-on", "-pk")
    measured = sites.annotate(
        last_benefit=Subquery(latest.values("benefit")[:1]),
        last_people=Subquery(latest.values("people_reached")[:1]),
        last_units=Subquery(latest.values("units_reached")[:1]),
    )
    return (
        nominations.select_related("unit", "initiative")
        .defer("reason", "justification", "status_reason", "initiative__description",
               "initiative__confidential_part", "initiative__search_text")
        .annotate(
            site_count=_per_nomination(sites, Count("pk")),
            sites_done=_per_nomination(sites.filter(status=SiteStatus.COMPLETED), Count("pk")),
            latest_progress_on=Subquery(
                ProgressUpdate.objects.filter(site__nomination=OuterRef("pk")).order_by("-on").values("on")[:1]),
            benefit_total=_per_nomination(measured, Sum("last_benefit")),
            people_total=_per_nomination(measured, Sum("last_people")),
            units_reached_total=_per_nomination(measured, Sum("last_units")),
        )
        .order_by("-year", "unit__name", "nominated_on", "pk")
    )


# For the pages ------------------------------------------------------------------------------------

def initiative_units() -> QuerySet[AdministrativeUnit]:
    """The units that work on their own account, past ones included: district-level units, the communes of
    the province of 1 July 2025, then departments. A commune of a district is its district's part."""
    return (
        AdministrativeUnit.objects.filter(on_their_own_account())
        .annotate(is_department=Case(When(kind=UnitKind.DEPARTMENT, then=1), default=0))
        .order_by("is_department", "name", "valid_from")
    )


def overdue_base_decisions(*, user, today: dt.date | None = None) -> QuerySet[Initiative]:
    """Initiatives waiting for the base-level decision past its due date (fixed at registration), oldest
    due first."""
    _require_reader(user)
    today = today or timezone.localdate()
    return (
        Initiative.objects.filter(status__in=AWAITING_BASE_DECISION, base_decision_due__lt=today)
        .select_related("organisation").defer("confidential_part", "description", "search_text")
        .order_by("base_decision_due", "pk")
    )


@dataclass
class Waiting:
    """The initiatives in one status of the council secretary's queue: how many, and the first few."""

    status: str
    count: int
    first: list[Initiative]  # the longest waiting: the earliest filed first


def secretary_queue(*, user, shown: int) -> list[Waiting]:
    """What waits for the council secretary's next step, by status in the order of the process (those with
    any): counted in one query, and the ``shown`` longest waiting of each in one more a status, whatever the
    number waiting."""
    _require_reader(user)
    waiting = Initiative.objects.filter(status__in=list(SECRETARY_QUEUE))
    counts = dict(waiting.order_by().values_list("status").annotate(count=Count("pk")))
    rows = waiting.select_related("organisation").defer(
        "confidential_part", "description", "search_text").order_by("filed_on", "pk")
    return [Waiting(status, counts[status], list(rows.filter(status=status)[:shown]))
            for status in SECRETARY_QUEUE if counts.get(status)]


def attachment_for_download(*, user, pk: int) -> Attachment:
    """An initiative's attachment or a progress update's evidence: every role reads them, unless withdrawn
    (kept, but no longer served)."""
    _require_reader(user)
    try:
        return Attachment.objects.get(pk=pk, withdrawn_at__isnull=True)
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
    """The latest year, up to this one, that has a plan."""
    year = (today or timezone.localdate()).year
    return ReplicationPlan.objects.filter(year__lte=year).aggregate(last=Max("year"))["last"] or year


def unit_quota(*, unit: AdministrativeUnit, year: int) -> QuotaRow | None:
    """The board's row for ``unit`` in ``year`` (successors' counts included); ``None`` off the board."""
    if unit.kind == UnitKind.DEPARTMENT or not in_force_during(unit, year):
        return None
    return next((row for row in replication_quota(year=year) if row.unit.pk == unit.pk), None)


def nominable_for(*, unit: AdministrativeUnit, year: int) -> QuerySet[Initiative]:
    """Initiatives of provincial scope that ``unit`` has not yet nominated in ``year``."""
    taken = ReplicationNomination.objects.filter(unit=unit, year=year).values("initiative")
    return nominable_initiatives().exclude(pk__in=taken)


# Open work of ended units -------------------------------------------------------------------------

@dataclass
class OpenWork:
    """An ended unit's work still under way, and the units in force it may be handed over to."""

    unit: AdministrativeUnit
    initiatives: list[Initiative] = field(default_factory=list)
    nominations: list[ReplicationNomination] = field(default_factory=list)
    successors: list[AdministrativeUnit] = field(default_factory=list)


def open_work(*, user, on: dt.date) -> list[OpenWork]:
    """Every unit that had ended by ``on`` and still has work under way: initiatives awaiting a decision that
    it works on, and its nominations whose replication still runs. Five queries, whatever the number."""
    _require_reader(user)
    unit_map = UnitMap.current()
    ended = {pk for pk, node in unit_map.units.items() if node.valid_to is not None and node.valid_to < on}
    found: dict[int, OpenWork] = {}
    initiatives = (Initiative.objects.filter(status__in=AWAITING_DECISION)
                   .filter(Q(handed_over_to__in=ended) | Q(handed_over_to__isnull=True, organisation__unit__in=ended))
                   .select_related("organisation").defer("confidential_part", "description").order_by("filed_on", "pk"))
    for initiative in initiatives:
        unit = initiative.handed_over_to_id or unit_map.reporting(initiative.organisation.unit_id)
        if unit in ended:
            found.setdefault(unit, OpenWork(unit=None)).initiatives.append(initiative)
    nominations = (ReplicationNomination.objects.filter(status__in=RUNNING_NOMINATIONS)
                   .filter(Q(handed_over_to__in=ended) | Q(handed_over_to__isnull=True, unit__in=ended))
                   .select_related("initiative").order_by("year", "pk"))
    for nomination in nominations:
        found.setdefault(nomination.handed_over_to_id or nomination.unit_id, OpenWork(unit=None)).nominations.append(
            nomination)
    successors = {pk: unit_map.reporting_on(pk, on) for pk in found}
    units = AdministrativeUnit.objects.in_bulk({*found, *(pk for ids in successors.values() for pk in ids)})
    for pk, work in found.items():
        work.unit = units[pk]
        work.successors = sorted((units[successor] for successor in successors[pk]), key=lambda unit: unit.name)
    return sorted(found.values(), key=lambda work: work.unit.name)
