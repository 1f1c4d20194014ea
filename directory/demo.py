"""Demo data for the directory: Bắc Giang's real units and their dated changes, organisations, one user per role.

Loaded by ``python manage.py load_demo_data`` through the services, so it is recorded in the history
like any other change. Loading twice changes nothing (every write is an upsert on a natural key).
"""

from __future__ import annotations

import datetime as dt

from directory import services
from directory.models import OrganisationKind, Role, UnitKind

D = dt.date

# Bắc Giang was re-established from Hà Bắc on 1 January 1997; the district-level units below have
# belonged to it since then (thành phố Bắc Giang since the town became a city in 2005).
REESTABLISHED = D(1997, 1, 1)
ACT_1997 = "Nghị quyết của Quốc hội ngày 06/11/1996 về việc chia và điều chỉnh địa giới hành chính một số tỉnh"
ACT_TP_BAC_GIANG = "Nghị định số 75/2005/NĐ-CP ngày 07/6/2005 của Chính phủ về việc thành lập thành phố Bắc Giang"
ACT_VIET_YEN = (
    "Nghị quyết của Ủy ban Thường vụ Quốc hội ngày 13/12/2023 về việc thành lập thị xã Việt Yên "
    "và các phường thuộc thị xã Việt Yên, tỉnh Bắc Giang (hiệu lực từ 01/02/2024)"
)
ACT_2024_REORGANISATION = (
    "Nghị quyết số 1191/NQ-UBTVQH15 ngày 28/9/2024 của Ủy ban Thường vụ Quốc hội về việc sắp xếp "
    "đơn vị hành chính cấp huyện, cấp xã của tỉnh Bắc Giang giai đoạn 2023–2025"
)
ACT_2025_PROVINCES = (
    "Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh"
)

LAST_DAY_OF_DISTRICT_LEVEL = D(2025, 6, 30)
MERGED_PROVINCE_FROM = D(2025, 7, 1)

# code, name, kind, valid_from, valid_to, legal act
DISTRICT_LEVEL_UNITS = [
    ("bg.tp-bac-giang", "Thành phố Bắc Giang", UnitKind.CITY, D(2005, 6, 7), LAST_DAY_OF_DISTRICT_LEVEL, ACT_TP_BAC_GIANG),
    ("bg.hiep-hoa", "Huyện Hiệp Hòa", UnitKind.DISTRICT, REESTABLISHED, LAST_DAY_OF_DISTRICT_LEVEL, ACT_1997),
    ("bg.lang-giang", "Huyện Lạng Giang", UnitKind.DISTRICT, REESTABLISHED, LAST_DAY_OF_DISTRICT_LEVEL, ACT_1997),
    ("bg.luc-nam", "Huyện Lục Nam", UnitKind.DISTRICT, REESTABLISHED, LAST_DAY_OF_DISTRICT_LEVEL, ACT_1997),
    ("bg.luc-ngan", "Huyện Lục Ngạn", UnitKind.DISTRICT, REESTABLISHED, LAST_DAY_OF_DISTRICT_LEVEL, ACT_1997),
    ("bg.son-dong", "Huyện Sơn Động", UnitKind.DISTRICT, REESTABLISHED, LAST_DAY_OF_DISTRICT_LEVEL, ACT_1997),
    ("bg.tan-yen", "Huyện Tân Yên", UnitKind.DISTRICT, REESTABLISHED, LAST_DAY_OF_DISTRICT_LEVEL, ACT_1997),
    ("bg.huyen-viet-yen", "Huyện Việt Yên", UnitKind.DISTRICT, REESTABLISHED, D(2024, 1, 31), ACT_1997),
    ("bg.tx-viet-yen", "Thị xã Việt Yên", UnitKind.TOWN, D(2024, 2, 1), LAST_DAY_OF_DISTRICT_LEVEL, ACT_VIET_YEN),
    ("bg.yen-dung", "Huyện Yên Dũng", UnitKind.DISTRICT, REESTABLISHED, D(2024, 12, 31), ACT_1997),
    ("bg.yen-the", "Huyện Yên Thế", UnitKind.DISTRICT, REESTABLISHED, LAST_DAY_OF_DISTRICT_LEVEL, ACT_1997),
    ("bg.tx-chu", "Thị xã Chũ", UnitKind.TOWN, D(2024, 12, 21), LAST_DAY_OF_DISTRICT_LEVEL, ACT_2024_REORGANISATION),
]

