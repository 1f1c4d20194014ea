"""Days off and weekend days worked, for the end of time limits (Civil Code, art. 148): seeded here, with
their history, so that the migrations after it (the initiatives' decision due dates) already count them."""

import directory.models
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


MIGRATION = "directory.0006_calendar"


def seed(apps, schema_editor):
    import datetime as dt

    from audit.upgrades import backfill_create
    from directory.calendar import FIRST_SEEDED_YEAR, YEARS_AHEAD, seeded_days

    CalendarDay = apps.get_model("directory", "CalendarDay")
    through = dt.date.today().year + YEARS_AHEAD
    backfill_create(
        apps, schema_editor, model="directory.CalendarDay", migration=MIGRATION,
        reason="Lịch ngày nghỉ lễ, Tết theo Bộ luật Lao động",
        records=[CalendarDay(day=day, kind=kind, name=name[:200], legal_act="Bộ luật Lao động 2019, Điều 112")
                 for day, kind, name in seeded_days(range(FIRST_SEEDED_YEAR, through + 1))],
    )


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0005_placements_of_existing_organisations'),
    ]

    operations = [
        migrations.CreateModel(
            name='CalendarDay',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(unique=True, verbose_name='ngày')),
                ('kind', models.CharField(choices=[('day_off', 'Ngày nghỉ (lễ, Tết, nghỉ bù)'), ('working_day', 'Ngày làm việc')], max_length=16, verbose_name='loại ngày')),
                ('name', directory.models.NFCCharField(max_length=200, verbose_name='tên, lý do')),
                ('legal_act', models.CharField(blank=True, max_length=300, verbose_name='văn bản')),
            ],
            options={
                'verbose_name': 'ngày nghỉ, ngày làm bù',
                'verbose_name_plural': 'ngày nghỉ, ngày làm bù',
                'ordering': ['day'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalCalendarDay',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('history_ip_address', models.GenericIPAddressField(blank=True, null=True, verbose_name='địa chỉ IP')),
                ('history_channel', models.CharField(choices=[('web', 'Trang web'), ('api', 'API'), ('admin', 'Trang quản trị'), ('import', 'Nhập dữ liệu'), ('command', 'Lệnh quản trị')], default='command', max_length=16, verbose_name='kênh')),
                ('history_request_id', models.CharField(blank=True, default='', max_length=64, verbose_name='mã yêu cầu')),
                ('day', models.DateField(blank=True, db_index=True, null=True, verbose_name='ngày')),
                ('kind', models.CharField(blank=True, choices=[('day_off', 'Ngày nghỉ (lễ, Tết, nghỉ bù)'), ('working_day', 'Ngày làm việc')], max_length=16, null=True, verbose_name='loại ngày')),
                ('name', directory.models.NFCCharField(blank=True, max_length=200, null=True, verbose_name='tên, lý do')),
                ('legal_act', models.CharField(blank=True, max_length=300, null=True, verbose_name='văn bản')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField()),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical ngày nghỉ, ngày làm bù',
                'verbose_name_plural': 'historical ngày nghỉ, ngày làm bù',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
                'indexes': [models.Index(fields=['history_date', 'id'], name='directory_h_history_455831_idx')],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
