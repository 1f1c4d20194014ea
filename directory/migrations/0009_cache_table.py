"""The table of the database cache (settings.CACHES): shared by every worker process, so throttles and
cached pages hold under several workers. ``make run`` only migrates, so the table is made here."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # Does nothing for a table that already exists, or when the cache is not the database's.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):

    dependencies = [
        ("directory", "0008_api_tokens"),
    ]

    operations = [
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]
