"""Validation and the role predicates of the directory."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from directory import access, services
from directory.models import Organisation, OrganisationKind, Role, RoleAssignment


def test_a_valid_tax_code_is_accepted(units):
    organisation = services.organisation_upsert(
        actor=None, name="Công ty TNHH Nông sản Bắc Giang", kind=OrganisationKind.ENTERPRISE,
        unit=units["bg.tp-bac-giang"], tax_code="0100109106",
    )
    assert organisation.tax_code == "0100109106"


@pytest.mark.parametrize("tax_code", ["0100109107", "12345", "01001091O6", "0100109106-1"])
def test_a_bad_tax_code_is_refused_naming_the_field(units, tax_code):
    with pytest.raises(ValidationError) as error:
        services.organisation_upsert(
            actor=None, name="Công ty sai mã số thuế", kind=OrganisationKind.ENTERPRISE, unit=units["bg"],
            tax_code=tax_code,
        )
    assert "tax_code" in error.value.message_dict
    assert not Organisation.objects.filter(name="Công ty sai mã số thuế").exists()


def test_a_unit_officer_is_bound_to_a_district_or_commune_level_unit_or_a_department(units, outsider):
    with pytest.raises(ValidationError) as error:
        services.role_assign(actor=None, user=outsider, role=Role.DISTRICT_OFFICER, unit=units["bn"])
    assert "unit" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.role_assign(actor=None, user=outsider, role=Role.DISTRICT_OFFICER, unit=None)
    with pytest.raises(ValidationError):
        services.role_assign(actor=None, user=outsider, role=Role.AUDITOR, unit=units["bg.luc-ngan"])
    assert not RoleAssignment.objects.filter(user=outsider).exists()


def test_the_database_refuses_a_district_officer_without_a_unit(outsider):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=outsider, role=Role.DISTRICT_OFFICER, unit=None)


def test_predicates_follow_the_roles(ip_officer, district_officer_lucngan, auditor, administrator, outsider, units):
    assert access.can_edit_ip(ip_officer) and not access.can_edit_ip(district_officer_lucngan)
    assert access.can_read_ip(auditor) and not access.can_read_ip(outsider)
    assert access.unit_scope(district_officer_lucngan) == units["bg.luc-ngan"]
    assert access.unit_scope(ip_officer) is None
    assert access.is_read_only(auditor) and not access.is_read_only(ip_officer)
    assert access.can_manage_reference_data(administrator) and not access.can_manage_reference_data(auditor)
    assert access.can_use_admin(auditor) and not access.can_use_admin(district_officer_lucngan)
    assert access.can_read_all_history(auditor) and not access.can_read_all_history(district_officer_lucngan)


def test_a_user_may_hold_several_roles(ip_officer):
    services.role_assign(actor=None, user=ip_officer, role=Role.COUNCIL_SECRETARY)
    roles = access.roles_of(ip_officer)
    assert {Role.IP_OFFICER, Role.COUNCIL_SECRETARY} <= roles.names


def test_revoking_a_role_is_recorded_with_its_reason(ip_officer):
    services.role_revoke(actor=None, user=ip_officer, role=Role.IP_OFFICER, reason="Chuyển công tác")
    assert not access.can_edit_ip(ip_officer)
    deleted = RoleAssignment.history.filter(user=ip_officer, history_type="-").get()
    assert deleted.history_change_reason == "Chuyển công tác"


def test_an_inactive_user_holds_no_role(ip_officer):
    ip_officer.is_active = False
    services.record_save(actor=None, instance=ip_officer, reason="Nghỉ việc")
    access.forget_roles(ip_officer)
    assert not access.can_edit_ip(ip_officer)


def test_a_gso_code_names_one_unit_on_any_date(units):
    from directory.models import AdministrativeUnit

    clash = AdministrativeUnit(code="bn.thu-nghiem", name="Xã Thử Nghiệm", kind="commune", gso_code="07210",
                               valid_from=dt.date(2025, 7, 1), parent=units["bn"])
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert "Mã GSO 07210 đang là của Phường Bắc Giang" in error.value.message_dict["gso_code"][0]
    # The same code before the new unit existed is another unit's (Phường Hoàng Văn Thụ's, until 30/06/2025).
    assert units["bg.tp-bac-giang.hoang-van-thu"].gso_code == "07210"
