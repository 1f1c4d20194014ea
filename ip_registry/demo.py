"""Demo data for the IP registry: a sample of Bắc Giang's real portfolio, loaded through the services.

The titles the province counted before July 2020 (the "Lục Ngạn" GI for vải thiều, the four certification
marks, collective marks such as Mỳ Chũ and Mỳ Kế) and the "Lục Nam" GI for na dai granted on 20/07/2020,
each reached through a real application walked through the workflow with past dates, so their timelines,
deadlines and statuses are the ones the registry computes. Around them: marks renewed in time or in the
grace period, one mark due for renewal and one in its grace period today, applications in flight at
different stages (so the "due soon" page has work), infringement cases and a sample of Lục Ngạn's
growing-area codes.

Certificate numbers, decision numbers and amounts are not the real ones (they are not published in the
sources the brief relies on): they read "DEMO-…" or carry "(số hiệu minh họa)" so nobody takes them for
the register's. Dates that must stay meaningful (renewal due, in grace, in flight) are counted back from
today; the historical ones are fixed.

Idempotent: assets, products, organisations and codes are upserts; an application is created and walked
only when it does not exist yet, and only the steps it has not taken (and whose day has come) are
applied; documents are uploaded with the step that needs them, or once per asset; an infringement case
is reported only when no case with its asset, day and place exists. Loading twice writes nothing.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from directory import demo as directory_demo
from directory import services as directory_services
from directory.access import can_edit_ip
from directory.models import AdministrativeUnit, Organisation, OrganisationKind
from ip_registry import services
from ip_registry.models import (
    AssetKind,
    Document,
    GrowingAreaCode,
    InfringementCase,
    InfringementOutcome,
    IPAsset,
    ProductCategory,
    ProtectionApplication,
)
from ip_registry.models import Agency as A
from ip_registry.workflow import RENEWAL_WINDOW, ApplicationKind, allowed_moves
from ip_registry.workflow import ApplicationStatus as S

D = dt.date


def months(n: int) -> relativedelta:
    return relativedelta(months=n)


def days(n: int) -> relativedelta:
    return relativedelta(days=n)


# Organisations the directory demo already holds, by name.
UBND_LUC_NAM = "Ủy ban nhân dân huyện Lục Nam"
UBND_LUC_NGAN = "Ủy ban nhân dân huyện Lục Ngạn"
UBND_YEN_THE = "Ủy ban nhân dân huyện Yên Thế"
HOI_GA_DOI = "Hội Chăn nuôi và Tiêu thụ gà đồi Yên Thế"
HTX_MY_CHU = "Hợp tác xã Mỳ Chũ"

# The owners and applicants this module adds: name, kind, unit code.
UBND_HIEP_HOA = "Ủy ban nhân dân huyện Hiệp Hòa"
UBND_SON_DONG = "Ủy ban nhân dân huyện Sơn Động"
HOI_LANG_KE = "Hội Sản xuất mỳ và bánh đa Kế"
HOI_RUOU_LANG_VAN = "Hội Sản xuất và Kinh doanh rượu làng Vân"
HOI_NEP_TAN_YEN = "Hội Sản xuất và Tiêu thụ nếp cái hoa vàng Tân Yên"
HOI_VAI_PHUC_HOA = "Hội Sản xuất và Tiêu thụ vải sớm Phúc Hòa"
HOI_CAM_BO_HA = "Hội Sản xuất và Tiêu thụ cam Bố Hạ"
HOI_CAM_LUC_NGAN = "Hội Sản xuất và Tiêu thụ cam Lục Ngạn"
HTX_RUOU_KIEN_THANH = "Hợp tác xã Rượu Kiên Thành"
HOI_LAC_TAN_YEN = "Hội Sản xuất và Tiêu thụ lạc Tân Yên"

ORGANISATIONS = [
    (UBND_HIEP_HOA, OrganisationKind.STATE_BODY, "bg.hiep-hoa"),
    (UBND_SON_DONG, OrganisationKind.STATE_BODY, "bg.son-dong"),
    (HOI_LANG_KE, OrganisationKind.PRODUCER_ASSOCIATION, "bg.tp-bac-giang"),
    (HOI_RUOU_LANG_VAN, OrganisationKind.PRODUCER_ASSOCIATION, "bg.tx-viet-yen"),
    (HOI_NEP_TAN_YEN, OrganisationKind.PRODUCER_ASSOCIATION, "bg.tan-yen"),
    (HOI_VAI_PHUC_HOA, OrganisationKind.PRODUCER_ASSOCIATION, "bg.tan-yen"),
    (HOI_CAM_BO_HA, OrganisationKind.PRODUCER_ASSOCIATION, "bg.yen-the"),
    (HOI_CAM_LUC_NGAN, OrganisationKind.PRODUCER_ASSOCIATION, "bg.luc-ngan"),
    (HTX_RUOU_KIEN_THANH, OrganisationKind.COOPERATIVE, "bg.luc-ngan"),
    (HOI_LAC_TAN_YEN, OrganisationKind.PRODUCER_ASSOCIATION, "bg.tan-yen"),
]

# name, category, unit codes
PRODUCTS = [
    ("Vải thiều Lục Ngạn", ProductCategory.FRUIT, ["bg.luc-ngan", "bg.tx-chu"]),
    ("Na dai Lục Nam", ProductCategory.FRUIT, ["bg.luc-nam"]),
    ("Gà đồi Yên Thế", ProductCategory.LIVESTOCK, ["bg.yen-the"]),
    ("Bưởi Hiệp Hòa", ProductCategory.FRUIT, ["bg.hiep-hoa"]),
    ("Miến dong Sơn Động", ProductCategory.PROCESSED_FOOD, ["bg.son-dong"]),
    ("Chè Yên Thế", ProductCategory.TEA, ["bg.yen-the"]),
    ("Mỳ Chũ", ProductCategory.PROCESSED_FOOD, ["bg.luc-ngan", "bg.tx-chu"]),
    ("Mỳ Kế", ProductCategory.PROCESSED_FOOD, ["bg.tp-bac-giang"]),
    ("Bánh đa Kế", ProductCategory.PROCESSED_FOOD, ["bg.tp-bac-giang"]),
    ("Rượu làng Vân", ProductCategory.PROCESSED_FOOD, ["bg.huyen-viet-yen", "bg.tx-viet-yen"]),
    ("Gạo nếp cái hoa vàng Tân Yên", ProductCategory.CROP, ["bg.tan-yen"]),
    ("Vải sớm Phúc Hòa", ProductCategory.FRUIT, ["bg.tan-yen"]),
    ("Cam Bố Hạ", ProductCategory.FRUIT, ["bg.yen-the"]),
    ("Cam Lục Ngạn", ProductCategory.FRUIT, ["bg.luc-ngan"]),
    ("Rượu Kiên Thành", ProductCategory.PROCESSED_FOOD, ["bg.luc-ngan"]),
    ("Lạc Tân Yên", ProductCategory.CROP, ["bg.tan-yen"]),
]

LUC_NAM_COMMUNES = ["dong-hung", "dong-phu", "cuong-son", "lan-mau", "huyen-son", "nghia-phuong"]

DEMO_NUMBER = " (số hiệu minh họa)"

# How long the IP Office takes to decide a renewal request in this demo.
RENEWAL_DECISION_TIME = days(45)


# The plan of an application ---------------------------------------------------------------------

@dataclass(frozen=True)
class Step:
    """One planned move: to which status, on which day, with what the workflow asks for."""

    to: str
    on: dt.date
    note: str = ""
    reason: str = ""
    certificate_number: str = ""


def granted_plan(*, filed, accepted, published, intended_grant, granted, certificate) -> list[Step]:
    """A registration that went the whole way without objection."""
    return [
        Step(S.FILED, filed),
        Step(S.ACCEPTED, accepted),
        Step(S.PUBLISHED, published, note="Công bố trên Công báo Sở hữu công nghiệp."),
        Step(S.INTENDED_GRANT, intended_grant),
        Step(S.GRANTED, granted, certificate_number=certificate),
    ]


# The IP Office's paper for each move that needs one: (document type, title, file name).
NOTICES = {
    S.ACCEPTED: (Document.Type.IP_OFFICE_NOTICE, "Quyết định chấp nhận đơn hợp lệ — đơn {number}",
                 "quyet-dinh-chap-nhan-don-hop-le.pdf"),
    S.FORMALITY_DEFICIENT: (Document.Type.IP_OFFICE_NOTICE,
                            "Thông báo kết quả thẩm định hình thức (thiếu sót) — đơn {number}",
                            "thong-bao-thieu-sot-hinh-thuc.pdf"),
    S.INTENDED_GRANT: (Document.Type.IP_OFFICE_NOTICE, "Thông báo dự định cấp văn bằng bảo hộ — đơn {number}",
                       "thong-bao-du-dinh-cap-van-bang.pdf"),
    S.INTENDED_REFUSAL: (Document.Type.IP_OFFICE_NOTICE, "Thông báo dự định từ chối cấp văn bằng — đơn {number}",
                         "thong-bao-du-dinh-tu-choi.pdf"),
    S.REFUSED: (Document.Type.IP_OFFICE_NOTICE, "Quyết định từ chối cấp văn bằng — đơn {number}",
                "quyet-dinh-tu-choi.pdf"),
}
CERTIFICATE = (Document.Type.CERTIFICATE, "Văn bằng bảo hộ số {certificate}", "van-bang-bao-ho.pdf")
RENEWAL_DECISION = (Document.Type.IP_OFFICE_NOTICE, "Quyết định gia hạn hiệu lực văn bằng — đơn {number}",
                    "quyet-dinh-gia-han-hieu-luc.pdf")


@dataclass(frozen=True)
class AssetSpec:
    kind: str
    name: str
    product: str
    applicant: str
    # Unique per application in this module; the number is "<4|6>-<filing year>-<serial>".
    serial: int
    plan: list[Step]
    owner: str | None = None
    managing_organisation: str | None = None
    authorising_decision: str = ""
    area_units: list[str] = field(default_factory=list)
    nice_classes: str = ""
    support_decision: str = ""
    support_amount: int | None = None
    # Renew whenever the renewal window has opened (old titles stay in force, as the real ones did);
    # the marks meant to show "renewal due" and "grace period" are left alone.
    keep_renewed: bool = False
    # When, after the window opens, the owner files the renewal (more than six months: in the grace period).
    renewal_delay: relativedelta = field(default_factory=lambda: days(20))
    documents: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def application_number(self) -> str:
        prefix = "6" if self.kind == AssetKind.GEOGRAPHICAL_INDICATION else "4"
        return f"{prefix}-{self.plan[0].on.year}-{self.serial:05d}"


def regulations_on_use(mark: str) -> tuple[str, str, str]:
    return (Document.Type.REGULATIONS_ON_USE, f"Quy chế sử dụng nhãn hiệu “{mark}”", "quy-che-su-dung.pdf")


def gi_documents(gi: str, product: str) -> list[tuple[str, str, str]]:
    return [
        (Document.Type.GI_SPECIFICATION, f"Bản mô tả tính chất, chất lượng đặc thù của sản phẩm {product} "
                                         f"mang chỉ dẫn địa lý “{gi}”", "ban-mo-ta-tinh-chat-dac-thu.pdf"),
        (Document.Type.MAP, f"Bản đồ khu vực địa lý tương ứng với chỉ dẫn địa lý “{gi}”",
         "ban-do-khu-vuc-dia-ly.pdf"),
        (Document.Type.REGULATIONS_ON_USE, f"Quy chế quản lý và sử dụng chỉ dẫn địa lý “{gi}”",
         "quy-che-quan-ly-su-dung.pdf"),
    ]


def support_decision_document(decision: str) -> tuple[str, str, str]:
    return (Document.Type.SUPPORT_DECISION, decision, "quyet-dinh-ho-tro.pdf")


def portfolio(today: dt.date) -> list[AssetSpec]:
    """The assets and their applications; the dates of the last group are counted back from ``today``."""
    GI, CM, TM = AssetKind.GEOGRAPHICAL_INDICATION, AssetKind.CERTIFICATION_MARK, AssetKind.COLLECTIVE_MARK

    luc_nam_support = ("Quyết định số 389/QĐ-UBND ngày 05/03/2019 của UBND tỉnh Bắc Giang phê duyệt kinh phí "
                       "hỗ trợ đăng ký chỉ dẫn địa lý “Lục Nam” cho sản phẩm na dai" + DEMO_NUMBER)
    my_chu_support = ("Quyết định số 162/QĐ-UBND ngày 21/02/2008 của UBND tỉnh Bắc Giang hỗ trợ xây dựng nhãn hiệu "
                      "tập thể “Mỳ Chũ”" + DEMO_NUMBER)
    phuc_hoa_support = ("Quyết định số 275/QĐ-UBND ngày 29/02/2024 của UBND tỉnh Bắc Giang hỗ trợ đăng ký nhãn hiệu "
                        "tập thể “Vải sớm Phúc Hòa”" + DEMO_NUMBER)
    bo_ha_support = ("Quyết định số 118/QĐ-UBND ngày 15/03/2019 của UBND tỉnh Bắc Giang hỗ trợ đăng ký nhãn hiệu "
                     "tập thể “Cam Bố Hạ”" + DEMO_NUMBER)
    ga_doi_support = ("Quyết định số 1820/QĐ-UBND ngày 10/12/2008 của UBND tỉnh Bắc Giang hỗ trợ xây dựng, quản lý "
                      "nhãn hiệu chứng nhận “Gà đồi Yên Thế”" + DEMO_NUMBER)

    # The mark due for renewal today: its ten years from filing end three months from now.
    lang_van_filed = today - relativedelta(years=10) + months(3)
    # The mark in its grace period today: its ten years ended two months ago.
    nep_filed = today - relativedelta(years=10) - months(2)
    cam_luc_ngan_filed = today - months(7)
    lac_filed = today - months(14)

    return [
        # Geographical indications: owned by the State, managed by the district People's Committee.
        AssetSpec(
            kind=GI, name="Lục Ngạn", product="Vải thiều Lục Ngạn", applicant=UBND_LUC_NGAN, serial=1,
            managing_organisation=UBND_LUC_NGAN, area_units=["bg.luc-ngan"],
            authorising_decision=("Quyết định số 1503/QĐ-UBND ngày 20/12/2007 của UBND tỉnh Bắc Giang cho phép "
                                  "UBND huyện Lục Ngạn nộp đơn và giao quản lý chỉ dẫn địa lý “Lục Ngạn”"
                                  + DEMO_NUMBER),
            plan=granted_plan(filed=D(2008, 1, 15), accepted=D(2008, 2, 13), published=D(2008, 3, 25),
                              intended_grant=D(2008, 8, 12), granted=D(2008, 10, 20), certificate="DEMO-CDĐL-01"),
            documents=gi_documents("Lục Ngạn", "vải thiều"),
        ),
        AssetSpec(
            kind=GI, name="Lục Nam", product="Na dai Lục Nam", applicant=UBND_LUC_NAM, serial=12,
            managing_organisation=UBND_LUC_NAM, area_units=[f"bg.luc-nam.{c}" for c in LUC_NAM_COMMUNES],
            authorising_decision=("Quyết định số 390/QĐ-UBND ngày 05/03/2019 của UBND tỉnh Bắc Giang cho phép "
                                  "UBND huyện Lục Nam nộp đơn và giao quản lý chỉ dẫn địa lý “Lục Nam”"
                                  + DEMO_NUMBER),
            support_decision=luc_nam_support, support_amount=850_000_000,
            plan=granted_plan(filed=D(2019, 4, 16), accepted=D(2019, 5, 14), published=D(2019, 7, 12),
                              intended_grant=D(2020, 5, 12), granted=D(2020, 7, 20), certificate="DEMO-CDĐL-02"),
            documents=[*gi_documents("Lục Nam", "na dai"), support_decision_document(luc_nam_support)],
        ),
        # Certification marks: owned by a body able to certify (here the district People's Committees).
        AssetSpec(
            kind=CM, name="Gà đồi Yên Thế", product="Gà đồi Yên Thế", applicant=UBND_YEN_THE, serial=1102,
            owner=UBND_YEN_THE, managing_organisation=HOI_GA_DOI, nice_classes="29, 31",
            support_decision=ga_doi_support, support_amount=300_000_000, keep_renewed=True,
            plan=granted_plan(filed=D(2009, 2, 16), accepted=D(2009, 3, 12), published=D(2009, 5, 11),
                              intended_grant=D(2009, 12, 18), granted=D(2010, 2, 26), certificate="DEMO-NH-0002"),
            documents=[regulations_on_use("Gà đồi Yên Thế"), support_decision_document(ga_doi_support)],
        ),
        AssetSpec(
            kind=CM, name="Bưởi Hiệp Hòa", product="Bưởi Hiệp Hòa", applicant=UBND_HIEP_HOA, serial=15321,
            owner=UBND_HIEP_HOA, nice_classes="31", keep_renewed=True,
            plan=granted_plan(filed=D(2014, 7, 8), accepted=D(2014, 8, 5), published=D(2014, 9, 25),
                              intended_grant=D(2015, 5, 20), granted=D(2015, 7, 28), certificate="DEMO-NH-0004"),
            documents=[regulations_on_use("Bưởi Hiệp Hòa")],
        ),
        AssetSpec(
            kind=CM, name="Miến dong Sơn Động", product="Miến dong Sơn Động", applicant=UBND_SON_DONG,
            serial=27105, owner=UBND_SON_DONG, nice_classes="30", keep_renewed=True,
            plan=granted_plan(filed=D(2015, 10, 20), accepted=D(2015, 11, 17), published=D(2016, 1, 15),
                              intended_grant=D(2016, 9, 15), granted=D(2016, 11, 22), certificate="DEMO-NH-0005"),
            documents=[regulations_on_use("Miến dong Sơn Động")],
        ),
        AssetSpec(
            kind=CM, name="Chè Yên Thế", product="Chè Yên Thế", applicant=UBND_YEN_THE, serial=8214,
            owner=UBND_YEN_THE, nice_classes="30", keep_renewed=True,
            plan=granted_plan(filed=D(2018, 3, 14), accepted=D(2018, 4, 10), published=D(2018, 5, 25),
                              intended_grant=D(2019, 1, 22), granted=D(2019, 4, 9), certificate="DEMO-NH-0008"),
            documents=[regulations_on_use("Chè Yên Thế")],
        ),
        # Collective marks: owned by the cooperative or association whose members use them.
        AssetSpec(
            kind=TM, name="Mỳ Chũ", product="Mỳ Chũ", applicant=HTX_MY_CHU, serial=3316, owner=HTX_MY_CHU,
            nice_classes="30", support_decision=my_chu_support, support_amount=120_000_000, keep_renewed=True,
            plan=granted_plan(filed=D(2008, 3, 18), accepted=D(2008, 4, 15), published=D(2008, 5, 26),
                              intended_grant=D(2009, 1, 14), granted=D(2009, 3, 24), certificate="DEMO-NH-0001"),
            documents=[regulations_on_use("Mỳ Chũ"), support_decision_document(my_chu_support)],
        ),
        AssetSpec(
            kind=TM, name="Mỳ Kế", product="Mỳ Kế", applicant=HOI_LANG_KE, serial=9870, owner=HOI_LANG_KE,
            nice_classes="30", keep_renewed=True,
            # Renewed late, in the grace period, with the surcharge.
            renewal_delay=months(6) + days(25),
            plan=granted_plan(filed=D(2012, 5, 10), accepted=D(2012, 6, 6), published=D(2012, 7, 25),
                              intended_grant=D(2013, 3, 19), granted=D(2013, 5, 28), certificate="DEMO-NH-0003"),
            documents=[regulations_on_use("Mỳ Kế")],
        ),
        AssetSpec(
            kind=TM, name="Cam Bố Hạ", product="Cam Bố Hạ", applicant=HOI_CAM_BO_HA, serial=11207,
            owner=HOI_CAM_BO_HA, nice_classes="31", support_decision=bo_ha_support, support_amount=200_000_000,
            keep_renewed=True,
            plan=granted_plan(filed=D(2019, 4, 2), accepted=D(2019, 4, 26), published=D(2019, 6, 25),
                              intended_grant=D(2020, 3, 10), granted=D(2020, 5, 19), certificate="DEMO-NH-0009"),
            documents=[regulations_on_use("Cam Bố Hạ"), support_decision_document(bo_ha_support)],
        ),
        AssetSpec(
            kind=TM, name="Vải sớm Phúc Hòa", product="Vải sớm Phúc Hòa", applicant=HOI_VAI_PHUC_HOA, serial=6031,
            owner=HOI_VAI_PHUC_HOA, nice_classes="31", support_decision=phuc_hoa_support,
            support_amount=150_000_000, keep_renewed=True,
            plan=granted_plan(filed=D(2024, 3, 12), accepted=D(2024, 4, 9), published=D(2024, 5, 27),
                              intended_grant=D(2025, 2, 18), granted=D(2025, 5, 6), certificate="DEMO-NH-0010"),
            documents=[regulations_on_use("Vải sớm Phúc Hòa"), support_decision_document(phuc_hoa_support)],
        ),
        AssetSpec(
            kind=TM, name="Rượu làng Vân", product="Rượu làng Vân", applicant=HOI_RUOU_LANG_VAN, serial=4518,
            owner=HOI_RUOU_LANG_VAN, nice_classes="33",
            plan=granted_plan(filed=lang_van_filed, accepted=lang_van_filed + days(27),
                              published=lang_van_filed + months(2) + days(10),
                              intended_grant=lang_van_filed + months(9), granted=lang_van_filed + months(11),
                              certificate="DEMO-NH-0007"),
            documents=[regulations_on_use("Rượu làng Vân")],
        ),
        AssetSpec(
            kind=TM, name="Gạo nếp cái hoa vàng Tân Yên", product="Gạo nếp cái hoa vàng Tân Yên",
            applicant=HOI_NEP_TAN_YEN, serial=21744, owner=HOI_NEP_TAN_YEN, nice_classes="30",
            plan=granted_plan(filed=nep_filed, accepted=nep_filed + days(24), published=nep_filed + months(2),
                              intended_grant=nep_filed + months(9), granted=nep_filed + months(11),
                              certificate="DEMO-NH-0006"),
            documents=[regulations_on_use("Gạo nếp cái hoa vàng Tân Yên")],
        ),
        # In flight. Filed twenty days ago: the IP Office's formality examination is due within days.
        AssetSpec(
            kind=TM, name="Bánh đa Kế", product="Bánh đa Kế", applicant=HOI_LANG_KE, serial=41852,
            owner=HOI_LANG_KE, nice_classes="30",
            plan=[Step(S.FILED, today - days(20), note="Nộp đơn trực tuyến qua Cổng dịch vụ công của Cục SHTT.")],
            documents=[regulations_on_use("Bánh đa Kế")],
        ),
        # Published some four months ago: the opposition window closes soon, substantive examination runs on.
        AssetSpec(
            kind=TM, name="Cam Lục Ngạn", product="Cam Lục Ngạn", applicant=HOI_CAM_LUC_NGAN, serial=17390,
            owner=HOI_CAM_LUC_NGAN, nice_classes="31",
            plan=[
                Step(S.FILED, cam_luc_ngan_filed),
                Step(S.ACCEPTED, cam_luc_ngan_filed + days(26)),
                Step(S.PUBLISHED, today - months(4) - days(10), note="Công bố trên Công báo Sở hữu công nghiệp."),
            ],
            documents=[regulations_on_use("Cam Lục Ngạn")],
        ),
        # Found deficient four months ago and never answered: the applicant's reply is overdue.
        AssetSpec(
            kind=TM, name="Rượu Kiên Thành", product="Rượu Kiên Thành", applicant=HTX_RUOU_KIEN_THANH,
            serial=30266, owner=HTX_RUOU_KIEN_THANH, nice_classes="33",
            plan=[
                Step(S.FILED, today - months(5)),
                Step(S.FORMALITY_DEFICIENT, today - months(4),
                     note="Thiếu quy chế sử dụng nhãn hiệu tập thể và danh sách thành viên được sử dụng nhãn hiệu."),
            ],
        ),
        # Intended refusal fifty days ago: the applicant must answer within two months.
        AssetSpec(
            kind=TM, name="Lạc Tân Yên", product="Lạc Tân Yên", applicant=HOI_LAC_TAN_YEN, serial=52119,
            owner=HOI_LAC_TAN_YEN, nice_classes="31",
            plan=[
                Step(S.FILED, lac_filed),
                Step(S.ACCEPTED, lac_filed + days(28)),
                Step(S.PUBLISHED, lac_filed + months(2) + days(20), note="Công bố trên Công báo Sở hữu công nghiệp."),
                Step(S.INTENDED_REFUSAL, today - days(50),
                     reason=("Hồ sơ chưa có văn bản của Ủy ban nhân dân cấp tỉnh cho phép sử dụng địa danh "
                             "“Tân Yên” trong nhãn hiệu tập thể.")),
            ],
            documents=[regulations_on_use("Lạc Tân Yên")],
        ),
        # A third GI on the way, accepted forty days ago: publication is due within weeks. Filed after the
        # district level ended, so the association applies and is proposed as managing organisation.
        AssetSpec(
            kind=GI, name="Yên Thế", product="Gà đồi Yên Thế", applicant=HOI_GA_DOI, serial=7,
            managing_organisation=HOI_GA_DOI, area_units=["bg.yen-the"],
            authorising_decision=("Quyết định của UBND tỉnh Bắc Ninh cho phép Hội Chăn nuôi và Tiêu thụ gà đồi "
                                  "Yên Thế nộp đơn đăng ký chỉ dẫn địa lý “Yên Thế” cho sản phẩm gà đồi"
                                  + DEMO_NUMBER),
            plan=[Step(S.FILED, today - days(65)), Step(S.ACCEPTED, today - days(40))],
            documents=gi_documents("Yên Thế", "gà đồi"),
        ),
    ]


# Lục Ngạn lychee's growing-area codes: a sample. In May 2023 the district held 110 codes for China,
# 37 for Japan, 15 for the US, 19 for Thailand and 9 for Australia; the demo holds fifteen of them.
# code, export market, hectares, issued on, status, unit code
CPV = "Cục Bảo vệ thực vật"
GROWING_AREA_CODES = [
    ("VN-BGOR-0101", "Trung Quốc", "45.60", D(2019, 5, 10), GrowingAreaCode.Status.ACTIVE, "bg.luc-ngan"),
    ("VN-BGOR-0102", "Trung Quốc", "32.15", D(2019, 5, 10), GrowingAreaCode.Status.ACTIVE, "bg.luc-ngan"),
    ("VN-BGOR-0103", "Trung Quốc", "28.40", D(2020, 4, 22), GrowingAreaCode.Status.ACTIVE, "bg.luc-ngan"),
    ("VN-BGOR-0104", "Trung Quốc", "19.75", D(2021, 4, 15), GrowingAreaCode.Status.SUSPENDED, "bg.luc-ngan"),
    ("VN-BGOR-0105", "Trung Quốc", "51.30", D(2022, 4, 28), GrowingAreaCode.Status.ACTIVE, "bg.luc-ngan"),
    ("VN-BGOR-0106", "Trung Quốc", "24.80", D(2025, 3, 18), GrowingAreaCode.Status.ACTIVE, "bg.tx-chu"),
    ("VN-BGOR-0201", "Nhật Bản", "12.50", D(2020, 5, 6), GrowingAreaCode.Status.ACTIVE, "bg.luc-ngan"),
    ("VN-BGOR-0202", "Nhật Bản", "8.20", D(2021, 5, 12), GrowingAreaCode.Status.REVOKED, "bg.luc-ngan"),
    ("VN-BGOR-0203", "Nhật Bản", "15.00", D(2022, 5, 9), GrowingAreaCode.Status.ACTIVE, "bg.luc-ngan"),
    ("VN-BGOR-0301", "Hoa Kỳ", "10.40", D(2020, 5, 20), GrowingAreaCode.Status.ACTIVE, "bg.luc-ngan"),
    ("VN-BGOR-0302", "Hoa Kỳ", "9.85", D(2023, 4, 25), GrowingAreaCode.Status.ACTIVE, "bg.luc-ngan"),
    ("VN-BGOR-0401", "Thái Lan", "22.30", D(2021, 4, 20), GrowingAreaCode.Status.ACTIVE, "bg.luc-ngan"),
    ("VN-BGOR-0402", "Thái Lan", "17.65", D(2023, 5, 4), GrowingAreaCode.Status.ACTIVE, "bg.luc-ngan"),
    ("VN-BGOR-0501", "Úc", "6.90", D(2022, 5, 17), GrowingAreaCode.Status.ACTIVE, "bg.luc-ngan"),
    ("VN-BGOR-0502", "Úc", "7.35", D(2023, 5, 11), GrowingAreaCode.Status.ACTIVE, "bg.luc-ngan"),
]


@dataclass(frozen=True)
class CaseSpec:
    asset: tuple[str, str]  # (kind, name)
    reported_on: dt.date
    place: str
    description: str
    agencies: list[str]
    steps: list[tuple[dt.date, str, str]]  # (on, agency, action)
    # (outcome, closed on, fine amount, goods quantity), or None while the case is open.
    closing: tuple[str, dt.date, int | None, str] | None = None


CASES = [
    CaseSpec(
        asset=(AssetKind.GEOGRAPHICAL_INDICATION, "Lục Ngạn"),
        reported_on=D(2025, 6, 12),
        place="bg.tp-bac-giang",
        description=("Một cơ sở kinh doanh tại chợ đầu mối nông sản dán tem “Vải thiều Lục Ngạn” giả lên vải "
                     "thiều nhập từ địa phương khác để bán ra thị trường."),
        agencies=[A.MARKET_MANAGEMENT],
        steps=[
            (D(2025, 6, 12), A.MARKET_MANAGEMENT, "Đội Quản lý thị trường kiểm tra đột xuất, lập biên bản vi phạm "
                                                   "hành chính, tạm giữ 1,2 tấn vải và 5.000 tem nhãn nghi giả."),
            (D(2025, 6, 16), A.MARKET_MANAGEMENT, "Lấy mẫu tem nhãn gửi giám định; mời UBND huyện Lục Ngạn (tổ chức "
                                                   "quản lý chỉ dẫn địa lý) phối hợp xác minh."),
        ],
    ),
    CaseSpec(
        asset=(AssetKind.CERTIFICATION_MARK, "Gà đồi Yên Thế"),
        reported_on=D(2024, 1, 22),
        place="bg.tp-bac-giang",
        description=("Phát hiện gà thịt không rõ nguồn gốc được đóng trong túi, hộp in nhãn hiệu chứng nhận "
                     "“Gà đồi Yên Thế” giả, bán tại chợ dịp cận Tết Giáp Thìn."),
        agencies=[A.MARKET_MANAGEMENT, A.POLICE],
        steps=[
            (D(2024, 1, 22), A.MARKET_MANAGEMENT, "Kiểm tra, lập biên bản, tạm giữ 320 bộ bao bì và tem nhãn giả."),
            (D(2024, 1, 26), A.POLICE, "Công an thành phố phối hợp xác minh nguồn gốc bao bì tại cơ sở in."),
            (D(2024, 2, 5), A.MARKET_MANAGEMENT, "Ra quyết định xử phạt vi phạm hành chính, tịch thu và tiêu hủy "
                                                  "bao bì, tem nhãn giả."),
        ],
        closing=(InfringementOutcome.FINE, D(2024, 2, 5), 25_000_000, "320 bộ bao bì, tem nhãn giả"),
    ),
    CaseSpec(
        asset=(AssetKind.COLLECTIVE_MARK, "Mỳ Chũ"),
        reported_on=D(2023, 9, 5),
        place="bg.luc-ngan",
        description=("Một hộ sản xuất không phải thành viên Hợp tác xã Mỳ Chũ sử dụng nhãn hiệu tập thể "
                     "“Mỳ Chũ” trên bao bì sản phẩm."),
        agencies=[A.INDUSTRY_AND_TRADE],
        steps=[
            (D(2023, 9, 8), A.INDUSTRY_AND_TRADE, "Làm việc với hộ sản xuất, yêu cầu gỡ bỏ nhãn hiệu trên bao bì "
                                                   "và hướng dẫn thủ tục gia nhập hợp tác xã."),
        ],
        closing=(InfringementOutcome.WARNING, D(2023, 9, 20), None, ""),
    ),
]


# Loading -------------------------------------------------------------------------------------------

def load(*, actor) -> dict[str, str]:
    """Load the IP registry's demo portfolio; it adds no log-ins."""
    if actor is not None and not can_edit_ip(actor):
        # The command run by someone who may not edit the registry (an administrator setting up a
        # server): the load is trusted code, so its writes go in as the data load's (actor None), which
        # the services record under the command's actor and reason all the same.
        actor = None
    today = timezone.localdate()
    with transaction.atomic():
        unit = _units()
        organisation = _load_organisations(actor=actor, unit=unit)
        products = {
            name: services.product_upsert(actor=actor, name=name, category=category,
                                          units=[unit[code] for code in codes])
            for name, category, codes in PRODUCTS
        }
        assets = {}
        for spec in portfolio(today):
            assets[(spec.kind, spec.name)] = _load_asset(
                actor=actor, spec=spec, unit=unit, organisation=organisation, products=products, today=today,
            )
        for case in CASES:
            _load_case(actor=actor, case=case, asset=assets[case.asset], unit=unit)
        _redesignate_managing_bodies(actor=actor, assets=assets)
        lychee_gi = assets[(AssetKind.GEOGRAPHICAL_INDICATION, "Lục Ngạn")]
        for code, market, hectares, issued_on, status, unit_code in GROWING_AREA_CODES:
            services.growing_area_code_upsert(
                actor=actor, code=code, product=products["Vải thiều Lục Ngạn"], asset=lychee_gi,
                unit=unit[unit_code], area_hectares=Decimal(hectares), export_market=market, issuing_body=CPV,
                issued_on=issued_on, status=status,
            )
    return {}


