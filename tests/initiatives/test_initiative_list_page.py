"""The list of initiatives: filters, diacritics-insensitive search, pages of 50 and a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives import services
from initiatives.models import InitiativeField
from initiatives.workflow import InitiativeStatus
from tests.initiatives.conftest import file_initiative, recognise_provincially

D = dt.date
URL = reverse("initiatives:initiative_list")


@pytest.fixture
def initiatives(district_officer_lucngan, district_officer_yenthe, school_lucngan, commune_yenthe):
    """A 2023 education initiative of provincial scope in Lục Ngạn, a 2024 administrative one in Yên Thế."""
    stations = recognise_provincially(file_initiative(district_officer_lucngan, school_lucngan))
    one_stop = file_initiative(district_officer_yenthe, commune_yenthe, title="Một cửa liên thông điện tử cấp xã",
                               field=InitiativeField.ADMINISTRATION, filed_on=D(2024, 5, 2),
                               description="Hồ sơ một cửa nhận và trả qua mạng.")
    return {"stations": stations, "one_stop": one_stop}


def titles_on(response):
    return [initiative.title for initiative in response.context["page"].object_list]


def test_a_district_officer_sees_the_province_and_the_button_to_file(client_for, district_officer_yenthe,
                                                                    initiatives):
    response = client_for(district_officer_yenthe).get(URL)
    assert response.status_code == 200
    assert titles_on(response) == ["Một cửa liên thông điện tử cấp xã", "Dạy học theo trạm cho môn Toán lớp 6"]
    page = response.content.decode()
    assert "Huyện Lục Ngạn" in page and "Có phạm vi ảnh hưởng cấp tỉnh" in page and "Cấp tỉnh" in page
    assert reverse("initiatives:initiative_create") in page
    assert "Nộp sáng kiến" in page


@pytest.mark.parametrize("role", ["auditor", "council_secretary", "ip_officer"])
def test_other_roles_read_the_list_without_the_button(request, client_for, initiatives, role):
    response = client_for(request.getfixturevalue(role)).get(URL)
    assert len(titles_on(response)) == 2
    assert reverse("initiatives:initiative_create") not in response.content.decode()


def test_the_list_never_carries_the_confidential_part(client_for, council_secretary, district_officer_lucngan,
                                                      school_lucngan):
    file_initiative(district_officer_lucngan, school_lucngan, confidential_part="Tỷ lệ phối trộn bí mật")
    assert "Tỷ lệ phối trộn bí mật" not in client_for(council_secretary).get(URL).content.decode()


@pytest.mark.parametrize("query", ["trạm", "tram", "TRAM", "dạy hoc"])
def test_search_ignores_diacritics_and_case(client_for, auditor, initiatives, query):
    assert titles_on(client_for(auditor).get(URL, {"q": query})) == ["Dạy học theo trạm cho môn Toán lớp 6"]


def test_filters_combine(client_for, auditor, units, initiatives):
    client = client_for(auditor)
    stations, one_stop = "Dạy học theo trạm cho môn Toán lớp 6", "Một cửa liên thông điện tử cấp xã"
    assert titles_on(client.get(URL, {"year": 2024})) == [one_stop]
    assert titles_on(client.get(URL, {"unit": units["bg.luc-ngan"].pk})) == [stations]
    assert titles_on(client.get(URL, {"field": InitiativeField.ADMINISTRATION})) == [one_stop]
    assert titles_on(client.get(URL, {"scope": "provincial"})) == [stations]
    assert titles_on(client.get(URL, {"scope": "none"})) == [one_stop]
    assert titles_on(client.get(URL, {"status": InitiativeStatus.FILED, "unit": units["bg.yen-the"].pk})) == [one_stop]
    assert titles_on(client.get(URL, {"status": InitiativeStatus.FILED, "q": "tram"})) == []


def test_the_unit_filter_offers_district_level_units_and_departments(client_for, auditor, units):
    choices = [label for _value, label in client_for(auditor).get(URL).context["form"].fields["unit"].choices]
    assert "Huyện Yên Dũng (đến 31/12/2024)" in choices
    assert "Sở Giáo dục và Đào tạo tỉnh Bắc Ninh" in choices
    assert not any("Xã Đông Hưng" in str(label) for label in choices)
    assert choices.index("Thành phố Bắc Giang (đến 30/06/2025)") < choices.index("Sở Giáo dục và Đào tạo tỉnh Bắc Ninh")


def test_an_invalid_filter_is_reported_and_ignored(client_for, auditor, initiatives):
    response = client_for(auditor).get(URL, {"status": "launched", "q": "tram"})
    assert titles_on(response) == ["Dạy học theo trạm cho môn Toán lớp 6"]
    assert "Điều kiện lọc không hợp lệ đã được bỏ qua" in response.content.decode()


def test_an_initiative_late_for_its_base_decision_is_flagged(client_for, council_secretary, initiatives):
    services.initiative_advance(initiative=initiatives["one_stop"], to_status=InitiativeStatus.REGISTERED,
                                actor=None, on=D(2024, 5, 10))
    response = client_for(council_secretary).get(URL, {"status": InitiativeStatus.REGISTERED})
    assert titles_on(response) == ["Một cửa liên thông điện tử cấp xã"]
    assert "Quá hạn quyết định" in response.content.decode()


def test_fifty_a_page_keeping_the_filters(client_for, auditor, district_officer_lucngan, school_lucngan):
    for number in range(51):
        file_initiative(district_officer_lucngan, school_lucngan, title=f"Sáng kiến trạm {number:02}",
                        filed_on=D(2024, 1, 1) + dt.timedelta(days=number))
    client = client_for(auditor)
    first = client.get(URL, {"q": "tram"})
    assert len(titles_on(first)) == 50
    assert titles_on(first)[0] == "Sáng kiến trạm 50"  # newest first
    assert "?q=tram&amp;page=2" in first.content.decode()
    assert titles_on(client.get(URL, {"q": "tram", "page": 2})) == ["Sáng kiến trạm 00"]


def test_the_list_costs_the_same_queries_for_3_or_30_initiatives(client_for, auditor, district_officer_lucngan,
                                                                 school_lucngan):
    def add(count, start):
        for number in range(start, start + count):
            file_initiative(district_officer_lucngan, school_lucngan, title=f"Sáng kiến {number}")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    client = client_for(auditor)
    add(3, 0)
    client.get(URL)  # the session and the roles are read on the first request
    few = queries()
    add(27, 3)
    assert queries() == few
