"""The menu shows each role the pages it may use: no entry answers 403, and each role finds its own work there.

The menu is drawn once per set of entries and then taken from the cache: the people below sign in one after
the other in the same process, so a cache key that left out an entry would hand one role another's menu.
"""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from directory import services
from directory.models import Role

MENU = re.compile(r'<nav class="menu"[^>]*>(.*?)</nav>', re.S)
LINK = re.compile(r'href="([^"]+)"')


def menu_links(client) -> list[str]:
    page = client.get(reverse("home"))
    assert page.status_code == 200
    [menu] = MENU.findall(page.content.decode())
    return LINK.findall(menu)


@pytest.fixture
def cast(request, ip_officer, district_officer_lucngan, council_secretary, auditor, administrator, outsider):
    """Every role alone, and the combinations the other tests use: an IP officer who is also an auditor (read
    only), a district officer who is also an auditor, an IP officer who also serves the councils."""
    ip_auditor = services.user_upsert(actor=None, username="ip_auditor", full_name="Ip Auditor", password="x-1")
    services.role_assign(actor=None, user=ip_auditor, role=Role.IP_OFFICER)
    services.role_assign(actor=None, user=ip_auditor, role=Role.AUDITOR)
    services.role_assign(actor=None, user=district_officer_lucngan, role=Role.AUDITOR)
    ip_secretary = services.user_upsert(actor=None, username="ip_secretary", full_name="Ip Secretary",
                                        password="x-1")
    services.role_assign(actor=None, user=ip_secretary, role=Role.IP_OFFICER)
    services.role_assign(actor=None, user=ip_secretary, role=Role.COUNCIL_SECRETARY)
    yenthe = request.getfixturevalue("district_officer_yenthe")
    return {
        "ip_officer": ip_officer, "district_officer": yenthe, "council_secretary": council_secretary,
        "auditor": auditor, "administrator": administrator, "ip_officer_auditor": ip_auditor,
        "district_officer_auditor": district_officer_lucngan, "ip_officer_secretary": ip_secretary,
        "outsider": outsider,
    }


def test_no_menu_entry_answers_403_to_any_role(client, cast):
    cache.clear()
    for role, user in cast.items():
        client.force_login(user)
        for url in menu_links(client):
            assert client.get(url, follow=True).status_code == 200, f"{role}: {url}"
        client.logout()


EXPECTED = {
    # Each role's own work is in its menu; what it may not open is not.
    "ip_officer": {"import_index": True, "reorganisation": True, "audit:log": True, "admin:index": True},
    "district_officer": {"import_index": True, "reorganisation": False, "audit:log": True, "admin:index": False},
    "council_secretary": {"import_index": True, "reorganisation": False, "audit:log": False, "admin:index": True},
    "auditor": {"import_index": False, "reorganisation": False, "audit:log": True, "admin:index": True},
    "administrator": {"import_index": False, "reorganisation": True, "audit:log": True, "admin:index": True},
    "ip_officer_auditor": {"import_index": False, "reorganisation": False, "audit:log": True, "admin:index": True},
    "district_officer_auditor": {"import_index": False, "reorganisation": False, "audit:log": True,
                                 "admin:index": True},
    "outsider": {"import_index": False, "reorganisation": False, "audit:log": False, "admin:index": False},
}


def test_each_role_finds_its_own_pages_in_the_menu(client, cast):
    cache.clear()
    for role, expected in EXPECTED.items():
        client.force_login(cast[role])
        links = menu_links(client)
        for name, shown in expected.items():
            assert (reverse(name) in links) == shown, f"{role}: {name}"
        registers = reverse("initiatives:nomination_list") in links and reverse("reports:index") in links
        assert registers == (role != "outsider"), role
        client.logout()
