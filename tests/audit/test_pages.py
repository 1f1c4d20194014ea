"""The auditors' pages: what they show, to whom, and at what cost."""

import csv
import hashlib
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import AuditAction, AuditEvent
from audit.verify import verify
from initiatives import services
from tests.audit.conftest import events_of

pytestmark = pytest.mark.django_db


def shown_seqs(response) -> list[int]:
    return [event.seq for event in response.context["page"].events]


def test_the_log_is_newest_first_and_pages_by_sequence(client_for, auditor, initiative_lucngan, initiative_yenthe):
    client = client_for(auditor)
    first = client.get("/audit/")
    seqs = shown_seqs(first)
    assert seqs == sorted(seqs, reverse=True) and seqs[0] == AuditEvent.objects.order_by("-seq").first().seq
    older = client.get("/audit/", {"before": seqs[-1]})
    assert shown_seqs(older)[0] == seqs[-1] - 1
    newer = client.get("/audit/", {"after": shown_seqs(older)[0]})
    assert shown_seqs(newer) == seqs[-len(shown_seqs(newer)):]


def test_filters_by_person_model_action_unit_and_text(client_for, auditor, district_officer_lucngan,
                                                      initiative_lucngan, initiative_yenthe):
    services.initiative_update(actor=district_officer_lucngan, initiative=initiative_lucngan,
                               title="Dạy học theo trạm, sửa", reason="Theo biên bản họp số 7")
    client = client_for(auditor)
    by_person = client.get("/audit/", {"person": district_officer_lucngan.pk}).context["page"].events
    assert by_person and {event.actor_id for event in by_person} == {district_officer_lucngan.pk}
    by_model = client.get("/audit/", {"model": "initiatives.initiative", "action": AuditAction.UPDATE})
    assert [event.object_id for event in by_model.context["page"].events] == [str(initiative_lucngan.pk)]
    by_unit = client.get("/audit/", {"unit": initiative_yenthe.organisation.unit_id}).context["page"].events
    assert by_unit and {event.unit.code for event in by_unit} == {"bg.yen-the"}
    by_text = client.get("/audit/", {"text": "bien ban hop"}).context["page"].events  # without diacritics
    assert [event.reason for event in by_text] == ["Theo biên bản họp số 7"]


def test_an_invalid_filter_is_reported_and_left_out_while_the_others_apply(
        client_for, auditor, district_officer_lucngan, initiative_lucngan, initiative_yenthe):
    response = client_for(auditor).get("/audit/", {"person": district_officer_lucngan.pk, "start": "31/02/2025"})
    events = response.context["page"].events
    assert events and {event.actor_id for event in events} == {district_officer_lucngan.pk}
    assert "Điều kiện lọc không hợp lệ đã được bỏ qua" in response.content.decode()


def test_a_period_is_a_range_of_the_chain(client_for, auditor, initiative_lucngan):
    today = timezone.localtime(AuditEvent.objects.order_by("-seq").first().time).date()
    client = client_for(auditor)
    assert client.get("/audit/", {"start": today.isoformat(), "end": today.isoformat()}).context["page"].events
    tomorrow = today.replace(year=today.year + 1)
    assert client.get("/audit/", {"start": tomorrow.isoformat()}).context["page"].events == []
    assert client.get("/audit/", {"end": "2000-01-01"}).context["page"].events == []


def test_a_change_shows_a_before_after_table_in_vietnamese(client_for, auditor, district_officer_lucngan,
                                                           initiative_lucngan):
    services.initiative_update(actor=district_officer_lucngan, initiative=initiative_lucngan, title="Tên mới")
    event = events_of(initiative_lucngan)[-1]
    page = client_for(auditor).get(f"/audit/events/{event.seq}/").content.decode()
    assert "Tên sáng kiến" in page and "Dạy học theo trạm cho môn Toán lớp 6" in page and "Tên mới" in page
    assert event.hash in page and event.prev_hash in page


def test_a_change_shows_choices_and_yes_or_no_in_words(client_for, auditor, ip_officer):
    from ip_registry import services as ip_services
    from ip_registry.workflow import ApplicationStatus, DeadlineKind, Party

    rule = ip_services.deadline_rule_create(actor=ip_officer, deadline=DeadlineKind.PUBLICATION,
                                            opened_by=ApplicationStatus.FILED, party=Party.IP_OFFICE, months=2,
                                            asset_kind="copyright")
    [event] = events_of(rule)
    page = client_for(auditor).get(f"/audit/events/{event.seq}/").content.decode()
    assert "Đang áp dụng" in page and "<td>Có</td>" in page
    assert "Công bố đơn" in page and "Cục Sở hữu trí tuệ" in page


