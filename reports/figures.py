"""A year's figures, by reporting unit, counted by the database.

Every figure is an aggregate query grouped by organisation (or by unit, for what is recorded against a
place); the organisations are then placed under the unit that reports for them on the plan's day (the
counting rule of ``directory.selectors.PlacedOn``), so the province's report for every unit costs the same
fixed handful of queries as one unit's. Figures are plain JSON (numbers, strings, dicts keyed by choice
values): a submitted report freezes them as they are, and computing them again for the same day tells
whether the records changed since.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import ExtractYear

from directory.models import AdministrativeUnit
from directory.selectors import PlacedOn, UnitMap
from initiatives.models import (
    Initiative,
    ProgressUpdate,
    RemunerationPayment,
    ReplicationNomination,
    ReplicationPlan,
    ReplicationSite,
)
from initiatives.selectors import department_nominations, plan_for, plan_units, replication_quota
from initiatives.workflow import AWAITING_BASE_DECISION, SiteStatus
from ip_registry.models import (
    INDUSTRIAL_PROPERTY_KINDS,
    ApplicationStep,
    GrowingAreaCode,
    InfringementCase,
    ProtectionApplication,
    ProtectionSpan,
)
from ip_registry.selectors import covering
from ip_registry.workflow import ApplicationKind, ApplicationStatus, in_force_filter

# Where a record whose organisation has no single reporting unit that day is counted.
UNPLACED = 0
# Directive 01/CT-UBND: industrial-property applications +5% a year.
GROWTH_RATE = Decimal(5)


@dataclass
class YearScope:
    """What a year's figures are about: the plan, the units taking part (placed on the plan's day) and
    the period, 1 January to ``as_of``."""

    year: int
    as_of: dt.date
    plan: ReplicationPlan | None
    units: list[AdministrativeUnit] = field(default_factory=list)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def units_on(self) -> dt.date:
        return self.plan.units_on if self.plan else self.as_of


def year_scope(*, year: int, as_of: dt.date | None = None) -> YearScope:
    plan = plan_for(year)
    as_of = as_of or (plan.unit_report_due if plan else dt.date(year, 12, 14))
    units = list(plan_units(plan)) if plan else []
    return YearScope(year=year, as_of=as_of, plan=plan, units=units)


def _empty() -> dict:
    return {
        "applications": {}, "granted": {}, "in_force": {},
        "infringements": {"opened": 0, "closed": 0, "outcomes": {}, "fines": 0},
        "growing_areas": {"issued": 0, "active": 0},
        "initiatives": {"filed": 0, "recognised_base": 0, "recognised_provincial": 0, "recognised_national": 0,
                        "overdue": 0},
        "replication": {"target_min": 0, "target_ideal": 0, "nominations": [], "sites": {}, "benefit": 0,
                        "people_reached": 0, "units_reached": 0},
        "remuneration": {"payments": 0, "amount": 0},
    }


def figures_by_unit(scope: YearScope) -> dict[int, dict]:
    """The figures of every unit of ``scope`` (and ``UNPLACED`` for what no unit reports), by unit pk."""
    figures: dict[int, dict] = defaultdict(_empty)
    for unit in scope.units:
        figures[unit.pk] = _empty()
    unit_map = UnitMap.current()
    start, end, day = scope.start, scope.as_of, scope.units_on

    by_organisation: list[tuple[str, object, int | None, int]] = []  # (figure, key, organisation, count)
    applications = ProtectionApplication.objects.filter(filing_date__range=(start, end))
    by_organisation += [("applications", kind, org, n) for kind, org, n in
                        applications.values_list("kind", "applicant_id").annotate(n=Count("pk")).order_by()]
    granted = ApplicationStep.objects.filter(
        to_status=ApplicationStatus.GRANTED, on__range=(start, end), application__kind=ApplicationKind.REGISTRATION)
    by_organisation += [("granted", kind, org, n) for kind, org, n in
                        granted.values_list("application__asset__kind", "application__applicant_id")
                        .annotate(n=Count("pk")).order_by()]
    in_force = ProtectionSpan.objects.filter(covering(end), in_force_filter(end, ""))
    by_organisation += [("in_force", kind, org, n) for kind, org, n in
                        in_force.values_list("kind", "organisation_id").annotate(n=Count("pk")).order_by()]

    initiatives = Initiative.objects.filter(handed_over_to__isnull=True)
    counts = initiatives.values_list("organisation_id").annotate(
        filed=Count("pk", filter=Q(filed_on__range=(start, end))),
        recognised_base=Count("pk", filter=Q(base_recognised_on__range=(start, end))),
        recognised_provincial=Count("pk", filter=Q(provincial_recognised_on__range=(start, end))),
        recognised_national=Count("pk", filter=Q(national_recognised_on__range=(start, end))),
        overdue=Count("pk", filter=Q(status__in=AWAITING_BASE_DECISION, base_decision_due__lt=end)),
    ).order_by()
    names = ("filed", "recognised_base", "recognised_provincial", "recognised_national", "overdue")
    for organisation, *values in counts:
        by_organisation += [("initiatives", name, organisation, n) for name, n in zip(names, values) if n]
    payments = RemunerationPayment.objects.filter(paid_on__range=(start, end), initiative__handed_over_to__isnull=True)
    for organisation, n, amount in payments.values_list("initiative__organisation_id").annotate(
            n=Count("pk"), amount=Sum("amount")).order_by():
        by_organisation += [("remuneration", "payments", organisation, n),
                            ("remuneration", "amount", organisation, amount or 0)]

    placed = PlacedOn(day, {org for _figure, _key, org, _n in by_organisation})

    def unit_of_organisation(organisation) -> int:
        unit = placed.reporting(organisation)
        return unit if unit is not None and unit in figures else UNPLACED

    def unit_of_place(unit) -> int:
        found = unit_map.reporting_on(unit, day)
        return found[0] if len(found) == 1 and found[0] in figures else UNPLACED

    for name, key, organisation, n in by_organisation:
        counted = figures[unit_of_organisation(organisation)][name]
        counted[key] = counted.get(key, 0) + n

    # What an officer handed over (an ended unit's open work) counts for the unit that took it over.
    handed = Initiative.objects.filter(handed_over_to__isnull=False)
    for unit, filed, base, overdue in handed.values_list("handed_over_to_id").annotate(
            filed=Count("pk", filter=Q(filed_on__range=(start, end))),
            base=Count("pk", filter=Q(base_recognised_on__range=(start, end))),
            overdue=Count("pk", filter=Q(status__in=AWAITING_BASE_DECISION, base_decision_due__lt=end))).order_by():
        counted = figures[unit_of_place(unit)]["initiatives"]
        counted["filed"] += filed
        counted["recognised_base"] += base
        counted["overdue"] += overdue

    cases = InfringementCase.objects.values_list("place_id").annotate(
        opened=Count("pk", filter=Q(reported_on__range=(start, end))),
        closed=Count("pk", filter=Q(closed_on__range=(start, end))),
        fines=Sum("fine_amount", filter=Q(closed_on__range=(start, end))),
    ).order_by()
    for place, opened, closed, fines in cases:
        counted = figures[unit_of_place(place)]["infringements"]
        counted["opened"] += opened
        counted["closed"] += closed
        counted["fines"] += fines or 0
    outcomes = InfringementCase.objects.filter(closed_on__range=(start, end)).values_list(
        "place_id", "outcome").annotate(n=Count("pk")).order_by()
    for place, outcome, n in outcomes:
        counted = figures[unit_of_place(place)]["infringements"]["outcomes"]
        counted[outcome] = counted.get(outcome, 0) + n
    areas = GrowingAreaCode.objects.values_list("unit_id").annotate(
        issued=Count("pk", filter=Q(issued_on__range=(start, end))),
        active=Count("pk", filter=Q(issued_on__lte=end, status=GrowingAreaCode.Status.ACTIVE)),
    ).order_by()
    for unit, issued, active in areas:
        counted = figures[unit_of_place(unit)]["growing_areas"]
        counted["issued"] += issued
        counted["active"] += active

    _replication(scope, figures)
    return dict(figures)


def _replication(scope: YearScope, figures: dict[int, dict]) -> None:
    """Nominations against the plan's target (a replaced unit's counting for its successor, as on the
    board), their sites by status, and the results last measured at each site by ``as_of``."""
    if scope.plan is None:
        return
    nominations = {}
    for row in replication_quota(year=scope.year, as_of=scope.as_of, plan=scope.plan):
        counted = figures.setdefault(row.unit.pk, _empty())["replication"]
        counted["target_min"], counted["target_ideal"] = row.target_min, row.target_ideal
        for nomination in row.nominations:
            nominations[nomination.pk] = row.unit.pk
    for nomination in department_nominations(year=scope.year).filter(nominated_on__lte=scope.as_of):
        if nomination.unit_id in figures:
            nominations[nomination.pk] = nomination.unit_id

    latest = ProgressUpdate.objects.filter(site=OuterRef("pk"), on__lte=scope.as_of).order_by("-on", "-pk")
    sites = (
        ReplicationSite.objects.filter(nomination_id__in=nominations, started_on__lte=scope.as_of)
        .annotate(percent=Subquery(latest.values("percent")[:1]), benefit=Subquery(latest.values("benefit")[:1]),
                  people=Subquery(latest.values("people_reached")[:1]),
                  reached=Subquery(latest.values("units_reached")[:1]))
        .values_list("nomination_id", "status", "percent", "benefit", "people", "reached")
    )
    by_nomination: dict[int, list] = defaultdict(list)
    for nomination, status, percent, benefit, people, reached in sites:
        by_nomination[nomination].append((status, percent or 0))
        counted = figures[nominations[nomination]]["replication"]
        counted["sites"][status] = counted["sites"].get(status, 0) + 1
        counted["benefit"] += benefit or 0
        counted["people_reached"] += people or 0
        counted["units_reached"] += reached or 0
    for nomination in (ReplicationNomination.objects.filter(pk__in=nominations).select_related("initiative")
                       .order_by("nominated_on", "pk")):
        site_rows = by_nomination.get(nomination.pk, [])
        live = [percent for status, percent in site_rows if status != SiteStatus.ABANDONED]
        figures[nominations[nomination.pk]]["replication"]["nominations"].append({
            "initiative": nomination.initiative.title, "status": nomination.status, "sites": len(site_rows),
            "progress": round(sum(live) / len(live)) if live else 0,
        })


def unit_figures(*, unit: AdministrativeUnit, year: int, as_of: dt.date) -> dict:
    """One unit's figures for ``year`` up to ``as_of`` (the same counting as the province's)."""
    scope = year_scope(year=year, as_of=as_of)
    if all(u.pk != unit.pk for u in scope.units):
        scope.units.append(unit)
    return figures_by_unit(scope).get(unit.pk, _empty())


def total(figures: list[dict]) -> dict:
    """The sum of several units' figures (their nominations listed one after the other)."""
    summed = _empty()

    def add(into: dict, value: dict) -> None:
        for key, item in value.items():
            if isinstance(item, dict):
                add(into.setdefault(key, {}), item)
            elif isinstance(item, list):
                into.setdefault(key, []).extend(item)
            elif key not in ("target_min", "target_ideal"):
                into[key] = into.get(key, 0) + item

    for one in figures:
        add(summed, one)
    return summed


