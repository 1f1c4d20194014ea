"""An asset's page shows everything about it; its buttons and history link depend on the reader's roles."""

import datetime as dt

import pytest
from django.urls import reverse

from ip_registry import services
from ip_registry.models import Agency, GrowingAreaCode, InfringementOutcome
from ip_registry.workflow import ApplicationStatus as S

D = dt.date


@pytest.fixture
def full_asset(mycchu_mark, mycchu_cooperative, document_for, units, ip_officer):
    application = services.application_create(actor=ip_officer, asset=mycchu_mark, applicant=mycchu_cooperative,
                                              application_number="4-2015-01234", filing_date=D(2015, 6, 10))
    services.application_advance(application=application, to_status=S.ACCEPTED, actor=ip_officer,
                                 on=D(2015, 7, 1), note="Đơn hợp lệ về hình thức",
                                 document=document_for(mycchu_mark, "Quyết định chấp nhận đơn hợp lệ"))
    case = services.infringement_report(actor=None, asset=mycchu_mark, reported_on=D(2023, 3, 1),
                                        place=units["bg.luc-ngan"], description="Mỳ giả nhãn Mỳ Chũ ở chợ Chũ",
                                        agencies=[Agency.MARKET_MANAGEMENT])
    services.infringement_add_step(actor=None, case=case, on=D(2023, 3, 5), agency=Agency.POLICE,
                                   action="Kiểm tra cơ sở sản xuất")
    services.infringement_close(actor=None, case=case, outcome=InfringementOutcome.FINE, closed_on=D(2023, 4, 1),
                                fine_amount=15_000_000)
    services.growing_area_code_upsert(
        actor=None, code="VN-BGLN-0042", product=mycchu_mark.product, asset=mycchu_mark, unit=units["bg.luc-ngan"],
        area_hectares="12.50", export_market="Trung Quốc", issuing_body="Cục Bảo vệ thực vật",
        issued_on=D(2023, 5, 1), status=GrowingAreaCode.Status.ACTIVE,
    )
    return mycchu_mark


def test_an_ip_officer_sees_everything_and_every_button(client_for, ip_officer, full_asset):
    response = client_for(ip_officer).get(reverse("ip:asset_detail", args=[full_asset.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    for text in [
        "Mỳ Chũ", "Hợp tác xã Mỳ Chũ", "4-2015-01234",
        "Đang chuẩn bị hồ sơ → Đã nộp đơn", "Đã nộp đơn → Đơn hợp lệ", "Đơn hợp lệ về hình thức",
        "Quyết định chấp nhận đơn hợp lệ", "Ip Officer",  # the step's document and who recorded it
        "Công bố đơn", "Cục Sở hữu trí tuệ",  # the deadline the acceptance opened, and who must act
        "Mỳ giả nhãn Mỳ Chũ ở chợ Chũ", "Kiểm tra cơ sở sản xuất", "Phạt tiền", "15.000.000",
        "Quản lý thị trường, Công an",
        "VN-BGLN-0042", "Trung Quốc", "12,50",
    ]:
        assert text in page, text
    document = full_asset.documents.get()
    assert reverse("ip:document_download", args=[document.pk]) in page
    for name in ("ip:asset_update", "ip:application_create", "ip:document_upload", "ip:infringement_create",
                 "ip:growing_area_create"):
        assert reverse(name, args=[full_asset.pk]) in page, name
    assert reverse("audit:timeline", args=["ip_registry.ipasset", full_asset.pk]) in page


def test_an_overdue_deadline_is_highlighted(client_for, auditor, full_asset):
    # The publication deadline (two months from acceptance on 01/07/2015) is long past and still open.
    page = client_for(auditor).get(reverse("ip:asset_detail", args=[full_asset.pk])).content.decode()
    assert 'class="overdue"' in page
    assert "Đã quá hạn" in page


def test_an_auditor_reads_with_the_history_link_but_no_buttons(client_for, auditor, full_asset):
    page = client_for(auditor).get(reverse("ip:asset_detail", args=[full_asset.pk])).content.decode()
    assert reverse("audit:timeline", args=["ip_registry.ipasset", full_asset.pk]) in page
    assert reverse("ip:asset_update", args=[full_asset.pk]) not in page
    assert reverse("ip:infringement_create", args=[full_asset.pk]) not in page


def test_a_district_officer_reads_without_buttons_or_the_history_link(client_for, district_officer_yenthe,
                                                                      full_asset):
    response = client_for(district_officer_yenthe).get(reverse("ip:asset_detail", args=[full_asset.pk]))
    page = response.content.decode()
    assert "VN-BGLN-0042" in page
    assert reverse("audit:timeline", args=["ip_registry.ipasset", full_asset.pk]) not in page
    assert reverse("ip:application_create", args=[full_asset.pk]) not in page


def test_an_open_case_offers_its_next_steps_to_the_ip_officer(client_for, ip_officer, lucnam_gi, units):
    case = services.infringement_report(actor=None, asset=lucnam_gi, reported_on=D(2024, 8, 1),
                                        place=units["bg.luc-nam"], description="Na Trung Quốc bán là na Lục Nam")
    page = client_for(ip_officer).get(reverse("ip:asset_detail", args=[lucnam_gi.pk])).content.decode()
    assert reverse("ip:infringement_step_create", args=[case.pk]) in page
    assert reverse("ip:infringement_close", args=[case.pk]) in page
    assert "Nhà nước" in page  # a GI's owner
    assert "Xã Đông Hưng" in page  # its area


def test_an_unknown_asset_is_404(client_for, auditor):
    assert client_for(auditor).get(reverse("ip:asset_detail", args=[424242])).status_code == 404
