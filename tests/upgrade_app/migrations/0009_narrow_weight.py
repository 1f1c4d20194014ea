"""A field narrowed (three decimal places to one): its historical column keeps its width and values
(``history_retained_fields``)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('upgrade_app', '0008_backfill_colour'),
    ]

    operations = [
        migrations.AlterField(
            model_name='specimen',
            name='weight',
            field=models.DecimalField(decimal_places=1, max_digits=8),
        ),
    ]
