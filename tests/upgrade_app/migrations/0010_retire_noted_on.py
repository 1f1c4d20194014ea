"""A historical column dropped for good: its values are kept in the trail first."""

import audit.operations
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('upgrade_app', '0009_narrow_weight'),
    ]

    operations = [
        audit.operations.PreserveHistoricalValues(
            model_name='historicalspecimen',
            name='noted_on',
            reason='Ngày ghi nhận không còn được theo dõi.',
        ),
        migrations.RemoveField(
            model_name='historicalspecimen',
            name='noted_on',
        ),
    ]
