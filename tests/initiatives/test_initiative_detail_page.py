"""One initiative: its fields, scope by level, due date, authors, steps, votes, files, payments and
replication; the confidential part only for those entitled; the buttons each role may use."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from initiatives import services
from initiatives.models import ReplicationSite
from initiatives.workflow import CouncilLevel, InitiativeStatus
from tests.initiatives.conftest import file_initiative, recognise_provincially, vote

D = dt.date
SECRET = "Công thức phối trộn riêng"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def initiative(district_officer_lucngan, school_lucngan, units):
    """Provincial scope, a file, a payment, and replicated in Yên Thế's neighbour Lục Ngạn at 40%."""
    initiative = recognise_provincially(file_initiative(district_officer_lucngan, school_lucngan,
                                                        confidential_part=SECRET))
    services.attachment_upload(actor=district_officer_lucngan, title="Thuyết minh sáng kiến",
                               file=ContentFile(b"%PDF-1.4 noi dung", name="thuyet-minh.pdf"), initiative=initiative)
    services.remuneration_record(actor=None, initiative=initiative, paid_on=D(2024, 12, 1), amount=3_000_000,
                                 application_year=1, benefit=30_000_000, rate_percent=10)
    nomination = services.nomination_create(initiative=initiative, unit=units["bg.luc-ngan"], year=2024,
                                            actor=None, on=D(2024, 2, 1))
    site = services.site_add(actor=None, nomination=nomination, place_kind=ReplicationSite.PlaceKind.SCHOOL,
                             place_name="Trường THCS Tân Quang", responsible_person="Hoàng Thị Hoa",
                             started_on=D(2024, 3, 1))
    services.progress_record(actor=None, site=site, on=D(2024, 4, 1), percent=40)
    return initiative


def url(initiative):
    return reverse("initiatives:initiative_detail", args=[initiative.pk])


def test_the_units_officer_sees_everything_with_their_buttons(client_for, district_officer_lucngan, initiative):
    response = client_for(district_officer_lucngan).get(url(initiative))
    assert response.status_code == 200
    page = response.content.decode()
    for text in [
        "Dạy học theo trạm cho môn Toán lớp 6", "Trường THCS Phượng Sơn", "Có phạm vi ảnh hưởng cấp tỉnh",
        "GCN-12/2023", "QĐ 345/QĐ-UBND", "19/04/2023",  # the decision of each level, with its date
        "Nguyễn Thị Mai", "60%", "Lê Văn Bình", "40%",  # authors with their shares
        "Đã tiếp nhận → Hội đồng đang xem xét",  # the steps
        "Hội đồng cấp tỉnh", "9/9", "Đạt (cần 6: 2/3 tổng số thành viên hội đồng)",  # the votes
        "Thuyết minh sáng kiến", "3.000.000",  # a file and a payment, grouped by thousands
        "Huyện Lục Ngạn — 2024", "Trường THCS Tân Quang", 'value="40"',  # replication with its progress bar
        SECRET,
    ]:
        assert text in page, text
    attachment = initiative.attachments.get()
    assert reverse("initiatives:attachment_download", args=[attachment.pk]) in page
    assert "/media/" not in page
    for name in ("nomination_create", "attachment_upload", "payment_create"):
        assert reverse(f"initiatives:{name}", args=[initiative.pk]) in page, name
    # Recognised: its content is no longer the unit's to edit, and the page says so.
    assert reverse("initiatives:initiative_update", args=[initiative.pk]) not in page
    assert "chỉ thư ký hội đồng được sửa mô tả, tác giả" in page
    assert reverse("initiatives:vote_create", args=[initiative.pk]) not in page
    assert "/advance/" not in page


def test_another_districts_officer_reads_it_without_the_confidential_part(client_for, district_officer_yenthe,
                                                                          initiative):
    page = client_for(district_officer_yenthe).get(url(initiative)).content.decode()
    assert "Dạy học theo trạm cho môn Toán lớp 6" in page
    assert SECRET not in page
    assert "Nội dung cần giữ bí mật" not in page
    assert reverse("initiatives:initiative_update", args=[initiative.pk]) not in page
    assert reverse("initiatives:attachment_upload", args=[initiative.pk]) not in page
    # Any district may replicate an initiative of provincial scope on its own territory.
    assert reverse("initiatives:nomination_create", args=[initiative.pk]) in page


@pytest.mark.parametrize(("role", "sees"), [("council_secretary", True), ("auditor", True), ("ip_officer", True),
                                            ("administrator", False)])
def test_the_confidential_part_is_for_those_entitled(request, client_for, initiative, role, sees):
    page = client_for(request.getfixturevalue(role)).get(url(initiative)).content.decode()
    assert (SECRET in page) is sees


def test_the_secretary_has_a_button_per_allowed_move_and_one_for_votes(client_for, council_secretary,
                                                                      district_officer_lucngan, school_lucngan):
    filed = file_initiative(district_officer_lucngan, school_lucngan)
    page = client_for(council_secretary).get(url(filed)).content.decode()
    for status in (InitiativeStatus.REGISTERED, InitiativeStatus.RETURNED):
        assert reverse("initiatives:initiative_advance", args=[filed.pk, status]) in page
    assert reverse("initiatives:initiative_advance", args=[filed.pk, InitiativeStatus.UNDER_REVIEW]) not in page
    assert reverse("initiatives:vote_create", args=[filed.pk]) in page
    assert reverse("initiatives:initiative_update", args=[filed.pk]) not in page


def test_the_due_date_of_the_base_decision_and_its_overdue_flag(client_for, council_secretary,
                                                               district_officer_lucngan, school_lucngan):
    initiative = file_initiative(district_officer_lucngan, school_lucngan, filed_on=D(2024, 1, 5))
    services.initiative_advance(initiative=initiative, to_status=InitiativeStatus.REGISTERED, actor=None,
                                on=D(2024, 1, 10))
    page = client_for(council_secretary).get(url(initiative)).content.decode()
    assert "10/04/2024" in page
    assert "Quá hạn" in page


def test_a_failed_vote_shows_what_two_thirds_needed(client_for, auditor, district_officer_lucngan, school_lucngan):
    initiative = file_initiative(district_officer_lucngan, school_lucngan)
    vote(initiative, CouncilLevel.BASE, D(2023, 4, 1), present=9, votes_for=5)
    page = client_for(auditor).get(url(initiative)).content.decode()
    assert "5/9" in page
    assert "Không đạt (cần 6: 2/3 tổng số thành viên hội đồng; thiếu 1)" in page


def test_no_role_no_page_and_a_missing_initiative_is_a_404(client_for, outsider, auditor, initiative):
    assert client_for(outsider).get(url(initiative)).status_code == 403
    assert client_for(auditor).get(reverse("initiatives:initiative_detail", args=[999999])).status_code == 404


def test_anonymous_is_sent_to_log_in(client, initiative):
    response = client.get(url(initiative))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
