"""The lists as spreadsheets: the page's filters and scope, words not codes, dates and numbers as such, text
never a formula, each row's version, and each export in the audit trail with its SHA-256."""

import csv
import datetime as dt
import hashlib
import io
import json

import openpyxl
import pytest
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from audit.versions import version_of
from directory import services as directory_services
from directory.models import OrganisationKind
from directory.tables import unprotect
from ip_registry import services as ip_services
from ip_registry.models import AssetKind, ProductCategory

D = dt.date


@pytest.fixture
def today_is(monkeypatch):
    from django.utils import timezone

    def set_day(day):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)

    return set_day


@pytest.fixture
def assets(units):
    owner = directory_services.organisation_upsert(actor=None, name="Hợp tác xã Chè Yên Thế",
                                                   kind=OrganisationKind.COOPERATIVE, unit=units["bn.yen-the"])
    product = ip_services.product_upsert(actor=None, name="Chè", category=ProductCategory.OTHER)
    mark = ip_services.asset_create(actor=None, kind=AssetKind.COLLECTIVE_MARK, name="=HYPERLINK(\"http://x\")",
                                    product=product, owner=owner, support_amount=1500000)
    gi = ip_services.asset_create(actor=None, kind=AssetKind.GEOGRAPHICAL_INDICATION, name="Chè Yên Thế",
                                  product=product, managing_organisation=owner)
    return mark, gi


def test_the_asset_list_as_xlsx_with_its_filter(client_for, ip_officer, assets):
    mark, _gi = assets
    response = client_for(ip_officer).get(reverse("ip:asset_export", args=["xlsx"]),
                                          {"kind": AssetKind.COLLECTIVE_MARK})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["Mã", "Loại", "Tên, dấu hiệu"] and header[-1] == "Phiên bản"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1  # the filter holds
    row = dict(zip(header, rows[0]))
    assert row["Loại"] == "Nhãn hiệu tập thể"  # words, not codes
    assert row["Tên, dấu hiệu"] == "=HYPERLINK(\"http://x\")"
    assert sheet.cell(row=2, column=header.index("Tên, dấu hiệu") + 1).data_type == "s"  # text, not a formula
    assert row["Phiên bản"] == version_of(mark)
    event = AuditEvent.objects.filter(action=AuditAction.EXPORT).latest("seq")
    assert json.loads(event.changes)["sha256"] == hashlib.sha256(response.content).hexdigest()


def test_the_deadlines_export_has_real_dates(client_for, ip_officer, assets, today_is):
    mark, _gi = assets
    today_is(D(2026, 3, 20))
    ip_services.application_create(actor=None, asset=mark, applicant=mark.owner, application_number="4-2026-00042",
                                   filing_date=D(2026, 3, 2))
    response = client_for(ip_officer).get(reverse("ip:deadline_export", args=["xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, next(sheet.iter_rows(min_row=2, values_only=True))))
    assert (row["Số đơn"], row["Hạn"], row["Quá hạn"]) == ("4-2026-00042", dt.datetime(2026, 4, 2), "Không")
    assert sheet.cell(row=2, column=header.index("Hạn") + 1).number_format == "dd/mm/yyyy"


def test_the_csv_protects_formula_text_and_the_import_side_reads_it_back(client_for, ip_officer, assets):
    response = client_for(ip_officer).get(reverse("ip:asset_export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = [row[2] for row in rows[1:]]
    assert "'=HYPERLINK(\"http://x\")" in names
    assert unprotect("'=HYPERLINK(\"http://x\")") == "=HYPERLINK(\"http://x\")"
    assert unprotect("'quoted") == "'quoted"  # an apostrophe the export did not add stays


def test_the_initiative_list_export_keeps_the_confidential_part_out(client_for, auditor, district_officer_lucngan,
                                                                    units):
    from tests.initiatives.conftest import file_initiative

    school = directory_services.organisation_upsert(actor=None, name="Trường THCS Phượng Sơn",
                                                    kind=OrganisationKind.SCHOOL, unit=units["bg.luc-ngan"])
    file_initiative(district_officer_lucngan, school, confidential_part="Công thức bí mật")
    response = client_for(auditor).get(reverse("initiatives:initiative_export", args=["xlsx"]))
    values = [cell for row in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
              for cell in row]
    assert "Dạy học theo trạm cho môn Toán lớp 6" in values
    assert "Công thức bí mật" not in values


@pytest.mark.parametrize("url", ["ip:asset_export", "ip:deadline_export", "ip:growing_area_export",
                                 "ip:application_export", "ip:infringement_export", "organisation_export",
                                 "unit_export", "initiatives:initiative_export"])
def test_exports_need_a_role_and_a_known_format(client_for, outsider, ip_officer, url):
    assert client_for(outsider).get(reverse(url, args=["xlsx"])).status_code == 403
    assert client_for(ip_officer).get(reverse(url, args=["doc"])).status_code == 404
    assert client_for(ip_officer).get(reverse(url, args=["csv"])).status_code == 200


def test_the_applications_list_filters_and_exports(client_for, auditor, assets):
    mark, gi = assets
    ip_services.application_create(actor=None, asset=mark, applicant=mark.owner, application_number="4-2026-00043",
                                   filing_date=D(2026, 3, 2))
    ip_services.application_create(actor=None, asset=gi, applicant=gi.managing_organisation)
    client = client_for(auditor)
    page = client.get(reverse("ip:application_list"), {"status": "filed"})
    assert [a.application_number for a in page.context["page"].object_list] == ["4-2026-00043"]
    assert client.get(reverse("ip:application_list"), {"q": "00043"}).context["page"].paginator.count == 1
    assert client.get(reverse("ip:application_list"), {"q": "che yen the"}).context["page"].paginator.count == 2
    rows = list(csv.reader(io.StringIO(client.get(reverse("ip:application_export", args=["csv"]),
                                                  {"year": "2026"}).content.decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == ["4-2026-00043"] and rows[1][2] == "Đăng ký xác lập quyền"
    assert rows[0][0] == "Mã" and rows[1][0] == str(mark.applications.get().pk)


def test_the_infringement_list_and_its_export(client_for, auditor, ip_officer, assets, units):
    mark, _gi = assets
    ip_services.infringement_report(actor=None, asset=mark, reported_on=D(2026, 4, 1), place=units["bn.yen-the"],
                                    description="Bao bì giả nhãn hiệu")
    page = client_for(auditor).get(reverse("ip:infringement_list"), {"open_only": "on"})
    assert page.context["page"].paginator.count == 1
    sheet = openpyxl.load_workbook(io.BytesIO(client_for(ip_officer).get(
        reverse("ip:infringement_export", args=["xlsx"])).content)).active
    assert sheet.cell(row=2, column=4).value == "Bao bì giả nhãn hiệu"


def test_organisations_and_units_export(client_for, auditor, assets):
    client = client_for(auditor)
    page = client.get(reverse("organisation_list"), {"q": "Chè Yên"})
    assert [o.name for o in page.context["page"].object_list] == ["Hợp tác xã Chè Yên Thế"]
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(reverse("organisation_export", args=["xlsx"]),
                                                         {"q": "Chè Yên"}).content)).active
    assert sheet.cell(row=2, column=2).value == "Hợp tác xã Chè Yên Thế"
    units = list(csv.reader(io.StringIO(client.get(reverse("unit_export", args=["csv"]),
                                                   {"on": "2026-01-01"}).content.decode("utf-8-sig"))))
    kinds = [row[3] for row in units[1:]]
    assert kinds.count("Xã") + kinds.count("Phường") == 99
    assert "Huyện" not in kinds  # the district level ended on 30/06/2025
