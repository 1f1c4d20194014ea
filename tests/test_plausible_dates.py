"""Dates a person enters are plausible: none before 1 January 1980; the day of something that happened not after
today; a plan, a target or an expiry not beyond today plus thirty years. Years 1, 1000, 1979, 2999 and 9999 (and
next year, for what has happened) are refused by every service, the pages, the API and the imports, with a message
beside the field, and nothing is written; a plausible date is accepted."""

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

import openpyxl
import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from directory import dates
from directory import services as directory_services
from directory.forms import PlausibleDateField
from directory.models import ApiToken, Organisation, OrganisationKind, OrganisationPlacement
from directory.workflow import InvalidTransition
from initiatives import services as initiative_services
from initiatives.models import (
    CouncilVote,
    Initiative,
    InitiativeStep,
    ProgressUpdate,
    RemunerationPayment,
    ReplicationNomination,
    ReplicationSite,
)
from initiatives.workflow import CouncilLevel
from initiatives.workflow import InitiativeStatus as IS
from ip_registry import services
from ip_registry.models import (
    ApplicationStep,
    AssetKind,
    GrowingAreaCode,
    InfringementCase,
    InfringementStep,
    ProductCategory,
    ProtectionApplication,
    Target,
    TargetIndicator,
    ThirdPartyOpinion,
)
from ip_registry.workflow import ApplicationStatus
from tests.initiatives.conftest import file_initiative, recognise_provincially

D = dt.date
TODAY = timezone.localdate()
NEXT_YEAR = D(TODAY.year + 1, 1, 15)
BEYOND_HORIZON = TODAY + relativedelta(years=31)
IMPLAUSIBLE = [D(1, 1, 1), D(1000, 6, 15), D(1979, 12, 31), D(2999, 1, 1), D(9999, 12, 31)]
# The day of something that happened: next year too.
NOT_YET = [*IMPLAUSIBLE, NEXT_YEAR]
# A plan, a target, an expiry: thirty-one years ahead too (next year is a plan like any other).
TOO_FAR = [*IMPLAUSIBLE, BEYOND_HORIZON]


@pytest.fixture
def owner(units):
    return directory_services.organisation_upsert(actor=None, name="Hợp tác xã Vải thiều Phượng Sơn",
                                                  kind=OrganisationKind.COOPERATIVE, unit=units["bg.luc-ngan"])


@pytest.fixture
def asset(owner):
    product = services.product_upsert(actor=None, name="Vải thiều Lục Ngạn", category=ProductCategory.FRUIT)
    return services.asset_create(actor=None, kind=AssetKind.COLLECTIVE_MARK, name="Vải thiều Lục Ngạn",
                                 product=product, owner=owner)


@pytest.fixture
def application(asset, owner):
    return services.application_create(actor=None, asset=asset, applicant=owner, application_number="4-2024-00001")


@pytest.fixture
def case(asset, units):
    return services.infringement_report(actor=None, asset=asset, reported_on=D(2024, 6, 3),
                                        place=units["bg.luc-ngan"], description="Bán vải giả nhãn hiệu")


@pytest.fixture
def school(units):
    return directory_services.organisation_upsert(actor=None, name="Trường THCS Phượng Sơn",
                                                  kind=OrganisationKind.SCHOOL, unit=units["bg.luc-ngan"])


@pytest.fixture
def initiative(school):
    initiative_services.council_rules_ensure()
    return file_initiative(None, school)


@pytest.fixture
def provincial(initiative):
    return recognise_provincially(initiative)


@pytest.fixture
def nomination(provincial, units):
    return initiative_services.nomination_create(initiative=provincial, unit=units["bg.luc-ngan"], year=2024,
                                                 actor=None, on=D(2024, 2, 1))


@pytest.fixture
def site(nomination):
    return initiative_services.site_add(actor=None, nomination=nomination, place_kind=ReplicationSite.PlaceKind.SCHOOL,
                                        place_name="Trường THCS Tân Quang", responsible_person="Hoàng Thị Hoa",
                                        started_on=D(2024, 3, 1))


