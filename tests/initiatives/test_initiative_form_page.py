"""Filing and editing an initiative with its authors: for the officer of the organisation's unit only;
shares that do not add up to 100% are refused with the service's message and nothing is written."""

import datetime as dt

import pytest
from django.urls import reverse

from initiatives.models import Initiative, InitiativeAuthor
from tests.initiatives.conftest import file_initiative

D = dt.date
CREATE = reverse("initiatives:initiative_create")


def authors_data(*rows, initial=0):
    data = {"authors-TOTAL_FORMS": str(len(rows)), "authors-INITIAL_FORMS": str(initial),
            "authors-MIN_NUM_FORMS": "0", "authors-MAX_NUM_FORMS": "1000"}
    for i, row in enumerate(rows):
        data.update({f"authors-{i}-{name}": value for name, value in row.items()})
    return data


MAI = {"name": "Nguyễn Thị Mai", "birth_year": "1985", "workplace": "Trường THCS Phượng Sơn",
       "job_title": "Giáo viên", "share_percent": "70"}
BINH = {"name": "Lê Văn Bình", "birth_year": "1979", "workplace": "Trường THCS Phượng Sơn",
        "job_title": "Hiệu phó", "share_percent": "30"}
BLANK = {"name": "", "birth_year": "", "workplace": "", "job_title": "", "share_percent": ""}


def initiative_data(organisation, **changes):
    return {"title": "Sổ liên lạc điện tử cho học sinh vùng cao", "field": "education",
            "organisation": organisation.pk, "investor": "", "filed_on": "2025-03-01",
            "first_applied_on": "2024-09-05", "first_application_ended_on": "", "description": "Nhắn tin qua Zalo.",
            "confidential_part": "Danh sách phụ huynh", "expected_benefit": "", "actual_benefit": "", **changes}


def test_an_officer_files_an_initiative_with_its_authors(client_for, district_officer_lucngan, school_lucngan):
    client = client_for(district_officer_lucngan)
    assert "Nộp sáng kiến" in client.get(CREATE).content.decode()
    response = client.post(CREATE, {**initiative_data(school_lucngan), **authors_data(MAI, BINH, BLANK)},
                           REMOTE_ADDR="203.0.113.9")
    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("initiatives:initiative_detail", args=[initiative.pk])
    assert (initiative.title, initiative.status, initiative.filed_on) == (
        "Sổ liên lạc điện tử cho học sinh vùng cao", "filed", D(2025, 3, 1))
    assert [(a.name, a.share_percent) for a in initiative.authors.all()] == [("Nguyễn Thị Mai", 70),
                                                                           ("Lê Văn Bình", 30)]
    row = initiative.history.get()
    assert (row.history_user, row.history_channel, row.history_ip_address) == (district_officer_lucngan, "web",
                                                                              "203.0.113.9")
    assert InitiativeAuthor.history.filter(history_user=district_officer_lucngan, history_channel="web").count() == 2


def test_shares_not_adding_up_to_100_are_refused_with_the_services_message(client_for, district_officer_lucngan,
                                                                          school_lucngan):
    response = client_for(district_officer_lucngan).post(
        CREATE, {**initiative_data(school_lucngan), **authors_data(MAI, {**BINH, "share_percent": "20"})})
    assert response.status_code == 200
    assert "phải đúng 100% (hiện là 90%)" in response.content.decode()
    assert not Initiative.objects.exists()
    assert not InitiativeAuthor.objects.exists()


def test_no_author_is_refused(client_for, district_officer_lucngan, school_lucngan):
    response = client_for(district_officer_lucngan).post(CREATE, {**initiative_data(school_lucngan),
                                                                  **authors_data(BLANK)})
    assert "Cần ít nhất một tác giả." in response.content.decode()
    assert not Initiative.objects.exists()


def test_only_organisations_of_the_officers_unit_are_offered(client_for, district_officer_lucngan, school_lucngan,
                                                            commune_yenthe):
    client = client_for(district_officer_lucngan)
    offered = list(client.get(CREATE).context["form"].fields["organisation"].queryset)
    assert offered == [school_lucngan]
    response = client.post(CREATE, {**initiative_data(commune_yenthe), **authors_data(MAI, BINH)})
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not Initiative.objects.exists()


def test_bad_dates_are_refused(client_for, district_officer_lucngan, school_lucngan):
    response = client_for(district_officer_lucngan).post(CREATE, {
        **initiative_data(school_lucngan, first_application_ended_on="2024-01-01"), **authors_data(MAI, BINH)})
    assert "Ngày kết thúc không thể trước ngày áp dụng." in response.content.decode()
    assert not Initiative.objects.exists()


