"""Organisations and initiatives the initiative tests start from, built through the services."""

import datetime as dt

import pytest

from directory import services as directory_services
from directory.models import OrganisationKind
from initiatives import services
from initiatives.models import InitiativeField
from initiatives.workflow import CouncilLevel
from initiatives.workflow import InitiativeStatus as S

D = dt.date


@pytest.fixture
def school_lucngan(units):
    return directory_services.organisation_upsert(actor=None, name="Trường THCS Phượng Sơn",
                                                  kind=OrganisationKind.SCHOOL, unit=units["bg.luc-ngan"])


@pytest.fixture
def cooperative_lucngan(units):
    return directory_services.organisation_upsert(actor=None, name="Hợp tác xã Nông nghiệp Phượng Sơn",
                                                  kind=OrganisationKind.COOPERATIVE, unit=units["bg.luc-ngan"])


@pytest.fixture
def commune_yenthe(units):
    return directory_services.organisation_upsert(actor=None, name="UBND thị trấn Phồn Xương",
                                                  kind=OrganisationKind.STATE_BODY, unit=units["bg.yen-the"])


AUTHORS = [
    {"name": "Nguyễn Thị Mai", "birth_year": 1985, "workplace": "Trường THCS Phượng Sơn", "job_title": "Giáo viên",
     "share_percent": 60},
    {"name": "Lê Văn Bình", "birth_year": 1979, "workplace": "Trường THCS Phượng Sơn", "job_title": "Hiệu phó",
     "share_percent": 40},
]


def file_initiative(actor, organisation, *, title="Dạy học theo trạm cho môn Toán lớp 6", filed_on=D(2023, 3, 1),
                    authors=AUTHORS, **extra):
    fields = {"field": InitiativeField.EDUCATION, "first_applied_on": D(2022, 9, 5),
              "description": "Tổ chức lớp học thành các trạm luân phiên.", **extra}
    return services.initiative_file(actor=actor, organisation=organisation, title=title, filed_on=filed_on,
                                    authors=authors, **fields)


def vote(initiative, council, held_on, present=9, votes_for=9, seated=None):
    return services.council_vote_record(
        actor=None, initiative=initiative, council=council, held_on=held_on, members_seated=seated or present,
        members_present=present, votes_for=votes_for, votes_against=present - votes_for, votes_abstaining=0,
    )


def recognise_provincially(initiative, start=D(2023, 3, 10)):
    """Walk a filed initiative to provincial scope, a few days a step from ``start``."""
    day = iter(start + dt.timedelta(days=10 * i) for i in range(20))
    advance = lambda to, **kw: services.initiative_advance(initiative=initiative, to_status=to, actor=None,  # noqa
                                                           on=next(day), **kw)
    advance(S.REGISTERED)
    advance(S.UNDER_REVIEW)
    vote(initiative, CouncilLevel.BASE, start + dt.timedelta(days=15))
    advance(S.RECOGNISED, decision_ref="GCN-12/2023")
    advance(S.PROPOSED_PROVINCIAL)
    vote(initiative, CouncilLevel.PROVINCIAL, start + dt.timedelta(days=35))
    return advance(S.RECOGNISED_PROVINCIAL, decision_ref="QĐ 345/QĐ-UBND")


@pytest.fixture
def provincial_initiative(district_officer_lucngan, school_lucngan):
    return recognise_provincially(file_initiative(district_officer_lucngan, school_lucngan))
