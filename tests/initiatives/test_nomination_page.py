"""A district (or department) officer nominates an initiative of provincial scope for their own unit;
the service's refusals (no provincial scope, twice, a fourth without a reason) are shown on the form."""

import pytest
from django.urls import reverse

from directory import services as directory_services
from directory.models import Role
from initiatives.models import ReplicationNomination
from tests.conftest import PASSWORD
from tests.initiatives.conftest import file_initiative, recognise_provincially


@pytest.fixture
def provincial(district_officer_lucngan, school_lucngan):
    """Four initiatives of provincial scope."""
    return [recognise_provincially(file_initiative(district_officer_lucngan, school_lucngan, title=f"Sáng kiến {i}"))
            for i in range(1, 5)]


@pytest.fixture
def education_officer(units):
    """The Department of Education's officer: replicates across school levels, with no 2–3 quota."""
    user = directory_services.user_upsert(actor=None, username="officer_education", full_name="Officer Education",
                                          password=PASSWORD)
    directory_services.role_assign(actor=None, user=user, role=Role.DISTRICT_OFFICER, unit=units["bg.so-gddt"])
    return user


def url(initiative, **query):
    base = reverse("initiatives:nomination_create", args=[initiative.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_an_officer_nominates_for_their_unit(client_for, district_officer_yenthe, units, provincial):
    client = client_for(district_officer_yenthe)
    form = client.get(url(provincial[0])).content.decode()
    assert "Đơn vị nhân rộng: Huyện Yên Thế." in form
    assert "school_levels" not in form  # school levels are the Department of Education's
    response = client.post(url(provincial[0]), {"year": "2024", "reason": "Phù hợp vùng chè",
                                                "justification": ""})
    nomination = ReplicationNomination.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("initiatives:unit_year", args=[2024, units["bg.yen-the"].pk]) \
        + f"#nomination-{nomination.pk}"
    assert (nomination.unit, nomination.year, nomination.reason) == (units["bg.yen-the"], 2024, "Phù hợp vùng chè")
    row = nomination.history.get()
    assert (row.history_user, row.history_channel) == (district_officer_yenthe, "web")


def test_the_year_defaults_to_the_last_year_the_unit_was_in_force_or_the_one_asked(client_for,
                                                                                   district_officer_yenthe,
                                                                                   provincial):
    client = client_for(district_officer_yenthe)
    # Yên Thế's last day was 30 June 2025, when the district level ended.
    assert client.get(url(provincial[0])).context["form"].initial["year"] == 2025
    assert client.get(url(provincial[0], year=2024)).context["form"].initial["year"] == 2024


def test_an_initiative_without_provincial_scope_is_refused_on_the_form(client_for, district_officer_yenthe,
                                                                       district_officer_lucngan, school_lucngan):
    base_only = file_initiative(district_officer_lucngan, school_lucngan)
    response = client_for(district_officer_yenthe).post(url(base_only), {"year": "2024"})
    assert response.status_code == 200
    assert "chưa có phạm vi ảnh hưởng cấp tỉnh" in response.content.decode()
    assert not ReplicationNomination.objects.exists()


def test_the_same_initiative_twice_is_refused(client_for, district_officer_yenthe, provincial):
    client = client_for(district_officer_yenthe)
    client.post(url(provincial[0]), {"year": "2024"})
    response = client.post(url(provincial[0]), {"year": "2024"})
    assert "Huyện Yên Thế đã đăng ký nhân rộng sáng kiến này trong năm 2024." in response.content.decode()
    assert ReplicationNomination.objects.count() == 1


def test_a_fourth_needs_a_justification(client_for, district_officer_yenthe, provincial):
    client = client_for(district_officer_yenthe)
    for initiative in provincial[:3]:
        assert client.post(url(initiative), {"year": "2024"}).status_code == 302
    response = client.post(url(provincial[3]), {"year": "2024"})
    assert "justification" in response.context["form"].errors
    assert "đã có 3 sáng kiến nhân rộng năm 2024: hãy giải trình" in response.content.decode()
    assert ReplicationNomination.objects.count() == 3
    response = client.post(url(provincial[3]), {"year": "2024", "justification": "Nhu cầu lớn ở các xã"})
    assert response.status_code == 302
    assert ReplicationNomination.objects.get(initiative=provincial[3]).justification == "Nhu cầu lớn ở các xã"


def test_a_year_the_unit_is_not_on_the_plan_is_refused_naming_its_successors(client_for, district_officer_yenthe,
                                                                             provincial):
    response = client_for(district_officer_yenthe).post(url(provincial[0]), {"year": "2026"})
    page = response.content.decode()
    assert "Huyện Yên Thế không tham gia kế hoạch nhân rộng năm 2026" in page
    assert "Huyện Yên Thế đã hết hiệu lực sau ngày 30/06/2025" in page
    assert "Xã Yên Thế" in page  # one of the communes that took it over
    assert not ReplicationNomination.objects.exists()


def test_the_department_of_education_chooses_school_levels(client_for, education_officer, units, provincial):
    client = client_for(education_officer)
    assert 'name="school_levels"' in client.get(url(provincial[0])).content.decode()
    client.post(url(provincial[0]), {"year": "2024", "school_levels": ["lower_secondary", "primary"]})
    nomination = ReplicationNomination.objects.get()
    assert (nomination.unit, nomination.school_levels) == (units["bg.so-gddt"], ["primary", "lower_secondary"])


@pytest.mark.parametrize("role", ["auditor", "council_secretary", "outsider"])
def test_other_roles_cannot_nominate(request, client_for, provincial, role):
    client = client_for(request.getfixturevalue(role))
    assert client.get(url(provincial[0])).status_code == 403
    assert client.post(url(provincial[0]), {"year": "2024"}).status_code == 403
    assert not ReplicationNomination.objects.exists()


def test_anonymous_is_sent_to_log_in(client, provincial):
    response = client.post(url(provincial[0]), {"year": "2024"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert not ReplicationNomination.objects.exists()
