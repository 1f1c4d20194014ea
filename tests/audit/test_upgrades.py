"""An upgrade never makes the trail look tampered with, and never hides tampering.

A small tracked model (``tests.upgrade_app``) is migrated one step at a time, each step one kind of schema
change, with the models of that step put in place as a deployment would. After each: the trail written
before verifies, rows written after cover the new shape, and every kind of tampering (edit, delete,
insert, reorder) of a row from before and one from after is found, with both named.
"""

from __future__ import annotations

import datetime as dt
import json
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection, models, transaction
from django.db.migrations.executor import MigrationExecutor

from audit import triggers
from audit.canonical import EVENT_COLUMNS, forget_layouts, layout_of
from audit.context import acting_as
from audit.models import AuditAction, AuditEvent, ImportBatch, ImportOutcome
from audit.selectors import field_changes, record_timeline
from audit.upgrades import record_schema_change
from audit.verify import verify
from tests.upgrade_app import versions

pytestmark = pytest.mark.django_db(transaction=True)


class Deployment:
    """The upgrade app at one of its migrations, with the models its code had then."""

    def to(self, step: int) -> dict[str, type]:
        executor = MigrationExecutor(connection)
        targets = [(versions.APP, versions.STEPS[step - 1] if step else None)]
        plan = executor.migration_plan(targets)
        executor.migrate(targets, plan=plan)
        built = versions.install(step)
        # What ``migrate`` does after its migrations: triggers on new tables, the schema change recorded.
        triggers.install(connection)
        record_schema_change(plan=plan, using=connection.alias)
        return built


@pytest.fixture
def deployment():
    deploy = Deployment()
    deploy.to(0)
    try:
        yield deploy
    finally:
        deploy.to(versions.LAST)
        versions.restore()


@dataclass
class Row:
    """A historical row and the event that recorded it."""

    table: str
    label: str
    history_id: int
    seq: int


def last_row(record) -> Row:
    history = type(record).history.model
    history_id = history.objects.filter(id=record.pk).order_by("-history_id").values_list("history_id", flat=True)[0]
    label = history._meta.label_lower
    return Row(history._meta.db_table, label, history_id,
               AuditEvent.objects.get(history_model=label, history_id=history_id).seq)


def sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def setter(column: str, value):
    def edit(row: Row) -> None:
        sql(f'UPDATE "{row.table}" SET "{column}" = %s WHERE history_id = %s', [value, row.history_id])

    return edit


@contextmanager
def tampered():
    """Behind the application's back (triggers dropped), and rolled back afterwards."""
    with transaction.atomic():
        triggers.uninstall(connection)
        yield
        transaction.set_rollback(True)


def named(report, kind: str) -> set:
    return {item.seq for item in report.breaks if item.kind == kind}


def copy_without_event(row: Row) -> int:
    from django.apps import apps

    model = apps.get_model(row.label)
    columns = ", ".join(f'"{field.column}"' for field in model._meta.concrete_fields if field.column != "history_id")
    sql(f'INSERT INTO "{row.table}" ({columns}) SELECT {columns} FROM "{row.table}" WHERE history_id = %s',
        [row.history_id])
    return model._base_manager.order_by("-history_id").values_list("history_id", flat=True)[0]


def assert_verifiable_and_guarded(before: Row, after: Row, edit_before, edit_after) -> None:
    report = verify()
    assert report.ok, [str(item) for item in report.breaks]

    with tampered():
        edit_before(before)
        edit_after(after)
        assert named(verify(), "row changed") >= {before.seq, after.seq}

    with tampered():
        for row in (before, after):
            sql(f'DELETE FROM "{row.table}" WHERE history_id = %s', [row.history_id])
        assert named(verify(), "row deleted") >= {before.seq, after.seq}

    with tampered():
        forged = [copy_without_event(before), copy_without_event(after)]
        details = " ".join(item.detail for item in verify().breaks if item.kind == "row without event")
        assert all(f"#{history_id} " in details for history_id in forged), details

    with tampered():
        table = AuditEvent._meta.db_table
        sql(f"UPDATE {table} SET seq = -1 WHERE seq = %s", [before.seq])
        sql(f"UPDATE {table} SET seq = %s WHERE seq = %s", [before.seq, after.seq])
        sql(f"UPDATE {table} SET seq = %s WHERE seq = -1", [after.seq])
        report = verify()
        assert not report.ok
        assert {item.seq for item in report.breaks} >= {before.seq, after.seq}


