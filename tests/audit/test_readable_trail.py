"""The trail as an auditor reads it: names, not ids; people by their full names; dates as dd/mm/yyyy and
times in Viet Nam's; many-to-many changes shown; the fields' labels with their capitals. The exports in the
same words, with real date-times; an import batch's export is that batch's."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import AuditEvent
from directory import services as directory_services
from directory.models import OrganisationKind
from ip_registry import services
from ip_registry.models import AssetKind, ProductCategory


@pytest.fixture
def gi(units, ip_officer):
    committee = directory_services.organisation_upsert(
        actor=None, name="Ủy ban nhân dân huyện Lục Nam", kind=OrganisationKind.STATE_BODY, unit=units["bg.luc-nam"])
    product = services.product_upsert(actor=None, name="Na dai Lục Nam", category=ProductCategory.FRUIT,
                                      units=[units["bg.luc-nam"]])
    asset = services.asset_create(
        actor=ip_officer, kind=AssetKind.GEOGRAPHICAL_INDICATION, name="Lục Nam", product=product,
        managing_organisation=committee, authorising_decision="Quyết định số 1001/QĐ-UBND",
        area_units=[units["bg.luc-nam.dong-hung"]])
    asset = services.asset_update(actor=ip_officer, asset=asset, reason="Mở rộng vùng",
                                  area_units=[units["bg.luc-nam.dong-hung"], units["bg.luc-nam.dong-phu"]])
    services.application_create(actor=ip_officer, asset=asset, applicant=committee, application_number="4-2024-01234",
                                filing_date=dt.date(2024, 7, 1))
    return asset


def _timeline_of(client, model, pk) -> str:
    response = client.get(f"/audit/records/{model}/{pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _timeline(client, asset) -> str:
    return _timeline_of(client, "ip_registry.ipasset", asset.pk)


def test_the_timeline_names_records_people_and_units(client_for, auditor, ip_officer, gi, units):
    page = _timeline(client_for(auditor), gi)
    assert "Ủy ban nhân dân huyện Lục Nam" in page and "Tổ chức #" not in page  # the managing body, by name
    assert "Na dai Lục Nam" in page
    assert ip_officer.full_name in page  # the person, by their full name
    assert "Quyết định của UBND tỉnh" in page  # the label keeps its capitals
    application = _timeline_of(client_for(auditor), "ip_registry.protectionapplication", gi.applications.get().pk)
    assert "01/07/2024" in application and "2024-07-01" not in application


def test_a_change_of_the_geographical_area_is_shown(client_for, auditor, gi, units):
    update = AuditEvent.objects.filter(model="ip_registry.ipasset", object_id=str(gi.pk),
                                       reason="Mở rộng vùng").get()
    page = client_for(auditor).get(f"/audit/events/{update.seq}/").content.decode()
    assert "Khu vực địa lý" in page
    assert units["bg.luc-nam.dong-phu"].name in page
    assert "Không có trường nào thay đổi" not in page


def test_the_export_is_in_words_with_local_date_times(client_for, auditor, ip_officer, gi):
    client = client_for(auditor)
    rows = list(csv.reader(io.StringIO(client.get("/audit/export.csv", {"model": "ip_registry.ipasset"})
                                       .content.decode("utf-8-sig"))))
    header, latest = rows[0], dict(zip(rows[0], rows[1]))
    assert "Thời điểm (giờ Việt Nam)" in header
    assert latest["Hành động"] == "Sửa" and latest["Kênh"] == "Lệnh quản trị"
    assert latest["Loại bản ghi"] == "Tài sản trí tuệ" and latest["Bản ghi"] == "Chỉ dẫn địa lý “Lục Nam”"
    assert latest["Người thực hiện"] == ip_officer.full_name
    assert latest["Thay đổi"].startswith("Khu vực địa lý: ") and "Đông Phú" in latest["Thay đổi"]
    applications = list(csv.reader(io.StringIO(client.get(
        "/audit/export.csv", {"model": "ip_registry.protectionapplication"}).content.decode("utf-8-sig"))))
    assert any("Ngày nộp đơn: — → 01/07/2024" in row[header.index("Thay đổi")] for row in applications[1:])
    event = AuditEvent.objects.filter(model="ip_registry.ipasset").order_by("-seq").first()
    assert latest["Thời điểm (giờ Việt Nam)"] == timezone.localtime(event.time).strftime("%d/%m/%Y %H:%M:%S")

    book = load_workbook(io.BytesIO(client.get("/audit/export.xlsx", {"model": "ip_registry.ipasset"}).content))
    cell = book.active.cell(row=2, column=2)
    assert cell.is_date
    assert abs(cell.value - timezone.localtime(event.time).replace(tzinfo=None)) < dt.timedelta(seconds=1)


def test_an_import_batch_exports_that_batch(client_for, auditor, ip_officer, gi, units):
    from audit.services import import_batch

    with import_batch(actor=ip_officer, kind="directory.organisation", file_name="to-chuc.xlsx") as batch:
        directory_services.organisation_upsert(actor=ip_officer, name="HTX Vải thiều Thanh Hà",
                                               kind=OrganisationKind.COOPERATIVE, unit=units["bg.luc-ngan"])
    client = client_for(auditor)
    page = client.get(f"/audit/imports/{batch.pk}/")
    assert page.context["export_query"] == f"batch={batch.pk}"
    rows = list(csv.reader(io.StringIO(client.get("/audit/export.csv?" + page.context["export_query"])
                                       .content.decode("utf-8-sig"))))
    in_batch = AuditEvent.objects.filter(batch=batch).count()
    assert len(rows) - 1 == in_batch and "HTX Vải thiều Thanh Hà" in [row[7] for row in rows[1:]]
    assert not any("Lục Nam" in row[7] for row in rows[1:])  # the rest of the log stays out
    person = client.get(f"/audit/people/{ip_officer.pk}/")
    assert f"person={ip_officer.pk}" in person.context["export_query"]


def test_record_pages_link_to_their_timeline_for_whoever_may_read_it(
        client_for, auditor, ip_officer, district_officer_lucngan, district_officer_yenthe, gi):
    from tests.audit.conftest import file_initiative

    asset_timeline = f"/audit/records/ip_registry.ipasset/{gi.pk}/"
    page = client_for(auditor).get(f"/ip/assets/{gi.pk}/").content.decode()
    assert asset_timeline in page and "/history/" not in page
    application = gi.applications.get()
    assert f"/audit/records/ip_registry.protectionapplication/{application.pk}/" in client_for(ip_officer).get(
        f"/ip/applications/{application.pk}/").content.decode()
    assert "/audit/records/directory.organisation/" in client_for(auditor).get("/organisations/").content.decode()
    initiative = file_initiative(district_officer_lucngan, _school(district_officer_lucngan))
    timeline = f"/audit/records/initiatives.initiative/{initiative.pk}/"
    assert timeline in client_for(district_officer_lucngan).get(f"/initiatives/{initiative.pk}/").content.decode()
    assert timeline not in client_for(district_officer_yenthe).get(f"/initiatives/{initiative.pk}/").content.decode()
    assert client_for(district_officer_lucngan).get(timeline).status_code == 200


def _school(officer):
    return directory_services.organisation_upsert(actor=None, name="Trường THCS Phượng Sơn",
                                                  kind=OrganisationKind.SCHOOL, unit=officer.roles.get().unit)
