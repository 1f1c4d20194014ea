"""Record, in the chain, the layout every historical table has been written with so far.

Until now a row's digest was read with its table's columns as they are; from here on each table's layout
is in the chain (see ``audit.canonical``), so a later migration can change a table without making every
row written before look altered. This runs before any such migration (every migration that changes a
historical table depends on this one), on the tables that already hold rows; empty tables record theirs
on their first write. The append-only triggers go back on the tables the previous migrations remade.
"""

from django.db import migrations


def record_layouts(apps, schema_editor):
    from audit import triggers
    from audit.upgrades import record_written_layouts

    record_written_layouts(apps, schema_editor)
    triggers.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_layout_and_schema_actions"),
        ("directory", "0003_history_columns_open"),
        ("initiatives", "0002_history_columns_open"),
        ("ip_registry", "0002_history_columns_open"),
    ]

    operations = [migrations.RunPython(record_layouts, migrations.RunPython.noop)]