# The district People's Committees that managed GIs ended on 30 June 2025: the IP officer records the body
# the province designated in their place.
REDESIGNATIONS = [
    ((AssetKind.GEOGRAPHICAL_INDICATION, "Lục Nam"), "Ủy ban nhân dân xã Lục Nam",
     "UBND tỉnh giao UBND xã Lục Nam quản lý chỉ dẫn địa lý “Lục Nam” từ 01/07/2025, thay UBND huyện Lục Nam "
     "(kết thúc hoạt động ngày 30/06/2025)"),
]


def _redesignate_managing_bodies(*, actor, assets: dict) -> None:
    for key, body, reason in REDESIGNATIONS:
        asset = assets[key]
        if asset.managing_organisation is not None and asset.managing_organisation.ended_on is not None:
            services.asset_update(actor=actor, asset=asset, reason=reason,
                                  managing_organisation=Organisation.objects.get(name=body))


def _units() -> dict[str, AdministrativeUnit]:
    """The directory demo's units, by code (loaded before this module)."""
    return {unit.code: unit for unit in AdministrativeUnit.objects.filter(code__startswith="bg")}


def _load_organisations(*, actor, unit) -> Callable[[str], Organisation]:
    for name, kind, unit_code in ORGANISATIONS:
        if not Organisation.objects.filter(name=name).exists():
            directory_services.organisation_upsert(actor=actor, name=name, kind=kind, unit=unit[unit_code])
    directory_demo.reorganise(actor=actor)

    def by_name(name: str) -> Organisation:
        return Organisation.objects.get(name=name)

    return by_name


