"""Reporting an infringement, adding the agencies' steps and closing the case with its outcome."""

import datetime as dt

import pytest
from django.urls import reverse

from ip_registry import services
from ip_registry.models import Agency, InfringementCase, InfringementOutcome, InfringementStep

D = dt.date


def report_url(asset):
    return reverse("ip:infringement_create", args=[asset.pk])


def test_an_ip_officer_reports_a_case_with_the_agencies_involved(client_for, ip_officer, lucnam_gi, units):
    response = client_for(ip_officer).post(report_url(lucnam_gi), {
        "reported_on": "2024-08-01", "place": units["bg.luc-nam.dong-hung"].pk,
        "description": "Na không rõ nguồn gốc bán với nhãn “Na dai Lục Nam”",
        "agencies": [Agency.POLICE, Agency.MARKET_MANAGEMENT],
    })
    case = InfringementCase.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("ip:asset_detail", args=[lucnam_gi.pk]) + f"#infringement-{case.pk}"
    assert (case.asset, case.place, case.agencies) == (lucnam_gi, units["bg.luc-nam.dong-hung"],
                                                       [Agency.MARKET_MANAGEMENT, Agency.POLICE])
    row = case.history.first()
    assert (row.history_user, row.history_channel) == (ip_officer, "web")


def test_the_report_form_offers_the_agencies_as_checkboxes(client_for, ip_officer, lucnam_gi):
    page = client_for(ip_officer).get(report_url(lucnam_gi)).content.decode()
    assert page.count('type="checkbox" name="agencies"') == len(Agency.choices)


def test_a_report_without_description_or_with_an_unknown_agency_is_refused(client_for, ip_officer, lucnam_gi,
                                                                           units):
    response = client_for(ip_officer).post(report_url(lucnam_gi), {
        "reported_on": "2024-08-01", "place": units["bg.luc-nam"].pk, "description": "", "agencies": ["army"],
    })
    assert set(response.context["form"].errors) == {"description", "agencies"}
    assert not InfringementCase.objects.exists()


@pytest.fixture
def case(lucnam_gi, units):
    return services.infringement_report(actor=None, asset=lucnam_gi, reported_on=D(2024, 8, 1),
                                        place=units["bg.luc-nam"], description="Na giả nhãn Lục Nam")


def test_a_step_is_added_and_its_agency_joins_the_case(client_for, ip_officer, case):
    response = client_for(ip_officer).post(reverse("ip:infringement_step_create", args=[case.pk]), {
        "on": "2024-08-03", "agency": Agency.MARKET_MANAGEMENT, "action": "Kiểm tra, lập biên bản tại chợ",
    })
    assert response.status_code == 302
    step = InfringementStep.objects.get()
    assert (step.case, step.on, step.action) == (case, D(2024, 8, 3), "Kiểm tra, lập biên bản tại chợ")
    case.refresh_from_db()
    assert case.agencies == [Agency.MARKET_MANAGEMENT]
    assert (step.history.first().history_user, step.history.first().history_channel) == (ip_officer, "web")


def test_a_step_before_the_report_is_refused_by_the_service(client_for, ip_officer, case):
    response = client_for(ip_officer).post(reverse("ip:infringement_step_create", args=[case.pk]), {
        "on": "2024-07-01", "agency": Agency.POLICE, "action": "Kiểm tra",
    })
    assert response.status_code == 200
    assert response.context["form"].errors["on"] == ["Ngày xử lý không thể trước ngày phát hiện."]
    assert not InfringementStep.objects.exists()


def test_closing_a_case_records_its_outcome(client_for, ip_officer, case):
    response = client_for(ip_officer).post(reverse("ip:infringement_close", args=[case.pk]), {
        "outcome": InfringementOutcome.FINE, "closed_on": "2024-09-10", "fine_amount": "25000000",
        "goods_quantity": "",
    })
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.outcome, case.closed_on, case.fine_amount) == (InfringementOutcome.FINE, D(2024, 9, 10), 25_000_000)
    row = case.history.first()
    assert (row.history_user, row.history_channel, row.outcome) == (ip_officer, "web", InfringementOutcome.FINE)


def test_a_fine_without_amount_is_refused(client_for, ip_officer, case):
    response = client_for(ip_officer).post(reverse("ip:infringement_close", args=[case.pk]), {
        "outcome": InfringementOutcome.FINE, "closed_on": "2024-09-10",
    })
    assert "Phạt tiền cần ghi số tiền phạt." in response.content.decode()
    case.refresh_from_db()
    assert case.closed_on is None


def test_a_closing_date_before_the_report_is_refused(client_for, ip_officer, case):
    response = client_for(ip_officer).post(reverse("ip:infringement_close", args=[case.pk]), {
        "outcome": InfringementOutcome.WARNING, "closed_on": "2024-01-10",
    })
    assert response.context["form"].errors["closed_on"] == ["Ngày kết thúc không thể trước ngày phát hiện."]
    case.refresh_from_db()
    assert case.closed_on is None


def test_a_closed_case_takes_no_more_steps_and_cannot_be_closed_again(client_for, ip_officer, case):
    services.infringement_close(actor=None, case=case, outcome=InfringementOutcome.WARNING, closed_on=D(2024, 9, 1))
    rows = case.history.count()
    client = client_for(ip_officer)
    response = client.post(reverse("ip:infringement_step_create", args=[case.pk]), {
        "on": "2024-09-05", "agency": Agency.POLICE, "action": "Kiểm tra lại",
    })
    assert "Vụ việc đã kết thúc, không thể thêm bước xử lý." in response.content.decode()
    response = client.post(reverse("ip:infringement_close", args=[case.pk]), {
        "outcome": InfringementOutcome.DISMISSED, "closed_on": "2024-09-20",
    })
    assert "Vụ việc đã kết thúc ngày 01/09/2024." in response.content.decode()
    case.refresh_from_db()
    assert (case.outcome, case.history.count(), InfringementStep.objects.count()) == (
        InfringementOutcome.WARNING, rows, 0)


@pytest.mark.parametrize("role", ["auditor", "district_officer_lucngan", "outsider"])
def test_only_an_ip_officer_handles_cases(request, client_for, case, lucnam_gi, units, role):
    client = client_for(request.getfixturevalue(role))
    pages = {
        report_url(lucnam_gi): {"reported_on": "2024-08-01", "place": units["bg.luc-nam"].pk, "description": "x"},
        reverse("ip:infringement_step_create", args=[case.pk]): {"on": "2024-08-03", "agency": Agency.POLICE,
                                                                 "action": "x"},
        reverse("ip:infringement_close", args=[case.pk]): {"outcome": InfringementOutcome.WARNING,
                                                           "closed_on": "2024-09-10"},
    }
    for url, data in pages.items():
        assert client.get(url).status_code == 403, url
        assert client.post(url, data).status_code == 403, url
    case.refresh_from_db()
    assert (InfringementCase.objects.count(), InfringementStep.objects.count(), case.closed_on) == (1, 0, None)
