"""Every page asks for log-in; the admin is closed to people without an admin role."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Pages that must stay open to anonymous visitors: the log-in, the language switch and the public register.
OPEN = {"login", "set_language", "admin:login"}
OPEN_NAMESPACES = ("public:", "api_public:")


def walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name or ''}", prefix + str(pattern.pattern)


def concrete_path(route: str) -> str:
    """Fill a route's parameters with plausible values: '1' for ids, 'x' for the rest."""
    path = route.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\/", "/")
    path = re.sub(r"\(\?P<(?:pk|\w*id\w*)>[^)]*\)", "1", path)  # the API router's regex groups
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "x", path)
    path = re.sub(r"<(?:int:)?\w*id\w*>|<int:\w+>|<path:object_id>", "1", path)
    path = re.sub(r"<[^>]+>", "x", path)
    path = path.replace("(", "").replace(")", "").replace("?", "")
    return "/" + path


ROUTES = sorted({(name, concrete_path(route)) for name, route in walk(get_resolver().url_patterns)})


PAGES = [r for r in ROUTES if r[0] not in OPEN and not r[0].startswith(("api:", *OPEN_NAMESPACES))]
API = [r for r in ROUTES if r[0].startswith("api:")]
PUBLIC = [r for r in ROUTES if r[0].startswith(OPEN_NAMESPACES)]


@pytest.mark.parametrize(("name", "path"), PAGES, ids=lambda v: str(v))
def test_anonymous_visitor_is_sent_to_log_in(client, db, name, path):
    response = client.get(path, follow=True)
    assert response.redirect_chain, f"{name} {path} answered {response.status_code} without redirecting"
    final = response.redirect_chain[-1][0]
    assert final.startswith(reverse("login")), f"{name} {path} → {final}"
    assert response.status_code == 200


@pytest.mark.parametrize(("name", "path"), API, ids=lambda v: str(v))
def test_the_api_refuses_anonymous_callers(client, db, name, path):
    # An API answers "not signed in" instead of sending a program to a log-in page.
    assert client.get(path).status_code in (401, 403)


@pytest.mark.parametrize(("name", "path"), PUBLIC, ids=lambda v: str(v))
def test_the_public_register_is_open_and_nothing_else_is(client, db, name, path):
    assert path.startswith(("/public/", "/api/public/")), path
    assert client.get(path).status_code in (200, 404)  # 404: no record 1 in an empty register


def test_the_route_list_covers_the_admin_and_the_pages():
    names = {name for name, _ in ROUTES}
    assert {"home", "unit_list", "password_change", "admin:index", "admin:directory_organisation_changelist",
            "audit:log", "api:audit_events"} <= names


def test_log_in_page_is_open(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()


def test_signing_in_lands_on_home(client, ip_officer):
    response = client.post(reverse("login"), {"username": "ip_officer", "password": "Mật-khẩu-thử-2021"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Cán bộ sở hữu trí tuệ" in response.content.decode()


def test_district_officer_is_refused_the_admin(client_for, district_officer_lucngan):
    response = client_for(district_officer_lucngan).get(reverse("admin:index"))
    assert response.status_code == 403


def test_auditor_reads_the_admin_but_cannot_change(client_for, auditor, units):
    client = client_for(auditor)
    unit = units["bg.luc-ngan"]
    assert client.get(reverse("admin:directory_administrativeunit_changelist")).status_code == 200
    # The admin's history page is the unit's timeline in the audit log.
    assert client.get(reverse("admin:directory_administrativeunit_history", args=[unit.pk]),
                      follow=True).status_code == 200
    response = client.post(
        reverse("admin:directory_administrativeunit_change", args=[unit.pk]),
        {"code": unit.code, "name": "Đổi tên trái phép", "kind": unit.kind, "valid_from": "1997-01-01"},
    )
    assert response.status_code == 403
    unit.refresh_from_db()
    assert unit.name == "Huyện Lục Ngạn"
    assert client.get(reverse("admin:directory_organisation_add")).status_code == 403


def test_outsider_sees_that_no_role_is_assigned(client_for, outsider):
    response = client_for(outsider).get(reverse("home"))
    assert "Tài khoản chưa được phân quyền" in response.content.decode()
