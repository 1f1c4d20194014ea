"""A data migration: existing records get a colour, with their history, under an import batch."""

from django.db import migrations


def backfill_colour(apps, schema_editor):
    from audit.upgrades import backfill

    backfill(apps, schema_editor, model="upgrade_app.Specimen", migration="upgrade_app.0008_backfill_colour",
             reason="Mẫu chưa ghi màu được ghi là “chưa rõ”.",
             compute=lambda specimen: {"colour": "chưa rõ"} if specimen.colour is None else None)


class Migration(migrations.Migration):

    dependencies = [
        ('upgrade_app', '0007_specimen_samples'),
    ]

    operations = [
        migrations.RunPython(backfill_colour, migrations.RunPython.noop),
    ]
