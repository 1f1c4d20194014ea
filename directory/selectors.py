"""Reads over the directory that depend on a date or on the user."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from directory.models import (
    COMMUNE_LEVEL_KINDS,
    DISTRICT_LEVEL_KINDS,
    OFFICER_UNIT_KINDS,
    AdministrativeUnit,
    Organisation,
    OrganisationPlacement,
    Role,
    RoleAssignment,
    UnitKind,
    UnitSuccession,
    reports_on_its_own,
)


def in_force_on(on: dt.date) -> Q:
    """The filter for units in force on ``on`` (``valid_to`` is the last day in force)."""
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))


def units_in_force(*, on: dt.date, kinds: Iterable[str] | None = None) -> QuerySet[AdministrativeUnit]:
    units = AdministrativeUnit.objects.filter(in_force_on(on)).select_related("parent")
    if kinds is not None:
        units = units.filter(kind__in=list(kinds))
    return units.order_by("kind", "name")


def district_level_units(*, on: dt.date, province: AdministrativeUnit | None = None) -> QuerySet[AdministrativeUnit]:
    """Cities, towns and districts in force on ``on`` (of one province if given); none after 30 June 2025."""
    units = units_in_force(on=on, kinds=DISTRICT_LEVEL_KINDS)
    if province is not None:
        units = units.filter(parent=province)
    return units.order_by("name")


def on_their_own_account() -> Q:
    """The units that work on their own account (see ``reports_on_its_own``), as a filter: a commune of a
    district is its district's part; one of the province of 1 July 2025, its own."""
    return Q(kind__in=OFFICER_UNIT_KINDS) & (~Q(kind__in=COMMUNE_LEVEL_KINDS) | Q(parent__kind=UnitKind.PROVINCE))


def district_level_unit_of(unit: AdministrativeUnit) -> AdministrativeUnit | None:
    """The unit whose records ``unit``'s are: itself or the nearest ancestor that works on its own account
    (a department, a district-level unit, a commune of the province since 1 July 2025)."""
    current: AdministrativeUnit | None = unit
    while current is not None:
        parent = current.parent
        if reports_on_its_own(current.kind, parent.kind if parent is not None else None):
            return current
        current = parent
    return None


# Units on dates, resolved in memory --------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class UnitNode:
    pk: int
    code: str
    name: str
    kind: str
    parent_id: int | None
    valid_from: dt.date
    valid_to: dt.date | None

    def in_force(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


# By database alias: (version of the units, the map built from them).
_unit_maps: dict[str, tuple[tuple, UnitMap]] = {}


def _units_version() -> tuple:
    """The newest historical row of the units and of their successions (its id and time), in one query."""
    connection = connections[router.db_for_read(AdministrativeUnit)]
    parts = []
    for model in (AdministrativeUnit, UnitSuccession):
        table = connection.ops.quote_name(model.history.model._meta.db_table)
        parts.append(f"(SELECT history_id || ' ' || history_date FROM {table} ORDER BY history_id DESC LIMIT 1)")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}")
        return tuple(cursor.fetchone())


