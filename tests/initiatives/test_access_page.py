"""Who may open which initiative page: every role reads, each write page is for the role that makes that
change, another unit's officer meets a 404 on its records, and people without a role see nothing."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from initiatives import services
from initiatives.models import (
    Attachment,
    CouncilVote,
    Initiative,
    InitiativeStep,
    ProgressUpdate,
    RemunerationPayment,
    ReplicationNomination,
    ReplicationSite,
)
from initiatives.workflow import InitiativeStatus, NominationStatus, SiteStatus
from tests.initiatives.conftest import file_initiative, recognise_provincially

D = dt.date
READ_ONLY_ROLES = ["auditor", "ip_officer", "administrator"]
EVERY_ROLE = [*READ_ONLY_ROLES, "district_officer_lucngan", "district_officer_yenthe", "council_secretary"]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def records(district_officer_lucngan, school_lucngan, units):
    """A Lục Ngạn initiative of provincial scope, nominated in 2024, with a site, progress and files."""
    initiative = recognise_provincially(file_initiative(district_officer_lucngan, school_lucngan,
                                                        confidential_part="Công thức phối trộn riêng"))
    nomination = services.nomination_create(initiative=initiative, unit=units["bg.luc-ngan"], year=2024,
                                            actor=district_officer_lucngan, on=D(2024, 2, 1))
    site = services.site_add(actor=district_officer_lucngan, nomination=nomination,
                             place_kind=ReplicationSite.PlaceKind.SCHOOL, place_name="Trường THCS Tân Quang",
                             responsible_person="Hoàng Thị Hoa", started_on=D(2024, 3, 1))
    update = services.progress_record(actor=district_officer_lucngan, site=site, on=D(2024, 4, 1), percent=30,
                                      evidence=[ContentFile(b"%PDF-1.4 bien ban", name="bien-ban.pdf")])
    attachment = services.attachment_upload(actor=district_officer_lucngan, title="Thuyết minh",
                                            file=ContentFile(b"%PDF-1.4 thuyet minh", name="thuyet-minh.pdf"),
                                            initiative=initiative)
    return {"initiative": initiative, "nomination": nomination, "site": site, "unit": units["bg.luc-ngan"],
            "evidence": update.evidence.get(), "attachment": attachment}


def read_pages(r):
    return [
        reverse("initiatives:initiative_list"),
        reverse("initiatives:initiative_detail", args=[r["initiative"].pk]),
        reverse("initiatives:replication_board", args=[2024]),
        reverse("initiatives:unit_year", args=[2024, r["unit"].pk]),
        reverse("initiatives:attachment_download", args=[r["attachment"].pk]),
        reverse("initiatives:attachment_download", args=[r["evidence"].pk]),
    ]


def unit_pages(r):
    """Pages on the Lục Ngạn records that only Lục Ngạn's officer may write on."""
    return [
        reverse("initiatives:initiative_update", args=[r["initiative"].pk]),
        reverse("initiatives:site_create", args=[r["nomination"].pk]),
        reverse("initiatives:progress_create", args=[r["site"].pk]),
        reverse("initiatives:nomination_advance", args=[r["nomination"].pk, NominationStatus.APPROVED]),
        reverse("initiatives:site_advance", args=[r["site"].pk, SiteStatus.COMPLETED]),
    ]


def officer_pages(r):
    return [reverse("initiatives:initiative_create"),
            reverse("initiatives:nomination_create", args=[r["initiative"].pk]), *unit_pages(r)]


def secretary_pages(r):
    return [
        reverse("initiatives:initiative_advance", args=[r["initiative"].pk, InitiativeStatus.PROPOSED_NATIONAL]),
        reverse("initiatives:vote_create", args=[r["initiative"].pk]),
    ]


def shared_pages(r):
    """The council secretary for any initiative, the unit's officer for theirs."""
    return [reverse("initiatives:attachment_upload", args=[r["initiative"].pk]),
            reverse("initiatives:payment_create", args=[r["initiative"].pk])]


def write_pages(r):
    return officer_pages(r) + secretary_pages(r) + shared_pages(r)


def row_counts():
    return [model.objects.count() for model in (Initiative, InitiativeStep, CouncilVote, ReplicationNomination,
                                                ReplicationSite, ProgressUpdate, Attachment, RemunerationPayment)]


FORM_DATA = {"title": "x", "on": "2024-06-01", "reason": "x", "year": "2024", "percent": "50", "amount": "1"}


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_every_role_reads_every_page(request, client_for, records, role):
    client = client_for(request.getfixturevalue(role))
    for url in read_pages(records):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", READ_ONLY_ROLES)
