"""Target progress counts the rights in force on the date asked, not today's statuses."""

import datetime as dt
from decimal import Decimal

from ip_registry import services
from ip_registry.models import TargetIndicator
from ip_registry.selectors import target_progress
from tests.ip_registry.conftest import walk_to_grant

D = dt.date


def by_indicator(as_of):
    return {row.target.indicator: row for row in target_progress(as_of=as_of)}


def test_the_directive_targets_are_seeded(db):
    rows = by_indicator(D(2025, 12, 31))
    assert {indicator: row.target.value for indicator, row in rows.items()} == {
        TargetIndicator.GI_IN_FORCE: 4, TargetIndicator.CERTIFICATION_MARKS_IN_FORCE: 8,
        TargetIndicator.COLLECTIVE_MARKS_IN_FORCE: 80, TargetIndicator.APPLICATIONS_GROWTH: 5,
    }
    assert all(row.target.due_date == D(2025, 12, 31) for row in rows.values())


def test_a_gi_counts_from_the_day_of_its_grant(lucnam_gi, lucnam_committee, document_for):
    application = services.application_create(actor=None, asset=lucnam_gi, applicant=lucnam_committee,
                                              application_number="6-2019-00003", filing_date=D(2019, 3, 1))
    walk_to_grant(application, document_for, accepted=D(2019, 3, 25), published=D(2019, 5, 10),
                  intended_grant=D(2020, 5, 1), granted=D(2020, 7, 20))

    before = by_indicator(D(2020, 7, 19))[TargetIndicator.GI_IN_FORCE]
    assert (before.reached, before.percent, before.by_unit) == (0, Decimal("0.0"), [])
    after = by_indicator(D(2020, 7, 20))[TargetIndicator.GI_IN_FORCE]
    assert (after.reached, after.percent) == (1, Decimal("25.0"))
    assert after.by_unit == [("Huyện Lục Nam", 1)]


def test_an_expired_mark_stops_counting(mycchu_mark, mycchu_cooperative, document_for):
    application = services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative,
                                              application_number="4-2015-01234", filing_date=D(2015, 6, 10))
    walk_to_grant(application, document_for, accepted=D(2015, 7, 1), published=D(2015, 9, 1),
                  intended_grant=D(2016, 4, 1), granted=D(2016, 7, 1))
    counted = lambda on: by_indicator(on)[TargetIndicator.COLLECTIVE_MARKS_IN_FORCE].reached  # noqa: E731
    assert counted(D(2016, 6, 30)) == 0
    assert counted(D(2016, 7, 1)) == 1
    assert counted(D(2025, 12, 10)) == 1  # in its grace period: still renewable, still counted
    assert counted(D(2025, 12, 11)) == 0
    assert by_indicator(D(2016, 7, 1))[TargetIndicator.COLLECTIVE_MARKS_IN_FORCE].by_unit == [("Huyện Lục Ngạn", 1)]


def test_application_growth_compares_the_same_span_of_two_years(mycchu_mark, mycchu_cooperative):
    for number, filed in [("4-2023-1", D(2023, 2, 1)), ("4-2023-2", D(2023, 9, 1)), ("4-2024-1", D(2024, 1, 15)),
                          ("4-2024-2", D(2024, 3, 1)), ("4-2024-3", D(2024, 10, 1))]:
        services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative,
                                    application_number=number, filing_date=filed)
    # 1 January – 30 June: two in 2024 against one in 2023.
    growth = by_indicator(D(2024, 6, 30))[TargetIndicator.APPLICATIONS_GROWTH]
    assert growth.reached == Decimal("100.0")
    assert growth.percent == Decimal("2000.0")
    assert growth.detail == "2 / 1"
    # Whole years: three against two.
    assert by_indicator(D(2024, 12, 31))[TargetIndicator.APPLICATIONS_GROWTH].reached == Decimal("50.0")
    # No applications the year before: growth cannot be computed.
    assert by_indicator(D(2023, 12, 31))[TargetIndicator.APPLICATIONS_GROWTH].reached is None
