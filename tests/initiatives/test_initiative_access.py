"""District officers edit their own unit's initiatives; the confidential part stays with those entitled."""

import pytest
from django.http import Http404

from initiatives.selectors import initiative_detail, initiative_for_edit, nomination_for_edit
from tests.initiatives.conftest import file_initiative


@pytest.fixture
def initiative(district_officer_lucngan, school_lucngan):
    return file_initiative(district_officer_lucngan, school_lucngan, confidential_part="Công thức phối trộn riêng")


def test_another_units_record_is_a_404_for_editing(initiative, district_officer_yenthe, district_officer_lucngan):
    assert initiative_for_edit(user=district_officer_lucngan, pk=initiative.pk) == initiative
    with pytest.raises(Http404):
        initiative_for_edit(user=district_officer_yenthe, pk=initiative.pk)


@pytest.mark.parametrize("role", ["council_secretary", "ip_officer", "auditor", "administrator"])
def test_provincial_roles_cannot_edit_a_units_initiative(request, initiative, role):
    with pytest.raises(Http404):
        initiative_for_edit(user=request.getfixturevalue(role), pk=initiative.pk)


@pytest.mark.parametrize(
    ("role", "sees"),
    [("council_secretary", True), ("ip_officer", True), ("auditor", True), ("district_officer_lucngan", True),
     ("district_officer_yenthe", False), ("administrator", False)],
)
def test_the_confidential_part_is_shown_only_to_those_entitled(request, initiative, role, sees):
    shown = initiative_detail(user=request.getfixturevalue(role), pk=initiative.pk)
    assert shown.show_confidential is sees
    assert (shown.confidential_part == "Công thức phối trộn riêng") is sees


def test_someone_without_a_role_reads_nothing(initiative, outsider):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        initiative_detail(user=outsider, pk=initiative.pk)


def test_nomination_of_another_unit_is_a_404(provincial_initiative, units, district_officer_lucngan,
                                            district_officer_yenthe):
    from initiatives import services

    nomination = services.nomination_create(initiative=provincial_initiative, unit=units["bg.luc-ngan"], year=2024,
                                            actor=district_officer_lucngan)
    assert nomination_for_edit(user=district_officer_lucngan, pk=nomination.pk) == nomination
    with pytest.raises(Http404):
        nomination_for_edit(user=district_officer_yenthe, pk=nomination.pk)
