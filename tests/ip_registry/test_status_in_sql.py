"""The database answers an asset's status, and "in force on a day", as the rule does, on every boundary day.

The rule (``ip_registry.workflow.asset_status``) reads an asset's applications and steps; the lists, the
status filter and the targets read the protection spans the services keep. Each case below walks an asset
through the workflow and compares the two on the days where the answer changes, and on the days either side.
"""

import datetime as dt

import pytest

from ip_registry import selectors, services
from ip_registry.models import AssetKind, AssetStatus, IPAsset, ProtectionSpan
from ip_registry.selectors import AssetFilters, asset_list, asset_status, with_status
from ip_registry.workflow import IN_FORCE_STATUSES, ApplicationKind, EndingGround, in_force_filter
from ip_registry.workflow import ApplicationStatus as S
from tests.ip_registry.conftest import walk_to_grant

D = dt.date
DAY = dt.timedelta(days=1)


def around(*days):
    """Each day with the days either side of it."""
    return sorted({day + offset for day in days for offset in (-DAY, dt.timedelta(0), DAY)})


def sql_status(asset, on):
    return with_status(IPAsset.objects.filter(pk=asset.pk), on).values_list("status", flat=True).get()


def in_force_in_sql(asset, on):
    spans = ProtectionSpan.objects.filter(asset=asset, starts_on__lte=on).exclude(ends_on__lt=on)
    return spans.filter(in_force_filter(on, "")).exists()


def assert_database_agrees(asset, user, days):
    """On each day: the status the database gives, the status filter and "in force" all say what the rule says."""
    asset = selectors._assets_with_timeline().get(pk=asset.pk)
    for on in days:
        rule = asset_status(asset, on)
        assert sql_status(asset, on) == rule, on
        assert in_force_in_sql(asset, on) == (rule in IN_FORCE_STATUSES), on
        for status in AssetStatus:
            listed = asset_list(user=user, filters=AssetFilters(status=status), on=on).filter(pk=asset.pk).exists()
            assert listed == (status == rule), (on, status, rule)


@pytest.fixture
def registration(mycchu_mark, mycchu_cooperative):
    return services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative,
                                       application_number="4-2015-01234", filing_date=D(2015, 6, 10))


@pytest.fixture
def granted_mark(registration, document_for):
    """Mỳ Chũ, filed 10/06/2015, granted 01/07/2016: valid until 10/06/2025, renewable from 10/12/2024, in
    grace to 10/12/2025."""
    walk_to_grant(registration, document_for, accepted=D(2015, 7, 1), published=D(2015, 9, 1),
                  intended_grant=D(2016, 4, 1), granted=D(2016, 7, 1))
    return IPAsset.objects.get(pk=registration.asset_id)


def test_a_mark_from_filing_through_renewal_window_and_grace_to_expiry(granted_mark, ip_officer):
    expected = {
        D(2015, 6, 9): AssetStatus.PENDING,  # before anything was filed
        D(2016, 6, 30): AssetStatus.PENDING,
        D(2016, 7, 1): AssetStatus.PROTECTED,  # the grant
        D(2024, 12, 9): AssetStatus.PROTECTED,
        D(2024, 12, 10): AssetStatus.RENEWAL_DUE,  # six months before the end
        D(2025, 6, 10): AssetStatus.RENEWAL_DUE,  # the last day of the term
        D(2025, 6, 11): AssetStatus.GRACE_PERIOD,
        D(2025, 12, 10): AssetStatus.GRACE_PERIOD,  # the last day of grace
        D(2025, 12, 11): AssetStatus.EXPIRED,
    }
    for on, status in expected.items():
        assert sql_status(granted_mark, on) == status, on
    assert_database_agrees(granted_mark, ip_officer,
                           around(D(2015, 6, 10), D(2016, 7, 1), D(2024, 12, 10), D(2025, 6, 10), D(2025, 12, 10)))


