"""The home page tells a district officer how their unit stands against this year's target and the days to
the 15 December report, and tells the council secretary which base-level decisions are overdue."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from directory import services as directory_services
from directory.models import Role
from initiatives import services
from initiatives.home import initiatives_attention
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


def test_nothing_for_roles_without_a_unit_or_a_council(auditor, outsider, provincial):
    assert initiatives_attention(auditor, today=D(2024, 6, 1)) == []
    assert initiatives_attention(outsider, today=D(2024, 6, 1)) == []
