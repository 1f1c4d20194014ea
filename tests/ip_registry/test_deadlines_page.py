"""The "due soon" page: open deadlines overdue or due within 30 days, grouped by who must act."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ip_registry import services
from ip_registry.workflow import ApplicationStatus as S
from ip_registry.workflow import Party

URL = reverse("ip:deadlines")


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def running(mycchu_mark, lucnam_gi, mycchu_cooperative, lucnam_commune_committee, document_for, today):
    # Filed 20 days ago: the IP Office's formality examination is due in about ten days.
    soon = services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative,
                                       application_number="4-2026-00010", filing_date=today - dt.timedelta(days=20))
    # Declared deficient 70 days ago: the applicant's two months to answer ran out about ten days ago.
    late = services.application_create(actor=None, asset=lucnam_gi, applicant=lucnam_commune_committee,
                                       application_number="6-2026-00001", filing_date=today - dt.timedelta(days=80))
    services.application_advance(application=late, to_status=S.FORMALITY_DEFICIENT, actor=None,
                                 on=today - dt.timedelta(days=70), document=document_for(lucnam_gi))
    # Accepted today: its formality examination is met, its publication due in two months, past the horizon.
    accepted = services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative,
                                           application_number="4-2026-00099", filing_date=today - dt.timedelta(days=5))
    services.application_advance(application=accepted, to_status=S.ACCEPTED, actor=None, on=today,
                                 document=document_for(mycchu_mark))
    return soon, late


def test_deadlines_are_listed_soonest_first_with_who_must_act(client_for, ip_officer, running, today):
    soon, late = running
    response = client_for(ip_officer).get(URL)
    assert response.status_code == 200
    rows = list(response.context["page"].object_list)
    assert [(d.application.application_number, d.party) for d in rows] == [
        ("6-2026-00001", Party.APPLICANT), ("4-2026-00010", Party.IP_OFFICE)]
    assert {str(label): count for _value, label, count in response.context["tabs"]} == {
        "Cục Sở hữu trí tuệ": 1, "Người nộp đơn": 1, "Bên thứ ba": 0}
    page = response.content.decode()
    assert "4-2026-00099" not in page
    assert "Sửa chữa thiếu sót hình thức" in page and "Thẩm định hình thức" in page
    overdue_by = (today - rows[0].due_date).days
    assert f"Quá hạn {overdue_by} ngày" in page
    assert f"Còn {(rows[1].due_date - today).days} ngày" in page
    assert 'class="overdue"' in page
    assert reverse("ip:application_detail", args=[late.pk]) in page


def test_one_party_at_a_time(client_for, ip_officer, running):
    client = client_for(ip_officer)
    office = client.get(URL, {"party": Party.IP_OFFICE})
    assert [d.application.application_number for d in office.context["page"].object_list] == ["4-2026-00010"]
    assert list(client.get(URL, {"party": Party.THIRD_PARTY}).context["page"].object_list) == []
    # An unknown party is every party, not an error.
    assert len(client.get(URL, {"party": "nobody", "page": "x"}).context["page"].object_list) == 2


def numbers(response):
    return [d.application.application_number for d in response.context["page"].object_list]


def test_overdue_and_upcoming_are_listed_apart(client_for, ip_officer, running):
    client = client_for(ip_officer)
    overdue = client.get(URL, {"due": "overdue"})
    assert numbers(overdue) == ["6-2026-00001"]
    assert "<h1>Thời hạn đã quá" in overdue.content.decode()
    assert {str(label): count for _value, label, count in overdue.context["tabs"]} == {
        "Cục Sở hữu trí tuệ": 0, "Người nộp đơn": 1, "Bên thứ ba": 0}
    upcoming = client.get(URL, {"due": "upcoming"})
    assert numbers(upcoming) == ["4-2026-00010"]
    assert {str(label): count for _value, label, count in upcoming.context["halves"]} == {
        "Quá hạn": 1, "Sắp đến hạn": 1}
    # The two filters together, and the party's links keep the half chosen.
    assert numbers(client.get(URL, {"due": "upcoming", "party": Party.APPLICANT})) == []
    assert f'href="?party={Party.APPLICANT}&amp;due=upcoming"' in upcoming.content.decode()
    # An unknown half is both, not an error.
    assert len(numbers(client.get(URL, {"due": "soonish"}))) == 2


def test_the_home_page_links_to_each_half_apart(client_for, ip_officer, running):
    page = client_for(ip_officer).get(reverse("home")).content.decode()
    assert f'<a href="{URL}?due=overdue">Thời hạn đã quá</a>' in page
    assert f'<a href="{URL}?due=upcoming">Thời hạn sắp đến trong 30 ngày tới</a>' in page
    assert f'<a href="{URL}">' not in page.split('class="attention"')[1]


def test_nothing_due_says_so(client_for, auditor):
    response = client_for(auditor).get(URL)
    assert "Không có thời hạn nào đã quá hoặc sắp đến." in response.content.decode()


@pytest.mark.parametrize("role", ["auditor", "district_officer_yenthe", "council_secretary"])
def test_every_role_reads_the_deadlines(request, client_for, running, role):
    assert client_for(request.getfixturevalue(role)).get(URL).status_code == 200


def test_no_role_no_deadlines(client_for, outsider, running):
    assert client_for(outsider).get(URL).status_code == 403


def test_anonymous_is_sent_to_log_in(client, db):
    assert client.get(URL)["Location"].startswith(reverse("login"))
