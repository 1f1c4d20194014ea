"""Who may open which IP page: every role reads, only IP officers write, people without a role see nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from directory import services as directory_services
from directory.models import Role
from ip_registry import services
from ip_registry.models import (
    ApplicationStep,
    Document,
    GrowingAreaCode,
    InfringementCase,
    InfringementStep,
    IPAsset,
    ProtectionApplication,
)

D = dt.date
READ_ONLY_ROLES = ["auditor", "district_officer_lucngan", "district_officer_yenthe", "council_secretary",
                   "administrator"]


@pytest.fixture
def registry(mycchu_mark, mycchu_cooperative, document_for, units):
    application = services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative,
                                              application_number="4-2024-00001", filing_date=D(2024, 3, 1))
    case = services.infringement_report(actor=None, asset=mycchu_mark, reported_on=D(2024, 5, 2),
                                        place=units["bg.luc-ngan"], description="Bao bì giả nhãn hiệu Mỳ Chũ")
    return {"asset": mycchu_mark, "application": application, "case": case, "document": document_for(mycchu_mark)}


def read_pages(registry):
    return [
        reverse("ip:asset_list"),
        reverse("ip:asset_detail", args=[registry["asset"].pk]),
        reverse("ip:application_detail", args=[registry["application"].pk]),
        reverse("ip:deadlines"),
        reverse("ip:targets"),
        reverse("ip:growing_area_list"),
        reverse("ip:document_download", args=[registry["document"].pk]),
    ]


def write_pages(registry):
    asset, application, case = registry["asset"].pk, registry["application"].pk, registry["case"].pk
    return [
        reverse("ip:asset_create"),
        reverse("ip:asset_update", args=[asset]),
        reverse("ip:application_create", args=[asset]),
        reverse("ip:application_advance", args=[application, "accepted"]),
        reverse("ip:document_upload", args=[asset]),
        reverse("ip:infringement_create", args=[asset]),
        reverse("ip:infringement_step_create", args=[case]),
        reverse("ip:infringement_close", args=[case]),
        reverse("ip:growing_area_create", args=[asset]),
    ]


def row_counts():
    return [model.objects.count() for model in (IPAsset, ProtectionApplication, ApplicationStep, Document,
                                                InfringementCase, InfringementStep, GrowingAreaCode)]


@pytest.mark.parametrize("role", READ_ONLY_ROLES)
def test_read_only_roles_read_every_page(request, client_for, registry, role):
    client = client_for(request.getfixturevalue(role))
    for url in read_pages(registry):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", READ_ONLY_ROLES)
def test_read_only_roles_are_refused_every_write_page_on_get_and_post(request, client_for, registry, role):
    client = client_for(request.getfixturevalue(role))
    before = row_counts()
    for url in write_pages(registry):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"name": "x", "kind": "mark", "on": "2024-06-01", "reason": "x"}).status_code == 403, url
    assert row_counts() == before


def test_someone_without_a_role_is_refused_every_page(client_for, outsider, registry):
    client = client_for(outsider)
    for url in read_pages(registry) + write_pages(registry):
        assert client.get(url).status_code == 403, url
    for url in write_pages(registry):
        assert client.post(url, {}).status_code == 403, url


def test_anonymous_visitor_is_sent_to_log_in_from_every_page(client, registry):
    for url in read_pages(registry) + write_pages(registry):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url
    response = client.post(reverse("ip:asset_create"), {"name": "x"})
    assert response.status_code == 302
    assert IPAsset.objects.filter(name="x").count() == 0


def test_an_ip_officer_opens_every_write_page(client_for, ip_officer, registry):
    client = client_for(ip_officer)
    for url in write_pages(registry):
        assert client.get(url).status_code == 200, url


def test_an_ip_officer_who_is_also_an_auditor_changes_nothing(client_for, ip_officer, registry):
    # The auditor's role makes a person read-only whatever else they hold, as in the admin.
    directory_services.role_assign(actor=None, user=ip_officer, role=Role.AUDITOR)
    client = client_for(ip_officer)
    assert client.get(reverse("ip:asset_create")).status_code == 403
    assert "Thêm tài sản trí tuệ" not in client.get(reverse("ip:asset_list")).content.decode()


def test_missing_records_are_404_for_an_ip_officer(client_for, ip_officer, registry):
    client = client_for(ip_officer)
    for url in [
        reverse("ip:asset_detail", args=[999999]),
        reverse("ip:asset_update", args=[999999]),
        reverse("ip:application_detail", args=[999999]),
        reverse("ip:application_advance", args=[999999, "accepted"]),
        reverse("ip:infringement_close", args=[999999]),
        reverse("ip:document_download", args=[999999]),
    ]:
        assert client.get(url).status_code == 404, url


def test_the_menu_shows_the_registry_to_anyone_with_a_role(client_for, district_officer_yenthe, outsider):
    page = client_for(district_officer_yenthe).get(reverse("home")).content.decode()
    for url in (reverse("ip:asset_list"), reverse("ip:deadlines"), reverse("ip:targets")):
        assert f'href="{url}"' in page
    page = client_for(outsider).get(reverse("home")).content.decode()
    assert reverse("ip:asset_list") not in page
