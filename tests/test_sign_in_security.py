"""Sign-in security: wrong passwords lock a user name at an address, every attempt is in the audit trail,
an administrator unlocks, and a session ends after a working day without a request."""

import json
import time
from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.history import system_actor
from audit.models import AuditAction, AuditEvent
from tests.conftest import PASSWORD

LOCKED = "Tài khoản tạm thời bị khóa"


def sign_in(client, username, password, address="127.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def sign_in_events():
    return [(event, json.loads(event.changes))
            for event in AuditEvent.objects.filter(action=AuditAction.SIGN_IN).order_by("seq")]


def lock_out(client, username):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, username, "sai-mật-khẩu")
    return response


def test_the_settings(db):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=30)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def test_five_wrong_passwords_lock_the_name_at_that_address(client, ip_officer):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "ip_officer", "sai-mật-khẩu")
        assert response.status_code == 200
        assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()
    assert sign_in(client, "ip_officer", "sai-mật-khẩu").status_code == 429

    # The sixth attempt, with the right password: refused, with how long to wait and whom to ask.
    response = sign_in(client, "ip_officer", PASSWORD)
    page = response.content.decode()
    assert response.status_code == 429
    assert LOCKED in page
    assert "30 phút" in page
    assert "liên hệ quản trị viên" in page
    assert not signed_in(client)

    # The same name from another address is not locked.
    elsewhere = Client()
    assert sign_in(elsewhere, "ip_officer", PASSWORD, address="10.0.0.9").status_code == 302
    assert signed_in(elsewhere)


def test_a_success_clears_the_count(client, ip_officer):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "ip_officer", "sai-mật-khẩu")
    assert sign_in(client, "ip_officer", PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, "ip_officer", "sai-mật-khẩu").status_code == 200  # not the fifth in a row


def test_the_lock_ends_after_the_cool_off(client, ip_officer):
    lock_out(client, "ip_officer")
    assert sign_in(client, "ip_officer", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    assert sign_in(client, "ip_officer", PASSWORD).status_code == 302
    assert signed_in(client)


def test_sign_ins_failures_and_lock_outs_are_in_the_audit_trail(client, ip_officer):
    sign_in(client, "không-có-ai", "sai-mật-khẩu", address="10.0.0.7")
    [(event, changes)] = sign_in_events()
    assert event.actor == system_actor()
    assert changes == {"outcome": "failed", "username": "không-có-ai"}
    assert event.ip_address == "10.0.0.7"
    assert event.get_action_display() == "Đăng nhập"

    lock_out(client, "ip_officer")
    outcomes = [(changes["outcome"], event.actor) for event, changes in sign_in_events()[1:]]
    assert outcomes.count(("failed", ip_officer)) == settings.AXES_FAILURE_LIMIT
    assert ("locked_out", ip_officer) in outcomes

    other = Client()
    sign_in(other, "ip_officer", PASSWORD, address="10.0.0.9")
    event, changes = sign_in_events()[-1]
    assert (changes["outcome"], event.actor, event.ip_address) == ("succeeded", ip_officer, "10.0.0.9")
    assert event.model == "directory.user" and event.object_id == str(ip_officer.pk)


def test_an_administrator_unlocks_and_the_unlock_is_recorded(client, client_for, ip_officer, administrator):
    lock_out(client, "ip_officer")
    [attempt] = AccessAttempt.objects.all()
    assert client_for(ip_officer).get(reverse("admin:axes_accessattempt_changelist")).status_code == 403

    admin_client = client_for(administrator)
    listing = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200
    assert "ip_officer" in listing.content.decode()
    response = admin_client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()

    event = AuditEvent.objects.filter(model="axes.accessattempt").get()
    assert (event.action, event.actor, event.object_id) == (AuditAction.DELETE, administrator, str(attempt.pk))
    assert json.loads(event.changes)["username"] == ["ip_officer", None]

    assert sign_in(client, "ip_officer", PASSWORD).status_code == 302


def test_a_session_lasts_a_working_day_without_a_request(client, ip_officer, settings, monkeypatch):
    assert settings.SESSION_COOKIE_AGE == 9 * 3600
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    response = sign_in(client, "ip_officer", PASSWORD)
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 9 * 3600
    # Requests soon after write nothing (the first one stamps the session); one after the refresh interval
    # starts the working day again.
    client.get(reverse("home"))
    assert settings.SESSION_COOKIE_NAME not in client.get(reverse("home")).cookies
    later = time.time() + settings.SESSION_REFRESH_SECONDS + 1
    monkeypatch.setattr("config.middleware.time.time", lambda: later)
    again = client.get(reverse("home"))
    assert again.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 9 * 3600


def test_an_anonymous_visit_creates_no_session(client):
    assert client.get(reverse("login")).status_code == 200
    assert settings.SESSION_COOKIE_NAME not in client.cookies


def test_force_login_in_tests_still_works_and_records_nothing(client_for, ip_officer):
    client = client_for(ip_officer)
    assert client.get(reverse("home")).status_code == 200
    assert sign_in_events() == []