def edited(model, pk, reason: str, **values) -> Row:
    """Change a record through the code of the step, as a user would; its new historical row."""
    record = model.objects.get(pk=pk)
    for name, value in values.items():
        setattr(record, name, value)
    with acting_as(reason=reason):
        record.save()
    return last_row(record)


def last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-seq").first()


def test_every_kind_of_schema_change_keeps_the_trail_verifiable_and_tamper_evident(deployment):
    # 1. A tracked model.
    Specimen = deployment.to(1)["Specimen"]
    with acting_as(reason="Ghi mẫu"):
        lychee = Specimen.objects.create(name="Vải thiều", code="VT-01", weight=Decimal("12.34"),
                                         noted_on=dt.date(2024, 6, 1))
        chicken = Specimen.objects.create(name="Gà đồi", code="GD-01", weight=Decimal("2.50"),
                                          noted_on=dt.date(2024, 7, 1))
        lychee.weight = Decimal("12.40")
        lychee.save()
    chicken_at_1, lychee_at_1 = last_row(chicken), last_row(lychee)
    assert_verifiable_and_guarded(chicken_at_1, lychee_at_1, setter("name", "giả"), setter("code", "X"))
    layout_1 = layout_of(Specimen.history.model)

    # 2. A nullable field, and a field with a default.
    Specimen = deployment.to(2)["Specimen"]
    schema = json.loads(last_event().changes)
    assert last_event().action == AuditAction.SCHEMA
    assert schema["migrations"] == ["upgrade_app.0002_colour_and_grade"]
    assert schema["layouts"]["upgrade_app.historicalspecimen"] == [layout_1.digest,
                                                                    layout_of(Specimen.history.model).digest]
    lychee_at_2 = edited(Specimen, lychee.pk, "Ghi màu", colour="đỏ", grade=3)
    assert json.loads(AuditEvent.objects.get(seq=lychee_at_2.seq).changes)["colour"] == [None, "đỏ"]
    # A value slipped into a column its row predates is found too.
    assert_verifiable_and_guarded(chicken_at_1, lychee_at_2, setter("colour", "xanh"), setter("colour", "xanh"))

    # 3. A field renamed: the old rows' values are read under the new name.
    Specimen = deployment.to(3)["Specimen"]
    lychee_at_3 = edited(Specimen, lychee.pk, "Sửa tên", title="Vải thiều Lục Ngạn")
    assert_verifiable_and_guarded(chicken_at_1, lychee_at_3, setter("title", "giả"), setter("title", "giả"))

    # 4. Widened: a longer text, more decimal places, a bigger integer.
    Specimen = deployment.to(4)["Specimen"]
    lychee_at_4 = edited(Specimen, lychee.pk, "Mã dài hơn", code="VT-LUC-NGAN-2024-0001", weight=Decimal("12.345"),
                         grade=2**40)
    assert_verifiable_and_guarded(lychee_at_2, lychee_at_4, setter("weight", "1.5"), setter("code", "VT-GIA"))

    # 5. A field removed from the model: its historical column stays, with the values it had.
    Specimen = deployment.to(5)["Specimen"]
    lychee_at_5 = edited(Specimen, lychee.pk, "Sửa tên", title="Vải thiều Lục Ngạn loại 1")
    assert Specimen.history.model.objects.get(history_id=chicken_at_1.history_id).noted_on == dt.date(2024, 7, 1)
    # The change that set it still reads in words.
    created = {change.name: change for change in field_changes(AuditEvent.objects.get(seq=chicken_at_1.seq))}
    assert (created["noted_on"].label, created["noted_on"].after) == ("Ngày ghi nhận", "01/07/2024")
    assert_verifiable_and_guarded(chicken_at_1, lychee_at_5, setter("noted_on", "2024-07-02"),
                                  setter("noted_on", "2024-07-02"))

    # 6. A new tracked model.
    built = deployment.to(6)
    with acting_as(reason="Ghi mẫu thử"):
        sample = built["Sample"].objects.create(label="Mẫu thử số 1")
    sample_at_6 = last_row(sample)
    assert_verifiable_and_guarded(lychee_at_5, sample_at_6, setter("title", "giả"), setter("label", "giả"))

    # 7. A tracked many-to-many added: new versions carry its snapshot.
    built = deployment.to(7)
    Specimen, sample = built["Specimen"], built["Sample"].objects.get(pk=sample.pk)
    lychee = Specimen.objects.get(pk=lychee.pk)
    with acting_as(reason="Gắn mẫu thử"):
        lychee.samples.add(sample)
    lychee_at_7 = last_row(lychee)
    snapshots = "upgrade_app_historicalspecimen_samples"

    def drop_snapshot(row: Row) -> None:
        sql(f'DELETE FROM "{snapshots}" WHERE history_id = %s', [row.history_id])

    assert_verifiable_and_guarded(lychee_at_5, lychee_at_7, setter("title", "giả"), drop_snapshot)

    # 8. A data migration fills a field of existing records, with their history, under a batch.
    built = deployment.to(8)
    Specimen = built["Specimen"]
    assert Specimen.objects.get(pk=chicken.pk).colour == "chưa rõ"
    batch = ImportBatch.objects.get(file_name="upgrade_app.0008_backfill_colour")
    assert (batch.kind, batch.outcome, batch.row_count) == ("upgrade_app.specimen", ImportOutcome.SUCCEEDED, 1)
    [filled] = AuditEvent.objects.filter(batch=batch, history_model="upgrade_app.historicalspecimen")
    assert (filled.object_id, filled.action, filled.object_label) == (str(chicken.pk), AuditAction.UPDATE, "Gà đồi")
    assert json.loads(filled.changes) == {"colour": [None, "chưa rõ"]}
    assert filled.reason == "Mẫu chưa ghi màu được ghi là “chưa rõ”."
    timeline = record_timeline(_auditor(), "upgrade_app.specimen", str(chicken.pk))
    assert [event.seq for event in timeline][-1] == filled.seq
    chicken_at_8 = last_row(Specimen.objects.get(pk=chicken.pk))
    assert chicken_at_8.seq == filled.seq
    assert_verifiable_and_guarded(lychee_at_7, chicken_at_8, setter("title", "giả"), setter("colour", "xanh"))

    # 9. A field narrowed: its historical column keeps its width, and every value it held.
    Specimen = deployment.to(9)["Specimen"]
    lychee_at_9 = edited(Specimen, lychee.pk, "Cân lại", weight=Decimal("13.1"))
    assert Specimen.history.model.objects.get(history_id=lychee_at_4.history_id).weight == Decimal("12.345")
    assert_verifiable_and_guarded(lychee_at_4, lychee_at_9, setter("weight", "12.346"), setter("weight", "1.2"))

    # 10. A historical column dropped for good, its values kept in the trail first.
    Specimen = deployment.to(10)["Specimen"]
    kept = AuditEvent.objects.get(action=AuditAction.SCHEMA, model="upgrade_app.historicalspecimen",
                                  changes__contains='"preserve"')
    assert [chicken_at_1.history_id, "2024-07-01"] in json.loads(kept.changes)["values"]
    lychee_at_10 = edited(Specimen, lychee.pk, "Sửa tên", title="Vải thiều")
    assert_verifiable_and_guarded(chicken_at_1, lychee_at_10, setter("title", "giả"), setter("title", "giả"))
    # The values kept are chained like every event: altering them is found too.
    with tampered():
        sql(f"UPDATE {AuditEvent._meta.db_table} SET changes = replace(changes, '2024-07-01', '2024-07-09') "
            "WHERE seq = %s", [kept.seq])
        report = verify()
        assert named(report, "altered") == {kept.seq}
        assert named(report, "row changed") >= {chicken_at_1.seq}


