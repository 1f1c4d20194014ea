"""The initiatives' demo data: a province's worth of initiatives at every stage, and two replication years."""

from collections import Counter
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from audit import acting_as
from directory import demo as directory_demo
from directory import services as directory_services
from initiatives import demo
from initiatives.models import (
    Initiative,
    InitiativeField,
    InitiativeStep,
    ProgressUpdate,
    RemunerationPayment,
    ReplicationSite,
)
from initiatives.selectors import QuotaState, replication_quota
from initiatives.workflow import PROVINCIAL_SCOPE_STATUSES, CouncilLevel, InitiativeStatus, SiteStatus


@pytest.fixture(scope="class")
def demo_loaded(django_db_setup, django_db_blocker):
    """``load_demo_data`` run once for a class of read-only tests, and rolled back after them.

    Each test still runs in its own savepoint (``db``), so what one test writes the next does not see.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_data", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def board(year):
    return {row.unit.name: row for row in replication_quota(year=year)}


def row_counts():
    """Rows of every initiatives model, its historical tables included."""
    return {model._meta.label: model._default_manager.count()
            for model in apps.get_app_config("initiatives").get_models()}


@pytest.mark.usefixtures("demo_loaded", "db")
class TestTheLoadedDemo:
    def test_it_loads_at_least_25_initiatives_over_all_six_fields(self):
        assert Initiative.objects.count() >= 25
        assert set(Initiative.objects.values_list("field", flat=True)) == set(InitiativeField.values)

    def test_every_initiative_has_one_to_three_authors_sharing_exactly_100_percent(self):
        for initiative in Initiative.objects.prefetch_related("authors"):
            shares = [author.share_percent for author in initiative.authors.all()]
            assert 1 <= len(shares) <= 3, initiative.title
            assert sum(shares) == 100, initiative.title

    def test_at_least_eight_initiatives_hold_provincial_scope_by_a_two_thirds_vote(self):
        provincial = Initiative.objects.filter(status__in=PROVINCIAL_SCOPE_STATUSES,
                                               provincial_recognised_on__isnull=False)
        assert provincial.count() >= 8
        for initiative in provincial.prefetch_related("votes"):
            assert initiative.provincial_decision.endswith("/QĐ-UBND"), initiative.title
            assert any(vote.council == CouncilLevel.PROVINCIAL and vote.passes
                       for vote in initiative.votes.all()), initiative.title

    def test_statuses_spread_over_the_whole_workflow(self):
        statuses = Counter(Initiative.objects.values_list("status", flat=True))
        for status in (InitiativeStatus.FILED, InitiativeStatus.RETURNED, InitiativeStatus.REFUSED,
                       InitiativeStatus.RECOGNISED, InitiativeStatus.NOT_RECOGNISED_PROVINCIAL,
                       InitiativeStatus.RECOGNISED_NATIONAL):
            assert statuses[status] >= 1, status
        today = timezone.localdate()
        assert sum(initiative.is_overdue(today) for initiative in Initiative.objects.all()) >= 2

    def test_the_failed_provincial_vote_is_five_of_eight(self):
        failed = Initiative.objects.get(status=InitiativeStatus.NOT_RECOGNISED_PROVINCIAL)
        vote = failed.votes.get(council=CouncilLevel.PROVINCIAL)
        assert (vote.votes_for, vote.members_present, vote.passes) == (5, 8, False)
        assert failed.steps.get(to_status=InitiativeStatus.NOT_RECOGNISED_PROVINCIAL).reason

    def test_economic_investors_pay_their_authors_at_least_seven_percent(self):
        yearly = RemunerationPayment.objects.filter(transfer_price__isnull=True).select_related("initiative__investor")
        assert yearly.count() >= 3
        for payment in yearly:
            assert payment.initiative.investor_is_economic
            assert payment.rate_percent >= 7
            assert payment.amount >= payment.benefit * payment.rate_percent / 100

    def test_sites_show_results_a_decrease_with_its_reason_and_an_abandoned_site(self):
        assert ProgressUpdate.objects.exclude(decrease_reason="").exists()
        assert ReplicationSite.objects.get(status=SiteStatus.ABANDONED).abandon_reason
        assert ReplicationSite.objects.filter(status=SiteStatus.COMPLETED).count() >= 5
        assert ProgressUpdate.objects.filter(benefit__gt=0, people_reached__gt=0).exists()

    def test_the_2024_board_includes_yen_dung_and_a_unit_above_three(self):
        rows = board(2024)
        assert rows["Huyện Yên Dũng"].count >= 2
        assert "Thị xã Chũ" not in rows
        above = [row for row in rows.values() if row.count > 3]
        assert above
        assert all(row.state == QuotaState.ABOVE and row.justifications for row in above)
        assert all(row.state != QuotaState.BELOW for row in rows.values())

    def test_the_2025_board_has_chu_without_yen_dung_and_units_below_target(self):
        rows = board(2025)
        assert "Huyện Yên Dũng" not in rows
        assert "Thị xã Chũ" in rows
        assert sum(row.state == QuotaState.BELOW for row in rows.values()) >= 2
        assert sum(row.state == QuotaState.ON_TARGET for row in rows.values()) >= 2

    def test_loading_again_creates_no_rows_and_no_history(self):
        before = row_counts()
        assert before["initiatives.HistoricalInitiative"] > 0  # the historical tables are counted too
        call_command("load_demo_data", stdout=StringIO())
        assert row_counts() == before


def test_the_history_names_whoever_ran_the_load_and_why(db):
    directory_demo.load(actor=None)
    loader = directory_services.user_upsert(actor=None, username="loader", full_name="Người nạp dữ liệu")
    with acting_as(reason="Khởi tạo máy chủ thử nghiệm"):
        demo.load(actor=loader)
    filings = Initiative.history.filter(history_type="+")
    assert filings.count() == Initiative.objects.count() > 0
    assert set(filings.values_list("history_user", "history_change_reason")) == {
        (loader.pk, "Khởi tạo máy chủ thử nghiệm")
    }
    assert set(ProgressUpdate.history.values_list("history_user", flat=True)) == {loader.pk}
    # The records' own "recorded by" name the loader too, not the system account.
    assert set(InitiativeStep.objects.values_list("recorded_by", flat=True)) == {loader.pk}