@dataclass(frozen=True)
class Case:
    """One kind of date a person enters: what records it, the field the refusal names, the hostile days."""

    needs: str  # the fixture the attempt starts from
    attempt: Callable  # (fixture value, units, day) -> the record written
    field: str
    refused: list
    accepted: D
    model: type
    step: bool = False  # a workflow step's day: its service refuses a future day with its own message


def area_fields(asset, units):
    return {"product": asset.product, "unit": units["bg.luc-ngan"], "area_hectares": "10.50",
            "export_market": "Trung Quốc", "issuing_body": "Cục Bảo vệ thực vật"}


CASES = {
    # The IP registry
    "growing-area code, issued on": Case(
        "asset", lambda asset, units, day: services.growing_area_code_upsert(
            actor=None, code="VN-BG-0009", issued_on=day, **area_fields(asset, units)),
        "issued_on", NOT_YET, D(2023, 5, 1), GrowingAreaCode),
    "infringement, reported on": Case(
        "asset", lambda asset, units, day: services.infringement_report(
            actor=None, asset=asset, reported_on=day, place=units["bg.luc-ngan"], description="Hàng giả"),
        "reported_on", NOT_YET, D(2024, 6, 3), InfringementCase),
    "infringement step, on": Case(
        "case", lambda case, units, day: services.infringement_add_step(
            actor=None, case=case, on=day, agency="police", action="Kiểm tra"),
        "on", NOT_YET, D(2024, 6, 5), InfringementStep),
    "infringement, closed on": Case(
        "case", lambda case, units, day: services.infringement_close(
            actor=None, case=case, outcome="warning", closed_on=day),
        "closed_on", NOT_YET, D(2024, 7, 1), InfringementCase),
    "third-party opinion, received on": Case(
        "application", lambda application, units, day: services.opinion_record(
            actor=None, application=application, author="Công ty Hồng Phát", content="Trùng tên", received_on=day),
        "received_on", NOT_YET, D(2024, 5, 2), ThirdPartyOpinion),
    "application, filing date": Case(
        "asset", lambda asset, units, day: services.application_create(
            actor=None, asset=asset, applicant=asset.owner, application_number="4-2024-00002", filing_date=day),
        "filing_date", NOT_YET, D(2024, 5, 2), ProtectionApplication),
    "application step, on": Case(
        "application", lambda application, units, day: services.application_advance(
            application=application, to_status=ApplicationStatus.FILED, actor=None, on=day),
        "on", NOT_YET, D(2024, 5, 2), ApplicationStep, step=True),
    "target, due date": Case(
        "units", lambda units, _units, day: services.target_upsert(
            actor=None, indicator=TargetIndicator.GI_IN_FORCE, due_date=day, value=6, legal_basis="Chỉ thị 01"),
        "due_date", TOO_FAR, NEXT_YEAR, Target),
    # Initiatives
    "initiative, filed on": Case(
        "school", lambda school, units, day: file_initiative(None, school, title="Sổ tay số", filed_on=day),
        "filed_on", NOT_YET, D(2023, 3, 1), Initiative),
    "initiative, first applied on": Case(
        "school", lambda school, units, day: file_initiative(None, school, title="Sổ tay số", first_applied_on=day),
        "first_applied_on", NOT_YET, D(2022, 9, 5), Initiative),
    "initiative step, on": Case(
        "initiative", lambda initiative, units, day: initiative_services.initiative_advance(
            initiative=initiative, to_status=IS.REGISTERED, actor=None, on=day),
        "on", NOT_YET, D(2023, 3, 10), InitiativeStep, step=True),
    "council vote, held on": Case(
        "initiative", lambda initiative, units, day: initiative_services.council_vote_record(
            actor=None, initiative=initiative, council=CouncilLevel.BASE, held_on=day, members_seated=9,
            members_present=9, votes_for=9, votes_against=0, votes_abstaining=0),
        "held_on", NOT_YET, D(2023, 3, 20), CouncilVote),
    "remuneration, paid on": Case(
        "initiative", lambda initiative, units, day: initiative_services.remuneration_record(
            actor=None, initiative=initiative, paid_on=day, amount=1_000_000, transfer_price=5_000_000),
        "paid_on", NOT_YET, D(2024, 1, 10), RemunerationPayment),
    "nomination, nominated on": Case(
        "provincial", lambda provincial, units, day: initiative_services.nomination_create(
            initiative=provincial, unit=units["bg.luc-ngan"], year=2024, actor=None, on=day),
        "nominated_on", NOT_YET, D(2024, 2, 1), ReplicationNomination),
    "replication site, started on": Case(
        "nomination", lambda nomination, units, day: initiative_services.site_add(
            actor=None, nomination=nomination, place_kind=ReplicationSite.PlaceKind.SCHOOL, place_name="Trường Tiểu học",
            responsible_person="Hoàng Thị Hoa", started_on=day),
        "started_on", TOO_FAR, NEXT_YEAR, ReplicationSite),
    "progress, on": Case(
        "site", lambda site, units, day: initiative_services.progress_record(actor=None, site=site, on=day, percent=10),
        "on", NOT_YET, D(2024, 4, 1), ProgressUpdate),
    # The directory
    "organisation moved, on": Case(
        "owner", lambda owner, units, day: directory_services.organisation_move(
            actor=None, organisation=owner, unit=units["bn.luc-ngan"], on=day, reason="Sắp xếp đơn vị"),
        "on", TOO_FAR, D(2025, 7, 1), OrganisationPlacement),
    "organisation ended, last day": Case(
        "owner", lambda owner, units, day: directory_services.organisation_end(
            actor=None, organisation=owner, last_day=day, reason="Giải thể"),
        "last_day", TOO_FAR, NEXT_YEAR, Organisation),
    "API key, expires on": Case(
        "administrator", lambda administrator, units, day: directory_services.api_token_issue(
            actor=administrator, user=administrator, name="Cổng dịch vụ công", expires_on=day)[0],
        "expires_on", TOO_FAR, NEXT_YEAR, ApiToken),
}


