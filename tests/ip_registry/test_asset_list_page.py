"""The asset list: filters, diacritics-insensitive search, pages of 50, and a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory import services as directory_services
from directory.models import OrganisationKind
from ip_registry import services
from ip_registry.models import AssetKind, ProductCategory

D = dt.date
URL = reverse("ip:asset_list")


@pytest.fixture
def lychee(units):
    association = directory_services.organisation_upsert(
        actor=None, name="Hội Sản xuất và Tiêu thụ vải thiều Lục Ngạn", kind=OrganisationKind.PRODUCER_ASSOCIATION,
        unit=units["bg.luc-ngan"],
    )
    product = services.product_upsert(actor=None, name="Vải thiều Lục Ngạn", category=ProductCategory.FRUIT)
    return services.asset_create(actor=None, kind=AssetKind.COLLECTIVE_MARK, name="Vải thiều Lục Ngạn",
                                 product=product, owner=association)


def names_on(response):
    return [asset.name for asset in response.context["page"].object_list]


def test_an_ip_officer_sees_every_asset_with_its_status_and_the_new_button(client_for, ip_officer, lychee,
                                                                         lucnam_gi, mycchu_mark):
    response = client_for(ip_officer).get(URL)
    assert response.status_code == 200
    assert names_on(response) == ["Mỳ Chũ", "Vải thiều Lục Ngạn", "Lục Nam"]  # by kind, then name
    page = response.content.decode()
    assert "Ủy ban nhân dân huyện Lục Nam" in page  # a GI shows its managing organisation
    assert "Đang xử lý" in page
    assert reverse("ip:asset_create") in page


def test_a_read_only_role_reads_the_list_without_the_new_button(client_for, auditor, lychee):
    response = client_for(auditor).get(URL)
    assert names_on(response) == ["Vải thiều Lục Ngạn"]
    assert reverse("ip:asset_create") not in response.content.decode()


def test_search_ignores_diacritics(client_for, district_officer_yenthe, lychee, lucnam_gi, mycchu_mark):
    client = client_for(district_officer_yenthe)
    assert names_on(client.get(URL, {"q": "luc ngan"})) == ["Vải thiều Lục Ngạn"]
    assert names_on(client.get(URL, {"q": "MY CHU"})) == ["Mỳ Chũ"]


def test_filters_combine(client_for, ip_officer, units, lychee, lucnam_gi, mycchu_mark):
    client = client_for(ip_officer)
    assert names_on(client.get(URL, {"kind": AssetKind.GEOGRAPHICAL_INDICATION})) == ["Lục Nam"]
    assert names_on(client.get(URL, {"unit": units["bg.luc-ngan"].pk})) == ["Vải thiều Lục Ngạn"]
    # Mỳ Chũ's owner was in thị xã Chũ, and is in phường Chũ since 1 July 2025: both find it.
    assert names_on(client.get(URL, {"unit": units["bg.tx-chu"].pk})) == ["Mỳ Chũ"]
    assert names_on(client.get(URL, {"unit": units["bn.chu"].pk})) == ["Mỳ Chũ"]
    assert names_on(client.get(URL, {"unit": units["bg.luc-nam.dong-hung"].pk})) == ["Lục Nam"]
    assert names_on(client.get(URL, {"owner": mycchu_mark.owner_id})) == ["Mỳ Chũ"]
    assert names_on(client.get(URL, {"product": lychee.product_id, "kind": AssetKind.COLLECTIVE_MARK})) == [
        "Vải thiều Lục Ngạn"]
    assert names_on(client.get(URL, {"status": "protected"})) == []
    assert names_on(client.get(URL, {"status": "pending", "q": "vai"})) == ["Vải thiều Lục Ngạn"]


def test_an_invalid_filter_is_reported_and_ignored(client_for, ip_officer, lychee, mycchu_mark):
    response = client_for(ip_officer).get(URL, {"kind": "spaceship", "q": "chu"})
    assert names_on(response) == ["Mỳ Chũ"]
    assert "Điều kiện lọc không hợp lệ đã được bỏ qua" in response.content.decode()


def test_the_list_shows_fifty_assets_a_page_and_keeps_the_filters(client_for, ip_officer, mycchu_cooperative):
    for number in range(51):
        services.asset_create(actor=None, kind=AssetKind.COLLECTIVE_MARK, name=f"Nhãn hiệu {number:02}",
                              owner=mycchu_cooperative)
    client = client_for(ip_officer)
    first = client.get(URL, {"kind": AssetKind.COLLECTIVE_MARK})
    assert len(names_on(first)) == 50
    assert first.context["page"].paginator.count == 51
    assert "page=2" in first.content.decode() and "kind=collective_mark" in first.content.decode()
    second = client.get(URL, {"kind": AssetKind.COLLECTIVE_MARK, "page": 2})
    assert names_on(second) == ["Nhãn hiệu 50"]
    assert names_on(client.get(URL, {"page": "nonsense"}))[0] == "Nhãn hiệu 00"


def _portfolio(numbers, organisation, lucnam_committee):
    """An asset per number, each with a filed application: the joins a status needs."""
    for number in numbers:
        if number % 3 == 0:
            asset = services.asset_create(actor=None, kind=AssetKind.GEOGRAPHICAL_INDICATION, name=f"CDĐL {number}",
                                          managing_organisation=lucnam_committee)
        else:
            asset = services.asset_create(actor=None, kind=AssetKind.COLLECTIVE_MARK, name=f"NHTT {number}",
                                          owner=organisation)
        services.application_create(actor=None, asset=asset, applicant=organisation,
                                    application_number=f"4-2024-{number:05}", filing_date=D(2024, 1, 2))


def _queries_for_list(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries), len(names_on(response))


def test_the_list_costs_the_same_queries_for_3_or_33_assets(client_for, ip_officer, mycchu_cooperative,
                                                            lucnam_committee):
    client = client_for(ip_officer)
    client.get(URL)  # warm the session and the user's roles

    _portfolio(range(3), mycchu_cooperative, lucnam_committee)
    few, shown = _queries_for_list(client)
    assert shown == 3
    _portfolio(range(3, 33), mycchu_cooperative, lucnam_committee)
    many, shown = _queries_for_list(client)
    assert shown == 33
    assert few == many