@dataclass
class Growth:
    year: int
    filed: int
    previous: int
    percent: Decimal | None
    met: bool | None


def registration_growth(*, year: int, as_of: dt.date, rate: Decimal = GROWTH_RATE, years: int = 5) -> list[Growth]:
    """Industrial-property registrations filed each of the ``years`` years to ``year`` against the year
    before, and whether the growth reached ``rate`` percent; a year not yet over (``as_of`` before its
    31 December) is compared with the same span a year earlier."""
    first = year - years + 1
    registrations = ProtectionApplication.objects.filter(kind=ApplicationKind.REGISTRATION,
                                                         asset__kind__in=INDUSTRIAL_PROPERTY_KINDS)
    by_year = dict(registrations.filter(filing_date__range=(dt.date(first - 1, 1, 1), as_of))
                   .annotate(filed_in=ExtractYear("filing_date")).values_list("filed_in")
                   .annotate(n=Count("pk")).order_by())
    same_span = registrations.filter(filing_date__range=(dt.date(as_of.year - 1, 1, 1),
                                                         as_of - relativedelta(years=1))).count()
    rows = []
    for one in range(first, year + 1):
        filed = by_year.get(one, 0)
        previous = same_span if one == as_of.year and as_of < dt.date(one, 12, 31) else by_year.get(one - 1, 0)
        percent = (Decimal(filed - previous) * 100 / previous).quantize(Decimal("0.1")) if previous else None
        rows.append(Growth(one, filed, previous, percent, None if percent is None else percent >= rate))
    return rows
