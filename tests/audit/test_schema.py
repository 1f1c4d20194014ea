"""The events table: every index costs each recorded change a page write, so it has only those its
filters read."""

import pytest
from django.db import connection

from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_events_table_has_an_index_per_filter_and_no_more():
    constraints = connection.introspection.get_constraints(connection.cursor(), AuditEvent._meta.db_table)
    indexes = {tuple(details["columns"]) for details in constraints.values()
               if details["index"] and not details["primary_key"]}
    assert indexes == {
        ("time", "seq"), ("actor_id", "seq"), ("model", "object_id", "seq"), ("unit_id", "seq"),
        ("batch_id", "seq"), ("action", "seq"),
    }


def test_on_sqlite_the_sequence_number_is_the_rowid():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL tables have no rowid")
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA index_list({AuditEvent._meta.db_table})")
        origins = {row[3] for row in cursor.fetchall()}  # "pk": an index made for a key that is not the rowid
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'audit_event_batch_idx'")
        [batch_index] = cursor.fetchone()
    assert "pk" not in origins
    assert "WHERE" in batch_index and "IS NOT NULL" in batch_index  # single saves belong to no batch