def test_read_only_roles_are_refused_every_write_page_on_get_and_post(request, client_for, records, role):
    client = client_for(request.getfixturevalue(role))
    before = row_counts()
    for url in write_pages(records):
        assert client.get(url).status_code == 403, url
        assert client.post(url, FORM_DATA).status_code == 403, url
    assert row_counts() == before


def test_a_district_officer_who_is_also_an_auditor_changes_nothing(client_for, district_officer_lucngan, records):
    from directory import services as directory_services
    from directory.models import Role

    directory_services.role_assign(actor=None, user=district_officer_lucngan, role=Role.AUDITOR)
    client = client_for(district_officer_lucngan)
    for url in officer_pages(records) + shared_pages(records):
        assert client.get(url).status_code == 403, url
    page = client.get(reverse("initiatives:initiative_detail", args=[records["initiative"].pk])).content.decode()
    assert reverse("initiatives:initiative_update", args=[records["initiative"].pk]) not in page


def test_someone_without_a_role_is_refused_every_page(client_for, outsider, records):
    client = client_for(outsider)
    for url in read_pages(records) + write_pages(records) + [reverse("initiatives:replication_board")]:
        assert client.get(url).status_code == 403, url
    before = row_counts()
    for url in write_pages(records):
        assert client.post(url, FORM_DATA).status_code == 403, url
    assert row_counts() == before


def test_anonymous_visitor_is_sent_to_log_in_from_every_page(client, records):
    for url in read_pages(records) + write_pages(records):
        for response in (client.get(url), client.post(url, FORM_DATA)):
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("login")), url
    assert row_counts()[0] == 1


def test_another_units_officer_meets_a_404_on_the_units_records(client_for, district_officer_yenthe, records):
    client = client_for(district_officer_yenthe)
    before = row_counts()
    for url in unit_pages(records) + shared_pages(records):
        assert client.get(url).status_code == 404, url
        assert client.post(url, FORM_DATA).status_code == 404, url
    assert row_counts() == before


def test_another_units_officer_may_nominate_the_initiative_for_their_own_unit(client_for, district_officer_yenthe,
                                                                            records):
    # Replication is of other units' initiatives: the page is theirs, the nomination their unit's.
    response = client_for(district_officer_yenthe).get(
        reverse("initiatives:nomination_create", args=[records["initiative"].pk]))
    assert response.status_code == 200
    assert "Huyện Yên Thế" in response.content.decode()


def test_district_officers_are_refused_the_secretarys_pages(client_for, district_officer_lucngan, records):
    client = client_for(district_officer_lucngan)
    for url in secretary_pages(records):
        assert client.get(url).status_code == 403, url


def test_the_secretary_is_refused_the_officers_pages_but_records_files_and_payments(client_for, council_secretary,
                                                                                   records):
    client = client_for(council_secretary)
    edit = reverse("initiatives:initiative_update", args=[records["initiative"].pk])
    for url in officer_pages(records):
        # A recognised initiative's content is the secretary's to correct (with a reason), no longer the unit's.
        assert client.get(url).status_code == (200 if url == edit else 403), url
    for url in secretary_pages(records) + shared_pages(records):
        assert client.get(url).status_code == 200, url


def test_the_units_officer_opens_every_officer_page(client_for, district_officer_lucngan, records):
    client = client_for(district_officer_lucngan)
    edit = reverse("initiatives:initiative_update", args=[records["initiative"].pk])
    for url in officer_pages(records) + shared_pages(records):
        if url == edit:  # recognised: the page says why it is closed
            closed = client.get(url)
            assert closed.status_code == 403 and "chỉ thư ký hội đồng sáng kiến được sửa" in closed.content.decode()
        else:
            assert client.get(url).status_code == 200, url


def test_missing_records_are_404(client_for, district_officer_lucngan, council_secretary, records):
    officer = client_for(district_officer_lucngan)
    for url in [
        reverse("initiatives:initiative_detail", args=[999999]),
        reverse("initiatives:initiative_update", args=[999999]),
        reverse("initiatives:nomination_create", args=[999999]),
        reverse("initiatives:site_create", args=[999999]),
        reverse("initiatives:progress_create", args=[999999]),
        reverse("initiatives:attachment_download", args=[999999]),
        reverse("initiatives:unit_year", args=[2024, 999999]),
        reverse("initiatives:unit_year", args=[2024, records["initiative"].organisation.unit.parent_id]),  # province
    ]:
        assert officer.get(url).status_code == 404, url
    secretary = client_for(council_secretary)
    assert secretary.get(reverse("initiatives:initiative_advance", args=[999999, "registered"])).status_code == 404
    assert secretary.get(reverse("initiatives:vote_create", args=[999999])).status_code == 404
