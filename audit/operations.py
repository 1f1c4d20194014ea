"""Migration operations on historical tables that keep the audit trail verifiable.

A historical table holds what the trail's digests were computed from, so a migration never drops,
narrows or renames one of its columns in passing (``tests/audit/test_migrations_keep_history.py``
refuses it). When a change of that kind is meant, one of these operations says so, with a reason, and
records it in the chain:

- :class:`RenameHistoricalField` renames a column and records the rename: rows written before are read
  under the new name.
- :class:`PreserveHistoricalValues`, placed before the ``RemoveField`` that drops a historical column for
  good, copies the column's values into the chain first: rows written before are verified against the
  values kept. (A column is never narrowed: a model that narrows a field keeps its historical column as
  it was, in ``history_retained_fields``.)
- :class:`AlterHistoricalFields` applies several widening changes to one table in one step (on SQLite,
  one copy of the table instead of one per field).

A migration that uses them depends on ``audit.0005_history_layouts`` (it writes events).
"""

from __future__ import annotations

from django.db import migrations
from django.db.migrations.operations.base import Operation
from django.db.migrations.utils import field_is_referenced

from audit.canonical import codec_of, encoder

# Values per preservation event: a few hundred kilobytes of JSON at most.
PRESERVE_CHUNK = 5_000


class AlterHistoricalFields(Operation):
    """Several ``AlterField`` of one historical table at once, each widening (never narrowing) a column."""

    reduces_to_sql = False
    reversible = True

    def __init__(self, model_name: str, fields: list):
        self.model_name = model_name
        self.fields = fields  # [(name, field as it becomes)]

    def deconstruct(self):
        return self.__class__.__qualname__, [], {"model_name": self.model_name, "fields": self.fields}

    def state_forwards(self, app_label, state):
        # ProjectState.alter_field for each field, with the model rendered again once rather than per field
        # (rendering the project's models is what makes a migration slow).
        model_key = app_label, self.model_name.lower()
        fields = state.models[model_key].fields
        delay = True
        for name, field in self.fields:
            if state._relations is not None:
                old_field = fields.pop(name)
                if old_field.is_relation:
                    state.resolve_model_field_relations(model_key, name, old_field)
                fields[name] = field
                if field.is_relation:
                    state.resolve_model_field_relations(model_key, name, field)
            else:
                fields[name] = field
            delay = delay and not field.is_relation and not field_is_referenced(state, model_key, (name, field))
        state.reload_model(*model_key, delay=delay)

    def _alter(self, app_label, schema_editor, from_state, to_state):
        from_model = from_state.apps.get_model(app_label, self.model_name)
        to_model = to_state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, to_model):
            return
        pairs = [(from_model._meta.get_field(name), to_model._meta.get_field(name)) for name, _ in self.fields]
        if schema_editor.connection.vendor == "sqlite":
            # One copy of the table for all its columns (SQLite alters a column by remaking its table).
            schema_editor._remake_table(from_model, alter_fields=pairs)
        else:
            for old, new in pairs:
                schema_editor.alter_field(from_model, old, new)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._alter(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._alter(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"Alter {len(self.fields)} fields of {self.model_name}"

    @property
    def migration_name_fragment(self):
        return f"alter_{self.model_name.lower()}_fields"


class RenameHistoricalField(migrations.RenameField):
    """Rename a historical column, recording the rename in the trail with its reason."""

    def __init__(self, model_name: str, old_name: str, new_name: str, *, reason: str):
        if not reason.strip():
            raise ValueError("A historical column is renamed for a reason: say it.")
        super().__init__(model_name, old_name, new_name)
        self.reason = reason

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        return self.__class__.__qualname__, args, {**kwargs, "reason": self.reason}

    def _record(self, app_label, schema_editor, before_state, after_state, *, old_name, new_name):
        from audit.upgrades import record_in_migration

        before = before_state.apps.get_model(app_label, self.model_name)
        after = after_state.apps.get_model(app_label, self.model_name)
        record_in_migration(schema_editor, after_state.apps, [(
            after._meta.label_lower, after._meta.db_table,
            {"op": "rename", "from": before._meta.get_field(old_name).column,
             "to": after._meta.get_field(new_name).column, "reason": self.reason},
        )])

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        super().database_forwards(app_label, schema_editor, from_state, to_state)
        self._record(app_label, schema_editor, from_state, to_state, old_name=self.old_name, new_name=self.new_name)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        # Backwards, ``from_state`` is the state after the rename: the column goes back to its old name.
        super().database_backwards(app_label, schema_editor, from_state, to_state)
        self._record(app_label, schema_editor, from_state, to_state, old_name=self.new_name, new_name=self.old_name)


class PreserveHistoricalValues(Operation):
    """Copy a historical column's values into the trail, before the operation that removes it.

    Each value is kept in its canonical form with the row's ``history_id``, in events of the chain (in
    parts of :data:`PRESERVE_CHUNK` values), so the rows written before keep their digests after the
    column is gone. It changes no table; going backwards it does nothing.
    """

    reduces_to_sql = False
    reversible = True

    def __init__(self, model_name: str, name: str, *, reason: str):
        if not reason.strip():
            raise ValueError("A historical column is retired for a reason: say it.")
        self.model_name, self.name, self.reason = model_name, name, reason

    def deconstruct(self):
        return self.__class__.__qualname__, [], {"model_name": self.model_name, "name": self.name,
                                                 "reason": self.reason}

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        from audit.upgrades import record_in_migration

        model = from_state.apps.get_model(app_label, self.model_name)
        field = model._meta.get_field(self.name)
        codec = codec_of(field)
        encode = encoder(codec)
        quote = schema_editor.connection.ops.quote_name
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"SELECT {quote('history_id')}, {quote(field.column)} FROM {quote(model._meta.db_table)} "
                           f"WHERE {quote(field.column)} IS NOT NULL ORDER BY 1")
            values = [[history_id, encode(value)] for history_id, value in cursor.fetchall()]
        parts = [values[start:start + PRESERVE_CHUNK] for start in range(0, len(values), PRESERVE_CHUNK)] or [[]]
        record_in_migration(schema_editor, to_state.apps, [
            (model._meta.label_lower, model._meta.db_table,
             {"op": "preserve", "column": field.column, "codec": codec, "reason": self.reason,
              "part": number, "parts": len(parts), "values": part})
            for number, part in enumerate(parts, start=1)
        ])

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def describe(self):
        return f"Keep the values of {self.model_name}.{self.name} in the audit trail"

    @property
    def migration_name_fragment(self):
        return f"preserve_{self.model_name.lower()}_{self.name.lower()}"

