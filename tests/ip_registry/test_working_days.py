"""A time limit that ends on a day off ends on the next working day (Civil Code 2015, art. 148): weekends,
the public holidays seeded from the ``holidays`` package, and the days administrators move."""

import datetime as dt

import pytest
from django.urls import reverse

from directory.calendar import calendar_ensure, is_working_day, limit_end, working_day
from directory.models import CalendarDay, DayKind
from ip_registry import services
from ip_registry.models import Deadline, DeadlineRule
from ip_registry.workflow import ApplicationStatus as S
from ip_registry.workflow import DeadlineKind as K

D = dt.date


def test_the_calendar_is_seeded_with_tet_and_the_weekend_days_worked(db):
    tet = CalendarDay.objects.get(day=D(2026, 2, 17))
    assert tet.kind == DayKind.DAY_OFF
    assert "Tết" in tet.name
    assert CalendarDay.objects.get(day=D(2025, 4, 26)).kind == DayKind.WORKING_DAY
    assert tet.history.count() == 1  # entered with its history
    assert calendar_ensure() == 0  # and seeding again enters nothing twice


def test_a_limit_ending_on_a_sunday_ends_on_the_monday(db):
    assert D(2024, 8, 11).weekday() == 6
    assert limit_end(D(2024, 2, 11), months=6) == D(2024, 8, 12)


def test_a_limit_ending_on_a_working_day_keeps_its_day(db):
    assert limit_end(D(2024, 2, 14), months=6) == D(2024, 8, 14)


@pytest.mark.parametrize("start", [D(2025, 11, 20), D(2025, 11, 16)])
def test_a_limit_ending_in_tet_2026_ends_on_the_monday_after_it(db, start):
    # Tết 2026 is off from Monday 16/02 to Friday 20/02, then the weekend: work resumes on Monday 23/02.
    assert limit_end(start, months=3) == D(2026, 2, 23)


def test_a_saturday_worked_in_exchange_is_a_working_day(db):
    assert D(2025, 4, 26).weekday() == 5
    assert is_working_day(D(2025, 4, 26))
    assert not is_working_day(D(2025, 5, 2))  # the Friday given in exchange
    assert working_day(D(2025, 4, 30)) == D(2025, 5, 5)


def test_a_day_an_administrator_enters_moves_new_limits_but_not_those_already_opened(
        client_for, administrator, mycchu_mark, mycchu_cooperative, document_for):
    application = services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative,
                                              application_number="4-2024-00101", filing_date=D(2024, 1, 5))
    formality = Deadline.objects.get(application=application, kind=K.FORMALITY_EXAMINATION)
    assert formality.due_date == D(2024, 2, 5)

    # The government gives Monday 05/02/2024 off: entered in the admin, with a reason.
    response = client_for(administrator).post(reverse("admin:directory_calendarday_add"), {
        "day": "05/02/2024", "kind": DayKind.DAY_OFF, "name": "Nghỉ bù (thử)", "legal_act": "Thông báo thử",
        "change_reason": "Thông báo của Bộ Nội vụ",
    })
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert CalendarDay.objects.get(day=D(2024, 2, 5)).history.get().history_user == administrator

    formality.refresh_from_db()
    assert formality.due_date == D(2024, 2, 5)  # opened before: keeps its date
    assert limit_end(D(2024, 1, 5), months=1) == D(2024, 2, 6)


def test_a_rule_is_applied_as_in_force_on_the_steps_date(mycchu_mark, mycchu_cooperative):
    old = DeadlineRule.objects.get(deadline=K.FORMALITY_EXAMINATION, opened_by=S.FILED, asset_kind="")
    old.valid_to = D(2024, 6, 30)
    old.full_clean()
    old.save()
    new = DeadlineRule(deadline=K.FORMALITY_EXAMINATION, opened_by=S.FILED, months=2, party=old.party,
                       valid_from=D(2024, 7, 1), legal_basis="Quy định mới (thử)")
    new.full_clean()
    new.save()

    def filed(number, on):
        application = services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative,
                                                  application_number=number, filing_date=on)
        return Deadline.objects.get(application=application, kind=K.FORMALITY_EXAMINATION)

    assert filed("4-2024-00201", D(2024, 6, 28)).due_date == D(2024, 7, 29)  # the old month
    assert filed("4-2024-00202", D(2024, 7, 1)).due_date == D(2024, 9, 4)  # two months; 02–03/09 are off


def test_overlapping_rules_are_refused_naming_the_one_in_force(db):
    old = DeadlineRule.objects.get(deadline=K.FORMALITY_EXAMINATION, opened_by=S.FILED, asset_kind="")
    clash = DeadlineRule(deadline=K.FORMALITY_EXAMINATION, opened_by=S.FILED, months=2, party=old.party,
                         valid_from=D(2024, 7, 1))
    with pytest.raises(Exception) as refused:
        clash.full_clean()
    assert "Trùng thời gian áp dụng" in str(refused.value)
    assert str(old) in str(refused.value)