def test_a_timeline_shows_every_version_with_its_fields_and_escapes_what_was_typed(
        client_for, auditor, district_officer_lucngan, initiative_lucngan):
    services.initiative_update(actor=district_officer_lucngan, initiative=initiative_lucngan,
                               title="<b>Tên</b> mới", reason="<script>alert(1)</script> đổi tên")
    versions = events_of(initiative_lucngan)
    page = client_for(auditor).get(f"/audit/records/initiatives.initiative/{initiative_lucngan.pk}/").content.decode()
    assert page.count('<table class="changes">') == len(versions)
    assert "Tên sáng kiến" in page and "Dạy học theo trạm cho môn Toán lớp 6" in page
    assert "&lt;b&gt;Tên&lt;/b&gt; mới" in page and "<b>Tên</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; đổi tên" in page and "<script>alert" not in page
    assert f'href="/audit/events/{versions[-1].seq}/"' in page
    assert f'href="/audit/people/{district_officer_lucngan.pk}/"' in page


def test_the_menu_is_drawn_for_each_set_of_rights(client_for, auditor, council_secretary):
    assert 'href="/audit/"' in client_for(auditor).get("/").content.decode()
    assert 'href="/audit/"' not in client_for(council_secretary).get("/").content.decode()
    assert 'href="/audit/"' in client_for(auditor).get("/").content.decode()


def test_a_records_timeline_includes_a_deleted_record(client_for, auditor, district_officer_lucngan,
                                                      initiative_lucngan):
    author = initiative_lucngan.authors.order_by("pk").last()
    services.initiative_set_authors(actor=district_officer_lucngan, initiative=initiative_lucngan,
                                    authors=[{"name": "Nguyễn Thị Mai", "share_percent": 100}],
                                    reason="Ông Bình không tham gia")
    response = client_for(auditor).get(f"/audit/records/initiatives.initiativeauthor/{author.pk}/")
    assert response.status_code == 200 and response.context["deleted"]
    assert [event.action for event in response.context["events"]] == [AuditAction.CREATE, AuditAction.DELETE]
    assert "Bản ghi này đã bị xoá" in response.content.decode()


def test_a_persons_activity_and_an_import_batchs_rows(client_for, auditor, ip_officer, units):
    from audit.services import import_batch
    from directory import services as directory_services
    from directory.models import OrganisationKind

    with import_batch(actor=ip_officer, kind="directory.organisation", file_name="to-chuc.xlsx", sha256="a" * 64) as batch:
        directory_services.organisation_upsert(actor=ip_officer, name="HTX Vải thiều Thanh Hà",
                                               kind=OrganisationKind.COOPERATIVE, unit=units["bg.luc-ngan"])
    client = client_for(auditor)
    rows = client.get(f"/audit/imports/{batch.pk}/").context["page"].events
    # The organisation and its first placement.
    assert [event.action for event in rows] == [AuditAction.IMPORT, AuditAction.CREATE, AuditAction.CREATE]
    activity = client.get(f"/audit/people/{ip_officer.pk}/")
    assert {row["model"] for row in activity.context["summary"]} == {
        "directory.organisation", "directory.organisationplacement", "audit.importbatch"}
    assert "Tạo mới" in activity.content.decode()  # the action in words, not its code
    batches = client.get("/audit/imports/")
    assert batches.context["batches"][0] == batch
    assert "Tổ chức" in batches.content.decode()  # what was imported, in words


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_carries_the_hashes_and_is_itself_logged(client_for, auditor, initiative_lucngan, fmt):
    client = client_for(auditor)
    response = client.get(f"/audit/export.{fmt}", {"model": "initiatives.initiative"})
    digest = hashlib.sha256(response.content).hexdigest()
    assert response["X-Content-SHA256"] == digest
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        rows = [list(row) for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]
    logged = AuditEvent.objects.filter(model="initiatives.initiative").get()
    assert rows[1][0] in (logged.seq, str(logged.seq)) and rows[1][-1] == logged.hash
    export = AuditEvent.objects.order_by("-seq").first()
    assert export.action == AuditAction.EXPORT and export.actor == auditor
    assert json.loads(export.changes)["sha256"] == digest
    assert json.loads(export.changes)["rows"] == 1
    assert verify().ok