def _load_asset(*, actor, spec: AssetSpec, unit, organisation, products, today) -> IPAsset:
    managing = organisation(spec.managing_organisation) if spec.managing_organisation else None
    existing = IPAsset.objects.filter(kind=spec.kind, name=spec.name).select_related("managing_organisation").first()
    if existing is not None and managing is not None and managing.ended_on is not None:
        managing = existing.managing_organisation  # redesignated since the body it names ended
    asset = services.asset_upsert(
        actor=actor, kind=spec.kind, name=spec.name, product=products[spec.product],
        owner=organisation(spec.owner) if spec.owner else None,
        managing_organisation=managing,
        authorising_decision=spec.authorising_decision, area_units=[unit[code] for code in spec.area_units],
        nice_classes=spec.nice_classes, support_decision=spec.support_decision,
        support_amount=spec.support_amount,
    )
    for doc_type, title, file_name in spec.documents:
        if not asset.documents.filter(doc_type=doc_type, title=title).exists():
            _upload(actor=actor, asset=asset, doc_type=doc_type, title=title, file_name=file_name)

    applicant = organisation(spec.applicant)
    application = asset.applications.filter(kind=ApplicationKind.REGISTRATION).first()
    if application is None:
        application = services.application_create(
            actor=actor, asset=asset, applicant=applicant, application_number=spec.application_number,
            filing_date=spec.plan[0].on, note=spec.plan[0].note,
        )
    _walk(actor=actor, application=application, plan=spec.plan, today=today)
    if spec.keep_renewed:
        _renew_while_due(actor=actor, asset=asset, applicant=applicant, spec=spec, today=today)
    asset.refresh_from_db()
    return asset