class UnitMap:
    """Every unit and succession, read in two queries, to place any number of records on a date without a
    query per record: a few hundred units against tens of thousands of records."""

    def __init__(self):
        self.units = {row[0]: UnitNode(*row) for row in AdministrativeUnit.objects.values_list(
            "pk", "code", "name", "kind", "parent_id", "valid_from", "valid_to")}
        self.successions: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
        self.predecessors: dict[int, list[int]] = defaultdict(list)
        for predecessor, successor, effective_on in UnitSuccession.objects.values_list(
            "predecessor_id", "successor_id", "effective_on"
        ):
            self.successions[predecessor].append((effective_on, successor))
            self.predecessors[successor].append(predecessor)
        self.children: dict[int, list[int]] = defaultdict(list)
        for node in self.units.values():
            if node.parent_id is not None:
                self.children[node.parent_id].append(node.pk)

    def __getitem__(self, pk: int) -> UnitNode:
        return self.units[pk]

    @classmethod
    def current(cls) -> UnitMap:
        """The map as the database holds it now, built again only after the units or their successions
        changed (every change of either writes a historical row: one cheap query tells)."""
        alias, version = router.db_for_read(AdministrativeUnit), _units_version()
        cached = _unit_maps.get(alias)
        if cached is not None and cached[0] == version:
            return cached[1]
        unit_map = cls()
        _unit_maps[alias] = (version, unit_map)
        return unit_map

    def reporting(self, pk: int | None) -> int | None:
        """The unit ``pk``'s records are those of (see ``reports_on_its_own``); ``None`` for a province."""
        while pk is not None:
            node = self.units[pk]
            parent = self.units.get(node.parent_id) if node.parent_id is not None else None
            if reports_on_its_own(node.kind, parent.kind if parent else None):
                return pk
            pk = node.parent_id
        return None

    def successors_on(self, pk: int, on: dt.date) -> list[int]:
        """The units in force on ``on`` that hold ``pk``'s territory then: ``pk`` itself while in force; else
        its successors (a district-level unit left none of its own in 2025: its communes' successors)."""
        node = self.units[pk]
        if node.in_force(on):
            return [pk]
        if on < node.valid_from:
            return []
        found: list[int] = []
        # Only a succession from the day it ended carries its territory on (Lục Ngạn went on after ceding
        # nine communes to thị xã Chũ on 21/12/2024).
        later = [successor for effective_on, successor in self.successions.get(pk, ())
                 if node.valid_to < effective_on <= on]
        for successor in later or self.children.get(pk, ()):
            for unit in self.successors_on(successor, on):
                if unit not in found:
                    found.append(unit)
        return found

    def predecessors_on(self, pk: int, on: dt.date) -> list[int]:
        """The units in force on ``on`` whose territory ``pk`` later took over (thị xã Chũ on 1 June 2024:
        Lục Ngạn)."""
        found: list[int] = []
        for predecessor in self.predecessors.get(pk, ()):
            node = self.units[predecessor]
            for unit in ([predecessor] if node.in_force(on) else self.predecessors_on(predecessor, on)):
                if unit not in found:
                    found.append(unit)
        return found

    def reporting_on(self, pk: int, on: dt.date) -> list[int]:
        """The units in force on ``on`` that report for a record of unit ``pk``: one, or none where the unit
        did not exist yet, or several where its territory was divided (a district after 30 June 2025)."""
        found: list[int] = []
        for unit in self.successors_on(pk, on):
            reporting = self.reporting(unit)
            if reporting is None:
                continue
            candidates = [reporting] if self.units[reporting].in_force(on) else self.predecessors_on(reporting, on)
            for candidate in candidates:
                if candidate not in found:
                    found.append(candidate)
        return found

    def history_of(self, pk: int) -> set[int]:
        """``pk`` and every unit whose records it carries on: its predecessors, theirs, and the units their
        records were filed under (a commune of 1 July 2025: the district its territory came from)."""
        found, frontier = set(), [pk]
        while frontier:
            unit = frontier.pop()
            if unit in found:
                continue
            found.add(unit)
            frontier.extend(self.predecessors.get(unit, ()))
            reporting = self.reporting(unit)
            if reporting is not None:
                frontier.append(reporting)
        return found

    def within(self, pk: int, territory: int) -> bool:
        """Whether ``pk`` lies in ``territory``: under it, or formed from units that were."""
        seen, frontier = set(), [pk]
        while frontier:
            unit = frontier.pop()
            if unit in seen:
                continue
            seen.add(unit)
            ancestor: int | None = unit
            while ancestor is not None:
                if ancestor == territory:
                    return True
                ancestor = self.units[ancestor].parent_id
            frontier.extend(self.predecessors.get(unit, ()))
        return False

    def former_districts(self, pk: int) -> list[int]:
        """The district-level units a commune of 1 July 2025 was formed from (through its former communes)."""
        found = []
        for predecessor in self.predecessors.get(pk, ()):
            reporting = self.reporting(predecessor)
            if reporting is not None and reporting != pk and reporting not in found:
                found.append(reporting)
        return found


def successors_in_force(*, unit: AdministrativeUnit, on: dt.date) -> list[AdministrativeUnit]:
    """The units in force on ``on`` that took over ``unit`` (reporting units: a district's communes)."""
    units = UnitMap.current()
    ids = units.reporting_on(unit.pk, on)
    return sorted(AdministrativeUnit.objects.filter(pk__in=ids), key=lambda found: found.name)


def organisation_search(*, q: str = "", kind: str = "", unit: AdministrativeUnit | None = None
                        ) -> QuerySet[Organisation]:
    """Organisations by name (as typed), kind and unit (with its communes), by name."""
    organisations = organisation_list(unit=unit)
    if q:
        organisations = organisations.filter(name__icontains=q)
    if kind:
        organisations = organisations.filter(kind=kind)
    return organisations


def organisation_list(*, unit: AdministrativeUnit | None = None) -> QuerySet[Organisation]:
    organisations = Organisation.objects.select_related("unit")
    if unit is not None:
        organisations = organisations.filter(Q(unit=unit) | Q(unit__parent=unit))
    return organisations.order_by("name")


def unit_of_organisation_on(organisation: Organisation, on: dt.date) -> AdministrativeUnit:
    """The unit ``organisation`` belonged to on ``on`` (its span then; its current unit if none covers it)."""
    placement = (organisation.placements.select_related("unit")
                 .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gte=on))
                 .order_by("-valid_from").first())
    return placement.unit if placement is not None else organisation.unit


