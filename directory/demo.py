"""Demo data for the directory: the real units and their dated changes, organisations, one user per role.

Loaded by ``python manage.py load_demo_data`` through the services, so it is recorded in the history
like any other change. Loading twice changes nothing (every write is an upsert on a natural key).
"""

from __future__ import annotations

import datetime as dt

from directory import services, units
from directory.models import AdministrativeUnit, Organisation, OrganisationKind, Role
from directory.search import fold
from directory.selectors import UnitMap

D = dt.date


ORGANISATIONS = [
    ("Sở Khoa học và Công nghệ tỉnh Bắc Giang", OrganisationKind.STATE_BODY, "bg.so-khcn"),
    ("Ủy ban nhân dân tỉnh Bắc Giang", OrganisationKind.STATE_BODY, "bg"),
    ("Ủy ban nhân dân huyện Lục Nam", OrganisationKind.STATE_BODY, "bg.luc-nam"),
    ("Ủy ban nhân dân huyện Lục Ngạn", OrganisationKind.STATE_BODY, "bg.luc-ngan"),
    ("Ủy ban nhân dân huyện Yên Thế", OrganisationKind.STATE_BODY, "bg.yen-the"),
    ("Hội Sản xuất và Tiêu thụ vải thiều Lục Ngạn", OrganisationKind.PRODUCER_ASSOCIATION, "bg.luc-ngan"),
    ("Hợp tác xã Nông nghiệp Phượng Sơn", OrganisationKind.COOPERATIVE, "bg.tx-chu.phuong-son"),
    ("Hội Chăn nuôi và Tiêu thụ gà đồi Yên Thế", OrganisationKind.PRODUCER_ASSOCIATION, "bg.yen-the"),
    ("Hợp tác xã Mỳ Chũ", OrganisationKind.COOPERATIVE, "bg.tx-chu.chu"),
    ("Trường THCS Thị trấn Đồi Ngô", OrganisationKind.SCHOOL, "bg.luc-nam"),
    # The province of 1 July 2025 and its bodies.
    ("Sở Khoa học và Công nghệ tỉnh Bắc Ninh", OrganisationKind.STATE_BODY, "bn.so-khcn"),
    ("Ủy ban nhân dân tỉnh Bắc Ninh", OrganisationKind.STATE_BODY, "bn"),
    ("Ủy ban nhân dân xã Lục Nam", OrganisationKind.STATE_BODY, "bn.luc-nam"),
]

MERGER_DAY = units.MERGED_PROVINCE_FROM
LAST_DAY = units.LAST_DAY_OF_DISTRICT_LEVEL
# Bodies that ended with their unit: the People's Committees (and their offices) of the communes, districts
# and province merged away, and the old province's departments.
ENDED_WITH_THEIR_UNIT = tuple(fold(marker) for marker in ("Ủy ban nhân dân", "Văn phòng HĐND và UBND", "tỉnh Bắc Giang"))
REORGANISATION_REASON = ("Sắp xếp đơn vị hành chính từ 01/07/2025 (Nghị quyết 202/2025/QH15, Nghị quyết "
                         "1658/NQ-UBTVQH15): chuyển tổ chức về đơn vị hành chính mới")

DEMO_PASSWORD = "BacGiang@2021"

# username, full name, role, unit code (unit officers only)
USERS = [
    ("ip_officer", "Nguyễn Thị Hương (Sở KH&CN)", Role.IP_OFFICER, None),
    ("commune_lucngan", "Nguyễn Văn Hải (UBND xã Lục Ngạn)", Role.DISTRICT_OFFICER, "bn.luc-ngan"),
    ("commune_phuongson", "Hà Thị Mai (UBND phường Phượng Sơn)", Role.DISTRICT_OFFICER, "bn.phuong-son"),
    ("commune_bacgiang", "Đặng Văn Long (UBND phường Bắc Giang)", Role.DISTRICT_OFFICER, "bn.bac-giang"),
    # Officers of district-level units that ended on 30/06/2025, not yet bound to a unit in force.
    ("district_lucngan", "Trần Văn Minh (UBND huyện Lục Ngạn)", Role.DISTRICT_OFFICER, "bg.luc-ngan"),
    ("district_yenthe", "Lê Thị Thu (UBND huyện Yên Thế)", Role.DISTRICT_OFFICER, "bg.yen-the"),
    ("district_education", "Phạm Quang Huy (Sở GD&ĐT)", Role.DISTRICT_OFFICER, "bg.so-gddt"),
    ("council_secretary", "Đỗ Thị Lan (Thư ký hội đồng sáng kiến)", Role.COUNCIL_SECRETARY, None),
    ("auditor", "Hoàng Văn Nam (Thanh tra)", Role.AUDITOR, None),
    ("admin", "Vũ Đức Anh (Quản trị hệ thống)", Role.ADMINISTRATOR, None),
]
# The Department of Education's officer was re-bound to the merged department.
REBOUND = {"district_education": ("bn.so-gddt", "Sở Giáo dục và Đào tạo hợp nhất từ 01/07/2025")}


