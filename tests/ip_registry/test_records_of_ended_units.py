"""The registry records nothing for a unit after its last day in force: applications, infringement cases
and growing-area codes (typed or imported) are refused with the units that took the unit over named."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from directory import services as directory_services
from directory.models import OrganisationKind
from ip_registry import services
from ip_registry.models import GrowingAreaCode
from tests.ip_registry.test_growing_area_import import imports, refusal, row, workbook

D = dt.date


def test_an_application_of_an_organisation_left_in_an_ended_unit_is_refused(units, lucnam_gi, lucnam_committee):
    with pytest.raises(ValidationError) as error:
        services.application_create(actor=None, asset=lucnam_gi, applicant=lucnam_committee,
                                    application_number="6-2025-00077", filing_date=D(2025, 8, 4))
    message = error.value.message_dict["applicant"][0]
    assert "Huyện Lục Nam đã hết hiệu lực sau ngày 30/06/2025; vào ngày 04/08/2025" in message
    assert "Xã Lục Nam" in message
    assert not lucnam_gi.applications.exists()
    # The same committee filed while its district was in force.
    assert services.application_create(actor=None, asset=lucnam_gi, applicant=lucnam_committee,
                                       application_number="6-2019-00003", filing_date=D(2019, 3, 1)).pk


def test_an_infringement_in_an_ended_unit_is_refused(units, lucnam_gi):
    with pytest.raises(ValidationError, match="Xã Đông Hưng đã hết hiệu lực sau ngày 30/06/2025"):
        services.infringement_report(actor=None, asset=lucnam_gi, reported_on=D(2026, 2, 3),
                                     place=units["bg.luc-nam.dong-hung"], description="Na giả nhãn")
    case = services.infringement_report(actor=None, asset=lucnam_gi, reported_on=D(2026, 2, 3),
                                        place=units["bn.dong-phu"], description="Na giả nhãn")
    assert case.place.name == "Xã Đông Phú"


def test_an_imported_code_issued_after_its_unit_ended_names_the_row_and_the_successors(ip_officer, units):
    from ip_registry.models import ProductCategory

    services.product_upsert(actor=None, name="Vải thiều Lục Ngạn", category=ProductCategory.FRUIT)
    directory_services.organisation_upsert(actor=None, name="HTX vải", kind=OrganisationKind.COOPERATIVE,
                                           unit=units["bn.luc-ngan"])
    messages = refusal(ip_officer, workbook([
        row("VN-BGLN-0101", unit="bg.luc-ngan", issued="01/05/2025"),
        row("VN-BGLN-0102", unit="bg.luc-ngan", issued="12/08/2025"),
        row("VN-BGLN-0103", unit="bn.luc-ngan", issued="12/08/2025"),
    ]))
    assert len(messages) == 1
    assert messages[0].startswith("Dòng 3, cột «Địa bàn»: Huyện Lục Ngạn đã hết hiệu lực sau ngày 30/06/2025; "
                                  "vào ngày cấp 12/08/2025, địa bàn này thuộc:")
    assert "Xã Lục Ngạn" in messages[0]
    assert not GrowingAreaCode.objects.exists()
    assert [batch.outcome for batch in imports()] == ["rejected"]