def not_in_force_message(*, unit: AdministrativeUnit, on: dt.date) -> str | None:
    """Why nothing dated ``on`` can be filed for ``unit``: it had ended, and the units in force that day
    that took it over. ``None`` while it is in force, or before it was (a date its predecessors held,
    which the counts resolve)."""
    if unit.valid_to is None or on <= unit.valid_to:
        return None
    day = on.strftime("%d/%m/%Y")
    successors = successors_in_force(unit=unit, on=on)
    names = ", ".join(successor.name for successor in successors) or _("không có đơn vị kế thừa")
    return _("%(unit)s đã hết hiệu lực sau ngày %(end)s; vào ngày %(day)s, địa bàn này thuộc: %(names)s.") % {
        "unit": unit.name, "end": unit.valid_to.strftime("%d/%m/%Y"), "day": day, "names": names}


class PlacedOn:
    """Where organisations stood on a date: the unit of each then, and the unit that reports for its records
    (in force that day). Two queries for any number of organisations, plus the unit map's check. Beyond
    ``LISTED`` organisations the queries read every one rather than send a list of thousands of ids."""

    LISTED = 200

    def __init__(self, on: dt.date, organisation_ids, *, unit_map: UnitMap | None = None):
        self.on = on
        self.units = unit_map or UnitMap.current()
        ids = set(organisation_ids) - {None}
        organisations = Organisation.objects.order_by()
        spans = OrganisationPlacement.objects.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gte=on),
        )
        if len(ids) <= self.LISTED:
            organisations, spans = organisations.filter(pk__in=ids), spans.filter(organisation_id__in=ids)
        self.unit_of = {pk: unit for pk, unit in organisations.values_list("pk", "unit_id") if pk in ids}
        self.unit_of.update((pk, unit) for pk, unit in spans.order_by("valid_from").values_list(
            "organisation_id", "unit_id") if pk in ids)

    def reporting(self, organisation_id: int | None) -> int | None:
        """The one unit a record of this organisation counts under that day; ``None`` if there is none, or
        several (a district-level organisation not yet moved after 30 June 2025)."""
        unit = self.unit_of.get(organisation_id)
        if unit is None:
            return None
        found = self.units.reporting_on(unit, self.on)
        return found[0] if len(found) == 1 else None

    def within(self, organisation_id: int | None, territory: int) -> bool:
        unit = self.unit_of.get(organisation_id)
        return unit is not None and self.units.within(unit, territory)


@dataclass(frozen=True)
class Issuer:
    """The department running the system on a date, and its province: named on the pages and reports."""

    department: str
    province: str


def issuer_on(on: dt.date) -> Issuer:
    from directory.units import SYSTEM_DEPARTMENTS

    unit = (AdministrativeUnit.objects.filter(in_force_on(on), code__in=SYSTEM_DEPARTMENTS)
            .select_related("parent").first())
    if unit is None:
        return Issuer(str(_("Sở Khoa học và Công nghệ")), "")
    return Issuer(unit.name, unit.parent.name if unit.parent_id else "")


# The reorganisation of 1 July 2025, as DOST finishes it ----------------------------------------------------

@dataclass
class ToPlace:
    """A record of an ended unit waiting to be placed in one in force, and the units it may go to."""

    item: object
    unit: AdministrativeUnit
    successors: list[AdministrativeUnit]
    since: dt.date  # the day after its unit ended


def _with_successors(items, unit_of, on: dt.date) -> list[ToPlace]:
    unit_map = UnitMap.current()
    successor_ids = {item.pk: unit_map.reporting_on(unit_of(item).pk, on) for item in items}
    units = AdministrativeUnit.objects.in_bulk({pk for ids in successor_ids.values() for pk in ids})
    return [ToPlace(item, unit_of(item), sorted((units[pk] for pk in successor_ids[item.pk]), key=lambda u: u.name),
                    unit_of(item).valid_to + dt.timedelta(days=1)) for item in items]


def organisations_to_move(*, on: dt.date) -> list[ToPlace]:
    """Organisations still in a unit that had ended by ``on`` (and not ended themselves), with the units in
    force that took their unit over: a district went to several communes, so DOST chooses."""
    organisations = list(Organisation.objects.filter(ended_on__isnull=True, unit__valid_to__lt=on)
                         .select_related("unit").order_by("unit__name", "name"))
    return _with_successors(organisations, lambda organisation: organisation.unit, on)


def officers_of_ended_units(*, on: dt.date) -> list[ToPlace]:
    """Unit officers bound to a unit that had ended by ``on``, with the units to re-bind them to."""
    assignments = list(RoleAssignment.objects.filter(role=Role.DISTRICT_OFFICER, unit__valid_to__lt=on)
                       .select_related("user", "unit").order_by("unit__name", "user__username"))
    return _with_successors(assignments, lambda assignment: assignment.unit, on)
