"""Counts "as of" a date group records by the units in force that day: a record counts under its
organisation's unit then, or the unit in force that took it over; and toward a target only if it lies in
the target's territory."""

import datetime as dt

import pytest

from directory import services as directory_services
from directory.models import OrganisationKind
from ip_registry import services
from ip_registry.models import AssetKind, ProductCategory, TargetIndicator
from ip_registry.selectors import target_progress
from tests.ip_registry.conftest import walk_to_grant

D = dt.date


def collective_marks(on):
    return next(row for row in target_progress(as_of=on) if row.target.indicator == TargetIndicator.COLLECTIVE_MARKS_IN_FORCE)


def granted_mark(name, owner, document_for, filed=D(2019, 3, 1)):
    product = services.product_upsert(actor=None, name=f"Sản phẩm {name}", category=ProductCategory.OTHER)
    asset = services.asset_create(actor=None, kind=AssetKind.COLLECTIVE_MARK, name=name, product=product, owner=owner,
                                  nice_classes="30")
    application = services.application_create(actor=None, asset=asset, applicant=owner,
                                              application_number=f"4-2019-{abs(hash(name)) % 99999:05d}",
                                              filing_date=filed)
    walk_to_grant(application, document_for, accepted=D(2019, 3, 25), published=D(2019, 5, 10),
                  intended_grant=D(2020, 1, 10), granted=D(2020, 3, 2))
    return asset


@pytest.fixture
def yen_dung_cooperative(units):
    return directory_services.organisation_upsert(actor=None, name="Hợp tác xã Nông sản Yên Dũng",
                                                  kind=OrganisationKind.COOPERATIVE, unit=units["bg.yen-dung"])


def test_a_yen_dung_mark_counts_under_the_city_that_took_yen_dung_over(yen_dung_cooperative, document_for):
    granted_mark("Rau Yên Dũng", yen_dung_cooperative, document_for)
    assert collective_marks(D(2024, 6, 30)).by_unit == [("Huyện Yên Dũng", 1)]
    assert collective_marks(D(2025, 6, 30)).by_unit == [("Thành phố Bắc Giang", 1)]


def test_after_a_move_the_mark_counts_under_the_commune_and_before_it_under_the_district(
        units, yen_dung_cooperative, document_for):
    granted_mark("Rau Yên Dũng", yen_dung_cooperative, document_for)
    directory_services.organisation_move(actor=None, organisation=yen_dung_cooperative, unit=units["bn.yen-dung"],
                                         on=D(2025, 7, 1), reason="Sắp xếp đơn vị hành chính")
    assert collective_marks(D(2025, 6, 30)).by_unit == [("Thành phố Bắc Giang", 1)]
    assert collective_marks(D(2025, 12, 31)).by_unit == [("Phường Yên Dũng", 1)]
    assert collective_marks(D(2025, 12, 31)).reached == 1  # counted once, not per unit it passed through


def test_directive_01s_targets_count_former_bac_giangs_records_only(units, yen_dung_cooperative, document_for):
    assert collective_marks(D(2025, 12, 31)).target.territory == units["bg"]
    tu_son = directory_services.organisation_upsert(actor=None, name="Hội Sản xuất đồ gỗ Đồng Kỵ",
                                                    kind=OrganisationKind.PRODUCER_ASSOCIATION,
                                                    unit=units["bn-1997.tu-son"])
    granted_mark("Đồ gỗ Đồng Kỵ", tu_son, document_for)
    granted_mark("Rau Yên Dũng", yen_dung_cooperative, document_for)
    row = collective_marks(D(2025, 6, 30))
    assert (row.reached, row.by_unit) == (1, [("Thành phố Bắc Giang", 1)])
    # Moved into the province of 1 July 2025, Bắc Giang's record still lies in former Bắc Giang.
    directory_services.organisation_move(actor=None, organisation=yen_dung_cooperative, unit=units["bn.yen-dung"],
                                         on=D(2025, 7, 1), reason="Sắp xếp đơn vị hành chính")
    directory_services.organisation_move(actor=None, organisation=tu_son, unit=units["bn.tu-son"],
                                         on=D(2025, 7, 1), reason="Sắp xếp đơn vị hành chính")
    assert collective_marks(D(2025, 12, 31)).reached == 1
    # A target without a territory counts the whole province of today.
    target = row.target
    services.target_upsert(actor=None, indicator=target.indicator, due_date=target.due_date, value=target.value,
                           legal_basis=target.legal_basis, territory=None)
    assert collective_marks(D(2025, 12, 31)).reached == 2
