"""Reads of the IP registry: what a user may see, with the joins a page needs, and derived states."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, FilteredRelation, Prefetch, Q, QuerySet, TextChoices
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.access import can_read_ip
from directory.models import COMMUNE_LEVEL_KINDS, DISTRICT_LEVEL_KINDS, AdministrativeUnit, OrganisationPlacement
from directory.search import search_text
from directory.selectors import PlacedOn
from ip_registry import workflow
from ip_registry.models import (
    INDUSTRIAL_PROPERTY_KINDS,
    ApplicationStep,
    AssetKind,
    AssetStatus,
    Deadline,
    DeadlineState,
    Document,
    GrowingAreaCode,
    InfringementCase,
    InfringementStep,
    IPAsset,
    Opposition,
    Product,
    ProtectionApplication,
    ProtectionSpan,
    Target,
    TargetIndicator,
)
from ip_registry.workflow import ApplicationKind, Party


def _require_reader(user) -> None:
    if not can_read_ip(user):
        raise PermissionDenied


# Derived states -----------------------------------------------------------------------------------
# The rules live beside the workflow table (``ip_registry.workflow``); the database reads them from the
# protection spans the services keep. ``asset_status`` reads an asset's applications instead: the rule
# itself, which the tests hold the database to.

def asset_status(asset: IPAsset, on: dt.date | None = None) -> str:
    """What the asset's protection was on ``on`` (today by default), from its applications and dates."""
    return workflow.asset_status(asset, on or timezone.localdate())


SPAN_ON = "span_on"


def covering(on: dt.date, prefix: str = "") -> Q:
    """The protection spans (at ``prefix``) that cover the day ``on``."""
    return Q(**{f"{prefix}starts_on__lte": on}) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": on}))


def with_status(assets: QuerySet[IPAsset], on: dt.date) -> QuerySet[IPAsset]:
    """``assets`` with ``status`` as it was on ``on``: joined to the span that covered that day."""
    span = FilteredRelation("spans", condition=covering(on, "spans__"))
    return assets.annotate(**{SPAN_ON: span}).annotate(status=workflow.status_case(on, f"{SPAN_ON}__"))


def having_status(assets: QuerySet[IPAsset], status: str, on: dt.date) -> QuerySet[IPAsset]:
    """The ``assets`` whose status on ``on`` was ``status``: the spans that say so, read from their index
    (an asset with no span that day is pending)."""
    spans = ProtectionSpan.objects.filter(covering(on))
    if status == AssetStatus.PENDING:
        return assets.exclude(pk__in=spans.exclude(basis=workflow.Basis.PENDING).values("asset_id"))
    return assets.filter(pk__in=spans.filter(workflow.status_filter(status, on, "")).values("asset_id"))


# Assets -------------------------------------------------------------------------------------------

def _assets_with_timeline() -> QuerySet[IPAsset]:
    steps = ApplicationStep.objects.order_by("on", "pk")
    applications = ProtectionApplication.objects.prefetch_related(Prefetch("steps", queryset=steps))
    return IPAsset.objects.select_related(
        "product", "owner__unit__parent", "managing_organisation__unit__parent",
    ).prefetch_related(Prefetch("applications", queryset=applications))


@dataclass
class AssetFilters:
    kind: str = ""
    status: str = ""
    unit: AdministrativeUnit | None = None
    owner_id: int | None = None
    product_id: int | None = None
    q: str = ""


