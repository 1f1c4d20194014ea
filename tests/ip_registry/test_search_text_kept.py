"""The folded text the lists search is right after every kind of write: a bulk import, an edit, and a rename of
the product or organisation the record names."""

import datetime as dt

import pytest

from directory import services as directory_services
from directory.models import Organisation, OrganisationKind
from initiatives import selectors as initiative_selectors
from initiatives import services as initiative_services
from initiatives.models import Initiative, InitiativeField
from initiatives.selectors import InitiativeFilters
from ip_registry import services
from ip_registry.models import AssetKind, IPAsset, ProductCategory
from ip_registry.selectors import AssetFilters, asset_list


def asset_names(user, query):
    return {asset.name for asset in asset_list(user=user, filters=AssetFilters(q=query))}


def initiative_titles(user, query):
    return {i.title for i in initiative_selectors.initiative_list(user=user, filters=InitiativeFilters(q=query))}


@pytest.fixture
def cooperative(units):
    return directory_services.organisation_upsert(actor=None, name="Hợp tác xã Nông sản Phượng Sơn",
                                                  kind=OrganisationKind.COOPERATIVE, unit=units["bg.luc-ngan"])


def test_assets_written_in_bulk_are_found_without_their_marks(cooperative, ip_officer):
    """The bulk path the imports take (``bulk_create``, then the history in bulk) writes the folded text."""
    product = services.product_upsert(actor=None, name="Vải thiều", category=ProductCategory.FRUIT)
    assets = [IPAsset(kind=AssetKind.MARK, name=f"Vải sấy Lục Ngạn số {number}", product=product, owner=cooperative)
              for number in range(30)]
    IPAsset.objects.bulk_create(assets)
    IPAsset.history.bulk_history_create(assets)
    assert len(asset_names(ip_officer, "luc ngan")) == 30
    assert asset_names(ip_officer, "LỤC NGẠN số 13") == {"Vải sấy Lục Ngạn số 13"}


def test_an_edit_is_found_by_its_new_words_only(cooperative, ip_officer):
    asset = services.asset_create(actor=None, kind=AssetKind.MARK, name="Mật ong Yên Thế", owner=cooperative)
    assert asset_names(ip_officer, "yen the") == {"Mật ong Yên Thế"}
    services.asset_update(actor=ip_officer, asset=asset, name="Mật ong Lục Ngạn", reason="Sửa tên")
    assert asset_names(ip_officer, "yen the") == set()
    assert asset_names(ip_officer, "luc ngan") == {"Mật ong Lục Ngạn"}


def test_a_renamed_owner_or_product_is_found_under_its_new_name(cooperative, ip_officer, district_officer_lucngan):
    product = services.product_upsert(actor=None, name="Gạo nếp", category=ProductCategory.CROP)
    services.asset_create(actor=None, kind=AssetKind.COLLECTIVE_MARK, name="Nếp cái hoa vàng", product=product,
                          owner=cooperative)
    initiative_services.initiative_file(
        actor=None, organisation=cooperative, title="Quy trình sấy lạnh", field=InitiativeField.AGRICULTURE,
        filed_on=dt.date(2025, 3, 2), first_applied_on=dt.date(2024, 9, 1), description="Sấy ở 40 độ.",
        authors=[{"name": "Lê Văn Bình", "birth_year": 1979, "workplace": "HTX", "job_title": "Kỹ thuật viên",
                  "share_percent": 100}])

    # Renamed through the admin's path (a whole-row save), as the office renames organisations.
    renamed = Organisation.objects.get(pk=cooperative.pk)
    renamed.name = "Hợp tác xã Đồi Ngô"
    directory_services.record_save(actor=None, instance=renamed, reason="Đổi tên theo đăng ký mới")
    product.name = "Gạo nếp Tân Yên"
    directory_services.record_save(actor=None, instance=product, reason="Chuẩn hóa tên sản phẩm")

    assert asset_names(ip_officer, "doi ngo") == {"Nếp cái hoa vàng"}
    assert asset_names(ip_officer, "tan yen") == {"Nếp cái hoa vàng"}
    assert asset_names(ip_officer, "phuong son") == set()
    assert initiative_titles(district_officer_lucngan, "doi ngo") == {"Quy trình sấy lạnh"}
    assert initiative_titles(district_officer_lucngan, "phuong son") == set()


def test_the_folded_text_is_not_history(cooperative):
    """Derived from fields that are: a rename writes no version of the records that name it."""
    asset = services.asset_create(actor=None, kind=AssetKind.MARK, name="Chè Lục Ngạn", owner=cooperative)
    renamed = Organisation.objects.get(pk=cooperative.pk)
    renamed.name = "Hợp tác xã Chè"
    directory_services.record_save(actor=None, instance=renamed)
    assert "search_text" not in {field.name for field in IPAsset.history.model._meta.fields}
    assert asset.history.count() == 1
    assert IPAsset.objects.get(pk=asset.pk).search_text == "che luc ngan hop tac xa che"


def test_an_initiative_edit_is_found_by_its_new_words(cooperative, district_officer_lucngan):
    initiative = initiative_services.initiative_file(
        actor=None, organisation=cooperative, title="Máy bóc vỏ vải", field=InitiativeField.AGRICULTURE,
        filed_on=dt.date(2025, 3, 2), first_applied_on=dt.date(2024, 9, 1), description="Tách hạt nhanh.",
        authors=[{"name": "Lê Văn Bình", "birth_year": 1979, "workplace": "HTX", "job_title": "Thợ",
                  "share_percent": 100}])
    initiative_services.initiative_update(actor=None, initiative=initiative, title="Máy tách hạt vải thiều",
                                          reason="Sửa tên")
    assert initiative_titles(district_officer_lucngan, "tach hat") == {"Máy tách hạt vải thiều"}
    assert initiative_titles(district_officer_lucngan, "boc vo") == set()
    assert Initiative.objects.get(pk=initiative.pk).search_text.startswith("may tach hat vai thieu")

