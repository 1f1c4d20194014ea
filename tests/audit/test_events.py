"""Every change leaves one event, in the same transaction, with who, how, why, what and whose."""

import datetime as dt
from unittest import mock

import pytest
from django.db import transaction

from audit import acting_as
from audit.context import Channel
from audit.models import AuditAction, AuditEvent
from audit.verify import verify
from initiatives import services
from initiatives.workflow import InitiativeStatus as S
from tests.audit.conftest import changes, events_of

pytestmark = pytest.mark.django_db


def test_a_change_is_logged_with_its_context_and_before_and_after(district_officer_lucngan, initiative_lucngan):
    with acting_as(channel=Channel.WEB, ip_address="203.113.1.7", request_id="req-42"):
        services.initiative_update(actor=district_officer_lucngan, initiative=initiative_lucngan,
                                   title="Dạy học theo trạm, bản sửa", reason="Sửa tên theo biên bản")
    event = events_of(initiative_lucngan)[-1]
    assert event.action == AuditAction.UPDATE
    assert event.actor == district_officer_lucngan
    assert (event.channel, event.ip_address, event.request_id) == (Channel.WEB, "203.113.1.7", "req-42")
    assert event.reason == "Sửa tên theo biên bản"
    assert changes(event) == {"title": ["Dạy học theo trạm cho môn Toán lớp 6", "Dạy học theo trạm, bản sửa"]}
    assert event.unit.code == "bg.luc-ngan"
    history = initiative_lucngan.history.model.objects.get(history_id=event.history_id)
    assert event.history_model == "initiatives.historicalinitiative"
    assert history.title == "Dạy học theo trạm, bản sửa"


def test_every_historical_row_has_exactly_one_event(initiative_lucngan):
    for model in (type(initiative_lucngan), type(initiative_lucngan.authors.first())):
        history_ids = set(model.history.model.objects.values_list("history_id", flat=True))
        logged = set(AuditEvent.objects.filter(history_model=model.history.model._meta.label_lower)
                     .values_list("history_id", flat=True))
        assert history_ids and history_ids == logged
    assert verify().ok


def test_a_workflow_move_is_logged_as_one(initiative_lucngan):
    services.initiative_advance(initiative=initiative_lucngan, to_status=S.REGISTERED, actor=None,
                                on=dt.date(2023, 3, 10), reason="Chuyển hội đồng cơ sở")
    event = events_of(initiative_lucngan)[-1]
    assert event.action == AuditAction.WORKFLOW
    assert changes(event)["status"][1] == S.REGISTERED
    assert event.reason == "Chuyển hội đồng cơ sở"


def test_a_deletion_is_logged_with_the_values_it_removed(district_officer_lucngan, initiative_lucngan):
    author = initiative_lucngan.authors.order_by("pk").last()
    services.initiative_set_authors(
        actor=district_officer_lucngan, initiative=initiative_lucngan, reason="Một tác giả duy nhất",
        authors=[{"name": "Nguyễn Thị Mai", "share_percent": 100}],
    )
    [*_, deleted] = events_of(author)
    assert deleted.action == AuditAction.DELETE
    assert changes(deleted)["name"] == ["Lê Văn Bình", None]
    assert changes(deleted)["share_percent"] == ["40.00", None]
    assert deleted.reason == "Một tác giả duy nhất"
    assert deleted.unit.code == "bg.luc-ngan"


def test_a_change_rolled_back_leaves_no_event(district_officer_lucngan, initiative_lucngan):
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.initiative_update(actor=district_officer_lucngan, initiative=initiative_lucngan, title="Tạm")
        raise RuntimeError
    assert AuditEvent.objects.count() == before


def test_the_chain_stays_whole_across_a_rolled_back_savepoint(district_officer_lucngan, initiative_lucngan):
    # The chain head is cached for the transaction; a savepoint rolled back must not leave it stale.
    with transaction.atomic():
        services.initiative_update(actor=district_officer_lucngan, initiative=initiative_lucngan, title="Một")
        try:
            with transaction.atomic():
                services.initiative_update(actor=district_officer_lucngan, initiative=initiative_lucngan, title="Hai")
                raise RuntimeError
        except RuntimeError:
            pass
        initiative_lucngan.refresh_from_db()
        services.initiative_update(actor=district_officer_lucngan, initiative=initiative_lucngan, title="Ba")
    report = verify()
    assert report.ok, report.breaks
    assert [changes(event)["title"][1] for event in events_of(initiative_lucngan)[-2:]] == ["Một", "Ba"]


def test_time_never_runs_backwards_along_the_chain(district_officer_lucngan, initiative_lucngan):
    # A clock set back (by hand, or by a time server) must not date an event before the one it follows.
    head = AuditEvent.objects.order_by("-seq").first()
    with mock.patch("django.utils.timezone.now", return_value=head.time - dt.timedelta(hours=1)):
        services.initiative_update(actor=district_officer_lucngan, initiative=initiative_lucngan, title="Giờ lùi")
    assert events_of(initiative_lucngan)[-1].time == head.time
    times = list(AuditEvent.objects.order_by("seq").values_list("time", flat=True))
    assert times == sorted(times)


def test_a_save_that_changes_nothing_logs_nothing(district_officer_lucngan, initiative_lucngan):
    before = AuditEvent.objects.count()
    services.initiative_update(actor=district_officer_lucngan, initiative=initiative_lucngan,
                               title=initiative_lucngan.title)
    assert AuditEvent.objects.count() == before
