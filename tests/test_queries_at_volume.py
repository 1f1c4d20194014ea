"""Every list page costs the same number of queries with 5 records as with 500: nothing is fetched per row.

The data is built by the generator ``make bench`` measures on (``directory.volume``), first 5 assets and
5 initiatives, then 495 more of each in the same database, and each page is asked for at both sizes.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory import volume

PAGES = [
    ("ip_officer", "/ip/assets/", {}),
    ("ip_officer", "/ip/assets/", {"page": "last"}),
    ("ip_officer", "/ip/assets/", {"q": "luc ngan"}),
    ("ip_officer", "/ip/assets/", {"status": "protected"}),
    ("ip_officer", "/ip/assets/", {"status": "pending"}),
    ("ip_officer", "/ip/assets/", {"kind": "certification_mark"}),
    ("ip_officer", "/ip/deadlines/", {}),
    ("ip_officer", "/ip/targets/", {}),
    ("ip_officer", "/initiatives/", {}),
    ("ip_officer", "/initiatives/", {"page": "last"}),
    ("ip_officer", "/initiatives/", {"q": "luc ngan"}),
    ("ip_officer", "/initiatives/replication/2024/", {}),
    ("ip_officer", "/initiatives/replication/2026/", {}),
    ("auditor", "/api/audit/events/", {}),
    ("auditor", "/audit/", {}),
    ("ip_officer", "/", {}),
    ("auditor", "/", {}),
    ("district_officer", "/", {}),
]


def measure(client, people) -> list[tuple[int, int]]:
    """Each page's queries and size, asked for twice: the second time, once what a process keeps between
    requests (the units' map, say) is in place."""
    counts = []
    for who, path, params in PAGES:
        client.force_login(getattr(people, who))
        client.get(path, params)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, params)
        assert response.status_code == 200, (path, params, response.status_code)
        counts.append((len(captured), len(response.content)))
    return counts


@pytest.mark.django_db(transaction=False)
def test_each_list_page_costs_the_same_queries_at_5_and_at_500_records(client, units):
    people = volume.people()
    volume.grow(5)
    small = measure(client, people)
    volume.grow(495)
    large = measure(client, people)
    for (who, path, params), (few, small_size), (many, large_size) in zip(PAGES, small, large, strict=True):
        assert many == few, f"{path} {params} as {who}: {few} queries at 5 records, {many} at 500"
    # The lists did grow (the first pages of assets and of initiatives show more rows at 500).
    assert large[0][1] > small[0][1] and large[8][1] > small[8][1]
