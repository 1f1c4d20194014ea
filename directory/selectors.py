"""Reads over the directory that depend on a date or on the user."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from directory.models import DISTRICT_LEVEL_KINDS, AdministrativeUnit, Organisation, UnitSuccession


def in_force_on(on: dt.date) -> Q:
    """The filter for units in force on ``on`` (``valid_to`` is the last day in force)."""
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))


def units_in_force(*, on: dt.date, kinds: Iterable[str] | None = None) -> QuerySet[AdministrativeUnit]:
    units = AdministrativeUnit.objects.filter(in_force_on(on)).select_related("parent")
    if kinds is not None:
        units = units.filter(kind__in=list(kinds))
    return units.order_by("kind", "name")


def district_level_units(*, on: dt.date) -> QuerySet[AdministrativeUnit]:
    """Cities, towns and districts in force on ``on``: the units that reports and quotas count."""
    return units_in_force(on=on, kinds=DISTRICT_LEVEL_KINDS).order_by("name")


def unit_successor(*, unit: AdministrativeUnit, on: dt.date) -> AdministrativeUnit | None:
    """The unit in force on ``on`` that took over ``unit``'s territory (``unit`` itself if still in force).

    Follows the succession rows forward (huyện Việt Yên → thị xã Việt Yên; Yên Dũng → thành phố Bắc
    Giang). Where a unit left no successor in force (the district level ended on 1 July 2025), the
    successor of its parent stands for it. Of several successors, the one formed earliest is taken.
    Returns ``None`` before the unit existed.
    """
    if on < unit.valid_from:
        return None
    seen: set[int] = set()
    frontier = [unit]
    while frontier:
        candidate = frontier.pop(0)
        if candidate.pk in seen:
            continue
        seen.add(candidate.pk)
        if candidate.is_in_force(on):
            return candidate
        successions = (
            UnitSuccession.objects.filter(predecessor=candidate, effective_on__lte=on)
            .select_related("successor")
            .order_by("effective_on", "successor__valid_from", "successor__pk")
        )
        frontier.extend(succession.successor for succession in successions)
    if unit.parent_id:
        return unit_successor(unit=unit.parent, on=on)
    return None


def district_level_unit_of(unit: AdministrativeUnit) -> AdministrativeUnit | None:
    """The district-level unit (or department) a unit belongs to: itself, or the nearest such ancestor."""
    current: AdministrativeUnit | None = unit
    while current is not None:
        if current.kind in (*DISTRICT_LEVEL_KINDS, "department"):
            return current
        current = current.parent
    return None


def organisation_list(*, unit: AdministrativeUnit | None = None) -> QuerySet[Organisation]:
    organisations = Organisation.objects.select_related("unit")
    if unit is not None:
        organisations = organisations.filter(Q(unit=unit) | Q(unit__parent=unit))
    return organisations.order_by("name")
