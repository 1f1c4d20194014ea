"""Reads of the IP registry: what a user may see, with the joins a page needs, and derived states."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.access import can_read_ip
from directory.models import COMMUNE_LEVEL_KINDS, DISTRICT_LEVEL_KINDS, AdministrativeUnit, OrganisationPlacement
from directory.search import search
from directory.selectors import PlacedOn
from ip_registry.models import (
    INDUSTRIAL_PROPERTY_KINDS,
    IN_FORCE_STATUSES,
    MARK_KINDS,
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
    Product,
    ProtectionApplication,
    Target,
    TargetIndicator,
)
from ip_registry.workflow import GRACE_PERIOD, MARK_TERM, RENEWAL_WINDOW, ApplicationKind, ApplicationStatus, Party


def _require_reader(user) -> None:
    if not can_read_ip(user):
        raise PermissionDenied


# Derived states -----------------------------------------------------------------------------------
# These read asset.applications and their steps; the selectors below prefetch both, so computing
# the status of a whole page costs no further query.

def application_status_on(application: ProtectionApplication, on: dt.date) -> str:
    """The status the application had at the end of the day ``on`` (its steps, in date order)."""
    status = ApplicationStatus.PREPARING
    for step in application.steps.all():
        if step.on <= on:
            status = step.to_status
    return status


def _granted_on(application: ProtectionApplication, on: dt.date) -> dt.date | None:
    """The day the application was granted, if it was granted by ``on`` and still stood then."""
    if application_status_on(application, on) != ApplicationStatus.GRANTED:
        return None
    return max(step.on for step in application.steps.all()
               if step.to_status == ApplicationStatus.GRANTED and step.on <= on)


def valid_until_on(asset: IPAsset, on: dt.date) -> dt.date | None:
    """The end of protection as it stood on ``on``: today's ``valid_until`` less renewals granted later."""
    if asset.valid_until is None:
        return None
    later_renewals = sum(
        1 for application in asset.applications.all()
        if application.kind == ApplicationKind.RENEWAL
        and application.status == ApplicationStatus.GRANTED
        and _granted_on(application, on) is None
    )
    return asset.valid_until - MARK_TERM * later_renewals


def asset_status(asset: IPAsset, on: dt.date | None = None) -> str:
    """What the asset's protection was on ``on`` (today by default), from its applications and dates."""
    on = on or timezone.localdate()
    applications = list(asset.applications.all())
    ended = [
        (granted, application.kind)
        for application in applications
        if application.kind in (ApplicationKind.TERMINATION, ApplicationKind.INVALIDATION)
        and (granted := _granted_on(application, on)) is not None
    ]
    if ended:
        _, kind = max(ended)
        return AssetStatus.INVALIDATED if kind == ApplicationKind.INVALIDATION else AssetStatus.TERMINATED

    registrations = [a for a in applications if a.kind == ApplicationKind.REGISTRATION]
    granted = any(_granted_on(a, on) for a in registrations) or (
        # A title granted before the registry was kept, entered with its grant date only.
        not registrations and asset.grant_date is not None and asset.grant_date <= on
    )
    if granted:
        until = valid_until_on(asset, on)
        if until is None:
            return AssetStatus.PROTECTED
        if asset.kind not in MARK_KINDS:
            return AssetStatus.PROTECTED if on <= until else AssetStatus.EXPIRED
        if on < until - RENEWAL_WINDOW:
            return AssetStatus.PROTECTED
        if on <= until:
            return AssetStatus.RENEWAL_DUE
        if on <= until + GRACE_PERIOD:
            return AssetStatus.GRACE_PERIOD
        return AssetStatus.EXPIRED

    if registrations:
        latest = max(registrations, key=lambda a: (a.filing_date or dt.date.max, a.pk))
        status = application_status_on(latest, on)
        if status == ApplicationStatus.REFUSED:
            return AssetStatus.REFUSED
        if status in (ApplicationStatus.WITHDRAWN, ApplicationStatus.LAPSED):
            return AssetStatus.WITHDRAWN
    return AssetStatus.PENDING


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


def asset_list(*, user, filters: AssetFilters | None = None, on: dt.date | None = None) -> list[IPAsset]:
    """The assets matching ``filters``, each with ``.status`` set for the day ``on`` (today)."""
    _require_reader(user)
    filters = filters or AssetFilters()
    on = on or timezone.localdate()
    assets = _assets_with_timeline()
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
        assets = search(assets, filters.q, "name", "product__name", "owner__name", "managing_organisation__name",
                        "certificate_number")
    result = []
    for asset in assets.order_by("kind", "name"):
        asset.status = asset_status(asset, on)
        if not filters.status or asset.status == filters.status:
            result.append(asset)
    return result


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
    asset.status = asset_status(asset)
    return asset


def application_detail(*, user, pk: int) -> ProtectionApplication:
    _require_reader(user)
    try:
        return (
            ProtectionApplication.objects.select_related("asset", "applicant")
            .prefetch_related(
                Prefetch("steps", queryset=ApplicationStep.objects.select_related("document", "recorded_by")
                         .order_by("on", "pk")),
                Prefetch("deadlines", queryset=Deadline.objects.order_by("due_date", "pk")),
            )
            .get(pk=pk)
        )
    except ProtectionApplication.DoesNotExist:
        raise Http404 from None


