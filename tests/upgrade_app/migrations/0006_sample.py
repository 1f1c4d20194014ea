"""A new tracked model."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('upgrade_app', '0005_remove_noted_on'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Sample',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('label', models.CharField(max_length=50)),
            ],
        ),
        migrations.CreateModel(
            name='HistoricalSample',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('history_ip_address', models.GenericIPAddressField(blank=True, null=True, verbose_name='địa chỉ IP')),
                ('history_channel', models.CharField(choices=[('web', 'Trang web'), ('api', 'API'), ('admin', 'Trang quản trị'), ('import', 'Nhập dữ liệu'), ('command', 'Lệnh quản trị')], default='command', max_length=16, verbose_name='kênh')),
                ('history_request_id', models.CharField(blank=True, default='', max_length=64, verbose_name='mã yêu cầu')),
                ('label', models.CharField(blank=True, max_length=50, null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField()),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical sample',
                'verbose_name_plural': 'historical samples',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
                'indexes': [models.Index(fields=['history_date', 'id'], name='upgrade_app_history_4bd9b5_idx')],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
