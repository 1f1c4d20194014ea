"""Historical columns take any value and suppose none: nullable and without defaults, so that no later
migration fills them (an UPDATE the append-only triggers refuse) and a column added later holds nothing
in the rows written before it. One step per table (on SQLite, one copy of each table)."""

import audit.operations
import directory.models
import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('initiatives', '0001_initial'),
    ]

    operations = [
        audit.operations.AlterHistoricalFields(
            model_name='historicalattachment',
            fields=[
                ('file', models.TextField(blank=True, max_length=100, null=True, verbose_name='tệp')),
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('sha256', models.CharField(blank=True, editable=False, max_length=64, null=True, verbose_name='mã băm SHA-256')),
                ('size', models.PositiveBigIntegerField(blank=True, editable=False, null=True, verbose_name='dung lượng (byte)')),
                ('title', directory.models.NFCCharField(blank=True, max_length=300, null=True, verbose_name='tiêu đề')),
                ('uploaded_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='tải lên lúc')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicalcouncilvote',
            fields=[
                ('council', models.CharField(blank=True, choices=[('base', 'Hội đồng cấp cơ sở'), ('provincial', 'Hội đồng cấp tỉnh'), ('national', 'Hội đồng cấp toàn quốc')], max_length=16, null=True, verbose_name='hội đồng')),
                ('held_on', models.DateField(blank=True, null=True, verbose_name='ngày họp')),
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('members_present', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1)], verbose_name='số thành viên có mặt')),
                ('members_seated', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1)], verbose_name='số thành viên hội đồng')),
                ('votes_abstaining', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='không biểu quyết')),
                ('votes_against', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='không tán thành')),
                ('votes_for', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='tán thành')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicalinitiative',
            fields=[
                ('base_certificate', models.CharField(blank=True, max_length=100, null=True, verbose_name='giấy chứng nhận cấp cơ sở')),
                ('confidential_part', models.TextField(blank=True, help_text='Chỉ thư ký hội đồng, cán bộ sở hữu trí tuệ, kiểm toán viên và đơn vị nộp đơn được xem.', null=True, verbose_name='nội dung cần giữ bí mật')),
                ('description', models.TextField(blank=True, null=True, verbose_name='mô tả sáng kiến')),
                ('field', models.CharField(blank=True, choices=[('education', 'Giáo dục'), ('health', 'Y tế'), ('agriculture', 'Nông nghiệp'), ('industry', 'Công nghiệp'), ('administration', 'Hành chính'), ('other', 'Khác')], max_length=32, null=True, verbose_name='lĩnh vực')),
                ('filed_on', models.DateField(blank=True, null=True, verbose_name='ngày nộp đơn')),
                ('first_applied_on', models.DateField(blank=True, null=True, verbose_name='ngày áp dụng lần đầu (hoặc thử)')),
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('national_decision', models.CharField(blank=True, max_length=100, null=True, verbose_name='quyết định công nhận toàn quốc')),
                ('provincial_decision', models.CharField(blank=True, max_length=100, null=True, verbose_name='quyết định công nhận cấp tỉnh')),
                ('status', models.CharField(blank=True, choices=[('filed', 'Đã nộp đơn'), ('registered', 'Đã tiếp nhận'), ('returned', 'Trả lại để sửa đổi'), ('under_review', 'Hội đồng đang xem xét'), ('recognised', 'Được công nhận cấp cơ sở'), ('refused', 'Không được công nhận'), ('proposed_provincial', 'Đề nghị công nhận phạm vi cấp tỉnh'), ('recognised_provincial', 'Có phạm vi ảnh hưởng cấp tỉnh'), ('not_recognised_provincial', 'Không được công nhận cấp tỉnh'), ('proposed_national', 'Đề nghị công nhận phạm vi toàn quốc'), ('recognised_national', 'Có phạm vi ảnh hưởng toàn quốc')], max_length=32, null=True, verbose_name='trạng thái')),
                ('title', directory.models.NFCCharField(blank=True, max_length=300, null=True, verbose_name='tên sáng kiến')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicalinitiativeauthor',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('job_title', directory.models.NFCCharField(blank=True, max_length=200, null=True, verbose_name='chức danh')),
                ('name', directory.models.NFCCharField(blank=True, max_length=200, null=True, verbose_name='họ và tên')),
                ('share_percent', models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True, validators=[django.core.validators.MinValueValidator(0.01), django.core.validators.MaxValueValidator(100)], verbose_name='tỷ lệ đóng góp (%)')),
                ('workplace', directory.models.NFCCharField(blank=True, max_length=300, null=True, verbose_name='nơi công tác')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicalinitiativestep',
            fields=[
                ('decision_ref', models.CharField(blank=True, max_length=100, null=True, verbose_name='số quyết định, giấy chứng nhận')),
                ('from_status', models.CharField(blank=True, choices=[('filed', 'Đã nộp đơn'), ('registered', 'Đã tiếp nhận'), ('returned', 'Trả lại để sửa đổi'), ('under_review', 'Hội đồng đang xem xét'), ('recognised', 'Được công nhận cấp cơ sở'), ('refused', 'Không được công nhận'), ('proposed_provincial', 'Đề nghị công nhận phạm vi cấp tỉnh'), ('recognised_provincial', 'Có phạm vi ảnh hưởng cấp tỉnh'), ('not_recognised_provincial', 'Không được công nhận cấp tỉnh'), ('proposed_national', 'Đề nghị công nhận phạm vi toàn quốc'), ('recognised_national', 'Có phạm vi ảnh hưởng toàn quốc')], max_length=32, null=True, verbose_name='từ trạng thái')),
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('on', models.DateField(blank=True, null=True, verbose_name='ngày')),
                ('reason', models.TextField(blank=True, null=True, verbose_name='lý do')),
                ('to_status', models.CharField(blank=True, choices=[('filed', 'Đã nộp đơn'), ('registered', 'Đã tiếp nhận'), ('returned', 'Trả lại để sửa đổi'), ('under_review', 'Hội đồng đang xem xét'), ('recognised', 'Được công nhận cấp cơ sở'), ('refused', 'Không được công nhận'), ('proposed_provincial', 'Đề nghị công nhận phạm vi cấp tỉnh'), ('recognised_provincial', 'Có phạm vi ảnh hưởng cấp tỉnh'), ('not_recognised_provincial', 'Không được công nhận cấp tỉnh'), ('proposed_national', 'Đề nghị công nhận phạm vi toàn quốc'), ('recognised_national', 'Có phạm vi ảnh hưởng toàn quốc')], max_length=32, null=True, verbose_name='sang trạng thái')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicalprogressupdate',
            fields=[
                ('decrease_reason', models.TextField(blank=True, null=True, verbose_name='lý do tiến độ giảm')),
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('note', models.TextField(blank=True, null=True, verbose_name='ghi chú')),
                ('on', models.DateField(blank=True, null=True, verbose_name='ngày')),
                ('percent', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MaxValueValidator(100)], verbose_name='tiến độ (%)')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicalremunerationpayment',
            fields=[
                ('amount', models.PositiveBigIntegerField(blank=True, null=True, verbose_name='số tiền trả (đồng)')),
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('paid_on', models.DateField(blank=True, null=True, verbose_name='ngày trả')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicalreplicationnomination',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('justification', models.TextField(blank=True, help_text='Bắt buộc khi đơn vị đã có từ 3 sáng kiến nhân rộng trong năm.', null=True, verbose_name='giải trình khi vượt 3 sáng kiến')),
                ('nominated_on', models.DateField(blank=True, null=True, verbose_name='ngày đăng ký')),
                ('reason', models.TextField(blank=True, null=True, verbose_name='lý do lựa chọn')),
                ('school_levels', models.JSONField(blank=True, null=True, verbose_name='cấp học áp dụng')),
                ('status', models.CharField(blank=True, choices=[('nominated', 'Đã đăng ký nhân rộng'), ('approved', 'Đã được phê duyệt'), ('replicating', 'Đang nhân rộng'), ('completed', 'Đã hoàn thành'), ('withdrawn', 'Đã rút')], max_length=16, null=True, verbose_name='trạng thái')),
                ('status_reason', models.TextField(blank=True, null=True, verbose_name='lý do thay đổi trạng thái')),
                ('year', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(2021), django.core.validators.MaxValueValidator(2100)], verbose_name='năm')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicalreplicationsite',
            fields=[
                ('abandon_reason', models.TextField(blank=True, null=True, verbose_name='lý do dừng')),
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('place_kind', models.CharField(blank=True, choices=[('commune', 'Xã, phường'), ('school', 'Trường học'), ('agency', 'Cơ quan, đơn vị')], max_length=16, null=True, verbose_name='loại địa điểm')),
                ('place_name', directory.models.NFCCharField(blank=True, max_length=300, null=True, verbose_name='tên địa điểm')),
                ('responsible_person', directory.models.NFCCharField(blank=True, max_length=200, null=True, verbose_name='người phụ trách')),
                ('started_on', models.DateField(blank=True, null=True, verbose_name='ngày bắt đầu')),
                ('status', models.CharField(blank=True, choices=[('planned', 'Đã lên kế hoạch'), ('in_progress', 'Đang triển khai'), ('completed', 'Đã hoàn thành'), ('abandoned', 'Dừng triển khai')], max_length=16, null=True, verbose_name='trạng thái')),
            ],
        ),
    ]
