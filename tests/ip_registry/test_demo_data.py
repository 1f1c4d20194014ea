"""The demo portfolio loads through the workflow, shows what the pages need, and loads twice harmlessly."""

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from directory.models import User
from ip_registry.models import (
    IN_FORCE_STATUSES,
    ApplicationStep,
    AssetKind,
    AssetStatus,
    Deadline,
    Document,
    GrowingAreaCode,
    InfringementCase,
    InfringementOutcome,
    IPAsset,
    Product,
    ProtectionApplication,
    TargetIndicator,
)
from ip_registry.selectors import _assets_with_timeline, asset_status, deadlines_due, target_progress
from ip_registry.workflow import ApplicationKind
from ip_registry.workflow import ApplicationStatus as S

D = dt.date

CERTIFICATION_MARKS = {"Gà đồi Yên Thế", "Bưởi Hiệp Hòa", "Miến dong Sơn Động", "Chè Yên Thế"}
LUC_NAM_COMMUNES = {"Xã Đông Hưng", "Xã Đông Phú", "Xã Cương Sơn", "Xã Lan Mẫu", "Xã Huyền Sơn", "Xã Nghĩa Phương"}
TRACKED = (Product, IPAsset, ProtectionApplication, ApplicationStep, Deadline, Document, InfringementCase,
           GrowingAreaCode)


def load_demo_data():
    call_command("load_demo_data", stdout=io.StringIO())


