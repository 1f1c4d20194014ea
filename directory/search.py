"""Search that ignores Vietnamese diacritics and case: "luc ngan" finds "Lục Ngạn".

The registers' lists search a stored, folded column (``SearchTextField``): written with the record, by
every write path (``save`` and ``bulk_create`` call the field's ``pre_save``), so a search reads it as it
is, and on PostgreSQL a trigram index serves its ``LIKE '%…%'`` (``AddSearchIndex``). ``search`` folds in the database
instead, for text that has no such column (the audit log's): on PostgreSQL ``lower(unaccent(...))`` (the
extension is installed by a migration), on SQLite a function registered on each connection.
"""

from __future__ import annotations

import unicodedata

from django.db import NotSupportedError, models
from django.db.models import CharField, Func, Value
from django.db.migrations.operations.base import Operation
from django.db.models.functions import Coalesce, Concat


def fold(text: str | None) -> str:
    """Lower-case ``text`` without diacritics; đ/Đ become d."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").lower()


class Folded(Func):
    """The folded form of a text expression, computed by the database."""

    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="VI_FOLD", **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="LOWER(UNACCENT(%(expressions)s))", **extra_context)

    def as_sql(self, compiler, connection, function=None, template=None, **extra_context):
        if function is None and template is None:
            raise NotSupportedError(f"Diacritics-insensitive search is not set up for {connection.vendor}.")
        return super().as_sql(compiler, connection, function=function, template=template, **extra_context)


def register_sqlite_fold(sender, connection, **kwargs):
    """connection_created receiver: give SQLite the VI_FOLD function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("VI_FOLD", 1, fold, deterministic=True)


def search(queryset, query: str, *fields: str):
    """Keep the rows whose ``fields`` together contain every word of ``query``, folded."""
    words = fold(query).split()
    if not words:
        return queryset
    queryset = queryset.alias(search_text=searchable(*fields))
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def searchable(*fields: str) -> Folded:
    parts = []
    for field in fields:
        parts.extend([Coalesce(field, Value(""), output_field=CharField()), Value(" ")])
    return Folded(Concat(*parts, output_field=CharField()))


class SearchTextField(models.TextField):
    """The folded text of a record's searchable fields (``sources``: names, or paths through relations
    such as ``owner.name``), computed whenever the record is written.

    ``save`` and ``bulk_create`` compute it (they call ``pre_save``); a ``bulk_update`` of a source must
    name this field too, after ``pre_save(record, False)``. A source on another table (an owner's name)
    is kept when that record's value changes (``connect_search_sources``, below).
    """

    def __init__(self, *args, sources: tuple[str, ...] = (), **kwargs):
        self.sources = tuple(sources)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["sources"] = self.sources
        for key in ("editable", "blank", "default"):
            kwargs.pop(key, None)
        return name, path, args, kwargs

    def text_of(self, instance) -> str:
        parts = []
        for source in self.sources:
            value = instance
            for attribute in source.split("."):
                value = getattr(value, attribute, None) if value is not None else None
            if value:
                parts.append(str(value))
        return fold(" ".join(parts))

    def pre_save(self, model_instance, add):
        value = self.text_of(model_instance)
        setattr(model_instance, self.attname, value)
        return value


def search_text(queryset, query: str, field: str = "search_text"):
    """Keep the rows whose stored folded ``field`` contains every word of ``query``, folded."""
    for word in fold(query).split():
        queryset = queryset.filter(**{f"{field}__contains": word})
    return queryset


def refresh_search(records, field: str = "search_text", batch_size: int = 1000) -> None:
    """Write the folded text of ``records`` again (a source on another table changed), ``batch_size`` at a
    time and only where it differs. The field is not in the history, so nothing else is written."""
    batch = []
    for record in records:
        batch.append(record)
        if len(batch) == batch_size:
            _refresh_batch(batch, field)
            batch = []
    if batch:
        _refresh_batch(batch, field)


