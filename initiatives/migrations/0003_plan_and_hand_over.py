"""The yearly replication plan as data, and the hand-over of an ended unit's open work."""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0005_history_layouts"),
        ('directory', '0005_placements_of_existing_organisations'),
        ('initiatives', '0002_history_columns_open'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalinitiative',
            name='handed_over_to',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='directory.administrativeunit', verbose_name='đơn vị tiếp nhận bàn giao'),
        ),
        migrations.AddField(
            model_name='historicalreplicationnomination',
            name='handed_over_to',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='directory.administrativeunit', verbose_name='đơn vị tiếp nhận bàn giao'),
        ),
        migrations.AddField(
            model_name='initiative',
            name='handed_over_to',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='directory.administrativeunit', verbose_name='đơn vị tiếp nhận bàn giao'),
        ),
        migrations.AddField(
            model_name='replicationnomination',
            name='handed_over_to',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='directory.administrativeunit', verbose_name='đơn vị tiếp nhận bàn giao'),
        ),
        migrations.CreateModel(
            name='HistoricalReplicationPlan',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('history_ip_address', models.GenericIPAddressField(blank=True, null=True, verbose_name='địa chỉ IP')),
                ('history_channel', models.CharField(choices=[('web', 'Trang web'), ('api', 'API'), ('admin', 'Trang quản trị'), ('import', 'Nhập dữ liệu'), ('command', 'Lệnh quản trị')], default='command', max_length=16, verbose_name='kênh')),
                ('history_request_id', models.CharField(blank=True, default='', max_length=64, verbose_name='mã yêu cầu')),
                ('year', models.PositiveSmallIntegerField(blank=True, db_index=True, null=True, validators=[django.core.validators.MinValueValidator(2021), django.core.validators.MaxValueValidator(2100)], verbose_name='năm')),
                ('units_on', models.DateField(blank=True, help_text='Các đơn vị có hiệu lực vào ngày này tham gia kế hoạch năm.', null=True, verbose_name='đơn vị có hiệu lực vào ngày')),
                ('participant_kinds', models.JSONField(blank=True, null=True, verbose_name='loại đơn vị tham gia')),
                ('reporting_kinds', models.JSONField(blank=True, help_text='Để trống khi năm đó các đơn vị không phải báo cáo (năm 2025: cấp huyện kết thúc giữa năm).', null=True, verbose_name='loại đơn vị phải báo cáo')),
                ('target_min', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='chỉ tiêu tối thiểu mỗi đơn vị')),
                ('target_ideal', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='chỉ tiêu phấn đấu mỗi đơn vị')),
                ('unit_report_due', models.DateField(blank=True, null=True, verbose_name='hạn cuối đơn vị báo cáo đúng hạn')),
                ('province_report_due', models.DateField(blank=True, null=True, verbose_name='hạn Sở báo cáo Chủ tịch UBND tỉnh')),
                ('legal_basis', models.TextField(blank=True, null=True, verbose_name='căn cứ')),
                ('basis_is_example', models.BooleanField(blank=True, help_text='Đánh dấu khi Sở chưa nhập văn bản thực tế của năm.', null=True, verbose_name='căn cứ chỉ là ví dụ')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField()),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('territory', models.ForeignKey(blank=True, db_constraint=False, help_text='Tỉnh có các đơn vị tham gia.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='directory.administrativeunit', verbose_name='địa bàn')),
            ],
            options={
                'verbose_name': 'historical kế hoạch nhân rộng năm',
                'verbose_name_plural': 'historical kế hoạch nhân rộng năm',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
                'indexes': [models.Index(fields=['history_date', 'id'], name='initiatives_history_a0fa18_idx')],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='ReplicationPlan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(unique=True, validators=[django.core.validators.MinValueValidator(2021), django.core.validators.MaxValueValidator(2100)], verbose_name='năm')),
                ('units_on', models.DateField(help_text='Các đơn vị có hiệu lực vào ngày này tham gia kế hoạch năm.', verbose_name='đơn vị có hiệu lực vào ngày')),
                ('participant_kinds', models.JSONField(default=list, verbose_name='loại đơn vị tham gia')),
                ('reporting_kinds', models.JSONField(blank=True, default=list, help_text='Để trống khi năm đó các đơn vị không phải báo cáo (năm 2025: cấp huyện kết thúc giữa năm).', verbose_name='loại đơn vị phải báo cáo')),
                ('target_min', models.PositiveSmallIntegerField(default=2, verbose_name='chỉ tiêu tối thiểu mỗi đơn vị')),
                ('target_ideal', models.PositiveSmallIntegerField(default=3, verbose_name='chỉ tiêu phấn đấu mỗi đơn vị')),
                ('unit_report_due', models.DateField(verbose_name='hạn cuối đơn vị báo cáo đúng hạn')),
                ('province_report_due', models.DateField(verbose_name='hạn Sở báo cáo Chủ tịch UBND tỉnh')),
                ('legal_basis', models.TextField(verbose_name='căn cứ')),
                ('basis_is_example', models.BooleanField(default=False, help_text='Đánh dấu khi Sở chưa nhập văn bản thực tế của năm.', verbose_name='căn cứ chỉ là ví dụ')),
                ('territory', models.ForeignKey(help_text='Tỉnh có các đơn vị tham gia.', on_delete=django.db.models.deletion.PROTECT, related_name='+', to='directory.administrativeunit', verbose_name='địa bàn')),
            ],
            options={
                'verbose_name': 'kế hoạch nhân rộng năm',
                'verbose_name_plural': 'kế hoạch nhân rộng năm',
                'ordering': ['-year'],
                'constraints': [models.CheckConstraint(condition=models.Q(('target_ideal__gte', models.F('target_min'))), name='plan_ideal_at_least_min')],
            },
        ),
    ]
