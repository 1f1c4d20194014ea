"""The province's administrative units from the official GSO code lists, with their dates and successions.

The lists come from the maintained ``vietnamadminunits`` package: its bundled SQLite file holds the
63-province table as it stood on 30/06/2025 (districts and communes) and the 34-province table in force
from 01/07/2025; its JSON file holds the conversion from every former commune to its new unit(s). They
are read from the installed files directly (the package itself is never imported: its address converter
can geocode online), so a load never touches the network.

What the lists do not say is added here, from the legal acts: the dates of the district-level changes of
2024–2025 (the legacy table is a snapshot of 30/06/2025, without dates), the units that had ended by then
(huyện Việt Yên, Yên Dũng), the provincial departments, and the acts behind each change. A commune of
the legacy table keeps the district-level parent it had on 30/06/2025; for an earlier date the
district-level successions say where it stood (thị xã Chũ's communes were Lục Ngạn's before 21/12/2024).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from directory.models import UnitKind
from directory.search import fold

D = dt.date

# Bắc Giang was re-established from Hà Bắc on 1 January 1997; so was Bắc Ninh.
REESTABLISHED = D(1997, 1, 1)
LAST_DAY_OF_DISTRICT_LEVEL = D(2025, 6, 30)
MERGED_PROVINCE_FROM = D(2025, 7, 1)

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
ACT_2025_PROVINCES = "Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh"
ACT_2025_COMMUNES = (
    "Nghị quyết số 1658/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội về việc sắp xếp các đơn vị "
    "hành chính cấp xã của tỉnh Bắc Ninh năm 2025"
)
SNAPSHOT_2025 = "Danh mục đơn vị hành chính Việt Nam (Tổng cục Thống kê), hiện trạng ngày 30/06/2025"

OLD_BAC_GIANG, OLD_BAC_NINH, PROVINCE = "24", "27", "24"

# Bắc Giang's district-level units with their real dates: code, GSO code, name, kind, from, to, act.
BAC_GIANG_DISTRICTS = [
    ("bg.tp-bac-giang", "213", "Thành phố Bắc Giang", UnitKind.CITY, D(2005, 6, 7), LAST_DAY_OF_DISTRICT_LEVEL,
     ACT_TP_BAC_GIANG),
    ("bg.yen-the", "215", "Huyện Yên Thế", UnitKind.DISTRICT, REESTABLISHED, LAST_DAY_OF_DISTRICT_LEVEL, ACT_1997),
    ("bg.tan-yen", "216", "Huyện Tân Yên", UnitKind.DISTRICT, REESTABLISHED, LAST_DAY_OF_DISTRICT_LEVEL, ACT_1997),
    ("bg.lang-giang", "217", "Huyện Lạng Giang", UnitKind.DISTRICT, REESTABLISHED, LAST_DAY_OF_DISTRICT_LEVEL,
     ACT_1997),
    ("bg.luc-nam", "218", "Huyện Lục Nam", UnitKind.DISTRICT, REESTABLISHED, LAST_DAY_OF_DISTRICT_LEVEL, ACT_1997),
    ("bg.luc-ngan", "219", "Huyện Lục Ngạn", UnitKind.DISTRICT, REESTABLISHED, LAST_DAY_OF_DISTRICT_LEVEL, ACT_1997),
    ("bg.son-dong", "220", "Huyện Sơn Động", UnitKind.DISTRICT, REESTABLISHED, LAST_DAY_OF_DISTRICT_LEVEL, ACT_1997),
    ("bg.yen-dung", "221", "Huyện Yên Dũng", UnitKind.DISTRICT, REESTABLISHED, D(2024, 12, 31), ACT_1997),
    ("bg.huyen-viet-yen", "222", "Huyện Việt Yên", UnitKind.DISTRICT, REESTABLISHED, D(2024, 1, 31), ACT_1997),
    ("bg.tx-viet-yen", "222", "Thị xã Việt Yên", UnitKind.TOWN, D(2024, 2, 1), LAST_DAY_OF_DISTRICT_LEVEL,
     ACT_VIET_YEN),
    ("bg.hiep-hoa", "223", "Huyện Hiệp Hòa", UnitKind.DISTRICT, REESTABLISHED, LAST_DAY_OF_DISTRICT_LEVEL, ACT_1997),
    ("bg.tx-chu", "224", "Thị xã Chũ", UnitKind.TOWN, D(2024, 12, 21), LAST_DAY_OF_DISTRICT_LEVEL,
     ACT_2024_REORGANISATION),
]

# The departments of each province (no GSO code): code, name, province code, from, to, act.
DEPARTMENTS = [
    ("bg.so-khcn", "Sở Khoa học và Công nghệ tỉnh Bắc Giang", "bg", REESTABLISHED, LAST_DAY_OF_DISTRICT_LEVEL,
     ACT_1997),
    ("bg.so-gddt", "Sở Giáo dục và Đào tạo tỉnh Bắc Giang", "bg", REESTABLISHED, LAST_DAY_OF_DISTRICT_LEVEL, ACT_1997),
    ("bn-1997.so-khcn", "Sở Khoa học và Công nghệ tỉnh Bắc Ninh (trước sắp xếp)", "bn-1997", REESTABLISHED,
     LAST_DAY_OF_DISTRICT_LEVEL, ACT_1997),
    ("bn-1997.so-gddt", "Sở Giáo dục và Đào tạo tỉnh Bắc Ninh (trước sắp xếp)", "bn-1997", REESTABLISHED,
     LAST_DAY_OF_DISTRICT_LEVEL, ACT_1997),
    ("bn.so-khcn", "Sở Khoa học và Công nghệ tỉnh Bắc Ninh", "bn", MERGED_PROVINCE_FROM, None, ACT_2025_PROVINCES),
    ("bn.so-gddt", "Sở Giáo dục và Đào tạo tỉnh Bắc Ninh", "bn", MERGED_PROVINCE_FROM, None, ACT_2025_PROVINCES),
]

# The district-level successions of 2024–2025, and the provinces' and departments' of 1 July 2025.
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
    ("bn-1997.so-khcn", "bn.so-khcn", MERGED_PROVINCE_FROM, ACT_2025_PROVINCES),
    ("bn-1997.so-gddt", "bn.so-gddt", MERGED_PROVINCE_FROM, ACT_2025_PROVINCES),
]

# The department that runs this system, over time: Bắc Giang's DOST, then the merged province's.
SYSTEM_DEPARTMENTS = ("bg.so-khcn", "bn.so-khcn")

DISTRICT_KINDS = {"Thành phố": UnitKind.CITY, "Thị xã": UnitKind.TOWN, "Huyện": UnitKind.DISTRICT}
COMMUNE_KINDS = {"Xã": UnitKind.COMMUNE, "Phường": UnitKind.WARD, "Thị trấn": UnitKind.TOWNSHIP}


@dataclass(frozen=True)
class UnitRow:
    code: str
    name: str
    kind: str
    gso_code: str
    valid_from: dt.date
    valid_to: dt.date | None
    parent: str | None
    legal_act: str


@dataclass(frozen=True)
class SuccessionRow:
    predecessor: str
    successor: str
    effective_on: dt.date
    legal_act: str


@dataclass
class UnitData:
    units: list[UnitRow]
    successions: list[SuccessionRow]
    source: str  # the package and version the lists come from
    sha256: str  # of its data files, as read


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def named(kind_label: str, short_name: str) -> str:
    """A unit's name as "<kind> <name>", the kind capitalised once ("Thị xã", never "Thị Xã")."""
    return f"{kind_label[:1].upper()}{kind_label[1:].lower()} {short_name}"


