"""Every kind of tampering behind the application's back is found and named by the verification."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.db import connection

from audit import triggers
from audit.canonical import event_hash
from audit.chain import chain_values
from audit.models import AuditEvent
from audit.verify import make_checkpoint, verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(initiative_lucngan, initiative_yenthe):
    """A trail of a few dozen events, verified whole, with the triggers then dropped (as an intruder would)."""
    assert verify().ok
    triggers.uninstall(connection)
    return initiative_lucngan


def kinds(report) -> set[str]:
    return {item.kind for item in report.breaks}


def sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_a_historical_row_edited_with_raw_sql(trail):
    history = trail.history.model
    row = history.objects.order_by("history_id").first()
    sql(f"UPDATE {history._meta.db_table} SET title = %s WHERE history_id = %s", ["Tên đã bị sửa", row.history_id])
    report = verify()
    assert kinds(report) == {"row changed"}
    event = AuditEvent.objects.get(history_model=history._meta.label_lower, history_id=row.history_id)
    assert [item.seq for item in report.breaks] == [event.seq]


def test_a_historical_row_deleted(trail):
    history = trail.history.model
    row = history.objects.order_by("history_id").last()
    sql(f"DELETE FROM {history._meta.db_table} WHERE history_id = %s", [row.history_id])
    assert kinds(verify()) == {"row deleted"}


def copy_without_event(history, history_id: int) -> None:
    """A copy of a historical row, written with raw SQL: a row without its event."""
    columns = ", ".join(field.column for field in history._meta.concrete_fields if field.column != "history_id")
    sql(f"INSERT INTO {history._meta.db_table} ({columns}) "
        f"SELECT {columns} FROM {history._meta.db_table} WHERE history_id = %s", [history_id])


def test_a_historical_row_written_without_the_application(trail):
    history = trail.history.model
    copy_without_event(history, history.objects.order_by("history_id").last().history_id)
    report = verify()
    assert kinds(report) == {"row without event"}
    assert "historicalinitiative" in str(report.breaks[0])


def test_a_historical_row_swapped_for_one_without_an_event(trail):
    # The table keeps its number of rows: the row without an event must be named all the same.
    history = trail.history.model
    first = history.objects.order_by("history_id").first().history_id
    copy_without_event(history, first)
    sql(f"DELETE FROM {history._meta.db_table} WHERE history_id = %s", [first])
    report = verify()
    assert kinds(report) == {"row deleted", "row without event"}
    forged = history.objects.order_by("history_id").last().history_id
    assert any(f"#{forged} " in item.detail for item in report.breaks if item.kind == "row without event")


def sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's typed columns cannot hold such a value")


@pytest.mark.parametrize("value", ["không phải ngày", "2025-02-30", b"\x00\x01"])
def test_a_date_overwritten_with_what_no_parser_reads_is_named_not_fatal(trail, value):
    sqlite_only()
    history = trail.history.model
    row = history.objects.order_by("history_id").first()
    sql(f"UPDATE {history._meta.db_table} SET filed_on = %s WHERE history_id = %s", [value, row.history_id])
    assert kinds(verify()) == {"row changed"}


def test_an_event_time_overwritten_with_text_is_named_not_fatal(trail):
    sqlite_only()
    event = AuditEvent.objects.order_by("seq")[3]
    sql(f"UPDATE {AuditEvent._meta.db_table} SET time = 'hôm qua' WHERE seq = %s", [event.seq])
    report = verify()
    assert "altered" in kinds(report)
    assert event.seq in {item.seq for item in report.breaks}


def test_a_time_rewritten_in_another_form_of_the_same_instant_is_no_change(trail):
    sqlite_only()
    history = trail.history.model
    row = history.objects.order_by("history_id").first()
    iso = row.history_date.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="microseconds")
    sql(f"UPDATE {history._meta.db_table} SET history_date = %s WHERE history_id = %s", [iso, row.history_id])
    assert verify().ok


def test_an_event_deleted(trail):
    middle = AuditEvent.objects.exclude(history_model="").order_by("seq")[5]  # a record's change
    sql(f"DELETE FROM {AuditEvent._meta.db_table} WHERE seq = %s", [middle.seq])
    report = verify()
    assert "removed" in kinds(report)
    assert "row without event" in kinds(report)  # its historical row is now unaccounted for
    assert any(item.seq == middle.seq + 1 for item in report.breaks)


def test_an_event_altered(trail):
    event = AuditEvent.objects.order_by("seq")[3]
    sql(f"UPDATE {AuditEvent._meta.db_table} SET reason = %s WHERE seq = %s", ["Không ai biết", event.seq])
    report = verify()
    assert kinds(report) == {"altered"}
    assert report.breaks[0].seq == event.seq


def test_an_event_altered_and_rehashed_breaks_the_link_to_the_next(trail):
    event = AuditEvent.objects.order_by("seq")[3]
    event.reason = "Sửa cả mã băm"
    forged_hash = event_hash(chain_values(event))
    sql(f"UPDATE {AuditEvent._meta.db_table} SET reason = %s, hash = %s WHERE seq = %s",
        [event.reason, forged_hash, event.seq])
    report = verify()
    assert kinds(report) == {"chain"}
    assert report.breaks[0].seq == event.seq + 1


def test_a_forged_event_inserted_at_the_end(trail):
    last = AuditEvent.objects.order_by("seq").last()
    sql(
        f"INSERT INTO {AuditEvent._meta.db_table} (seq, time, model, object_id, object_label, action, history_type, "
        "actor_id, channel, request_id, reason, changes, history_model, history_id, row_digest, prev_hash, hash) "
        "VALUES (%s, %s, %s, %s, %s, 'update', '~', %s, 'web', '', '', '{}', %s, %s, %s, %s, %s)",
        [last.seq + 1, last.time, last.model, last.object_id, "giả", last.actor_id, last.history_model,
         last.history_id, last.row_digest, last.hash, "f" * 64],
    )
    report = verify()
    assert {"altered", "inserted"} <= kinds(report)
    assert {item.seq for item in report.breaks} == {last.seq + 1}


def test_two_events_swapped(trail):
    first, second = AuditEvent.objects.order_by("seq")[4:6]
    table = AuditEvent._meta.db_table
    sql(f"UPDATE {table} SET seq = -1 WHERE seq = %s", [first.seq])
    sql(f"UPDATE {table} SET seq = %s WHERE seq = %s", [first.seq, second.seq])
    sql(f"UPDATE {table} SET seq = %s WHERE seq = -1", [second.seq])
    report = verify()
    assert {"altered", "chain"} <= kinds(report)
    assert {item.seq for item in report.breaks} >= {first.seq, second.seq}


def test_a_chain_cut_short_is_caught_by_a_checkpoint(trail, settings):
    settings.AUDIT_CHECKPOINT_KEY = "khoá-bí-mật"
    checkpoint = make_checkpoint()
    assert verify(checkpoint=checkpoint).ok
    last = AuditEvent.objects.order_by("seq").last()
    sql(f"DELETE FROM {AuditEvent._meta.db_table} WHERE seq = %s", [last.seq])
    history = last.history_model.split(".")
    sql(f"DELETE FROM {history[0]}_{history[1]} WHERE history_id = %s", [last.history_id])
    plain = verify()
    assert plain.ok  # the end of a chain can be cut cleanly: only a checkpoint kept elsewhere shows it
    report = verify(checkpoint=checkpoint)
    assert kinds(report) == {"truncated"}


def test_a_forged_checkpoint_is_refused(trail, settings):
    settings.AUDIT_CHECKPOINT_KEY = "khoá-bí-mật"
    checkpoint = {**make_checkpoint(), "seq": 10_000}
    assert kinds(verify(checkpoint=checkpoint)) == {"checkpoint"}


def test_the_command_exits_1_and_names_the_break(trail, tmp_path, settings, capsys):
    settings.AUDIT_CHECKPOINT_KEY = "khoá-bí-mật"
    call_command("audit_checkpoint", output=str(tmp_path / "checkpoint.json"))
    assert json.loads((tmp_path / "checkpoint.json").read_text())["seq"] == AuditEvent.objects.count()
    call_command("verify_audit_trail", checkpoint=str(tmp_path / "checkpoint.json"), quiet=True)
    assert "Audit trail intact" in capsys.readouterr().out
    event = AuditEvent.objects.order_by("seq")[2]
    sql(f"UPDATE {AuditEvent._meta.db_table} SET object_label = 'x' WHERE seq = %s", [event.seq])
    with pytest.raises(SystemExit) as exit_:
        call_command("verify_audit_trail", checkpoint=str(tmp_path / "checkpoint.json"), quiet=True)
    assert exit_.value.code == 1
    out = capsys.readouterr().out
    assert f"[altered] #{event.seq}" in out and "BROKEN" in out