def _refresh_batch(records: list, field: str) -> None:
    model = type(records[0])
    search_field = model._meta.get_field(field)
    changed = [record for record in records if getattr(record, field) != search_field.text_of(record)]
    for record in changed:
        search_field.pre_save(record, add=False)
    model._base_manager.bulk_update(changed, [field])


def connect_search_sources() -> None:
    """Keep every ``SearchTextField`` right when a source on another table changes: when a product or an
    organisation is renamed, the folded text of the assets and initiatives that name it is written again.
    Connected once, from the directory app's ``ready``."""
    from django.apps import apps

    dependents: dict[tuple, list] = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not isinstance(field, SearchTextField):
                continue
            for source in field.sources:
                if "." not in source:
                    continue
                relation, attribute = source.split(".", 1)
                if "." in attribute:
                    raise ValueError(f"{model.__name__}.{field.name}: one relation at most ({source})")
                related_model = model._meta.get_field(relation).related_model
                dependents.setdefault((related_model, attribute), []).append((model, field, relation))
    for (related_model, attribute), readers in dependents.items():
        _watch(related_model, attribute, readers)


def _watch(related_model, attribute: str, readers: list) -> None:
    """On a save of ``related_model`` that changes ``attribute``, refresh the text of its ``readers``."""
    from django.db.models.signals import post_save, pre_save

    key = f"search:{related_model._meta.label}.{attribute}"
    stash = f"_search_before_{attribute}"

    def before(sender, instance, raw=False, **kwargs):
        if not raw and instance.pk is not None:
            setattr(instance, stash, related_model._base_manager.filter(pk=instance.pk)
                    .values_list(attribute, flat=True).first())

    def after(sender, instance, created, raw=False, **kwargs):
        if raw or created or not hasattr(instance, stash):
            return
        previous = instance.__dict__.pop(stash)
        if previous == getattr(instance, attribute):
            return
        for model, field, relation in readers:
            relations = sorted({source.split(".")[0] for source in field.sources if "." in source})
            rows = model._base_manager.filter(**{relation: instance}).select_related(*relations).order_by("pk")
            refresh_search(rows.iterator(chunk_size=1000), field.name)

    pre_save.connect(before, sender=related_model, weak=False, dispatch_uid=f"{key}:before")
    post_save.connect(after, sender=related_model, weak=False, dispatch_uid=f"{key}:after")


class AddSearchIndex(Operation):
    """A migration operation: the index a ``SearchTextField``'s ``LIKE '%…%'`` reads. On PostgreSQL a trigram
    index (``pg_trgm``, created with it), which the planner uses for such patterns. SQLite has none: there
    the index holds the list's ``order`` (``"-filed_on"``: descending) and then the folded text, so that a
    search walks the list in order, and counts, reading the index alone."""

    reduces_to_sql = False
    reversible = True

    def __init__(self, model_name: str, field: str, name: str, order: tuple[str, ...] = ()):
        self.model_name, self.field, self.name, self.order = model_name, field, name, tuple(order)

    def deconstruct(self):
        return self.__class__.__qualname__, [], {"model_name": self.model_name, "field": self.field,
                                                 "name": self.name, "order": self.order}

    def state_forwards(self, app_label, state):
        pass  # not part of the models' state: its kind depends on the database

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        quote = schema_editor.quote_name
        table, column = quote(model._meta.db_table), quote(model._meta.get_field(self.field).column)
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {quote(self.name)} ON {table} "
                                  f"USING gin ({column} gin_trgm_ops)")
        else:
            columns = [f"{quote(model._meta.get_field(name.lstrip('-')).column)}{' DESC' if name[0] == '-' else ''}"
                       for name in self.order]
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {quote(self.name)} ON {table} "
                                  f"({', '.join([*columns, column])})")

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(self.name)}")

    def describe(self):
        return f"Search index {self.name} on {self.model_name}.{self.field}"
