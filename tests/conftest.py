"""The cast every test draws on, built through the services the way users build it."""

import pytest
from django.conf import settings
from django.utils import translation

from directory import services
from directory import units as units_data
from directory.models import AdministrativeUnit, Role

PASSWORD = "Mật-khẩu-thử-2021"


def load_units() -> None:
    """The official units (~440, with their successions and the yearly plans they bring), as ``make run`` loads them."""
    services.administrative_units_sync(actor=None, data=units_data.read())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The units are loaded once per test database, not per test: every test starts with them."""
    with django_db_blocker.unblock():
        load_units()


@pytest.fixture(autouse=True)
def vietnamese():
    """Every test starts in the interface's own language: a request in English earlier in the same worker
    leaves English active in its thread, which a service called directly would then speak."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def units(db):
    """The administrative units, by code (``bg.luc-ngan``, ``bn.phuong-son``…), loaded again after a test
    that empties the database."""
    if not AdministrativeUnit.objects.exists():
        load_units()
    return {unit.code: unit for unit in AdministrativeUnit.objects.all()}


def _person(username, role=None, unit=None):
    user = services.user_upsert(actor=None, username=username, full_name=username.replace("_", " ").title(),
                                password=PASSWORD)
    if role:
        services.role_assign(actor=None, user=user, role=role, unit=unit)
    return user


@pytest.fixture
def ip_officer(units):
    """DOST staff: creates and edits the IP registry, reads everything."""
    return _person("ip_officer", Role.IP_OFFICER)


@pytest.fixture
def district_officer_lucngan(units):
    """Lục Ngạn's officer: their own unit's initiatives and replication; reads the rest of the province."""
    return _person("officer_lucngan", Role.DISTRICT_OFFICER, units["bg.luc-ngan"])


@pytest.fixture
def district_officer_yenthe(units):
    """Yên Thế's officer: the neighbour who must not touch Lục Ngạn's records."""
    return _person("officer_yenthe", Role.DISTRICT_OFFICER, units["bg.yen-the"])


@pytest.fixture
def council_secretary(units):
    """Serves the initiative councils: registers applications, records votes, recognises scope."""
    return _person("council_secretary", Role.COUNCIL_SECRETARY)


@pytest.fixture
def auditor(units):
    """Reads everything, every past version included; changes nothing."""
    return _person("auditor", Role.AUDITOR)


@pytest.fixture
def administrator(units):
    """IT staff: users, roles and reference data."""
    return _person("administrator", Role.ADMINISTRATOR)


@pytest.fixture
def outsider(db):
    """Signed in, but holds no role: sees no data."""
    return _person("outsider")


@pytest.fixture
def client_for(client):
    """A test client signed in as the given user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


# The longest modules (the walks over every door, the hostile inputs) first: the two workers then end
# together instead of one of them starting a minute-long module when the other has nothing left.
LONGEST_FIRST = ("tests/test_doors.py", "tests/test_fuzz_forms.py", "tests/test_hostile_inputs.py",
                 "tests/test_upgrade_fills.py")


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: item.nodeid.split("::")[0] not in LONGEST_FIRST)
