"""Two more actions in the log: a table's layout recorded, and a database upgrade (see audit.upgrades)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0003_event_indexes'),
    ]

    operations = [
        migrations.AlterField(
            model_name='auditevent',
            name='action',
            field=models.CharField(choices=[('create', 'Tạo mới'), ('update', 'Sửa'), ('delete', 'Xoá'), ('workflow', 'Chuyển bước quy trình'), ('import', 'Nhập dữ liệu'), ('export', 'Xuất dữ liệu'), ('layout', 'Ghi cấu trúc bảng lịch sử'), ('schema', 'Nâng cấp cơ sở dữ liệu')], max_length=16, verbose_name='hành động'),
        ),
    ]
