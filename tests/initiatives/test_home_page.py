"""The home page tells a district officer how their unit stands against this year's target and the days to
the 15 December report, and shows the council secretary the filings waiting for their next step and which
base-level decisions are overdue."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from directory import services as directory_services
from directory.models import Role
from initiatives import services
from initiatives.home import QUEUE_SHOWN, initiatives_attention, secretary_queue
from initiatives.workflow import InitiativeStatus
from tests.conftest import PASSWORD
from tests.initiatives.conftest import file_initiative, recognise_provincially

D = dt.date


@pytest.fixture
def provincial(district_officer_lucngan, school_lucngan):
    return [recognise_provincially(file_initiative(district_officer_lucngan, school_lucngan, title=f"Sáng kiến {i}"))
            for i in range(1, 4)]


def nominate(initiative, unit, year=2024):
    return services.nomination_create(initiative=initiative, unit=unit, year=year, actor=None, on=D(year, 3, 1))


def test_a_district_below_target_is_warned_with_a_link_to_its_year(district_officer_lucngan, units, provincial):
    nominate(provincial[0], units["bg.luc-ngan"])
    [item] = initiatives_attention(district_officer_lucngan, today=D(2024, 6, 1))
    assert item.title == "Năm 2024: đã đăng ký 1/2 sáng kiến nhân rộng — còn thiếu 1"
    assert item.level == "warning"
    assert item.url == reverse("initiatives:unit_year", args=[2024, units["bg.luc-ngan"].pk])
    assert item.detail == "Còn 196 ngày đến hạn báo cáo Sở Khoa học và Công nghệ (14/12/2024)."


def test_a_district_on_target_is_told_so_without_a_warning(district_officer_lucngan, units, provincial):
    nominate(provincial[0], units["bg.luc-ngan"])
    nominate(provincial[1], units["bg.luc-ngan"])
    [item] = initiatives_attention(district_officer_lucngan, today=D(2024, 12, 20))
    assert item.title == "Năm 2024: đã đăng ký 2/2 sáng kiến nhân rộng"
    assert item.level == "info"
    assert item.detail == "Đã qua hạn báo cáo Sở Khoa học và Công nghệ (14/12/2024)."


def test_a_unit_that_ended_before_this_year_has_no_item_and_the_page_still_opens(client_for,
                                                                                 district_officer_lucngan):
    # Lục Ngạn ended with the district level on 30 June 2025.
    assert initiatives_attention(district_officer_lucngan, today=D(2026, 3, 1)) == []
    response = client_for(district_officer_lucngan).get(reverse("home"))
    assert response.status_code == 200
    assert "Đơn vị phụ trách của bạn đã hết hiệu lực" in response.content.decode()


def test_a_department_in_force_counts_its_nominations_without_a_target(client_for, units, provincial):
    officer = directory_services.user_upsert(actor=None, username="officer_bn_education",
                                             full_name="Officer Education", password=PASSWORD)
    directory_services.role_assign(actor=None, user=officer, role=Role.DISTRICT_OFFICER, unit=units["bn.so-gddt"])
    year = timezone.localdate().year
    nominate(provincial[0], units["bn.so-gddt"], year=year)
    page = client_for(officer).get(reverse("home")).content.decode()
    assert f"Năm {year}: đã đăng ký 1 sáng kiến nhân rộng" in page
    assert reverse("initiatives:unit_year", args=[year, units["bn.so-gddt"].pk]) in page


def test_the_secretary_sees_the_overdue_base_decisions(client_for, council_secretary, district_officer_lucngan,
                                                      school_lucngan):
    late = file_initiative(district_officer_lucngan, school_lucngan, title="Quá hạn", filed_on=D(2024, 1, 5))
    services.initiative_advance(initiative=late, to_status=InitiativeStatus.REGISTERED, actor=None, on=D(2024, 1, 10))
    recent = file_initiative(district_officer_lucngan, school_lucngan, title="Còn hạn", filed_on=D(2024, 5, 1))
    services.initiative_advance(initiative=recent, to_status=InitiativeStatus.REGISTERED, actor=None,
                                on=D(2024, 5, 2))
    [item] = initiatives_attention(council_secretary, today=D(2024, 6, 1))
    assert item.title == "Quá hạn quyết định công nhận cấp cơ sở: Đã tiếp nhận"
    assert (item.count, item.level) == (1, "danger")
    assert item.url == reverse("initiatives:initiative_list") + "?status=registered"
    page = client_for(council_secretary).get(reverse("home")).content.decode()
    assert "Quá hạn quyết định công nhận cấp cơ sở: Đã tiếp nhận" in page
    assert '<span class="count">2</span>' in page  # both are overdue by now


def file_many(officer, school, count, start=D(2024, 1, 2)):
    return [file_initiative(officer, school, title=f"Sáng kiến số {i}", filed_on=start + dt.timedelta(days=i))
            for i in range(count)]


def test_the_secretary_sees_the_filings_waiting_for_them_by_name(client_for, council_secretary,
                                                                 district_officer_lucngan, school_lucngan):
    filed = file_many(district_officer_lucngan, school_lucngan, 2)
    registered, under_review = file_many(district_officer_lucngan, school_lucngan, 2, start=D(2023, 6, 1))
    services.initiative_advance(initiative=registered, to_status=InitiativeStatus.REGISTERED, actor=None,
                                on=D(2023, 7, 1))
    for to_status in (InitiativeStatus.REGISTERED, InitiativeStatus.UNDER_REVIEW):
        services.initiative_advance(initiative=under_review, to_status=to_status, actor=None, on=D(2023, 7, 1))
    queue = {item.title: item for item in secretary_queue(council_secretary)}
    assert list(queue) == ["Đơn chờ tiếp nhận", "Đơn đã tiếp nhận, chờ chuyển hội đồng xem xét",
                           "Chờ kết quả xem xét của hội đồng cấp cơ sở"]
    waiting = queue["Đơn chờ tiếp nhận"]
    assert waiting.count == 2
    assert waiting.url == reverse("initiatives:initiative_list") + "?status=filed"
    assert [(link.label, link.url, link.note) for link in waiting.links] == [
        (initiative.title, reverse("initiatives:initiative_detail", args=[initiative.pk]),
         f"Trường THCS Phượng Sơn, nộp ngày {initiative.filed_on:%d/%m/%Y}") for initiative in filed]
    page = client_for(council_secretary).get(reverse("home")).content.decode()
    for initiative in (*filed, registered, under_review):
        assert f'<a href="{reverse("initiatives:initiative_detail", args=[initiative.pk])}">{initiative.title}</a>' \
            in page
    assert "Xem tất cả" not in page  # every one of them is named


def test_a_long_queue_names_the_longest_waiting_and_links_to_all(client_for, council_secretary,
                                                                 district_officer_lucngan, school_lucngan):
    filed = file_many(district_officer_lucngan, school_lucngan, QUEUE_SHOWN + 2)
    [item] = secretary_queue(council_secretary)
    assert item.count == QUEUE_SHOWN + 2
    assert [link.label for link in item.links] == [initiative.title for initiative in filed[:QUEUE_SHOWN]]
    page = client_for(council_secretary).get(reverse("home")).content.decode()
    assert f'<a href="{reverse("initiatives:initiative_list")}?status=filed">Xem tất cả {QUEUE_SHOWN + 2}</a>' \
        in page
    assert filed[-1].title not in page


def test_the_queue_costs_the_same_queries_however_long(client_for, council_secretary, district_officer_lucngan,
                                                       school_lucngan):
    client = client_for(council_secretary)

    def queries() -> int:
        client.get(reverse("home"))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("home")).status_code == 200
        return len(captured)

    for initiative in file_many(district_officer_lucngan, school_lucngan, 2, start=D(2023, 6, 1)):
        services.initiative_advance(initiative=initiative, to_status=InitiativeStatus.REGISTERED, actor=None,
                                    on=D(2023, 7, 1))
    file_many(district_officer_lucngan, school_lucngan, 2)
    few = queries()
    file_many(district_officer_lucngan, school_lucngan, 3 * QUEUE_SHOWN, start=D(2024, 3, 1))
    assert queries() == few


def test_only_the_secretary_has_a_queue(district_officer_lucngan, school_lucngan, auditor, ip_officer):
    file_many(district_officer_lucngan, school_lucngan, 2)
    for user in (district_officer_lucngan, auditor, ip_officer):
        assert secretary_queue(user) == []


def test_nothing_for_roles_without_a_unit_or_a_council(auditor, outsider, provincial):
    assert initiatives_attention(auditor, today=D(2024, 6, 1)) == []
    assert initiatives_attention(outsider, today=D(2024, 6, 1)) == []
