"""Inserting many new rows at once, as ``bulk_create`` does, without its per-value compilation.

``bulk_create`` compiles every value of every row through the ORM's SQL compiler: for the tens of thousands of
rows of a spreadsheet import (and their as many history rows) that is most of the import's time. ``insert``
adapts each value with the field's own ``get_db_prep_save`` (skipped only for the plain field classes whose
values the driver takes as they are), writes multi-row ``INSERT … RETURNING`` statements as large as the
database allows, and sets the primary keys on the objects, as ``bulk_create`` does. Where the database cannot
return the keys of a multi-row insert, it is ``bulk_create``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from django.db import connections, models, router

# Field classes (exactly these, not their subclasses) whose Python values the drivers store as they are.
PLAIN = (
    models.AutoField, models.BigAutoField, models.SmallAutoField, models.BooleanField, models.CharField,
    models.TextField, models.IntegerField, models.BigIntegerField, models.SmallIntegerField,
    models.PositiveIntegerField, models.PositiveBigIntegerField, models.PositiveSmallIntegerField,
)
SQLITE_VARIABLES = 32766  # SQLite's own default since 3.32 (Django assumes 999)


def new_row(model: type[models.Model], values: dict) -> models.Model:
    """A new, unsaved ``model`` instance holding ``values`` (every concrete field's attname), built as the
    ORM builds rows it reads, without ``__init__``'s work per field: for the tens of thousands of rows of an
    import. The model must have no ``pre_init``/``post_init`` receivers (none in this project has)."""
    obj = model.__new__(model)
    obj.__dict__.update(values)
    obj._state = models.base.ModelState()
    return obj


def _plain(field: models.Field) -> bool:
    if field.is_relation:
        return _plain(field.target_field)
    return type(field) in PLAIN


def _max_params(connection) -> int:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        try:
            return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        except AttributeError:  # Python before 3.11
            return 999
    return 65535  # PostgreSQL's limit of parameters in one statement


class _Adapter:
    """A field's ``get_db_prep_save``, remembered per value: an import repeats the same dates and amounts,
    and its history rows share one time."""

    def __init__(self, field: models.Field, connection):
        self.field, self.connection, self.known = field, connection, {}

    def __call__(self, value):
        try:
            return self.known[value]
        except KeyError:
            adapted = self.field.get_db_prep_save(value, connection=self.connection)
            if len(self.known) < 10_000:
                self.known[value] = adapted
            return adapted
        except TypeError:  # an unhashable value (JSON)
            return self.field.get_db_prep_save(value, connection=self.connection)


def insert(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    """Insert ``objs`` (new, their primary key unset) and set their primary keys."""
    if not objs:
        return
    connection = connections[router.db_for_write(model)]
    opts = model._meta
    if not connection.features.can_return_rows_from_bulk_insert or not opts.pk.db_returning:
        model.objects.bulk_create(objs)
        return
    fields = [field for field in opts.concrete_fields if field is not opts.pk]
    saving = [field for field in fields if type(field).pre_save is not models.Field.pre_save]
    columns = [(field.attname, None if _plain(field) else _Adapter(field, connection)) for field in fields]
    quote = connection.ops.quote_name
    per_row = max(1, len(fields))
    rows_per_statement = max(1, min(2000, _max_params(connection) // per_row))
    head = (f"INSERT INTO {quote(opts.db_table)} ({', '.join(quote(field.column) for field in fields)}) VALUES ")
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    tail = f" RETURNING {quote(opts.pk.column)}"
    with connection.cursor() as cursor:
        for start in range(0, len(objs), rows_per_statement):
            chunk = objs[start:start + rows_per_statement]
            params = []
            for obj in chunk:
                for field in saving:
                    field.pre_save(obj, True)
                # Read from the instance's dict, past the fields' descriptors (a deferred field is read as usual).
                values = obj.__dict__
                for attname, adapter in columns:
                    value = values[attname] if attname in values else getattr(obj, attname)
                    params.append(value if adapter is None or value is None else adapter(value))
            cursor.execute(head + ", ".join([row_sql] * len(chunk)) + tail, params)
            for obj, (pk,) in zip(chunk, cursor.fetchall(), strict=True):
                obj.pk = pk
                obj._state.adding = False
                obj._state.db = connection.alias
