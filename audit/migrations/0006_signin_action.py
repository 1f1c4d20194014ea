"""One more action in the log: a sign-in, a failed sign-in or a lock-out (see directory.sign_in).

Only the field's choices change: no SQL, and the events' hashed format (audit.canonical) is the same."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0005_history_layouts'),
    ]

    operations = [
        migrations.AlterField(
            model_name='auditevent',
            name='action',
            field=models.CharField(choices=[('create', 'Tạo mới'), ('update', 'Sửa'), ('delete', 'Xoá'), ('workflow', 'Chuyển bước quy trình'), ('import', 'Nhập dữ liệu'), ('export', 'Xuất dữ liệu'), ('signin', 'Đăng nhập'), ('layout', 'Ghi cấu trúc bảng lịch sử'), ('schema', 'Nâng cấp cơ sở dữ liệu')], max_length=16, verbose_name='hành động'),
        ),
    ]