def _auditor():
    from directory import services
    from directory.models import Role

    user = services.user_upsert(actor=None, username="auditor_upgrade", full_name="Kiểm toán")
    services.role_assign(actor=None, user=user, role=Role.AUDITOR)
    return user


def test_the_command_names_tampering_after_an_upgrade_and_exits_1(deployment, capsys):
    Specimen = deployment.to(2)["Specimen"]
    with acting_as(reason="Ghi mẫu"):
        specimen = Specimen.objects.create(name="Miến dong", code="MD-01", weight=Decimal("1.00"), colour="trắng")
    deployment.to(3)
    call_command("verify_audit_trail", quiet=True)
    assert "Audit trail intact" in capsys.readouterr().out
    row = last_row(specimen)
    triggers.uninstall(connection)
    try:
        setter("title", "Miến giả")(row)
        with pytest.raises(SystemExit) as exit_:
            call_command("verify_audit_trail", quiet=True)
    finally:
        triggers.install(connection)
    assert exit_.value.code == 1
    assert f"[row changed] #{row.seq}" in capsys.readouterr().out


def test_a_process_still_on_the_old_code_records_its_layout_again_before_its_rows(deployment):
    # Workers restart one by one after a deployment: one may still write rows of the old shape.
    old = deployment.to(1)["Specimen"]
    with acting_as(reason="Ghi mẫu"):
        written_by_old = old.objects.create(name="Chè", code="CH-01", weight=Decimal("0.50"))
    new = deployment.to(2)["Specimen"]
    with acting_as(reason="Sửa mẫu"):
        written_by_old.weight = Decimal("0.55")
        written_by_old.save()
        written_by_new = new.objects.create(name="Bưởi", code="BH-01", weight=Decimal("1.20"), colour="vàng")
    layouts = list(AuditEvent.objects.filter(action=AuditAction.LAYOUT, model="upgrade_app.historicalspecimen")
                   .order_by("seq").values_list("seq", "row_digest"))
    old_digest, new_digest = layout_of(old.history.model).digest, layout_of(new.history.model).digest
    assert [digest for _, digest in layouts][-2:] == [old_digest, new_digest]
    assert layouts[-2][0] < last_row(written_by_old).seq < layouts[-1][0] < last_row(written_by_new).seq
    assert verify().ok