def test_a_renewal_granted_in_grace_leaves_no_gap(granted_mark, mycchu_cooperative, document_for, ip_officer):
    renewal = services.application_create(actor=None, asset=granted_mark, applicant=mycchu_cooperative,
                                          kind=ApplicationKind.RENEWAL, application_number="GH-2025-0001",
                                          filing_date=D(2025, 7, 1))
    assert sql_status(granted_mark, D(2025, 7, 31)) == AssetStatus.GRACE_PERIOD  # requested, not yet granted
    services.application_advance(application=renewal, to_status=S.GRANTED, actor=None, on=D(2025, 8, 1),
                                 document=document_for(granted_mark))
    assert sql_status(granted_mark, D(2025, 6, 10)) == AssetStatus.RENEWAL_DUE
    assert sql_status(granted_mark, D(2025, 6, 11)) == AssetStatus.PROTECTED  # from the old end on, no gap
    assert sql_status(granted_mark, D(2025, 7, 31)) == AssetStatus.PROTECTED
    assert sql_status(granted_mark, D(2025, 8, 1)) == AssetStatus.PROTECTED
    assert sql_status(granted_mark, D(2034, 12, 10)) == AssetStatus.RENEWAL_DUE
    assert sql_status(granted_mark, D(2035, 12, 11)) == AssetStatus.EXPIRED
    assert_database_agrees(granted_mark, ip_officer,
                           around(D(2025, 6, 10), D(2025, 8, 1), D(2034, 12, 10), D(2035, 6, 10), D(2035, 12, 10)))


def test_a_renewal_pending_past_the_grace_period(granted_mark, mycchu_cooperative, document_for, ip_officer):
    renewal = services.application_create(actor=None, asset=granted_mark, applicant=mycchu_cooperative,
                                          kind=ApplicationKind.RENEWAL, application_number="GH-2025-0003",
                                          filing_date=D(2025, 11, 20))
    assert sql_status(granted_mark, D(2025, 12, 11)) == AssetStatus.RENEWAL_PENDING
    assert_database_agrees(granted_mark, ip_officer, around(D(2025, 11, 20), D(2025, 12, 10), D(2026, 5, 1)))
    services.application_advance(application=renewal, to_status=S.REFUSED, actor=None, on=D(2026, 2, 2),
                                 reason="Thiếu lệ phí", document=document_for(granted_mark))
    assert sql_status(granted_mark, D(2026, 2, 1)) == AssetStatus.RENEWAL_PENDING
    assert sql_status(granted_mark, D(2026, 2, 2)) == AssetStatus.EXPIRED
    assert_database_agrees(granted_mark, ip_officer, around(D(2025, 12, 10), D(2026, 2, 2)))


@pytest.mark.parametrize(("kind", "status"), [(ApplicationKind.TERMINATION, AssetStatus.TERMINATED),
                                              (ApplicationKind.INVALIDATION, AssetStatus.INVALIDATED)])
def test_a_right_ended_by_a_decision_ends_on_the_decision_day(granted_mark, mycchu_cooperative, document_for,
                                                              ip_officer, kind, status):
    ground = EndingGround.NON_USE if kind == ApplicationKind.TERMINATION else EndingGround.NOT_PROTECTABLE
    request = services.application_create(actor=None, asset=granted_mark, applicant=mycchu_cooperative, kind=kind,
                                          application_number="CD-2020-0001", filing_date=D(2020, 1, 15), ground=ground)
    services.application_advance(application=request, to_status=S.GRANTED, actor=None, on=D(2020, 5, 4),
                                 document=document_for(granted_mark))
    assert sql_status(granted_mark, D(2020, 5, 3)) == AssetStatus.PROTECTED
    assert sql_status(granted_mark, D(2020, 5, 4)) == status
    assert sql_status(granted_mark, D(2026, 1, 1)) == status  # never expires after it ended
    assert_database_agrees(granted_mark, ip_officer, around(D(2020, 1, 15), D(2020, 5, 4), D(2025, 6, 10)))


def test_a_refused_application_and_its_complaint(registration, document_for, ip_officer):
    asset = registration.asset
    services.application_advance(application=registration, to_status=S.FORMALITY_DEFICIENT, actor=None,
                                 on=D(2015, 7, 1), document=document_for(asset))
    services.application_advance(application=registration, to_status=S.REFUSED, actor=None, on=D(2015, 10, 2),
                                 reason="Không sửa thiếu sót", document=document_for(asset))
    assert sql_status(asset, D(2015, 10, 1)) == AssetStatus.PENDING
    assert sql_status(asset, D(2015, 10, 2)) == AssetStatus.REFUSED
    services.application_advance(application=registration, to_status=S.UNDER_COMPLAINT, actor=None,
                                 on=D(2015, 11, 20), reason="Khiếu nại quyết định từ chối")
    # Under complaint the application is pending again, from the day of the complaint.
    assert sql_status(asset, D(2015, 11, 19)) == AssetStatus.REFUSED
    assert sql_status(asset, D(2015, 11, 20)) == AssetStatus.PENDING
    assert_database_agrees(asset, ip_officer, around(D(2015, 6, 10), D(2015, 10, 2), D(2015, 11, 20)))


