"""The district-level units in force on a date are the ones the brief lists for that date."""

import datetime as dt

import pytest

from directory.models import UnitKind
from directory.selectors import district_level_units, unit_successor, units_in_force

BAC_GIANG_2021 = {
    "Thành phố Bắc Giang", "Huyện Hiệp Hòa", "Huyện Lạng Giang", "Huyện Lục Nam", "Huyện Lục Ngạn",
    "Huyện Sơn Động", "Huyện Tân Yên", "Huyện Việt Yên", "Huyện Yên Dũng", "Huyện Yên Thế",
}


def names(units):
    return {unit.name for unit in units}


def test_2021_has_the_city_and_nine_districts(units):
    assert names(district_level_units(on=dt.date(2021, 6, 1))) == BAC_GIANG_2021


def test_viet_yen_is_a_town_from_february_2024(units):
    on = dt.date(2024, 6, 1)
    expected = (BAC_GIANG_2021 - {"Huyện Việt Yên"}) | {"Thị xã Việt Yên"}
    assert names(district_level_units(on=on)) == expected
    assert names(district_level_units(on=dt.date(2024, 1, 31))) == BAC_GIANG_2021


def test_march_2025_has_chu_and_no_yen_dung(units):
    on = dt.date(2025, 3, 1)
    expected = (BAC_GIANG_2021 - {"Huyện Việt Yên", "Huyện Yên Dũng"}) | {"Thị xã Việt Yên", "Thị xã Chũ"}
    assert names(district_level_units(on=on)) == expected
    assert len(expected) == 10


def test_yen_dung_is_in_force_on_its_last_day_and_chu_on_its_first(units):
    assert "Huyện Yên Dũng" in names(district_level_units(on=dt.date(2024, 12, 31)))
    assert "Thị xã Chũ" in names(district_level_units(on=dt.date(2024, 12, 21)))
    assert "Thị xã Chũ" not in names(district_level_units(on=dt.date(2024, 12, 20)))


def test_august_2025_has_no_district_level_and_the_new_bac_ninh(units):
    on = dt.date(2025, 8, 1)
    assert names(district_level_units(on=on)) == set()
    assert names(units_in_force(on=on, kinds=[UnitKind.PROVINCE])) == {"Tỉnh Bắc Ninh"}


@pytest.mark.parametrize(
    ("code", "on", "expected"),
    [
        ("bg.huyen-viet-yen", dt.date(2024, 6, 1), "Thị xã Việt Yên"),
        ("bg.yen-dung", dt.date(2025, 3, 1), "Thành phố Bắc Giang"),
        ("bg.yen-dung", dt.date(2024, 3, 1), "Huyện Yên Dũng"),
        ("bg.luc-ngan", dt.date(2025, 3, 1), "Huyện Lục Ngạn"),
        ("bg", dt.date(2025, 8, 1), "Tỉnh Bắc Ninh"),
        # The district level ended: the province that took over stands for the district.
        ("bg.yen-the", dt.date(2025, 8, 1), "Tỉnh Bắc Ninh"),
        ("bg.huyen-viet-yen", dt.date(2025, 8, 1), "Tỉnh Bắc Ninh"),
    ],
)
def test_successor_on_a_date(units, code, on, expected):
    assert unit_successor(unit=units[code], on=on).name == expected


def test_no_successor_before_a_unit_existed(units):
    assert unit_successor(unit=units["bg.tx-chu"], on=dt.date(2024, 1, 1)) is None
