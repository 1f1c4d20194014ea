"""A year's figures, counted by the database, under the unit each record's organisation reports to that year."""

import datetime as dt

from initiatives import services as initiative_services
from initiatives.models import InitiativeField
from ip_registry.workflow import ApplicationKind
from reports.figures import figures_by_unit, registration_growth, unit_figures, year_scope

D = dt.date


def test_a_record_counts_under_the_unit_its_organisation_reported_to_that_year(units, filings):
    # 2024: the cooperative was in the district of Lục Ngạn; 2026: in xã Lục Ngạn.
    by_district = figures_by_unit(year_scope(year=2024, as_of=D(2024, 12, 14)))
    assert by_district[units["bg.luc-ngan"].pk]["applications"] == {ApplicationKind.REGISTRATION: 1}
    commune_2026 = unit_figures(unit=units["bn.luc-ngan"], year=2026, as_of=D(2026, 12, 14))
    assert commune_2026["applications"] == {ApplicationKind.REGISTRATION: 2}
    # The day a unit's figures run to bounds them: one filing by June 1st's eve.
    assert unit_figures(unit=units["bn.luc-ngan"], year=2026, as_of=D(2026, 5, 31))["applications"] == {
        ApplicationKind.REGISTRATION: 1}
    # Nothing of 2026 is counted for a neighbour.
    assert unit_figures(unit=units["bn.phuong-son"], year=2026, as_of=D(2026, 12, 14))["applications"] == {}


def test_2025_is_counted_by_former_district(units, filings):
    scope = year_scope(year=2025, as_of=D(2025, 12, 31))
    assert units["bg.luc-ngan"].pk in {unit.pk for unit in scope.units}
    assert all(unit.valid_from <= D(2025, 6, 30) for unit in scope.units)


def test_initiatives_filed_and_overdue(units, cooperative, district_officer_lucngan):
    initiative = initiative_services.initiative_file(
        actor=None, organisation=cooperative, title="Quy trình sấy vải", filed_on=D(2026, 2, 2),
        field=InitiativeField.AGRICULTURE, first_applied_on=D(2025, 8, 1), description="Sấy bằng năng lượng mặt trời",
        authors=[{"name": "Nguyễn Văn An", "share_percent": 100}])
    initiative_services.initiative_advance(initiative=initiative, to_status="registered", actor=None,
                                           on=D(2026, 2, 10))
    counted = unit_figures(unit=units["bn.luc-ngan"], year=2026, as_of=D(2026, 12, 14))["initiatives"]
    assert (counted["filed"], counted["overdue"]) == (1, 1)  # due 11/05/2026 (three months), not decided
    assert unit_figures(unit=units["bn.luc-ngan"], year=2026, as_of=D(2026, 5, 11))["initiatives"]["overdue"] == 0


def test_registration_growth_compares_each_year_with_the_one_before(filings):
    growth = {row.year: row for row in registration_growth(year=2026, as_of=D(2026, 12, 31))}
    assert (growth[2024].filed, growth[2024].previous, growth[2024].percent) == (1, 0, None)
    assert (growth[2025].filed, growth[2025].previous, str(growth[2025].percent)) == (0, 1, "-100.0")
    assert (growth[2026].filed, growth[2026].percent, growth[2026].met) == (2, None, None)
