"""Records to audit, made through the services as users make them."""

import json

import pytest

from audit.models import AuditEvent
from tests.initiatives.conftest import commune_yenthe, file_initiative, school_lucngan  # noqa: F401


@pytest.fixture
def initiative_lucngan(district_officer_lucngan, school_lucngan):  # noqa: F811
    return file_initiative(district_officer_lucngan, school_lucngan)


@pytest.fixture
def initiative_yenthe(district_officer_yenthe, units):
    from directory import services as directory_services
    from directory.models import OrganisationKind

    school = directory_services.organisation_upsert(actor=None, name="Trường THCS Bố Hạ",
                                                    kind=OrganisationKind.SCHOOL, unit=units["bg.yen-the"])
    return file_initiative(district_officer_yenthe, school, title="Sân chơi STEM")


def events_of(instance) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(model=instance._meta.label_lower, object_id=str(instance.pk)).order_by("seq"))


def changes(event: AuditEvent) -> dict:
    return json.loads(event.changes)