def asset_list(*, user, filters: AssetFilters | None = None, on: dt.date | None = None) -> QuerySet[IPAsset]:
    """The assets matching ``filters`` (the status as it was on ``on``, today by default), in the list's
    order. Filtering, counting and cutting pages are the database's; ``asset_rows`` then reads a page's rows
    in full, with their status."""
    _require_reader(user)
    filters = filters or AssetFilters()
    on = on or timezone.localdate()
    assets = IPAsset.objects.all()
    if filters.kind:
        assets = assets.filter(kind=filters.kind)
    if filters.unit is not None:
        unit = filters.unit
        # An owner placed there at any time counts (Lục Ngạn's marks stay Lục Ngạn's after their owners moved).
        placed = OrganisationPlacement.objects.filter(Q(unit=unit) | Q(unit__parent=unit)).values("organisation")
        matching_ids = IPAsset.objects.filter(
            Q(owner__in=placed) | Q(managing_organisation__in=placed) | Q(area_units=unit) | Q(area_units__parent=unit)
        ).values("pk")
        assets = assets.filter(pk__in=matching_ids)
    if filters.owner_id:
        assets = assets.filter(Q(owner_id=filters.owner_id) | Q(managing_organisation_id=filters.owner_id))
    if filters.product_id:
        assets = assets.filter(product_id=filters.product_id)
    if filters.q:
        assets = search_text(assets, filters.q)
    if filters.status:
        assets = having_status(assets, filters.status, on)
    return assets.order_by(*ASSET_ORDER)


ASSET_ORDER = ("kind", "name", "pk")


def asset_rows(ids: list[int], *, on: dt.date | None = None) -> list[IPAsset]:
    """The assets ``ids`` (a page of ``asset_list``) in full, in that order, each with its status on ``on``."""
    rows = with_status(IPAsset.objects.select_related("product", "owner", "managing_organisation")
                       .defer("search_text").filter(pk__in=ids), on or timezone.localdate())
    return list(rows.order_by(*ASSET_ORDER))


def asset_detail(*, user, pk: int) -> IPAsset:
    _require_reader(user)
    steps = ApplicationStep.objects.select_related("document", "recorded_by").order_by("on", "pk")
    deadlines = Deadline.objects.order_by("due_date", "pk")
    applications = ProtectionApplication.objects.select_related("applicant").prefetch_related(
        Prefetch("steps", queryset=steps), Prefetch("deadlines", queryset=deadlines),
    )
    try:
        asset = (
            IPAsset.objects.select_related("product", "owner__unit", "managing_organisation__unit")
            .prefetch_related(
                Prefetch("applications", queryset=applications),
                "area_units",
                Prefetch("documents", queryset=Document.objects.select_related("uploaded_by")),
                "infringements__place", "infringements__steps",
                "growing_area_codes__unit",
            )
            .get(pk=pk)
        )
    except IPAsset.DoesNotExist:
        raise Http404 from None
    asset.status = asset_status(asset)  # the rule itself, over the applications and steps just read
    return asset


@dataclass
class ApplicationFilters:
    kind: str = ""
    status: str = ""
    year: int | None = None
    q: str = ""


def application_list(*, user, filters: ApplicationFilters | None = None) -> QuerySet[ProtectionApplication]:
    """Applications and requests of every kind, newest filing first, filtered in the database."""
    _require_reader(user)
    filters = filters or ApplicationFilters()
    applications = ProtectionApplication.objects.select_related("asset", "applicant")
    if filters.kind:
        applications = applications.filter(kind=filters.kind)
    if filters.status:
        applications = applications.filter(status=filters.status)
    if filters.year:
        applications = applications.filter(filing_date__year=filters.year)
    if filters.q:
        matching = search_text(IPAsset.objects.all(), filters.q).values("pk")
        applications = applications.filter(Q(asset__in=matching) | Q(application_number__icontains=filters.q))
    return applications.order_by(F("filing_date").desc(nulls_last=True), "-pk")


@dataclass
class InfringementFilters:
    outcome: str = ""
    open_only: bool = False
    year: int | None = None


def infringement_list(*, user, filters: InfringementFilters | None = None) -> QuerySet[InfringementCase]:
    _require_reader(user)
    filters = filters or InfringementFilters()
    cases = InfringementCase.objects.select_related("asset", "place")
    if filters.outcome:
        cases = cases.filter(outcome=filters.outcome)
    if filters.open_only:
        cases = cases.filter(closed_on__isnull=True)
    if filters.year:
        cases = cases.filter(reported_on__year=filters.year)
    return cases.order_by("-reported_on", "-pk")


