"""The authors' shares of one initiative add up to exactly 100%."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from initiatives import services
from initiatives.models import Initiative
from tests.initiatives.conftest import AUTHORS, file_initiative


def author(name, share):
    return {"name": name, "share_percent": share}


def test_shares_of_exactly_100_are_accepted(district_officer_lucngan, school_lucngan):
    initiative = file_initiative(district_officer_lucngan, school_lucngan,
                                 authors=[author("A", "33.34"), author("B", "33.33"), author("C", "33.33")])
    assert sorted(str(a.share_percent) for a in initiative.authors.all()) == ["33.33", "33.33", "33.34"]


@pytest.mark.parametrize(("shares", "total"), [(["60", "30"], "90"), (["33.33", "33.33", "33.33"], "99.99"),
                                               (["70", "40"], "110")])
def test_shares_not_adding_to_100_are_refused_with_the_total(district_officer_lucngan, school_lucngan, shares, total):
    with pytest.raises(ValidationError) as error:
        file_initiative(district_officer_lucngan, school_lucngan,
                        authors=[author(f"Tác giả {i}", share) for i, share in enumerate(shares)])
    assert f"(hiện là {total}%)" in error.value.message_dict["authors"][0]
    assert not Initiative.objects.exists()


def test_replacing_the_authors_keeps_the_rule(district_officer_lucngan, school_lucngan):
    initiative = file_initiative(district_officer_lucngan, school_lucngan)
    with pytest.raises(ValidationError):
        services.initiative_set_authors(actor=district_officer_lucngan, initiative=initiative,
                                        authors=[author("Một mình", 90)])
    assert initiative.authors.count() == len(AUTHORS)
    services.initiative_set_authors(actor=district_officer_lucngan, initiative=initiative,
                                    authors=[author("Một mình", 100)], reason="Đồng tác giả rút tên")
    assert [a.name for a in initiative.authors.all()] == ["Một mình"]


def test_an_officer_files_only_for_organisations_of_their_unit(district_officer_yenthe, school_lucngan):
    with pytest.raises(PermissionDenied):
        file_initiative(district_officer_yenthe, school_lucngan)
    assert not Initiative.objects.exists()
