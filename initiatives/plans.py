"""The yearly replication plans the system starts with, 2021–2026, as data DOST may then change.

Directive 01/CT-UBND (21/01/2021): each district or city replicates at least 2, ideally 3, initiatives of
provincial scope a year and reports before 15 December (the last day on time is the 14th); DOST reports
to the provincial chairman before 31 December. Through 2025 the units were former Bắc Giang's district-level
units and departments; the district level ended on 30 June 2025, so 2025's board uses the units of that
day and no unit report is due for 2025. From 2026 the units are the communes and wards of the province of
1 July 2025 and its departments; the 2026 basis is an example until DOST enters the real one.
"""

from __future__ import annotations

import datetime as dt

from directory.models import COMMUNE_LEVEL_KINDS, DISTRICT_LEVEL_KINDS, UnitKind

DIRECTIVE_01 = ("Chỉ thị số 01/CT-UBND ngày 21/01/2021 của UBND tỉnh Bắc Giang về tăng cường hoạt động khoa học "
                "và công nghệ trên địa bàn tỉnh Bắc Giang")
EXAMPLE_2026 = ("Ví dụ: tiếp tục thực hiện Chỉ thị số 01/CT-UBND trên địa bàn tỉnh Bắc Ninh sau sắp xếp đơn vị "
                "hành chính (Sở Khoa học và Công nghệ nhập văn bản thực tế của năm 2026)")

DISTRICTS_AND_DEPARTMENTS = [*DISTRICT_LEVEL_KINDS, UnitKind.DEPARTMENT]
COMMUNES_AND_DEPARTMENTS = [*COMMUNE_LEVEL_KINDS, UnitKind.DEPARTMENT]


def default_plans() -> list[dict]:
    """One plan a year: its fields, with the territory as a unit code."""
    plans = []
    for year in range(2021, 2027):
        merged = year >= 2026
        plans.append({
            "year": year,
            "territory": "bn" if merged else "bg",
            # 2025: the units of the district level's last day.
            "units_on": dt.date(2025, 6, 30) if year == 2025 else dt.date(year, 12, 14),
            "participant_kinds": COMMUNES_AND_DEPARTMENTS if merged else DISTRICTS_AND_DEPARTMENTS,
            "reporting_kinds": [] if year == 2025 else (COMMUNES_AND_DEPARTMENTS if merged
                                                        else DISTRICTS_AND_DEPARTMENTS),
            "target_min": 2,
            "target_ideal": 3,
            "unit_report_due": dt.date(year, 12, 14),
            "province_report_due": dt.date(year, 12, 31),
            "legal_basis": EXAMPLE_2026 if merged else DIRECTIVE_01,
            "basis_is_example": merged,
        })
    return plans
