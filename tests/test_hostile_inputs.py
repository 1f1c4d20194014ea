"""Hostile query and form values (malformed numbers and dates, dates at or past the calendar's ends, integers
beyond what the database stores, quotes, NUL bytes, very long strings) are refused with a 400 or a form
error, never a server error."""

import pytest

from tests.ip_registry.conftest import mycchu_cooperative, mycchu_mark  # noqa: F401

HOSTILE = [
    "abc", "-1", "0", "1e309", "99999999999999999999", str(2**63), "9223372036854775807", "²",
    "0001-01-01", "9999-12-31", "10000-01-01", "2024-02-30", "%00", "\x00", "' OR 1=1--", "x" * 5000,
]
HOSTILE_IDS = ["abc", "99999999999999999999", str(2**63), "-1", "1e309", "%00", "' OR 1=1--", "x" * 500]


@pytest.fixture
def hostile_client(client_for):
    def sign_in(user):
        client = client_for(user)
        client.raise_request_exception = False
        return client

    return sign_in


def _no_server_error(client, method, url, data=None):
    failures = []
    response = getattr(client, method)(url, data or {})
    if response.status_code >= 500:
        failures.append((method, url, {k: str(v)[:40] for k, v in (data or {}).items()}, response.status_code))
    return failures


@pytest.mark.django_db
def test_log_filters_and_cursors(hostile_client, ip_officer, administrator):
    failures = []
    # One who reads every field of the log and one from whom some are hidden (the auditor reads as the first).
    for user in (ip_officer, administrator):
        client = hostile_client(user)
        for value in HOSTILE:
            for name in ("batch", "start", "end", "person", "unit", "before", "after", "text", "model", "action"):
                for url in ("/audit/", "/api/audit/events/", f"/audit/people/{user.pk}/", "/audit/imports/"):
                    failures += _no_server_error(client, "get", url, {name: value})
                # The export reads the same filters; narrowed to one kind of record, so that a refused value
                # does not export the whole log each time.
                narrow = {} if name == "model" else {"model": "audit.importbatch"}
                failures += _no_server_error(client, "get", "/audit/export.csv", {**narrow, name: value})
            failures += _no_server_error(client, "get", f"/audit/people/{user.pk}/", {"start": value, "end": value})
        for value in HOSTILE_IDS:
            for url in (f"/audit/people/{value}/", f"/audit/imports/{value}/", f"/audit/events/{value}/",
                        f"/audit/records/ip_registry.ipasset/{value}/"):
                failures += _no_server_error(client, "get", url)
    assert not failures


@pytest.mark.django_db
def test_dates_of_the_pages_and_the_api(hostile_client, ip_officer, auditor, administrator):
    failures = []
    for user in (ip_officer, auditor, administrator):
        client = hostile_client(user)
        for value in HOSTILE:
            for url in ("/ip/targets/", "/api/targets/", "/units/", "/api/units/"):
                failures += _no_server_error(client, "get", url, {"on": value})
    assert not failures


ADMIN_HISTORY = ["ip_registry/ipasset", "ip_registry/product", "ip_registry/growingareacode", "directory/organisation",
                 "directory/administrativeunit", "directory/user"]


@pytest.mark.django_db
def test_admin_history_and_change_urls_with_hostile_ids(hostile_client, ip_officer, auditor, administrator):
    failures = []
    for user in (ip_officer, auditor, administrator):
        client = hostile_client(user)
        for model in ADMIN_HISTORY:
            for value in HOSTILE_IDS:
                for tail in ("history/", "change/", ""):
                    failures += _no_server_error(client, "get", f"/admin/{model}/{value}/{tail}")
                failures += _no_server_error(client, "get", f"/admin/{model}/1/history/{value}/")
    assert not failures


ADMIN_FORMS = {
    "ip_registry/growingareacode": {"code": "VN-BG-X", "product": None, "asset": None, "unit": None},
    "ip_registry/product": {"name": "Vải", "units": None},
    "ip_registry/ipasset": {"name": "Vải thiều", "product": None, "owner": None, "managing_organisation": None,
                            "area_units": None},
    "directory/organisation": {"name": "HTX", "unit": None},
    "directory/roleassignment": {"user": None, "unit": None, "role": "ip_officer"},
    "directory/apitoken": {"user": None, "name": "x"},
}


@pytest.mark.django_db
def test_admin_forms_with_hostile_foreign_keys(hostile_client, ip_officer, administrator):
    failures = []
    for user in (ip_officer, administrator):
        client = hostile_client(user)
        for model, fields in ADMIN_FORMS.items():
            keys = [name for name, value in fields.items() if value is None]
            for value in HOSTILE_IDS + ["0001-01-01", "10000-01-01"]:
                data = {name: (value if initial is None else initial) for name, initial in fields.items()}
                failures += _no_server_error(client, "post", f"/admin/{model}/add/", data)
                for name in keys:  # one hostile key at a time, the others empty
                    failures += _no_server_error(client, "post", f"/admin/{model}/add/",
                                                 {**{k: v for k, v in fields.items() if v is not None}, name: value})
            failures += _no_server_error(client, "get", f"/admin/{model}/add/", {keys[0]: "99999999999999999999"})
    assert not failures


@pytest.mark.django_db
def test_api_years_and_versions_that_are_not_numbers(hostile_client, ip_officer, mycchu_mark):  # noqa: F811
    client = hostile_client(ip_officer)
    # "²" is a digit to str.isdigit(), not to int().
    assert client.get("/api/nominations/", {"year": "²"}).status_code == 400
    assert client.get("/api/replication/²/").status_code == 404
    for version in ("abc", "1.x", "²", "9" * 30):
        response = client.patch(f"/api/assets/{mycchu_mark.pk}/", {"name": "Mỳ Chũ"},
                                content_type="application/json", HTTP_IF_MATCH=f'"{version}"')
        assert response.status_code == 412, (version, response.status_code)
