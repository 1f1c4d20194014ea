"""Growing-area codes: the filtered list at a fixed query cost, and adding a code from an asset's page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ip_registry import services
from ip_registry.models import AssetKind, GrowingAreaCode, ProductCategory

D = dt.date
LIST = reverse("ip:growing_area_list")


@pytest.fixture
def lychee(units, mycchu_cooperative):
    product = services.product_upsert(actor=None, name="Vải thiều Lục Ngạn", category=ProductCategory.FRUIT)
    return services.asset_create(actor=None, kind=AssetKind.COLLECTIVE_MARK, name="Vải thiều Lục Ngạn",
                                 product=product, owner=mycchu_cooperative)


def add_codes(asset, unit, markets, start=0):
    for number, market in enumerate(markets, start=start):
        services.growing_area_code_upsert(
            actor=None, code=f"VN-BGLN-{number:04}", product=asset.product, asset=asset, unit=unit,
            area_hectares=Decimal("10.50"), export_market=market, issuing_body="Cục Bảo vệ thực vật",
            issued_on=D(2023, 5, 1),
            status=GrowingAreaCode.Status.REVOKED if number % 5 == 4 else GrowingAreaCode.Status.ACTIVE,
        )


def codes_on(response):
    return [code.code for code in response.context["codes"]]


def test_the_list_filters_by_product_market_and_status(client_for, district_officer_yenthe, lychee, mycchu_mark,
                                                       units):
    add_codes(lychee, units["bg.luc-ngan"], ["Trung Quốc", "Trung Quốc", "Nhật Bản", "Hoa Kỳ", "Trung Quốc"])
    services.growing_area_code_upsert(
        actor=None, code="VN-MYCHU-01", product=mycchu_mark.product, unit=units["bg.luc-ngan"],
        area_hectares=Decimal("3"), export_market="Nhật Bản", issuing_body="Cục Bảo vệ thực vật",
        issued_on=D(2024, 1, 2),
    )
    client = client_for(district_officer_yenthe)
    everything = client.get(LIST)
    assert everything.status_code == 200
    assert len(codes_on(everything)) == 6
    page = everything.content.decode()
    assert "Tổng diện tích: 55,50 ha" in page
    assert '<option value="Nhật Bản">' in page
    assert codes_on(client.get(LIST, {"market": "Trung Quốc"})) == ["VN-BGLN-0000", "VN-BGLN-0001", "VN-BGLN-0004"]
    assert codes_on(client.get(LIST, {"market": "Nhật Bản", "product": lychee.product_id})) == ["VN-BGLN-0002"]
    assert codes_on(client.get(LIST, {"status": GrowingAreaCode.Status.REVOKED})) == ["VN-BGLN-0004"]
    assert codes_on(client.get(LIST, {"market": "Sao Hỏa"})) == codes_on(everything)  # unknown: reported, ignored


def _queries_for_list(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST)
    return len(queries), len(codes_on(response))


def test_the_list_costs_the_same_queries_for_3_or_30_codes(client_for, auditor, lychee, units):
    client = client_for(auditor)
    client.get(LIST)
    add_codes(lychee, units["bg.luc-ngan"], ["Trung Quốc"] * 3)
    few, shown = _queries_for_list(client)
    assert shown == 3
    add_codes(lychee, units["bg.tx-chu"], ["Trung Quốc", "Nhật Bản", "Úc"] * 9, start=3)
    many, shown = _queries_for_list(client)
    assert shown == 30
    assert few == many


def create_url(asset):
    return reverse("ip:growing_area_create", args=[asset.pk])


def code_data(asset, unit, **overrides):
    data = {"code": "VN-BGLN-0110", "product": asset.product_id, "unit": unit.pk, "area_hectares": "4.25",
            "export_market": "Trung Quốc", "issuing_body": "Cục Bảo vệ thực vật", "issued_on": "2023-05-10",
            "status": GrowingAreaCode.Status.ACTIVE}
    data.update(overrides)
    return data


def test_an_ip_officer_adds_a_code_to_an_asset(client_for, ip_officer, lychee, units):
    client = client_for(ip_officer)
    form = client.get(create_url(lychee))
    assert form.context["form"]["product"].value() == lychee.product_id
    response = client.post(create_url(lychee), code_data(lychee, units["bg.luc-ngan"]))
    assert response.status_code == 302
    code = GrowingAreaCode.objects.get()
    assert (code.asset, code.product, code.area_hectares, code.export_market) == (
        lychee, lychee.product, Decimal("4.25"), "Trung Quốc")
    row = code.history.first()
    assert (row.history_user, row.history_channel) == (ip_officer, "web")
    assert "VN-BGLN-0110" in client.get(reverse("ip:asset_detail", args=[lychee.pk])).content.decode()


def test_a_code_already_issued_is_refused_not_overwritten(client_for, ip_officer, lychee, mycchu_mark, units):
    add_codes(lychee, units["bg.luc-ngan"], ["Trung Quốc"])
    response = client_for(ip_officer).post(create_url(mycchu_mark), code_data(
        mycchu_mark, units["bg.luc-nam"], code="VN-BGLN-0000", export_market="Úc"))
    assert response.status_code == 200
    assert "đã tồn tại" in response.content.decode()
    code = GrowingAreaCode.objects.get()
    assert (code.asset, code.export_market) == (lychee, "Trung Quốc")


def test_a_negative_area_is_refused(client_for, ip_officer, lychee, units):
    response = client_for(ip_officer).post(create_url(lychee), code_data(lychee, units["bg.luc-ngan"],
                                                                         area_hectares="-1"))
    assert response.context["form"].errors["area_hectares"]
    assert not GrowingAreaCode.objects.exists()


@pytest.mark.parametrize("role", ["auditor", "district_officer_lucngan", "outsider"])
def test_only_an_ip_officer_adds_codes(request, client_for, lychee, units, role):
    client = client_for(request.getfixturevalue(role))
    assert client.get(create_url(lychee)).status_code == 403
    assert client.post(create_url(lychee), code_data(lychee, units["bg.luc-ngan"])).status_code == 403
    assert not GrowingAreaCode.objects.exists()


def test_no_role_no_list(client_for, outsider):
    assert client_for(outsider).get(LIST).status_code == 403
