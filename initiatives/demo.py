"""Demo data for initiatives: applications at every stage of recognition, and two years of replication.

Loaded by ``python manage.py load_demo_data`` after the directory (whose units and organisations it uses),
through the services only, so every row has its history. The story it tells:

- about thirty initiatives from schools, hospitals, cooperatives, enterprises and People's Committees of
  every district, filed from 2021 on: some just filed, some registered and overdue for the base-level
  decision, one returned for correction, one refused, many recognised at base level, twelve holding
  province-level scope (one of them recognised nationally, one proposed), one that failed the provincial
  vote;
- 2024: every district-level unit of that year (Yên Dũng included) replicating 2–3 of them, Lục Ngạn four
  with a justification; sites with progress, one decrease after typhoon Yagi, one site abandoned;
- 2025: the board of the units in force on 30/06/2025 (thị xã Chũ, no more Yên Dũng), a year in progress
  with some districts below target; the Department of Education replicating across school levels.

The initiative services run with ``actor=None`` (they check a district officer's or the council
secretary's rights only for a named actor, and the loader may hold neither role) inside
``acting_as(actor)``: ``audited_write`` then takes the actor from that context, so the history names
whoever ran the load. Loading twice changes nothing: an initiative whose title exists is skipped with
its whole walk, and so is a nomination that exists for its initiative, unit and year.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from audit import acting_as
from audit.context import current
from directory import demo as directory_demo
from directory import services as directory_services
from directory.models import AdministrativeUnit, Organisation
from directory.models import OrganisationKind as OK
from initiatives import services
from initiatives.models import Initiative, InitiativeField, ReplicationNomination, ReplicationSite, SchoolLevel
from initiatives.workflow import CouncilLevel, NominationStatus, SiteStatus
from initiatives.workflow import InitiativeStatus as S

D = dt.date
F = InitiativeField
PLACE = ReplicationSite.PlaceKind
REASON = "Nạp dữ liệu mẫu"


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


# Organisations ------------------------------------------------------------------------------------

# key: (name, kind, unit code). Those the directory's demo already holds are reused as they are.
ORGANISATIONS = {
    "thcs-cao-thuong": ("Trường THCS Cao Thượng", OK.SCHOOL, "bg.tan-yen"),
    "bvdk-luc-ngan": ("Bệnh viện Đa khoa huyện Lục Ngạn", OK.HOSPITAL, "bg.luc-ngan"),
    "htx-phuong-son": ("Hợp tác xã Nông nghiệp Phượng Sơn", OK.COOPERATIVE, "bg.tx-chu.phuong-son"),
    "ubnd-tt-thang": ("Ủy ban nhân dân thị trấn Thắng", OK.STATE_BODY, "bg.hiep-hoa"),
    "thuy-loi-lang-giang": ("Xí nghiệp Khai thác công trình thủy lợi Lạng Giang", OK.ENTERPRISE, "bg.lang-giang"),
    "thpt-luc-ngan-1": ("Trường THPT Lục Ngạn số 1", OK.SCHOOL, "bg.so-gddt"),
    "co-khi-dinh-tram": ("Công ty TNHH Cơ khí chính xác Đình Trám", OK.ENTERPRISE, "bg.tx-viet-yen"),
    "ubnd-p-tran-phu": ("Ủy ban nhân dân phường Trần Phú", OK.STATE_BODY, "bg.tp-bac-giang"),
    "ttyt-yen-the": ("Trung tâm Y tế huyện Yên Thế", OK.HOSPITAL, "bg.yen-the"),
    "khuyen-nong-luc-nam": ("Trạm Khuyến nông huyện Lục Nam", OK.STATE_BODY, "bg.luc-nam"),
    "ptdtbt-an-lac": ("Trường Phổ thông dân tộc bán trú THCS An Lạc", OK.SCHOOL, "bg.son-dong"),
    "htx-ga-dong-tam": ("Hợp tác xã Chăn nuôi gà đồi Đồng Tâm", OK.COOPERATIVE, "bg.yen-the"),
    "bql-cho-neo": ("Ban Quản lý chợ thị trấn Neo", OK.STATE_BODY, "bg.yen-dung"),
    "thcs-doi-ngo": ("Trường THCS Thị trấn Đồi Ngô", OK.SCHOOL, "bg.luc-nam"),
    "mn-hoa-sen": ("Trường Mầm non Hoa Sen", OK.SCHOOL, "bg.yen-dung"),
    "ttyt-tan-yen": ("Trung tâm Y tế huyện Tân Yên", OK.HOSPITAL, "bg.tan-yen"),
    "htx-my-chu": ("Hợp tác xã Mỳ Chũ", OK.COOPERATIVE, "bg.tx-chu.chu"),
    "may-hiep-hoa": ("Công ty TNHH May mặc Hiệp Hòa", OK.ENTERPRISE, "bg.hiep-hoa"),
    "vp-son-dong": ("Văn phòng HĐND và UBND huyện Sơn Động", OK.STATE_BODY, "bg.son-dong"),
    "ubnd-dong-hung": ("Ủy ban nhân dân xã Đông Hưng", OK.STATE_BODY, "bg.luc-nam.dong-hung"),
    "ttvh-lang-giang": ("Trung tâm Văn hóa – Thông tin và Thể thao huyện Lạng Giang", OK.STATE_BODY,
                        "bg.lang-giang"),
    "gdnn-lang-giang": ("Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên huyện Lạng Giang", OK.SCHOOL,
                        "bg.lang-giang"),
    "thcs-thanh-hai": ("Trường THCS Thanh Hải", OK.SCHOOL, "bg.tx-chu"),
    "th-le-loi": ("Trường Tiểu học Lê Lợi", OK.SCHOOL, "bg.tp-bac-giang"),
    # Since 1 July 2025 (the merged province of Bắc Ninh, no district level) schools and centres answer to
    # the new province's departments.
    "thpt-hiep-hoa-1": ("Trường THPT Hiệp Hòa số 1", OK.SCHOOL, "bn.so-gddt"),
    "thpt-son-dong-1": ("Trường THPT Sơn Động số 1", OK.SCHOOL, "bn.so-gddt"),
    "ung-dung-khcn": ("Trung tâm Ứng dụng khoa học và công nghệ tỉnh Bắc Ninh", OK.STATE_BODY, "bn.so-khcn"),
    "tdc": ("Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng tỉnh Bắc Ninh", OK.STATE_BODY, "bn.so-khcn"),
}


# The shape of the plans ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Author:
    name: str
    birth_year: int
    job_title: str
    share: int
    workplace: str = ""  # the initiative's organisation when left out


@dataclass(frozen=True)
class Advance:
    to: str
    on: dt.date
    reason: str = ""
    decision: str = ""


@dataclass(frozen=True)
class Vote:
    council: str
    held_on: dt.date
    seated: int
    present: int
    votes_for: int
    abstaining: int = 0


@dataclass(frozen=True)
class Pay:
    paid_on: dt.date
    amount: int
    application_year: int | None = None
    benefit: int | None = None
    rate: str | None = None
    transfer_price: int | None = None
    reason: str = ""


@dataclass(frozen=True)
class InitiativePlan:
    key: str
    title: str
    field: str
    organisation: str
    filed_on: dt.date
    first_applied_on: dt.date
    description: str
    authors: tuple[Author, ...]
    walk: tuple = ()
    first_application_ended_on: dt.date | None = None
    investor: str | None = None
    confidential_part: str = ""
    expected_benefit: int | None = None
    actual_benefit: int | None = None


def base(registered: dt.date, recognised: dt.date, certificate: str, *, seated=7, present=7, votes_for=7):
    """Registered, reviewed by the unit's council and recognised at base level."""
    return (
        Advance(S.REGISTERED, registered),
        Advance(S.UNDER_REVIEW, registered + days(10)),
        Vote(CouncilLevel.BASE, recognised - days(7), seated, present, votes_for),
        Advance(S.RECOGNISED, recognised, decision=certificate),
    )


def provincial(proposed: dt.date, recognised: dt.date, decision: str, *, seated=11, present=10, votes_for=9):
    """Proposed by the unit and recognised by the provincial council as of province-level scope."""
    return (
        Advance(S.PROPOSED_PROVINCIAL, proposed, reason="Đã áp dụng có hiệu quả, có khả năng nhân rộng toàn tỉnh"),
        Vote(CouncilLevel.PROVINCIAL, recognised - days(14), seated, present, votes_for),
        Advance(S.RECOGNISED_PROVINCIAL, recognised, decision=decision),
    )


# Initiatives --------------------------------------------------------------------------------------

