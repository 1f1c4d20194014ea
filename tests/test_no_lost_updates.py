"""Two people editing the same record: the second save, made over the first one's, is refused with what the
first changed, keeps what the second typed, and saves nothing; saving again after reading it goes through."""

import datetime as dt

import pytest
from django.urls import reverse

from audit.versions import StaleEdit, version_of
from directory import services as directory_services
from directory.models import Organisation, OrganisationKind
from initiatives import services as initiative_services
from initiatives.models import Initiative
from ip_registry import services as ip_services
from ip_registry.models import AssetKind, IPAsset, ProductCategory
from tests.initiatives.conftest import AUTHORS, file_initiative, school_lucngan  # noqa: F401 (a fixture)

D = dt.date


@pytest.fixture
def asset(units):
    owner = directory_services.organisation_upsert(actor=None, name="Hợp tác xã Vải Thanh Hà",
                                                   kind=OrganisationKind.COOPERATIVE, unit=units["bn.luc-ngan"])
    product = ip_services.product_upsert(actor=None, name="Vải thiều", category=ProductCategory.FRUIT)
    return ip_services.asset_create(actor=None, kind=AssetKind.COLLECTIVE_MARK, name="Vải thiều Thanh Hà",
                                    product=product, owner=owner, nice_classes="31")


def asset_form(asset, **changes):
    data = {"kind": asset.kind, "name": asset.name, "product": asset.product_id, "owner": asset.owner_id,
            "managing_organisation": "", "authorising_decision": "", "area_units": [],
            "nice_classes": asset.nice_classes,
            "certificate_number": "", "grant_date": "", "valid_until": "", "support_decision": "", "support_amount": "",
            "reason": ""}
    return {**data, **changes}


def test_the_service_refuses_an_edit_over_a_newer_version(asset, ip_officer):
    opened = version_of(asset)
    ip_services.asset_update(actor=ip_officer, asset=IPAsset.objects.get(pk=asset.pk), nice_classes="29, 31",
                             version=opened)
    with pytest.raises(StaleEdit, match="29, 31"):
        ip_services.asset_update(actor=ip_officer, asset=IPAsset.objects.get(pk=asset.pk), name="Vải Thanh Hà",
                                 version=opened)
    assert IPAsset.objects.get(pk=asset.pk).name == "Vải thiều Thanh Hà"


def test_two_tabs_on_the_asset_page(client_for, ip_officer, asset):
    client = client_for(ip_officer)
    url = reverse("ip:asset_update", args=[asset.pk])
    opened = client.get(url).context["form"]["version"].value()
    first = client.post(url, asset_form(asset, nice_classes="29, 31", version=opened))
    assert first.status_code == 302
    second = client.post(url, asset_form(asset, name="Vải Thanh Hà (tab 2)", version=opened))
    page = second.content.decode()
    assert second.status_code == 200
    assert "Người khác đã sửa bản ghi này" in page and "29, 31" in page
    assert "Vải Thanh Hà (tab 2)" in page  # what was typed is kept
    assert IPAsset.objects.get(pk=asset.pk).name == "Vải thiều Thanh Hà"
    # Saving again, now over the version the refusal showed, is deliberate: it goes through.
    again = client.post(url, asset_form(asset, name="Vải Thanh Hà (tab 2)", nice_classes="29, 31",
                                        version=second.context["form"]["version"].value()))
    assert again.status_code == 302
    assert IPAsset.objects.get(pk=asset.pk).name == "Vải Thanh Hà (tab 2)"


def test_an_initiatives_authors_are_part_of_its_version(district_officer_lucngan, school_lucngan):  # noqa: F811
    initiative = file_initiative(district_officer_lucngan, school_lucngan)
    opened = version_of(initiative, related=initiative_services.INITIATIVE_VERSION)
    initiative_services.initiative_set_authors(actor=district_officer_lucngan, initiative=initiative,
                                               authors=[{**AUTHORS[0], "share_percent": 50},
                                                        {**AUTHORS[1], "share_percent": 50}])
    with pytest.raises(StaleEdit):
        initiative_services.initiative_update(actor=district_officer_lucngan,
                                              initiative=Initiative.objects.get(pk=initiative.pk),
                                              title="Tên khác", version=opened)
    assert Initiative.objects.get(pk=initiative.pk).title != "Tên khác"


def test_the_admin_change_form_refuses_a_stale_save(client_for, administrator, units):
    organisation = directory_services.organisation_upsert(actor=None, name="Hội Nông dân xã Chũ",
                                                          kind=OrganisationKind.PRODUCER_ASSOCIATION,
                                                          unit=units["bn.chu"])
    client = client_for(administrator)
    url = reverse("admin:directory_organisation_change", args=[organisation.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    directory_services.organisation_upsert(actor=None, name="Hội Nông dân xã Chũ", kind=OrganisationKind.OTHER,
                                           unit=units["bn.chu"])
    response = client.post(url, {**data, "phone": "0204 3888 999"})
    assert response.status_code == 200
    assert "Người khác đã sửa bản ghi này" in response.content.decode()
    assert Organisation.objects.get(pk=organisation.pk).phone == ""
