"""Signing in, the role-aware home page, the language switch and signing out, in a real browser."""

import pytest

from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_sign_in_switch_language_and_sign_out(page, district_officer_lucngan):
    page.goto("/units/")
    assert "/accounts/login/" in page.url  # sent to log in first

    page.fill("#id_username", district_officer_lucngan.username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: url.endswith("/units/"))  # and back where they were going
    assert page.locator("h1").inner_text() == "Đơn vị hành chính"
    assert page.get_by_test_id("current-user").inner_text() == str(district_officer_lucngan)

    page.goto("/")
    assert "Huyện Lục Ngạn" in page.locator(".roles").inner_text()
    assert page.locator("nav.menu >> text=Quản trị").count() == 0  # no admin link for a district officer

    page.click("form.lang button[value=en]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("button", name="Log out").is_visible()

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(lambda url: url.endswith("/accounts/login/"))
    page.goto("/")
    assert "/accounts/login/" in page.url


def test_a_wrong_password_is_refused_with_a_message(page, ip_officer):
    sign_in(page, ip_officer.username, "sai-mật-khẩu")
    assert "/accounts/login/" in page.url
    assert page.locator(".error").inner_text() == "Tên đăng nhập hoặc mật khẩu không đúng."
