"""A mark is due for renewal six months before its term ends, in grace six months after, then expired."""

import datetime as dt

import pytest

from directory.workflow import InvalidTransition
from ip_registry import services
from ip_registry.models import AssetStatus, ProtectionApplication
from ip_registry.selectors import asset_status
from ip_registry.services import RenewalClosed, renewal_surcharge_percent
from ip_registry.workflow import ApplicationKind, EndingGround
from ip_registry.workflow import ApplicationStatus as S
from tests.ip_registry.conftest import walk_to_grant

D = dt.date


@pytest.fixture
def granted_mark(mycchu_mark, mycchu_cooperative, document_for):
    """Mỳ Chũ, filed 10/06/2015, granted 01/07/2016: valid until 10/06/2025."""
    application = services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative,
                                              application_number="4-2015-01234", filing_date=D(2015, 6, 10))
    walk_to_grant(application, document_for, accepted=D(2015, 7, 1), published=D(2015, 9, 1),
                  intended_grant=D(2016, 4, 1), granted=D(2016, 7, 1))
    mycchu_mark.refresh_from_db()
    assert mycchu_mark.valid_until == D(2025, 6, 10)
    return mycchu_mark


@pytest.mark.parametrize(
    ("on", "status"),
    [
        (D(2024, 12, 9), AssetStatus.PROTECTED),
        (D(2024, 12, 10), AssetStatus.RENEWAL_DUE),  # six months before the end
        (D(2025, 6, 10), AssetStatus.RENEWAL_DUE),  # the last day of the term
        (D(2025, 6, 11), AssetStatus.GRACE_PERIOD),
        (D(2025, 12, 10), AssetStatus.GRACE_PERIOD),  # the last day of grace
        (D(2025, 12, 11), AssetStatus.EXPIRED),
    ],
)
def test_renewal_states_on_their_boundary_days(granted_mark, on, status):
    assert asset_status(granted_mark, on) == status


@pytest.mark.parametrize(
    ("on", "percent"),
    [
        (D(2024, 12, 10), 0),
        (D(2025, 6, 10), 0),
        (D(2025, 6, 11), 10),  # one day late is part of a month
        (D(2025, 7, 10), 10),  # a full month late
        (D(2025, 7, 11), 20),
        (D(2025, 12, 10), 60),
    ],
)
def test_surcharge_is_ten_percent_per_month_or_part_late(granted_mark, on, percent):
    assert renewal_surcharge_percent(asset=granted_mark, on=on) == percent


@pytest.mark.parametrize("on", [D(2024, 12, 9), D(2025, 12, 11)])
def test_renewal_outside_the_window_is_closed(granted_mark, on):
    with pytest.raises(RenewalClosed):
        renewal_surcharge_percent(asset=granted_mark, on=on)


def test_a_gi_is_never_renewed(lucnam_gi):
    with pytest.raises(RenewalClosed):
        renewal_surcharge_percent(asset=lucnam_gi, on=D(2030, 1, 1))


def test_a_renewal_in_grace_extends_the_term_by_ten_years(granted_mark, mycchu_cooperative, document_for):
    renewal = services.application_create(actor=None, asset=granted_mark, applicant=mycchu_cooperative,
                                          kind=ApplicationKind.RENEWAL, application_number="GH-2025-0001",
                                          filing_date=D(2025, 7, 1))
    assert renewal.status == S.FILED
    services.application_advance(application=renewal, to_status=S.GRANTED, actor=None, on=D(2025, 8, 1),
                                 document=document_for(granted_mark))
    granted_mark.refresh_from_db()
    assert granted_mark.valid_until == D(2035, 6, 10)
    # Granted, the renewal leaves no gap: protected from the day after the old end (arts. 93.6, 94.1).
    assert asset_status(granted_mark, D(2025, 6, 10)) == AssetStatus.RENEWAL_DUE
    assert asset_status(granted_mark, D(2025, 6, 11)) == AssetStatus.PROTECTED
    assert asset_status(granted_mark, D(2025, 7, 15)) == AssetStatus.PROTECTED
    assert asset_status(granted_mark, D(2034, 12, 10)) == AssetStatus.RENEWAL_DUE
    renewal.refresh_from_db()
    assert (renewal.months_late, renewal.surcharge_percent) == (1, 10)  # fixed when it was filed


