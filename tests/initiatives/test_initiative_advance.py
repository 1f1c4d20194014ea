"""Recognition moves only as the table allows, and only with two thirds of a council in favour."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from directory.workflow import InvalidTransition
from initiatives import services
from initiatives.models import Initiative, InitiativeStep, Scope
from initiatives.workflow import CouncilLevel
from initiatives.workflow import InitiativeStatus as S
from tests.initiatives.conftest import file_initiative, vote

D = dt.date


@pytest.fixture
def filed(district_officer_lucngan, school_lucngan):
    return file_initiative(district_officer_lucngan, school_lucngan)


def move(initiative, to_status, on, actor=None, **kwargs):
    return services.initiative_advance(initiative=initiative, to_status=to_status, actor=actor, on=on, **kwargs)


def test_the_whole_life_from_filing_to_national_scope(filed, council_secretary):
    assert (filed.status, filed.scope) == (S.FILED, Scope.NONE)
    move(filed, S.REGISTERED, D(2023, 3, 5), council_secretary)
    move(filed, S.UNDER_REVIEW, D(2023, 3, 20), council_secretary)
    vote(filed, CouncilLevel.BASE, D(2023, 4, 1), present=9, votes_for=6)
    initiative = move(filed, S.RECOGNISED, D(2023, 4, 5), council_secretary, decision_ref="GCN 07/2023")
    assert (initiative.scope, initiative.base_certificate, initiative.base_recognised_on) == (
        Scope.BASE, "GCN 07/2023", D(2023, 4, 5))
    move(filed, S.PROPOSED_PROVINCIAL, D(2023, 6, 1), council_secretary)
    vote(filed, CouncilLevel.PROVINCIAL, D(2023, 9, 1), present=12, votes_for=10)
    initiative = move(filed, S.RECOGNISED_PROVINCIAL, D(2023, 9, 15), council_secretary, decision_ref="QĐ 88")
    assert initiative.scope == Scope.PROVINCIAL
    move(filed, S.PROPOSED_NATIONAL, D(2024, 1, 10), council_secretary)
    vote(filed, CouncilLevel.NATIONAL, D(2024, 5, 1), present=7, votes_for=7)
    initiative = move(filed, S.RECOGNISED_NATIONAL, D(2024, 5, 20), council_secretary, decision_ref="QĐ 1/BKHCN")
    assert initiative.scope == Scope.NATIONAL
    steps = list(InitiativeStep.objects.filter(initiative=filed).values_list("to_status", flat=True))
    assert steps == [S.REGISTERED, S.UNDER_REVIEW, S.RECOGNISED, S.PROPOSED_PROVINCIAL, S.RECOGNISED_PROVINCIAL,
                     S.PROPOSED_NATIONAL, S.RECOGNISED_NATIONAL]
    row = initiative.history.first()
    assert (row.history_user, row.status) == (council_secretary, S.RECOGNISED_NATIONAL)


@pytest.fixture
def under_review(filed):
    move(filed, S.REGISTERED, D(2023, 3, 5))
    return move(filed, S.UNDER_REVIEW, D(2023, 3, 20))


def test_six_of_nine_members_is_two_thirds_and_passes(under_review):
    vote(under_review, CouncilLevel.BASE, D(2023, 4, 1), present=8, votes_for=6, seated=9)
    assert move(under_review, S.RECOGNISED, D(2023, 4, 2), decision_ref="GCN 1").status == S.RECOGNISED


def test_two_thirds_of_those_present_is_not_enough_when_members_are_absent(under_review):
    """Circular 18/2013, art. 8: two thirds of the council's members. 6 of 9 present is two thirds of those
    present, but the council has 11 members: 8 votes are needed."""
    vote(under_review, CouncilLevel.BASE, D(2023, 4, 1), present=9, votes_for=6, seated=11)
    with pytest.raises(InvalidTransition) as error:
        move(under_review, S.RECOGNISED, D(2023, 4, 2), decision_ref="GCN 1")
    assert "cần ít nhất 8 phiếu tán thành" in error.value.messages[0] and "thiếu 2 phiếu" in error.value.messages[0]


def test_one_vote_short_of_two_thirds_of_the_members_with_everyone_present(under_review):
    vote(under_review, CouncilLevel.BASE, D(2023, 4, 1), present=9, votes_for=5, seated=9)
    with pytest.raises(InvalidTransition) as error:
        move(under_review, S.RECOGNISED, D(2023, 4, 2), decision_ref="GCN 1")
    message = error.value.messages[0]
    assert "cần ít nhất 6 phiếu tán thành" in message and "mới có 5" in message and "thiếu 1 phiếu" in message
    assert Initiative.objects.get(pk=under_review.pk).status == S.UNDER_REVIEW
    assert not InitiativeStep.objects.filter(initiative=under_review, to_status=S.RECOGNISED).exists()


def test_recognition_without_a_vote_of_that_council_is_refused(under_review):
    vote(under_review, CouncilLevel.PROVINCIAL, D(2023, 4, 1))
    with pytest.raises(InvalidTransition, match="Chưa có kết quả biểu quyết của Hội đồng cấp cơ sở"):
        move(under_review, S.RECOGNISED, D(2023, 4, 2), decision_ref="GCN 1")


def test_a_vote_held_after_the_decision_date_does_not_count(under_review):
    vote(under_review, CouncilLevel.BASE, D(2023, 5, 1))
    with pytest.raises(InvalidTransition):
        move(under_review, S.RECOGNISED, D(2023, 4, 2), decision_ref="GCN 1")


def test_recognition_needs_the_decision_and_refusal_a_reason(under_review):
    vote(under_review, CouncilLevel.BASE, D(2023, 4, 1))
    with pytest.raises(InvalidTransition, match="số quyết định"):
        move(under_review, S.RECOGNISED, D(2023, 4, 2))
    with pytest.raises(InvalidTransition, match="lý do"):
        move(under_review, S.REFUSED, D(2023, 4, 2))
    assert move(under_review, S.REFUSED, D(2023, 4, 2), reason="Không có tính mới").status == S.REFUSED


def test_an_illegal_move_names_what_is_allowed(filed):
    with pytest.raises(InvalidTransition) as error:
        move(filed, S.RECOGNISED, D(2023, 3, 5), decision_ref="x")
    assert "Đã tiếp nhận, Trả lại để sửa đổi" in error.value.messages[0]


def test_returned_for_correction_and_filed_again(filed):
    move(filed, S.RETURNED, D(2023, 3, 3), reason="Thiếu mô tả lợi ích")
    assert move(filed, S.FILED, D(2023, 3, 10)).status == S.FILED


def test_only_the_council_secretary_moves_recognition(filed, district_officer_lucngan, auditor):
    for user in (district_officer_lucngan, auditor):
        with pytest.raises(PermissionDenied):
            move(filed, S.REGISTERED, D(2023, 3, 5), user)
    assert Initiative.objects.get(pk=filed.pk).status == S.FILED


def test_dates_cannot_be_in_the_future_or_before_filing(filed):
    with pytest.raises(InvalidTransition, match="tương lai"):
        move(filed, S.REGISTERED, dt.date.today() + dt.timedelta(days=3))
    with pytest.raises(InvalidTransition, match="trước bước trước đó"):
        move(filed, S.REGISTERED, D(2023, 2, 1))


def test_not_recognised_nationally_keeps_provincial_scope(provincial_initiative):
    move(provincial_initiative, S.PROPOSED_NATIONAL, D(2024, 1, 10))
    initiative = move(provincial_initiative, S.RECOGNISED_PROVINCIAL, D(2024, 6, 1), reason="Chưa đủ phạm vi")
    assert initiative.scope == Scope.PROVINCIAL
    assert initiative.provincial_decision == "QĐ 345/QĐ-UBND"  # the original decision stands


@pytest.mark.parametrize(
    ("present", "seated", "for_", "against", "abstaining"),
    [(9, 9, 6, 2, 2), (10, 9, 10, 0, 0)],
)
def test_inconsistent_vote_totals_are_refused(filed, present, seated, for_, against, abstaining):
    with pytest.raises(ValidationError):
        services.council_vote_record(actor=None, initiative=filed, council=CouncilLevel.BASE, held_on=D(2023, 4, 1),
                                     members_seated=seated, members_present=present, votes_for=for_,
                                     votes_against=against, votes_abstaining=abstaining)
    assert not filed.votes.exists()


def test_recognise_provincially_helper_reaches_provincial_scope(provincial_initiative):
    assert provincial_initiative.status == S.RECOGNISED_PROVINCIAL
