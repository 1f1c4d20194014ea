"""The units in force on a date are those of the official lists and the acts: Bắc Giang's district level
until 30 June 2025, the 99 communes and wards of the province of 1 July 2025 after it, and a successor
for every former commune as the official conversion gives it."""

import datetime as dt
import json
import sqlite3
from collections import Counter

from directory import services
from directory import units as units_data
from directory.models import COMMUNE_LEVEL_KINDS, AdministrativeUnit, UnitKind, UnitSuccession
from directory.selectors import UnitMap, district_level_units, successors_in_force, units_in_force

BAC_GIANG_2021 = {
    "Thành phố Bắc Giang", "Huyện Hiệp Hòa", "Huyện Lạng Giang", "Huyện Lục Nam", "Huyện Lục Ngạn",
    "Huyện Sơn Động", "Huyện Tân Yên", "Huyện Việt Yên", "Huyện Yên Dũng", "Huyện Yên Thế",
}


def names(units):
    return {unit.name for unit in units}


def bac_giang(units, on):
    return names(district_level_units(on=on, province=units["bg"]))


def test_2021_has_the_city_and_nine_districts(units):
    assert bac_giang(units, dt.date(2021, 6, 1)) == BAC_GIANG_2021


def test_viet_yen_is_a_town_from_february_2024(units):
    expected = (BAC_GIANG_2021 - {"Huyện Việt Yên"}) | {"Thị xã Việt Yên"}
    assert bac_giang(units, dt.date(2024, 6, 1)) == expected
    assert bac_giang(units, dt.date(2024, 1, 31)) == BAC_GIANG_2021


def test_march_2025_has_chu_and_no_yen_dung(units):
    expected = (BAC_GIANG_2021 - {"Huyện Việt Yên", "Huyện Yên Dũng"}) | {"Thị xã Việt Yên", "Thị xã Chũ"}
    assert bac_giang(units, dt.date(2025, 3, 1)) == expected
    assert len(expected) == 10


def test_yen_dung_is_in_force_on_its_last_day_and_chu_on_its_first(units):
    assert "Huyện Yên Dũng" in bac_giang(units, dt.date(2024, 12, 31))
    assert "Thị xã Chũ" in bac_giang(units, dt.date(2024, 12, 21))
    assert "Thị xã Chũ" not in bac_giang(units, dt.date(2024, 12, 20))


def test_30_june_2025_has_both_former_provinces_with_their_districts_and_communes(units):
    on = dt.date(2025, 6, 30)
    assert names(units_in_force(on=on, kinds=[UnitKind.PROVINCE])) == {"Tỉnh Bắc Giang", "Tỉnh Bắc Ninh"}
    assert len(district_level_units(on=on, province=units["bg"])) == 10
    assert len(district_level_units(on=on, province=units["bn-1997"])) == 8
    communes = units_in_force(on=on, kinds=COMMUNE_LEVEL_KINDS)
    by_province = Counter(unit.parent.parent.code for unit in communes)
    assert by_province == {"bg": 192, "bn-1997": 121}
    # 14 thị trấn in Bắc Giang, 5 in former Bắc Ninh
    assert Counter(unit.parent.parent.code for unit in communes if unit.kind == UnitKind.TOWNSHIP) == {
        "bg": 14, "bn-1997": 5}


def test_1_july_2025_has_the_new_province_and_its_99_communes_and_wards(units):
    on = dt.date(2025, 7, 1)
    assert names(units_in_force(on=on, kinds=[UnitKind.PROVINCE])) == {"Tỉnh Bắc Ninh"}
    assert not district_level_units(on=on).exists()
    communes = units_in_force(on=on, kinds=COMMUNE_LEVEL_KINDS)
    assert Counter(unit.kind for unit in communes) == {UnitKind.COMMUNE: 66, UnitKind.WARD: 33}
    assert {unit.parent.code for unit in communes} == {"bn"}
    # The new province keeps Bắc Giang's GSO code 24; codes are unique among the units in force.
    assert units["bn"].gso_code == units["bg"].gso_code == "24"
    codes = [unit.gso_code for unit in units_in_force(on=on) if unit.gso_code]
    assert len(codes) == len(set(codes))