@pytest.mark.parametrize("role", ["auditor", "council_secretary", "ip_officer", "outsider"])
def test_other_roles_cannot_file(request, client_for, school_lucngan, role):
    client = client_for(request.getfixturevalue(role))
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, {**initiative_data(school_lucngan), **authors_data(MAI, BINH)}).status_code == 403
    assert not Initiative.objects.exists()


# Editing ------------------------------------------------------------------------------------------

@pytest.fixture
def initiative(district_officer_lucngan, school_lucngan):
    return file_initiative(district_officer_lucngan, school_lucngan, confidential_part="Danh sách phụ huynh")


def update_url(initiative):
    return reverse("initiatives:initiative_update", args=[initiative.pk])


def existing_authors(initiative):
    rows = [{"name": a.name, "birth_year": a.birth_year, "workplace": a.workplace, "job_title": a.job_title,
             "share_percent": a.share_percent} for a in initiative.authors.all()]
    return authors_data(*rows, initial=len(rows))


def test_the_officer_edits_the_fields_and_the_history_says_who_and_why(client_for, district_officer_lucngan,
                                                                      school_lucngan, initiative):
    client = client_for(district_officer_lucngan)
    form = client.get(update_url(initiative))
    assert form.status_code == 200
    assert "Danh sách phụ huynh" in form.content.decode()  # the unit edits its own confidential part
    author_rows = InitiativeAuthor.history.count()
    response = client.post(update_url(initiative), {
        **initiative_data(school_lucngan, title="Dạy học theo trạm cho môn Toán lớp 7", reason="Sửa tên theo đơn"),
        **existing_authors(initiative)})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.title == "Dạy học theo trạm cho môn Toán lớp 7"
    row = initiative.history.first()
    assert (row.history_user, row.history_channel, row.history_change_reason) == (
        district_officer_lucngan, "web", "Sửa tên theo đơn")
    assert InitiativeAuthor.history.count() == author_rows  # the authors did not change: no rows rewritten


def test_the_officer_replaces_the_authors(client_for, district_officer_lucngan, school_lucngan, initiative):
    data = {**initiative_data(school_lucngan, title=initiative.title, reason=""), **existing_authors(initiative)}
    data.update({"authors-1-DELETE": "on", "authors-0-share_percent": "100"})
    client = client_for(district_officer_lucngan)
    # Removing an author needs a reason: without one, nothing changes and the form says why.
    refused = client.post(update_url(initiative), data)
    assert refused.status_code == 200 and "Bỏ tác giả khỏi sáng kiến cần ghi lý do." in refused.content.decode()
    assert initiative.authors.count() == 2
    client.post(update_url(initiative), {**data, "reason": "Ông Bình không tham gia tạo ra sáng kiến"})
    assert [(a.name, a.share_percent) for a in initiative.authors.all()] == [("Nguyễn Thị Mai", 100)]


def test_bad_shares_on_edit_change_nothing_at_all(client_for, district_officer_lucngan, school_lucngan, initiative):
    data = {**initiative_data(school_lucngan, title="Tên mới", reason=""), **existing_authors(initiative)}
    data["authors-0-share_percent"] = "50"
    response = client_for(district_officer_lucngan).post(update_url(initiative), data)
    assert "phải đúng 100% (hiện là 90.00%)" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.title == "Dạy học theo trạm cho môn Toán lớp 6"  # the fields and the authors are one change
    assert initiative.history.count() == 1


def test_another_districts_officer_meets_a_404(client_for, district_officer_yenthe, school_lucngan, initiative):
    client = client_for(district_officer_yenthe)
    assert client.get(update_url(initiative)).status_code == 404
    data = {**initiative_data(school_lucngan, title="Chiếm quyền"), **existing_authors(initiative)}
    assert client.post(update_url(initiative), data).status_code == 404
    initiative.refresh_from_db()
    assert initiative.title == "Dạy học theo trạm cho môn Toán lớp 6"


@pytest.mark.parametrize("role", ["auditor", "council_secretary"])
def test_read_only_and_provincial_roles_are_refused(request, client_for, initiative, role):
    assert client_for(request.getfixturevalue(role)).get(update_url(initiative)).status_code == 403


def test_anonymous_is_sent_to_log_in(client, initiative, school_lucngan):
    response = client.post(update_url(initiative), initiative_data(school_lucngan, title="x"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
