"""The base-level decision is due three months after registration, or after the first application ends."""

import datetime as dt

from initiatives import services
from initiatives.workflow import CouncilLevel
from initiatives.workflow import InitiativeStatus as S
from tests.initiatives.conftest import file_initiative, vote

D = dt.date


def register(initiative, on):
    return services.initiative_advance(initiative=initiative, to_status=S.REGISTERED, actor=None, on=on)


def test_due_three_months_after_registration(district_officer_lucngan, school_lucngan):
    initiative = register(file_initiative(district_officer_lucngan, school_lucngan), D(2024, 3, 5))
    assert initiative.base_decision_due == D(2024, 6, 5)  # a Wednesday
    assert not initiative.is_overdue(D(2024, 6, 5))
    assert initiative.is_overdue(D(2024, 6, 6))


def test_a_due_day_on_a_saturday_moves_to_monday(district_officer_lucngan, school_lucngan):
    """Civil Code, art. 148: 01/06/2024 is a Saturday, so the limit ends on Monday 03/06/2024."""
    initiative = register(file_initiative(district_officer_lucngan, school_lucngan), D(2024, 3, 1))
    assert initiative.base_decision_due == D(2024, 6, 3)
    assert not initiative.is_overdue(D(2024, 6, 3))
    assert initiative.is_overdue(D(2024, 6, 4))


def test_due_three_months_after_the_first_application_ends_when_later(district_officer_lucngan, school_lucngan):
    initiative = file_initiative(district_officer_lucngan, school_lucngan, first_application_ended_on=D(2024, 5, 15))
    initiative = register(initiative, D(2024, 3, 1))
    assert initiative.base_decision_due == D(2024, 8, 15)


def test_not_overdue_once_decided(district_officer_lucngan, school_lucngan):
    initiative = register(file_initiative(district_officer_lucngan, school_lucngan), D(2024, 3, 1))
    services.initiative_advance(initiative=initiative, to_status=S.UNDER_REVIEW, actor=None, on=D(2024, 4, 1))
    vote(initiative, CouncilLevel.BASE, D(2024, 6, 20))
    initiative = services.initiative_advance(initiative=initiative, to_status=S.RECOGNISED, actor=None,
                                             on=D(2024, 7, 1), decision_ref="GCN 3")
    assert not initiative.is_overdue(D(2024, 7, 2))


def test_no_due_date_before_registration(district_officer_lucngan, school_lucngan):
    initiative = file_initiative(district_officer_lucngan, school_lucngan)
    assert initiative.base_decision_due is None
    assert not initiative.is_overdue(D(2030, 1, 1))
