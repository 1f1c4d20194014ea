"""The database itself refuses to change or remove the trail, on SQLite and PostgreSQL alike."""

import pytest
from django.db import IntegrityError, connection, transaction

from audit import triggers
from audit.models import AuditEvent, ImportBatch
from audit.services import import_batch

pytestmark = pytest.mark.django_db


def test_every_historical_table_and_the_audit_tables_are_guarded():
    assert set(triggers.protected_tables()) == triggers.guarded_tables(connection)
    assert "initiatives_historicalinitiative" in triggers.protected_tables()
    assert "ip_registry_historicalproduct_units" in triggers.protected_tables()  # many-to-many history too


def refused(statement, params=()):
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.mark.parametrize(("table", "column"), [
    ("audit_auditevent", "reason"), ("initiatives_historicalinitiative", "history_change_reason"),
    ("directory_historicaluser", "history_change_reason"), ("directory_historicalorganisation", "history_change_reason"),
])
def test_update_and_delete_are_refused(initiative_lucngan, table, column):
    assert initiative_lucngan.history.exists()
    refused(f"UPDATE {table} SET {column} = {column}")
    refused(f"DELETE FROM {table}")


def test_the_orm_cannot_change_an_event_either(initiative_lucngan):
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent.objects.update(reason="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.exclude(reason="x").count() == AuditEvent.objects.count()


def test_a_finished_import_batch_is_final(ip_officer):
    with import_batch(actor=ip_officer, kind="test", file_name="a.xlsx", sha256="0" * 64) as batch:
        pass
    refused("UPDATE audit_importbatch SET row_count = 99 WHERE id = %s", [batch.pk])
    refused("DELETE FROM audit_importbatch WHERE id = %s", [batch.pk])
    assert ImportBatch.objects.get(pk=batch.pk).row_count == 0
