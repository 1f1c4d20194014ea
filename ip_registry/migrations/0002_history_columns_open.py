"""Historical columns take any value and suppose none: nullable and without defaults, so that no later
migration fills them (an UPDATE the append-only triggers refuse) and a column added later holds nothing
in the rows written before it. One step per table (on SQLite, one copy of each table)."""

import audit.operations
import directory.models
import django.core.validators
import ip_registry.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('ip_registry', '0001_initial'),
    ]

    operations = [
        audit.operations.AlterHistoricalFields(
            model_name='historicalapplicationstep',
            fields=[
                ('from_status', models.CharField(blank=True, choices=[('preparing', 'Đang chuẩn bị hồ sơ'), ('filed', 'Đã nộp đơn'), ('formality_deficient', 'Thiếu sót hình thức'), ('accepted', 'Đơn hợp lệ'), ('published', 'Đã công bố'), ('opposed', 'Có ý kiến phản đối'), ('intended_grant', 'Dự định cấp văn bằng'), ('intended_refusal', 'Dự định từ chối'), ('granted', 'Đã cấp văn bằng'), ('refused', 'Bị từ chối'), ('under_complaint', 'Đang khiếu nại'), ('withdrawn', 'Đã rút đơn'), ('lapsed', 'Bị coi như rút bỏ')], max_length=32, null=True, verbose_name='từ trạng thái')),
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('note', models.TextField(blank=True, null=True, verbose_name='ghi chú')),
                ('on', models.DateField(blank=True, help_text='Ngày sự việc xảy ra, không phải ngày nhập.', null=True, verbose_name='ngày')),
                ('reason', models.TextField(blank=True, null=True, verbose_name='lý do')),
                ('recorded_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='ghi nhận lúc')),
                ('to_status', models.CharField(blank=True, choices=[('preparing', 'Đang chuẩn bị hồ sơ'), ('filed', 'Đã nộp đơn'), ('formality_deficient', 'Thiếu sót hình thức'), ('accepted', 'Đơn hợp lệ'), ('published', 'Đã công bố'), ('opposed', 'Có ý kiến phản đối'), ('intended_grant', 'Dự định cấp văn bằng'), ('intended_refusal', 'Dự định từ chối'), ('granted', 'Đã cấp văn bằng'), ('refused', 'Bị từ chối'), ('under_complaint', 'Đang khiếu nại'), ('withdrawn', 'Đã rút đơn'), ('lapsed', 'Bị coi như rút bỏ')], max_length=32, null=True, verbose_name='sang trạng thái')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicaldeadline',
            fields=[
                ('due_date', models.DateField(blank=True, null=True, verbose_name='hạn chót')),
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('kind', models.CharField(blank=True, choices=[('formality_examination', 'Thẩm định hình thức'), ('reply_formality', 'Sửa chữa thiếu sót hình thức'), ('publication', 'Công bố đơn'), ('opposition_window', 'Thời hạn phản đối đơn'), ('reply_opposition', 'Trả lời ý kiến phản đối'), ('substantive_examination', 'Thẩm định nội dung'), ('reply_refusal', 'Trả lời dự định từ chối'), ('grant_fees', 'Nộp phí, lệ phí cấp văn bằng'), ('complaint', 'Khiếu nại quyết định')], max_length=32, null=True, verbose_name='việc phải làm')),
                ('opened_on', models.DateField(blank=True, null=True, verbose_name='bắt đầu từ')),
                ('party', models.CharField(blank=True, choices=[('ip_office', 'Cục Sở hữu trí tuệ'), ('applicant', 'Người nộp đơn'), ('third_party', 'Bên thứ ba')], max_length=16, null=True, verbose_name='bên phải thực hiện')),
                ('state', models.CharField(blank=True, choices=[('open', 'Đang chờ'), ('met', 'Đã thực hiện'), ('missed', 'Quá hạn'), ('cancelled', 'Không còn áp dụng')], max_length=16, null=True, verbose_name='tình trạng')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicaldeadlinerule',
            fields=[
                ('active', models.BooleanField(blank=True, null=True, verbose_name='đang áp dụng')),
                ('application_kind', models.CharField(blank=True, choices=[('registration', 'Đăng ký xác lập quyền'), ('renewal', 'Gia hạn hiệu lực'), ('amendment', 'Sửa đổi văn bằng'), ('transfer', 'Chuyển nhượng'), ('termination', 'Yêu cầu chấm dứt hiệu lực'), ('invalidation', 'Yêu cầu hủy bỏ hiệu lực')], max_length=32, null=True, verbose_name='loại đơn')),
                ('asset_kind', models.CharField(blank=True, choices=[('geographical_indication', 'Chỉ dẫn địa lý'), ('certification_mark', 'Nhãn hiệu chứng nhận'), ('collective_mark', 'Nhãn hiệu tập thể'), ('mark', 'Nhãn hiệu thông thường'), ('plant_variety', 'Giống cây trồng'), ('copyright', 'Quyền tác giả')], help_text='Để trống: áp dụng cho mọi loại không có quy tắc riêng.', max_length=32, null=True, verbose_name='loại tài sản')),
                ('days', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='số ngày')),
                ('deadline', models.CharField(blank=True, choices=[('formality_examination', 'Thẩm định hình thức'), ('reply_formality', 'Sửa chữa thiếu sót hình thức'), ('publication', 'Công bố đơn'), ('opposition_window', 'Thời hạn phản đối đơn'), ('reply_opposition', 'Trả lời ý kiến phản đối'), ('substantive_examination', 'Thẩm định nội dung'), ('reply_refusal', 'Trả lời dự định từ chối'), ('grant_fees', 'Nộp phí, lệ phí cấp văn bằng'), ('complaint', 'Khiếu nại quyết định')], max_length=32, null=True, verbose_name='thời hạn')),
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('legal_basis', models.CharField(blank=True, max_length=300, null=True, verbose_name='căn cứ pháp lý')),
                ('months', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='số tháng')),
                ('opened_by', models.CharField(blank=True, choices=[('preparing', 'Đang chuẩn bị hồ sơ'), ('filed', 'Đã nộp đơn'), ('formality_deficient', 'Thiếu sót hình thức'), ('accepted', 'Đơn hợp lệ'), ('published', 'Đã công bố'), ('opposed', 'Có ý kiến phản đối'), ('intended_grant', 'Dự định cấp văn bằng'), ('intended_refusal', 'Dự định từ chối'), ('granted', 'Đã cấp văn bằng'), ('refused', 'Bị từ chối'), ('under_complaint', 'Đang khiếu nại'), ('withdrawn', 'Đã rút đơn'), ('lapsed', 'Bị coi như rút bỏ')], max_length=32, null=True, verbose_name='mở khi đơn chuyển sang')),
                ('party', models.CharField(blank=True, choices=[('ip_office', 'Cục Sở hữu trí tuệ'), ('applicant', 'Người nộp đơn'), ('third_party', 'Bên thứ ba')], max_length=16, null=True, verbose_name='bên phải thực hiện')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicaldocument',
            fields=[
                ('doc_type', models.CharField(blank=True, choices=[('regulations_on_use', 'Quy chế sử dụng'), ('gi_specification', 'Bản mô tả tính chất đặc thù'), ('map', 'Bản đồ khu vực địa lý'), ('certificate', 'Văn bằng bảo hộ'), ('ip_office_notice', 'Thông báo, quyết định của Cục SHTT'), ('support_decision', 'Quyết định hỗ trợ'), ('other', 'Khác')], max_length=32, null=True, verbose_name='loại tài liệu')),
                ('file', models.TextField(blank=True, max_length=100, null=True, verbose_name='tệp')),
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('sha256', models.CharField(blank=True, editable=False, max_length=64, null=True, verbose_name='mã băm SHA-256')),
                ('size', models.PositiveBigIntegerField(blank=True, editable=False, null=True, verbose_name='dung lượng (byte)')),
                ('title', directory.models.NFCCharField(blank=True, max_length=300, null=True, verbose_name='tiêu đề')),
                ('uploaded_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='tải lên lúc')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicalgrowingareacode',
            fields=[
                ('area_hectares', models.DecimalField(blank=True, decimal_places=2, max_digits=10, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='diện tích (ha)')),
                ('code', models.CharField(blank=True, db_index=True, max_length=64, null=True, verbose_name='mã số')),
                ('export_market', directory.models.NFCCharField(blank=True, max_length=100, null=True, verbose_name='thị trường xuất khẩu')),
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('issued_on', models.DateField(blank=True, null=True, verbose_name='ngày cấp')),
                ('issuing_body', directory.models.NFCCharField(blank=True, max_length=200, null=True, verbose_name='cơ quan cấp')),
                ('status', models.CharField(blank=True, choices=[('active', 'Đang hiệu lực'), ('suspended', 'Tạm dừng'), ('revoked', 'Bị thu hồi')], max_length=16, null=True, verbose_name='tình trạng')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicalinfringementcase',
            fields=[
                ('agencies', models.JSONField(blank=True, null=True, verbose_name='cơ quan tham gia')),
                ('description', models.TextField(blank=True, null=True, verbose_name='mô tả vụ việc')),
                ('goods_quantity', models.CharField(blank=True, max_length=200, null=True, verbose_name='số lượng hàng hóa')),
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('outcome', models.CharField(blank=True, choices=[('warning', 'Cảnh cáo'), ('fine', 'Phạt tiền'), ('goods_seized', 'Tịch thu hàng hóa'), ('goods_destroyed', 'Tiêu hủy hàng hóa'), ('referred_to_court', 'Chuyển cơ quan tố tụng'), ('dismissed', 'Không có vi phạm')], max_length=32, null=True, verbose_name='kết quả xử lý')),
                ('reported_on', models.DateField(blank=True, null=True, verbose_name='ngày phát hiện')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicalinfringementstep',
            fields=[
                ('action', models.TextField(blank=True, null=True, verbose_name='nội dung')),
                ('agency', models.CharField(blank=True, choices=[('police', 'Công an'), ('market_management', 'Quản lý thị trường'), ('industry_and_trade', 'Sở Công Thương'), ('other', 'Cơ quan khác')], max_length=32, null=True, verbose_name='cơ quan')),
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('on', models.DateField(blank=True, null=True, verbose_name='ngày')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicalipasset',
            fields=[
                ('authorising_decision', models.CharField(blank=True, help_text='Quyết định cho phép nộp đơn và giao quản lý chỉ dẫn địa lý.', max_length=300, null=True, verbose_name='quyết định của UBND tỉnh')),
                ('certificate_number', models.CharField(blank=True, max_length=50, null=True, verbose_name='số văn bằng')),
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('kind', models.CharField(blank=True, choices=[('geographical_indication', 'Chỉ dẫn địa lý'), ('certification_mark', 'Nhãn hiệu chứng nhận'), ('collective_mark', 'Nhãn hiệu tập thể'), ('mark', 'Nhãn hiệu thông thường'), ('plant_variety', 'Giống cây trồng'), ('copyright', 'Quyền tác giả')], max_length=32, null=True, verbose_name='loại tài sản trí tuệ')),
                ('name', directory.models.NFCCharField(blank=True, max_length=300, null=True, verbose_name='tên, dấu hiệu được bảo hộ')),
                ('nice_classes', models.CharField(blank=True, max_length=100, null=True, validators=[ip_registry.models.validate_nice_classes], verbose_name='nhóm Nice')),
                ('support_decision', models.CharField(blank=True, max_length=300, null=True, verbose_name='quyết định hỗ trợ của tỉnh')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicalipasset_area_units',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicalproduct',
            fields=[
                ('category', models.CharField(blank=True, choices=[('fruit', 'Trái cây'), ('livestock', 'Chăn nuôi'), ('processed_food', 'Nông sản chế biến'), ('tea', 'Chè'), ('crop', 'Cây trồng khác'), ('handicraft', 'Thủ công mỹ nghệ'), ('other', 'Khác')], max_length=32, null=True, verbose_name='nhóm sản phẩm')),
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('name', directory.models.NFCCharField(blank=True, db_index=True, max_length=200, null=True, verbose_name='tên sản phẩm')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicalproduct_units',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicalprotectionapplication',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('kind', models.CharField(blank=True, choices=[('registration', 'Đăng ký xác lập quyền'), ('renewal', 'Gia hạn hiệu lực'), ('amendment', 'Sửa đổi văn bằng'), ('transfer', 'Chuyển nhượng'), ('termination', 'Yêu cầu chấm dứt hiệu lực'), ('invalidation', 'Yêu cầu hủy bỏ hiệu lực')], max_length=32, null=True, verbose_name='loại đơn')),
                ('representative', directory.models.NFCCharField(blank=True, max_length=300, null=True, verbose_name='đại diện sở hữu công nghiệp')),
                ('status', models.CharField(blank=True, choices=[('preparing', 'Đang chuẩn bị hồ sơ'), ('filed', 'Đã nộp đơn'), ('formality_deficient', 'Thiếu sót hình thức'), ('accepted', 'Đơn hợp lệ'), ('published', 'Đã công bố'), ('opposed', 'Có ý kiến phản đối'), ('intended_grant', 'Dự định cấp văn bằng'), ('intended_refusal', 'Dự định từ chối'), ('granted', 'Đã cấp văn bằng'), ('refused', 'Bị từ chối'), ('under_complaint', 'Đang khiếu nại'), ('withdrawn', 'Đã rút đơn'), ('lapsed', 'Bị coi như rút bỏ')], max_length=32, null=True, verbose_name='trạng thái')),
            ],
        ),
        audit.operations.AlterHistoricalFields(
            model_name='historicaltarget',
            fields=[
                ('due_date', models.DateField(blank=True, null=True, verbose_name='thời hạn')),
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, null=True, verbose_name='ID')),
                ('indicator', models.CharField(blank=True, choices=[('gi_in_force', 'Số chỉ dẫn địa lý được bảo hộ'), ('certification_marks_in_force', 'Số nhãn hiệu chứng nhận được bảo hộ'), ('collective_marks_in_force', 'Số nhãn hiệu tập thể được bảo hộ'), ('applications_growth', 'Tăng trưởng số đơn đăng ký sở hữu công nghiệp (%/năm)')], max_length=40, null=True, verbose_name='chỉ tiêu')),
                ('legal_basis', models.CharField(blank=True, max_length=300, null=True, verbose_name='căn cứ')),
                ('value', models.DecimalField(blank=True, decimal_places=2, max_digits=10, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='giá trị')),
            ],
        ),
    ]
