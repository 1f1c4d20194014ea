"""Everyone signed in can sign out, from the site's menu and from the admin, whatever their role: the
read-only guard refuses an auditor's writes, not their log-out."""

import pytest
from django.urls import reverse

ROLES = ["ip_officer", "district_officer_lucngan", "council_secretary", "auditor", "administrator", "outsider"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("door", ["logout", "admin:logout"])
def test_every_role_signs_out(request, client_for, role, door):
    client = client_for(request.getfixturevalue(role))
    response = client.post(reverse(door))
    assert response.status_code == 302, response.content[:300]
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session
    # Signed out indeed: a page now sends them to the log-in page.
    assert client.get(reverse("home")).url.startswith(reverse("login"))


def test_the_admin_log_out_keeps_its_csrf_check(client, auditor):
    client.handler.enforce_csrf_checks = True
    client.force_login(auditor)
    assert client.post(reverse("admin:logout")).status_code == 403
    assert "_auth_user_id" in client.session


def test_the_auditor_still_changes_nothing_in_the_admin(client_for, auditor, units):
    unit = units["bg.luc-ngan"]
    response = client_for(auditor).post(reverse("admin:directory_administrativeunit_change", args=[unit.pk]),
                                        {"name": "Đổi tên trái phép"})
    assert response.status_code == 403