def load(*, actor) -> dict[str, str]:
    """Load the directory's demo data; returns the demo log-ins (username → role)."""
    units = load_units(actor=actor)
    load_organisations(actor=actor, units=units)
    reorganise(actor=actor)
    return load_users(actor=actor, units=units)


def load_units(*, actor) -> dict:
    """The units of the official lists (``directory.units``), with their dates and successions; by code."""
    services.administrative_units_sync(actor=actor, data=units.read())
    return {unit.code: unit for unit in AdministrativeUnit.objects.all()}


def load_organisations(*, actor, units: dict) -> None:
    for name, kind, unit_code in ORGANISATIONS:
        if not Organisation.objects.filter(name=name).exists():  # moved since, maybe: found by name
            services.organisation_upsert(actor=actor, name=name, kind=kind, unit=units[unit_code])


def reorganise(*, actor) -> None:
    """1 July 2025 for every organisation still in a unit that had ended: a People's Committee (or the old
    province's body) ends with its unit; any other moves to the unit in force that took its place over.

    Where the official conversion leaves one successor, that one; where a district went to several
    communes, the commune the organisation's name places it in, else the commune named after the district
    (DOST's choice on the move page, made here for the demo). Each other app's demo calls it again after
    adding its own organisations; a second run changes nothing.
    """
    unit_map = UnitMap()
    stale = (Organisation.objects.filter(ended_on__isnull=True, unit__valid_to__lte=LAST_DAY)
             .select_related("unit").order_by("pk"))
    for organisation in stale:
        name = fold(organisation.name)
        if any(marker in name for marker in ENDED_WITH_THEIR_UNIT):
            services.organisation_end(actor=actor, organisation=organisation, last_day=organisation.unit.valid_to,
                                      reason=REORGANISATION_REASON)
            continue
        target = _successor(organisation, unit_map)
        if target is not None:
            services.organisation_move(actor=actor, organisation=organisation,
                                       unit=AdministrativeUnit.objects.get(pk=target), on=MERGER_DAY,
                                       reason=REORGANISATION_REASON)


def _short(unit_name: str) -> str:
    return fold(unit_name.split(" ", 2)[-1] if unit_name.startswith(("Thị trấn", "Thị xã", "Thành phố"))
                else unit_name.split(" ", 1)[-1])


def _successor(organisation, unit_map: UnitMap) -> int | None:
    candidates = unit_map.reporting_on(organisation.unit_id, MERGER_DAY)
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    name = fold(organisation.name)
    for pk in sorted(candidates, key=lambda pk: -len(unit_map[pk].name)):
        if _short(unit_map[pk].name) in name:
            return pk
    for commune in unit_map.children.get(organisation.unit_id, ()):
        if _short(unit_map[commune].name) in name:
            found = unit_map.reporting_on(commune, MERGER_DAY)
            if len(found) == 1:
                return found[0]
    district = _short(organisation.unit.name)
    named = [pk for pk in candidates if _short(unit_map[pk].name) == district]
    return named[0] if named else sorted(candidates, key=lambda pk: unit_map[pk].name)[0]


def load_users(*, actor, units: dict) -> dict[str, str]:
    logins = {}
    for username, full_name, role, unit_code in USERS:
        user = services.user_upsert(actor=actor, username=username, full_name=full_name, password=DEMO_PASSWORD)
        unit = units[unit_code] if unit_code else None
        current = user.roles.filter(role=role).select_related("unit").first()
        if username in REBOUND and current is not None and current.unit is not None \
                and current.unit.code == REBOUND[username][0]:
            unit = current.unit  # re-bound before: stays where it was re-bound
        else:
            services.role_assign(actor=actor, user=user, role=role, unit=unit)
        if username in REBOUND and unit is not None and unit.code != REBOUND[username][0]:
            unit = units[REBOUND[username][0]]
            services.role_assign(actor=actor, user=user, role=role, unit=unit, reason=REBOUND[username][1])
        logins[username] = str(Role(role).label) + (f" — {unit.name}" if unit else "")
    return logins