def initiative_plans(today: dt.date) -> list[InitiativePlan]:
    """The initiatives, in the order they were filed. Only the recent ones depend on ``today``."""
    return [
        # --- Province-level scope -----------------------------------------------------------------
        InitiativePlan(
            key="stations",
            title="Dạy học theo trạm kết hợp phiếu học tập số trong môn Toán lớp 6",
            field=F.EDUCATION, organisation="thcs-cao-thuong",
            filed_on=D(2021, 10, 12), first_applied_on=D(2021, 9, 6), first_application_ended_on=D(2022, 1, 14),
            description=(
                "Lớp học được chia thành bốn trạm (khám phá, luyện tập, vận dụng, tự đánh giá); học sinh luân "
                "phiên theo nhóm, mỗi trạm có phiếu học tập số trên máy tính bảng để giáo viên theo dõi tiến độ "
                "từng em. Tỷ lệ học sinh đạt điểm khá, giỏi môn Toán lớp 6 tăng từ 48% lên 63% sau một học kỳ."
            ),
            authors=(Author("Nguyễn Thị Thu Hà", 1986, "Giáo viên Toán", 60),
                     Author("Trần Văn Khải", 1979, "Phó Hiệu trưởng", 40)),
            expected_benefit=45_000_000, actual_benefit=52_000_000,
            walk=(*base(D(2022, 1, 20), D(2022, 3, 18), "QĐ 24/QĐ-THCSCT"),
                  *provincial(D(2022, 4, 5), D(2022, 6, 20), "QĐ 812/QĐ-UBND")),
        ),
        InitiativePlan(
            key="triage",
            title="Phân loại người bệnh theo mã màu tại khoa Khám bệnh để rút ngắn thời gian chờ",
            field=F.HEALTH, organisation="bvdk-luc-ngan",
            filed_on=D(2021, 11, 2), first_applied_on=D(2021, 7, 1), first_application_ended_on=D(2021, 12, 31),
            description=(
                "Điều dưỡng tiếp đón đánh giá nhanh dấu hiệu sinh tồn và gắn thẻ màu (đỏ, vàng, xanh) ngay tại "
                "cửa khoa Khám bệnh; người bệnh thẻ đỏ vào thẳng phòng cấp cứu, thẻ xanh được hướng dẫn khám theo "
                "luồng riêng. Thời gian chờ khám trung bình giảm từ 62 xuống 35 phút."
            ),
            authors=(Author("Hoàng Văn Tuấn", 1975, "Trưởng khoa Khám bệnh, bác sĩ chuyên khoa II", 50),
                     Author("Lương Thị Nga", 1988, "Điều dưỡng trưởng khoa", 30),
                     Author("Nông Văn Thắng", 1990, "Bác sĩ", 20)),
            expected_benefit=120_000_000, actual_benefit=150_000_000,
            walk=(*base(D(2022, 1, 10), D(2022, 4, 8), "QĐ 215/QĐ-BVĐK", seated=9, present=9, votes_for=8),
                  *provincial(D(2022, 6, 1), D(2022, 9, 15), "QĐ 1156/QĐ-UBND")),
        ),
        InitiativePlan(
            key="lychee-drying",
            title="Quy trình sấy vải thiều bằng lò hơi nóng gián tiếp có điều khiển nhiệt độ tự động",
            field=F.AGRICULTURE, organisation="htx-phuong-son", investor="htx-phuong-son",
            filed_on=D(2022, 2, 18), first_applied_on=D(2021, 6, 10), first_application_ended_on=D(2021, 7, 31),
            description=(
                "Thay lò sấy đốt củi trực tiếp bằng lò hơi nóng gián tiếp, buồng sấy có cảm biến nhiệt độ, độ ẩm "
                "và bộ điều khiển tự động theo ba giai đoạn. Vải sấy không ám khói, màu đều, tỷ lệ hao hụt giảm "
                "từ 12% xuống 5%; giá bán vải sấy tăng 8.000 đồng/kg."
            ),
            confidential_part=(
                "Đường cong nhiệt độ – thời gian của ba giai đoạn sấy và ngưỡng độ ẩm chuyển giai đoạn do hợp "
                "tác xã đầu tư thử nghiệm."
            ),
            authors=(Author("Vi Văn Thành", 1968, "Giám đốc hợp tác xã", 50),
                     Author("Đặng Thị Hòa", 1982, "Kỹ thuật viên", 30),
                     Author("Nguyễn Văn Quyết", 1977, "Kỹ sư cơ điện", 20, "Công ty TNHH Cơ điện Lục Ngạn")),
            expected_benefit=400_000_000, actual_benefit=515_000_000,
            walk=(*base(D(2022, 3, 1), D(2022, 5, 20), "QĐ 08/QĐ-HTXPS", seated=5, present=5, votes_for=5),
                  *provincial(D(2022, 8, 10), D(2022, 11, 28), "QĐ 1487/QĐ-UBND", votes_for=10),
                  Pay(D(2022, 12, 20), 29_400_000, application_year=1, benefit=420_000_000, rate="7",
                      reason="Thù lao năm áp dụng thứ nhất"),
                  Pay(D(2023, 12, 15), 38_625_000, application_year=2, benefit=515_000_000, rate="7.5",
                      reason="Thù lao năm áp dụng thứ hai"),
                  Pay(D(2024, 12, 18), 44_800_000, application_year=3, benefit=560_000_000, rate="8",
                      reason="Thù lao năm áp dụng thứ ba")),
        ),
        InitiativePlan(
            key="one-stop",
            title="Tiếp nhận và trả kết quả thủ tục hành chính “một cửa” theo lịch hẹn qua Zalo",
            field=F.ADMINISTRATION, organisation="ubnd-tt-thang",
            filed_on=D(2022, 8, 22), first_applied_on=D(2022, 3, 1), first_application_ended_on=D(2022, 8, 31),
            description=(
                "Người dân đặt lịch nộp hồ sơ qua tài khoản Zalo chính thức của thị trấn, nhận danh mục giấy tờ "
                "cần mang và thông báo khi có kết quả; bộ phận một cửa bố trí cán bộ theo lịch hẹn. Số lượt phải "
                "đi lại bổ sung hồ sơ giảm 70%, không còn hồ sơ trễ hạn."
            ),
            authors=(Author("Ngô Thị Phương", 1987, "Công chức Văn phòng – Thống kê", 70),
                     Author("Dương Văn Hải", 1972, "Phó Chủ tịch UBND thị trấn", 30)),
            expected_benefit=60_000_000, actual_benefit=75_000_000,
            walk=(*base(D(2022, 9, 5), D(2022, 12, 9), "QĐ 1520/QĐ-UBND"),
                  *provincial(D(2023, 1, 10), D(2023, 3, 22), "QĐ 356/QĐ-UBND")),
        ),
        InitiativePlan(
            key="irrigation",
            title="Ứng dụng điện thoại lập lịch tưới luân phiên theo mực nước kênh cho các tổ dùng nước",
            field=F.AGRICULTURE, organisation="thuy-loi-lang-giang",
            filed_on=D(2022, 10, 3), first_applied_on=D(2022, 2, 15), first_application_ended_on=D(2022, 9, 30),
            description=(
                "Cảm biến mực nước tại các cống đầu kênh gửi số liệu về ứng dụng; ứng dụng lập lịch mở cống luân "
                "phiên cho từng tổ dùng nước và nhắn tin cho tổ trưởng. Lượng nước bơm giảm 18%, tiền điện bơm "
                "giảm khoảng 210 triệu đồng/năm, không còn tranh chấp nước giữa các thôn cuối kênh."
            ),
            confidential_part="Mã nguồn mô-đun tính lịch tưới và khóa truy cập máy chủ thu thập số liệu.",
            authors=(Author("Phạm Đức Long", 1984, "Kỹ sư thủy lợi", 55),
                     Author("Lê Thị Kim Oanh", 1991, "Kỹ sư công nghệ thông tin", 45)),
            expected_benefit=180_000_000, actual_benefit=210_000_000,
            walk=(*base(D(2022, 10, 17), D(2023, 1, 6), "QĐ 03/QĐ-XNTL"),
                  *provincial(D(2023, 2, 20), D(2023, 5, 30), "QĐ 702/QĐ-UBND")),
        ),
        InitiativePlan(
            key="chicken",
            title="Lịch tiêm phòng và chăm sóc gà đồi theo giai đoạn, ghi chép bằng mã QR truy xuất nguồn gốc",
            field=F.AGRICULTURE, organisation="htx-ga-dong-tam", investor="htx-ga-dong-tam",
            filed_on=D(2022, 11, 14), first_applied_on=D(2022, 1, 10), first_application_ended_on=D(2022, 10, 31),
            description=(
                "Mỗi lứa gà có một mã QR; thành viên ghi lịch tiêm phòng, thức ăn, thuốc thú y theo bảng giai "
                "đoạn do hợp tác xã ban hành. Tỷ lệ gà hao hụt giảm từ 9% xuống 4%, lô gà đủ hồ sơ truy xuất được "
                "các siêu thị ở Hà Nội thu mua giá cao hơn 5.000 đồng/kg."
            ),
            authors=(Author("Giáp Văn Dũng", 1974, "Giám đốc hợp tác xã", 60),
                     Author("Hà Thị Thúy", 1989, "Cán bộ thú y", 40, "Trạm Chăn nuôi và Thú y huyện Yên Thế")),
            expected_benefit=300_000_000, actual_benefit=340_000_000,
            walk=(*base(D(2022, 11, 28), D(2023, 2, 17), "QĐ 05/QĐ-HTXĐT", seated=5, present=5, votes_for=4),
                  *provincial(D(2023, 3, 20), D(2023, 6, 29), "QĐ 845/QĐ-UBND"),
                  Pay(D(2023, 12, 28), 23_800_000, application_year=1, benefit=340_000_000, rate="7",
                      reason="Thù lao năm áp dụng thứ nhất"),
                  Pay(D(2024, 12, 26), 28_000_000, application_year=2, benefit=350_000_000, rate="8",
                      reason="Thù lao năm áp dụng thứ hai")),
        ),
        InitiativePlan(
            key="physics-lab",
            title="Xây dựng phòng thí nghiệm Vật lý ảo cho học sinh trung học phổ thông",
            field=F.EDUCATION, organisation="thpt-luc-ngan-1",
            filed_on=D(2022, 12, 5), first_applied_on=D(2022, 9, 5), first_application_ended_on=D(2022, 12, 31),
            description=(
                "Bộ 42 thí nghiệm mô phỏng chương trình Vật lý 10–12 chạy trên trình duyệt, kèm phiếu hướng dẫn "
                "và câu hỏi đánh giá; dùng được ở trường thiếu thiết bị thí nghiệm thật và khi học trực tuyến. "
                "Tỷ lệ học sinh hoàn thành bài thực hành tăng từ 55% lên 92%."
            ),
            authors=(Author("Đỗ Minh Tâm", 1983, "Tổ trưởng chuyên môn Vật lý", 40),
                     Author("Vũ Thị Hồng Nhung", 1990, "Giáo viên Vật lý", 35),
                     Author("Chu Văn Lực", 1987, "Giáo viên Tin học", 25)),
            expected_benefit=80_000_000, actual_benefit=95_000_000,
            walk=(*base(D(2023, 1, 9), D(2023, 3, 24), "QĐ 41/QĐ-THPTLN1"),
                  *provincial(D(2023, 5, 4), D(2023, 8, 17), "QĐ 1043/QĐ-UBND", votes_for=10),
                  Advance(S.PROPOSED_NATIONAL, D(2024, 5, 20),
                          reason="Đề nghị Bộ Giáo dục và Đào tạo xét công nhận phạm vi toàn quốc"),
                  Vote(CouncilLevel.NATIONAL, D(2024, 11, 8), 15, 13, 12),
                  Advance(S.RECOGNISED_NATIONAL, D(2024, 12, 2), decision="QĐ 3671/QĐ-BGDĐT")),
        ),
        InitiativePlan(
            key="cnc-fixture",
            title="Cải tiến đồ gá phay CNC thay nhanh cho chi tiết vỏ hộp số",
            field=F.INDUSTRY, organisation="co-khi-dinh-tram", investor="co-khi-dinh-tram",
            filed_on=D(2023, 2, 13), first_applied_on=D(2022, 8, 1), first_application_ended_on=D(2023, 1, 31),
            description=(
                "Đồ gá định vị bằng chốt côn và kẹp khí nén cho phép thay phôi vỏ hộp số không cần rà lại gốc "
                "tọa độ. Thời gian gá đặt giảm từ 9 phút xuống 2 phút mỗi chi tiết, năng suất máy tăng 22%, tỷ lệ "
                "phế phẩm giảm còn 0,6%."
            ),
            confidential_part="Bản vẽ chế tạo đồ gá và dung sai lắp ghép chốt định vị.",
            authors=(Author("Thân Văn Hưng", 1981, "Trưởng phòng Kỹ thuật", 60),
                     Author("Nguyễn Hữu Đức", 1993, "Kỹ sư cơ khí", 40)),
            expected_benefit=300_000_000, actual_benefit=350_000_000,
            walk=(*base(D(2023, 2, 27), D(2023, 5, 12), "QĐ 17/QĐ-CKĐT", seated=5, present=5, votes_for=5),
                  *provincial(D(2023, 6, 26), D(2023, 10, 26), "QĐ 1321/QĐ-UBND"),
                  Pay(D(2024, 1, 30), 24_500_000, application_year=1, benefit=350_000_000, rate="7",
                      reason="Thù lao năm áp dụng thứ nhất"),
                  Pay(D(2024, 9, 20), 28_800_000, transfer_price=180_000_000,
                      reason="Chuyển giao đồ gá cho Công ty TNHH Cơ khí Quang Châu (16% giá chuyển giao)")),
        ),
        InitiativePlan(
            key="ward-digital",
            title="Số hóa hồ sơ hộ tịch và tra cứu bằng mã QR tại bộ phận một cửa phường",
            field=F.ADMINISTRATION, organisation="ubnd-p-tran-phu",
            filed_on=D(2023, 4, 3), first_applied_on=D(2022, 10, 1), first_application_ended_on=D(2023, 3, 31),
            description=(
                "Toàn bộ 18.600 trang sổ hộ tịch từ năm 1990 được quét, gắn chỉ mục và mã QR; công chức tra cứu, "
                "trích lục trong vài phút thay vì lật sổ. Thời gian cấp bản sao trích lục giảm từ 1 ngày xuống "
                "30 phút; sổ gốc không còn bị hư hại do tra cứu."
            ),
            authors=(Author("Nguyễn Thị Lan Anh", 1985, "Công chức Tư pháp – Hộ tịch", 65),
                     Author("Trịnh Quốc Bảo", 1992, "Viên chức công nghệ thông tin", 35)),
            expected_benefit=50_000_000, actual_benefit=64_000_000,
            walk=(*base(D(2023, 4, 17), D(2023, 7, 7), "QĐ 2210/QĐ-UBND"),
                  *provincial(D(2023, 8, 28), D(2023, 12, 14), "QĐ 1698/QĐ-UBND"),
                  Advance(S.PROPOSED_NATIONAL, D(2024, 10, 15),
                          reason="Đề nghị Bộ Tư pháp xem xét công nhận phạm vi toàn quốc")),
        ),
        InitiativePlan(
            key="ncd",
            title="Quản lý người bệnh tăng huyết áp, đái tháo đường tại trạm y tế xã bằng sổ theo dõi điện tử",
            field=F.HEALTH, organisation="ttyt-yen-the",
            filed_on=D(2023, 9, 11), first_applied_on=D(2023, 1, 3), first_application_ended_on=D(2023, 8, 31),
            description=(
                "Mỗi người bệnh mạn tính có hồ sơ điện tử tại trạm y tế xã, được nhắc lịch tái khám, lĩnh thuốc "
                "qua tin nhắn; bác sĩ trung tâm xem được chỉ số huyết áp, đường huyết theo thời gian. Tỷ lệ người "
                "bệnh bỏ điều trị giảm từ 21% xuống 6%."
            ),
            authors=(Author("Trần Thị Minh Nguyệt", 1980, "Phó Giám đốc Trung tâm, bác sĩ chuyên khoa I", 50),
                     Author("Lê Văn Sơn", 1986, "Trưởng trạm y tế xã Đồng Tâm", 30,
                            "Trạm Y tế xã Đồng Tâm, huyện Yên Thế"),
                     Author("Bùi Thị Hạnh", 1994, "Y sĩ", 20)),
            expected_benefit=90_000_000, actual_benefit=110_000_000,
            walk=(*base(D(2023, 9, 25), D(2023, 12, 15), "QĐ 312/QĐ-TTYT", seated=9, present=8, votes_for=7),
                  *provincial(D(2024, 1, 22), D(2024, 4, 18), "QĐ 498/QĐ-UBND")),
        ),
        InitiativePlan(
            key="custard-apple",
            title="Kỹ thuật thụ phấn bổ sung và bao quả na dai Lục Nam giảm sâu bệnh, tăng tỷ lệ đậu quả",
            field=F.AGRICULTURE, organisation="khuyen-nong-luc-nam",
            filed_on=D(2023, 10, 16), first_applied_on=D(2023, 4, 1), first_application_ended_on=D(2023, 9, 15),
            description=(
                "Thụ phấn bổ sung bằng chổi lông vào sáng sớm khi hoa nở rộ, bao quả bằng túi giấy chuyên dụng "
                "30 ngày sau đậu quả. Tỷ lệ đậu quả tăng từ 35% lên 70%, quả đều, không bị rệp sáp; thu nhập tăng "
                "khoảng 45 triệu đồng/ha."
            ),
            authors=(Author("Lưu Văn Cường", 1976, "Trưởng trạm khuyến nông", 40),
                     Author("Nguyễn Thị Tuyết", 1988, "Kỹ sư nông học", 35),
                     Author("Hoàng Văn Thái", 1965, "Nông dân, tổ trưởng tổ hợp tác trồng na",
                            25, "Xã Đông Hưng, huyện Lục Nam")),
            expected_benefit=500_000_000, actual_benefit=620_000_000,
            walk=(*base(D(2023, 10, 30), D(2024, 1, 19), "QĐ 95/QĐ-UBND"),
                  *provincial(D(2024, 3, 4), D(2024, 6, 27), "QĐ 811/QĐ-UBND")),
        ),
        InitiativePlan(
            key="bilingual-reading",
            title="Tổ chức “Góc đọc song ngữ Việt – Dao” cho học sinh bán trú dân tộc thiểu số",
            field=F.EDUCATION, organisation="ptdtbt-an-lac",
            filed_on=D(2024, 1, 8), first_applied_on=D(2023, 9, 5), first_application_ended_on=D(2023, 12, 29),
            description=(
                "Mỗi phòng ở bán trú có góc đọc với truyện tranh, sách song ngữ Việt – Dao do giáo viên và người "
                "có uy tín trong thôn biên soạn; học sinh lớp trên kèm em lớp dưới đọc mỗi tối. Tỷ lệ học sinh "
                "lớp 6 đọc thông, viết thạo tăng từ 71% lên 94%."
            ),
            authors=(Author("Triệu Thị Mai", 1989, "Giáo viên Ngữ văn", 70),
                     Author("Lý Văn Quang", 1978, "Hiệu trưởng", 30)),
            expected_benefit=20_000_000, actual_benefit=25_000_000,
            walk=(*base(D(2024, 1, 22), D(2024, 4, 5), "QĐ 12/QĐ-PTDTBT"),
                  *provincial(D(2024, 5, 13), D(2024, 9, 12), "QĐ 1187/QĐ-UBND")),
        ),
        # --- Failed the provincial vote --------------------------------------------------------------
        InitiativePlan(
            key="cashless-market",
            title="Mô hình chợ thanh toán không dùng tiền mặt bằng mã QR tại chợ thị trấn Neo",
            field=F.OTHER, organisation="bql-cho-neo",
            filed_on=D(2023, 6, 5), first_applied_on=D(2022, 12, 1), first_application_ended_on=D(2023, 5, 31),
            description=(
                "Mỗi quầy hàng có mã QR tài khoản riêng, ban quản lý thu phí chợ qua chuyển khoản và hướng dẫn "
                "tiểu thương dùng ứng dụng ngân hàng. 86% quầy hàng nhận thanh toán bằng mã QR."
            ),
            authors=(Author("Nguyễn Văn Chiến", 1970, "Trưởng ban quản lý chợ", 100),),
            expected_benefit=30_000_000, actual_benefit=28_000_000,
            walk=(*base(D(2023, 6, 19), D(2023, 9, 8), "QĐ 1875/QĐ-UBND", votes_for=6),
                  Advance(S.PROPOSED_PROVINCIAL, D(2024, 1, 15)),
                  Vote(CouncilLevel.PROVINCIAL, D(2024, 3, 28), 9, 8, 5),
                  Advance(S.NOT_RECOGNISED_PROVINCIAL, D(2024, 4, 10), reason=(
                      "Hội đồng sáng kiến cấp tỉnh: 5/8 thành viên có mặt tán thành, chưa đạt 2/3. Hiệu quả mới "
                      "được chứng minh tại một chợ, phần lớn là hướng dẫn của ngân hàng thương mại; chưa đủ căn cứ "
                      "công nhận phạm vi ảnh hưởng cấp tỉnh."))),
        ),
        # --- Recognised at base level ----------------------------------------------------------------
        InitiativePlan(
            key="mind-maps",
            title="Sử dụng sơ đồ tư duy trong ôn tập môn Lịch sử lớp 9",
            field=F.EDUCATION, organisation="thcs-doi-ngo",
            filed_on=D(2021, 4, 12), first_applied_on=D(2020, 9, 7), first_application_ended_on=D(2021, 3, 31),
            description=(
                "Học sinh tự vẽ sơ đồ tư duy cho mỗi chủ đề, trình bày trước lớp và chấm chéo theo tiêu chí; "
                "giáo viên tổng hợp thành bộ sơ đồ ôn thi vào lớp 10. Điểm trung bình môn Lịch sử tăng 0,8 điểm."
            ),
            authors=(Author("Phạm Thị Thanh Huyền", 1984, "Giáo viên Lịch sử", 100),),
            walk=base(D(2021, 4, 26), D(2021, 6, 25), "QĐ 19/QĐ-THCSĐN", votes_for=6),
        ),
        InitiativePlan(
            key="chicken-compost",
            title="Ủ phân chuồng từ chất thải chăn nuôi gà bằng chế phẩm vi sinh để bón cho vườn cây ăn quả",
            field=F.AGRICULTURE, organisation="htx-ga-dong-tam",
            filed_on=D(2021, 8, 16), first_applied_on=D(2021, 1, 5), first_application_ended_on=D(2021, 7, 30),
            description=(
                "Chất thải của trại gà được ủ với chế phẩm vi sinh trong 45 ngày, thành phân hữu cơ hoai mục bán "
                "cho các hộ trồng vải, nhãn. Hết mùi hôi quanh trại, mỗi năm thu thêm khoảng 60 triệu đồng."
            ),
            authors=(Author("Giáp Văn Dũng", 1974, "Giám đốc hợp tác xã", 50),
                     Author("Ngô Văn Toàn", 1981, "Thành viên hợp tác xã", 50)),
            expected_benefit=50_000_000, actual_benefit=60_000_000,
            walk=base(D(2021, 8, 30), D(2021, 11, 5), "QĐ 02/QĐ-HTXĐT", seated=5, present=5, votes_for=5),
        ),
        InitiativePlan(
            key="folk-games",
            title="Sử dụng trò chơi dân gian phát triển vận động cho trẻ mẫu giáo 4–5 tuổi",
            field=F.EDUCATION, organisation="mn-hoa-sen",
            filed_on=D(2022, 4, 4), first_applied_on=D(2021, 9, 6), first_application_ended_on=D(2022, 3, 31),
            description=(
                "Mười hai trò chơi dân gian (nhảy bao bố, kéo co, mèo đuổi chuột, ném còn…) được sắp vào hoạt "
                "động ngoài trời theo tuần, kèm bảng đánh giá vận động thô của trẻ. 96% trẻ đạt chỉ số phát "
                "triển vận động cuối năm."
            ),
            authors=(Author("Lê Thị Hằng", 1990, "Giáo viên mầm non", 60),
                     Author("Nguyễn Thị Vân", 1985, "Phó Hiệu trưởng", 40)),
            walk=base(D(2022, 4, 18), D(2022, 6, 24), "QĐ 07/QĐ-MNHS"),
        ),
        InitiativePlan(
            key="noodle-steam",
            title="Cải tiến dây chuyền tráng, hấp bánh mỳ gạo bằng nồi hơi tận dụng nhiệt khí thải",
            field=F.INDUSTRY, organisation="htx-my-chu", investor="htx-my-chu",
            filed_on=D(2022, 9, 12), first_applied_on=D(2022, 1, 10), first_application_ended_on=D(2022, 8, 31),
            description=(
                "Nồi hơi dùng lại nhiệt khí thải của lò sấy để cấp hơi cho buồng hấp bánh tráng; băng tải inox "
                "thay khay thủ công. Tiết kiệm 35% than, năng suất tăng từ 1,2 lên 1,8 tấn mỳ mỗi ngày."
            ),
            confidential_part="Tỷ lệ pha bột gạo Bao thai với nước và thời gian hấp theo độ ẩm của bột.",
            authors=(Author("Nguyễn Văn Chung", 1971, "Giám đốc hợp tác xã", 50),
                     Author("Đào Thị Lụa", 1983, "Tổ trưởng sản xuất", 50)),
            expected_benefit=250_000_000, actual_benefit=290_000_000,
            walk=(*base(D(2022, 9, 26), D(2022, 12, 2), "QĐ 11/QĐ-HTXMC", seated=5, present=5, votes_for=5),
                  Pay(D(2023, 12, 22), 20_300_000, application_year=1, benefit=290_000_000, rate="7",
                      reason="Thù lao năm áp dụng thứ nhất")),
        ),
        InitiativePlan(
            key="citizen-feedback",
            title="Tiếp nhận phản ánh, kiến nghị của người dân qua nhóm Zalo thôn và sổ theo dõi điện tử",
            field=F.ADMINISTRATION, organisation="ubnd-dong-hung",
            filed_on=D(2023, 3, 6), first_applied_on=D(2022, 6, 1), first_application_ended_on=D(2023, 2, 28),
            description=(
                "Mỗi thôn có nhóm Zalo do trưởng thôn quản lý; phản ánh được công chức văn phòng nhập sổ điện tử, "
                "giao xử lý và trả lời công khai trong 5 ngày làm việc. 100% phản ánh được trả lời đúng hạn."
            ),
            authors=(Author("Nguyễn Thị Hoa", 1988, "Công chức Văn phòng – Thống kê", 100),),
            walk=base(D(2023, 3, 20), D(2023, 6, 9), "QĐ 1204/QĐ-UBND"),
        ),
        InitiativePlan(
            key="sbar",
            title="Bàn giao người bệnh giữa các ca trực điều dưỡng theo bảng kiểm SBAR",
            field=F.HEALTH, organisation="ttyt-tan-yen",
            filed_on=D(2023, 11, 20), first_applied_on=D(2023, 3, 1), first_application_ended_on=D(2023, 10, 31),
            description=(
                "Bàn giao tại giường bệnh theo bốn mục Tình trạng – Bối cảnh – Đánh giá – Đề nghị (SBAR) với "
                "bảng kiểm in sẵn. Sự cố y khoa liên quan bàn giao giảm từ 11 xuống 2 vụ mỗi năm."
            ),
            authors=(Author("Vũ Thị Lệ", 1982, "Điều dưỡng trưởng", 60),
                     Author("Phan Văn Kiên", 1979, "Trưởng khoa Hồi sức cấp cứu", 40)),
            walk=base(D(2023, 12, 4), D(2024, 2, 23), "QĐ 88/QĐ-TTYT", seated=9, present=9, votes_for=8),
        ),
        InitiativePlan(
            key="sewing-line",
            title="Bố trí lại chuyền may theo nhóm công đoạn để giảm thời gian chờ bán thành phẩm",
            field=F.INDUSTRY, organisation="may-hiep-hoa",
            filed_on=D(2024, 3, 11), first_applied_on=D(2023, 7, 1), first_application_ended_on=D(2024, 2, 29),
            description=(
                "Chuyền may áo jacket được chia thành năm nhóm công đoạn cân bằng thời gian, bố trí theo hình chữ "
                "U; bán thành phẩm chuyển bằng giá treo. Năng suất tăng 15%, hàng tồn trên chuyền giảm một nửa."
            ),
            authors=(Author("Nguyễn Thị Thảo", 1987, "Trưởng chuyền", 50),
                     Author("Đinh Văn Phúc", 1984, "Cán bộ kỹ thuật", 50)),
            expected_benefit=400_000_000, actual_benefit=460_000_000,
            walk=base(D(2024, 3, 25), D(2024, 6, 14), "QĐ 36/QĐ-MHH", seated=5, present=5, votes_for=5),
        ),
        InitiativePlan(
            key="business-forms",
            title="Bộ mẫu hồ sơ điền sẵn cho thủ tục đăng ký hộ kinh doanh",
            field=F.ADMINISTRATION, organisation="vp-son-dong",
            filed_on=D(2024, 4, 15), first_applied_on=D(2023, 10, 2), first_application_ended_on=D(2024, 3, 29),
            description=(
                "Mười hai mẫu hồ sơ điền sẵn theo ngành nghề phổ biến ở miền núi (tạp hóa, ăn uống, chế biến "
                "lâm sản…) có hướng dẫn bằng hình ảnh. Tỷ lệ hồ sơ phải bổ sung giảm từ 40% xuống 8%."
            ),
            authors=(Author("Hà Văn Tùng", 1983, "Chuyên viên", 55),
                     Author("Đặng Thị Thu Trang", 1991, "Chuyên viên", 45)),
            walk=base(D(2024, 4, 29), D(2024, 7, 19), "QĐ 2480/QĐ-UBND"),
        ),
        InitiativePlan(
            key="green-library",
            title="Mô hình “Thư viện xanh” thân thiện tại nhà văn hóa thôn",
            field=F.OTHER, organisation="ttvh-lang-giang",
            filed_on=D(2024, 5, 6), first_applied_on=D(2023, 6, 1), first_application_ended_on=D(2024, 4, 30),
            description=(
                "Sân nhà văn hóa thôn được bố trí giá sách ngoài trời, ghế đá và sân chơi; sách luân chuyển giữa "
                "các thôn mỗi quý. Mỗi thư viện xanh có trung bình 120 lượt bạn đọc mỗi tháng."
            ),
            authors=(Author("Dương Thị Ngọc", 1986, "Viên chức thư viện", 100),),
            walk=base(D(2024, 5, 20), D(2024, 8, 9), "QĐ 2915/QĐ-UBND"),
        ),
        InitiativePlan(
            key="vocational-sewing",
            title="Dạy nghề may công nghiệp theo đơn đặt hàng của doanh nghiệp cho học viên giáo dục thường xuyên",
            field=F.EDUCATION, organisation="gdnn-lang-giang",
            filed_on=D(2025, 2, 10), first_applied_on=D(2024, 3, 4), first_application_ended_on=D(2025, 1, 17),
            description=(
                "Chương trình học nghề may 3 tháng do trung tâm và doanh nghiệp cùng xây dựng, học viên thực "
                "hành trên chuyền của doanh nghiệp. 87% học viên có việc làm ngay sau khóa học."
            ),
            authors=(Author("Trần Thị Hương Giang", 1985, "Giáo viên dạy nghề", 60),
                     Author("Nguyễn Văn Định", 1976, "Giám đốc trung tâm", 40)),
            walk=base(D(2025, 2, 24), D(2025, 5, 16), "QĐ 14/QĐ-GDNN"),
        ),
        InitiativePlan(
            key="english-club",
            title="Câu lạc bộ nói tiếng Anh qua dự án du lịch địa phương cho học sinh lớp 8",
            field=F.EDUCATION, organisation="thcs-thanh-hai",
            filed_on=D(2025, 2, 17), first_applied_on=D(2024, 9, 9), first_application_ended_on=D(2025, 1, 24),
            description=(
                "Học sinh làm video, tờ rơi giới thiệu vườn vải thiều và lễ hội vải bằng tiếng Anh, thuyết trình "
                "cho khách tham quan. Tỷ lệ học sinh tự tin giao tiếp tăng từ 20% lên 58%."
            ),
            authors=(Author("Nguyễn Thị Phương Thảo", 1992, "Giáo viên Tiếng Anh", 100),),
            walk=base(D(2025, 3, 3), D(2025, 5, 23), "QĐ 09/QĐ-THCSTH"),
        ),
        # --- Refused at base level -------------------------------------------------------------------
        InitiativePlan(
            key="timesheet",
            title="Bảng tính tự lập để chấm công và tính giờ dạy thêm của giáo viên",
            field=F.EDUCATION, organisation="th-le-loi",
            filed_on=D(2023, 10, 2), first_applied_on=D(2023, 1, 3), first_application_ended_on=D(2023, 5, 31),
            description="Bảng tính tự động tính giờ dạy, giờ dạy thêm và tiền thừa giờ của giáo viên theo tháng.",
            authors=(Author("Hoàng Thị Yến", 1980, "Kế toán", 100),),
            walk=(Advance(S.REGISTERED, D(2023, 10, 16)),
                  Advance(S.UNDER_REVIEW, D(2023, 10, 26)),
                  Vote(CouncilLevel.BASE, D(2023, 12, 8), 7, 7, 2),
                  Advance(S.REFUSED, D(2023, 12, 15), reason=(
                      "Không đáp ứng tính mới (Điều 3 Nghị định 13/2012/NĐ-CP): cách tính tương tự đã được phổ "
                      "biến trong ngành qua tập huấn của Phòng Giáo dục và Đào tạo năm 2022. Hội đồng: 2/7 tán "
                      "thành."))),
        ),
        # --- Awaiting the base-level decision, overdue -----------------------------------------------
        InitiativePlan(
            key="vaccination-sms",
            title="Nhắc lịch tiêm chủng mở rộng qua tin nhắn tự động cho cha mẹ trẻ",
            field=F.HEALTH, organisation="ttyt-tan-yen",
            filed_on=D(2025, 4, 28), first_applied_on=D(2024, 10, 1), first_application_ended_on=D(2025, 3, 31),
            description=(
                "Phần mềm lấy lịch tiêm của trẻ từ hệ thống tiêm chủng quốc gia và gửi tin nhắn nhắc cha mẹ trước "
                "3 ngày. Tỷ lệ trẻ tiêm đúng lịch tăng từ 88% lên 97%."
            ),
            authors=(Author("Đỗ Thị Bích", 1987, "Phụ trách chương trình tiêm chủng", 70),
                     Author("Lâm Văn Hiếu", 1995, "Viên chức công nghệ thông tin", 30)),
            walk=(Advance(S.REGISTERED, D(2025, 5, 12)), Advance(S.UNDER_REVIEW, D(2025, 6, 2))),
        ),
        InitiativePlan(
            key="boarding-meals",
            title="Quản lý suất ăn bán trú của học sinh bằng thẻ mã QR",
            field=F.EDUCATION, organisation="thpt-son-dong-1",
            filed_on=today - days(160), first_applied_on=D(2025, 9, 8), first_application_ended_on=None,
            description=(
                "Học sinh quét thẻ QR khi nhận suất ăn; nhà bếp biết trước số suất theo ngày, phụ huynh xem được "
                "bữa ăn của con. Lượng thức ăn thừa giảm khoảng 25%."
            ),
            authors=(Author("Bế Văn Hùng", 1986, "Giáo viên Tin học", 50),
                     Author("Nông Thị Duyên", 1990, "Nhân viên văn thư – thủ quỹ", 50)),
            walk=(Advance(S.REGISTERED, today - days(145)),),
        ),
        # --- Registered recently: the decision is not yet due ----------------------------------------
        InitiativePlan(
            key="scale-calibration",
            title="Quy trình kiểm định nhanh cân điện tử tại chợ bằng bộ quả cân chuẩn di động",
            field=F.INDUSTRY, organisation="tdc",
            filed_on=today - days(40), first_applied_on=D(2026, 3, 2), first_application_ended_on=None,
            description=(
                "Bộ quả cân chuẩn đặt trên xe đẩy và biểu mẫu điện tử cho phép kiểm định cân tại quầy hàng, niêm "
                "phong ngay. Mỗi ngày kiểm định được 60 cân thay vì 15 cân."
            ),
            authors=(Author("Phùng Văn Lâm", 1982, "Kiểm định viên đo lường", 60),
                     Author("Hà Thị Ngân", 1993, "Kỹ sư đo lường", 40)),
            walk=(Advance(S.REGISTERED, today - days(25)), Advance(S.UNDER_REVIEW, today - days(10))),
        ),
        # --- Returned for correction -----------------------------------------------------------------
        InitiativePlan(
            key="archive-sensors",
            title="Giám sát nhiệt độ, độ ẩm kho lưu trữ hồ sơ bằng cảm biến không dây",
            field=F.OTHER, organisation="tdc",
            filed_on=today - days(48), first_applied_on=D(2026, 1, 5),
            description="Cảm biến không dây trong kho lưu trữ báo động qua tin nhắn khi độ ẩm vượt 60%.",
            authors=(Author("Tạ Văn Nghĩa", 1984, "Chuyên viên lưu trữ", 100),),
            walk=(Advance(S.RETURNED, today - days(35), reason=(
                "Đơn chưa có xác nhận của đơn vị về việc áp dụng thử và chưa nêu lợi ích thu được; đề nghị bổ "
                "sung biên bản áp dụng thử và số liệu độ ẩm trước, sau khi áp dụng.")),),
        ),
        # --- Just filed ------------------------------------------------------------------------------
        InitiativePlan(
            key="ai-essays",
            title="Ứng dụng trí tuệ nhân tạo hỗ trợ nhận xét bài viết tiếng Anh của học sinh trung học phổ thông",
            field=F.EDUCATION, organisation="thpt-hiep-hoa-1",
            filed_on=today - days(12), first_applied_on=D(2025, 9, 8), first_application_ended_on=D(2026, 5, 29),
            description=(
                "Giáo viên dùng bộ câu lệnh và tiêu chí chấm do tổ xây dựng để công cụ trí tuệ nhân tạo gợi ý "
                "nhận xét lỗi ngữ pháp, từ vựng; giáo viên duyệt trước khi trả bài. Thời gian chấm mỗi bài giảm "
                "từ 15 xuống 6 phút."
            ),
            authors=(Author("Nguyễn Thu Trang", 1991, "Giáo viên Tiếng Anh", 45),
                     Author("Ngô Quang Vinh", 1985, "Tổ trưởng Ngoại ngữ", 35),
                     Author("Đào Thị Mến", 1994, "Giáo viên Tin học", 20)),
            expected_benefit=40_000_000,
        ),
        InitiativePlan(
            key="lychee-grafting",
            title="Ghép cải tạo vườn vải thiều già cỗi bằng giống vải chín sớm theo phương pháp ghép mắt cửa sổ",
            field=F.AGRICULTURE, organisation="ung-dung-khcn",
            filed_on=today - days(5), first_applied_on=D(2025, 8, 4), first_application_ended_on=D(2026, 7, 31),
            description=(
                "Cưa đốn tán cây vải già, ghép mắt cửa sổ giống chín sớm lên chồi mới; sau 2 năm cây cho quả, "
                "thu hoạch sớm hơn vải thiều chính vụ 15–20 ngày nên bán được giá cao."
            ),
            confidential_part="Thời điểm ghép theo lịch ra chồi và công thức dung dịch bôi vết ghép.",
            authors=(Author("Hoàng Minh Đức", 1980, "Kỹ sư nông nghiệp", 70),
                     Author("Vi Thị Hương", 1992, "Kỹ thuật viên", 30)),
            expected_benefit=350_000_000,
        ),
    ]


