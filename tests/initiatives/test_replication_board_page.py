"""The yearly board: every unit of that year against the 2–3 target, coloured; each unit's page with its
nominations, sites and progress and what is missing; the report due on 15 December."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from initiatives import selectors, services
from initiatives.models import ReplicationSite
from initiatives.workflow import NominationStatus
from tests.initiatives.conftest import file_initiative, recognise_provincially

D = dt.date


@pytest.fixture
def provincial(district_officer_lucngan, school_lucngan):
    return [recognise_provincially(file_initiative(district_officer_lucngan, school_lucngan, title=f"Sáng kiến {i}"))
            for i in range(1, 5)]


def nominate(initiative, unit, year=2024, on=None, **kwargs):
    return services.nomination_create(initiative=initiative, unit=unit, year=year, actor=None,
                                      on=on or D(year, 3, 1), **kwargs)


def board(client, year, **query):
    return client.get(reverse("initiatives:replication_board", args=[year]), query)


def row_class(page, unit_name):
    """The colour class of a unit's row on the board."""
    match = re.search(rf'<tr class="quota-(\w+)" data-unit="{unit_name}">', page)
    return match and match.group(1)


def row_of(page, unit_name):
    start = page.index(f'data-unit="{unit_name}"')
    return page[start:page.index("</tr>", start)]


def test_the_2024_board_lists_yen_dung_and_the_2025_board_does_not(client_for, auditor, units):
    client = client_for(auditor)
    page_2024 = board(client, 2024).content.decode()
    assert 'data-unit="Huyện Yên Dũng"' in page_2024
    assert 'data-unit="Thị xã Chũ"' not in page_2024
    page_2025 = board(client, 2025).content.decode()
    assert 'data-unit="Huyện Yên Dũng"' not in page_2025
    assert 'data-unit="Thị xã Chũ"' in page_2025
    assert "các đơn vị của Tỉnh Bắc Giang có hiệu lực ngày 30/06/2025" in page_2025


def test_states_and_colours(client_for, auditor, units, provincial):
    nominate(provincial[0], units["bg.luc-ngan"])
    nominate(provincial[1], units["bg.luc-ngan"])
    for initiative in provincial[:3]:
        nominate(initiative, units["bg.yen-the"])
    nominate(provincial[3], units["bg.yen-the"], justification="Nhu cầu lớn ở các xã vùng chè")
    nominate(provincial[0], units["bg.yen-dung"])
    page = board(client_for(auditor), 2024).content.decode()
    assert row_class(page, "Huyện Lục Ngạn") == "ok"
    assert "Đạt chỉ tiêu" in row_of(page, "Huyện Lục Ngạn")
    assert row_class(page, "Huyện Yên Thế") == "above"
    assert "Vượt chỉ tiêu phấn đấu" in row_of(page, "Huyện Yên Thế")
    assert "Nhu cầu lớn ở các xã vùng chè" in row_of(page, "Huyện Yên Thế")
    assert row_class(page, "Huyện Yên Dũng") == "warn"
    assert "còn thiếu 1 sáng kiến" in row_of(page, "Huyện Yên Dũng")
    assert row_class(page, "Huyện Sơn Động") == "danger"
    assert "còn thiếu 2 sáng kiến" in row_of(page, "Huyện Sơn Động")
    assert "Dưới chỉ tiêu" in row_of(page, "Huyện Sơn Động")
    assert reverse("initiatives:unit_year", args=[2024, units["bg.son-dong"].pk]) in page


def test_in_progress_and_completed_counts(client_for, auditor, units, provincial):
    replicating, done = nominate(provincial[0], units["bg.luc-nam"]), nominate(provincial[1], units["bg.luc-nam"])
    for status in (NominationStatus.APPROVED, NominationStatus.REPLICATING):
        replicating = services.nomination_advance(nomination=replicating, to_status=status, actor=None)
        done = services.nomination_advance(nomination=done, to_status=status, actor=None)
    services.nomination_advance(nomination=done, to_status=NominationStatus.COMPLETED, actor=None)
    row = row_of(board(client_for(auditor), 2024).content.decode(), "Huyện Lục Nam")
    assert re.findall(r'<td class="number">([^<]+)</td>', row) == ["2/2–3", "1", "1"]


def test_the_board_as_of_a_date(client_for, auditor, units, provincial):
    nominate(provincial[0], units["bg.luc-ngan"], on=D(2024, 5, 1))
    nominate(provincial[1], units["bg.luc-ngan"], on=D(2024, 10, 1))
    client = client_for(auditor)
    assert "1/2–3" in row_of(board(client, 2024, as_of="2024-06-30").content.decode(), "Huyện Lục Ngạn")
    assert "2/2–3" in row_of(board(client, 2024).content.decode(), "Huyện Lục Ngạn")
    response = board(client, 2024, as_of="30/06/2024")
    assert "Ngày “30/06/2024” không hợp lệ" in response.content.decode()
    assert "2/2–3" in row_of(response.content.decode(), "Huyện Lục Ngạn")


def test_the_days_left_to_the_report(client_for, auditor, units):
    client = client_for(auditor)
    # "Before 15 December": the plan's last day on time is the 14th.
    assert "Đã qua hạn báo cáo Sở Khoa học và Công nghệ (14/12/2024)" in board(client, 2024).content.decode()
    next_year = timezone.localdate().year + 1
    days = selectors.report_days_left(year=next_year)
    assert f"Còn {days} ngày đến hạn báo cáo Sở Khoa học và Công nghệ (14/12/{next_year})" in \
        board(client, next_year).content.decode()


