"""The targets page: progress on the date asked, a bar per target and a breakdown by district-level unit."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ip_registry import services
from ip_registry.models import TargetIndicator
from tests.ip_registry.conftest import walk_to_grant

D = dt.date
URL = reverse("ip:targets")


@pytest.fixture
def granted_gi(lucnam_gi, lucnam_committee, document_for):
    application = services.application_create(actor=None, asset=lucnam_gi, applicant=lucnam_committee,
                                              application_number="6-2019-00003", filing_date=D(2019, 3, 1))
    walk_to_grant(application, document_for, accepted=D(2019, 3, 25), published=D(2019, 5, 10),
                  intended_grant=D(2020, 5, 1), granted=D(2020, 7, 20))
    return lucnam_gi


def row(response, indicator):
    return next(r for r in response.context["progress"] if r.target.indicator == indicator)


def test_progress_is_counted_on_the_date_asked(client_for, ip_officer, granted_gi):
    client = client_for(ip_officer)
    before = client.get(URL, {"on": "2020-07-19"})
    assert row(before, TargetIndicator.GI_IN_FORCE).reached == 0
    after = client.get(URL, {"on": "2020-07-20"})
    assert after.status_code == 200
    gi = row(after, TargetIndicator.GI_IN_FORCE)
    assert (gi.reached, str(gi.percent)) == (1, "25.0")
    page = after.content.decode()
    assert 'value="2020-07-20"' in page
    assert '<progress max="100" value="25.0">' in page
    assert "25 %" in page or "25,0 %" in page
    [(unit, counts)] = after.context["breakdown"]
    by_indicator = dict(zip([r.target.indicator for r in after.context["progress"]], counts))
    assert (unit, by_indicator[TargetIndicator.GI_IN_FORCE], sum(counts)) == ("Huyện Lục Nam", 1, 1)
    assert "Huyện Lục Nam" in page
    assert "Chỉ thị số 01/CT-UBND" in page


def test_without_a_date_progress_is_today(client_for, auditor, db):
    response = client_for(auditor).get(URL)
    assert response.context["on"] == timezone.localdate()
    assert len(response.context["progress"]) == 4  # the directive's targets


def test_an_invalid_date_is_reported_and_today_is_shown(client_for, district_officer_lucngan, db):
    response = client_for(district_officer_lucngan).get(URL, {"on": "31/12/2025"})
    assert response.status_code == 200
    assert response.context["on"] == timezone.localdate()
    assert "Ngày “31/12/2025” không hợp lệ" in response.content.decode()


def test_no_role_no_targets(client_for, outsider):
    assert client_for(outsider).get(URL).status_code == 403


def test_anonymous_is_sent_to_log_in(client, db):
    assert client.get(URL)["Location"].startswith(reverse("login"))
