"""A field removed from the model: its historical column stays (``history_retained_fields``)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('upgrade_app', '0004_widen_code_weight_grade'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='specimen',
            name='noted_on',
        ),
    ]
