"""Nominating initiatives for replication, and the yearly board of every unit against the 2–3 target."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from initiatives import services
from initiatives.models import ReplicationNomination, SchoolLevel
from initiatives.selectors import QuotaState, board_date, replication_quota
from initiatives.workflow import NominationStatus
from tests.initiatives.conftest import file_initiative, recognise_provincially

D = dt.date


@pytest.fixture
def provincial(district_officer_lucngan, school_lucngan):
    """Five initiatives of provincial scope."""
    return [
        recognise_provincially(file_initiative(district_officer_lucngan, school_lucngan, title=f"Sáng kiến số {i}"))
        for i in range(1, 6)
    ]


def nominate(initiative, unit, year=2024, actor=None, on=None, **kwargs):
    return services.nomination_create(initiative=initiative, unit=unit, year=year, actor=actor,
                                      on=on or D(year, 3, 1), **kwargs)


def test_an_officer_nominates_for_their_own_unit(provincial, units, district_officer_lucngan):
    nomination = nominate(provincial[0], units["bg.luc-ngan"], actor=district_officer_lucngan,
                          reason="Phù hợp với các trường vùng cao")
    assert (nomination.status, nomination.year) == (NominationStatus.NOMINATED, 2024)
    assert nomination.history.get().history_user == district_officer_lucngan


def test_a_unit_outside_the_officers_scope_is_refused(provincial, units, district_officer_yenthe):
    with pytest.raises(PermissionDenied):
        nominate(provincial[0], units["bg.luc-ngan"], actor=district_officer_yenthe)
    assert not ReplicationNomination.objects.exists()


def test_an_initiative_without_provincial_scope_is_refused(district_officer_lucngan, school_lucngan, units):
    base_only = file_initiative(district_officer_lucngan, school_lucngan)
    with pytest.raises(ValidationError) as error:
        nominate(base_only, units["bg.luc-ngan"], actor=district_officer_lucngan)
    assert "chưa có phạm vi ảnh hưởng cấp tỉnh" in error.value.message_dict["initiative"][0]


def test_the_same_initiative_twice_for_a_unit_and_year_is_refused(provincial, units):
    nominate(provincial[0], units["bg.luc-ngan"])
    with pytest.raises(ValidationError, match="đã đăng ký nhân rộng sáng kiến này trong năm 2024"):
        nominate(provincial[0], units["bg.luc-ngan"])
    nominate(provincial[0], units["bg.luc-ngan"], year=2025)  # another year is fine
    nominate(provincial[0], units["bg.yen-the"])  # and another unit


def test_the_database_holds_the_once_per_unit_and_year_rule(provincial, units):
    nomination = nominate(provincial[0], units["bg.luc-ngan"])
    with pytest.raises(IntegrityError, match="nomination_once_per_unit_year|UNIQUE"), transaction.atomic():
        ReplicationNomination.objects.create(initiative=nomination.initiative, unit=nomination.unit, year=2024,
                                             nominated_on=D(2024, 4, 1))


def test_a_fourth_nomination_needs_a_justification(provincial, units):
    for initiative in provincial[:3]:
        nominate(initiative, units["bg.yen-the"])
    with pytest.raises(ValidationError) as error:
        nominate(provincial[3], units["bg.yen-the"])
    assert "đã có 3 sáng kiến" in error.value.message_dict["justification"][0]
    fourth = nominate(provincial[3], units["bg.yen-the"], justification="Nhu cầu lớn ở các xã vùng chè")
    assert fourth.justification == "Nhu cầu lớn ở các xã vùng chè"


def test_a_withdrawn_nomination_frees_its_place(provincial, units):
    nominations = [nominate(initiative, units["bg.yen-the"]) for initiative in provincial[:3]]
    services.nomination_advance(nomination=nominations[0], to_status=NominationStatus.WITHDRAWN, actor=None,
                                reason="Không phù hợp điều kiện địa phương")
    nominate(provincial[3], units["bg.yen-the"])  # no justification needed: only two stand


def test_school_levels_only_for_a_department(provincial, units):
    education = nominate(provincial[0], units["bg.so-gddt"],
                         school_levels=[SchoolLevel.PRIMARY, SchoolLevel.LOWER_SECONDARY])
    assert education.get_school_levels_display() == "Tiểu học, Trung học cơ sở"
    with pytest.raises(ValidationError):
        nominate(provincial[1], units["bg.luc-ngan"], school_levels=[SchoolLevel.PRIMARY])


def test_a_unit_not_on_that_years_plan_is_refused_with_the_reason(provincial, units):
    with pytest.raises(ValidationError, match="Huyện Yên Dũng không tham gia kế hoạch nhân rộng năm 2025") as error:
        nominate(provincial[0], units["bg.yen-dung"], year=2025)
    assert "đã hết hiệu lực sau ngày 31/12/2024; vào ngày 30/06/2025, địa bàn này thuộc: Thành phố Bắc Giang" in str(
        error.value)


def board(year, **kwargs):
    return {row.unit.name: row for row in replication_quota(year=year, **kwargs)}


def test_the_2024_board_has_yen_dung_and_the_town_of_viet_yen(provincial, units):
    rows = board(2024)
    assert set(rows) == {
        "Thành phố Bắc Giang", "Huyện Hiệp Hòa", "Huyện Lạng Giang", "Huyện Lục Nam", "Huyện Lục Ngạn",
        "Huyện Sơn Động", "Huyện Tân Yên", "Thị xã Việt Yên", "Huyện Yên Dũng", "Huyện Yên Thế",
    }
    assert board_date(2024) == D(2024, 12, 14)  # the last day to report on time


def test_the_2025_board_has_chu_and_no_yen_dung(provincial, units):
    rows = board(2025)
    assert "Huyện Yên Dũng" not in rows
    assert "Thị xã Chũ" in rows
    assert len(rows) == 10
    # The district level ended on 30 June 2025: the board is of the units in force that day.
    assert board_date(2025) == D(2025, 6, 30)


def test_states_below_on_target_and_above_with_justification(provincial, units):
    nominate(provincial[0], units["bg.luc-ngan"])
    nominate(provincial[1], units["bg.luc-ngan"])
    for initiative in provincial[:3]:
        nominate(initiative, units["bg.yen-the"])
    nominate(provincial[3], units["bg.yen-the"], justification="Nhu cầu lớn")
    nominate(provincial[0], units["bg.yen-dung"])
    rows = board(2024)
    assert (rows["Huyện Lục Ngạn"].count, rows["Huyện Lục Ngạn"].state) == (2, QuotaState.ON_TARGET)
    assert (rows["Huyện Yên Thế"].count, rows["Huyện Yên Thế"].state) == (4, QuotaState.ABOVE)
    assert rows["Huyện Yên Thế"].justifications == ["Nhu cầu lớn"]
    assert (rows["Huyện Yên Dũng"].state, rows["Huyện Yên Dũng"].missing) == (QuotaState.BELOW, 1)
    assert (rows["Huyện Sơn Động"].count, rows["Huyện Sơn Động"].missing) == (0, 2)


def test_the_board_as_of_a_date_counts_only_earlier_nominations(provincial, units):
    nominate(provincial[0], units["bg.luc-ngan"], on=D(2024, 5, 1))
    nominate(provincial[1], units["bg.luc-ngan"], on=D(2024, 10, 1))
    assert board(2024, as_of=D(2024, 6, 30))["Huyện Lục Ngạn"].count == 1
    assert board(2024)["Huyện Lục Ngạn"].count == 2


def test_a_nomination_for_a_replaced_unit_counts_for_its_successor(provincial, units):
    nominate(provincial[0], units["bg.huyen-viet-yen"], on=D(2024, 1, 15))
    assert board(2024)["Thị xã Việt Yên"].count == 1


def test_withdrawn_nominations_do_not_count(provincial, units):
    nomination = nominate(provincial[0], units["bg.luc-ngan"])
    services.nomination_advance(nomination=nomination, to_status=NominationStatus.WITHDRAWN, actor=None,
                                reason="Đổi sáng kiến khác")
    assert board(2024)["Huyện Lục Ngạn"].count == 0


def test_a_nomination_dated_before_its_planning_year_is_refused(provincial, units):
    with pytest.raises(ValidationError, match="không phù hợp với kế hoạch năm 2024"):
        nominate(provincial[0], units["bg.luc-ngan"], year=2024, on=D(2022, 12, 1))
    assert nominate(provincial[0], units["bg.luc-ngan"], year=2024, on=D(2023, 12, 10)).year == 2024
    # Recorded late, after the year: still that year's choice.
    assert nominate(provincial[1], units["bg.luc-ngan"], year=2024, on=D(2025, 3, 1)).year == 2024
