"""Official GSO codes, the township kind, longer unit codes, predecessors read the right way round,
organisations that end, and the dated placements of organisations in units."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0005_history_layouts"),
        ('directory', '0003_history_columns_open'),
    ]

    operations = [
        migrations.AddField(
            model_name='administrativeunit',
            name='gso_code',
            field=models.CharField(blank=True, db_index=True, max_length=8, verbose_name='mã đơn vị hành chính (GSO)'),
        ),
        migrations.AddField(
            model_name='historicaladministrativeunit',
            name='gso_code',
            field=models.CharField(blank=True, db_index=True, max_length=8, null=True, verbose_name='mã đơn vị hành chính (GSO)'),
        ),
        migrations.AddField(
            model_name='historicalorganisation',
            name='ended_on',
            field=models.DateField(blank=True, help_text='Ngày cuối cùng tổ chức hoạt động (như UBND cấp huyện, kết thúc ngày 30/06/2025).', null=True, verbose_name='ngừng hoạt động sau ngày'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='ended_on',
            field=models.DateField(blank=True, help_text='Ngày cuối cùng tổ chức hoạt động (như UBND cấp huyện, kết thúc ngày 30/06/2025).', null=True, verbose_name='ngừng hoạt động sau ngày'),
        ),
        migrations.AlterField(
            model_name='administrativeunit',
            name='code',
            field=models.CharField(max_length=64, unique=True, verbose_name='mã'),
        ),
        migrations.AlterField(
            model_name='administrativeunit',
            name='kind',
            field=models.CharField(choices=[('province', 'Tỉnh'), ('city', 'Thành phố'), ('town', 'Thị xã'), ('district', 'Huyện'), ('commune', 'Xã'), ('ward', 'Phường'), ('township', 'Thị trấn'), ('department', 'Sở, ngành')], max_length=16, verbose_name='loại'),
        ),
        migrations.AlterField(
            model_name='administrativeunit',
            name='predecessors',
            field=models.ManyToManyField(blank=True, related_name='successors', through='directory.UnitSuccession', through_fields=('successor', 'predecessor'), to='directory.administrativeunit', verbose_name='đơn vị tiền thân'),
        ),
        migrations.AlterField(
            model_name='historicaladministrativeunit',
            name='code',
            field=models.CharField(blank=True, db_index=True, max_length=64, null=True, verbose_name='mã'),
        ),
        migrations.AlterField(
            model_name='historicaladministrativeunit',
            name='kind',
            field=models.CharField(blank=True, choices=[('province', 'Tỉnh'), ('city', 'Thành phố'), ('town', 'Thị xã'), ('district', 'Huyện'), ('commune', 'Xã'), ('ward', 'Phường'), ('township', 'Thị trấn'), ('department', 'Sở, ngành')], max_length=16, null=True, verbose_name='loại'),
        ),
        migrations.AlterField(
            model_name='historicalroleassignment',
            name='role',
            field=models.CharField(blank=True, choices=[('ip_officer', 'Cán bộ sở hữu trí tuệ'), ('district_officer', 'Cán bộ đơn vị (xã, phường, sở, ngành)'), ('council_secretary', 'Thư ký hội đồng sáng kiến'), ('auditor', 'Kiểm toán viên'), ('administrator', 'Quản trị hệ thống')], max_length=32, null=True, verbose_name='vai trò'),
        ),
        migrations.AlterField(
            model_name='roleassignment',
            name='role',
            field=models.CharField(choices=[('ip_officer', 'Cán bộ sở hữu trí tuệ'), ('district_officer', 'Cán bộ đơn vị (xã, phường, sở, ngành)'), ('council_secretary', 'Thư ký hội đồng sáng kiến'), ('auditor', 'Kiểm toán viên'), ('administrator', 'Quản trị hệ thống')], max_length=32, verbose_name='vai trò'),
        ),
        migrations.CreateModel(
            name='HistoricalOrganisationPlacement',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('history_ip_address', models.GenericIPAddressField(blank=True, null=True, verbose_name='địa chỉ IP')),
                ('history_channel', models.CharField(choices=[('web', 'Trang web'), ('api', 'API'), ('admin', 'Trang quản trị'), ('import', 'Nhập dữ liệu'), ('command', 'Lệnh quản trị')], default='command', max_length=16, verbose_name='kênh')),
                ('history_request_id', models.CharField(blank=True, default='', max_length=64, verbose_name='mã yêu cầu')),
                ('valid_from', models.DateField(blank=True, null=True, verbose_name='từ ngày')),
                ('valid_to', models.DateField(blank=True, null=True, verbose_name='đến hết ngày')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField()),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='directory.organisation', verbose_name='tổ chức')),
                ('unit', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='directory.administrativeunit', verbose_name='đơn vị hành chính')),
            ],
            options={
                'verbose_name': 'historical địa bàn của tổ chức',
                'verbose_name_plural': 'historical địa bàn của tổ chức',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
                'indexes': [models.Index(fields=['history_date', 'id'], name='directory_h_history_0a49be_idx')],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='OrganisationPlacement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('valid_from', models.DateField(blank=True, null=True, verbose_name='từ ngày')),
                ('valid_to', models.DateField(blank=True, null=True, verbose_name='đến hết ngày')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='placements', to='directory.organisation', verbose_name='tổ chức')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='placements', to='directory.administrativeunit', verbose_name='đơn vị hành chính')),
            ],
            options={
                'verbose_name': 'địa bàn của tổ chức',
                'verbose_name_plural': 'địa bàn của tổ chức',
                'ordering': ['organisation', 'valid_from'],
                'indexes': [models.Index(fields=['organisation', 'valid_from', 'valid_to'], name='placement_span_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('valid_from__isnull', True), ('valid_to__isnull', True), ('valid_to__gte', models.F('valid_from')), _connector='OR'), name='placement_valid_to_after_valid_from')],
            },
        ),
    ]
