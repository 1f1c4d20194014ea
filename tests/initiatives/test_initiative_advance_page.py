"""The council secretary moves an initiative through recognition and records council votes; a refused
move (two thirds not reached, a date in the future, a missing reason) is shown and nothing is written."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from initiatives import services
from initiatives.models import CouncilVote, InitiativeStep
from initiatives.workflow import CouncilLevel, InitiativeStatus
from tests.initiatives.conftest import file_initiative, vote

D = dt.date
S = InitiativeStatus


@pytest.fixture
def filed(district_officer_lucngan, school_lucngan):
    return file_initiative(district_officer_lucngan, school_lucngan)


@pytest.fixture
def under_review(filed):
    services.initiative_advance(initiative=filed, to_status=S.REGISTERED, actor=None, on=D(2023, 3, 10))
    services.initiative_advance(initiative=filed, to_status=S.UNDER_REVIEW, actor=None, on=D(2023, 3, 20))
    return filed


def advance_url(initiative, to_status):
    return reverse("initiatives:initiative_advance", args=[initiative.pk, to_status])


def buttons(client, initiative) -> list[tuple[str, str]]:
    page = client.get(reverse("initiatives:initiative_detail", args=[initiative.pk])).content.decode()
    moves = re.search(r'<p class="actions moves">(.*?)</p>', page, re.S).group(1)
    return re.findall(r'<a class="button" href="([^"]+)">([^<]+)</a>', moves)


def test_the_secretarys_buttons_say_what_each_move_does(client_for, council_secretary, filed):
    client = client_for(council_secretary)
    assert buttons(client, filed) == [(advance_url(filed, S.REGISTERED), "Tiếp nhận đơn"),
                                      (advance_url(filed, S.RETURNED), "Trả lại đơn để sửa đổi")]
    services.initiative_advance(initiative=filed, to_status=S.REGISTERED, actor=None, on=D(2023, 3, 10))
    services.initiative_advance(initiative=filed, to_status=S.UNDER_REVIEW, actor=None, on=D(2023, 3, 20))
    assert buttons(client, filed) == [(advance_url(filed, S.RECOGNISED), "Công nhận sáng kiến"),
                                      (advance_url(filed, S.REFUSED), "Từ chối công nhận")]


def test_the_secretary_registers_an_initiative(client_for, council_secretary, filed):
    client = client_for(council_secretary)
    form = client.get(advance_url(filed, S.REGISTERED))
    assert form.status_code == 200
    assert "Chuyển sang “Đã tiếp nhận”" in form.content.decode()
    response = client.post(advance_url(filed, S.REGISTERED), {"on": "2023-03-10", "reason": ""},
                           REMOTE_ADDR="198.51.100.4")
    assert response.status_code == 302
    assert response["Location"] == reverse("initiatives:initiative_detail", args=[filed.pk])
    filed.refresh_from_db()
    # Three months end on Saturday 10/06/2023: the decision is due the next working day, Monday 12/06.
    assert (filed.status, filed.registered_on, filed.base_decision_due) == (S.REGISTERED, D(2023, 3, 10),
                                                                           D(2023, 6, 12))
    step = filed.steps.get()
    assert step.recorded_by == council_secretary
    row = filed.history.first()
    assert (row.history_user, row.history_channel, row.history_ip_address) == (council_secretary, "web",
                                                                              "198.51.100.4")


def test_a_move_needing_a_reason_asks_for_it(client_for, council_secretary, filed):
    client = client_for(council_secretary)
    response = client.post(advance_url(filed, S.RETURNED), {"on": "2023-03-10", "reason": ""})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    response = client.post(advance_url(filed, S.RETURNED), {"on": "2023-03-10", "reason": "Thiếu bản mô tả"})
    assert response.status_code == 302
    assert filed.steps.get().reason == "Thiếu bản mô tả"


def test_recognition_needs_two_thirds_and_the_message_says_how_many_votes_are_missing(client_for,
                                                                                      council_secretary,
                                                                                      under_review):
    vote(under_review, CouncilLevel.BASE, D(2023, 3, 25), present=9, votes_for=5)
    client = client_for(council_secretary)
    form = client.get(advance_url(under_review, S.RECOGNISED)).content.decode()
    assert "decision_ref" in form  # a recognition issues a certificate
    response = client.post(advance_url(under_review, S.RECOGNISED),
                           {"on": "2023-03-30", "decision_ref": "GCN-12/2023", "reason": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "cần ít nhất 6 phiếu tán thành (2/3 tổng số thành viên hội đồng: 9 thành viên, 9 có mặt)" in page
    assert "thiếu 1 phiếu" in page
    under_review.refresh_from_db()
    assert under_review.status == S.UNDER_REVIEW
    assert under_review.steps.count() == 2


def test_a_date_in_the_future_is_refused(client_for, council_secretary, filed):
    response = client_for(council_secretary).post(advance_url(filed, S.REGISTERED), {"on": "2100-01-01"})
    assert "ở tương lai" in response.content.decode()
    assert not InitiativeStep.objects.exists()


def test_an_illegal_move_is_a_404_to_open(client_for, council_secretary, filed):
    client = client_for(council_secretary)
    assert client.get(advance_url(filed, S.RECOGNISED)).status_code == 404
    assert client.get(advance_url(filed, "launched")).status_code == 404
    assert client.post(advance_url(filed, "launched"), {"on": "2023-03-10"}).status_code == 404


def test_a_move_no_longer_allowed_when_posted_is_explained(client_for, council_secretary, filed):
    # The form was opened while the initiative was filed; someone registered it meanwhile.
    services.initiative_advance(initiative=filed, to_status=S.REGISTERED, actor=None, on=D(2023, 3, 10))
    response = client_for(council_secretary).post(advance_url(filed, S.REGISTERED), {"on": "2023-03-12"})
    assert response.status_code == 200
    assert "Không thể chuyển sáng kiến từ “Đã tiếp nhận” sang “Đã tiếp nhận”" in response.content.decode()
    assert filed.steps.count() == 1


@pytest.mark.parametrize("role", ["district_officer_lucngan", "auditor", "ip_officer", "outsider"])
def test_only_the_secretary_moves_recognition(request, client_for, filed, role):
    client = client_for(request.getfixturevalue(role))
    assert client.get(advance_url(filed, S.REGISTERED)).status_code == 403
    assert client.post(advance_url(filed, S.REGISTERED), {"on": "2023-03-10"}).status_code == 403
    assert not InitiativeStep.objects.exists()


# Council votes ------------------------------------------------------------------------------------

def vote_url(initiative):
    return reverse("initiatives:vote_create", args=[initiative.pk])


def vote_data(**changes):
    return {"council": "base", "held_on": "2023-03-25", "members_seated": "9", "members_present": "9",
            "votes_for": "7", "votes_against": "1", "votes_abstaining": "1", **changes}


def test_the_secretary_records_a_vote_and_it_shows_on_the_initiative(client_for, council_secretary, under_review):
    client = client_for(council_secretary)
    assert 'value="base" selected' in client.get(vote_url(under_review)).content.decode()
    response = client.post(vote_url(under_review), vote_data())
    assert response.status_code == 302
    recorded = CouncilVote.objects.get()
    assert (recorded.votes_for, recorded.passes, recorded.recorded_by) == (7, True, council_secretary)
    row = recorded.history.get()
    assert (row.history_user, row.history_channel) == (council_secretary, "web")
    page = client.get(reverse("initiatives:initiative_detail", args=[under_review.pk])).content.decode()
    assert "7/9" in page and "Đạt (cần 6: 2/3 tổng số thành viên hội đồng)" in page


def test_votes_that_do_not_add_up_are_refused(client_for, council_secretary, under_review):
    response = client_for(council_secretary).post(vote_url(under_review), vote_data(votes_for="8"))
    assert response.status_code == 200
    assert "khác số thành viên có mặt (9)" in response.content.decode()
    assert not CouncilVote.objects.exists()


@pytest.mark.parametrize("role", ["district_officer_lucngan", "auditor"])
def test_only_the_secretary_records_votes(request, client_for, under_review, role):
    client = client_for(request.getfixturevalue(role))
    assert client.get(vote_url(under_review)).status_code == 403
    assert client.post(vote_url(under_review), vote_data()).status_code == 403
    assert not CouncilVote.objects.exists()
