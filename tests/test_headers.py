"""Every response refuses the browser features the system never uses (Permissions-Policy)."""

import pytest
from django.urls import reverse

FEATURES = ["camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"]


def policy_of(response) -> str:
    return response.headers.get("Permissions-Policy", "")


@pytest.mark.parametrize("path", ["/accounts/login/", "/khong-co-trang-nay/", "/public/", "/api/assets/"])
def test_every_response_carries_the_policy(client, db, path):
    response = client.get(path)
    policy = policy_of(response)
    assert all(feature in policy for feature in FEATURES), (response.status_code, policy)


def test_signed_in_pages_refusals_and_redirects_carry_it_too(client_for, auditor, units):
    client = client_for(auditor)
    assert "camera=()" in policy_of(client.get(reverse("home")))
    unit = units["bg.luc-ngan"]
    refused = client.post(reverse("admin:directory_administrativeunit_change", args=[unit.pk]), {})
    assert refused.status_code == 403 and "camera=()" in policy_of(refused)
    assert "camera=()" in policy_of(client.post(reverse("logout")))


def test_the_other_security_headers_are_still_sent(client, db):
    response = client.get("/accounts/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response.headers


def test_test_requests_are_not_redirected_to_https(settings):
    assert settings.SECURE_SSL_REDIRECT is False
