"""Search that ignores Vietnamese diacritics and case: "luc ngan" finds "Lục Ngạn".

The database folds the stored text with the same rule the query is folded with in Python: on
PostgreSQL ``lower(unaccent(...))`` (the extension is installed by a migration), on SQLite a function
registered on each connection.
"""

from __future__ import annotations

import unicodedata
from django.db import NotSupportedError
from django.db.models import CharField, Func, Value
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
