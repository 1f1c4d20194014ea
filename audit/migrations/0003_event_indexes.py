"""Fewer, leaner indexes on the events: each one costs every recorded change a page write.

``seq`` becomes SQLite's rowid (no second index on the key), the foreign keys lose the single-column
indexes the composite ones already cover, and the batch index leaves out events of no batch. On SQLite
the events table is rebuilt, which drops its triggers: they are installed again at the end.
"""

import audit.models
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def install_triggers(apps, schema_editor):
    from audit import triggers

    triggers.install(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0002_append_only_triggers'),
        ('directory', '0002_unaccent_extension'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='auditevent',
            name='audit_event_batch_idx',
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='actor',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người thực hiện'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='batch',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='events', to='audit.importbatch', verbose_name='lô nhập dữ liệu'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='seq',
            field=audit.models.ChainSequenceField(primary_key=True, serialize=False, verbose_name='số thứ tự'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='unit',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='directory.administrativeunit', verbose_name='đơn vị'),
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(condition=models.Q(('batch__isnull', False)), fields=['batch', 'seq'], name='audit_event_batch_idx'),
        ),
        migrations.RunPython(install_triggers, migrations.RunPython.noop),
    ]
