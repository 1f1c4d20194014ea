"""Writes through the REST API, each through its service: a create answers 201 with the new record and its ETag
(no If-Match); an action on a record needs the ETag it read (412 stale, 428 missing). A role that may not write
gets 403, another unit's record 404, an unknown or malformed id a 400 naming the field, and the service's
refusal a 400 with its Vietnamese message. Every write leaves a history row naming the caller."""

import datetime as dt

import pytest

from audit.versions import version_of
from directory import services as directory_services
from directory.models import Organisation, OrganisationKind
from initiatives import services as initiative_services
from initiatives.models import Initiative, ProgressUpdate, ReplicationNomination, ReplicationSite
from ip_registry import services as ip_services
from ip_registry.models import (
    AssetKind,
    GrowingAreaCode,
    InfringementCase,
    InfringementStep,
    IPAsset,
    Product,
    ProductCategory,
    ProtectionApplication,
)
from tests.initiatives.conftest import AUTHORS, file_initiative, recognise_provincially

D = dt.date


def post(client, url, data, tag=None):
    return client.post(url, data, content_type="application/json", **({"HTTP_IF_MATCH": tag} if tag else {}))


def assert_created(response, record, user, related=()):
    """201, the new record's id and version as ETag, and its history row naming the caller."""
    assert response.status_code == 201, response.json()
    assert response["ETag"] == f'"{version_of(record, related=related)}"'
    assert type(record).history.filter(id=record.pk).latest("history_id").history_user == user


@pytest.fixture
def owner(units):
    return directory_services.organisation_upsert(actor=None, name="Hợp tác xã Vải thiều Phượng Sơn",
                                                  kind=OrganisationKind.COOPERATIVE, unit=units["bg.luc-ngan"])


@pytest.fixture
def product(db):
    return ip_services.product_upsert(actor=None, name="Vải thiều", category=ProductCategory.OTHER)


@pytest.fixture
def asset(owner, product):
    return ip_services.asset_create(actor=None, kind=AssetKind.COLLECTIVE_MARK, name="Vải thiều Phượng Sơn",
                                    product=product, owner=owner, nice_classes="31")


@pytest.fixture
def case(asset, units):
    return ip_services.infringement_report(actor=None, asset=asset, reported_on=D(2024, 6, 3),
                                           place=units["bg.luc-ngan"], description="Bán vải giả nhãn hiệu")


@pytest.fixture
def school(units):
    return directory_services.organisation_upsert(actor=None, name="Trường THCS Phượng Sơn",
                                                  kind=OrganisationKind.SCHOOL, unit=units["bg.luc-ngan"])


@pytest.fixture
def provincial(school, district_officer_lucngan):
    return recognise_provincially(file_initiative(district_officer_lucngan, school))


@pytest.fixture
def nomination(provincial, units, district_officer_lucngan):
    return initiative_services.nomination_create(initiative=provincial, unit=units["bg.luc-ngan"], year=2024,
                                                 actor=district_officer_lucngan, on=D(2024, 2, 1))


@pytest.fixture
def site(nomination, district_officer_lucngan):
    return initiative_services.site_add(actor=district_officer_lucngan, nomination=nomination,
                                        place_kind=ReplicationSite.PlaceKind.SCHOOL, place_name="Trường THCS Tân Quang",
                                        responsible_person="Hoàng Thị Hoa", started_on=D(2024, 3, 1))


# Creates of the IP registry and the directory ----------------------------------------------------

def test_an_administrator_records_an_organisation(client_for, administrator, units):
    response = post(client_for(administrator), "/api/organisations/", {
        "name": "Hợp tác xã Gà đồi Yên Thế", "kind": OrganisationKind.COOPERATIVE, "unit": units["bg.yen-the"].pk,
        "tax_code": "0100109106"})
    organisation = Organisation.objects.get(pk=response.json()["id"])
    assert_created(response, organisation, administrator)
    assert organisation.tax_code == "0100109106" and organisation.placements.get().unit == units["bg.yen-the"]


@pytest.mark.parametrize("role", ["auditor", "ip_officer"])
def test_only_an_administrator_records_organisations(request, client_for, role, units):
    response = post(client_for(request.getfixturevalue(role)), "/api/organisations/", {
        "name": "Tổ chức X", "kind": OrganisationKind.COOPERATIVE, "unit": units["bg.yen-the"].pk})
    assert response.status_code == 403
    assert not Organisation.objects.filter(name="Tổ chức X").exists()


