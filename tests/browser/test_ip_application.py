"""An IP officer records the IP Office's acceptance of an application, notice attached, in a real browser."""

import datetime as dt

import pytest
from django.utils import timezone

from directory import services as directory_services
from directory.models import OrganisationKind
from ip_registry import services
from ip_registry.models import AssetKind, ProtectionApplication
from ip_registry.workflow import ApplicationStatus as S
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def filed(units, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cooperative = directory_services.organisation_upsert(
        actor=None, name="Hợp tác xã Mỳ Chũ", kind=OrganisationKind.COOPERATIVE, unit=units["bn.chu"],
    )
    asset = services.asset_create(actor=None, kind=AssetKind.COLLECTIVE_MARK, name="Mỳ Chũ", owner=cooperative)
    return services.application_create(actor=None, asset=asset, applicant=cooperative,
                                       application_number="4-2026-00123",
                                       filing_date=timezone.localdate() - dt.timedelta(days=10))


def test_an_ip_officer_records_an_acceptance_with_its_notice(page, ip_officer, filed, tmp_path):
    sign_in(page, ip_officer.username, PASSWORD)
    page.locator("nav.menu").get_by_role("link", name="Sở hữu trí tuệ", exact=True).click()
    page.get_by_role("link", name="Mỳ Chũ", exact=True).click()
    page.get_by_role("link", name="4-2026-00123").click()
    assert "Đã nộp đơn" in page.locator("h1").inner_text()

    page.get_by_role("link", name="Ghi nhận chấp nhận đơn hợp lệ", exact=True).click()
    assert page.locator("h1").inner_text() == "Chuyển đơn sang “Đơn hợp lệ”"
    page.fill("#id_note", "Cục SHTT chấp nhận đơn hợp lệ")
    page.fill("#id_title", "Quyết định chấp nhận đơn hợp lệ số 123")
    page.set_input_files("#id_file", files=[{
        "name": "chap-nhan-don.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 chap nhan don",
    }])
    page.get_by_role("button", name="Ghi nhận").click()

    page.wait_for_url(f"**/ip/applications/{filed.pk}/")
    assert "Đã chuyển đơn sang “Đơn hợp lệ”." in page.locator(".messages").inner_text()
    timeline = page.locator("ol.timeline").inner_text()
    assert "Đã nộp đơn → Đơn hợp lệ" in timeline
    assert "Cục SHTT chấp nhận đơn hợp lệ" in timeline
    assert "Quyết định chấp nhận đơn hợp lệ số 123" in timeline
    assert "Đơn hợp lệ" in page.locator("h1").inner_text()

    with page.expect_download() as download:
        page.get_by_role("link", name="Quyết định chấp nhận đơn hợp lệ số 123").click()
    assert download.value.suggested_filename == "chap-nhan-don.pdf"
    download.value.save_as(tmp_path / "download.pdf")
    assert (tmp_path / "download.pdf").read_bytes() == b"%PDF-1.4 chap nhan don"
    assert ProtectionApplication.objects.get(pk=filed.pk).status == S.ACCEPTED
