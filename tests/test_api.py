"""The REST API: the pages' scoping and rules on every resource, versions as ETags, If-Match on writes (412
stale, 428 missing), the service's refusals as 400s, and the schema and its documentation served offline."""

import datetime as dt

import pytest

from directory import services as directory_services
from directory.models import OrganisationKind
from initiatives.models import Initiative
from ip_registry import services as ip_services
from ip_registry.models import AssetKind, IPAsset, ProductCategory, ProtectionApplication
from tests.initiatives.conftest import file_initiative

D = dt.date


@pytest.fixture
def asset(units):
    owner = directory_services.organisation_upsert(actor=None, name="Hợp tác xã Chè Tân Cương",
                                                   kind=OrganisationKind.COOPERATIVE, unit=units["bn.yen-the"])
    product = ip_services.product_upsert(actor=None, name="Chè", category=ProductCategory.OTHER)
    return ip_services.asset_create(actor=None, kind=AssetKind.COLLECTIVE_MARK, name="Chè Yên Thế", product=product,
                                    owner=owner, nice_classes="30")


@pytest.fixture
def application(asset):
    return ip_services.application_create(actor=None, asset=asset, applicant=asset.owner,
                                          application_number="4-2026-00100", filing_date=D(2026, 3, 2))


@pytest.fixture
def api(client_for):
    def as_user(user):
        client = client_for(user)
        return client
    return as_user


def test_every_reader_lists_assets_with_filters_and_search(api, auditor, asset):
    response = api(auditor).get("/api/assets/", {"q": "che yen the", "kind": AssetKind.COLLECTIVE_MARK})
    assert response.status_code == 200
    assert [row["name"] for row in response.json()["results"]] == ["Chè Yên Thế"]
    assert api(auditor).get("/api/assets/", {"kind": "nope"}).status_code == 400


def test_patch_needs_the_etag_it_read(api, ip_officer, asset):
    client = api(ip_officer)
    url = f"/api/assets/{asset.pk}/"
    read = client.get(url)
    tag = read["ETag"]
    assert client.patch(url, {"nice_classes": "30, 31"}, content_type="application/json").status_code == 428
    changed = client.patch(url, {"nice_classes": "30, 31"}, content_type="application/json", HTTP_IF_MATCH=tag)
    assert changed.status_code == 200 and changed.json()["nice_classes"] == "30, 31"
    assert changed["ETag"] != tag
    stale = client.patch(url, {"name": "Chè khác"}, content_type="application/json", HTTP_IF_MATCH=tag)
    assert stale.status_code == 412 and "30, 31" in stale.json()["detail"]
    assert IPAsset.objects.get(pk=asset.pk).name == "Chè Yên Thế"


@pytest.mark.parametrize("role", ["auditor", "district_officer_lucngan", "council_secretary"])
def test_other_roles_may_not_write_through_the_api(request, api, role, asset):
    client = api(request.getfixturevalue(role))
    url = f"/api/assets/{asset.pk}/"
    tag = client.get(url)["ETag"]
    response = client.patch(url, {"name": "X"}, content_type="application/json", HTTP_IF_MATCH=tag)
    assert response.status_code == 403
    assert IPAsset.objects.get(pk=asset.pk).name == "Chè Yên Thế"


def test_advancing_an_application_answers_the_services_refusal_as_400(api, ip_officer, application):
    client = api(ip_officer)
    url = f"/api/applications/{application.pk}/"
    tag = client.get(url)["ETag"]
    refused = client.post(url + "advance/", {"to_status": "granted", "on": "2026-03-10"},
                          content_type="application/json", HTTP_IF_MATCH=tag)
    assert refused.status_code == 400
    assert "Không thể chuyển đơn" in str(refused.json())
    assert ProtectionApplication.objects.get(pk=application.pk).status == "filed"
    moved = client.post(url + "advance/", {"to_status": "withdrawn", "on": "2026-03-10",
                                           "reason": "Người nộp đơn rút đơn"},
                        content_type="application/json", HTTP_IF_MATCH=tag)
    assert moved.status_code == 200, moved.json()
    assert moved.json()["status"] == "withdrawn"