def test_a_renewal_filed_in_grace_and_decided_after_it_is_pending_then_protected_throughout(
        granted_mark, mycchu_cooperative, document_for):
    renewal = services.application_create(actor=None, asset=granted_mark, applicant=mycchu_cooperative,
                                          kind=ApplicationKind.RENEWAL, application_number="GH-2025-0009",
                                          filing_date=D(2025, 11, 20))
    assert (renewal.months_late, renewal.surcharge_percent) == (6, 60)
    # Still undecided after the grace period (10/12/2025): pending, and in force meanwhile.
    assert asset_status(granted_mark, D(2025, 12, 10)) == AssetStatus.GRACE_PERIOD
    assert asset_status(granted_mark, D(2025, 12, 11)) == AssetStatus.RENEWAL_PENDING
    assert asset_status(granted_mark, D(2026, 2, 1)) == AssetStatus.RENEWAL_PENDING
    services.application_advance(application=renewal, to_status=S.GRANTED, actor=None, on=D(2026, 3, 2),
                                 document=document_for(granted_mark))
    granted_mark.refresh_from_db()
    # Granted: protected throughout, from the old end date, on every day in between.
    for day in (D(2025, 6, 11), D(2025, 12, 11), D(2026, 2, 1), D(2026, 3, 2)):
        assert asset_status(granted_mark, day) == AssetStatus.PROTECTED, day


def test_a_renewal_refused_after_the_grace_period_expires_the_mark_from_then(granted_mark, mycchu_cooperative,
                                                                             document_for):
    renewal = services.application_create(actor=None, asset=granted_mark, applicant=mycchu_cooperative,
                                          kind=ApplicationKind.RENEWAL, application_number="GH-2025-0010",
                                          filing_date=D(2025, 11, 20))
    services.application_advance(application=renewal, to_status=S.REFUSED, actor=None, on=D(2026, 3, 2),
                                 reason="Không nộp đủ lệ phí", document=document_for(granted_mark))
    assert asset_status(granted_mark, D(2026, 3, 1)) == AssetStatus.RENEWAL_PENDING  # as it stood that day
    assert asset_status(granted_mark, D(2026, 3, 2)) == AssetStatus.EXPIRED


def test_a_renewal_filed_after_the_grace_period_is_refused(granted_mark, mycchu_cooperative):
    with pytest.raises(RenewalClosed, match="ân hạn"):
        services.application_create(actor=None, asset=granted_mark, applicant=mycchu_cooperative,
                                    kind=ApplicationKind.RENEWAL, application_number="GH-2026-0002",
                                    filing_date=D(2026, 1, 5))
    assert not ProtectionApplication.objects.filter(application_number="GH-2026-0002").exists()


def test_a_renewal_moves_only_from_filed_to_a_decision(granted_mark, mycchu_cooperative):
    renewal = services.application_create(actor=None, asset=granted_mark, applicant=mycchu_cooperative,
                                          kind=ApplicationKind.RENEWAL, application_number="GH-2025-0003",
                                          filing_date=D(2025, 5, 1))
    with pytest.raises(InvalidTransition):
        services.application_advance(application=renewal, to_status=S.PUBLISHED, actor=None, on=D(2025, 5, 2))


def test_termination_ends_protection_from_its_grant(granted_mark, mycchu_cooperative, document_for):
    termination = services.application_create(actor=None, asset=granted_mark, applicant=mycchu_cooperative,
                                              kind=ApplicationKind.TERMINATION, application_number="CD-2020-1",
                                              filing_date=D(2020, 1, 2), ground=EndingGround.NON_USE)
    services.application_advance(application=termination, to_status=S.GRANTED, actor=None, on=D(2020, 6, 1),
                                 document=document_for(granted_mark))
    assert asset_status(granted_mark, D(2020, 5, 31)) == AssetStatus.PROTECTED
    assert asset_status(granted_mark, D(2020, 6, 1)) == AssetStatus.TERMINATED