def test_names_are_nfc_and_their_kind_capitalised_once(units):
    import unicodedata

    assert all(unicodedata.is_normalized("NFC", unit.name) for unit in units.values())
    assert units["bg.tx-viet-yen"].name == "Thị xã Việt Yên"  # "Thị Xã" in the GSO list
    assert not [unit.name for unit in units.values() if " Xã " in unit.name or " Trấn " in unit.name]


def test_every_former_commune_goes_where_the_packages_conversion_says(units):
    directory = units_data.data_dir()
    database = sqlite3.connect(f"file:{directory / 'dataset.db'}?mode=ro&immutable=1", uri=True)
    legacy = {f"{p}_{d}_{w}": code for p, d, w, code in database.execute(
        "SELECT provinceKey, districtKey, wardKey, wardCode FROM admin_units_legacy WHERE provinceCode IN ('24', '27')")}
    current = dict(database.execute("SELECT wardKey, wardCode FROM admin_units WHERE provinceCode = '24'"))
    conversion = json.loads((directory / "converter_2025.json").read_text(encoding="utf-8"))
    expected = {(legacy[old], current[new]) for new, olds in conversion["DICT_PROVINCE_WARD_NO_DIVIDED"]["tinhbacninh"].items()
                for old in olds}
    recorded = set(UnitSuccession.objects.filter(effective_on=dt.date(2025, 7, 1), predecessor__kind__in=COMMUNE_LEVEL_KINDS)
                   .values_list("predecessor__gso_code", "successor__gso_code"))
    assert len(expected) == 313
    assert recorded == expected


def test_successors_on_a_date(units):
    def successors(code, on):
        return names(successors_in_force(unit=units[code], on=on))

    assert successors("bg.huyen-viet-yen", dt.date(2024, 6, 1)) == {"Thị xã Việt Yên"}
    assert successors("bg.yen-dung", dt.date(2025, 3, 1)) == {"Thành phố Bắc Giang"}
    assert successors("bg.luc-ngan", dt.date(2025, 3, 1)) == {"Huyện Lục Ngạn"}
    # Lục Ngạn went on after ceding Chũ's communes in 2024; in 2025 its own communes went to several.
    lục_ngạn = successors("bg.luc-ngan", dt.date(2025, 8, 1))
    assert {"Xã Lục Ngạn", "Xã Biên Sơn"} <= lục_ngạn and "Phường Chũ" not in lục_ngạn
    assert successors("bg.tx-chu.chu", dt.date(2025, 8, 1)) == {"Phường Chũ"}


def test_a_commune_of_chu_was_lục_ngạns_before_chu_existed(units):
    unit_map = UnitMap()
    commune = units["bg.tx-chu.kien-lao"].pk

    def reported_by(on):
        return {unit_map[pk].name for pk in unit_map.reporting_on(commune, on)}

    assert reported_by(dt.date(2024, 6, 1)) == {"Huyện Lục Ngạn"}
    assert reported_by(dt.date(2025, 3, 1)) == {"Thị xã Chũ"}
    assert reported_by(dt.date(2025, 8, 1)) == {"Xã Kiên Lao"}


def test_a_second_load_writes_nothing(units):
    from audit.models import AuditEvent
    from directory import services

    head = AuditEvent.objects.count()
    loaded = services.administrative_units_sync(actor=None, data=units_data.read())
    assert not loaded.changed
    assert AuditEvent.objects.count() == head
    assert AdministrativeUnit.objects.count() == len(units_data.read().units)


def test_the_unit_map_is_built_once_and_again_after_a_unit_changes(units, django_assert_num_queries):
    first = UnitMap.current()
    with django_assert_num_queries(1):  # the version check alone
        assert UnitMap.current() is first
    unit = units["bg.luc-ngan"]
    unit.name = "Huyện Lục Ngạn (sửa tên)"
    services.record_save(actor=None, instance=unit, reason="Sửa tên")
    changed = UnitMap.current()
    assert changed is not first and changed[unit.pk].name == "Huyện Lục Ngạn (sửa tên)"