def document_for_download(*, user, pk: int) -> Document:
    _require_reader(user)
    try:
        return Document.objects.select_related("asset").get(pk=pk)
    except Document.DoesNotExist:
        raise Http404 from None


# Deadlines ----------------------------------------------------------------------------------------

@dataclass
class DueDeadlines:
    on: dt.date
    horizon: dt.date
    by_party: dict[str, list[Deadline]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(len(rows) for rows in self.by_party.values())


def live_deadlines(*, on: dt.date) -> QuerySet[Deadline]:
    """Open deadlines, less opposition windows already over: a window for third parties obliges nobody."""
    return Deadline.objects.filter(state=DeadlineState.OPEN).exclude(party=Party.THIRD_PARTY, due_date__lt=on)


def deadlines_due(*, user, on: dt.date | None = None, days: int = 30) -> DueDeadlines:
    """Open deadlines overdue or due within ``days``, grouped by who must act, soonest first."""
    _require_reader(user)
    on = on or timezone.localdate()
    horizon = on + dt.timedelta(days=days)
    rows = (
        live_deadlines(on=on).filter(due_date__lte=horizon)
        .select_related("application__asset", "application__applicant")
        .order_by("due_date", "pk")
    )
    result = DueDeadlines(on=on, horizon=horizon)
    for deadline in rows:
        deadline.overdue = deadline.due_date < on
        deadline.days_left = (deadline.due_date - on).days
        result.by_party.setdefault(deadline.party, []).append(deadline)
    return result


# Targets ------------------------------------------------------------------------------------------

INDICATOR_KIND = {
    TargetIndicator.GI_IN_FORCE: AssetKind.GEOGRAPHICAL_INDICATION,
    TargetIndicator.CERTIFICATION_MARKS_IN_FORCE: AssetKind.CERTIFICATION_MARK,
    TargetIndicator.COLLECTIVE_MARKS_IN_FORCE: AssetKind.COLLECTIVE_MARK,
}


@dataclass
class TargetProgress:
    target: Target
    reached: Decimal | None
    percent: Decimal | None
    # (district-level unit name, count) for the assets in force or applications filed.
    by_unit: list[tuple[str, int]]
    detail: str = ""


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

    A right counts while protected, due for renewal or in its grace period. Application growth
    compares registrations filed from 1 January to ``as_of`` with the same span a year earlier. A record
    counts under the unit its organisation had that day (or the unit in force then that took it over), and
    toward a target only if that unit lies in the target's territory.
    """
    targets = list(Target.objects.order_by("due_date", "indicator"))
    assets = list(_assets_with_timeline().filter(kind__in=INDICATOR_KIND.values()))
    in_force: dict[str, list[IPAsset]] = defaultdict(list)
    for asset in assets:
        if asset_status(asset, as_of) in IN_FORCE_STATUSES:
            in_force[asset.kind].append(asset)

    year_start = as_of.replace(month=1, day=1)
    previous_start, previous_end = year_start - relativedelta(years=1), as_of - relativedelta(years=1)
    filed = list(
        ProtectionApplication.objects.filter(
            kind=ApplicationKind.REGISTRATION, asset__kind__in=INDUSTRIAL_PROPERTY_KINDS,
        ).filter(
            Q(filing_date__range=(year_start, as_of)) | Q(filing_date__range=(previous_start, previous_end))
        ).only("filing_date", "applicant_id")
    )
    owners = {getattr(asset.responsible_organisation, "pk", None) for asset in assets}
    placed = PlacedOn(as_of, owners | {application.applicant_id for application in filed})

    def counted(organisation_id, target) -> bool:
        return target.territory_id is None or placed.within(organisation_id, target.territory_id)

    progress = []
    for target in targets:
        if target.indicator in INDICATOR_KIND:
            owners_in_force = [getattr(asset.responsible_organisation, "pk", None)
                               for asset in in_force[INDICATOR_KIND[target.indicator]]]
            owners_in_force = [owner for owner in owners_in_force if counted(owner, target)]
            by_unit = Counter(_unit_name(placed, owner) for owner in owners_in_force)
            reached = Decimal(len(owners_in_force))
            progress.append(TargetProgress(target, reached, _percent(reached, target.value),
                                           sorted(by_unit.items())))
        else:
            this_year = [a.applicant_id for a in filed if a.filing_date >= year_start and counted(a.applicant_id, target)]
            last_year_count = sum(1 for a in filed if a.filing_date < year_start and counted(a.applicant_id, target))
            by_unit = Counter(_unit_name(placed, applicant) for applicant in this_year)
            growth = None
            if last_year_count:
                growth = (Decimal(len(this_year) - last_year_count) * 100 / last_year_count).quantize(Decimal("0.1"))
            detail = f"{len(this_year)} / {last_year_count}"
            progress.append(TargetProgress(target, growth, _percent(growth, target.value),
                                           sorted(by_unit.items()), detail))
    return progress


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