# Replication --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Update:
    on: dt.date
    percent: int
    note: str = ""
    benefit: int | None = None
    people: int | None = None
    units: int | None = None
    decrease_reason: str = ""


@dataclass(frozen=True)
class SitePlan:
    kind: str
    place: str
    responsible: str
    started_on: dt.date
    updates: tuple[Update, ...] = ()
    completed: bool = False
    abandoned: str = ""


@dataclass(frozen=True)
class NominationPlan:
    unit: str
    initiative: str  # an InitiativePlan key
    on: dt.date
    reason: str
    status: str = NominationStatus.REPLICATING
    justification: str = ""
    school_levels: tuple[str, ...] = ()
    sites: tuple[SitePlan, ...] = ()
    status_reason: str = ""


def steady(start: dt.date, *, benefit: int, people: int, units: int | None = None,
           months: tuple[int, int, int] = (2, 5, 9), percents: tuple[int, int, int] = (30, 70, 100)):
    """Three updates a few months apart, benefit and reach growing with the progress."""
    notes = ("Đã tập huấn, hướng dẫn áp dụng; triển khai thí điểm",
             "Triển khai đại trà, kiểm tra định kỳ",
             "Tổng kết, đánh giá kết quả áp dụng" if percents[2] == 100 else "Tiếp tục triển khai, đánh giá giữa kỳ")
    return tuple(
        Update(start + days(30 * month), percent, note,
               benefit=benefit * percent // 100, people=people * percent // 100,
               units=None if units is None else max(1, units * percent // 100))
        for month, percent, note in zip(months, percents, notes, strict=True)
    )


def site(kind, place, responsible, start, *, benefit, people, units=None, done=True, **kwargs):
    """A site whose progress went steadily; done: completed at 100%, otherwise still under way at 60%."""
    percents = (30, 70, 100) if done else (20, 45, 60)
    return SitePlan(kind, place, responsible, start,
                    steady(start, benefit=benefit, people=people, units=units, percents=percents, **kwargs),
                    completed=done)


C, SCHOOL, AGENCY = PLACE.COMMUNE, PLACE.SCHOOL, PLACE.AGENCY
N = NominationStatus

YAGI = (
    "Bão số 3 (Yagi) và lũ tháng 9/2024 làm hỏng cảm biến mực nước tại 2 cống đầu kênh; một số tổ dùng "
    "nước phải quay lại lịch tưới thủ công đến khi lắp lại thiết bị."
)

NOMINATIONS_2024 = [
    # Thành phố Bắc Giang: 3
    NominationPlan("bg.tp-bac-giang", "ward-digital", D(2024, 1, 25),
                   "Sáng kiến của phường Trần Phú, mở rộng cho các phường còn lưu sổ hộ tịch giấy", N.COMPLETED,
                   sites=(site(C, "Phường Ngô Quyền", "Nguyễn Thị Minh Thư – công chức Tư pháp – Hộ tịch",
                               D(2024, 3, 1), benefit=45_000_000, people=3_200),
                          site(C, "Phường Hoàng Văn Thụ", "Lê Văn Quân – Phó Chủ tịch UBND phường",
                               D(2024, 3, 15), benefit=38_000_000, people=2_700))),
    NominationPlan("bg.tp-bac-giang", "one-stop", D(2024, 2, 20),
                   "Giảm số lần người dân đi lại bổ sung hồ sơ tại bộ phận một cửa cấp xã", N.COMPLETED,
                   sites=(site(C, "Xã Song Khê", "Trần Thị Hạnh – công chức Văn phòng – Thống kê",
                               D(2024, 4, 1), benefit=20_000_000, people=1_850),)),
    NominationPlan("bg.tp-bac-giang", "ncd", D(2024, 5, 10),
                   "Quản lý bệnh mạn tính tại các trạm y tế phường, xã của thành phố", N.REPLICATING,
                   sites=(site(AGENCY, "Trạm Y tế phường Dĩnh Kế", "Bác sĩ Nguyễn Văn Hòa – Trưởng trạm",
                               D(2024, 6, 3), benefit=30_000_000, people=640, done=False),)),
    # Huyện Hiệp Hòa: 2
    NominationPlan("bg.hiep-hoa", "one-stop", D(2024, 1, 30),
                   "Nhân rộng từ thị trấn Thắng ra các xã của huyện", N.COMPLETED,
                   sites=(site(C, "Xã Đức Thắng", "Ngô Văn Tiến – Chủ tịch UBND xã", D(2024, 3, 4),
                               benefit=18_000_000, people=2_100),
                          site(C, "Xã Hoàng Vân", "Nguyễn Thị Loan – công chức Văn phòng – Thống kê",
                               D(2024, 3, 11), benefit=15_000_000, people=1_600))),
    NominationPlan("bg.hiep-hoa", "stations", D(2024, 3, 5),
                   "Nâng chất lượng môn Toán lớp 6 theo chương trình giáo dục phổ thông 2018", N.COMPLETED,
                   sites=(site(SCHOOL, "Trường THCS Mai Đình", "Thầy Nguyễn Văn Lợi – Phó Hiệu trưởng",
                               D(2024, 8, 26), benefit=8_000_000, people=180),)),
    # Huyện Lạng Giang: 2
    NominationPlan("bg.lang-giang", "irrigation", D(2024, 2, 1),
                   "Mở rộng ứng dụng ra toàn bộ hệ thống kênh của huyện", N.COMPLETED,
                   sites=(site(C, "Xã Tân Thanh", "Vũ Văn Hưng – Tổ trưởng tổ dùng nước", D(2024, 3, 4),
                               benefit=42_000_000, people=950, units=6),
                          site(C, "Xã Xương Lâm", "Lê Thị Sen – Phó Chủ tịch UBND xã", D(2024, 3, 18),
                               benefit=36_000_000, people=820, units=5))),
    NominationPlan("bg.lang-giang", "cnc-fixture", D(2024, 3, 12),
                   "Hỗ trợ các doanh nghiệp cơ khí trong cụm công nghiệp Tân Dĩnh – Phi Mô", N.COMPLETED,
                   sites=(site(AGENCY, "Công ty TNHH Cơ khí Tân Dĩnh", "Kỹ sư Trần Đức Anh – Quản đốc phân xưởng",
                               D(2024, 5, 6), benefit=120_000_000, people=35),)),
    # Huyện Lục Nam: 3
    NominationPlan("bg.luc-nam", "irrigation", D(2024, 2, 15),
                   "Các xã vùng trồng na, vải cần điều tiết nước mùa khô", N.COMPLETED,
                   sites=(site(C, "Xã Lan Mẫu", "Nguyễn Văn Thiện – Phó Chủ tịch UBND xã", D(2024, 4, 1),
                               benefit=25_000_000, people=700, units=4),)),
    NominationPlan("bg.luc-nam", "stations", D(2024, 3, 20),
                   "Đổi mới phương pháp dạy học môn Toán ở các trường THCS trong huyện", N.COMPLETED,
                   sites=(site(SCHOOL, "Trường THCS Tiên Nha", "Cô Đặng Thị Lý – Tổ trưởng Khoa học tự nhiên",
                               D(2024, 8, 26), benefit=6_000_000, people=150),)),
    NominationPlan("bg.luc-nam", "custard-apple", D(2024, 7, 5),
                   "Sáng kiến của Trạm Khuyến nông, nhân rộng trong vùng chỉ dẫn địa lý na Lục Nam", N.REPLICATING,
                   sites=(SitePlan(C, "Xã Cương Sơn", "Hoàng Văn Bình – Chủ tịch Hội Nông dân xã", D(2024, 7, 15),
                                   (Update(D(2024, 8, 20), 25, "Tập huấn cho 120 hộ trồng na", people=120),
                                    Update(D(2025, 5, 15), 60, "Áp dụng thụ phấn bổ sung trên 45 ha",
                                           benefit=900_000_000, people=260),
                                    Update(D(2025, 9, 10), 85, "Thu hoạch vụ 2025, năng suất tăng 30%",
                                           benefit=1_850_000_000, people=310))),
                          site(C, "Xã Huyền Sơn", "Lương Thị Nhàn – cán bộ khuyến nông xã", D(2024, 7, 22),
                               benefit=600_000_000, people=180, done=False))),
    # Huyện Lục Ngạn: 4, with a justification for the fourth
    NominationPlan("bg.luc-ngan", "lychee-drying", D(2024, 1, 15),
                   "Giảm hao hụt và nâng giá trị vải thiều sấy khô của huyện", N.COMPLETED,
                   sites=(site(C, "Xã Tân Sơn", "Vi Văn Hợp – Giám đốc Hợp tác xã Tân Sơn", D(2024, 5, 2),
                               benefit=180_000_000, people=65, months=(1, 2, 6)),
                          site(C, "Xã Biên Sơn", "Lục Thị Hiền – Phó Chủ tịch UBND xã", D(2024, 5, 9),
                               benefit=150_000_000, people=52, months=(1, 2, 6)))),
    NominationPlan("bg.luc-ngan", "triage", D(2024, 1, 22),
                   "Sáng kiến của Bệnh viện Đa khoa huyện, đưa xuống các phòng khám đa khoa khu vực", N.COMPLETED,
                   sites=(site(AGENCY, "Phòng khám đa khoa khu vực Biển Động",
                               "Bác sĩ Lăng Văn Trọng – Trưởng phòng khám", D(2024, 3, 1),
                               benefit=25_000_000, people=5_400),)),
    NominationPlan("bg.luc-ngan", "chicken", D(2024, 2, 28),
                   "Phát triển chăn nuôi gà đồi có truy xuất nguồn gốc ở các xã vùng cao", N.COMPLETED,
                   sites=(site(C, "Xã Phong Minh", "Hoàng Văn Sinh – Chủ nhiệm tổ hợp tác chăn nuôi gà", D(2024, 4, 8),
                               benefit=70_000_000, people=48),)),
    NominationPlan("bg.luc-ngan", "irrigation", D(2024, 4, 9),
                   "Điều tiết nước tưới cho vùng vải thiều có mã số vùng trồng xuất khẩu", N.COMPLETED,
                   justification=(
                       "Năm 2024 huyện được tỉnh chọn làm điểm chuyển đổi số trong nông nghiệp; ứng dụng lập lịch "
                       "tưới phục vụ trực tiếp các vùng vải thiều có mã số vùng trồng xuất khẩu đi Nhật Bản, Hoa "
                       "Kỳ, nên huyện đăng ký thêm sáng kiến thứ tư với kinh phí của chương trình."),
                   sites=(SitePlan(C, "Xã Phượng Sơn", "Trần Văn Đạt – Tổ trưởng tổ dùng nước xã Phượng Sơn",
                                   D(2024, 5, 6),
                                   (Update(D(2024, 6, 10), 20, "Lắp cảm biến tại 5 cống đầu kênh", people=150,
                                           units=2),
                                    Update(D(2024, 8, 5), 60, "Các tổ dùng nước tưới theo lịch của ứng dụng",
                                           benefit=28_000_000, people=420, units=5),
                                    Update(D(2024, 9, 23), 45, "Thiết bị hỏng sau bão, 2 tổ tưới thủ công",
                                           benefit=28_000_000, people=300, units=3, decrease_reason=YAGI),
                                    Update(D(2024, 11, 4), 80, "Đã lắp lại cảm biến, nâng cao vị trí đặt",
                                           benefit=41_000_000, people=430, units=5),
                                    Update(D(2024, 12, 16), 100, "Vận hành ổn định trên toàn tuyến kênh",
                                           benefit=55_000_000, people=460, units=6)),
                                   completed=True),)),
    # Huyện Sơn Động: 2
    NominationPlan("bg.son-dong", "lychee-drying", D(2024, 3, 1),
                   "Chế biến sau thu hoạch cho vải, nhãn ở các xã vùng cao", N.COMPLETED,
                   sites=(SitePlan(C, "Xã Vân Sơn", "Hoàng Văn Páo – Phó Chủ tịch UBND xã", D(2024, 5, 6),
                                   (Update(D(2024, 6, 3), 15, "Khảo sát, chọn hộ làm lò sấy", people=12),),
                                   abandoned=(
                                       "Sản lượng vải của xã nhỏ, phân tán; các hộ chuyển sang trồng keo và bán vải "
                                       "tươi tại vườn, không đủ nguyên liệu để vận hành lò sấy.")),
                          site(C, "Xã Hữu Sản", "Lương Văn Dũng – Giám đốc Hợp tác xã Hữu Sản", D(2024, 5, 13),
                               benefit=60_000_000, people=25, months=(1, 2, 6)))),
    NominationPlan("bg.son-dong", "one-stop", D(2024, 3, 15),
                   "Người dân vùng cao đi lại xa: đặt lịch trước giúp nộp hồ sơ một lần", N.COMPLETED,
                   sites=(site(C, "Thị trấn An Châu", "Nguyễn Thị Thu – công chức Văn phòng – Thống kê",
                               D(2024, 4, 1), benefit=12_000_000, people=1_300),)),
    # Huyện Tân Yên: 2
    NominationPlan("bg.tan-yen", "stations", D(2024, 1, 18),
                   "Sáng kiến của Trường THCS Cao Thượng, mở rộng ra các trường THCS của huyện", N.COMPLETED,
                   sites=(site(SCHOOL, "Trường THCS Ngọc Thiện", "Cô Nguyễn Thị Hường – Tổ trưởng Toán – Tin",
                               D(2024, 2, 19), benefit=7_000_000, people=210),
                          site(SCHOOL, "Trường THCS Liên Sơn", "Thầy Phạm Văn Hậu – Phó Hiệu trưởng",
                               D(2024, 2, 19), benefit=5_000_000, people=160))),
    NominationPlan("bg.tan-yen", "chicken", D(2024, 4, 2),
                   "Các trang trại gà đồi ở xã Phúc Hòa, Liên Sơn cần ghi chép truy xuất nguồn gốc", N.APPROVED),
    # Thị xã Việt Yên: 3 (the first made by huyện Việt Yên in January, before it became a town)
    NominationPlan("bg.huyen-viet-yen", "cnc-fixture", D(2024, 1, 24),
                   "Hỗ trợ doanh nghiệp cơ khí phụ trợ trong các khu công nghiệp Đình Trám, Quang Châu",
                   N.COMPLETED,
                   sites=(site(AGENCY, "Công ty Cổ phần Cơ khí Nếnh", "Kỹ sư Thân Đức Mạnh – Trưởng phòng Kỹ thuật",
                               D(2024, 3, 4), benefit=95_000_000, people=28),)),
    NominationPlan("bg.tx-viet-yen", "ward-digital", D(2024, 3, 8),
                   "Các phường mới thành lập cần số hóa sổ hộ tịch", N.COMPLETED,
                   sites=(site(C, "Phường Bích Động", "Nguyễn Thị Hạnh – công chức Tư pháp – Hộ tịch",
                               D(2024, 4, 1), benefit=30_000_000, people=2_400),)),
    NominationPlan("bg.tx-viet-yen", "triage", D(2024, 5, 16),
                   "Giảm quá tải khoa Khám bệnh do công nhân các khu công nghiệp đến khám", N.REPLICATING,
                   sites=(site(AGENCY, "Trung tâm Y tế thị xã Việt Yên",
                               "Bác sĩ Dương Văn Khánh – Trưởng khoa Khám bệnh", D(2024, 6, 3),
                               benefit=40_000_000, people=12_000, done=False),)),
    # Huyện Yên Dũng: 2 (its last year before it merged into the city)
    NominationPlan("bg.yen-dung", "triage", D(2024, 2, 22),
                   "Rút ngắn thời gian chờ khám tại Trung tâm Y tế huyện", N.COMPLETED,
                   sites=(site(AGENCY, "Trung tâm Y tế huyện Yên Dũng", "Bác sĩ Nguyễn Thị Thanh – Phó Giám đốc",
                               D(2024, 3, 18), benefit=35_000_000, people=9_500),)),
    NominationPlan("bg.yen-dung", "ward-digital", D(2024, 4, 11),
                   "Số hóa sổ hộ tịch trước khi sáp nhập vào thành phố Bắc Giang", N.COMPLETED,
                   sites=(site(C, "Xã Tân Liễu", "Trần Văn Phong – công chức Tư pháp – Hộ tịch", D(2024, 5, 6),
                               benefit=15_000_000, people=1_100, months=(1, 3, 6)),)),
    # Huyện Yên Thế: 3
    NominationPlan("bg.yen-the", "chicken", D(2024, 1, 12),
                   "Sáng kiến của Hợp tác xã Đồng Tâm, gắn với chỉ dẫn gà đồi Yên Thế", N.COMPLETED,
                   sites=(site(C, "Xã Tam Tiến", "Nguyễn Văn Hòa – Chủ tịch Hội Nông dân xã", D(2024, 2, 5),
                               benefit=150_000_000, people=85),
                          site(C, "Xã Đồng Kỳ", "Lê Thị Tâm – cán bộ thú y xã", D(2024, 2, 19),
                               benefit=120_000_000, people=70))),
    NominationPlan("bg.yen-the", "lychee-drying", D(2024, 3, 18),
                   "Sấy vải, nhãn cho các hộ ở xã Tân Sỏi, Đồng Hưu", N.APPROVED),
    NominationPlan("bg.yen-the", "ncd", D(2024, 5, 6),
                   "Sáng kiến của Trung tâm Y tế huyện, mở rộng ra toàn bộ trạm y tế xã", N.COMPLETED,
                   sites=(site(AGENCY, "Trạm Y tế xã Hồng Kỳ", "Y sĩ Hoàng Thị Lan – Trưởng trạm",
                               D(2024, 6, 3), benefit=12_000_000, people=380),
                          site(AGENCY, "Trạm Y tế thị trấn Bố Hạ", "Bác sĩ Ngô Văn Hiệp – Trưởng trạm",
                               D(2024, 6, 3), benefit=15_000_000, people=450))),
    # Sở Giáo dục và Đào tạo: across school levels
    NominationPlan("bg.so-gddt", "physics-lab", D(2024, 2, 6),
                   "Khắc phục thiếu thiết bị thí nghiệm Vật lý ở các trường THPT và trung tâm GDTX", N.COMPLETED,
                   school_levels=(SchoolLevel.UPPER_SECONDARY, SchoolLevel.CONTINUING),
                   sites=(site(SCHOOL, "Trường THPT Yên Thế", "Thầy Nguyễn Văn Thành – Tổ trưởng Vật lý",
                               D(2024, 2, 26), benefit=10_000_000, people=820),
                          site(SCHOOL, "Trường THPT Lạng Giang số 1", "Cô Trần Thị Hoài – Phó Hiệu trưởng",
                               D(2024, 2, 26), benefit=12_000_000, people=960),
                          site(SCHOOL, "Trung tâm GDNN – GDTX huyện Lục Nam", "Thầy Vũ Văn Bình – Giám đốc",
                               D(2024, 3, 4), benefit=5_000_000, people=240))),
    NominationPlan("bg.so-gddt", "stations", D(2024, 2, 6),
                   "Dạy học theo trạm phù hợp chương trình Toán lớp 6 mới", N.COMPLETED,
                   school_levels=(SchoolLevel.LOWER_SECONDARY,),
                   sites=(site(SCHOOL, "Trường THCS Lê Quý Đôn", "Cô Ngô Thị Thu – Tổ trưởng Toán",
                               D(2024, 8, 26), benefit=6_000_000, people=240),)),
]

NOMINATIONS_2025 = [
    # Thành phố Bắc Giang (now with Yên Dũng's communes): 3
    NominationPlan("bg.tp-bac-giang", "triage", D(2025, 1, 16),
                   "Đưa phân loại người bệnh về Trung tâm Y tế khu vực Yên Dũng sau sáp nhập", N.REPLICATING,
                   sites=(site(AGENCY, "Trung tâm Y tế khu vực Yên Dũng", "Bác sĩ Nguyễn Thị Thanh – Phó Giám đốc",
                               D(2025, 2, 10), benefit=30_000_000, people=8_000, done=False),)),
    NominationPlan("bg.tp-bac-giang", "irrigation", D(2025, 2, 20),
                   "Vùng lúa của các xã mới sáp nhập từ huyện Yên Dũng", N.REPLICATING,
                   sites=(site(C, "Xã Đồng Phúc", "Nguyễn Văn Thắng – Tổ trưởng tổ dùng nước", D(2025, 3, 10),
                               benefit=30_000_000, people=600, units=4, done=False),)),
    NominationPlan("bg.tp-bac-giang", "custard-apple", D(2025, 3, 10),
                   "Các hộ trồng na ở xã Tiến Dũng, Cảnh Thụy", N.APPROVED),
    # Huyện Hiệp Hòa: 2
    NominationPlan("bg.hiep-hoa", "ncd", D(2025, 1, 20),
                   "Quản lý bệnh mạn tính ở các trạm y tế xã", N.REPLICATING,
                   sites=(site(AGENCY, "Trạm Y tế xã Lương Phong", "Y sĩ Trần Thị Nhung – Trưởng trạm",
                               D(2025, 2, 17), benefit=10_000_000, people=420),)),
    NominationPlan("bg.hiep-hoa", "irrigation", D(2025, 3, 3),
                   "Tưới luân phiên cho vùng lúa chất lượng cao", N.NOMINATED),
    # Huyện Lạng Giang: 2
    NominationPlan("bg.lang-giang", "one-stop", D(2025, 1, 22),
                   "Chuẩn bị cho chính quyền địa phương hai cấp: một cửa cấp xã", N.COMPLETED,
                   sites=(site(C, "Thị trấn Kép", "Đỗ Thị Hằng – công chức Văn phòng – Thống kê", D(2025, 2, 10),
                               benefit=14_000_000, people=1_700, months=(1, 2, 4)),)),
    NominationPlan("bg.lang-giang", "triage", D(2025, 2, 26),
                   "Giảm thời gian chờ tại Trung tâm Y tế huyện", N.APPROVED),
    # Huyện Lục Nam: 1, below target
    NominationPlan("bg.luc-nam", "ward-digital", D(2025, 4, 15),
                   "Số hóa sổ hộ tịch trước khi sắp xếp đơn vị hành chính cấp xã", N.REPLICATING,
                   sites=(site(C, "Xã Bảo Đài", "Nguyễn Thị Hồng – công chức Tư pháp – Hộ tịch", D(2025, 5, 5),
                               benefit=9_000_000, people=900, done=False, months=(1, 2, 3)),)),
    # Huyện Lục Ngạn (smaller, after Chũ): 2
    NominationPlan("bg.luc-ngan", "bilingual-reading", D(2025, 2, 12),
                   "Học sinh bán trú dân tộc Dao, Sán Dìu ở các xã vùng cao", N.REPLICATING,
                   sites=(site(SCHOOL, "Trường PTDTBT THCS Sa Lý", "Cô Triệu Thị Liên – Phó Hiệu trưởng",
                               D(2025, 2, 24), benefit=3_000_000, people=150, done=False),)),
    NominationPlan("bg.luc-ngan", "ncd", D(2025, 3, 18),
                   "Người bệnh mạn tính ở xa trung tâm cần được nhắc lịch", N.NOMINATED),
    # Huyện Sơn Động: its only nomination withdrawn, 0
    NominationPlan("bg.son-dong", "custard-apple", D(2025, 3, 5),
                   "Thử nghiệm trồng na dai ở các xã vùng thấp", N.WITHDRAWN,
                   status_reason=(
                       "Sau khảo sát, đất đồi ở các xã dự kiến không phù hợp trồng na dai; huyện rút đăng ký để "
                       "chọn sáng kiến khác phù hợp hơn.")),
    # Huyện Tân Yên: 1, below target
    NominationPlan("bg.tan-yen", "one-stop", D(2025, 5, 8),
                   "Đặt lịch nộp hồ sơ trước ở bộ phận một cửa các xã", N.APPROVED),
    # Thị xã Việt Yên: 2
    NominationPlan("bg.tx-viet-yen", "cnc-fixture", D(2025, 1, 10),
                   "Sáng kiến của doanh nghiệp trên địa bàn, mở rộng cho các doanh nghiệp cơ khí nhỏ", N.REPLICATING,
                   sites=(site(AGENCY, "Công ty TNHH Cơ khí Hồng Thái", "Kỹ sư Nguyễn Văn Tú – Quản đốc",
                               D(2025, 2, 10), benefit=80_000_000, people=22, done=False),)),
    NominationPlan("bg.tx-viet-yen", "ncd", D(2025, 2, 5),
                   "Quản lý bệnh mạn tính cho người cao tuổi ở các phường", N.REPLICATING,
                   sites=(site(AGENCY, "Trạm Y tế phường Nếnh", "Bác sĩ Lê Thị Hà – Trưởng trạm", D(2025, 3, 3),
                               benefit=8_000_000, people=350),)),
    # Huyện Yên Thế: 3
    NominationPlan("bg.yen-the", "bilingual-reading", D(2025, 2, 18),
                   "Học sinh bán trú ở các xã Xuân Lương, Canh Nậu", N.REPLICATING,
                   sites=(site(SCHOOL, "Trường THCS Xuân Lương", "Thầy Hoàng Văn Đông – Hiệu trưởng",
                               D(2025, 3, 3), benefit=2_000_000, people=120, done=False),)),
    NominationPlan("bg.yen-the", "irrigation", D(2025, 3, 25),
                   "Các hồ thủy lợi nhỏ ở xã Tam Hiệp, Tam Tiến", N.REPLICATING,
                   sites=(site(C, "Xã Tam Hiệp", "Ngô Văn Lực – Tổ trưởng tổ dùng nước", D(2025, 4, 14),
                               benefit=15_000_000, people=380, units=3, done=False),)),
    NominationPlan("bg.yen-the", "custard-apple", D(2025, 4, 22),
                   "Chuyển đổi một phần diện tích vải kém hiệu quả sang trồng na", N.NOMINATED),
    # Thị xã Chũ: 2 (its first year)
    NominationPlan("bg.tx-chu", "lychee-drying", D(2025, 1, 8),
                   "Các hợp tác xã vải thiều của thị xã mới", N.REPLICATING,
                   sites=(site(C, "Xã Nam Dương", "Giáp Văn Thuận – Giám đốc Hợp tác xã Nam Dương", D(2025, 5, 5),
                               benefit=120_000_000, people=40, months=(1, 2, 5)),)),
    NominationPlan("bg.tx-chu", "triage", D(2025, 2, 10),
                   "Phòng khám đa khoa khu vực của thị xã", N.APPROVED),
    # Sở Giáo dục và Đào tạo: across school levels
    NominationPlan("bg.so-gddt", "bilingual-reading", D(2025, 1, 15),
                   "Các trường có học sinh dân tộc thiểu số học bán trú", N.REPLICATING,
                   school_levels=(SchoolLevel.PRIMARY, SchoolLevel.LOWER_SECONDARY),
                   sites=(site(SCHOOL, "Trường PTDTBT Tiểu học Vân Sơn", "Cô Lý Thị Hoa – Hiệu trưởng",
                               D(2025, 2, 17), benefit=2_000_000, people=130, done=False),)),
    NominationPlan("bg.so-gddt", "physics-lab", D(2025, 3, 3),
                   "Sáng kiến đã được công nhận phạm vi toàn quốc, mở rộng cho mọi trường THPT", N.REPLICATING,
                   school_levels=(SchoolLevel.UPPER_SECONDARY,),
                   sites=(site(SCHOOL, "Trường THPT Sơn Động số 1", "Thầy Lục Văn Toàn – Tổ trưởng Vật lý",
                               D(2025, 3, 17), benefit=8_000_000, people=700),)),
]

# 2026, the first year of the communes and wards of the province of 1 July 2025: a year in progress. Most
# of the 99 have chosen nothing yet; a few are on target, one above it with a justification.
NOMINATIONS_2026 = [
    # Phường Bắc Giang: 4, above the target, justified
    NominationPlan("bn.bac-giang", "ward-digital", D(2026, 1, 20),
                   "Phường mới có khối lượng hộ tịch lớn nhất tỉnh cần số hóa", N.REPLICATING,
                   sites=(site(C, "Tổ dân phố số 3, phường Bắc Giang", "Vũ Thị Hạnh – công chức Tư pháp – Hộ tịch",
                               D(2026, 2, 9), benefit=12_000_000, people=2_400, done=False, months=(1, 3, 6)),)),
    NominationPlan("bn.bac-giang", "one-stop", D(2026, 2, 3), "Một cửa của phường sau hợp nhất", N.APPROVED),
    NominationPlan("bn.bac-giang", "ncd", D(2026, 2, 24), "Người cao tuổi ở các tổ dân phố", N.NOMINATED),
    NominationPlan("bn.bac-giang", "triage", D(2026, 3, 16), "Trạm y tế phường quá tải giờ cao điểm", N.NOMINATED,
                   justification=("Phường có dân số gấp ba bình quân toàn tỉnh; Trạm y tế phường đề nghị áp dụng "
                                  "ngay để giảm thời gian chờ.")),
    # Phường Chũ: 3
    NominationPlan("bn.chu", "lychee-drying", D(2026, 1, 12), "Các hợp tác xã vải thiều của phường",
                   N.REPLICATING,
                   sites=(site(C, "Tổ dân phố Phì Điền", "Giáp Văn Thuận – Giám đốc Hợp tác xã", D(2026, 5, 4),
                               benefit=90_000_000, people=35, done=False, months=(1, 2, 4)),)),
    NominationPlan("bn.chu", "one-stop", D(2026, 2, 10), "Một cửa của phường mới", N.APPROVED),
    NominationPlan("bn.chu", "triage", D(2026, 3, 2), "Phòng khám đa khoa khu vực Chũ", N.NOMINATED),
    # Xã Lục Ngạn: 2
    NominationPlan("bn.luc-ngan", "lychee-drying", D(2026, 1, 15), "Vùng vải thiều của xã", N.REPLICATING,
                   sites=(site(C, "Thôn Kép", "Nguyễn Văn Hải – công chức Nông nghiệp", D(2026, 5, 11),
                               benefit=60_000_000, people=28, done=False, months=(1, 2, 4)),)),
    NominationPlan("bn.luc-ngan", "bilingual-reading", D(2026, 2, 26), "Học sinh bán trú ở các thôn vùng cao",
                   N.NOMINATED),
    # Xã Yên Thế: 2
    NominationPlan("bn.yen-the", "custard-apple", D(2026, 2, 6), "Vùng đồi trồng vải kém hiệu quả", N.APPROVED),
    NominationPlan("bn.yen-the", "irrigation", D(2026, 3, 9), "Các hồ thủy lợi nhỏ của xã", N.NOMINATED),
    # Phường Phượng Sơn, Xã Lục Nam, Xã Tân Yên, Phường Từ Sơn: 1 each, below the target
    NominationPlan("bn.phuong-son", "lychee-drying", D(2026, 4, 7), "Các hộ sấy vải của phường", N.NOMINATED),
    NominationPlan("bn.luc-nam", "custard-apple", D(2026, 3, 23), "Vùng na dai của xã", N.APPROVED),
    NominationPlan("bn.tan-yen", "one-stop", D(2026, 4, 20), "Một cửa của xã mới", N.NOMINATED),
    NominationPlan("bn.tu-son", "cnc-fixture", D(2026, 5, 18), "Các xưởng cơ khí của phường", N.NOMINATED),
    # Sở Giáo dục và Đào tạo tỉnh Bắc Ninh: across school levels, no 2–3 target
    NominationPlan("bn.so-gddt", "stations", D(2026, 1, 22), "Mở rộng cho các trường THCS của tỉnh hợp nhất",
                   N.REPLICATING, school_levels=(SchoolLevel.LOWER_SECONDARY,),
                   sites=(site(SCHOOL, "Trường THCS Từ Sơn", "Cô Nguyễn Thị Lan – Tổ trưởng Toán", D(2026, 2, 23),
                               benefit=5_000_000, people=300, done=False),)),
]

# The ended district-level units whose open work DOST has handed over (the others wait on the page).
HAND_OVERS = [
    ("bg.luc-ngan", "bn.luc-ngan"),
    ("bg.tp-bac-giang", "bn.bac-giang"),
]
HAND_OVER_REASON = ("Bàn giao công việc đang dở dang của đơn vị cấp huyện đã kết thúc cho UBND cấp xã kế thừa "
                    "(theo văn bản thống nhất của UBND tỉnh)")


# Loading ------------------------------------------------------------------------------------------

def load(*, actor) -> dict[str, str]:
    """Load the initiatives' demo data as ``actor``; no log-ins of its own.

    The reason recorded is the enclosing command's (``load_demo_data --reason``) or "Nạp dữ liệu mẫu".
    """
    with transaction.atomic(), acting_as(actor, reason=current().reason or REASON):
        organisations = _load_organisations()
        plans = initiative_plans(timezone.localdate())
        for plan in plans:
            _load_initiative(plan, organisations)
        initiatives = {plan.key: Initiative.objects.get(title=_nfc(plan.title)) for plan in plans}
        units = {unit.code: unit for unit in AdministrativeUnit.objects.all()}
        for plan in (*NOMINATIONS_2024, *NOMINATIONS_2025, *NOMINATIONS_2026):
            _load_nomination(plan, initiatives[plan.initiative], units[plan.unit])
        for ended, successor in HAND_OVERS:
            if services.open_work_of(units[ended]).nominations or services.open_work_of(units[ended]).initiatives:
                services.open_work_hand_over(actor=None, unit=units[ended], to=units[successor],
                                             reason=HAND_OVER_REASON, on=directory_demo.MERGER_DAY)
    return {}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _load_organisations() -> dict[str, Organisation]:
    """The organisations by key; those that exist are used as they are (another app's demo may own them)."""
    for name, kind, unit_code in ORGANISATIONS.values():
        if not Organisation.objects.filter(name=_nfc(name)).exists():  # moved since, maybe: found by name
            directory_services.organisation_upsert(actor=None, name=name, kind=kind,
                                                   unit=AdministrativeUnit.objects.get(code=unit_code))
    # 1 July 2025: the organisations of the units that ended move to the units that took them over.
    directory_demo.reorganise(actor=None)
    return {key: Organisation.objects.get(name=_nfc(name)) for key, (name, _, _) in ORGANISATIONS.items()}


def _load_initiative(plan: InitiativePlan, organisations: dict[str, Organisation]) -> None:
    if Initiative.objects.filter(title=_nfc(plan.title)).exists():
        return  # loaded before, with its whole walk
    organisation = organisations[plan.organisation]
    initiative = services.initiative_file(
        actor=None, title=plan.title, field=plan.field, organisation=organisation,
        investor=organisations[plan.investor] if plan.investor else None,
        filed_on=plan.filed_on, first_applied_on=plan.first_applied_on,
        first_application_ended_on=plan.first_application_ended_on, description=plan.description,
        confidential_part=plan.confidential_part, expected_benefit=plan.expected_benefit,
        actual_benefit=plan.actual_benefit,
        authors=[{"name": a.name, "birth_year": a.birth_year, "workplace": a.workplace or organisation.name,
                  "job_title": a.job_title, "share_percent": a.share} for a in plan.authors],
    )
    for step in plan.walk:
        if isinstance(step, Advance):
            services.initiative_advance(initiative=initiative, to_status=step.to, actor=None, on=step.on,
                                        reason=step.reason, decision_ref=step.decision)
        elif isinstance(step, Vote):
            services.council_vote_record(
                actor=None, initiative=initiative, council=step.council, held_on=step.held_on,
                members_seated=step.seated, members_present=step.present, votes_for=step.votes_for,
                votes_against=step.present - step.votes_for - step.abstaining, votes_abstaining=step.abstaining,
            )
        elif isinstance(step, Pay):
            services.remuneration_record(
                actor=None, initiative=initiative, paid_on=step.paid_on, amount=step.amount,
                application_year=step.application_year, benefit=step.benefit,
                rate_percent=Decimal(step.rate) if step.rate is not None else None,
                transfer_price=step.transfer_price, reason=step.reason,
            )
        else:  # pragma: no cover - a typo in the plans above
            raise TypeError(f"Unknown step {step!r}")


def _load_nomination(plan: NominationPlan, initiative: Initiative, unit: AdministrativeUnit) -> None:
    year = plan.on.year
    if ReplicationNomination.objects.filter(initiative=initiative, unit=unit, year=year).exists():
        return  # loaded before, with its sites and progress
    nomination = services.nomination_create(
        initiative=initiative, unit=unit, year=year, actor=None, reason=plan.reason,
        justification=plan.justification, school_levels=plan.school_levels, on=plan.on,
    )
    if plan.status == N.WITHDRAWN:
        services.nomination_advance(nomination=nomination, to_status=N.WITHDRAWN, actor=None,
                                    reason=plan.status_reason)
        return
    if plan.status == N.NOMINATED:
        return
    services.nomination_advance(nomination=nomination, to_status=N.APPROVED, actor=None)
    if plan.status == N.APPROVED:
        return
    services.nomination_advance(nomination=nomination, to_status=N.REPLICATING, actor=None)
    for site_plan in plan.sites:
        _load_site(site_plan, nomination)
    if plan.status == N.COMPLETED:
        services.nomination_advance(nomination=nomination, to_status=N.COMPLETED, actor=None,
                                    reason="Hoàn thành nhân rộng trong năm")


def _load_site(plan: SitePlan, nomination: ReplicationNomination) -> None:
    replication_site = services.site_add(
        actor=None, nomination=nomination, place_kind=plan.kind, place_name=plan.place,
        responsible_person=plan.responsible, started_on=plan.started_on,
    )
    for update in plan.updates:
        services.progress_record(
            actor=None, site=replication_site, on=update.on, percent=update.percent, note=update.note,
            decrease_reason=update.decrease_reason, benefit=update.benefit, people_reached=update.people,
            units_reached=update.units,
        )
    if plan.completed:
        services.site_advance(actor=None, site=replication_site, to_status=SiteStatus.COMPLETED)
    elif plan.abandoned:
        services.site_advance(actor=None, site=replication_site, to_status=SiteStatus.ABANDONED,
                              reason=plan.abandoned)