@contextmanager
def events_column(name: str):
    """A column added to the events table (a later version of the code might add one)."""
    field = models.CharField(max_length=20, null=True, blank=True)
    AuditEvent.add_to_class(name, field)
    with connection.schema_editor() as editor:
        editor.add_field(AuditEvent, field)
    forget_layouts()
    try:
        yield
    finally:
        with connection.schema_editor() as editor:
            editor.remove_field(AuditEvent, field)
        AuditEvent._meta.local_fields.remove(field)
        AuditEvent._meta._expire_cache()
        delattr(AuditEvent, name)
        forget_layouts()
        triggers.install(connection)


def test_a_column_added_to_the_events_keeps_the_events_before_verifiable():
    from tests.upgrade_app.models import Sample

    with acting_as(reason="Trước khi nâng cấp"):
        before = Sample.objects.create(label="trước")
    old_seq = last_row(before).seq
    with events_column("region"):
        with acting_as(reason="Sau khi nâng cấp"):
            after = Sample.objects.create(label="sau")
        new_seq = last_row(after).seq
        layout = AuditEvent.objects.filter(action=AuditAction.LAYOUT, model="audit.auditevent").get()
        assert old_seq < layout.seq < new_seq
        assert json.loads(layout.changes)["columns"][-1] == ["region", "text"]
        assert [column for column, _ in json.loads(layout.changes)["columns"][:-1]] == list(EVENT_COLUMNS)
        assert verify().ok

        for seq, column, value in [(old_seq, "reason", "sửa"), (old_seq, "region", "X"),
                                   (new_seq, "region", "X"), (new_seq, "reason", "sửa")]:
            with tampered():
                sql(f"UPDATE {AuditEvent._meta.db_table} SET {column} = %s WHERE seq = %s", [value, seq])
                assert named(verify(), "altered") == {seq}, (column, seq)
