"""application_advance walks a GI and a collective mark through the law's stages, and refuses the rest."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from directory.workflow import InvalidTransition
from ip_registry import services
from ip_registry.models import ApplicationStep, AssetStatus, Deadline, DeadlineState, ProtectionApplication
from ip_registry.selectors import asset_status
from ip_registry.workflow import ApplicationStatus as S
from ip_registry.workflow import DeadlineKind as K
from ip_registry.workflow import Party
from tests.ip_registry.conftest import walk_to_grant

D = dt.date


def deadlines(application):
    return {(d.kind, d.state): d for d in Deadline.objects.filter(application=application)}


def test_the_whole_life_of_a_gi_to_its_grant(lucnam_gi, lucnam_committee, document_for, ip_officer):
    application = services.application_create(
        actor=ip_officer, asset=lucnam_gi, applicant=lucnam_committee, application_number="6-2019-00003",
        filing_date=D(2019, 3, 1),
    )
    assert application.status == S.FILED
    assert application.filing_date == D(2019, 3, 1)
    formality = deadlines(application)[(K.FORMALITY_EXAMINATION, DeadlineState.OPEN)]
    assert (formality.party, formality.due_date) == (Party.IP_OFFICE, D(2019, 4, 1))

    application = services.application_advance(application=application, to_status=S.ACCEPTED, actor=ip_officer,
                                               on=D(2019, 3, 25), document=document_for(lucnam_gi))
    formality.refresh_from_db()
    assert (formality.state, formality.met_date) == (DeadlineState.MET, D(2019, 3, 25))
    # Two months end on Saturday 25/05/2019: the limit ends on Monday 27/05 (Civil Code, art. 148).
    assert deadlines(application)[(K.PUBLICATION, DeadlineState.OPEN)].due_date == D(2019, 5, 27)

    application = services.application_advance(application=application, to_status=S.PUBLISHED, actor=ip_officer,
                                               on=D(2019, 5, 10))
    open_now = deadlines(application)
    # A GI: three months for oppositions, six for the substantive examination (marks: five and nine).
    # (10/08/2019 is a Saturday and 10/11/2019 a Sunday: both move to the Monday after.)
    assert open_now[(K.OPPOSITION_WINDOW, DeadlineState.OPEN)].due_date == D(2019, 8, 12)
    assert open_now[(K.SUBSTANTIVE_EXAMINATION, DeadlineState.OPEN)].due_date == D(2019, 11, 11)
    assert open_now[(K.PUBLICATION, DeadlineState.MET)].met_date == D(2019, 5, 10)

    application = services.application_advance(application=application, to_status=S.INTENDED_GRANT,
                                               actor=ip_officer, on=D(2019, 12, 2), document=document_for(lucnam_gi))
    after = deadlines(application)
    # The examination came after its due date: closed, but as missed.
    assert after[(K.SUBSTANTIVE_EXAMINATION, DeadlineState.MISSED)].met_date == D(2019, 12, 2)
    assert after[(K.GRANT_FEES, DeadlineState.OPEN)].due_date == D(2020, 3, 2)
    assert after[(K.GRANT_FEES, DeadlineState.OPEN)].party == Party.APPLICANT
    # The opposition window obliges nobody: it ended on its day, it was not "missed".
    assert after[(K.OPPOSITION_WINDOW, DeadlineState.MET)].met_date == D(2019, 8, 12)

    assert asset_status(lucnam_gi, D(2020, 7, 19)) == AssetStatus.PENDING
    services.application_advance(application=application, to_status=S.GRANTED, actor=ip_officer, on=D(2020, 2, 20),
                                 document=document_for(lucnam_gi), certificate_number="00123")
    lucnam_gi.refresh_from_db()
    assert (lucnam_gi.grant_date, lucnam_gi.certificate_number, lucnam_gi.valid_until) == (D(2020, 2, 20), "00123", None)
    assert asset_status(lucnam_gi, D(2020, 2, 20)) == AssetStatus.PROTECTED
    assert asset_status(lucnam_gi, D(2040, 1, 1)) == AssetStatus.PROTECTED  # a GI has no term
    assert not Deadline.objects.filter(application=application, state=DeadlineState.OPEN).exists()

    timeline = list(application.steps.values_list("from_status", "to_status", "on"))
    assert timeline == [
        (S.PREPARING, S.FILED, D(2019, 3, 1)),
        (S.FILED, S.ACCEPTED, D(2019, 3, 25)),
        (S.ACCEPTED, S.PUBLISHED, D(2019, 5, 10)),
        (S.PUBLISHED, S.INTENDED_GRANT, D(2019, 12, 2)),
        (S.INTENDED_GRANT, S.GRANTED, D(2020, 2, 20)),
    ]
    assert set(application.steps.values_list("recorded_by__username", flat=True)) == {"ip_officer"}
    granted_row = application.history.first()
    assert (granted_row.status, granted_row.history_user, granted_row.history_channel) == (S.GRANTED, ip_officer,
                                                                                            "command")


def test_the_life_of_a_collective_mark_with_opposition_and_intended_refusal(mycchu_mark, mycchu_cooperative,
                                                                             document_for):
    application = services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative,
                                              application_number="4-2015-01234", filing_date=D(2015, 6, 10))
    for to_status, on in ((S.FORMALITY_DEFICIENT, D(2015, 7, 1)), (S.ACCEPTED, D(2015, 8, 15))):
        application = services.application_advance(application=application, to_status=to_status, actor=None, on=on,
                                                   document=document_for(mycchu_mark))
    assert deadlines(application)[(K.REPLY_FORMALITY, DeadlineState.MET)].due_date == D(2015, 9, 1)
    application = services.application_advance(application=application, to_status=S.PUBLISHED, actor=None,
                                               on=D(2015, 10, 1))
    opened = deadlines(application)
    assert opened[(K.OPPOSITION_WINDOW, DeadlineState.OPEN)].due_date == D(2016, 3, 1)  # five months for a mark
    assert opened[(K.SUBSTANTIVE_EXAMINATION, DeadlineState.OPEN)].due_date == D(2016, 7, 1)  # nine months

    application = services.application_advance(application=application, to_status=S.OPPOSED, actor=None,
                                               on=D(2015, 12, 1), note="Ý kiến phản đối của một doanh nghiệp")
    assert deadlines(application)[(K.REPLY_OPPOSITION, DeadlineState.OPEN)].due_date == D(2016, 2, 1)
    application = services.application_advance(application=application, to_status=S.INTENDED_REFUSAL, actor=None,
                                               on=D(2016, 3, 15), reason="Trùng với nhãn hiệu đã đăng ký",
                                               document=document_for(mycchu_mark))
    reply = deadlines(application)[(K.REPLY_REFUSAL, DeadlineState.OPEN)]
    assert (reply.due_date, reply.party) == (D(2016, 5, 16), Party.APPLICANT)  # 15/05/2016 was a Sunday
    application = services.application_advance(application=application, to_status=S.INTENDED_GRANT, actor=None,
                                               on=D(2016, 5, 2), document=document_for(mycchu_mark))
    reply.refresh_from_db()
    assert reply.state == DeadlineState.MET
    services.application_advance(application=application, to_status=S.GRANTED, actor=None, on=D(2016, 7, 1),
                                 document=document_for(mycchu_mark), certificate_number="4-0271234-000")
    mycchu_mark.refresh_from_db()
    # Ten years from the filing date, not from the grant.
    assert mycchu_mark.valid_until == D(2025, 6, 10)
    assert asset_status(mycchu_mark, D(2016, 7, 1)) == AssetStatus.PROTECTED


def test_a_refusal_opens_the_complaint_window_and_a_complaint_can_succeed(mycchu_mark, mycchu_cooperative,
                                                                          document_for):
    application = services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative,
                                              application_number="4-2018-00001", filing_date=D(2018, 1, 5))
    application = services.application_advance(application=application, to_status=S.FORMALITY_DEFICIENT,
                                               actor=None, on=D(2018, 2, 1), document=document_for(mycchu_mark))
    application = services.application_advance(application=application, to_status=S.REFUSED, actor=None,
                                               on=D(2018, 5, 1), reason="Không sửa chữa thiếu sót",
                                               document=document_for(mycchu_mark))
    assert asset_status(mycchu_mark, D(2018, 5, 2)) == AssetStatus.REFUSED
    complaint = deadlines(application)[(K.COMPLAINT, DeadlineState.OPEN)]
    assert complaint.due_date == D(2018, 7, 30)  # 90 days
    application = services.application_advance(application=application, to_status=S.UNDER_COMPLAINT, actor=None,
                                               on=D(2018, 6, 1), reason="Đã nộp bổ sung đúng hạn")
    assert asset_status(mycchu_mark, D(2018, 6, 2)) == AssetStatus.PENDING
    services.application_advance(application=application, to_status=S.INTENDED_GRANT, actor=None, on=D(2018, 9, 1),
                                 reason="Khiếu nại được chấp nhận", document=document_for(mycchu_mark))
    assert ProtectionApplication.objects.get(pk=application.pk).status == S.INTENDED_GRANT


@pytest.fixture
def filed(mycchu_mark, mycchu_cooperative):
    return services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative,
                                       application_number="4-2020-00077", filing_date=D(2020, 4, 1))


def assert_nothing_written(application, before):
    application.refresh_from_db()
    assert (application.status, ApplicationStep.objects.count(), Deadline.objects.count(),
            application.history.count()) == before


def snapshot(application):
    return application.status, ApplicationStep.objects.count(), Deadline.objects.count(), application.history.count()


def test_an_illegal_move_names_the_current_and_allowed_statuses_and_writes_nothing(filed):
    before = snapshot(filed)
    with pytest.raises(InvalidTransition) as error:
        services.application_advance(application=filed, to_status=S.PUBLISHED, actor=None, on=D(2020, 5, 1))
    message = error.value.messages[0]
    assert "“Đã nộp đơn”" in message and "“Đã công bố”" in message
    assert "Đơn hợp lệ, Thiếu sót hình thức, Đã rút đơn" in message
    assert_nothing_written(filed, before)


def test_repeating_the_current_status_is_refused(filed):
    with pytest.raises(InvalidTransition):
        services.application_advance(application=filed, to_status=S.FILED, actor=None, on=D(2020, 4, 2))


def test_a_move_from_a_stale_copy_is_judged_on_the_current_status(filed, document_for):
    stale = ProtectionApplication.objects.get(pk=filed.pk)
    services.application_advance(application=filed, to_status=S.WITHDRAWN, actor=None, on=D(2020, 4, 20),
                                 reason="Chủ đơn rút đơn")
    with pytest.raises(InvalidTransition) as error:
        services.application_advance(application=stale, to_status=S.ACCEPTED, actor=None, on=D(2020, 4, 25),
                                     document=document_for(filed.asset))
    assert "“Đã rút đơn”" in error.value.messages[0]


def test_a_move_dated_in_the_future_is_refused(filed, document_for):
    before = snapshot(filed)
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    with pytest.raises(InvalidTransition, match="tương lai"):
        services.application_advance(application=filed, to_status=S.ACCEPTED, actor=None, on=tomorrow,
                                     document=document_for(filed.asset))
    assert_nothing_written(filed, before)


def test_a_move_dated_before_the_previous_step_is_refused(filed, document_for):
    with pytest.raises(InvalidTransition, match="trước bước trước đó"):
        services.application_advance(application=filed, to_status=S.ACCEPTED, actor=None, on=D(2020, 3, 31),
                                     document=document_for(filed.asset))


@pytest.mark.parametrize(
    ("to_status", "kwargs", "missing"),
    [
        (S.WITHDRAWN, {}, "lý do"),
        (S.ACCEPTED, {}, "tài liệu"),
        (S.FORMALITY_DEFICIENT, {"reason": "x"}, "tài liệu"),
    ],
)
def test_a_move_without_what_it_requires_is_refused(filed, to_status, kwargs, missing):
    before = snapshot(filed)
    with pytest.raises(InvalidTransition, match=missing):
        services.application_advance(application=filed, to_status=to_status, actor=None, on=D(2020, 5, 1), **kwargs)
    assert_nothing_written(filed, before)


def test_a_grant_without_certificate_number_is_refused(filed, document_for):
    application = filed
    for to_status in (S.ACCEPTED, S.PUBLISHED, S.INTENDED_GRANT):
        application = services.application_advance(application=application, to_status=to_status, actor=None,
                                                   on=D(2020, 6, 1), document=document_for(filed.asset))
    with pytest.raises(InvalidTransition, match="số văn bằng"):
        services.application_advance(application=application, to_status=S.GRANTED, actor=None, on=D(2020, 7, 1),
                                     document=document_for(filed.asset))


def test_filing_needs_an_application_number(mycchu_mark, mycchu_cooperative):
    application = services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative)
    assert application.status == S.PREPARING
    with pytest.raises(InvalidTransition, match="số đơn"):
        services.application_advance(application=application, to_status=S.FILED, actor=None, on=D(2021, 1, 4))


def test_a_document_of_another_asset_is_refused(filed, lucnam_gi, document_for):
    with pytest.raises(InvalidTransition, match="tài sản trí tuệ khác"):
        services.application_advance(application=filed, to_status=S.ACCEPTED, actor=None, on=D(2020, 5, 1),
                                     document=document_for(lucnam_gi))


@pytest.mark.parametrize("role", ["auditor", "district_officer_lucngan", "council_secretary"])
def test_only_an_ip_officer_may_move_an_application(request, filed, document_for, role):
    user = request.getfixturevalue(role)
    before = snapshot(filed)
    with pytest.raises(PermissionDenied):
        services.application_advance(application=filed, to_status=S.ACCEPTED, actor=user, on=D(2020, 5, 1))
    assert_nothing_written(filed, before)


def test_withdrawal_cancels_the_open_deadlines(filed):
    services.application_advance(application=filed, to_status=S.WITHDRAWN, actor=None, on=D(2020, 4, 10),
                                 reason="Chủ đơn rút đơn")
    states = set(Deadline.objects.filter(application=filed).values_list("state", flat=True))
    assert states == {DeadlineState.CANCELLED}
    assert asset_status(filed.asset, D(2020, 4, 11)) == AssetStatus.WITHDRAWN


def test_changing_a_rule_never_rewrites_deadlines_already_opened(filed, mycchu_mark, mycchu_cooperative):
    from directory.services import record_save
    from ip_registry.models import DeadlineRule

    opened = Deadline.objects.get(application=filed, kind=K.FORMALITY_EXAMINATION)
    rule = DeadlineRule.objects.get(deadline=K.FORMALITY_EXAMINATION, opened_by=S.FILED)
    rule.months = 2
    record_save(actor=None, instance=rule, reason="Luật sửa đổi")
    opened.refresh_from_db()
    assert opened.due_date == D(2020, 5, 4)  # one month from 01/04/2020: 01/05 is Labour Day, then a weekend
    later = services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative,
                                        application_number="4-2021-00001", filing_date=D(2021, 3, 1))
    # Two months: 01/05/2021 (Saturday, Labour Day), 02/05 (Sunday), 03/05 (the day off in its place).
    assert Deadline.objects.get(application=later, kind=K.FORMALITY_EXAMINATION).due_date == D(2021, 5, 4)


def test_walk_helper_reaches_the_grant(filed, document_for):
    application = walk_to_grant(filed, document_for, accepted=D(2020, 4, 20), published=D(2020, 6, 1),
                                intended_grant=D(2021, 1, 10), granted=D(2021, 3, 1))
    assert application.status == S.GRANTED


def test_an_ended_opposition_window_is_not_an_overdue_deadline(mycchu_mark, mycchu_cooperative, document_for,
                                                              ip_officer):
    from ip_registry.selectors import deadlines_due

    application = services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative,
                                              application_number="4-2020-00500", filing_date=D(2020, 1, 6))
    application = services.application_advance(application=application, to_status=S.ACCEPTED, actor=None,
                                               on=D(2020, 2, 1), document=document_for(mycchu_mark))
    services.application_advance(application=application, to_status=S.PUBLISHED, actor=None, on=D(2020, 3, 2))
    due = deadlines_due(user=ip_officer, on=D(2020, 12, 1))
    # Substantive examination (due 02/12/2020) is the IP Office's; the window ended on 02/08/2020.
    assert [(d.party, d.kind) for d in due.rows] == [(Party.IP_OFFICE, K.SUBSTANTIVE_EXAMINATION)]
    assert due.by_party == {Party.IP_OFFICE: 1}