def test_an_organisation_is_refused_an_existing_name_a_bad_tax_code_or_an_unknown_unit(client_for, administrator,
                                                                                       owner, units):
    client = client_for(administrator)
    again = post(client, "/api/organisations/", {"name": owner.name, "kind": owner.kind, "unit": owner.unit_id})
    assert again.status_code == 400
    bad = post(client, "/api/organisations/", {"name": "Tổ chức Y", "kind": OrganisationKind.COOPERATIVE,
                                               "unit": units["bg.yen-the"].pk, "tax_code": "123"})
    assert bad.status_code == 400 and "Mã số thuế “123” không hợp lệ" in bad.json()["tax_code"][0]
    for unit in ("abc", 999999):
        unknown = post(client, "/api/organisations/", {"name": "Tổ chức Z", "kind": OrganisationKind.COOPERATIVE,
                                                       "unit": unit})
        assert unknown.status_code == 400 and "unit" in unknown.json()
    assert not Organisation.objects.filter(name__in=["Tổ chức Y", "Tổ chức Z"]).exists()


def test_an_ip_officer_records_a_product_and_an_auditor_may_not(client_for, ip_officer, auditor, units):
    data = {"name": "Gà đồi", "category": ProductCategory.OTHER, "units": [units["bg.yen-the"].pk]}
    assert post(client_for(auditor), "/api/products/", data).status_code == 403
    response = post(client_for(ip_officer), "/api/products/", data)
    product = Product.objects.get(name="Gà đồi")
    assert_created(response, product, ip_officer)
    assert list(product.units.all()) == [units["bg.yen-the"]]
    assert post(client_for(ip_officer), "/api/products/", data).status_code == 400  # a create never updates
    unknown = post(client_for(ip_officer), "/api/products/", {**data, "name": "Khác", "units": ["x"]})
    assert unknown.status_code == 400 and "units" in unknown.json()


def test_an_ip_officer_records_an_asset(client_for, ip_officer, owner, product):
    response = post(client_for(ip_officer), "/api/assets/", {
        "kind": AssetKind.COLLECTIVE_MARK, "name": "Vải sớm Phượng Sơn", "product": product.pk, "owner": owner.pk,
        "nice_classes": "31, 29", "reason": "Hồ sơ đăng ký"})
    asset = IPAsset.objects.get(name="Vải sớm Phượng Sơn")
    assert_created(response, asset, ip_officer)
    assert response.json()["nice_classes"] == asset.nice_classes == "29, 31"
    assert asset.history.latest("history_id").history_change_reason == "Hồ sơ đăng ký"


def test_an_asset_is_refused_by_the_rules_a_read_only_role_or_an_unknown_id(client_for, ip_officer, auditor, owner):
    data = {"kind": AssetKind.GEOGRAPHICAL_INDICATION, "name": "Vải thiều Lục Ngạn", "owner": owner.pk,
            "managing_organisation": owner.pk}
    assert post(client_for(auditor), "/api/assets/", data).status_code == 403
    refused = post(client_for(ip_officer), "/api/assets/", data)
    assert refused.status_code == 400
    assert refused.json()["owner"] == ["Chủ sở hữu chỉ dẫn địa lý là Nhà nước: để trống trường này."]
    for owner_id in ("abc", 999999):
        unknown = post(client_for(ip_officer), "/api/assets/", {**data, "kind": AssetKind.COLLECTIVE_MARK,
                                                                "owner": owner_id})
        assert unknown.status_code == 400 and "owner" in unknown.json()
    assert not IPAsset.objects.filter(name="Vải thiều Lục Ngạn").exists()


def test_an_ip_officer_files_an_application(client_for, ip_officer, auditor, asset, owner):
    data = {"asset": asset.pk, "applicant": owner.pk, "application_number": "4-2024-01234",
            "filing_date": "2024-03-04"}
    assert post(client_for(auditor), "/api/applications/", data).status_code == 403
    response = post(client_for(ip_officer), "/api/applications/", data)
    application = ProtectionApplication.objects.get(application_number="4-2024-01234")
    assert_created(response, application, ip_officer)
    assert response.json()["status"] == application.status == "filed"
    assert [step["to_status"] for step in response.json()["steps"]] == ["filed"]


def test_an_application_is_refused_what_its_kind_needs(client_for, ip_officer, asset, owner):
    refused = post(client_for(ip_officer), "/api/applications/", {"asset": asset.pk, "applicant": owner.pk,
                                                                  "kind": "transfer"})
    assert refused.status_code == 400
    assert refused.json()["new_owner"] == ["Yêu cầu chuyển nhượng cần ghi chủ sở hữu mới."]
    unknown = post(client_for(ip_officer), "/api/applications/", {"asset": "x", "applicant": owner.pk})
    assert unknown.status_code == 400 and "asset" in unknown.json()
    assert not ProtectionApplication.objects.exists()


