"""A unit officer reads the history of their unit and of every unit it carries on, resolved when read: a
commune of 1 July 2025 reads what was filed under the district its territory came from."""

import pytest

from audit.models import AuditEvent
from directory import services as directory_services
from directory.models import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def officer_of(units, code, username):
    user = directory_services.user_upsert(actor=None, username=username, full_name=username, password=PASSWORD)
    directory_services.role_assign(actor=None, user=user, role=Role.DISTRICT_OFFICER, unit=units[code])
    return user


def seqs(response) -> set[int]:
    return {event.seq for event in response.context["page"].events}


def test_a_commune_officer_reads_the_history_of_the_district_its_territory_came_from(client_for, units,
                                                                                      initiative_lucngan):
    events = set(AuditEvent.objects.filter(model="initiatives.initiative", object_id=str(initiative_lucngan.pk))
                 .values_list("seq", flat=True))
    assert events and set(AuditEvent.objects.filter(seq__in=events).values_list("unit__code", flat=True)) == {
        "bg.luc-ngan"}  # filed under the district, as the events were written
    lục_ngạn = client_for(officer_of(units, "bn.luc-ngan", "xa_luc_ngan"))
    assert events <= seqs(lục_ngạn.get("/audit/", {"model": "initiatives.initiative"}))
    timeline = lục_ngạn.get(f"/audit/records/initiatives.initiative/{initiative_lucngan.pk}/")
    assert timeline.status_code == 200 and timeline.content.decode().count('<table class="changes">') == len(events)
    # A commune formed from former Bắc Ninh's communes reads none of it.
    từ_sơn = client_for(officer_of(units, "bn.tu-son", "phuong_tu_son"))
    assert not events & seqs(từ_sơn.get("/audit/", {"model": "initiatives.initiative"}))
    assert not from_timeline(từ_sơn, initiative_lucngan)


def from_timeline(client, initiative) -> bool:
    page = client.get(f"/audit/records/initiatives.initiative/{initiative.pk}/").content.decode()
    return '<table class="changes">' in page


def test_a_commune_of_chu_reads_lục_ngạns_history_too(client_for, units, initiative_lucngan):
    # Thị xã Chũ was formed from Lục Ngạn in 2024: Phường Chũ carries on both.
    chũ = client_for(officer_of(units, "bn.chu", "phuong_chu"))
    assert from_timeline(chũ, initiative_lucngan)


def test_the_neighbouring_districts_officer_still_reads_only_their_own(client_for, district_officer_yenthe,
                                                                       initiative_lucngan):
    assert not from_timeline(client_for(district_officer_yenthe), initiative_lucngan)
