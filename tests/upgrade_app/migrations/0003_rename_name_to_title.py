"""A field renamed: the historical column too, with the rename recorded in the trail."""

import audit.operations
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('upgrade_app', '0002_colour_and_grade'),
    ]

    operations = [
        audit.operations.RenameHistoricalField(
            model_name='historicalspecimen',
            old_name='name',
            new_name='title',
            reason='Tên mẫu gọi là tiêu đề cho thống nhất với các biểu mẫu.',
        ),
        migrations.RenameField(
            model_name='specimen',
            old_name='name',
            new_name='title',
        ),
    ]
