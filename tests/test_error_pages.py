"""Refusals, missing pages and server errors answer with the site's own pages, in Vietnamese."""

from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse
from django.views import defaults


def test_tests_run_without_debug(settings):
    # Otherwise Django would show its technical pages instead of these.
    assert settings.DEBUG is False


def test_a_missing_page_is_the_sites_404_with_its_menu(client_for, auditor):
    response = client_for(auditor).get("/khong-co-trang-nay/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Không tìm thấy trang" in body
    assert 'class="menu"' in body and "Đăng xuất" in body
    assert "Page not found" not in body and "Not Found" not in body


def test_a_missing_record_does_not_show_the_exceptions_text(client_for, auditor):
    response = client_for(auditor).get(reverse("ip:asset_detail", args=[424242]))
    assert response.status_code == 404
    body = response.content.decode()
    assert "Không tìm thấy trang" in body and "matches the given query" not in body


def test_a_missing_page_for_a_visitor_not_signed_in(client, db):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_a_refusal_is_the_sites_403_with_its_menu(client_for, auditor, units):
    unit = units["bg.luc-ngan"]
    response = client_for(auditor).post(reverse("admin:directory_administrativeunit_change", args=[unit.pk]), {})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Không có quyền truy cập" in body
    assert 'class="menu"' in body and "Đăng xuất" in body
    assert "403 Forbidden" not in body


def test_a_refusals_own_words_are_shown_and_escaped(district_officer_lucngan):
    request = RequestFactory().get("/ip/assets/new/")
    request.user = district_officer_lucngan
    reason = "Chỉ cán bộ sở hữu trí tuệ được thay đổi sổ đăng ký. <script>x</script>"
    response = defaults.permission_denied(request, PermissionDenied(reason))
    assert response.status_code == 403
    body = response.content.decode()
    assert "Chỉ cán bộ sở hữu trí tuệ được thay đổi sổ đăng ký." in body
    assert "<script>x</script>" not in body and "&lt;script&gt;" in body


def test_a_refusal_from_a_view_shows_its_message(client_for, district_officer_lucngan):
    response = client_for(district_officer_lucngan).get("/imports/assets/")
    assert response.status_code == 403
    assert "Anh/chị không được nhập dữ liệu này." in response.content.decode()


def test_the_500_page_needs_no_request_context(db):
    # Django renders it with an empty context: no user, no menu, nothing read from the database.
    response = defaults.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    body = response.content.decode()
    assert "Lỗi hệ thống" in body and 'lang="vi"' in body
