"""Payments to the authors: an economic investor pays at least 7% of a year's benefit or 15% of a
transfer price; the page shows the service's message and writes nothing when the minimum is not met."""

import pytest
from django.urls import reverse

from initiatives.models import RemunerationPayment
from tests.initiatives.conftest import file_initiative


@pytest.fixture
def invested(district_officer_lucngan, school_lucngan, cooperative_lucngan):
    """An initiative the Phượng Sơn cooperative (an economic organisation) invested in."""
    return file_initiative(district_officer_lucngan, school_lucngan, investor=cooperative_lucngan,
                           title="Quy trình sấy vải thiều bằng năng lượng mặt trời")


def url(initiative):
    return reverse("initiatives:payment_create", args=[initiative.pk])


YEARLY = {"paid_on": "2024-12-01", "amount": "14000000", "application_year": "1", "benefit": "200000000",
          "rate_percent": "7", "transfer_price": ""}
TRANSFER = {"paid_on": "2024-12-01", "amount": "7500000", "application_year": "", "benefit": "", "rate_percent": "",
            "transfer_price": "50000000"}


def test_the_secretary_records_a_yearly_payment(client_for, council_secretary, invested):
    client = client_for(council_secretary)
    assert "ít nhất 7% lợi ích mỗi năm" in client.get(url(invested)).content.decode()
    response = client.post(url(invested), YEARLY)
    assert response.status_code == 302
    payment = RemunerationPayment.objects.get()
    assert (payment.amount, payment.application_year, payment.rate_percent) == (14_000_000, 1, 7)
    row = payment.history.get()
    assert (row.history_user, row.history_channel) == (council_secretary, "web")


def test_the_units_officer_records_a_transfer(client_for, district_officer_lucngan, invested):
    assert client_for(district_officer_lucngan).post(url(invested), TRANSFER).status_code == 302
    assert RemunerationPayment.objects.get().transfer_price == 50_000_000


def test_less_than_7_percent_a_year_is_refused(client_for, council_secretary, invested):
    response = client_for(council_secretary).post(url(invested), {**YEARLY, "rate_percent": "6.5",
                                                                  "amount": "13000000"})
    assert response.status_code == 200
    assert "rate_percent" in response.context["form"].errors
    assert "Chủ đầu tư là tổ chức kinh tế phải trả ít nhất 7% lợi ích hằng năm" in response.content.decode()
    assert not RemunerationPayment.objects.exists()


def test_less_than_15_percent_of_a_transfer_is_refused(client_for, council_secretary, invested):
    response = client_for(council_secretary).post(url(invested), {**TRANSFER, "amount": "7000000"})
    assert "Chuyển giao phải trả tác giả ít nhất 15% giá chuyển giao" in response.content.decode()
    assert not RemunerationPayment.objects.exists()


def test_a_payment_must_be_yearly_or_a_transfer(client_for, council_secretary, invested):
    client = client_for(council_secretary)
    response = client.post(url(invested), {**YEARLY, "benefit": ""})
    assert "Khoản trả hằng năm cần năm áp dụng, lợi ích trong năm và tỷ lệ" in response.content.decode()
    response = client.post(url(invested), {**YEARLY, "transfer_price": "50000000"})
    assert "chỉ ghi giá chuyển giao" in response.content.decode()
    assert not RemunerationPayment.objects.exists()


@pytest.mark.parametrize(("role", "status"), [("auditor", 403), ("ip_officer", 403), ("outsider", 403),
                                              ("district_officer_yenthe", 404)])
def test_others_cannot_record_payments(request, client_for, invested, role, status):
    client = client_for(request.getfixturevalue(role))
    assert client.get(url(invested)).status_code == status
    assert client.post(url(invested), YEARLY).status_code == status
    assert not RemunerationPayment.objects.exists()
