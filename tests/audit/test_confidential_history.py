"""An initiative's confidential part stays out of its history for whoever may not read it on the initiative:
in the log's change and timeline pages, its exports, the API's events, its text search and the admin's
history pages. Those who may read it read it there too."""

import io
import zipfile

import pytest

from audit.models import AuditEvent
from initiatives import services
from tests.audit.conftest import events_of, file_initiative

FIRST, SECOND = "CONF-ALPHA-7731", "CONF-BETA-7732"
PLACEHOLDER = "(nội dung giữ bí mật)"


@pytest.fixture
def secret(district_officer_lucngan, school_lucngan):
    initiative = file_initiative(district_officer_lucngan, school_lucngan, confidential_part=FIRST)
    return services.initiative_update(actor=district_officer_lucngan, initiative=initiative,
                                      confidential_part=SECOND, reason="Bổ sung quy trình Zeta")


def _text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"PK"):  # an XLSX: the text of its parts
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            content = b"".join(book.read(name) for name in book.namelist() if name.endswith(".xml"))
    return content.decode("utf-8", "replace")


def _doors(initiative) -> list[tuple[str, dict]]:
    label, pk = "initiatives.initiative", initiative.pk
    return [
        *((f"/audit/events/{event.seq}/", {}) for event in events_of(initiative)),
        (f"/audit/records/{label}/{pk}/", {}),
        ("/audit/", {"model": label}),
        ("/audit/export.csv", {"model": label}),
        ("/audit/export.xlsx", {"model": label}),
        ("/api/audit/events/", {"model": label}),
        (f"/admin/initiatives/initiative/{pk}/history/", {}),
    ]


def test_the_administrator_and_another_unit_read_the_history_without_it(
        client_for, secret, administrator, district_officer_yenthe):
    assert len(events_of(secret)) == 2
    for reader in (administrator, district_officer_yenthe):
        client = client_for(reader)
        for url, query in _doors(secret):
            response = client.get(url, query, follow=True)
            body = _text(response)
            assert FIRST not in body and SECOND not in body, (reader.username, url)
        timeline = client.get(f"/audit/records/initiatives.initiative/{secret.pk}/")
        if reader == administrator:
            assert timeline.status_code == 200 and PLACEHOLDER in timeline.content.decode()
            assert "Bổ sung quy trình Zeta" in timeline.content.decode()  # the rest of the change is shown


def test_those_who_may_read_it_on_the_initiative_read_it_in_its_history(
        client_for, secret, auditor, ip_officer, district_officer_lucngan):
    for reader in (auditor, ip_officer, district_officer_lucngan):
        client = client_for(reader)
        timeline = client.get(f"/audit/records/initiatives.initiative/{secret.pk}/").content.decode()
        assert FIRST in timeline and SECOND in timeline, reader.username
        assert SECOND in _text(client.get("/audit/export.csv", {"model": "initiatives.initiative"}))
        events = client.get("/api/audit/events/", {"model": "initiatives.initiative"}).json()["results"]
        assert any(event["changes"].get("confidential_part") == [FIRST, SECOND] for event in events)


def test_a_text_search_does_not_tell_a_hidden_value(client_for, secret, administrator, auditor):
    update = events_of(secret)[-1]
    found = client_for(auditor).get("/api/audit/events/", {"text": SECOND}).json()["results"]
    assert [event["seq"] for event in found] == [update.seq]
    assert client_for(administrator).get("/api/audit/events/", {"text": SECOND}).json()["results"] == []
    page = client_for(administrator).get("/audit/", {"text": SECOND})
    assert update.seq not in [event.seq for event in page.context["page"].events]
    # What is not hidden is still found: the reason of the same change.
    found = client_for(administrator).get("/api/audit/events/", {"text": "zeta"}).json()["results"]
    assert [event["seq"] for event in found] == [update.seq]


def test_the_council_secretary_reads_no_history_through_the_admin(client_for, secret, council_secretary):
    client = client_for(council_secretary)
    for url in (f"/admin/initiatives/initiative/{secret.pk}/history/",
                f"/admin/initiatives/initiative/{secret.pk}/history/{secret.history.first().history_id}/"):
        response = client.get(url, follow=True)
        assert response.status_code == 403, url
        assert FIRST not in _text(response) and SECOND not in _text(response)


def test_the_stored_events_are_unchanged_and_the_trail_verifies(client_for, secret, administrator):
    from audit.verify import verify

    stored = AuditEvent.objects.get(seq=events_of(secret)[-1].seq).changes
    client_for(administrator).get(f"/audit/records/initiatives.initiative/{secret.pk}/")
    assert SECOND in stored and AuditEvent.objects.get(seq=events_of(secret)[-1].seq).changes == stored
    assert verify().ok