def test_the_confidential_part_only_for_whom_the_page_shows_it(api, district_officer_lucngan,
                                                               district_officer_yenthe, units):
    school = directory_services.organisation_upsert(actor=None, name="Trường THCS Phượng Sơn",
                                                    kind=OrganisationKind.SCHOOL, unit=units["bg.luc-ngan"])
    initiative = file_initiative(district_officer_lucngan, school, confidential_part="Bí quyết riêng")
    url = f"/api/initiatives/{initiative.pk}/"
    assert api(district_officer_lucngan).get(url).json()["confidential_part"] == "Bí quyết riêng"
    other = api(district_officer_yenthe).get(url)
    assert other.status_code == 200 and other.json()["confidential_part"] is None
    assert api(district_officer_yenthe).get("/api/initiatives/99999/").status_code == 404
    tag = other["ETag"]
    refused = api(district_officer_yenthe).post(url + "advance/", {"to_status": "registered", "on": "2023-03-10"},
                                                content_type="application/json", HTTP_IF_MATCH=tag)
    assert refused.status_code == 403
    assert Initiative.objects.get(pk=initiative.pk).status == "filed"


def test_anonymous_callers_are_refused(client, asset):
    assert client.get("/api/assets/").status_code in (401, 403)


def test_the_schema_and_its_documentation_are_served_offline(api, ip_officer):
    client = api(ip_officer)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {"/api/assets/", "/api/applications/{id}/advance/", "/api/initiatives/{id}/advance/"} <= set(paths)
    assert "412" in paths["/api/assets/{id}/"]["patch"]["responses"]
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    policy = docs["Content-Security-Policy"]
    assert "'nonce-" in policy and "unsafe-inline" not in policy
    page = docs.content.decode()
    assert "http://" not in page.replace("http://testserver", "") and "https://" not in page
    assert client.get("/api/redoc/").status_code == 200


@pytest.mark.parametrize("url", ["/api/assets/", "/api/applications/", "/api/initiatives/", "/api/organisations/",
                                 "/api/products/", "/api/nominations/", "/api/units/"])
def test_a_page_costs_the_same_queries_at_any_size(api, ip_officer, units, url):
    """The same queries for a page of a few rows, of many, and of one: no query per row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from initiatives import services as initiative_services
    from initiatives.selectors import plan_for, plan_units
    from tests.initiatives.conftest import recognise_provincially

    client = api(ip_officer)
    owner = directory_services.organisation_upsert(actor=None, name="Hợp tác xã Mẫu", kind=OrganisationKind.COOPERATIVE,
                                                   unit=units["bn.yen-the"])
    places = []
    if url == "/api/nominations/":
        school = directory_services.organisation_upsert(actor=None, name="Trường THCS Mẫu", unit=units["bg.luc-ngan"],
                                                        kind=OrganisationKind.SCHOOL)
        provincial = recognise_provincially(file_initiative(None, school))
        places = [(unit, year) for year in (2023, 2024)
                  for unit in plan_units(plan_for(year)) if unit.kind != "department"]

    def grow(start, count):
        for number in range(start, start + count):
            product = ip_services.product_upsert(actor=None, name=f"Mẫu {number}", category=ProductCategory.OTHER)
            asset = ip_services.asset_create(actor=None, kind=AssetKind.COLLECTIVE_MARK, name=f"Mẫu {number}",
                                             product=product, owner=owner)
            ip_services.application_create(actor=None, asset=asset, applicant=owner,
                                           application_number=f"4-2026-{number:05d}", filing_date=D(2026, 3, 2))
            directory_services.organisation_upsert(actor=None, name=f"Tổ chức {number}", unit=units["bn.yen-the"],
                                                   kind=OrganisationKind.ENTERPRISE)
            file_initiative(None, owner, title=f"Sáng kiến {number}", filed_on=D(2026, 3, 1))
            if places:
                unit, year = places[number]
                initiative_services.nomination_create(initiative=provincial, unit=unit, year=year, actor=None,
                                                      on=D(year, 12, 1))

    def queries(page_size):
        client.get(url, {"page_size": page_size})  # warm the per-process caches (the unit map, the roles)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"page_size": page_size})
            assert response.status_code == 200
        return len(captured), len(response.json()["results"])

    grow(0, 2)
    few, _shown = queries(50)
    grow(2, 12)
    many, shown = queries(50)
    one, _one = queries(1)
    assert shown > 2  # the page holds many rows, each of which would cost a query if rows were read one by one
    assert many == few == one
