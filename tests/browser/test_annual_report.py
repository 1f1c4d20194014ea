"""A commune's officer opens the year's reports, writes the unit's report and sends it, in a real browser."""

import pytest

from reports.models import AnnualReport
from reports.workflow import ReportStatus
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.reports.conftest import commune_officer, cooperative, filings  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

SUBMIT = "main form.card button[type=submit]"


def test_an_officer_writes_and_sends_the_units_report(page, commune_officer, filings):  # noqa: F811
    sign_in(page, commune_officer.username, PASSWORD)
    page.goto("/reports/2026/")
    page.get_by_role("link", name="Báo cáo của Xã Lục Ngạn").click()
    page.wait_for_url("**/reports/2026/units/*/")
    document = page.locator("article.document")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in document.inner_text()
    assert "Đăng ký xác lập quyền" in document.inner_text()

    page.get_by_role("link", name="Soạn nội dung").click()
    page.fill("#id_results", "Hướng dẫn 2 hợp tác xã nộp đơn nhãn hiệu tập thể.")
    page.fill("#id_proposals", "Hỗ trợ kinh phí đăng ký nhãn hiệu.")
    page.click(SUBMIT)
    page.wait_for_url("**/reports/2026/units/*/")
    assert "Hướng dẫn 2 hợp tác xã" in page.locator("article.document").inner_text()

    page.get_by_role("link", name="Gửi báo cáo").click()
    assert "chốt số liệu" in page.locator("main").inner_text()
    page.click(SUBMIT)
    page.wait_for_url("**/reports/2026/units/*/")
    assert page.get_by_test_id("report-status").inner_text() == "Đã gửi"
    assert AnnualReport.objects.get().status == ReportStatus.SUBMITTED
    assert page.get_by_role("link", name="Soạn nội dung").count() == 0
