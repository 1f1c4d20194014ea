"""Oppositions within their window (Law on IP, art. 112a), third-party opinions before the decision (art. 112),
and no grant while a window is open or an opposition unresolved."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from directory.workflow import InvalidTransition
from ip_registry import services
from ip_registry.models import Document, Opposition, OppositionOutcome, ThirdPartyOpinion
from ip_registry.workflow import ApplicationStatus as S
from tests.ip_registry.conftest import advance, oppose

D = dt.date


@pytest.fixture
def published_gi(lucnam_gi, lucnam_committee, document_for):
    """Lục Nam, published 10/05/2019: three months, ending Saturday 10/08/2019, so on Monday 12/08/2019."""
    application = services.application_create(actor=None, asset=lucnam_gi, applicant=lucnam_committee,
                                              application_number="6-2019-00003", filing_date=D(2019, 3, 1))
    advance(application, S.ACCEPTED, D(2019, 3, 25), document_for)
    return advance(application, S.PUBLISHED, D(2019, 5, 10))


def test_the_window_end_is_five_months_for_a_mark_and_three_for_a_gi(published_mark, published_gi):
    assert services.opposition_window_end(published_mark) == D(2024, 8, 15)
    assert services.opposition_window_end(published_gi) == D(2019, 8, 12)


def test_an_opposition_on_the_last_day_is_recorded_and_the_application_is_opposed(published_mark):
    opposition = oppose(published_mark, D(2024, 8, 15))
    published_mark.refresh_from_db()
    assert published_mark.status == S.OPPOSED
    assert opposition.outcome == ""
    assert published_mark.steps.order_by("-pk").first().to_status == S.OPPOSED


@pytest.mark.parametrize(("fixture", "day_after", "last_day"), [
    ("published_mark", D(2024, 8, 16), "15/08/2024"),
    ("published_gi", D(2019, 8, 13), "12/08/2019"),
])
def test_an_opposition_the_day_after_the_window_is_refused_naming_its_last_day(request, fixture, day_after,
                                                                                last_day):
    application = request.getfixturevalue(fixture)
    events = AuditEvent.objects.count()
    with pytest.raises(InvalidTransition, match=last_day):
        oppose(application, day_after)
    application.refresh_from_db()
    assert application.status == S.PUBLISHED
    assert not Opposition.objects.exists()
    assert AuditEvent.objects.count() == events


def test_an_opposition_before_publication_is_refused(mycchu_mark, mycchu_cooperative):
    application = services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative,
                                              application_number="4-2024-00078", filing_date=D(2024, 1, 5))
    with pytest.raises(InvalidTransition, match="chưa được công bố"):
        oppose(application, D(2024, 2, 1))
    assert not Opposition.objects.exists()


def test_no_grant_on_the_window_last_day_and_the_refusal_says_from_when(published_mark, document_for):
    advance(published_mark, S.INTENDED_GRANT, D(2024, 7, 1), document_for)
    certificate = document_for(published_mark.asset, "Văn bằng", Document.Type.CERTIFICATE)
    with pytest.raises(InvalidTransition, match="16/08/2024"):
        services.application_advance(application=published_mark, to_status=S.GRANTED, actor=None,
                                     on=D(2024, 8, 15), document=certificate, certificate_number="VB-1")
    published_mark.refresh_from_db()
    assert published_mark.status == S.INTENDED_GRANT
    granted = services.application_advance(application=published_mark, to_status=S.GRANTED, actor=None,
                                           on=D(2024, 8, 16), document=certificate, certificate_number="VB-1")
    assert granted.status == S.GRANTED


def test_no_grant_while_an_opposition_is_unresolved(published_mark, document_for):
    opposition = oppose(published_mark, D(2024, 5, 2))
    services.opposition_reply(actor=None, opposition=opposition, reply_on=D(2024, 6, 20),
                              reply="Nhãn hiệu khác biệt về cách đọc và hình")
    advance(published_mark, S.INTENDED_GRANT, D(2024, 9, 2), document_for)
    certificate = document_for(published_mark.asset, "Văn bằng", Document.Type.CERTIFICATE)
    with pytest.raises(InvalidTransition, match="1 đơn phản đối chưa có kết quả"):
        services.application_advance(application=published_mark, to_status=S.GRANTED, actor=None,
                                     on=D(2024, 12, 2), document=certificate, certificate_number="VB-2")

    with pytest.raises(ValidationError, match="lý do"):
        services.opposition_decide(actor=None, opposition=opposition, outcome=OppositionOutcome.REJECTED,
                                   decided_on=D(2024, 11, 20))
    services.opposition_decide(actor=None, opposition=opposition, outcome=OppositionOutcome.REJECTED,
                               decided_on=D(2024, 11, 20), reason="Không có căn cứ: dấu hiệu không tương tự")
    opposition.refresh_from_db()
    assert (opposition.outcome, opposition.reply_on) == (OppositionOutcome.REJECTED, D(2024, 6, 20))
    granted = services.application_advance(application=published_mark, to_status=S.GRANTED, actor=None,
                                           on=D(2024, 12, 2), document=certificate, certificate_number="VB-2")
    assert granted.status == S.GRANTED


def test_a_third_party_opinion_before_the_decision_changes_no_status(published_mark):
    opinion = services.opinion_record(actor=None, application=published_mark, author="Hội Nông dân xã Chũ",
                                      content="Đề nghị làm rõ khu vực sản xuất", received_on=D(2024, 9, 10))
    published_mark.refresh_from_db()
    assert published_mark.status == S.PUBLISHED
    assert list(published_mark.opinions.all()) == [opinion]


def test_a_third_party_opinion_after_the_decision_is_refused(published_mark, document_for):
    advance(published_mark, S.INTENDED_REFUSAL, D(2024, 9, 2), document_for, reason="Thiếu khả năng phân biệt")
    advance(published_mark, S.REFUSED, D(2024, 12, 2), document_for, reason="Không trả lời")
    services.opinion_record(actor=None, application=published_mark, author="Công dân",
                            content="Ủng hộ từ chối", received_on=D(2024, 12, 2))
    with pytest.raises(ValidationError, match="02/12/2024"):
        services.opinion_record(actor=None, application=published_mark, author="Công dân",
                                content="Gửi muộn", received_on=D(2024, 12, 3))
    assert ThirdPartyOpinion.objects.count() == 1