def test_an_ip_officer_records_a_growing_area_code(client_for, ip_officer, auditor, product, units):
    data = {"code": "VN-BG-LN-0042", "product": product.pk, "unit": units["bg.luc-ngan"].pk, "area_hectares": "12.50",
            "export_market": "Nhật Bản", "issuing_body": "Cục Bảo vệ thực vật", "issued_on": "2024-05-02"}
    assert post(client_for(auditor), "/api/growing-areas/", data).status_code == 403
    response = post(client_for(ip_officer), "/api/growing-areas/", data)
    assert_created(response, GrowingAreaCode.objects.get(code="VN-BG-LN-0042"), ip_officer)
    assert post(client_for(ip_officer), "/api/growing-areas/", data).status_code == 400  # a create never updates
    late = post(client_for(ip_officer), "/api/growing-areas/", {**data, "code": "VN-BG-LN-0043",
                                                                "issued_on": "2025-08-01"})
    assert late.status_code == 400 and "đã hết hiệu lực sau ngày 30/06/2025" in late.json()["unit"][0]
    assert not GrowingAreaCode.objects.filter(code="VN-BG-LN-0043").exists()


# Infringement cases and their steps --------------------------------------------------------------

def test_an_ip_officer_reports_an_infringement(client_for, ip_officer, auditor, asset, units):
    data = {"asset": asset.pk, "reported_on": "2024-06-03", "place": units["bg.luc-ngan"].pk,
            "description": "Bán vải giả nhãn hiệu tại chợ", "agencies": ["market_management"]}
    assert post(client_for(auditor), "/api/infringements/", data).status_code == 403
    response = post(client_for(ip_officer), "/api/infringements/", data)
    case = InfringementCase.objects.get()
    assert_created(response, case, ip_officer, related=("steps",))
    assert case.agencies == ["market_management"]
    late = post(client_for(ip_officer), "/api/infringements/", {**data, "reported_on": "2025-08-01"})
    assert late.status_code == 400 and "đã hết hiệu lực sau ngày 30/06/2025" in late.json()["place"][0]
    assert InfringementCase.objects.count() == 1


def test_adding_a_step_to_a_case_needs_the_etag_it_read(client_for, ip_officer, case):
    client = client_for(ip_officer)
    url = f"/api/infringements/{case.pk}/"
    tag = client.get(url)["ETag"]
    step = {"on": "2024-06-05", "agency": "police", "action": "Kiểm tra, lập biên bản"}
    assert post(client, url + "steps/", step).status_code == 428
    added = post(client, url + "steps/", step, tag)
    assert added.status_code == 201, added.json()
    assert added.json()["steps"] == [{"on": "2024-06-05", "agency": "police", "action": "Kiểm tra, lập biên bản"}]
    assert added["ETag"] != tag and added["ETag"] == client.get(url)["ETag"]
    assert InfringementStep.history.get().history_user == ip_officer
    stale = post(client, url + "steps/", {**step, "on": "2024-06-06"}, tag)
    assert stale.status_code == 412
    assert InfringementStep.objects.count() == 1


def test_a_step_is_refused_by_the_rules_a_read_only_role_or_an_unknown_case(client_for, ip_officer, auditor, case):
    url = f"/api/infringements/{case.pk}/steps/"
    step = {"on": "2024-06-01", "agency": "police", "action": "Kiểm tra"}
    tag = client_for(auditor).get(f"/api/infringements/{case.pk}/")["ETag"]
    assert post(client_for(auditor), url, step, tag).status_code == 403
    early = post(client_for(ip_officer), url, step, tag)
    assert early.status_code == 400 and early.json()["on"] == ["Ngày xử lý không thể trước ngày phát hiện."]
    assert post(client_for(ip_officer), "/api/infringements/999999/steps/", step, tag).status_code == 404
    assert not InfringementStep.objects.exists()


# Initiatives and replication ---------------------------------------------------------------------

INITIATIVE = {"title": "Học nhóm theo trạm", "field": "education", "filed_on": "2024-03-01",
              "first_applied_on": "2023-09-05", "description": "Các trạm luân phiên.", "authors": AUTHORS}


def test_a_unit_officer_files_an_initiative_with_its_authors(client_for, district_officer_lucngan, school):
    response = post(client_for(district_officer_lucngan), "/api/initiatives/",
                    {**INITIATIVE, "organisation": school.pk})
    initiative = Initiative.objects.get(title="Học nhóm theo trạm")
    assert_created(response, initiative, district_officer_lucngan, related=initiative_services.INITIATIVE_VERSION)
    assert [author["name"] for author in response.json()["authors"]] == ["Nguyễn Thị Mai", "Lê Văn Bình"]
    assert initiative.authors.latest("pk").history.get().history_user == district_officer_lucngan


