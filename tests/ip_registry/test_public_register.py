"""The public register: open without log-in, it shows the GIs and marks in force and what they make public,
and nothing unpublished: no pending or refused application, no person's name, no private document."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from directory import services as directory_services
from directory.models import OrganisationKind
from ip_registry import services
from ip_registry.models import AssetKind, Document, ProductCategory
from tests.ip_registry.conftest import walk_to_grant

D = dt.date


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def registered(mycchu_mark, mycchu_cooperative, document_for):
    application = services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative,
                                              application_number="4-2020-01234", filing_date=D(2020, 6, 10))
    walk_to_grant(application, document_for, accepted=D(2020, 7, 1), published=D(2020, 9, 1),
                  intended_grant=D(2021, 4, 1), granted=D(2021, 7, 1), certificate="VB-MYCHU")
    return mycchu_mark


@pytest.fixture
def pending(units):
    person = directory_services.organisation_upsert(actor=None, name="Nguyễn Văn Tư", unit=units["bn.luc-ngan"],
                                                    kind=OrganisationKind.INDIVIDUAL)
    product = services.product_upsert(actor=None, name="Gà đồi", category=ProductCategory.OTHER)
    asset = services.asset_create(actor=None, kind=AssetKind.COLLECTIVE_MARK, name="Gà đồi Yên Thế",
                                  product=product, owner=person)
    services.application_create(actor=None, asset=asset, applicant=person, application_number="4-2026-00777",
                                filing_date=D(2026, 3, 2))
    return asset


def test_anyone_finds_a_mark_in_force_without_diacritics_and_nothing_pending(client, registered, pending):
    page = client.get(reverse("public:register"), {"q": "my chu"})
    assert page.status_code == 200
    assert "Mỳ Chũ" in page.content.decode() and "VB-MYCHU" in page.content.decode()
    everything = client.get(reverse("public:register")).content.decode()
    assert "Gà đồi Yên Thế" not in everything
    assert client.get(reverse("public:asset", args=[pending.pk])).status_code == 404
    assert client.get(reverse("api_public:asset", args=[pending.pk])).status_code == 404
    listed = client.get(reverse("api_public:assets")).json()
    assert [row["name"] for row in listed["results"]] == ["Mỳ Chũ"]


def test_an_individual_owner_shows_as_a_person_not_by_name(client, units, registered, document_for):
    person = directory_services.organisation_upsert(actor=None, name="Trần Thị Hạnh", unit=units["bg.luc-ngan"],
                                                    kind=OrganisationKind.INDIVIDUAL)
    product = services.product_upsert(actor=None, name="Mật ong", category=ProductCategory.OTHER)
    asset = services.asset_create(actor=None, kind=AssetKind.CERTIFICATION_MARK, name="Mật ong Sơn Động",
                                  product=product, owner=person)
    application = services.application_create(actor=None, asset=asset, applicant=person,
                                              application_number="4-2020-05555", filing_date=D(2020, 6, 10))
    walk_to_grant(application, document_for, accepted=D(2020, 7, 1), published=D(2020, 9, 1),
                  intended_grant=D(2021, 4, 1), granted=D(2021, 7, 1), certificate="VB-MATONG")
    page = client.get(reverse("public:asset", args=[asset.pk])).content.decode()
    assert "Mật ong Sơn Động" in page and "Cá nhân" in page and "Trần Thị Hạnh" not in page
    api = client.get(reverse("api_public:asset", args=[asset.pk])).json()
    assert api["holder"] == "Cá nhân"


def test_only_documents_marked_public_are_served(client, registered):
    def upload(doc_type, is_public):
        return services.document_upload(actor=None, asset=registered, doc_type=doc_type, title=f"{doc_type}",
                                        file=ContentFile(b"%PDF-1.4 demo", name="tai-lieu.pdf"), is_public=is_public)

    rules = upload(Document.Type.REGULATIONS_ON_USE, True)
    private = upload(Document.Type.REGULATIONS_ON_USE, False)
    with pytest.raises(ValidationError):
        upload(Document.Type.IP_OFFICE_NOTICE, True)
    page = client.get(reverse("public:asset", args=[registered.pk])).content.decode()
    assert reverse("public:document", args=[rules.pk]) in page
    assert reverse("public:document", args=[private.pk]) not in page
    assert client.get(reverse("public:document", args=[rules.pk])).status_code == 200
    assert client.get(reverse("public:document", args=[private.pk])).status_code == 404


def test_growing_area_codes_by_product_and_market(client, units, registered):
    product = registered.product
    for code, market in (("VN-BG-001", "Nhật Bản"), ("VN-BG-002", "EU")):
        services.growing_area_code_upsert(actor=None, code=code, product=product, unit=units["bn.chu"],
                                          area_hectares="12.50", export_market=market, issuing_body="Cục BVTV",
                                          issued_on=D(2024, 5, 1))
    page = client.get(reverse("public:growing_areas"), {"market": "EU"}).content.decode()
    assert "VN-BG-002" in page and "VN-BG-001" not in page


@pytest.mark.parametrize("query", [{"page": "abc"}, {"kind": "<script>"}, {"q": "x" * 500}])
def test_malformed_queries_are_answered(client, registered, query):
    assert client.get(reverse("public:register"), query).status_code == 200