def application_detail(*, user, pk: int) -> ProtectionApplication:
    _require_reader(user)
    try:
        return (
            ProtectionApplication.objects.select_related("asset", "applicant", "new_owner", "previous_owner")
            .prefetch_related(
                Prefetch("steps", queryset=ApplicationStep.objects.select_related("document", "recorded_by")
                         .order_by("on", "pk")),
                Prefetch("deadlines", queryset=Deadline.objects.order_by("due_date", "pk")),
                "oppositions",
                "opinions",
            )
            .get(pk=pk)
        )
    except ProtectionApplication.DoesNotExist:
        raise Http404 from None


def opposition_detail(*, user, pk: int) -> Opposition:
    _require_reader(user)
    try:
        return Opposition.objects.select_related("application__asset").get(pk=pk)
    except Opposition.DoesNotExist:
        raise Http404 from None


def document_for_download(*, user, pk: int) -> Document:
    """A document on offer: a withdrawn one is kept but no longer served."""
    _require_reader(user)
    try:
        return Document.objects.select_related("asset").get(pk=pk, withdrawn_at__isnull=True)
    except Document.DoesNotExist:
        raise Http404 from None


# Deadlines ----------------------------------------------------------------------------------------

# How far ahead an open deadline counts as coming up: the "due soon" list and the home page read the same days.
DUE_SOON_DAYS = 30


class Due(TextChoices):
    """The two halves of the "due soon" list, each a link of its own on the home page."""

    OVERDUE = "overdue", _("Quá hạn")
    UPCOMING = "upcoming", _("Sắp đến hạn")


@dataclass
class DueDeadlines:
    on: dt.date
    horizon: dt.date
    rows: QuerySet[Deadline]  # soonest first, of the party and half asked for (none asked: all)
    by_party: dict[str, int]  # how many each party has in the half asked for, whichever party was asked for
    by_due: dict[str, int]  # how many are overdue and how many upcoming, of the party asked for

    @property
    def total(self) -> int:
        return sum(self.by_party.values())


def live_deadlines(*, on: dt.date) -> QuerySet[Deadline]:
    """Open deadlines, less opposition windows already over: a window for third parties obliges nobody."""
    return Deadline.objects.filter(state=DeadlineState.OPEN).exclude(party=Party.THIRD_PARTY, due_date__lt=on)


def deadlines_due(*, user, on: dt.date | None = None, days: int = DUE_SOON_DAYS, party: str = "",
                  due: str = "") -> DueDeadlines:
    """Open deadlines overdue or due within ``days`` (only those overdue, or only those to come, if ``due``
    says), soonest first (of ``party``, if named), and how many each party and each half has: counted (in
    one query) and paged by the database."""
    _require_reader(user)
    on = on or timezone.localdate()
    horizon = on + dt.timedelta(days=days)
    halves = {Due.OVERDUE.value: Q(due_date__lt=on), Due.UPCOMING.value: Q(due_date__gte=on)}
    listed = live_deadlines(on=on).filter(due_date__lte=horizon)
    counts = list(listed.order_by().values("party").annotate(
        **{half: Count("pk", filter=condition) for half, condition in halves.items()}))
    by_party = {row["party"]: row[due] if due in halves else sum(row[half] for half in halves) for row in counts}
    by_due = {half: sum(row[half] for row in counts if not party or row["party"] == party) for half in halves}
    if due in halves:
        listed = listed.filter(halves[due])
    rows = (listed.filter(party=party) if party else listed).select_related(
        "application__asset", "application__applicant").order_by("due_date", "pk")
    return DueDeadlines(on=on, horizon=horizon, rows=rows, by_party={p: n for p, n in by_party.items() if n},
                        by_due=by_due)


# Targets ------------------------------------------------------------------------------------------

