"""Changes after the grant take effect: a transfer from its decision's day (earlier figures keep the old owner),
an amendment on the fields it names, termination and invalidation with their ground (art. 96's five years);
and the complaint's 90 days from the day the applicant received the refusal."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from directory import services as directory_services
from directory.models import OrganisationKind
from directory.workflow import InvalidTransition
from ip_registry import services
from ip_registry.models import AssetStatus, Deadline, ProtectionApplication, TargetIndicator
from ip_registry.selectors import asset_status, target_progress
from ip_registry.workflow import ApplicationKind, EndingGround, owner_on
from ip_registry.workflow import ApplicationStatus as S
from ip_registry.workflow import DeadlineKind as K
from tests.ip_registry.conftest import walk_to_grant

D = dt.date


@pytest.fixture
def granted_mark(mycchu_mark, mycchu_cooperative, document_for):
    """Mỳ Chũ, filed 10/06/2015, granted 01/07/2016."""
    application = services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative,
                                              application_number="4-2015-01234", filing_date=D(2015, 6, 10))
    walk_to_grant(application, document_for, accepted=D(2015, 7, 1), published=D(2015, 9, 1),
                  intended_grant=D(2016, 4, 1), granted=D(2016, 7, 1))
    mycchu_mark.refresh_from_db()
    return mycchu_mark


@pytest.fixture
def yenthe_cooperative(units):
    return directory_services.organisation_upsert(actor=None, name="Hợp tác xã Mỳ Yên Thế",
                                                  kind=OrganisationKind.COOPERATIVE, unit=units["bg.yen-the"])


def request(asset, applicant, kind, number, filed_on, **fields):
    return services.application_create(actor=None, asset=asset, applicant=applicant, kind=kind,
                                       application_number=number, filing_date=filed_on, **fields)


def grant(application, on, document_for):
    return services.application_advance(application=application, to_status=S.GRANTED, actor=None, on=on,
                                        document=document_for(application.asset))


def collective_marks_by_unit(on):
    return {row.target.indicator: row for row in target_progress(as_of=on)}[
        TargetIndicator.COLLECTIVE_MARKS_IN_FORCE].by_unit


def test_a_granted_transfer_changes_the_owner_from_its_day_and_earlier_figures_keep_the_old_one(
        granted_mark, mycchu_cooperative, yenthe_cooperative, document_for):
    transfer = request(granted_mark, mycchu_cooperative, ApplicationKind.TRANSFER, "CN-2021-1", D(2021, 1, 4),
                       new_owner=yenthe_cooperative)
    assert collective_marks_by_unit(D(2021, 3, 1)) == [("Huyện Lục Ngạn", 1)]  # filed, not yet granted
    grant(transfer, D(2021, 3, 1), document_for)

    granted_mark.refresh_from_db()
    transfer.refresh_from_db()
    assert granted_mark.owner == yenthe_cooperative
    assert transfer.previous_owner == mycchu_cooperative
    assert owner_on(granted_mark, D(2021, 2, 28)) == mycchu_cooperative.pk
    assert owner_on(granted_mark, D(2021, 3, 1)) == yenthe_cooperative.pk
    assert collective_marks_by_unit(D(2021, 2, 28)) == [("Huyện Lục Ngạn", 1)]
    assert collective_marks_by_unit(D(2021, 3, 1)) == [("Huyện Yên Thế", 1)]


def test_a_transfer_must_name_a_different_new_owner_and_a_gi_is_never_transferred(
        granted_mark, mycchu_cooperative, lucnam_gi, lucnam_committee, yenthe_cooperative):
    with pytest.raises(ValidationError) as refused:
        request(granted_mark, mycchu_cooperative, ApplicationKind.TRANSFER, "CN-2021-2", D(2021, 1, 4))
    assert "chủ sở hữu mới" in str(refused.value)
    with pytest.raises(ValidationError, match="trùng chủ sở hữu hiện tại"):
        request(granted_mark, mycchu_cooperative, ApplicationKind.TRANSFER, "CN-2021-3", D(2021, 1, 4),
                new_owner=mycchu_cooperative)
    with pytest.raises(ValidationError, match="sở hữu Nhà nước"):
        request(lucnam_gi, lucnam_committee, ApplicationKind.TRANSFER, "CN-2021-4", D(2021, 1, 4),
                new_owner=yenthe_cooperative)
    assert not ProtectionApplication.objects.filter(kind=ApplicationKind.TRANSFER).exists()


def test_a_granted_amendment_changes_the_fields_it_names(granted_mark, mycchu_cooperative, document_for):
    amendment = request(granted_mark, mycchu_cooperative, ApplicationKind.AMENDMENT, "SD-2022-1", D(2022, 2, 1),
                        amendments={"name": "Mỳ Chũ Lục Ngạn", "nice_classes": "30, 43"})
    granted_mark.refresh_from_db()
    assert granted_mark.name == "Mỳ Chũ"  # not before the decision
    grant(amendment, D(2022, 4, 1), document_for)
    granted_mark.refresh_from_db()
    assert (granted_mark.name, granted_mark.nice_classes) == ("Mỳ Chũ Lục Ngạn", "30, 43")
    assert granted_mark.history.first().name == "Mỳ Chũ Lục Ngạn"


def test_an_amendment_changes_only_what_it_may(granted_mark, mycchu_cooperative):
    with pytest.raises(ValidationError, match="owner"):
        request(granted_mark, mycchu_cooperative, ApplicationKind.AMENDMENT, "SD-2022-2", D(2022, 2, 1),
                amendments={"owner": 1})
    with pytest.raises(ValidationError, match="nội dung sửa đổi"):
        request(granted_mark, mycchu_cooperative, ApplicationKind.AMENDMENT, "SD-2022-3", D(2022, 2, 1))


def test_termination_and_invalidation_record_their_ground(granted_mark, mycchu_cooperative):
    with pytest.raises(ValidationError, match="căn cứ"):
        request(granted_mark, mycchu_cooperative, ApplicationKind.TERMINATION, "CD-2020-1", D(2020, 1, 2))
    with pytest.raises(ValidationError, match="căn cứ"):  # a termination's ground is not an invalidation's
        request(granted_mark, mycchu_cooperative, ApplicationKind.INVALIDATION, "HB-2020-1", D(2020, 1, 2),
                ground=EndingGround.NON_USE)
    termination = request(granted_mark, mycchu_cooperative, ApplicationKind.TERMINATION, "CD-2020-2",
                          D(2020, 1, 2), ground=EndingGround.NON_USE)
    assert termination.get_ground_display() == "Không sử dụng liên tục 5 năm"


@pytest.mark.parametrize(("filed_on", "ground", "allowed"), [
    (D(2021, 7, 1), EndingGround.NOT_PROTECTABLE, True),  # the last day of the five years from 01/07/2016
    (D(2021, 7, 2), EndingGround.NOT_PROTECTABLE, False),
    (D(2021, 7, 2), EndingGround.BAD_FAITH, True),  # bad faith: at any time
])
def test_invalidation_after_five_years_from_the_grant_only_for_bad_faith(granted_mark, mycchu_cooperative,
                                                                         filed_on, ground, allowed):
    if allowed:
        invalidation = request(granted_mark, mycchu_cooperative, ApplicationKind.INVALIDATION, "HB-1", filed_on,
                               ground=ground)
        assert invalidation.status == S.FILED
    else:
        with pytest.raises(InvalidTransition, match="01/07/2021"):
            request(granted_mark, mycchu_cooperative, ApplicationKind.INVALIDATION, "HB-1", filed_on,
                    ground=ground)
        assert not ProtectionApplication.objects.filter(application_number="HB-1").exists()


def test_a_granted_invalidation_ends_protection(granted_mark, mycchu_cooperative, document_for):
    invalidation = request(granted_mark, mycchu_cooperative, ApplicationKind.INVALIDATION, "HB-2", D(2020, 3, 2),
                           ground=EndingGround.NOT_ENTITLED)
    grant(invalidation, D(2020, 9, 1), document_for)
    assert asset_status(granted_mark, D(2020, 8, 31)) == AssetStatus.PROTECTED
    assert asset_status(granted_mark, D(2020, 9, 1)) == AssetStatus.INVALIDATED


def test_the_complaint_time_runs_from_the_day_the_refusal_was_received(mycchu_mark, mycchu_cooperative,
                                                                      document_for):
    application = services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative,
                                              application_number="4-2024-00301", filing_date=D(2024, 1, 5))
    for to_status, on in ((S.ACCEPTED, D(2024, 1, 20)), (S.PUBLISHED, D(2024, 2, 1)),
                          (S.INTENDED_REFUSAL, D(2024, 2, 15))):
        application = services.application_advance(application=application, to_status=to_status, actor=None, on=on,
                                                    reason="Thiếu khả năng phân biệt",
                                                    document=None if to_status == S.PUBLISHED
                                                    else document_for(mycchu_mark))
    with pytest.raises(InvalidTransition, match="ngày quyết định"):
        services.application_advance(application=application, to_status=S.REFUSED, actor=None, on=D(2024, 3, 1),
                                     reason="Không hợp lệ", document=document_for(mycchu_mark),
                                     received_on=D(2024, 2, 29))
    assert not Deadline.objects.filter(application=application, kind=K.COMPLAINT).exists()
    services.application_advance(application=application, to_status=S.REFUSED, actor=None, on=D(2024, 3, 1),
                                 reason="Không hợp lệ", document=document_for(mycchu_mark),
                                 received_on=D(2024, 3, 11))
    complaint = Deadline.objects.get(application=application, kind=K.COMPLAINT)
    # 90 days from Monday 11/03/2024 is Sunday 09/06/2024: the limit ends on Monday 10/06/2024.
    assert (complaint.opened_on, complaint.due_date) == (D(2024, 3, 11), D(2024, 6, 10))
    assert application.steps.get(to_status=S.REFUSED).received_on == D(2024, 3, 11)
