"""A tracked many-to-many added: new versions carry its snapshot, old ones never had one."""

import django.db.models.deletion
import simple_history.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('upgrade_app', '0006_sample'),
    ]

    operations = [
        migrations.AddField(
            model_name='specimen',
            name='samples',
            field=models.ManyToManyField(blank=True, related_name='+', to='upgrade_app.sample'),
        ),
        migrations.CreateModel(
            name='HistoricalSpecimen_samples',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='upgrade_app.historicalspecimen')),
                ('sample', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='upgrade_app.sample')),
                ('specimen', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='upgrade_app.specimen')),
            ],
            options={
                'verbose_name': 'HistoricalSpecimen_samples',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