def data_dir() -> Path:
    """Where the installed package keeps its lists, found without running the package's code."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("The vietnamadminunits package is not installed (see requirements.txt).")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def package_version() -> str:
    from importlib.metadata import version

    return version("vietnamadminunits")


def read(directory: Path | None = None) -> UnitData:
    """Every unit and succession to load, from the package's files (read-only) and the acts above."""
    directory = directory or data_dir()
    database, converter = directory / "dataset.db", directory / "converter_2025.json"
    digest = hashlib.sha256(database.read_bytes() + converter.read_bytes()).hexdigest()
    connection = sqlite3.connect(f"file:{database}?mode=ro&immutable=1", uri=True)
    try:
        legacy = connection.execute(
            "SELECT provinceCode, districtCode, districtShort, districtType, wardCode, wardShort, wardType, "
            "provinceKey, districtKey, wardKey FROM admin_units_legacy WHERE provinceCode IN (?, ?) "
            "ORDER BY provinceCode, districtCode, wardCode", [OLD_BAC_GIANG, OLD_BAC_NINH],
        ).fetchall()
        current = connection.execute(
            "SELECT wardCode, wardShort, wardType, wardKey FROM admin_units WHERE provinceCode = ? ORDER BY wardCode",
            [PROVINCE],
        ).fetchall()
    finally:
        connection.close()
    conversion = json.loads(converter.read_text(encoding="utf-8"))

    units = [
        UnitRow("bg", "Tỉnh Bắc Giang", UnitKind.PROVINCE, OLD_BAC_GIANG, REESTABLISHED, LAST_DAY_OF_DISTRICT_LEVEL,
                None, ACT_1997),
        UnitRow("bn-1997", "Tỉnh Bắc Ninh", UnitKind.PROVINCE, OLD_BAC_NINH, REESTABLISHED,
                LAST_DAY_OF_DISTRICT_LEVEL, None, ACT_1997),
        UnitRow("bn", "Tỉnh Bắc Ninh", UnitKind.PROVINCE, PROVINCE, MERGED_PROVINCE_FROM, None, None,
                ACT_2025_PROVINCES),
    ]
    units += [UnitRow(code, name, kind, gso, start, end, "bg", act)
              for code, gso, name, kind, start, end, act in BAC_GIANG_DISTRICTS]
    units += [UnitRow(code, name, UnitKind.DEPARTMENT, "", start, end, province, act)
              for code, name, province, start, end, act in DEPARTMENTS]

    # Bắc Giang's district-level units of 30/06/2025 by GSO code (huyện Việt Yên had ended: 222 is the town's).
    districts = {gso: code for code, gso, _, _, _, end, _ in BAC_GIANG_DISTRICTS if end == LAST_DAY_OF_DISTRICT_LEVEL}
    legacy_codes: dict[str, str] = {}  # "<provinceKey>_<districtKey>_<wardKey>" -> unit code
    for (province, district, district_short, district_type, ward, ward_short, ward_type,
         province_key, district_key, ward_key) in legacy:
        if province == OLD_BAC_NINH and district not in districts:
            code = f"bn-1997.{slug(district_short)}"
            districts[district] = code
            units.append(UnitRow(code, named(district_type, district_short), DISTRICT_KINDS[district_type], district,
                                 REESTABLISHED, LAST_DAY_OF_DISTRICT_LEVEL, "bn-1997", SNAPSHOT_2025))
        parent = districts[district]
        code = f"{parent}.{slug(ward_short)}"
        legacy_codes[f"{province_key}_{district_key}_{ward_key}"] = code
        units.append(UnitRow(code, named(ward_type, ward_short), COMMUNE_KINDS[ward_type], ward, REESTABLISHED,
                             LAST_DAY_OF_DISTRICT_LEVEL, parent, SNAPSHOT_2025))
    new_codes = {}
    for ward, ward_short, ward_type, ward_key in current:
        new_codes[ward_key] = code = f"bn.{slug(ward_short)}"
        units.append(UnitRow(code, named(ward_type, ward_short), COMMUNE_KINDS[ward_type], ward,
                             MERGED_PROVINCE_FROM, None, "bn", ACT_2025_COMMUNES))

    successions = [SuccessionRow(*row) for row in SUCCESSIONS]
    for new_key, old_keys in conversion["DICT_PROVINCE_WARD_NO_DIVIDED"]["tinhbacninh"].items():
        for old_key in old_keys:
            successions.append(SuccessionRow(legacy_codes[old_key], new_codes[new_key], MERGED_PROVINCE_FROM,
                                             ACT_2025_COMMUNES))
    # A former commune divided among several new units (none in Bắc Ninh's table) has one succession each.
    for old_key, parts in conversion["DICT_PROVINCE_WARD_DIVIDED"].get("tinhbacninh", {}).items():
        for part in parts:
            successions.append(SuccessionRow(legacy_codes[old_key], new_codes[part["newWardKey"]],
                                             MERGED_PROVINCE_FROM, ACT_2025_COMMUNES))
    return UnitData(units, successions, f"vietnamadminunits {package_version()}", digest)