# predecessor code, successor code, effective on, legal act
SUCCESSIONS = [
    ("bg.huyen-viet-yen", "bg.tx-viet-yen", D(2024, 2, 1), ACT_VIET_YEN),
    # Chũ town and nine communes of Lục Ngạn became thị xã Chũ; Lục Ngạn carried on, smaller.
    ("bg.luc-ngan", "bg.tx-chu", D(2024, 12, 21), ACT_2024_REORGANISATION),
    # Yên Dũng was merged into the city, which carried on under its own name.
    ("bg.yen-dung", "bg.tp-bac-giang", D(2025, 1, 1), ACT_2024_REORGANISATION),
    ("bg", "bn", MERGED_PROVINCE_FROM, ACT_2025_PROVINCES),
    ("bn-1997", "bn", MERGED_PROVINCE_FROM, ACT_2025_PROVINCES),
    ("bg.so-khcn", "bn.so-khcn", MERGED_PROVINCE_FROM, ACT_2025_PROVINCES),
    ("bg.so-gddt", "bn.so-gddt", MERGED_PROVINCE_FROM, ACT_2025_PROVINCES),
]

# Communes named in the province's protected titles (the Lục Nam custard-apple GI's area).
COMMUNES = [
    ("bg.luc-nam.dong-hung", "Xã Đông Hưng", "bg.luc-nam"),
    ("bg.luc-nam.dong-phu", "Xã Đông Phú", "bg.luc-nam"),
    ("bg.luc-nam.cuong-son", "Xã Cương Sơn", "bg.luc-nam"),
    ("bg.luc-nam.lan-mau", "Xã Lan Mẫu", "bg.luc-nam"),
    ("bg.luc-nam.huyen-son", "Xã Huyền Sơn", "bg.luc-nam"),
    ("bg.luc-nam.nghia-phuong", "Xã Nghĩa Phương", "bg.luc-nam"),
]

ORGANISATIONS = [
    ("Sở Khoa học và Công nghệ tỉnh Bắc Giang", OrganisationKind.STATE_BODY, "bg.so-khcn"),
    ("Ủy ban nhân dân tỉnh Bắc Giang", OrganisationKind.STATE_BODY, "bg"),
    ("Ủy ban nhân dân huyện Lục Nam", OrganisationKind.STATE_BODY, "bg.luc-nam"),
    ("Ủy ban nhân dân huyện Lục Ngạn", OrganisationKind.STATE_BODY, "bg.luc-ngan"),
    ("Ủy ban nhân dân huyện Yên Thế", OrganisationKind.STATE_BODY, "bg.yen-the"),
    ("Hội Sản xuất và Tiêu thụ vải thiều Lục Ngạn", OrganisationKind.PRODUCER_ASSOCIATION, "bg.luc-ngan"),
    ("Hợp tác xã Nông nghiệp Phượng Sơn", OrganisationKind.COOPERATIVE, "bg.luc-ngan"),
    ("Hội Chăn nuôi và Tiêu thụ gà đồi Yên Thế", OrganisationKind.PRODUCER_ASSOCIATION, "bg.yen-the"),
    ("Hợp tác xã Mỳ Chũ", OrganisationKind.COOPERATIVE, "bg.luc-ngan"),
    ("Trường THCS Thị trấn Đồi Ngô", OrganisationKind.SCHOOL, "bg.luc-nam"),
]

DEMO_PASSWORD = "BacGiang@2021"

# username, full name, role, unit code (district officers only)
USERS = [
    ("ip_officer", "Nguyễn Thị Hương (Sở KH&CN)", Role.IP_OFFICER, None),
    ("district_lucngan", "Trần Văn Minh (UBND huyện Lục Ngạn)", Role.DISTRICT_OFFICER, "bg.luc-ngan"),
    ("district_yenthe", "Lê Thị Thu (UBND huyện Yên Thế)", Role.DISTRICT_OFFICER, "bg.yen-the"),
    ("district_education", "Phạm Quang Huy (Sở GD&ĐT)", Role.DISTRICT_OFFICER, "bg.so-gddt"),
    ("council_secretary", "Đỗ Thị Lan (Thư ký hội đồng sáng kiến)", Role.COUNCIL_SECRETARY, None),
    ("auditor", "Hoàng Văn Nam (Thanh tra)", Role.AUDITOR, None),
    ("admin", "Vũ Đức Anh (Quản trị hệ thống)", Role.ADMINISTRATOR, None),
]


