"""Opening an application on an asset's page, and the application's page with its timeline and next moves."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from ip_registry import services
from ip_registry.models import ApplicationStep, Deadline, ProtectionApplication
from ip_registry.workflow import ApplicationKind
from ip_registry.workflow import ApplicationStatus as S

D = dt.date


def create_url(asset):
    return reverse("ip:application_create", args=[asset.pk])


def test_an_ip_officer_files_an_application_with_its_number_and_date(client_for, ip_officer, lucnam_gi,
                                                                     lucnam_committee):
    response = client_for(ip_officer).post(create_url(lucnam_gi), {
        "kind": ApplicationKind.REGISTRATION, "applicant": lucnam_committee.pk, "representative": "",
        "application_number": "6-2019-00003", "filing_date": "2019-03-01", "note": "Nộp trực tiếp tại Cục",
    })
    application = ProtectionApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("ip:application_detail", args=[application.pk])
    assert (application.status, application.filing_date) == (S.FILED, D(2019, 3, 1))
    assert application.steps.get().note == "Nộp trực tiếp tại Cục"
    row = application.history.first()
    assert (row.history_user, row.history_channel) == (ip_officer, "web")


def test_an_application_being_prepared_needs_no_number(client_for, ip_officer, mycchu_mark, mycchu_cooperative):
    client_for(ip_officer).post(create_url(mycchu_mark), {
        "kind": ApplicationKind.REGISTRATION, "applicant": mycchu_cooperative.pk, "application_number": "",
    })
    application = ProtectionApplication.objects.get()
    assert (application.status, application.application_number) == (S.PREPARING, None)


def test_a_filing_date_without_number_is_refused_and_nothing_is_written(client_for, ip_officer, mycchu_mark,
                                                                        mycchu_cooperative):
    response = client_for(ip_officer).post(create_url(mycchu_mark), {
        "kind": ApplicationKind.REGISTRATION, "applicant": mycchu_cooperative.pk, "filing_date": "2024-01-05",
    })
    assert response.status_code == 200
    assert "Chuyển sang “Đã nộp đơn” cần: số đơn." in response.content.decode()
    assert (ProtectionApplication.objects.count(), ApplicationStep.objects.count(), Deadline.objects.count()) == (0, 0, 0)


def test_a_number_already_used_is_refused(client_for, ip_officer, mycchu_mark, mycchu_cooperative):
    services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative,
                                application_number="4-2024-00001")
    response = client_for(ip_officer).post(create_url(mycchu_mark), {
        "kind": ApplicationKind.RENEWAL, "applicant": mycchu_cooperative.pk, "application_number": "4-2024-00001",
    })
    assert "đã tồn tại" in response.content.decode()
    assert ProtectionApplication.objects.count() == 1


@pytest.fixture
def filed(mycchu_mark, mycchu_cooperative, ip_officer):
    return services.application_create(actor=ip_officer, asset=mycchu_mark, applicant=mycchu_cooperative,
                                       application_number="4-2024-00077", filing_date=D(2024, 4, 1),
                                       note="Nộp qua dịch vụ công trực tuyến")


def test_the_application_page_shows_its_timeline_deadlines_and_next_moves(client_for, ip_officer, filed):
    page = client_for(ip_officer).get(reverse("ip:application_detail", args=[filed.pk])).content.decode()
    assert "4-2024-00077" in page
    assert "Đang chuẩn bị hồ sơ → Đã nộp đơn" in page
    assert "Nộp qua dịch vụ công trực tuyến" in page
    # One month for the formality examination: 01/05/2024 is Labour Day, so it ends on 02/05/2024.
    assert "Thẩm định hình thức" in page and "02/05/2024" in page
    for status in (S.ACCEPTED, S.FORMALITY_DEFICIENT, S.WITHDRAWN):
        assert reverse("ip:application_advance", args=[filed.pk, status]) in page
    assert reverse("ip:application_advance", args=[filed.pk, S.PUBLISHED]) not in page


def test_the_buttons_say_what_each_move_records(client_for, ip_officer, filed):
    page = client_for(ip_officer).get(reverse("ip:application_detail", args=[filed.pk])).content.decode()
    buttons = re.search(r'<p class="actions moves">(.*?)</p>', page, re.S).group(1)
    assert re.findall(r'<a class="button" href="([^"]+)">([^<]+)</a>', buttons) == [
        (reverse("ip:application_advance", args=[filed.pk, S.ACCEPTED]), "Ghi nhận chấp nhận đơn hợp lệ"),
        (reverse("ip:application_advance", args=[filed.pk, S.FORMALITY_DEFICIENT]),
         "Ghi nhận thông báo thiếu sót hình thức"),
        (reverse("ip:application_advance", args=[filed.pk, S.WITHDRAWN]), "Rút đơn"),
    ]


def test_a_finished_application_offers_no_move(client_for, ip_officer, filed):
    services.application_advance(application=filed, to_status=S.WITHDRAWN, actor=None, on=D(2024, 4, 2),
                                 reason="Chủ đơn rút đơn")
    page = client_for(ip_officer).get(reverse("ip:application_detail", args=[filed.pk])).content.decode()
    assert "/advance/" not in page
    assert "Chủ đơn rút đơn" in page


@pytest.mark.parametrize("role", ["auditor", "district_officer_yenthe"])
def test_read_only_roles_read_the_application_without_buttons(request, client_for, filed, role):
    response = client_for(request.getfixturevalue(role)).get(reverse("ip:application_detail", args=[filed.pk]))
    assert response.status_code == 200
    assert "/advance/" not in response.content.decode()


@pytest.mark.parametrize("role", ["auditor", "district_officer_lucngan", "outsider"])
def test_only_an_ip_officer_opens_an_application(request, client_for, mycchu_mark, mycchu_cooperative, role):
    client = client_for(request.getfixturevalue(role))
    assert client.get(create_url(mycchu_mark)).status_code == 403
    response = client.post(create_url(mycchu_mark), {"kind": ApplicationKind.REGISTRATION,
                                                     "applicant": mycchu_cooperative.pk})
    assert response.status_code == 403
    assert not ProtectionApplication.objects.exists()