def test_district_officers_see_their_units_history_only(client_for, district_officer_lucngan, initiative_lucngan,
                                                         initiative_yenthe):
    client = client_for(district_officer_lucngan)
    events = client.get("/audit/").context["page"].events
    assert events and {event.unit.code for event in events} == {"bg.luc-ngan"}
    other = events_of(initiative_yenthe)[0]
    assert client.get(f"/audit/events/{other.seq}/").status_code == 404
    assert client.get(f"/audit/records/initiatives.initiative/{initiative_yenthe.pk}/").status_code == 404
    assert client.get(f"/audit/records/initiatives.initiative/{initiative_lucngan.pk}/").status_code == 200
    api = client.get("/api/audit/events/").json()["results"]
    assert api and {row["unit"] for row in api} == {initiative_lucngan.organisation.unit_id}
    exported = client.get("/audit/export.csv").content.decode("utf-8-sig")
    assert "Sân chơi STEM" not in exported and "Dạy học theo trạm" in exported


def test_ip_officers_see_all_and_roles_without_history_see_none(client_for, ip_officer, council_secretary,
                                                                 outsider, initiative_lucngan, initiative_yenthe):
    units = {event.unit.code for event in client_for(ip_officer).get("/audit/").context["page"].events if event.unit}
    assert {"bg.luc-ngan", "bg.yen-the"} <= units
    for user in (council_secretary, outsider):
        client = client_for(user)
        assert client.get("/audit/").status_code == 403
        assert client.get("/api/audit/events/").status_code == 403
        assert client.get("/audit/export.csv").status_code == 403


def test_only_administrators_run_a_verification(client_for, administrator, auditor, initiative_lucngan):
    assert client_for(auditor).post("/audit/verification/").status_code == 403
    client = client_for(administrator)
    response = client.post("/audit/verification/", follow=True)
    assert response.context["last"].ok and response.context["last"].run_by == administrator
    assert "Toàn vẹn" in response.content.decode()


def _session_query(sql: str) -> bool:
    # Every request reads its session and writes it back (SESSION_SAVE_EVERY_REQUEST, the idle time-out):
    # a fixed cost of the settings, not of the page (the read pages here open no savepoint of their own).
    return "django_session" in sql or sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))


def queries_for(client, path, params=None) -> int:
    client.get(path, params)  # as a browsing user's second request
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, params).status_code == 200
    return len([query for query in captured.captured_queries if not _session_query(query["sql"])])


def test_the_log_and_a_timeline_cost_a_fixed_handful_of_queries(client_for, auditor, district_officer_lucngan,
                                                                 initiative_lucngan, initiative_yenthe):
    client = client_for(auditor)
    small = queries_for(client, "/audit/")
    timeline_small = queries_for(client, f"/audit/records/initiatives.initiative/{initiative_lucngan.pk}/")
    for number in range(25):
        services.initiative_update(actor=district_officer_lucngan, initiative=initiative_lucngan, title=f"Bản {number}")
    assert queries_for(client, "/audit/") == small <= 5
    assert queries_for(client, "/audit/", {"person": district_officer_lucngan.pk, "start": "2020-01-01",
                                          "end": "2099-12-31"}) <= 5
    assert queries_for(client, "/audit/", {"before": AuditEvent.objects.order_by("seq")[10].seq}) <= 5
    # The timeline's events, then one query per kind of record its changes name (here: the organisation).
    assert queries_for(client, f"/audit/records/initiatives.initiative/{initiative_lucngan.pk}/") == timeline_small <= 4


def test_district_officers_see_the_import_batches_that_touched_their_unit(client_for, district_officer_lucngan,
                                                                         district_officer_yenthe, ip_officer, units):
    from audit.services import import_batch
    from directory import services as directory_services
    from directory.models import OrganisationKind

    with import_batch(actor=ip_officer, kind="directory.organisation", file_name="yen-the.xlsx") as batch:
        directory_services.organisation_upsert(actor=ip_officer, name="HTX Gà đồi Yên Thế",
                                               kind=OrganisationKind.COOPERATIVE, unit=units["bg.yen-the"])
    assert batch in client_for(district_officer_yenthe).get("/audit/imports/").context["batches"]
    assert batch not in client_for(district_officer_lucngan).get("/audit/imports/").context["batches"]
    assert client_for(district_officer_lucngan).get(f"/audit/imports/{batch.pk}/").status_code == 404