def snapshot(model) -> tuple:
    """What a refusal must leave as it was: the model's rows and the whole audit trail."""
    return list(model.objects.order_by("pk").values()), AuditEvent.objects.count()


@pytest.mark.parametrize("name", CASES)
def test_an_implausible_date_is_refused_by_the_service_and_a_plausible_one_accepted(request, units, name):
    case = CASES[name]
    start = request.getfixturevalue(case.needs)
    for day in case.refused:
        before = snapshot(case.model)
        with pytest.raises(ValidationError) as refused:
            case.attempt(start, units, day)
        error = refused.value
        if case.step and day > TODAY:
            # A step's future day: its service's own refusal, naming the day.
            assert isinstance(error, InvalidTransition) and error.code == "future_date", (name, day)
            assert day.strftime("%d/%m/%Y") in error.messages[0]
        else:
            assert case.field in error.message_dict, (name, day, error)
        assert snapshot(case.model) == before, (name, day)
    assert case.attempt(start, units, case.accepted).pk is not None


def test_the_messages_name_the_bound(asset, units):
    first = with_error(lambda: services.growing_area_code_upsert(
        actor=None, code="VN-BG-0009", issued_on=D(1979, 12, 31), **area_fields(asset, units)))
    assert first.message_dict["issued_on"] == ["Ngày không hợp lý: phải từ 01/01/1980."]
    future = with_error(lambda: services.growing_area_code_upsert(
        actor=None, code="VN-BG-0009", issued_on=NEXT_YEAR, **area_fields(asset, units)))
    assert future.message_dict["issued_on"] == [
        f"Ngày này chưa đến: không được sau hôm nay ({TODAY:%d/%m/%Y})."]
    far = with_error(lambda: services.target_upsert(actor=None, indicator=TargetIndicator.GI_IN_FORCE,
                                                    due_date=D(2999, 1, 1), value=6, legal_basis="Chỉ thị 01"))
    assert far.message_dict["due_date"] == [
        f"Ngày không hợp lý: không được sau {TODAY + relativedelta(years=30):%d/%m/%Y}."]


def with_error(attempt) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        attempt()
    return refused.value