def test_departments_are_listed_without_a_quota(client_for, auditor, units, provincial):
    nominate(provincial[0], units["bg.so-gddt"], school_levels=["primary"])
    page = board(client_for(auditor), 2024).content.decode()
    departments = page[page.index("Sở, ngành (không áp dụng chỉ tiêu"):]
    assert "Sở Giáo dục và Đào tạo tỉnh Bắc Giang" in departments
    assert "Tiểu học" in departments
    assert 'data-unit="Sở Giáo dục' not in page


def test_a_year_without_a_plan_points_to_the_last_board(client_for, auditor, units):
    page = board(client_for(auditor), 2030).content.decode()
    assert "Chưa có kế hoạch nhân rộng năm 2030." in page
    assert reverse("initiatives:replication_board", args=[2026]) in page


def test_the_board_without_a_year_goes_to_this_years(client_for, auditor, units):
    response = client_for(auditor).get(reverse("initiatives:replication_board"))
    assert response["Location"] == reverse("initiatives:replication_board", args=[timezone.localdate().year])


def test_a_district_officer_is_sent_to_their_own_units_page(client_for, district_officer_lucngan, units):
    response = client_for(district_officer_lucngan).get(reverse("initiatives:replication_board"))
    # Lục Ngạn ended with the district level on 30 June 2025: its last year is 2025.
    assert response["Location"] == reverse("initiatives:unit_year", args=[2025, units["bg.luc-ngan"].pk])


def test_no_role_no_board(client_for, outsider, units):
    client = client_for(outsider)
    assert board(client, 2024).status_code == 403
    assert client.get(reverse("initiatives:replication_board")).status_code == 403
    assert client.get(reverse("initiatives:unit_year", args=[2024, units["bg.luc-ngan"].pk])).status_code == 403


def test_an_impossible_year_is_a_404(client_for, auditor, units):
    assert board(client_for(auditor), 99999).status_code == 404


# A unit's year --------------------------------------------------------------------------------------

@pytest.fixture
def lucngan_2024(units, provincial, district_officer_lucngan):
    nomination = nominate(provincial[0], units["bg.luc-ngan"], reason="Phù hợp các trường vùng cao")
    site = services.site_add(actor=None, nomination=nomination, place_kind=ReplicationSite.PlaceKind.SCHOOL,
                             place_name="Trường THCS Tân Quang", responsible_person="Hoàng Thị Hoa",
                             started_on=D(2024, 3, 10))
    services.progress_record(actor=None, site=site, on=D(2024, 5, 1), percent=45, people_reached=120)
    return nomination


def unit_url(units, code="bg.luc-ngan", year=2024):
    return reverse("initiatives:unit_year", args=[year, units[code].pk])


def test_the_units_page_shows_nominations_sites_progress_and_what_is_missing(client_for, district_officer_lucngan,
                                                                            units, lucngan_2024, provincial):
    response = client_for(district_officer_lucngan).get(unit_url(units))
    assert response.status_code == 200
    page = response.content.decode()
    for text in ["Huyện Lục Ngạn: nhân rộng sáng kiến năm 2024", "Đã đăng ký 1/2 sáng kiến nhân rộng",
                 "Còn thiếu 1 sáng kiến", "Sáng kiến 1", "Phù hợp các trường vùng cao", "Trường THCS Tân Quang",
                 'value="45"', "45%", "Số người được áp dụng: 120"]:
        assert text in page, text
    site = lucngan_2024.sites.get()
    for link in [reverse("initiatives:site_create", args=[lucngan_2024.pk]),
                 reverse("initiatives:progress_create", args=[site.pk]),
                 reverse("initiatives:nomination_advance", args=[lucngan_2024.pk, "approved"]),
                 reverse("initiatives:nomination_advance", args=[lucngan_2024.pk, "withdrawn"]),
                 reverse("initiatives:site_advance", args=[site.pk, "completed"]),
                 reverse("initiatives:nomination_create", args=[provincial[1].pk]) + "?year=2024"]:
        assert link in page, link
    # What is already nominated is not offered again.
    assert reverse("initiatives:nomination_create", args=[provincial[0].pk]) not in page


@pytest.mark.parametrize("role", ["district_officer_yenthe", "auditor", "council_secretary"])
def test_others_read_the_units_page_without_its_buttons(request, client_for, units, lucngan_2024, role):
    page = client_for(request.getfixturevalue(role)).get(unit_url(units)).content.decode()
    assert "Trường THCS Tân Quang" in page
    assert "/sites/new/" not in page and "/progress/new/" not in page and "/nominate/" not in page
    assert "/status/" not in page


def test_a_department_has_no_target(client_for, auditor, units, provincial):
    nominate(provincial[0], units["bg.so-gddt"], school_levels=["preschool"])
    page = client_for(auditor).get(unit_url(units, "bg.so-gddt")).content.decode()
    assert "Đã đăng ký 1 sáng kiến nhân rộng." in page
    assert "không áp dụng chỉ tiêu 2–3 sáng kiến" in page
    assert "Còn thiếu" not in page
    assert "Mầm non" in page


def test_a_unit_out_of_force_that_year_says_so(client_for, auditor, units):
    page = client_for(auditor).get(unit_url(units, "bg.yen-dung", 2025)).content.decode()
    assert "Huyện Yên Dũng không có hiệu lực trong năm 2025." in page


def test_a_successor_counts_and_names_its_predecessors_nominations(client_for, auditor, units, provincial):
    nominate(provincial[0], units["bg.huyen-viet-yen"], on=D(2024, 1, 15))
    page = client_for(auditor).get(unit_url(units, "bg.tx-viet-yen")).content.decode()
    assert "Đã đăng ký 1/2 sáng kiến nhân rộng" in page
    assert "Tính cả đăng ký của đơn vị tiền thân:" in page
    assert "Sáng kiến 1 (Huyện Việt Yên)" in page