def _walk(*, actor, application: ProtectionApplication, plan: list[Step], today: dt.date) -> ProtectionApplication:
    """Take the planned steps the application has not taken yet, up to today."""
    taken = application.steps.count()
    for step in plan[taken:]:
        if step.on > today:
            break
        move = allowed_moves(application.kind, application.status).get(step.to)
        document = None
        if move is not None and move.needs_document:
            document = _notice(actor=actor, application=application, step=step)
        application = services.application_advance(
            application=application, to_status=step.to, actor=actor, on=step.on, note=step.note,
            reason=step.reason, document=document, certificate_number=step.certificate_number,
        )
    return application


def _notice(*, actor, application: ProtectionApplication, step: Step) -> Document:
    if step.to == S.GRANTED:
        paper = RENEWAL_DECISION if application.kind == ApplicationKind.RENEWAL else CERTIFICATE
    else:
        paper = NOTICES[step.to]
    doc_type, title, file_name = paper
    title = title.format(number=application.application_number, certificate=step.certificate_number)
    return _upload(actor=actor, asset=application.asset, doc_type=doc_type, title=title, file_name=file_name)


def _renew_while_due(*, actor, asset: IPAsset, applicant: Organisation, spec: AssetSpec, today: dt.date) -> None:
    """File (and, once its day has come, grant) a renewal each time the renewal window has opened.

    Keeps the historical titles in force as the years pass, the way their owners kept the real ones.
    """
    while True:
        asset.refresh_from_db()
        if asset.valid_until is None:
            return
        filed_on = asset.valid_until - RENEWAL_WINDOW + spec.renewal_delay
        if filed_on > today:
            return
        number = f"GH-{filed_on.year}-{spec.serial:05d}"
        application = ProtectionApplication.objects.filter(application_number=number).first()
        if application is None:
            surcharge = services.renewal_surcharge_percent(asset=asset, on=filed_on)
            note = "Nộp trong 6 tháng trước khi hết hiệu lực."
            if surcharge:
                note = f"Nộp trong thời gian ân hạn, nộp thêm {surcharge}% lệ phí gia hạn."
            application = services.application_create(
                actor=actor, asset=asset, applicant=applicant, kind=ApplicationKind.RENEWAL,
                application_number=number, filing_date=filed_on, note=note,
            )
        plan = [Step(S.FILED, filed_on), Step(S.GRANTED, filed_on + RENEWAL_DECISION_TIME)]
        if _walk(actor=actor, application=application, plan=plan, today=today).status != S.GRANTED:
            return