@pytest.fixture(scope="module")
def loaded_once(django_db_setup, django_db_blocker):
    """The demo loaded once for this module's tests, and rolled back after them.

    Each test still runs in its own savepoint (``db``), so what one test writes the next does not see.
    """
    # The demo log-ins' passwords are hashed on every load; a fast hasher keeps these tests quick.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]), \
            django_db_blocker.unblock(), transaction.atomic():
        load_demo_data()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def portfolio(loaded_once, db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def asset(kind, name) -> IPAsset:
    return _assets_with_timeline().get(kind=kind, name=name)


# Runs before the module's shared load (below) exists: it needs an empty database.
def test_a_load_run_by_an_administrator_is_recorded_as_theirs(administrator, settings):
    # An administrator may not edit the registry, but may load the demo: the load is trusted code.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo_data", actor=administrator.username, stdout=io.StringIO())

    gi = IPAsset.objects.get(kind=AssetKind.GEOGRAPHICAL_INDICATION, name="Lục Nam")
    assert gi.history.earliest().history_user == administrator
    assert {row.history_user for row in ApplicationStep.history.all()} == {administrator}


def test_every_granted_title_went_through_the_whole_workflow(portfolio):
    granted = [a for a in _assets_with_timeline() if a.grant_date]
    assert len(granted) >= 12
    for title in granted:
        registration = next(a for a in title.applications.all() if a.kind == ApplicationKind.REGISTRATION)
        assert [step.to_status for step in registration.steps.all()] == [
            S.FILED, S.ACCEPTED, S.PUBLISHED, S.INTENDED_GRANT, S.GRANTED,
        ], title.name
        assert registration.steps.last().on == title.grant_date
        assert title.certificate_number.startswith("DEMO-")
        assert not Deadline.objects.filter(application=registration, state="open").exists()


def test_the_luc_nam_gi_is_protected_over_its_six_communes_since_20_july_2020(portfolio):
    gi = asset(AssetKind.GEOGRAPHICAL_INDICATION, "Lục Nam")

    assert asset_status(gi) == AssetStatus.PROTECTED
    assert asset_status(gi, D(2020, 7, 19)) == AssetStatus.PENDING
    assert gi.grant_date == D(2020, 7, 20)
    assert {unit.name for unit in gi.area_units.all()} == LUC_NAM_COMMUNES
    assert gi.owner is None
    # The district People's Committee ended on 30/06/2025; the province designated the commune's since.
    assert gi.managing_organisation.name == "Ủy ban nhân dân xã Lục Nam"
    before = gi.history.order_by("-history_id")[1]
    assert before.managing_organisation.name == "Ủy ban nhân dân huyện Lục Nam"
    assert "thay UBND huyện Lục Nam" in gi.history.first().history_change_reason
    assert gi.authorising_decision.startswith("Quyết định số")
    assert gi.product.name == "Na dai Lục Nam"


def test_the_four_certification_marks_are_protected(portfolio):
    marks = list(_assets_with_timeline().filter(kind=AssetKind.CERTIFICATION_MARK))

    assert {mark.name for mark in marks} == CERTIFICATION_MARKS
    for mark in marks:
        # Protected at the directive's deadline; in force today too (the old ones were renewed in time).
        assert asset_status(mark, D(2025, 12, 31)) == AssetStatus.PROTECTED, mark.name
        assert asset_status(mark) in IN_FORCE_STATUSES, mark.name


def test_one_collective_mark_is_due_for_renewal_and_another_is_in_its_grace_period(portfolio):
    statuses = {mark.name: asset_status(mark)
                for mark in _assets_with_timeline().filter(kind=AssetKind.COLLECTIVE_MARK)}

    assert statuses["Rượu làng Vân"] == AssetStatus.RENEWAL_DUE
    assert statuses["Gạo nếp cái hoa vàng Tân Yên"] == AssetStatus.GRACE_PERIOD
    assert sum(status == AssetStatus.PROTECTED for status in statuses.values()) >= 4


def test_my_chu_was_renewed_through_a_renewal_application(portfolio):
    my_chu = asset(AssetKind.COLLECTIVE_MARK, "Mỳ Chũ")
    renewal = next(a for a in my_chu.applications.all() if a.kind == ApplicationKind.RENEWAL)

    assert [step.to_status for step in renewal.steps.all()] == [S.FILED, S.GRANTED]
    # Filed in the six months before the first term ended (18/03/2018), which it extended by ten years.
    assert D(2017, 9, 18) <= renewal.filing_date <= D(2018, 3, 18)
    assert my_chu.valid_until == D(2028, 3, 18)
    assert asset_status(my_chu, D(2018, 3, 19)) == AssetStatus.PROTECTED


def test_the_due_soon_page_has_deadlines_due_within_30_days_and_overdue(portfolio):
    today = timezone.localdate()
    due = deadlines_due(user=User.objects.get(username="ip_officer"), on=today, days=30)
    rows = list(due.rows)
    for deadline in rows:
        deadline.overdue, deadline.days_left = deadline.due_date < today, (deadline.due_date - today).days

    assert any(deadline.overdue for deadline in rows)
    assert any(0 <= deadline.days_left <= 30 for deadline in rows)
    assert {deadline.kind for deadline in rows} >= {"formality_examination", "reply_refusal", "reply_formality"}


def test_applications_in_flight_are_at_different_stages(portfolio):
    in_flight = set(
        ProtectionApplication.objects.exclude(status=S.GRANTED).values_list("asset__name", "status")
    )

    assert in_flight == {
        ("Bánh đa Kế", S.FILED), ("Yên Thế", S.ACCEPTED), ("Cam Lục Ngạn", S.PUBLISHED),
        ("Rượu Kiên Thành", S.FORMALITY_DEFICIENT), ("Lạc Tân Yên", S.INTENDED_REFUSAL),
    }


def test_application_numbers_follow_the_ip_office_pattern(portfolio):
    for application in ProtectionApplication.objects.select_related("asset"):
        if application.kind == ApplicationKind.RENEWAL:
            continue
        prefix = "6" if application.asset.kind == AssetKind.GEOGRAPHICAL_INDICATION else "4"
        assert re.fullmatch(rf"{prefix}-{application.filing_date.year}-\d{{5}}", application.application_number)


def test_infringement_cases_one_fined_one_open_with_market_management(portfolio):
    fined = InfringementCase.objects.get(outcome=InfringementOutcome.FINE)
    assert fined.asset.name == "Gà đồi Yên Thế"
    assert fined.fine_amount > 0 and fined.closed_on is not None

    open_case = InfringementCase.objects.get(closed_on__isnull=True)
    assert open_case.asset.name == "Lục Ngạn"
    assert open_case.steps.filter(agency="market_management").count() >= 2


def test_lychee_growing_area_codes_cover_five_markets(portfolio):
    codes = GrowingAreaCode.objects.filter(product__name="Vải thiều Lục Ngạn")

    assert 10 <= codes.count() <= 15
    assert set(codes.values_list("export_market", flat=True)) == {"Trung Quốc", "Nhật Bản", "Hoa Kỳ", "Thái Lan", "Úc"}
    assert set(codes.values_list("issuing_body", flat=True)) == {"Cục Bảo vệ thực vật"}
    assert codes.filter(status=GrowingAreaCode.Status.ACTIVE).count() > codes.count() / 2


def test_two_gis_were_in_force_at_the_end_of_2025(portfolio):
    rows = {row.target.indicator: row for row in target_progress(as_of=D(2025, 12, 31))}

    assert rows[TargetIndicator.GI_IN_FORCE].reached == 2
    assert rows[TargetIndicator.CERTIFICATION_MARKS_IN_FORCE].reached == 4


def test_loading_twice_creates_no_rows_and_no_history(portfolio):
    def counts():
        return {model.__name__: (model.objects.count(), model.history.count()) for model in TRACKED}

    before = counts()
    load_demo_data()

    assert counts() == before
    assert before["IPAsset"][0] > 0 and before["ApplicationStep"][0] > 0


def test_the_database_gives_every_demo_asset_the_status_of_the_rule_on_each_day_it_changes(portfolio):
    from ip_registry.models import ProtectionSpan
    from ip_registry.selectors import with_status

    days = {timezone.localdate(), D(2021, 12, 31), D(2025, 12, 31)}
    for starts_on, ends_on, term_ends_on, grace_until in ProtectionSpan.objects.values_list(
            "starts_on", "ends_on", "term_ends_on", "grace_until"):
        days |= {day + dt.timedelta(days=offset) for day in (starts_on, ends_on, term_ends_on, grace_until) if day
                 for offset in (-1, 0, 1)}
    assets = list(_assets_with_timeline())
    assert len(assets) > 15 and len(days) > 50
    for on in sorted(days):
        in_sql = dict(with_status(IPAsset.objects.all(), on).values_list("pk", "status"))
        assert in_sql == {a.pk: asset_status(a, on) for a in assets}, on