def load(*, actor) -> dict[str, str]:
    """Load the directory's demo data; returns the demo log-ins (username → role)."""
    units = load_units(actor=actor)
    load_organisations(actor=actor, units=units)
    return load_users(actor=actor, units=units)


def load_units(*, actor) -> dict:
    """The dated units and their successions; returns them by code."""
    unit = {}

    def upsert(code, name, kind, valid_from, valid_to=None, parent=None, legal_act=""):
        unit[code] = services.administrative_unit_upsert(
            actor=actor, code=code, name=name, kind=kind, valid_from=valid_from, valid_to=valid_to,
            parent=parent, legal_act=legal_act,
        )

    upsert("bg", "Tỉnh Bắc Giang", UnitKind.PROVINCE, REESTABLISHED, LAST_DAY_OF_DISTRICT_LEVEL, legal_act=ACT_1997)
    upsert("bn-1997", "Tỉnh Bắc Ninh (1997–2025)", UnitKind.PROVINCE, REESTABLISHED, LAST_DAY_OF_DISTRICT_LEVEL,
           legal_act=ACT_1997)
    upsert("bn", "Tỉnh Bắc Ninh", UnitKind.PROVINCE, MERGED_PROVINCE_FROM, legal_act=ACT_2025_PROVINCES)
    for code, name, kind, valid_from, valid_to, act in DISTRICT_LEVEL_UNITS:
        upsert(code, name, kind, valid_from, valid_to, parent=unit["bg"], legal_act=act)
    upsert("bg.so-khcn", "Sở Khoa học và Công nghệ tỉnh Bắc Giang", UnitKind.DEPARTMENT, REESTABLISHED,
           LAST_DAY_OF_DISTRICT_LEVEL, parent=unit["bg"], legal_act=ACT_1997)
    upsert("bg.so-gddt", "Sở Giáo dục và Đào tạo tỉnh Bắc Giang", UnitKind.DEPARTMENT, REESTABLISHED,
           LAST_DAY_OF_DISTRICT_LEVEL, parent=unit["bg"], legal_act=ACT_1997)
    upsert("bn.so-khcn", "Sở Khoa học và Công nghệ tỉnh Bắc Ninh", UnitKind.DEPARTMENT, MERGED_PROVINCE_FROM,
           parent=unit["bn"], legal_act=ACT_2025_PROVINCES)
    upsert("bn.so-gddt", "Sở Giáo dục và Đào tạo tỉnh Bắc Ninh", UnitKind.DEPARTMENT, MERGED_PROVINCE_FROM,
           parent=unit["bn"], legal_act=ACT_2025_PROVINCES)
    for code, name, parent_code in COMMUNES:
        upsert(code, name, UnitKind.COMMUNE, REESTABLISHED, LAST_DAY_OF_DISTRICT_LEVEL, parent=unit[parent_code])

    for predecessor, successor, effective_on, act in SUCCESSIONS:
        services.unit_succession_record(
            actor=actor, predecessor=unit[predecessor], successor=unit[successor], effective_on=effective_on,
            legal_act=act,
        )
    return unit


def load_organisations(*, actor, units: dict) -> None:
    for name, kind, unit_code in ORGANISATIONS:
        services.organisation_upsert(actor=actor, name=name, kind=kind, unit=units[unit_code])


def load_users(*, actor, units: dict) -> dict[str, str]:
    logins = {}
    for username, full_name, role, unit_code in USERS:
        user = services.user_upsert(actor=actor, username=username, full_name=full_name, password=DEMO_PASSWORD)
        unit = units[unit_code] if unit_code else None
        services.role_assign(actor=actor, user=user, role=role, unit=unit)
        logins[username] = str(Role(role).label) + (f" — {unit.name}" if unit else "")
    return logins
