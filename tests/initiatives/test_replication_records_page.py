"""On their unit's page, a district officer adds sites, records progress with evidence, and moves
nominations and sites along; bad input and refused moves are shown and nothing is written."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from initiatives import services
from initiatives.models import Attachment, ProgressUpdate, ReplicationSite
from initiatives.workflow import NominationStatus, SiteStatus
from tests.initiatives.conftest import file_initiative, recognise_provincially

D = dt.date


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def nomination(district_officer_lucngan, school_lucngan, units):
    initiative = recognise_provincially(file_initiative(district_officer_lucngan, school_lucngan))
    return services.nomination_create(initiative=initiative, unit=units["bg.luc-ngan"], year=2024, actor=None,
                                      on=D(2024, 2, 1))


@pytest.fixture
def site(nomination):
    return services.site_add(actor=None, nomination=nomination, place_kind=ReplicationSite.PlaceKind.SCHOOL,
                             place_name="Trường THCS Tân Quang", responsible_person="Hoàng Thị Hoa",
                             started_on=D(2024, 3, 1))


def unit_page(nomination):
    return reverse("initiatives:unit_year", args=[nomination.year, nomination.unit_id])


# Sites --------------------------------------------------------------------------------------------

def site_url(nomination):
    return reverse("initiatives:site_create", args=[nomination.pk])


SITE = {"place_kind": "commune", "place_name": "Xã Biên Sơn", "responsible_person": "Nguyễn Văn Hùng",
        "started_on": "2024-04-01"}


def test_the_officer_adds_a_site(client_for, district_officer_lucngan, nomination):
    response = client_for(district_officer_lucngan).post(site_url(nomination), SITE)
    site = ReplicationSite.objects.get()
    assert response.status_code == 302
    assert response["Location"] == unit_page(nomination) + f"#site-{site.pk}"
    assert (site.place_name, site.status, site.started_on) == ("Xã Biên Sơn", SiteStatus.PLANNED, D(2024, 4, 1))
    row = site.history.get()
    assert (row.history_user, row.history_channel) == (district_officer_lucngan, "web")


def test_a_site_without_a_place_is_refused(client_for, district_officer_lucngan, nomination):
    response = client_for(district_officer_lucngan).post(site_url(nomination), {**SITE, "place_name": ""})
    assert response.status_code == 200
    assert "place_name" in response.context["form"].errors
    assert not ReplicationSite.objects.exists()


def test_a_closed_nomination_takes_no_site(client_for, district_officer_lucngan, nomination):
    services.nomination_advance(nomination=nomination, to_status=NominationStatus.WITHDRAWN, actor=None,
                                reason="Đổi sáng kiến khác")
    response = client_for(district_officer_lucngan).post(site_url(nomination), SITE)
    assert "Đăng ký nhân rộng đã kết thúc." in response.content.decode()
    assert not ReplicationSite.objects.exists()


# Progress -----------------------------------------------------------------------------------------

def progress_url(site):
    return reverse("initiatives:progress_create", args=[site.pk])


def test_the_officer_records_progress_with_results_and_evidence(client_for, district_officer_lucngan, site):
    client = client_for(district_officer_lucngan)
    response = client.post(progress_url(site), {
        "on": "2024-04-15", "percent": "35", "note": "Đã tập huấn giáo viên", "benefit": "12000000",
        "people_reached": "150", "units_reached": "3",
        "evidence": [SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 bien ban"), SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff anh")],
    })
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert (update.percent, update.people_reached, update.benefit, update.recorded_by) == (
        35, 150, 12_000_000, district_officer_lucngan)
    assert sorted(update.evidence.values_list("title", flat=True)) == ["anh.jpg", "bien-ban.pdf"]
    site.refresh_from_db()
    assert site.status == SiteStatus.IN_PROGRESS  # the first progress starts the site
    row = update.history.get()
    assert (row.history_user, row.history_channel) == (district_officer_lucngan, "web")
    page = client.get(unit_page(site.nomination)).content.decode()
    assert 'value="35"' in page and "bien-ban.pdf" in page


def test_progress_going_down_without_a_reason_is_refused(client_for, district_officer_lucngan, site):
    services.progress_record(actor=None, site=site, on=D(2024, 4, 1), percent=60)
    client = client_for(district_officer_lucngan)
    response = client.post(progress_url(site), {"on": "2024-05-01", "percent": "40"})
    assert response.status_code == 200
    assert "decrease_reason" in response.context["form"].errors
    assert "Tiến độ giảm từ 60% xuống 40%: cần ghi lý do." in response.content.decode()
    assert ProgressUpdate.objects.count() == 1
    client.post(progress_url(site), {"on": "2024-05-01", "percent": "40", "decrease_reason": "Giáo viên chuyển trường"})
    assert ProgressUpdate.objects.count() == 2


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"on": "2100-01-01", "percent": "10"}, "on", "Không ghi tiến độ cho ngày ở tương lai."),
    ({"on": "2024-02-01", "percent": "10"}, "on", "Ngày cập nhật trước ngày bắt đầu triển khai."),
    ({"on": "2024-04-01", "percent": "120"}, "percent", "nhỏ hơn hoặc bằng với 100"),
])
def test_bad_progress_is_refused(client_for, district_officer_lucngan, site, data, field, message):
    response = client_for(district_officer_lucngan).post(progress_url(site), {
        **data, "evidence": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 bien ban")})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not ProgressUpdate.objects.exists()
    assert not Attachment.objects.exists()


# Moving nominations and sites ---------------------------------------------------------------------

def nomination_move(nomination, to_status):
    return reverse("initiatives:nomination_advance", args=[nomination.pk, to_status])


def site_move(site, to_status):
    return reverse("initiatives:site_advance", args=[site.pk, to_status])


def test_the_buttons_say_what_each_move_does(client_for, district_officer_lucngan, site):
    nomination = site.nomination
    page = client_for(district_officer_lucngan).get(unit_page(nomination)).content.decode()
    links = dict(re.findall(r'<a class="button[^"]*" href="([^"]+)">([^<]+)</a>', page))
    assert links[nomination_move(nomination, NominationStatus.APPROVED)] == "Ghi nhận được phê duyệt"
    assert links[nomination_move(nomination, NominationStatus.WITHDRAWN)] == "Rút đăng ký nhân rộng"
    assert links[site_move(site, SiteStatus.IN_PROGRESS)] == "Bắt đầu triển khai"
    assert links[site_move(site, SiteStatus.ABANDONED)] == "Ngừng triển khai"


def test_the_officer_moves_a_nomination_along(client_for, district_officer_lucngan, nomination):
    client = client_for(district_officer_lucngan)
    response = client.post(nomination_move(nomination, NominationStatus.APPROVED), {"reason": ""})
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.APPROVED
    row = nomination.history.first()
    assert (row.history_user, row.history_channel) == (district_officer_lucngan, "web")


def test_withdrawing_needs_a_reason(client_for, district_officer_lucngan, nomination):
    client = client_for(district_officer_lucngan)
    response = client.post(nomination_move(nomination, NominationStatus.WITHDRAWN), {"reason": ""})
    assert "reason" in response.context["form"].errors
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.NOMINATED
    client.post(nomination_move(nomination, NominationStatus.WITHDRAWN), {"reason": "Không phù hợp địa phương"})
    nomination.refresh_from_db()
    assert (nomination.status, nomination.status_reason) == (NominationStatus.WITHDRAWN, "Không phù hợp địa phương")


def test_an_illegal_move_is_a_404_to_open_and_explained_when_posted(client_for, district_officer_lucngan,
                                                                   nomination):
    client = client_for(district_officer_lucngan)
    assert client.get(nomination_move(nomination, NominationStatus.COMPLETED)).status_code == 404
    assert client.get(nomination_move(nomination, "launched")).status_code == 404
    response = client.post(nomination_move(nomination, NominationStatus.COMPLETED), {"reason": ""})
    assert "Không thể chuyển từ “Đã đăng ký nhân rộng” sang “Đã hoàn thành”" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.NOMINATED


def test_abandoning_a_site_needs_a_reason_and_closes_it(client_for, district_officer_lucngan, site):
    client = client_for(district_officer_lucngan)
    response = client.post(site_move(site, SiteStatus.ABANDONED), {"reason": ""})
    assert "reason" in response.context["form"].errors
    client.post(site_move(site, SiteStatus.ABANDONED), {"reason": "Trường sáp nhập"})
    site.refresh_from_db()
    assert (site.status, site.abandon_reason) == (SiteStatus.ABANDONED, "Trường sáp nhập")
    assert site.history.first().history_user == district_officer_lucngan
    assert client.get(site_move(site, SiteStatus.COMPLETED)).status_code == 404
    response = client.post(progress_url(site), {"on": "2024-05-01", "percent": "10"})
    assert "không ghi thêm tiến độ" in response.content.decode()


@pytest.mark.parametrize("role", ["auditor", "council_secretary", "ip_officer"])
def test_read_only_roles_are_refused(request, client_for, site, role):
    client = client_for(request.getfixturevalue(role))
    nomination = site.nomination
    for url in (site_url(nomination), progress_url(site), nomination_move(nomination, NominationStatus.APPROVED),
                site_move(site, SiteStatus.IN_PROGRESS)):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {**SITE, "on": "2024-04-01", "percent": "10"}).status_code == 403, url
    assert not ProgressUpdate.objects.exists()
    assert ReplicationSite.objects.count() == 1


def test_another_districts_officer_meets_a_404(client_for, district_officer_yenthe, site):
    client = client_for(district_officer_yenthe)
    nomination = site.nomination
    for url in (site_url(nomination), progress_url(site), nomination_move(nomination, NominationStatus.APPROVED),
                site_move(site, SiteStatus.IN_PROGRESS)):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {**SITE, "on": "2024-04-01", "percent": "10"}).status_code == 404, url
    assert not ProgressUpdate.objects.exists()
