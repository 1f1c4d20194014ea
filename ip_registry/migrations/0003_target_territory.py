"""A target counts the records of its territory (Directive 01's: former Bắc Giang)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0005_history_layouts"),
        ('directory', '0005_placements_of_existing_organisations'),
        ('ip_registry', '0002_history_columns_open'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicaltarget',
            name='territory',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='Tỉnh (cũ) mà chỉ tiêu áp dụng; để trống: toàn tỉnh hiện nay.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='directory.administrativeunit', verbose_name='địa bàn'),
        ),
        migrations.AddField(
            model_name='target',
            name='territory',
            field=models.ForeignKey(blank=True, help_text='Tỉnh (cũ) mà chỉ tiêu áp dụng; để trống: toàn tỉnh hiện nay.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='directory.administrativeunit', verbose_name='địa bàn'),
        ),
    ]