def _load_case(*, actor, case: CaseSpec, asset: IPAsset, unit) -> None:
    place = unit[case.place]
    if InfringementCase.objects.filter(asset=asset, reported_on=case.reported_on, place=place).exists():
        return
    report = services.infringement_report(actor=actor, asset=asset, reported_on=case.reported_on, place=place,
                                          description=case.description, agencies=case.agencies)
    for on, agency, action in case.steps:
        services.infringement_add_step(actor=actor, case=report, on=on, agency=agency, action=action)
    if case.closing is not None:
        outcome, closed_on, fine_amount, goods_quantity = case.closing
        services.infringement_close(actor=actor, case=report, outcome=outcome, closed_on=closed_on,
                                    fine_amount=fine_amount, goods_quantity=goods_quantity)


# Files ---------------------------------------------------------------------------------------------

def _upload(*, actor, asset: IPAsset, doc_type: str, title: str, file_name: str) -> Document:
    return services.document_upload(actor=actor, asset=asset, doc_type=doc_type, title=title,
                                    file=ContentFile(demo_pdf(title), name=file_name))


def _ascii(text: str) -> str:
    """Vietnamese without its marks, for a PDF page drawn in a standard font (which has no Vietnamese)."""
    text = text.replace("đ", "d").replace("Đ", "D").replace("—", "-").replace("“", '"').replace("”", '"')
    stripped = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    stripped = stripped.encode("ascii", "replace").decode("ascii")
    return stripped.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def demo_pdf(title: str) -> bytes:
    """A one-page PDF that says it is a demo document; the title, in full, is in its metadata."""
    lines = [_ascii(title)[:90], "Tai lieu minh hoa - du lieu mau, khong phai ban chinh."]
    text = "".join(f"BT /F1 12 Tf 50 {780 - 20 * i} Td ({line}) Tj ET\n" for i, line in enumerate(lines))
    content = text.encode("ascii")
    title_hex = ("FEFF" + title.encode("utf-16-be").hex().upper()).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Title <" + title_hex + b"> /Producer (ip_registry.demo) >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)