@pytest.mark.parametrize("role", ["auditor", "ip_officer", "district_officer_yenthe"])
def test_others_may_not_file_the_units_initiatives(request, client_for, role, school):
    response = post(client_for(request.getfixturevalue(role)), "/api/initiatives/",
                    {**INITIATIVE, "organisation": school.pk})
    assert response.status_code == 403
    if role == "district_officer_yenthe":  # the service's own refusal, with its message
        assert "Chỉ cán bộ của đơn vị được nộp sáng kiến" in response.json()["detail"]
    assert not Initiative.objects.exists()


def test_an_initiative_is_refused_shares_not_adding_up_or_an_unknown_organisation(client_for, district_officer_lucngan,
                                                                                  school):
    client = client_for(district_officer_lucngan)
    authors = [{**AUTHORS[0], "share_percent": 50}, AUTHORS[1]]
    refused = post(client, "/api/initiatives/", {**INITIATIVE, "organisation": school.pk, "authors": authors})
    assert refused.status_code == 400
    assert refused.json()["authors"][0].startswith("Tỷ lệ đóng góp của các tác giả cộng lại phải đúng 100% (hiện là 90")
    unknown = post(client, "/api/initiatives/", {**INITIATIVE, "organisation": 999999})
    assert unknown.status_code == 400 and "organisation" in unknown.json()
    assert not Initiative.objects.exists()


def test_a_unit_officer_nominates_an_initiative_for_their_unit(client_for, district_officer_lucngan, auditor,
                                                               provincial, units):
    data = {"initiative": provincial.pk, "year": 2024, "on": "2024-02-01", "reason": "Phù hợp các trường"}
    assert post(client_for(auditor), "/api/nominations/", data).status_code == 403
    response = post(client_for(district_officer_lucngan), "/api/nominations/", data)
    nomination = ReplicationNomination.objects.get()
    assert_created(response, nomination, district_officer_lucngan, related=("sites",))
    assert nomination.unit == units["bg.luc-ngan"] and response.json()["status"] == "nominated"


def test_a_nomination_is_refused_an_initiative_without_provincial_scope(client_for, district_officer_lucngan, school):
    initiative = file_initiative(district_officer_lucngan, school)
    client = client_for(district_officer_lucngan)
    refused = post(client, "/api/nominations/", {"initiative": initiative.pk, "year": 2024, "on": "2024-02-01"})
    assert refused.status_code == 400 and "chưa có phạm vi ảnh hưởng cấp tỉnh" in refused.json()["initiative"][0]
    unknown = post(client, "/api/nominations/", {"initiative": "abc", "year": 2024})
    assert unknown.status_code == 400 and "initiative" in unknown.json()
    assert not ReplicationNomination.objects.exists()


def test_advancing_a_nomination_needs_the_etag_it_read(client_for, district_officer_lucngan, nomination):
    client = client_for(district_officer_lucngan)
    url = f"/api/nominations/{nomination.pk}/"
    tag = client.get(url)["ETag"]
    assert post(client, url + "advance/", {"to_status": "approved"}).status_code == 428
    refused = post(client, url + "advance/", {"to_status": "completed"}, tag)
    assert refused.status_code == 400 and "Không thể chuyển từ “Đã đăng ký nhân rộng”" in refused.json()["detail"][0]
    moved = post(client, url + "advance/", {"to_status": "approved"}, tag)
    assert moved.status_code == 200 and moved.json()["status"] == "approved"
    assert moved["ETag"] != tag
    assert nomination.history.latest("history_id").history_user == district_officer_lucngan
    assert post(client, url + "advance/", {"to_status": "withdrawn", "reason": "Hết kinh phí"}, tag).status_code == 412
    assert ReplicationNomination.objects.get().status == "approved"


def test_a_unit_officer_adds_a_site_to_their_nomination(client_for, district_officer_lucngan, nomination):
    client = client_for(district_officer_lucngan)
    url = f"/api/nominations/{nomination.pk}/"
    tag = client.get(url)["ETag"]
    data = {"place_kind": "school", "place_name": "Trường THCS Tân Quang", "responsible_person": "Hoàng Thị Hoa",
            "started_on": "2024-03-01"}
    assert post(client, url + "sites/", data).status_code == 428
    added = post(client, url + "sites/", data, tag)
    assert added.status_code == 201, added.json()
    site = ReplicationSite.objects.get()
    assert [row["id"] for row in added.json()["sites"]] == [site.pk]
    assert added["ETag"] != tag and added["ETag"] == client.get(url)["ETag"]
    assert site.history.get().history_user == district_officer_lucngan
    assert post(client, url + "sites/", {**data, "place_name": "Trường khác"}, tag).status_code == 412
    assert ReplicationSite.objects.count() == 1