INDICATOR_KIND = {
    TargetIndicator.GI_IN_FORCE: AssetKind.GEOGRAPHICAL_INDICATION,
    TargetIndicator.CERTIFICATION_MARKS_IN_FORCE: AssetKind.CERTIFICATION_MARK,
    TargetIndicator.COLLECTIVE_MARKS_IN_FORCE: AssetKind.COLLECTIVE_MARK,
}


@dataclass
class YearGrowth:
    """One year of the "+5% applications a year" target: registrations filed that year (to the day asked, in
    the year of that day) against the same span of the year before."""

    year: int
    filed: int
    previous: int
    growth: Decimal | None  # in percent, e.g. 4.2; none without filings the year before
    met: bool | None
    to_date: dt.date | None = None  # the year so far: the span compared ends on this day


@dataclass
class TargetProgress:
    target: Target
    reached: Decimal | None
    # A count target: how far along, in percent of its value. A growth target has none: each year is met or not.
    percent: Decimal | None
    # (district-level unit name, count) for the assets in force or applications filed.
    by_unit: list[tuple[str, int]]
    detail: str = ""
    met: bool | None = None
    years: list[YearGrowth] = field(default_factory=list)


UNPLACED = _("Chưa xác định đơn vị")


def _unit_name(placed: PlacedOn, organisation_id: int | None) -> str:
    """The unit a record counts under on the day asked (see ``PlacedOn.reporting``)."""
    unit = placed.reporting(organisation_id)
    return placed.units[unit].name if unit is not None else str(UNPLACED)


def _percent(reached, goal) -> Decimal | None:
    if reached is None or not goal:
        return None
    return (Decimal(reached) * 100 / Decimal(goal)).quantize(Decimal("0.1"))


def target_progress(*, as_of: dt.date) -> list[TargetProgress]:
    """Every target with the value reached on ``as_of``: assets in force that day, not today.

    A right counts while protected, due for renewal, in its grace period or with its renewal pending.
    Application growth is yearly: for each of the target's years up to ``as_of``, registrations filed that
    year against the year before (in the year of ``as_of``, from 1 January to that day against the same span
    a year earlier), met when the growth reaches the target's percent. A record
    counts under the unit its organisation had that day (or the unit in force then that took it over), and
    toward a target only if that unit lies in the target's territory. Counted by the database, by
    organisation; the organisations are then placed (a few hundred, not the records).
    """
    targets = list(Target.objects.order_by("due_date", "indicator"))
    in_force = (
        ProtectionSpan.objects.filter(covering(as_of), workflow.in_force_filter(as_of, ""),
                                      kind__in=INDICATOR_KIND.values())
        .values_list("kind", "organisation").annotate(count=Count("pk")).order_by()
    )
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for kind, organisation, count in in_force:
        by_kind[kind][organisation] += count

    # Registrations by year and applicant: whole years since the earliest growth target's first year, less one;
    # and the year before the day asked, to the same day.
    first_year = min((target.due_date.year - GROWTH_YEARS + 1 for target in targets
                      if target.indicator not in INDICATOR_KIND), default=as_of.year) - 1
    others = IPAsset.objects.filter(kind__in=set(AssetKind.values) - INDUSTRIAL_PROPERTY_KINDS).values("pk")
    registrations = ProtectionApplication.objects.filter(kind=ApplicationKind.REGISTRATION).exclude(
        asset_id__in=others)
    by_year: dict[int, Counter] = defaultdict(Counter)
    for year, applicant, count in (
        registrations.filter(filing_date__gte=dt.date(first_year, 1, 1), filing_date__lte=as_of)
        .annotate(year=ExtractYear("filing_date")).values_list("year", "applicant_id")
        .annotate(count=Count("pk")).order_by()
    ):
        by_year[year][applicant] += count
    same_span = Counter(dict(
        registrations.filter(filing_date__range=(as_of.replace(month=1, day=1) - relativedelta(years=1),
                                                 as_of - relativedelta(years=1)))
        .values_list("applicant_id").annotate(count=Count("pk")).order_by()))
    organisations = {pk for counts in (*by_year.values(), same_span, *by_kind.values()) for pk in counts}
    placed = PlacedOn(as_of, organisations)

    def counted(counts: Counter, target) -> Counter:
        if target.territory_id is None:
            return counts
        return Counter({pk: n for pk, n in counts.items() if placed.within(pk, target.territory_id)})

    def by_unit(counts: Counter) -> list[tuple[str, int]]:
        units: Counter = Counter()
        for organisation, n in counts.items():
            units[_unit_name(placed, organisation)] += n
        return sorted(units.items())

    progress = []
    for target in targets:
        if target.indicator in INDICATOR_KIND:
            counts = counted(by_kind[INDICATOR_KIND[target.indicator]], target)
            reached = Decimal(sum(counts.values()))
            progress.append(TargetProgress(target, reached, _percent(reached, target.value), by_unit(counts)))
        else:
            years = []
            for year in range(target.due_date.year - GROWTH_YEARS + 1, min(target.due_date.year, as_of.year) + 1):
                to_date = as_of if year == as_of.year else None
                filed = sum(counted(by_year[year], target).values())
                previous = sum(counted(same_span if to_date else by_year[year - 1], target).values())
                growth = (Decimal(filed - previous) * 100 / previous).quantize(Decimal("0.1")) if previous else None
                years.append(YearGrowth(year, filed, previous, growth,
                                        None if growth is None else growth >= target.value, to_date))
            latest = years[-1] if years else None
            progress.append(TargetProgress(
                target, latest.growth if latest else None, None,
                by_unit(counted(by_year[latest.year], target)) if latest else [],
                f"{latest.filed} / {latest.previous}" if latest else "", latest.met if latest else None, years))
    return progress


