"""Records, organisations and officers across 1 July 2025: nothing is filed for a unit that had ended, an
organisation's move keeps past figures where they were, and DOST finishes the reorganisation on one page,
every change with its reason in the history."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from directory import services
from directory.models import Organisation, OrganisationKind, Role, RoleAssignment
from directory.selectors import PlacedOn, unit_of_organisation_on
from tests.initiatives.conftest import file_initiative

D = dt.date
REASON = "Sắp xếp đơn vị hành chính từ 01/07/2025"


@pytest.fixture
def cooperative(units):
    """A cooperative of Lục Ngạn since before the district level ended."""
    return services.organisation_upsert(actor=None, name="Hợp tác xã Vải thiều Thanh Hải",
                                        kind=OrganisationKind.COOPERATIVE, unit=units["bg.luc-ngan"])


def test_nothing_dated_after_its_unit_ended_is_filed_and_the_message_names_the_successors(
        district_officer_lucngan, cooperative):
    with pytest.raises(ValidationError) as error:
        file_initiative(district_officer_lucngan, cooperative, filed_on=D(2026, 3, 2))
    message = error.value.message_dict["organisation"][0]
    assert "Huyện Lục Ngạn đã hết hiệu lực sau ngày 30/06/2025; vào ngày 02/03/2026, địa bàn này thuộc:" in message
    assert "Xã Lục Ngạn" in message and "Xã Biên Sơn" in message
    assert "Hãy chuyển tổ chức sang đơn vị mới trước." in message
    # Before the unit ended, the same organisation files.
    assert file_initiative(district_officer_lucngan, cooperative, filed_on=D(2025, 3, 2)).pk


def test_a_move_keeps_the_past_figures_under_the_old_unit(units, cooperative):
    services.organisation_move(actor=None, organisation=cooperative, unit=units["bn.luc-ngan"], on=D(2025, 7, 1),
                               reason=REASON)
    cooperative.refresh_from_db()
    assert cooperative.unit == units["bn.luc-ngan"]
    assert unit_of_organisation_on(cooperative, D(2025, 6, 30)) == units["bg.luc-ngan"]
    assert unit_of_organisation_on(cooperative, D(2025, 7, 1)) == units["bn.luc-ngan"]
    before, after = (PlacedOn(day, [cooperative.pk]) for day in (D(2024, 6, 1), D(2026, 1, 1)))
    assert before.units[before.reporting(cooperative.pk)].name == "Huyện Lục Ngạn"
    assert after.units[after.reporting(cooperative.pk)].name == "Xã Lục Ngạn"
    spans = sorted(cooperative.placements.values_list("unit__code", "valid_from", "valid_to"),
                   key=lambda span: span[1] or D.min)
    assert spans == [("bg.luc-ngan", None, D(2025, 6, 30)), ("bn.luc-ngan", D(2025, 7, 1), None)]
    moved = cooperative.history.first()
    assert moved.unit_id == units["bn.luc-ngan"].pk and moved.history_change_reason == REASON


def test_an_unmoved_district_organisation_counts_nowhere_after_the_district_level_ended(cooperative):
    # Its district went to several communes: which one is DOST's choice, not the system's guess.
    assert PlacedOn(D(2026, 1, 1), [cooperative.pk]).reporting(cooperative.pk) is None


@pytest.mark.parametrize(("unit", "on", "why"), [
    ("bn.luc-ngan", D(2025, 6, 1), "không có hiệu lực vào ngày 01/06/2025"),
    ("bg.yen-the", D(2025, 7, 1), "không có hiệu lực vào ngày 01/07/2025"),
])
def test_a_move_to_a_unit_not_in_force_then_is_refused_and_changes_nothing(units, cooperative, unit, on, why):
    with pytest.raises(ValidationError, match=why):
        services.organisation_move(actor=None, organisation=cooperative, unit=units[unit], on=on, reason=REASON)
    assert cooperative.placements.count() == 1
    assert Organisation.objects.get(pk=cooperative.pk).unit == units["bg.luc-ngan"]


def test_a_move_needs_a_reason(units, cooperative):
    with pytest.raises(ValidationError, match="lý do"):
        services.organisation_move(actor=None, organisation=cooperative, unit=units["bn.luc-ngan"],
                                   on=D(2025, 7, 1), reason=" ")


def test_an_organisation_that_ended_files_nothing_after_its_last_day(district_officer_lucngan, units):
    committee = services.organisation_upsert(actor=None, name="Ủy ban nhân dân huyện Lục Ngạn",
                                             kind=OrganisationKind.STATE_BODY, unit=units["bg.luc-ngan"])
    committee = services.organisation_end(actor=None, organisation=committee, last_day=D(2025, 6, 30), reason=REASON)
    with pytest.raises(ValidationError, match="đã ngừng hoạt động sau ngày 30/06/2025"):
        file_initiative(district_officer_lucngan, committee, filed_on=D(2025, 7, 2))


# The page ------------------------------------------------------------------------------------------------

URL = reverse("reorganisation")


def test_dost_moves_an_organisation_to_the_successor_it_chooses(client_for, ip_officer, units, cooperative):
    client = client_for(ip_officer)
    page = client.get(URL).content.decode()
    row = page[page.index(f'data-organisation="{cooperative.name}"'):]
    row = row[:row.index("</tr>")]
    assert "Xã Lục Ngạn" in row and "Xã Biên Sơn" in row and "Phường Chũ" not in row
    response = client.post(URL, {"action": "move", "organisation": cooperative.pk, "unit": units["bn.bien-son"].pk,
                                 "on": "2025-07-01", "reason": REASON})
    assert response.status_code == 302
    cooperative.refresh_from_db()
    assert cooperative.unit == units["bn.bien-son"]
    assert cooperative.history.first().history_channel == "web"


def test_the_page_refuses_a_malformed_move_without_changing_anything(client_for, ip_officer, units, cooperative):
    client = client_for(ip_officer)
    for data in ({"organisation": "abc", "unit": units["bn.luc-ngan"].pk},
                 {"organisation": cooperative.pk, "unit": "99999999999999999999"},
                 {"organisation": cooperative.pk, "unit": units["bn.luc-ngan"].pk, "on": "30/06/2025"}):
        response = client.post(URL, {"action": "move", "on": "2025-07-01", "reason": REASON, **data}, follow=True)
        assert response.status_code == 200
        assert response.context["messages"]
    assert Organisation.objects.get(pk=cooperative.pk).unit == units["bg.luc-ngan"]


def test_the_administrator_rebinds_an_officer_of_an_ended_unit_with_its_history(client_for, administrator,
                                                                                district_officer_lucngan, units):
    client = client_for(administrator)
    page = client.get(URL).content.decode()
    assert f'data-officer="{district_officer_lucngan.username}"' in page
    assignment = RoleAssignment.objects.get(user=district_officer_lucngan, role=Role.DISTRICT_OFFICER)
    client.post(URL, {"action": "rebind", "assignment": assignment.pk, "unit": units["bn.luc-ngan"].pk,
                      "reason": "Quyết định phân công cán bộ xã Lục Ngạn"})
    assignment.refresh_from_db()
    assert assignment.unit == units["bn.luc-ngan"]
    row = assignment.history.first()
    assert (row.unit_id, row.history_change_reason, row.history_user) == (
        units["bn.luc-ngan"].pk, "Quyết định phân công cán bộ xã Lục Ngạn", administrator)
    assert f'data-officer="{district_officer_lucngan.username}"' not in client.get(URL).content.decode()


def test_only_dost_and_the_administrator_open_the_page(client_for, auditor, district_officer_lucngan,
                                                      council_secretary, ip_officer, cooperative):
    for user in (auditor, district_officer_lucngan, council_secretary):
        assert client_for(user).get(URL).status_code == 403
    # The IP officer moves organisations; re-binding officers is the administrator's.
    client = client_for(ip_officer)
    assert "Cán bộ gắn với đơn vị đã hết hiệu lực" not in client.get(URL).content.decode()
    assignment = RoleAssignment.objects.first()
    assert client.post(URL, {"action": "rebind", "assignment": assignment.pk, "unit": "1", "reason": "x"}).status_code == 403


def test_an_officer_of_an_ended_unit_is_told_which_units_took_it_over(client_for, district_officer_lucngan):
    page = client_for(district_officer_lucngan).get(reverse("home")).content.decode()
    assert "Đơn vị phụ trách của bạn đã hết hiệu lực" in page
    assert "Huyện Lục Ngạn hết hiệu lực sau ngày 30/06/2025; các đơn vị kế thừa:" in page
    assert "Xã Lục Ngạn" in page


def test_a_commune_officer_is_bound_and_works_for_the_commune(units, outsider):
    assignment = services.role_assign(actor=None, user=outsider, role=Role.DISTRICT_OFFICER, unit=units["bn.phuong-son"])
    assert assignment.unit.name == "Phường Phượng Sơn"


def test_the_header_and_footer_name_the_department_in_force(client_for, auditor):
    page = client_for(auditor).get(reverse("home")).content.decode()
    assert "<footer>Sở Khoa học và Công nghệ tỉnh Bắc Ninh" in page
    from directory.selectors import issuer_on

    assert issuer_on(D(2024, 1, 1)).department == "Sở Khoa học và Công nghệ tỉnh Bắc Giang"
    assert issuer_on(D(2024, 1, 1)).province == "Tỉnh Bắc Giang"
    assert issuer_on(D(2025, 7, 1)).department == "Sở Khoa học và Công nghệ tỉnh Bắc Ninh"


def test_the_units_page_shows_predecessors_and_successors_the_right_way_round(client_for, auditor):
    client = client_for(auditor)

    def row(page, code):
        start = page.index(f'data-code="{code}"')
        return page[start:page.index("</tr>", start)]

    page_2024 = client.get(reverse("unit_list"), {"on": "2024-06-01"}).content.decode()
    yen_dung = row(page_2024, "bg.yen-dung")
    assert '<td class="successors">Thành phố Bắc Giang</td>' in yen_dung
    assert '<td class="predecessors"></td>' in yen_dung
    town = row(page_2024, "bg.tx-viet-yen")
    assert '<td class="predecessors">Huyện Việt Yên</td>' in town
    assert "<th>Mã GSO</th>" in page_2024 and "<td>222</td>" in town
    page_2026 = client.get(reverse("unit_list"), {"on": "2026-01-01"}).content.decode()
    chu = row(page_2026, "bn.chu")
    predecessors = chu[chu.index('<td class="predecessors">'):chu.index('<td class="successors">')]
    assert "Phường Chũ" in predecessors and "Phường Hồng Giang" in predecessors
