"""Replication progress never goes down without a reason; authors are paid at least the legal minimum."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from directory.workflow import InvalidTransition
from initiatives import services
from initiatives.models import ProgressUpdate, ReplicationSite
from initiatives.workflow import NominationStatus, SiteStatus
from tests.initiatives.conftest import file_initiative, recognise_provincially

D = dt.date


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def site(provincial_initiative, units, district_officer_lucngan):
    nomination = services.nomination_create(initiative=provincial_initiative, unit=units["bg.luc-ngan"], year=2024,
                                            actor=district_officer_lucngan, on=D(2024, 2, 1))
    return services.site_add(actor=district_officer_lucngan, nomination=nomination,
                             place_kind=ReplicationSite.PlaceKind.SCHOOL, place_name="Trường THCS Tân Quang",
                             responsible_person="Hoàng Thị Hoa", started_on=D(2024, 3, 1))


def record(site, on, percent, actor=None, **kwargs):
    return services.progress_record(actor=actor, site=site, on=on, percent=percent, **kwargs)


def test_progress_with_results_and_evidence_starts_the_site(site, district_officer_lucngan):
    update = record(site, D(2024, 4, 1), 30, district_officer_lucngan, people_reached=120, benefit=15_000_000,
                    evidence=[ContentFile(b"%PDF-1.4 bien ban", name="bien-ban-kiem-tra.pdf")])
    site.refresh_from_db()
    assert site.status == SiteStatus.IN_PROGRESS
    assert (update.people_reached, update.evidence.get().title) == (120, "bien-ban-kiem-tra.pdf")
    assert len(update.evidence.get().sha256) == 64


def test_progress_going_down_needs_a_reason(site):
    record(site, D(2024, 4, 1), 60)
    with pytest.raises(ValidationError) as error:
        record(site, D(2024, 5, 1), 40)
    assert "giảm từ 60% xuống 40%" in error.value.message_dict["decrease_reason"][0]
    assert ProgressUpdate.objects.count() == 1
    record(site, D(2024, 5, 1), 40, decrease_reason="Giáo viên phụ trách chuyển công tác")
    assert ProgressUpdate.objects.count() == 2


@pytest.mark.parametrize("percent", [101, 150])
def test_progress_above_100_is_refused(site, percent):
    with pytest.raises(ValidationError):
        record(site, D(2024, 4, 1), percent)


def test_progress_cannot_be_dated_before_the_last_update_or_the_start(site):
    record(site, D(2024, 4, 1), 20)
    with pytest.raises(ValidationError):
        record(site, D(2024, 3, 20), 30)
    with pytest.raises(ValidationError):
        record(site, D(2024, 2, 1), 30)


def test_abandoning_a_site_needs_a_reason_and_closes_it(site):
    with pytest.raises(InvalidTransition):
        services.site_advance(actor=None, site=site, to_status=SiteStatus.ABANDONED)
    services.site_advance(actor=None, site=site, to_status=SiteStatus.ABANDONED, reason="Trường sáp nhập")
    with pytest.raises(InvalidTransition):
        record(site, D(2024, 6, 1), 10)


def test_another_units_officer_cannot_record_progress(site, district_officer_yenthe):
    with pytest.raises(PermissionDenied):
        record(site, D(2024, 4, 1), 10, district_officer_yenthe)


def test_nomination_moves_through_its_statuses(site):
    nomination = site.nomination
    for status in (NominationStatus.APPROVED, NominationStatus.REPLICATING, NominationStatus.COMPLETED):
        nomination = services.nomination_advance(nomination=nomination, to_status=status, actor=None)
    with pytest.raises(InvalidTransition):
        services.nomination_advance(nomination=nomination, to_status=NominationStatus.WITHDRAWN, actor=None,
                                    reason="x")


@pytest.fixture
def invested(district_officer_lucngan, school_lucngan, cooperative_lucngan):
    """An initiative the Phượng Sơn cooperative invested in: an economic organisation."""
    return recognise_provincially(file_initiative(district_officer_lucngan, school_lucngan, investor=cooperative_lucngan,
                                                  title="Quy trình sấy vải thiều bằng năng lượng mặt trời"))


def pay(initiative, **kwargs):
    return services.remuneration_record(actor=None, initiative=initiative, paid_on=D(2024, 12, 1), **kwargs)


def test_an_economic_investor_pays_at_least_7_percent_a_year(invested):
    with pytest.raises(ValidationError) as error:
        pay(invested, application_year=1, benefit=200_000_000, rate_percent=Decimal("6.5"), amount=13_000_000)
    assert "ít nhất 7%" in error.value.message_dict["rate_percent"][0]
    payment = pay(invested, application_year=1, benefit=200_000_000, rate_percent=Decimal(7), amount=14_000_000)
    assert payment.amount == 14_000_000


def test_the_amount_must_match_the_rate(invested):
    with pytest.raises(ValidationError, match="nhỏ hơn 8%"):
        pay(invested, application_year=2, benefit=100_000_000, rate_percent=Decimal(8), amount=7_000_000)


def test_a_transfer_pays_at_least_15_percent_of_its_price(invested):
    with pytest.raises(ValidationError, match="15%"):
        pay(invested, transfer_price=50_000_000, amount=7_000_000)
    assert pay(invested, transfer_price=50_000_000, amount=7_500_000).amount == 7_500_000


def test_no_minimum_when_the_authors_invested_themselves(provincial_initiative):
    assert pay(provincial_initiative, application_year=1, benefit=10_000_000, rate_percent=Decimal(2),
               amount=200_000).amount == 200_000

