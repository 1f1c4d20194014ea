"""The yearly plan is data: 2024 and 2025 of former Bắc Giang's district level, 2026 of the 99 communes and
wards; a board that costs the same queries whatever its size; and the open work of an ended unit handed over
to a successor, whose officer carries it on."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory import services as directory_services
from directory.models import Role
from initiatives import services
from initiatives.models import ReplicationPlan
from initiatives.selectors import QuotaState, plan_units, replication_board, replication_quota
from initiatives.workflow import InitiativeStatus, NominationStatus
from tests.conftest import PASSWORD
from tests.initiatives.conftest import file_initiative, recognise_provincially

D = dt.date


@pytest.fixture
def provincial(district_officer_lucngan, school_lucngan):
    return [recognise_provincially(file_initiative(district_officer_lucngan, school_lucngan, title=f"Sáng kiến {i}"))
            for i in range(1, 5)]


def nominate(initiative, unit, year, on, **kwargs):
    return services.nomination_create(initiative=initiative, unit=unit, year=year, actor=None, on=on, **kwargs)


def test_the_plans_2021_to_2026_are_seeded_with_the_directives_days_and_targets(units):
    plans = {plan.year: plan for plan in ReplicationPlan.objects.select_related("territory")}
    assert sorted(plans) == [2021, 2022, 2023, 2024, 2025, 2026]
    assert {(plan.target_min, plan.target_ideal) for plan in plans.values()} == {(2, 3)}
    assert plans[2024].unit_report_due == D(2024, 12, 14) and plans[2024].province_report_due == D(2024, 12, 31)
    assert plans[2025].units_on == D(2025, 6, 30) and plans[2025].reporting_kinds == []
    assert plans[2026].territory.code == "bn" and plans[2026].basis_is_example
    assert plans[2024].territory.code == "bg" and "01/CT-UBND" in plans[2024].legal_basis
    assert plans[2024].history.get().history_type == "+"


def test_the_2024_2025_and_2026_boards(units):
    assert len(replication_quota(year=2024)) == 10  # Yên Dũng still, no Chũ yet
    names_2025 = {row.unit.name for row in replication_quota(year=2025)}
    assert "Thị xã Chũ" in names_2025 and "Huyện Yên Dũng" not in names_2025 and len(names_2025) == 10
    rows_2026 = replication_quota(year=2026)
    assert len(rows_2026) == 99
    assert {row.unit.parent.code for row in rows_2026} == {"bn"}
    # Each commune knows the districts it was formed from; former Bắc Ninh's included.
    former = {row.unit.name: row.former for row in rows_2026}
    assert former["Phường Chũ"] == ["Thị xã Chũ"]
    assert former["Phường Từ Sơn"] == ["Thành phố Từ Sơn"]


def test_a_commune_nominates_for_2026_and_a_district_that_ended_is_refused(units, provincial):
    nomination = nominate(provincial[0], units["bn.luc-ngan"], 2026, D(2026, 2, 1))
    row = next(row for row in replication_quota(year=2026) if row.unit == units["bn.luc-ngan"])
    assert row.nominations == [nomination]
    with pytest.raises(ValidationError, match="Huyện Lục Ngạn không tham gia kế hoạch nhân rộng năm 2026"):
        nominate(provincial[1], units["bg.luc-ngan"], 2026, D(2026, 2, 1))


def test_the_plans_target_is_data(units, provincial):
    plan = ReplicationPlan.objects.get(year=2026)
    for initiative in provincial[:3]:
        nominate(initiative, units["bn.chu"], 2026, D(2026, 2, 1))
    state = lambda: next(row for row in replication_quota(year=2026) if row.unit == units["bn.chu"]).state  # noqa
    assert state() == QuotaState.ON_TARGET
    plan.target_min, plan.target_ideal = 4, 5
    directory_services.record_save(actor=None, instance=plan, reason="UBND tỉnh nâng chỉ tiêu năm 2026")
    assert state() == QuotaState.BELOW
    # The justification beyond the ideal follows the plan too: the fourth is no longer beyond it.
    assert nominate(provincial[3], units["bn.chu"], 2026, D(2026, 2, 2)).pk


def test_the_board_filters_by_state_and_former_district_and_sorts_by_what_is_missing(units, provincial):
    nominate(provincial[0], units["bn.luc-ngan"], 2026, D(2026, 2, 1))
    for initiative in provincial[:2]:
        nominate(initiative, units["bn.chu"], 2026, D(2026, 2, 1))
    board = replication_board(year=2026, state=QuotaState.ON_TARGET)
    assert [row.unit.name for row in board.rows] == ["Phường Chũ"]
    assert board.by_state == {QuotaState.BELOW: 98, QuotaState.ON_TARGET: 1, QuotaState.ABOVE: 0}
    from_luc_ngan = replication_board(year=2026, former="Huyện Lục Ngạn")
    assert "Xã Lục Ngạn" in {row.unit.name for row in from_luc_ngan.rows}
    assert "Phường Chũ" not in {row.unit.name for row in from_luc_ngan.rows}
    by_missing = replication_board(year=2026, order="missing").rows
    assert by_missing[0].missing == 2 and by_missing[-1].unit.name == "Phường Chũ"


def board_queries(client, year) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("initiatives:replication_board", args=[year]), {"state": "below"})
    assert response.status_code == 200
    return len(queries)


def test_the_board_costs_the_same_queries_for_10_units_and_for_99(client_for, auditor, units, provincial):
    client = client_for(auditor)
    for year, unit in ((2024, "bg.luc-ngan"), (2026, "bn.luc-ngan")):
        nominate(provincial[0], units[unit], year, D(year, 2, 1))
    board_queries(client, 2024)  # the session's and the menu's first reads
    assert board_queries(client, 2024) == board_queries(client, 2026)


def test_the_board_page_shows_the_counts_by_state_and_the_former_districts(client_for, auditor, units):
    page = client_for(auditor).get(reverse("initiatives:replication_board", args=[2026]),
                                   {"former": "Thị xã Chũ"}).content.decode()
    assert '<li class="quota-state-below" data-state="below"><strong>99</strong>' in page
    assert 'data-unit="Phường Chũ"' in page and 'data-unit="Phường Bắc Giang"' not in page
    assert "từ Thị xã Chũ" in page
    response = client_for(auditor).get(reverse("initiatives:replication_board", args=[2026]),
                                       {"state": "nonsense", "order": "x" * 300, "former": "'; drop"})
    assert response.status_code == 200
    assert "Điều kiện lọc không hợp lệ đã được bỏ qua" in response.content.decode()


# Hand-over -------------------------------------------------------------------------------------------

@pytest.fixture
def committee_initiative(district_officer_lucngan, units):
    """An initiative of Lục Ngạn's People's Committee, still awaiting a decision when the committee ended."""
    committee = directory_services.organisation_upsert(actor=None, name="Ủy ban nhân dân huyện Lục Ngạn",
                                                       kind="state_body", unit=units["bg.luc-ngan"])
    initiative = file_initiative(district_officer_lucngan, committee, title="Một cửa liên thông", filed_on=D(2025, 5, 5))
    services.initiative_advance(initiative=initiative, to_status=InitiativeStatus.REGISTERED, actor=None,
                                on=D(2025, 5, 12))
    directory_services.organisation_end(actor=None, organisation=committee, last_day=D(2025, 6, 30),
                                        reason="Kết thúc cấp huyện")
    return initiative


@pytest.fixture
def commune_officer(units):
    user = directory_services.user_upsert(actor=None, username="officer_xa_lucngan", full_name="Cán bộ xã",
                                          password=PASSWORD)
    directory_services.role_assign(actor=None, user=user, role=Role.DISTRICT_OFFICER, unit=units["bn.luc-ngan"])
    return user


def test_dost_hands_the_open_work_over_and_the_successors_officer_carries_it_on(
        client_for, ip_officer, commune_officer, district_officer_lucngan, committee_initiative, units, provincial):
    running = nominate(provincial[0], units["bg.luc-ngan"], 2025, D(2025, 2, 1))
    running = services.nomination_advance(nomination=running, to_status=NominationStatus.APPROVED, actor=None)
    edit = reverse("initiatives:initiative_update", args=[committee_initiative.pk])
    assert client_for(commune_officer).get(edit).status_code == 404  # not yet theirs

    client = client_for(ip_officer)
    page = client.get(reverse("initiatives:hand_over")).content.decode()
    assert 'data-unit="Huyện Lục Ngạn"' in page and "Một cửa liên thông" in page
    client.post(reverse("initiatives:hand_over"), {"unit": units["bg.luc-ngan"].pk, "to": units["bn.luc-ngan"].pk,
                                                   "reason": "Văn bản bàn giao số 15/UBND"})
    committee_initiative.refresh_from_db()
    running.refresh_from_db()
    assert committee_initiative.handed_over_to == units["bn.luc-ngan"]
    assert running.handed_over_to == units["bn.luc-ngan"]
    assert committee_initiative.history.first().history_change_reason == "Văn bản bàn giao số 15/UBND"
    assert client_for(commune_officer).get(edit).status_code == 200
    # The 2025 board still counts the nomination for Lục Ngạn.
    row = next(row for row in replication_quota(year=2025) if row.unit == units["bg.luc-ngan"])
    assert row.nominations == [running]
    assert 'data-unit="Huyện Lục Ngạn"' not in client.get(reverse("initiatives:hand_over")).content.decode()


def test_a_hand_over_to_a_unit_that_did_not_take_it_over_is_refused(ip_officer, committee_initiative, units):
    with pytest.raises(ValidationError, match="Phường Từ Sơn không kế thừa Huyện Lục Ngạn"):
        services.open_work_hand_over(actor=ip_officer, unit=units["bg.luc-ngan"], to=units["bn.tu-son"],
                                     reason="Nhầm", on=D(2026, 1, 5))
    committee_initiative.refresh_from_db()
    assert committee_initiative.handed_over_to is None


def test_only_dost_hands_work_over(client_for, district_officer_lucngan, auditor, council_secretary, units):
    for user in (district_officer_lucngan, auditor, council_secretary):
        assert client_for(user).get(reverse("initiatives:hand_over")).status_code == 403
    with pytest.raises(PermissionDenied):
        services.open_work_hand_over(actor=district_officer_lucngan, unit=units["bg.luc-ngan"],
                                     to=units["bn.luc-ngan"], reason="x")


def test_plan_units_are_those_of_the_territory_in_force_on_the_plans_day(units):
    plan = ReplicationPlan.objects.get(year=2024)
    names = {unit.name for unit in plan_units(plan)}
    assert "Sở Giáo dục và Đào tạo tỉnh Bắc Giang" in names  # departments take part, without the 2–3 target
    assert "Thành phố Bắc Ninh" not in names  # former Bắc Ninh was not Directive 01's
