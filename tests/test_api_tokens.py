"""Personal API tokens: issued and revoked by an administrator, the key shown once and stored nowhere,
refused once revoked or expired, and each token's calls counted against its own rate."""

import datetime as dt

import pytest
from django.core.cache import caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client, override_settings
from django.urls import path, reverse
from django.utils import timezone
from rest_framework.response import Response
from rest_framework.views import APIView

import config.urls
from directory import services
from directory.api_auth import TokenRateThrottle
from directory.models import ApiToken, User

EVENTS = "/api/audit/events/"


def call(key, url=EVENTS, method="get"):
    """A program's call: no session, only the token."""
    return getattr(Client(), method)(url, HTTP_AUTHORIZATION=f"Token {key}")


def everything_stored() -> str:
    """Every value of every table in the database, as one text."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 — table names from the database itself
            parts.extend(str(value) for row in cursor.fetchall() for value in row)
    return "\n".join(parts)


@pytest.fixture
def issued(administrator, ip_officer):
    return services.api_token_issue(actor=administrator, user=ip_officer, name="Cổng dịch vụ công",
                                    reason="Kết nối cổng dịch vụ công tỉnh")


def test_issuing_stores_the_hash_and_never_the_key(issued):
    token, key = issued
    assert len(key) >= 40
    assert token.prefix == key[:8]
    assert token.key_hash == services.api_token_hash(key) != key
    history = token.history.get()
    assert history.key_hash == token.key_hash
    assert history.history_change_reason == "Kết nối cổng dịch vụ công tỉnh"
    assert key not in everything_stored()
    for row in ApiToken.history.values():
        assert all(key not in str(value) for value in row.values())


def test_a_token_calls_the_api_as_its_user(issued, ip_officer):
    token, key = issued
    response = call(key)
    assert response.status_code == 200
    assert "results" in response.json()


def test_a_wrong_or_malformed_key_is_refused_with_401(issued):
    _, key = issued
    for header in (f"Token {key}x", "Token", f"Token {key} more"):
        response = Client().get(EVENTS, HTTP_AUTHORIZATION=header)
        assert response.status_code == 401, header
        assert response["WWW-Authenticate"] == "Token"


def test_a_revoked_token_is_refused(administrator, issued):
    token, key = issued
    services.api_token_revoke(actor=administrator, token=token, reason="Cổng đổi nhà cung cấp")
    response = call(key)
    assert response.status_code == 401
    assert "thu hồi" in response.json()["detail"]


def test_an_expired_token_is_refused_and_one_expiring_today_still_works(administrator, ip_officer):
    today = timezone.localdate()
    _, today_key = services.api_token_issue(actor=administrator, user=ip_officer, name="Hôm nay", expires_on=today)
    assert call(today_key).status_code == 200
    token, key = services.api_token_issue(actor=None, user=ip_officer, name="Cũ")
    ApiToken.objects.filter(pk=token.pk).update(expires_on=today - dt.timedelta(days=1))
    response = call(key)
    assert response.status_code == 401
    assert "hết hạn" in response.json()["detail"]


def test_the_token_of_a_deactivated_account_is_refused(issued, ip_officer):
    _, key = issued
    ip_officer.is_active = False
    ip_officer.save()
    assert call(key).status_code == 401


def test_a_token_gets_no_more_than_its_user_may(administrator, outsider):
    _, key = services.api_token_issue(actor=administrator, user=outsider, name="Thử")
    assert call(key).status_code == 403  # signed in (the key is good), but no role reads the log


def test_an_auditors_token_writes_nothing(administrator, auditor):
    _, key = services.api_token_issue(actor=administrator, user=auditor, name="Kiểm toán")
    assert call(key).status_code == 200
    assert call(key, method="post").status_code == 403


class RecordSomething(APIView):
    """A write with no actor named: the audit context's (the request's) user is recorded."""

    def post(self, request):
        services.user_upsert(actor=None, username="ghi_qua_api", full_name="Ghi qua API")
        return Response({})


urlpatterns = [path("api/test/write/", RecordSomething.as_view()), *config.urls.urlpatterns]


@override_settings(ROOT_URLCONF=__name__)
def test_writes_through_a_token_are_recorded_as_its_user_through_the_api(issued, ip_officer):
    _, key = issued
    assert call(key, url="/api/test/write/", method="post").status_code == 200
    row = User.objects.get(username="ghi_qua_api").history.get()
    assert row.history_user == ip_officer
    assert row.history_channel == "api"


def test_only_an_administrator_issues_and_revokes(ip_officer, auditor, issued):
    with pytest.raises(PermissionDenied):
        services.api_token_issue(actor=ip_officer, user=ip_officer, name="Tự cấp")
    with pytest.raises(PermissionDenied):
        services.api_token_issue(actor=auditor, user=auditor, name="Tự cấp")
    with pytest.raises(PermissionDenied):
        services.api_token_revoke(actor=ip_officer, token=issued[0], reason="Thử")


def test_no_token_for_a_deactivated_account(administrator, outsider):
    outsider.is_active = False
    outsider.save()
    with pytest.raises(ValidationError) as error:
        services.api_token_issue(actor=administrator, user=outsider, name="Thử")
    assert "user" in error.value.message_dict


def test_revoking_needs_a_reason_and_twice_is_once(administrator, issued):
    token, _ = issued
    with pytest.raises(ValidationError) as error:
        services.api_token_revoke(actor=administrator, token=token, reason="  ")
    assert "reason" in error.value.message_dict
    first = services.api_token_revoke(actor=administrator, token=token, reason="Lộ mã")
    assert first.revoked_at is not None
    again = services.api_token_revoke(actor=administrator, token=token, reason="Lộ mã")
    assert again.revoked_at == first.revoked_at
    assert token.history.count() == 2  # issued, revoked: the second revocation wrote nothing
    assert token.history.first().history_change_reason == "Lộ mã"


def test_the_admin_issues_a_token_and_shows_the_key_once(client_for, administrator, ip_officer):
    client = client_for(administrator)
    add = client.get(reverse("admin:directory_apitoken_add")).content.decode()
    assert "key_hash" not in add
    response = client.post(reverse("admin:directory_apitoken_add"),
                           {"user": ip_officer.pk, "name": "Cổng dịch vụ công", "expires_on": "",
                            "change_reason": "Công văn 12/SKHCN"}, follow=True)
    assert response.status_code == 200
    token = ApiToken.objects.get()
    shown = [str(m) for m in response.context["messages"] if "chỉ hiện một lần" in str(m)]
    assert len(shown) == 1
    key = shown[0].rsplit(" ", 1)[-1]
    assert services.api_token_hash(key) == token.key_hash
    assert token.history.get().history_user == administrator
    assert token.history.get().history_channel == "admin"
    assert token.history.get().history_change_reason == "Công văn 12/SKHCN"
    assert key not in everything_stored()
    # Once: the next pages do not show it again, nor does any page show the hash.
    for url in (reverse("admin:directory_apitoken_changelist"),
                reverse("admin:directory_apitoken_change", args=[token.pk]),
                reverse("admin:directory_apitoken_history", args=[token.pk])):
        page = client.get(url).content.decode()
        assert key not in page and token.key_hash not in page and "key_hash" not in page, url
    assert call(key).status_code == 200


def test_the_admin_revokes_with_a_reason(client_for, administrator, issued):
    token, key = issued
    client = client_for(administrator)
    url = reverse("admin:directory_apitoken_change", args=[token.pk])
    refused = client.post(url, {"revoke": "on", "change_reason": ""})
    assert refused.status_code == 200
    assert "cần ghi lý do" in refused.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None
    assert client.post(url, {"revoke": "on", "change_reason": "Lộ mã"}).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token.history.first().history_change_reason == "Lộ mã"
    assert call(key).status_code == 401
    assert client.get(url).status_code == 200  # revoked: shown, nothing left to change


def test_the_admin_is_closed_to_issuing_for_others(client_for, ip_officer, auditor, issued):
    for person in (ip_officer, auditor):
        client = client_for(person)
        assert client.get(reverse("admin:directory_apitoken_add")).status_code == 403
        page = client.get(reverse("admin:directory_apitoken_change", args=[issued[0].pk]))
        assert page.status_code == 200
        assert issued[0].key_hash not in page.content.decode()


def test_each_token_has_its_own_rate(monkeypatch, administrator, ip_officer):
    caches["shared"].clear()
    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": "2/min", "user": "1000/min"})
    _, key = services.api_token_issue(actor=administrator, user=ip_officer, name="Một")
    _, other = services.api_token_issue(actor=administrator, user=ip_officer, name="Hai")
    assert [call(key).status_code for _ in range(3)] == [200, 200, 429]
    assert call(other).status_code == 200  # another token of the same person counts apart
    caches["shared"].clear()
    assert call(key).status_code == 200


def test_a_signed_in_session_has_the_user_rate(monkeypatch, client_for, ip_officer):
    caches["shared"].clear()
    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": "1000/min", "user": "1/min"})
    client = client_for(ip_officer)
    assert [client.get(EVENTS).status_code for _ in range(2)] == [200, 429]


def test_the_public_register_keeps_its_own_throttle(monkeypatch, db):
    caches["shared"].clear()
    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": "1/min", "user": "1/min"})
    assert [Client().get("/api/public/assets/").status_code for _ in range(2)] == [200, 200]