def test_a_withdrawn_application(registration, ip_officer):
    services.application_advance(application=registration, to_status=S.WITHDRAWN, actor=None, on=D(2015, 8, 3),
                                 reason="Hợp tác xã rút đơn")
    assert sql_status(registration.asset, D(2015, 8, 2)) == AssetStatus.PENDING
    assert sql_status(registration.asset, D(2015, 8, 3)) == AssetStatus.WITHDRAWN
    assert_database_agrees(registration.asset, ip_officer, around(D(2015, 6, 10), D(2015, 8, 3)))


def test_a_gi_is_protected_without_a_term(lucnam_gi, lucnam_committee, document_for, ip_officer):
    application = services.application_create(actor=None, asset=lucnam_gi, applicant=lucnam_committee,
                                              application_number="6-2016-00001", filing_date=D(2016, 3, 1))
    walk_to_grant(application, document_for, accepted=D(2016, 4, 1), published=D(2016, 6, 1),
                  intended_grant=D(2017, 1, 5), granted=D(2017, 3, 20), certificate="CDDL-00055")
    assert sql_status(lucnam_gi, D(2017, 3, 19)) == AssetStatus.PENDING
    assert sql_status(lucnam_gi, D(2017, 3, 20)) == AssetStatus.PROTECTED
    assert sql_status(lucnam_gi, D(2099, 1, 1)) == AssetStatus.PROTECTED
    assert_database_agrees(lucnam_gi, ip_officer, around(D(2016, 3, 1), D(2017, 3, 20), D(2027, 3, 1)))


def test_a_change_of_kind_moves_the_terms_dates(granted_mark, ip_officer):
    """A collective mark entered by mistake as a plant variety has a term but no renewal or grace."""
    services.asset_update(actor=ip_officer, asset=granted_mark, kind=AssetKind.PLANT_VARIETY, nice_classes="",
                          reason="Sửa loại tài sản")
    assert sql_status(granted_mark, D(2025, 1, 1)) == AssetStatus.PROTECTED
    assert sql_status(granted_mark, D(2025, 6, 11)) == AssetStatus.EXPIRED
    services.asset_update(actor=ip_officer, asset=granted_mark, kind=AssetKind.COLLECTIVE_MARK, nice_classes="30",
                          reason="Sửa lại")
    assert sql_status(granted_mark, D(2025, 6, 11)) == AssetStatus.GRACE_PERIOD
    assert_database_agrees(granted_mark, ip_officer, around(D(2024, 12, 10), D(2025, 6, 10), D(2025, 12, 10)))


def test_the_spans_change_with_history_and_only_where_they_differ(granted_mark, mycchu_cooperative, document_for):
    spans = list(ProtectionSpan.objects.filter(asset=granted_mark).values_list("starts_on", "ends_on", "basis"))
    assert spans == [(D(2016, 7, 1), None, "protected")]  # pending until then: no span is needed
    assert ProtectionSpan.history.filter(asset_id=granted_mark.pk).count() == 1  # created with its history
    renewal = services.application_create(actor=None, asset=granted_mark, applicant=mycchu_cooperative,
                                          kind=ApplicationKind.RENEWAL, application_number="GH-2025-0002",
                                          filing_date=D(2025, 3, 1))
    rows = ProtectionSpan.history.filter(asset_id=granted_mark.pk).order_by("history_id")
    # The request is pending from its filing: the span closes, one with the renewal pending opens.
    assert [(row.history_type, row.ends_on, row.renewal_pending) for row in rows] == [
        ("+", None, False), ("~", D(2025, 2, 28), False), ("+", None, True)]
    services.application_advance(application=renewal, to_status=S.GRANTED, actor=None, on=D(2025, 4, 1),
                                 document=document_for(granted_mark))
    rows = list(ProtectionSpan.history.filter(asset_id=granted_mark.pk).order_by("history_id"))
    # Granted: the renewal counts from its request (the pending span takes the new term and closes the day
    # before the grant), and from the grant it is no longer pending; the first span is not written again.
    assert [row.history_type for row in rows] == ["+", "~", "+", "~", "+"]
    assert [(row.starts_on, row.ends_on, row.term_ends_on, row.renewal_pending) for row in rows[3:]] == [
        (D(2025, 3, 1), D(2025, 3, 31), D(2035, 6, 10), True), (D(2025, 4, 1), None, D(2035, 6, 10), False)]
