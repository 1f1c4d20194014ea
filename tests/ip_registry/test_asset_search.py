"""The asset list's search ignores Vietnamese diacritics and case."""

import pytest

from directory import services as directory_services
from directory.models import OrganisationKind
from directory.search import fold
from ip_registry import services
from ip_registry.models import AssetKind, ProductCategory
from ip_registry.selectors import AssetFilters, asset_list


@pytest.fixture
def portfolio(units, lucnam_gi, mycchu_mark):
    association = directory_services.organisation_upsert(
        actor=None, name="Hội Sản xuất và Tiêu thụ vải thiều Lục Ngạn", kind=OrganisationKind.PRODUCER_ASSOCIATION,
        unit=units["bg.luc-ngan"],
    )
    product = services.product_upsert(actor=None, name="Vải thiều Lục Ngạn", category=ProductCategory.FRUIT)
    lychee = services.asset_create(actor=None, kind=AssetKind.COLLECTIVE_MARK, name="Vải thiều Lục Ngạn",
                                   product=product, owner=association)
    hen = services.asset_create(
        actor=None, kind=AssetKind.CERTIFICATION_MARK, name="Gà đồi Yên Thế",
        owner=directory_services.organisation_upsert(actor=None, name="Hội Chăn nuôi gà đồi Yên Thế",
                                                     kind=OrganisationKind.PRODUCER_ASSOCIATION,
                                                     unit=units["bg.yen-the"]),
    )
    return {"lychee": lychee, "hen": hen, "gi": lucnam_gi, "mycchu": mycchu_mark}


def names(user, **filters):
    return {asset.name for asset in asset_list(user=user, filters=AssetFilters(**filters))}


def test_folding_drops_marks_and_d_bar():
    assert fold("Đồi Ngô, LỤC NGẠN") == "doi ngo, luc ngan"


@pytest.mark.parametrize("query", ["luc ngan", "LUC NGAN", "Lục Ngạn", "lục  ngạn", "vai thieu", "ngan luc"])
def test_search_finds_luc_ngan_however_it_is_typed(portfolio, ip_officer, query):
    assert names(ip_officer, q=query) == {"Vải thiều Lục Ngạn"}


def test_search_reaches_the_owner_and_the_managing_organisation(portfolio, auditor):
    assert names(auditor, q="hoi chan nuoi") == {"Gà đồi Yên Thế"}
    assert names(auditor, q="uy ban nhan dan huyen luc nam") == {"Lục Nam"}


def test_search_and_filters_combine(portfolio, district_officer_yenthe, units):
    assert names(district_officer_yenthe, q="yen the", kind=AssetKind.COLLECTIVE_MARK) == set()
    assert names(district_officer_yenthe, unit=units["bg.luc-nam"]) == {"Lục Nam"}
    assert names(district_officer_yenthe, unit=units["bg.luc-ngan"]) == {"Vải thiều Lục Ngạn"}
    assert names(district_officer_yenthe, unit=units["bg.tx-chu"]) == {"Mỳ Chũ"}
    assert names(district_officer_yenthe, status="pending") == {"Vải thiều Lục Ngạn", "Gà đồi Yên Thế", "Lục Nam",
                                                                 "Mỳ Chũ"}
    assert names(district_officer_yenthe, status="protected") == set()


def test_someone_without_a_role_reads_nothing(portfolio, outsider):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        asset_list(user=outsider)
