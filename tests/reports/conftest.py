"""A commune of the province since 1 July 2025, its officer, and records on both sides of that day."""

import datetime as dt

import pytest
from django.utils import timezone

from directory import services as directory_services
from directory.models import OrganisationKind, Role
from ip_registry import services as ip_services
from ip_registry.models import AssetKind, ProductCategory
from tests.conftest import _person

D = dt.date


@pytest.fixture
def commune_officer(units):
    """The officer of xã Lục Ngạn (formed on 1 July 2025 from communes of the former Lục Ngạn district)."""
    return _person("officer_xa_lucngan", Role.DISTRICT_OFFICER, units["bn.luc-ngan"])


@pytest.fixture
def other_commune_officer(units):
    return _person("officer_phuongson", Role.DISTRICT_OFFICER, units["bn.phuong-son"])


@pytest.fixture
def cooperative(units):
    """A cooperative of the former Lục Ngạn district, in xã Lục Ngạn since 1 July 2025."""
    cooperative = directory_services.organisation_upsert(
        actor=None, name="Hợp tác xã Vải thiều Lục Ngạn", kind=OrganisationKind.COOPERATIVE,
        unit=units["bg.luc-ngan"])
    return directory_services.organisation_move(actor=None, organisation=cooperative, unit=units["bn.luc-ngan"],
                                                on=D(2025, 7, 1), reason="Sắp xếp đơn vị hành chính")


@pytest.fixture
def filings(cooperative):
    """Registrations filed by the cooperative: one in 2024, two in 2026."""
    product = ip_services.product_upsert(actor=None, name="Vải thiều", category=ProductCategory.FRUIT)
    filed = []
    for number, on in (("4-2024-00500", D(2024, 5, 6)), ("4-2026-00501", D(2026, 3, 2)),
                       ("4-2026-00502", D(2026, 6, 1))):
        asset = ip_services.asset_create(actor=None, kind=AssetKind.COLLECTIVE_MARK, name=f"Vải {number}",
                                         product=product, owner=cooperative, nice_classes="31")
        filed.append(ip_services.application_create(actor=None, asset=asset, applicant=cooperative,
                                                    application_number=number, filing_date=on))
    return filed


@pytest.fixture
def today(monkeypatch):
    """Set the day the services see (the submission day, the future-date checks)."""
    def set_day(day: dt.date):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
        return day

    return set_day
