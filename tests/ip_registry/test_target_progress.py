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
    # 1 January – 30 June: two in 2024 against one in 2023: +100 %, which meets +5 % (not "2000 % of it").
    growth = by_indicator(D(2024, 6, 30))[TargetIndicator.APPLICATIONS_GROWTH]
    assert (growth.reached, growth.met, growth.percent, growth.detail) == (Decimal("100.0"), True, None, "2 / 1")
    # Whole years: three against two in 2024; 2023 had none the year before.
    whole = by_indicator(D(2024, 12, 31))[TargetIndicator.APPLICATIONS_GROWTH]
    assert [(y.year, y.filed, y.previous, y.growth, y.met) for y in whole.years] == [
        (2021, 0, 0, None, None), (2022, 0, 0, None, None), (2023, 2, 0, None, None),
        (2024, 3, 2, Decimal("50.0"), True)]
    assert by_indicator(D(2023, 12, 31))[TargetIndicator.APPLICATIONS_GROWTH].reached is None


def test_a_year_below_five_percent_is_not_met(mycchu_mark, mycchu_cooperative, client_for, ip_officer):
    """21 against 20 is +5.0 %: met; 20 against 20 is +0.0 %: not met. Each year is judged on its own."""
    filings = [(f"4-2023-{n}", D(2023, 1, 10)) for n in range(20)] + [(f"4-2024-{n}", D(2024, 2, 10))
                                                                     for n in range(21)]
    filings += [(f"4-2025-{n}", D(2025, 3, 10)) for n in range(21)]
    for number, filed in filings:
        services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative,
                                    application_number=number, filing_date=filed)
    row = by_indicator(D(2025, 12, 31))[TargetIndicator.APPLICATIONS_GROWTH]
    assert [(y.year, y.growth, y.met) for y in row.years[-3:]] == [
        (2023, None, None), (2024, Decimal("5.0"), True), (2025, Decimal("0.0"), False)]
    page = client_for(ip_officer).get("/ip/targets/", {"on": "2025-12-31"}).content.decode()
    assert "+5,0 %" in page and "+0,0 %" in page and "6000" not in page  # Vietnamese decimals
