"""Database triggers that make the audit trail append-only, on SQLite and PostgreSQL.

UPDATE and DELETE are refused on the audit events, checkpoints, verification runs and every historical
table (simple-history's, many-to-many ones included). An import batch may be updated only while it is
running (to record how it ended) and never deleted. The refusal is an ``IntegrityError`` on both.

A migration installs the triggers for the tables that exist then; ``post_migrate`` adds them to any
historical table a later migration creates, so no table is left unguarded.
"""

from __future__ import annotations

from django.apps import apps

from audit.models import AuditEvent, Checkpoint, ImportBatch, VerificationRun

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Nested: PL/pgSQL does not promise to stop at the first false operand, and only the import
    -- batch table has an outcome column.
    IF TG_TABLE_NAME = '{batch}' AND TG_OP = 'UPDATE' THEN
        IF OLD.outcome = 'running' THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END
$$
"""


def historical_tables() -> list[str]:
    """Every table simple-history writes versions to."""
    tables = []
    for model in apps.get_models():
        if (hasattr(model, "instance_type") and hasattr(model, "history_id")) or is_m2m_history(model):
            tables.append(model._meta.db_table)
    return sorted(tables)


def history_models() -> dict[str, type]:
    """The historical models of records (not their many-to-many snapshots), by label."""
    tables = set(historical_tables())
    return {model._meta.label_lower: model for model in apps.get_models()
            if model._meta.db_table in tables and not is_m2m_history(model)}


def is_m2m_history(model) -> bool:
    from simple_history.models import HistoricalChanges

    return model.__name__.startswith("Historical") and any(
        field.name == "history" and field.is_relation and issubclass(field.related_model, HistoricalChanges)
        for field in model._meta.fields
    )


def protected_tables() -> list[str]:
    own = [AuditEvent, Checkpoint, VerificationRun, ImportBatch]
    return [model._meta.db_table for model in own] + historical_tables()


def _sqlite_statements(table: str) -> list[str]:
    refuse = f"SELECT RAISE(ABORT, 'audit trail is append-only: {{op}} on {table} refused');"
    guard = "WHEN OLD.outcome <> 'running' " if table == ImportBatch._meta.db_table else ""
    return [
        f'CREATE TRIGGER IF NOT EXISTS "{table}__no_update" BEFORE UPDATE ON "{table}" FOR EACH ROW '
        f"{guard}BEGIN {refuse.format(op='UPDATE')} END",
        f'CREATE TRIGGER IF NOT EXISTS "{table}__no_delete" BEFORE DELETE ON "{table}" FOR EACH ROW '
        f"BEGIN {refuse.format(op='DELETE')} END",
    ]


def _postgres_statements(table: str) -> list[str]:
    return [
        f'CREATE OR REPLACE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON "{table}" '
        f"FOR EACH ROW EXECUTE FUNCTION audit_append_only()",
    ]


def install(connection) -> list[str]:
    """Create the triggers on every protected table present; returns the tables now guarded."""
    present = set(connection.introspection.table_names())
    tables = [table for table in protected_tables() if table in present]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_FUNCTION.format(batch=ImportBatch._meta.db_table))
            statements = _postgres_statements
        elif connection.vendor == "sqlite":
            statements = _sqlite_statements
        else:
            raise NotImplementedError(f"No append-only triggers for {connection.vendor}")
        for table in tables:
            for statement in statements(table):
                cursor.execute(statement)
    return tables


def uninstall(connection) -> None:
    present = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in protected_tables():
            if table not in present:
                continue
            if connection.vendor == "postgresql":
                cursor.execute(f'DROP TRIGGER IF EXISTS audit_append_only ON "{table}"')
            else:
                cursor.execute(f'DROP TRIGGER IF EXISTS "{table}__no_update"')
                cursor.execute(f'DROP TRIGGER IF EXISTS "{table}__no_delete"')
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS audit_append_only()")


def guarded_tables(connection) -> set[str]:
    """Tables that carry the triggers now (for checks and tests)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname = 'audit_append_only'"
            )
            return {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_\\_no\\_%' ESCAPE '\\'")
        return {row[0] for row in cursor.fetchall()}
