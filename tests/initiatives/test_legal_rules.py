"""The initiatives' rules on their boundaries: the council's vote (dated, judged by the rule in force on its
day), the lock after base-level recognition, the remuneration minimums and the reasons a removal needs."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from directory import services as directory_services
from directory.models import OrganisationKind
from initiatives import services
from initiatives.models import CouncilRule, CouncilVote, InitiativeAuthor, VoteBasis
from initiatives.workflow import CouncilLevel
from initiatives.workflow import InitiativeStatus as S
from tests.initiatives.conftest import AUTHORS, file_initiative, recognise_provincially, vote

D = dt.date


@pytest.fixture
def under_review(district_officer_lucngan, school_lucngan):
    initiative = file_initiative(district_officer_lucngan, school_lucngan)
    for to_status, on in ((S.REGISTERED, D(2023, 3, 10)), (S.UNDER_REVIEW, D(2023, 3, 20))):
        services.initiative_advance(initiative=initiative, to_status=to_status, actor=None, on=on)
    return initiative


@pytest.fixture
def recognised(under_review):
    vote(under_review, CouncilLevel.BASE, D(2023, 3, 25))
    return services.initiative_advance(initiative=under_review, to_status=S.RECOGNISED, actor=None,
                                       on=D(2023, 3, 30), decision_ref="GCN-12/2023")


# The council's vote -------------------------------------------------------------------------------

def test_a_vote_dated_in_the_future_is_refused_and_nothing_is_written(under_review, council_secretary):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.council_vote_record(actor=council_secretary, initiative=under_review, council=CouncilLevel.BASE,
                                     held_on=tomorrow, members_seated=9, members_present=9, votes_for=9,
                                     votes_against=0, votes_abstaining=0)
    assert "tương lai" in refused.value.message_dict["held_on"][0]
    assert not CouncilVote.objects.exists()


def test_the_default_rule_is_two_thirds_of_the_members_and_is_kept_on_the_vote(under_review):
    recorded = vote(under_review, CouncilLevel.BASE, D(2023, 3, 25), present=6, votes_for=6, seated=9)
    rule = CouncilRule.objects.get()
    assert (rule.basis, rule.numerator, rule.denominator) == (VoteBasis.MEMBERS, 2, 3)
    assert (recorded.rule, recorded.votes_needed, recorded.passes) == (rule, 6, True)


def test_a_changed_rule_judges_votes_from_its_first_day_and_never_rejudges_the_past(under_review):
    earlier = vote(under_review, CouncilLevel.BASE, D(2023, 3, 21), present=6, votes_for=5, seated=9)
    old = CouncilRule.objects.get()
    old.valid_to = D(2023, 3, 22)
    old.full_clean()
    old.save()
    new = CouncilRule(basis=VoteBasis.PRESENT, numerator=1, denominator=2, valid_from=D(2023, 3, 23),
                      legal_basis="Quy định thử")
    new.full_clean()
    new.save()

    later = vote(under_review, CouncilLevel.BASE, D(2023, 3, 25), present=6, votes_for=4, seated=9)
    assert (later.rule, later.votes_needed, later.passes) == (new, 3, True)
    earlier.refresh_from_db()
    assert (earlier.rule, earlier.votes_needed, earlier.passes) == (old, 6, False)


def test_overlapping_council_rules_are_refused(under_review):
    vote(under_review, CouncilLevel.BASE, D(2023, 3, 21))
    clash = CouncilRule(basis=VoteBasis.PRESENT, numerator=1, denominator=2, valid_from=D(2023, 1, 1))
    with pytest.raises(ValidationError):
        clash.full_clean()


# The lock after recognition -----------------------------------------------------------------------

def test_after_recognition_the_units_officer_can_change_neither_description_nor_shares(
        recognised, district_officer_lucngan):
    with pytest.raises(PermissionDenied, match="công nhận cấp cơ sở"):
        services.initiative_update(actor=district_officer_lucngan, initiative=recognised,
                                   description="Mô tả khác", reason="Sửa")
    shares = [{**AUTHORS[0], "share_percent": 50}, {**AUTHORS[1], "share_percent": 50}]
    with pytest.raises(PermissionDenied):
        services.initiative_set_authors(actor=district_officer_lucngan, initiative=recognised, authors=shares,
                                        reason="Sửa")
    assert sorted(InitiativeAuthor.objects.values_list("share_percent", flat=True)) == [40, 60]


def test_the_secretary_changes_a_recognised_initiative_only_with_a_reason(recognised, council_secretary):
    shares = [{**AUTHORS[0], "share_percent": 50}, {**AUTHORS[1], "share_percent": 50}]
    with pytest.raises(ValidationError, match="lý do"):
        services.initiative_set_authors(actor=council_secretary, initiative=recognised, authors=shares)
    services.initiative_set_authors(actor=council_secretary, initiative=recognised, authors=shares,
                                    reason="Quyết định điều chỉnh 05/QĐ-HĐSK")
    assert sorted(InitiativeAuthor.objects.values_list("share_percent", flat=True)) == [50, 50]
    row = InitiativeAuthor.history.filter(history_type="+").latest("history_id")
    assert (row.history_user, row.history_change_reason) == (council_secretary, "Quyết định điều chỉnh 05/QĐ-HĐSK")


def test_the_officer_sees_why_the_edit_page_is_closed(client_for, recognised, district_officer_lucngan,
                                                     council_secretary):
    url = reverse("initiatives:initiative_update", args=[recognised.pk])
    response = client_for(district_officer_lucngan).get(url)
    assert response.status_code == 403
    assert "chỉ thư ký hội đồng sáng kiến được sửa" in response.content.decode()
    assert client_for(council_secretary).get(url).status_code == 200


def test_before_recognition_removing_an_author_needs_a_reason(under_review, district_officer_lucngan):
    alone = [{**AUTHORS[0], "share_percent": 100}]
    with pytest.raises(ValidationError, match="lý do"):
        services.initiative_set_authors(actor=district_officer_lucngan, initiative=under_review, authors=alone)
    assert InitiativeAuthor.objects.count() == 2
    services.initiative_set_authors(actor=district_officer_lucngan, initiative=under_review, authors=alone,
                                    reason="Tác giả xin rút tên")
    assert InitiativeAuthor.objects.count() == 1


# Remuneration -------------------------------------------------------------------------------------

@pytest.fixture
def public_service_unit(units):
    return directory_services.organisation_upsert(actor=None, name="Trung tâm Khuyến nông Lục Ngạn",
                                                  kind=OrganisationKind.PUBLIC_SERVICE_UNIT,
                                                  unit=units["bg.luc-ngan"])


@pytest.mark.parametrize(("agreed", "minimum_applies"), [(False, True), (True, False)])
def test_a_public_service_unit_investor_pays_the_minimum_unless_agreed(
        district_officer_lucngan, school_lucngan, public_service_unit, agreed, minimum_applies):
    initiative = recognise_provincially(file_initiative(
        district_officer_lucngan, school_lucngan, investor=public_service_unit, remuneration_agreed=agreed,
        title="Mô hình khuyến nông số"))
    assert initiative.remuneration_minimums_apply is minimum_applies

    def pay():
        return services.remuneration_record(actor=None, initiative=initiative, paid_on=D(2024, 12, 1),
                                            application_year=1, benefit=100_000_000, rate_percent=Decimal(5),
                                            amount=5_000_000)

    if minimum_applies:
        with pytest.raises(ValidationError, match="ít nhất 7%"):
            pay()
        assert not initiative.payments.exists()
    else:
        assert pay().amount == 5_000_000