# A growth target is yearly: its years are those up to its due date (Directive 01: 2021–2025).
GROWTH_YEARS = 5


# Choices and lists for the pages -----------------------------------------------------------------

def product_list(*, user) -> QuerySet[Product]:
    _require_reader(user)
    return Product.objects.order_by("name")


# Assets, cases and codes are recorded against district-level units and communes, never the province.
REGISTRY_UNIT_KINDS = (*DISTRICT_LEVEL_KINDS, *COMMUNE_LEVEL_KINDS)


def registry_units(*, user) -> QuerySet[AdministrativeUnit]:
    """District-level units and communes, those no longer in force included: old records keep them."""
    _require_reader(user)
    return AdministrativeUnit.objects.filter(kind__in=REGISTRY_UNIT_KINDS).select_related("parent").order_by(
        "name", "valid_from"
    )


def infringement_detail(*, user, pk: int) -> InfringementCase:
    _require_reader(user)
    try:
        return (
            InfringementCase.objects.select_related("asset", "place")
            .prefetch_related(Prefetch("steps", queryset=InfringementStep.objects.order_by("on", "pk")))
            .get(pk=pk)
        )
    except InfringementCase.DoesNotExist:
        raise Http404 from None


@dataclass
class GrowingAreaFilters:
    product_id: int | None = None
    export_market: str = ""
    status: str = ""


def growing_area_list(*, user, filters: GrowingAreaFilters | None = None) -> QuerySet[GrowingAreaCode]:
    """Growing-area codes matching ``filters``, with their product, unit and asset joined in."""
    _require_reader(user)
    filters = filters or GrowingAreaFilters()
    codes = GrowingAreaCode.objects.select_related("product", "unit__parent", "asset")
    if filters.product_id:
        codes = codes.filter(product_id=filters.product_id)
    if filters.export_market:
        codes = codes.filter(export_market=filters.export_market)
    if filters.status:
        codes = codes.filter(status=filters.status)
    return codes.order_by("code")


def growing_area_markets(*, user) -> list[str]:
    """The export markets codes have been issued for, for the filter."""
    _require_reader(user)
    return list(
        GrowingAreaCode.objects.order_by("export_market").values_list("export_market", flat=True).distinct()
    )