def test_today_is_read_when_a_date_is_checked_not_when_the_code_is_loaded(monkeypatch):
    dates.not_in_future(TODAY)
    monkeypatch.setattr(dates.timezone, "localdate", lambda: TODAY - dt.timedelta(days=1))
    with pytest.raises(ValidationError):
        dates.not_in_future(TODAY)
    with pytest.raises(ValidationError):
        dates.within_horizon(TODAY + relativedelta(years=30))


def test_the_first_plausible_year_is_a_setting(settings):
    settings.PLAUSIBLE_FIRST_YEAR = 1990
    with pytest.raises(ValidationError, match="01/01/1990"):
        dates.not_before_plausible(D(1985, 1, 1))


@pytest.mark.parametrize(("bounds", "day", "valid"), [
    (dates.PAST, NEXT_YEAR, False), (dates.PAST, D(1979, 12, 31), False), (dates.PAST, TODAY, True),
    (dates.PLANNED, NEXT_YEAR, True), (dates.PLANNED, BEYOND_HORIZON, False),
    (dates.STEP, D(1979, 12, 31), False), (dates.STEP, NEXT_YEAR, True),  # the step's service refuses it
])
def test_a_plain_form_date_has_the_bounds_of_what_it_dates(bounds, day, valid):
    field = PlausibleDateField(bounds=bounds)
    if valid:
        assert field.clean(day.isoformat()) == day
    else:
        with pytest.raises(ValidationError):
            field.clean(day.isoformat())


# The page, the API and the import ---------------------------------------------------------------------

def test_the_page_refuses_an_implausible_issue_date_beside_the_field(client_for, ip_officer, asset, units):
    client = client_for(ip_officer)
    for day in NOT_YET:
        response = client.post(reverse("ip:growing_area_create", args=[asset.pk]), {
            "code": "VN-BG-0009", "product": asset.product_id, "unit": units["bg.luc-ngan"].pk, "area_hectares": "3",
            "export_market": "Nhật Bản", "issuing_body": "Cục Bảo vệ thực vật", "issued_on": day.isoformat(),
            "status": GrowingAreaCode.Status.ACTIVE})
        assert response.status_code == 200 and "issued_on" in response.context["form"].errors, day
    assert not GrowingAreaCode.objects.exists()


def test_the_api_refuses_an_implausible_issue_date_beside_the_field(client_for, ip_officer, asset, units):
    client = client_for(ip_officer)
    data = {"code": "VN-BG-0009", "product": asset.product_id, "unit": units["bg.luc-ngan"].pk, "area_hectares": "3",
            "export_market": "Nhật Bản", "issuing_body": "Cục Bảo vệ thực vật"}
    for day in NOT_YET:
        response = client.post("/api/growing-areas/", {**data, "issued_on": day.isoformat()},
                               content_type="application/json")
        assert response.status_code == 400 and "issued_on" in response.json(), day
    assert not GrowingAreaCode.objects.exists()
    assert client.post("/api/growing-areas/", {**data, "issued_on": "2023-05-01"},
                       content_type="application/json").status_code == 201


def workbook(issued: str) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    book.active.append(["Mã số", "Sản phẩm", "Địa bàn", "Diện tích (ha)", "Thị trường xuất khẩu", "Cơ quan cấp",
                        "Ngày cấp"])
    book.active.append(["VN-BG-0009", "Vải thiều Lục Ngạn", "bg.luc-ngan", 10.5, "Trung Quốc", "Cục Bảo vệ thực vật",
                        issued])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("vung-trong.xlsx", buffer.getvalue())


def test_an_import_refuses_an_implausible_issue_date_naming_the_column(ip_officer, asset):
    for day in NOT_YET:
        with pytest.raises(ValidationError) as refused:
            services.growing_area_import(actor=ip_officer, file=workbook(day.strftime("%d/%m/%Y")))
        assert "Dòng 2, cột «Ngày cấp»" in " ".join(refused.value.messages), day
    assert not GrowingAreaCode.objects.exists()
    services.growing_area_import(actor=ip_officer, file=workbook("01/05/2023"))
    assert GrowingAreaCode.objects.get().issued_on == D(2023, 5, 1)
