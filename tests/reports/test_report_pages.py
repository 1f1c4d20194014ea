"""The report pages under /reports/: each role sees what it may, on every door; the files read back."""

import datetime as dt
import io
import json

import openpyxl
import pytest
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from reports import services
from reports.models import AnnualReport
from reports.workflow import ReportStatus as S

D = dt.date


def unit_url(units, name="unit_report", *extra, year=2026, code="bn.luc-ngan"):
    return reverse(f"reports:{name}", args=[year, units[code].pk, *extra])


def test_the_officer_drafts_and_submits_their_report_through_the_pages(client_for, units, commune_officer, filings):
    client = client_for(commune_officer)
    page = client.get(unit_url(units)).content.decode()
    assert "Chưa lập báo cáo" in page and "Đăng ký xác lập quyền" in page
    response = client.post(unit_url(units, "unit_report_edit"), {
        "as_of": "2026-12-14", "results": "Hoàn thành 2 đơn nhãn hiệu.", "difficulties": "", "proposals": "",
        "signer_title": "Chủ tịch", "signer_name": "Nguyễn Văn B", "recipients": "Sở Khoa học và Công nghệ;"})
    assert response.status_code == 302
    assert client.post(unit_url(units, "unit_report_advance", S.SUBMITTED)).status_code == 302
    report = AnnualReport.objects.get()
    assert (report.status, report.results) == (S.SUBMITTED, "Hoàn thành 2 đơn nhãn hiệu.")
    page = client.get(unit_url(units)).content.decode()
    assert "Đã gửi" in page and report.snapshots.get().sha256 in page


def test_another_units_officer_and_the_secretary_meet_a_404(client_for, units, other_commune_officer,
                                                           council_secretary):
    for person in (other_commune_officer, council_secretary):
        client = client_for(person)
        for url in (unit_url(units), unit_url(units, "unit_report_edit"),
                    unit_url(units, "unit_report_download", "xlsx")):
            assert client.get(url).status_code == 404, url
        assert client.post(unit_url(units, "unit_report_advance", S.SUBMITTED)).status_code == 404
    assert not AnnualReport.objects.exists()


def test_the_auditor_reads_every_report_and_changes_nothing(client_for, units, auditor, commune_officer):
    services.report_advance(actor=commune_officer, year=2026, unit=units["bn.luc-ngan"], to_status=S.SUBMITTED)
    client = client_for(auditor)
    assert client.get(unit_url(units)).status_code == 200
    assert client.get(reverse("reports:index", args=[2026])).status_code == 200
    assert client.get(unit_url(units, "unit_report_edit")).status_code == 404
    assert client.post(unit_url(units, "unit_report_advance", S.ACCEPTED)).status_code == 403  # read-only role
    assert AnnualReport.objects.get().status == S.SUBMITTED


def test_the_province_report_is_read_by_a_unit_officer_only_once_issued(client_for, units, commune_officer,
                                                                        ip_officer):
    url = reverse("reports:province_report", args=[2026])
    assert client_for(commune_officer).get(url).status_code == 404
    assert client_for(ip_officer).post(reverse("reports:province_report_advance", args=[2026, S.ISSUED]), {
        "number": "125/BC-SKHCN", "issued_on": "2026-11-20"}).status_code == 302
    assert client_for(commune_officer).get(url).status_code == 200


def test_dost_sees_who_has_not_submitted(client_for, units, ip_officer, commune_officer):
    services.report_advance(actor=commune_officer, year=2026, unit=units["bn.luc-ngan"], to_status=S.SUBMITTED)
    client = client_for(ip_officer)
    missing = client.get(reverse("reports:index", args=[2026]) + "?state=missing")
    names = [row["unit"] for row in missing.context["board"].rows]
    assert "Xã Lục Ngạn" not in names and "Xã Lục Sơn" in names
    submitted = client.get(reverse("reports:index", args=[2026]) + "?state=submitted").context["board"].rows
    assert [row["unit"] for row in submitted] == ["Xã Lục Ngạn"]


def test_the_spreadsheet_reads_back_and_its_export_is_logged(client_for, units, commune_officer, filings):
    response = client_for(commune_officer).get(unit_url(units, "unit_report_download", "xlsx"))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook[workbook.sheetnames[1]]
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "Đơn đã nộp trong năm" in values and "Đăng ký xác lập quyền" in values
    total = next(cell for row in sheet.iter_rows() for cell in row if cell.value == "Tổng cộng")
    assert sheet.cell(row=total.row, column=2).value.startswith("=SUM(")
    event = AuditEvent.objects.filter(action=AuditAction.EXPORT).latest("seq")
    assert json.loads(event.changes)["file_name"] == f"bao-cao-2026-{units['bn.luc-ngan'].code}.xlsx"


@pytest.mark.parametrize("url", ["/reports/1999/", "/reports/2026/units/999999/",
                                 "/reports/2026/province/download/doc/", "/reports/2099/province/"])
def test_malformed_addresses_are_404(client_for, ip_officer, url):
    assert client_for(ip_officer).get(url).status_code == 404


def test_the_dashboard_draws_csp_safe_charts_with_their_numbers(client_for, ip_officer, commune_officer, filings):
    page = client_for(ip_officer).get(reverse("reports:dashboard")).content.decode()
    assert page.count("<svg") >= 5 and "<script" not in page.split("<main>")[1]
    assert "Số đơn đăng ký nộp mỗi năm" in page
    own = client_for(commune_officer).get(reverse("reports:dashboard")).content.decode()
    assert "Xã Lục Ngạn" in own and own.count("<svg") == 3


def test_the_printed_report_has_the_official_layout_and_the_figures(client_for, units, commune_officer, filings,
                                                                    tmp_path):
    from django.core.management import call_command
    from pypdf import PdfReader

    response = client_for(commune_officer).get(unit_url(units, "unit_report_download", "pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO",
                     "Kết quả thực hiện Chỉ thị số 01/CT-UBND năm 2026", "UBND XÃ LỤC NGẠN",
                     "Đăng ký xác lập quyền"):
        assert expected in text, expected
    # The command writes the same file the page serves.
    output = tmp_path / "bao-cao.pdf"
    call_command("annual_report", "--year", "2026", "--unit", "bn.luc-ngan", "--format", "pdf",
                 "--output", str(output))
    assert output.read_bytes() == response.content


def test_the_api_shows_each_caller_the_reports_it_may_read(client_for, units, commune_officer,
                                                            other_commune_officer, auditor):
    services.report_advance(actor=commune_officer, year=2026, unit=units["bn.luc-ngan"], to_status=S.SUBMITTED)
    report = AnnualReport.objects.get()
    assert [row["id"] for row in client_for(auditor).get("/api/reports/").json()["results"]] == [report.pk]
    assert client_for(other_commune_officer).get("/api/reports/").json()["results"] == []
    assert client_for(other_commune_officer).get(f"/api/reports/{report.pk}/").status_code == 404
    own = client_for(commune_officer).get(f"/api/reports/{report.pk}/").json()
    assert own["sha256"] == report.snapshots.get().sha256
    assert own["document"]["letterhead"]["title"] == "BÁO CÁO"
