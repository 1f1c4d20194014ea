"""A district officer opens the yearly board, goes to their unit's year, nominates an initiative, adds a
site and records progress, and sees each on the page, in a real browser."""

import pytest

from directory import services as directory_services
from directory.models import OrganisationKind
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.initiatives.conftest import file_initiative, recognise_provincially

pytestmark = pytest.mark.browser

SUBMIT = "main form.card button[type=submit]"


@pytest.fixture
def provincial(district_officer_lucngan, units):
    """An initiative of Lục Ngạn with provincial scope: any district may replicate it."""
    school = directory_services.organisation_upsert(actor=None, name="Trường THCS Phượng Sơn",
                                                    kind=OrganisationKind.SCHOOL, unit=units["bg.luc-ngan"])
    return recognise_provincially(file_initiative(district_officer_lucngan, school))


def test_a_district_officer_nominates_from_the_board_and_records_progress(page, district_officer_yenthe, provincial):
    sign_in(page, district_officer_yenthe.username, PASSWORD)
    page.goto("/initiatives/replication/2024/")
    yen_the = page.locator('tr[data-unit="Huyện Yên Thế"]')
    assert "0/2–3" in yen_the.inner_text()
    assert "quota-danger" in yen_the.get_attribute("class")

    yen_the.get_by_role("link", name="Huyện Yên Thế").click()
    page.wait_for_url("**/initiatives/replication/2024/unit/*/")
    assert "Còn thiếu 2 sáng kiến" in page.locator(".quota-summary").inner_text()

    page.locator("table.nominable tr", has_text=provincial.title).get_by_role("link", name="Đăng ký nhân rộng").click()
    assert page.input_value("#id_year") == "2024"
    page.fill("#id_reason", "Phù hợp với các trường vùng chè")
    page.click(SUBMIT)
    page.wait_for_url("**/initiatives/replication/2024/unit/*/#nomination-*")
    assert "Huyện Yên Thế đã đăng ký nhân rộng" in page.locator(".messages").inner_text()
    nomination = page.locator("section.nomination", has_text=provincial.title)
    assert "Phù hợp với các trường vùng chè" in nomination.inner_text()
    assert "Còn thiếu 1 sáng kiến" in page.locator(".quota-summary").inner_text()

    nomination.get_by_role("link", name="Thêm địa điểm").click()
    page.select_option("#id_place_kind", "school")
    page.fill("#id_place_name", "Trường THCS Bố Hạ")
    page.fill("#id_responsible_person", "Hoàng Thị Hoa")
    page.fill("#id_started_on", "2024-04-01")
    page.click(SUBMIT)
    page.wait_for_url("**/#site-*")

    page.locator("tr", has_text="Trường THCS Bố Hạ").get_by_role("link", name="Cập nhật tiến độ").click()
    page.fill("#id_on", "2024-05-02")
    page.fill("#id_percent", "50")
    page.fill("#id_note", "Đã tập huấn giáo viên")
    page.click(SUBMIT)
    page.wait_for_url("**/#site-*")
    site = page.locator("tr", has_text="Trường THCS Bố Hạ")
    assert site.locator("progress").get_attribute("value") == "50"
    assert "Đang triển khai" in site.inner_text()

    page.goto("/initiatives/replication/2024/")
    assert "1/2–3" in page.locator('tr[data-unit="Huyện Yên Thế"]').inner_text()
