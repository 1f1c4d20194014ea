"""Django's SQLite backend, with a flush that works past the audit trail's append-only triggers.

``manage.py flush`` (and the test runner, between tests that commit) empties every table with DELETE on
SQLite, which the triggers refuse. On PostgreSQL a flush is a TRUNCATE, which row triggers do not see.
So, for SQLite only, a flush drops the triggers of the tables it empties and puts them back afterwards:
emptying the whole database stays possible, as it is on PostgreSQL, and nothing else is loosened.
"""

from django.db.backends.sqlite3 import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = super().sql_flush(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        if not statements:
            return statements
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
            triggers = [(name, sql) for name, table, sql in cursor.fetchall() if table in set(tables)]
        drops = [f"DROP TRIGGER IF EXISTS {self.quote_name(name)};" for name, _ in triggers]
        return drops + statements + [f"{sql};" for _, sql in triggers]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