def test_no_site_is_added_to_a_withdrawn_nomination(client_for, district_officer_lucngan, nomination):
    initiative_services.nomination_advance(nomination=nomination, to_status="withdrawn", actor=None, reason="Rút")
    client = client_for(district_officer_lucngan)
    url = f"/api/nominations/{nomination.pk}/"
    refused = post(client, url + "sites/", {"place_kind": "school", "place_name": "Trường THCS Tân Quang",
                                            "responsible_person": "Hoàng Thị Hoa", "started_on": "2024-03-01"},
                   client.get(url)["ETag"])
    assert refused.status_code == 400 and refused.json()["detail"] == ["Đăng ký nhân rộng đã kết thúc."]


def test_advancing_a_site_needs_the_etag_it_read(client_for, district_officer_lucngan, site):
    client = client_for(district_officer_lucngan)
    url = f"/api/sites/{site.pk}/"
    tag = client.get(url)["ETag"]
    assert post(client, url + "advance/", {"to_status": "in_progress"}).status_code == 428
    refused = post(client, url + "advance/", {"to_status": "abandoned"}, tag)
    assert refused.status_code == 400 and refused.json()["detail"] == ["Dừng triển khai cần ghi lý do."]
    moved = post(client, url + "advance/", {"to_status": "in_progress"}, tag)
    assert moved.status_code == 200 and moved.json()["status"] == "in_progress"
    assert moved["ETag"] != tag
    assert site.history.latest("history_id").history_user == district_officer_lucngan
    stale = post(client, url + "advance/", {"to_status": "abandoned", "reason": "Thiếu giáo viên"}, tag)
    assert stale.status_code == 412
    assert ReplicationSite.objects.get().status == "in_progress"


def test_recording_progress_needs_the_etag_it_read(client_for, district_officer_lucngan, site):
    client = client_for(district_officer_lucngan)
    url = f"/api/sites/{site.pk}/"
    tag = client.get(url)["ETag"]
    assert post(client, url + "progress/", {"on": "2024-04-01", "percent": 30}).status_code == 428
    future = post(client, url + "progress/", {"on": "2999-01-01", "percent": 30}, tag)
    assert future.status_code == 400 and future.json()["on"] == ["Không ghi tiến độ cho ngày ở tương lai."]
    recorded = post(client, url + "progress/", {"on": "2024-04-01", "percent": 30, "people_reached": 120}, tag)
    assert recorded.status_code == 201, recorded.json()
    assert recorded.json()["status"] == "in_progress" and recorded.json()["updates"][0]["percent"] == 30
    update = ProgressUpdate.objects.get()
    assert update.recorded_by == district_officer_lucngan
    assert update.history.get().history_user == district_officer_lucngan
    assert recorded["ETag"] != tag and recorded["ETag"] == client.get(url)["ETag"]
    assert post(client, url + "progress/", {"on": "2024-05-01", "percent": 40}, tag).status_code == 412
    assert ProgressUpdate.objects.count() == 1


def test_replication_actions_are_refused_to_readers_and_hidden_from_other_units(client_for, auditor,
                                                                               district_officer_yenthe, site):
    nomination = f"/api/nominations/{site.nomination_id}/"
    at_site = f"/api/sites/{site.pk}/"
    actions = [(nomination + "advance/", {"to_status": "approved"}),
               (nomination + "sites/", {"place_kind": "school", "place_name": "Trường X", "responsible_person": "A",
                                        "started_on": "2024-03-01"}),
               (at_site + "advance/", {"to_status": "in_progress"}),
               (at_site + "progress/", {"on": "2024-04-01", "percent": 10})]
    for user, expected in ((auditor, 403), (district_officer_yenthe, 404)):
        client = client_for(user)
        tags = {nomination: client.get(nomination)["ETag"], at_site: client.get(at_site)["ETag"]}
        for url, data in actions:
            response = post(client, url, data, tags[nomination if url.startswith(nomination) else at_site])
            assert response.status_code == expected, (user, url)
    site.refresh_from_db()
    assert site.status == "planned" and site.nomination.status == "nominated" and not site.updates.exists()
    assert ReplicationSite.objects.count() == 1
