"""The application page shows the opposition window, the oppositions and the opinions; IP officers record them
through forms, which show the law's refusals as form errors; other roles are refused on the server."""

import datetime as dt

import pytest
from django.urls import reverse

from ip_registry import services
from ip_registry.models import Opposition, OppositionOutcome, ThirdPartyOpinion
from ip_registry.workflow import ApplicationStatus as S
from tests.ip_registry.conftest import oppose

D = dt.date


def test_the_officer_records_an_opposition_and_the_page_shows_it(client_for, ip_officer, published_mark):
    client = client_for(ip_officer)
    detail = client.get(reverse("ip:application_detail", args=[published_mark.pk])).content.decode()
    assert "Thời hạn phản đối đến hết ngày 15/08/2024" in detail
    response = client.post(reverse("ip:opposition_create", args=[published_mark.pk]), {
        "opponent": "Công ty TNHH Mì Việt", "grounds": "Tương tự gây nhầm lẫn", "filed_on": "2024-08-15",
    })
    assert response.status_code == 302
    published_mark.refresh_from_db()
    assert published_mark.status == S.OPPOSED
    detail = client.get(reverse("ip:application_detail", args=[published_mark.pk])).content.decode()
    assert "Công ty TNHH Mì Việt" in detail and "Chưa có kết quả" in detail


def test_an_opposition_after_the_window_is_a_form_error_naming_its_last_day(client_for, ip_officer,
                                                                          published_mark):
    response = client_for(ip_officer).post(reverse("ip:opposition_create", args=[published_mark.pk]), {
        "opponent": "Công ty TNHH Mì Việt", "grounds": "Tương tự gây nhầm lẫn", "filed_on": "2024-08-16",
    })
    assert response.status_code == 200
    assert "15/08/2024" in response.content.decode()
    assert not Opposition.objects.exists()


def test_reply_decision_and_opinion_through_their_forms(client_for, ip_officer, published_mark):
    opposition = oppose(published_mark, D(2024, 5, 2))
    client = client_for(ip_officer)
    assert client.post(reverse("ip:opposition_reply", args=[opposition.pk]),
                       {"reply_on": "2024-06-20", "reply": "Không tương tự"}).status_code == 302
    no_reason = client.post(reverse("ip:opposition_decide", args=[opposition.pk]),
                            {"outcome": OppositionOutcome.WITHDRAWN, "decided_on": "2024-07-01", "reason": ""})
    assert no_reason.status_code == 200
    assert client.post(reverse("ip:opposition_decide", args=[opposition.pk]),
                       {"outcome": OppositionOutcome.WITHDRAWN, "decided_on": "2024-07-01",
                        "reason": "Bên phản đối rút đơn"}).status_code == 302
    assert client.post(reverse("ip:opinion_create", args=[published_mark.pk]),
                       {"author": "Hội Nông dân", "content": "Ủng hộ", "received_on": "2024-07-02"}).status_code == 302
    opposition.refresh_from_db()
    assert (opposition.outcome, opposition.reply) == (OppositionOutcome.WITHDRAWN, "Không tương tự")
    assert ThirdPartyOpinion.objects.get().author == "Hội Nông dân"
    assert opposition.history.first().history_change_reason == "Bên phản đối rút đơn"


@pytest.mark.parametrize("user", ["auditor", "district_officer_lucngan"])
def test_other_roles_cannot_record_oppositions_or_opinions(request, client_for, user, published_mark):
    opposition = oppose(published_mark, D(2024, 5, 2))
    client = client_for(request.getfixturevalue(user))
    for url in (reverse("ip:opposition_create", args=[published_mark.pk]),
                reverse("ip:opinion_create", args=[published_mark.pk]),
                reverse("ip:opposition_reply", args=[opposition.pk]),
                reverse("ip:opposition_decide", args=[opposition.pk])):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"opponent": "X", "grounds": "Y", "filed_on": "2024-05-03"}).status_code == 403, url
    assert Opposition.objects.count() == 1
    assert services.opposition_window_end(published_mark) == D(2024, 8, 15)
