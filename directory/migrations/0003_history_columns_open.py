"""Historical columns take any value and suppose none: nullable and without defaults, so that no later
migration fills them (an UPDATE the append-only triggers refuse) and a column added later holds nothing
in the rows written before it. One step per table (on SQLite, one copy of each table)."""

import audit.operations
import directory.models
import django.contrib.auth.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0002_unaccent_extension'),
    ]

    operations = [
        audit.operations.AlterHistoricalFields(
            model_name='historicaladministrativeunit',
            fields=[
                ('code', models.CharField(blank=True, db_index=True, max_length=32, null=True, verbose_name='mã')),
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('kind', models.CharField(blank=True, choices=[('province', 'Tỉnh'), ('city', 'Thành phố'), ('town', 'Thị xã'), ('district', 'Huyện'), ('commune', 'Xã'), ('ward', 'Phường'), ('department', 'Sở, ngành')], max_length=16, null=True, verbose_name='loại')),
                ('legal_act', models.CharField(blank=True, max_length=500, null=True, verbose_name='văn bản thành lập hoặc thay đổi')),
                ('name', directory.models.NFCCharField(blank=True, max_length=200, null=True, verbose_name='tên')),
                ('valid_from', models.DateField(blank=True, null=True, verbose_name='có hiệu lực từ')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicalorganisation',
            fields=[
                ('address', directory.models.NFCCharField(blank=True, max_length=300, null=True, verbose_name='địa chỉ')),
                ('contact_person', directory.models.NFCCharField(blank=True, max_length=200, null=True, verbose_name='người liên hệ')),
                ('email', models.EmailField(blank=True, max_length=254, null=True, verbose_name='thư điện tử')),
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('kind', models.CharField(blank=True, choices=[('cooperative', 'Hợp tác xã'), ('producer_association', 'Hội sản xuất'), ('enterprise', 'Doanh nghiệp'), ('state_body', 'Cơ quan nhà nước'), ('school', 'Trường học'), ('hospital', 'Bệnh viện'), ('individual', 'Cá nhân'), ('other', 'Khác')], max_length=32, null=True, verbose_name='loại hình')),
                ('name', directory.models.NFCCharField(blank=True, max_length=300, null=True, verbose_name='tên')),
                ('phone', models.CharField(blank=True, max_length=32, null=True, verbose_name='điện thoại')),
                ('tax_code', models.CharField(blank=True, max_length=14, null=True, validators=[directory.models.validate_tax_code], verbose_name='mã số thuế')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicalroleassignment',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('role', models.CharField(blank=True, choices=[('ip_officer', 'Cán bộ sở hữu trí tuệ'), ('district_officer', 'Cán bộ huyện/sở, ngành'), ('council_secretary', 'Thư ký hội đồng sáng kiến'), ('auditor', 'Kiểm toán viên'), ('administrator', 'Quản trị hệ thống')], max_length=32, null=True, verbose_name='vai trò')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicalunitsuccession',
            fields=[
                ('effective_on', models.DateField(blank=True, null=True, verbose_name='có hiệu lực từ')),
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('legal_act', models.CharField(blank=True, max_length=500, null=True, verbose_name='văn bản')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicaluser',
            fields=[
                ('date_joined', models.DateTimeField(blank=True, null=True, verbose_name='date joined')),
                ('email', models.EmailField(blank=True, max_length=254, null=True, verbose_name='email address')),
                ('first_name', models.CharField(blank=True, max_length=150, null=True, verbose_name='first name')),
                ('full_name', directory.models.NFCCharField(blank=True, max_length=200, null=True, verbose_name='họ và tên')),
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('is_active', models.BooleanField(blank=True, help_text='Designates whether this user should be treated as active. Unselect this instead of deleting accounts.', null=True, verbose_name='active')),
                ('is_staff', models.BooleanField(blank=True, help_text='Designates whether the user can log into this admin site.', null=True, verbose_name='staff status')),
                ('is_superuser', models.BooleanField(blank=True, help_text='Designates that this user has all permissions without explicitly assigning them.', null=True, verbose_name='superuser status')),
                ('last_name', models.CharField(blank=True, max_length=150, null=True, verbose_name='last name')),
                ('username', models.CharField(blank=True, db_index=True, error_messages={'unique': 'A user with that username already exists.'}, help_text='Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.', max_length=150, null=True, validators=[django.contrib.auth.validators.UnicodeUsernameValidator()], verbose_name='username')),
            ],
        ),
    ]
