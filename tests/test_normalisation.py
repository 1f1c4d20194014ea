"""One code or name, however it was typed: composed or decomposed, with a zero-width space, with doubled or
non-breaking spaces, it is stored once, by every path (service, page, API, import), and found again; what was
stored before the normalisation is listed for an administrator to merge."""

import datetime as dt
import io
import unicodedata

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from directory import services as directory_services
from directory.lookalikes import lookalike_groups
from directory.models import Organisation, OrganisationKind
from directory.text import lookalike_key, normalise_text
from ip_registry import services
from ip_registry.models import AssetKind, GrowingAreaCode, ProductCategory

D = dt.date
CODE = "VN-BG Lục Ngạn 0001"  # as NFC, the one spelling stored
SPELLINGS = {
    "NFD": unicodedata.normalize("NFD", CODE),
    "zero-width space": "VN-\u200bBG Lục Ngạn 0001",
    "doubled spaces": "  VN-BG  Lục Ngạn\u00a0 0001 ",
    "tab and bidi mark": "VN-BG\tLục Ngạn\u200e 0001",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = ["Mã số", "Sản phẩm", "Địa bàn", "Diện tích (ha)", "Thị trường xuất khẩu", "Cơ quan cấp", "Ngày cấp"]


@pytest.fixture
def owner(units):
    return directory_services.organisation_upsert(actor=None, name="Hợp tác xã Vải thiều Phượng Sơn",
                                                  kind=OrganisationKind.COOPERATIVE, unit=units["bg.luc-ngan"])


@pytest.fixture
def asset(owner):
    product = services.product_upsert(actor=None, name="Vải thiều Lục Ngạn", category=ProductCategory.FRUIT)
    return services.asset_create(actor=None, kind=AssetKind.COLLECTIVE_MARK, name="Vải thiều Lục Ngạn",
                                 product=product, owner=owner)


def area_fields(asset, units):
    return {"product": asset.product, "unit": units["bg.luc-ngan"], "area_hectares": "10.50",
            "export_market": "Trung Quốc", "issuing_body": "Cục Bảo vệ thực vật", "issued_on": D(2023, 5, 1)}


@pytest.fixture
def area(asset, units):
    return services.growing_area_code_upsert(actor=None, code=CODE, **area_fields(asset, units))


def test_text_is_composed_stripped_of_invisible_characters_and_single_spaced():
    for spelling in SPELLINGS.values():
        assert normalise_text(spelling) == CODE
    assert normalise_text("\ufeffHợp tác xã\u202e\u2066 Mỳ Chũ\u2069\r\n") == "Hợp tác xã Mỳ Chũ"
    assert normalise_text("o\u200b\u0302") == "ô"  # a mark kept apart from its letter by an invisible one


def test_look_alikes_differ_in_case_and_spelling_but_not_in_diacritics():
    assert lookalike_key("VẢI THIỀU  Lục\u00a0Ngạn") == lookalike_key(unicodedata.normalize("NFD", "vải thiều lục ngạn"))
    assert lookalike_key("Lục Ngạn") != lookalike_key("Lục Ngan")


def test_the_service_matches_every_spelling_to_the_one_code(area, asset, units):
    for how, spelling in SPELLINGS.items():
        updated = services.growing_area_code_upsert(actor=None, code=spelling, **{**area_fields(asset, units),
                                                                                  "area_hectares": "12.00"})
        assert updated.pk == area.pk, how
    assert list(GrowingAreaCode.objects.values_list("code", flat=True)) == [CODE]


def test_a_code_first_typed_decomposed_is_stored_composed(asset, units):
    area = services.growing_area_code_upsert(actor=None, code=SPELLINGS["NFD"], **area_fields(asset, units))
    area.refresh_from_db()
    assert area.code == CODE


@pytest.mark.parametrize("how", SPELLINGS)
def test_lookups_find_the_code_however_it_is_typed(area, how):
    assert GrowingAreaCode.objects.get(code=SPELLINGS[how]).pk == area.pk
    assert GrowingAreaCode.objects.filter(code__in=[SPELLINGS[how]]).count() == 1


def test_the_page_refuses_another_spelling_of_an_existing_code(client_for, ip_officer, area, asset, units):
    client = client_for(ip_officer)
    for how, spelling in SPELLINGS.items():
        response = client.post(reverse("ip:growing_area_create", args=[asset.pk]), {
            "code": spelling, "product": asset.product_id, "unit": units["bg.luc-ngan"].pk, "area_hectares": "3",
            "export_market": "Nhật Bản", "issuing_body": "Cục Bảo vệ thực vật", "issued_on": "2023-06-01",
            "status": GrowingAreaCode.Status.ACTIVE})
        assert response.status_code == 200, how
        assert "code" in response.context["form"].errors, how
    assert GrowingAreaCode.objects.count() == 1


def test_the_api_refuses_another_spelling_of_an_existing_code(client_for, ip_officer, area, asset, units):
    client = client_for(ip_officer)
    for how, spelling in SPELLINGS.items():
        response = client.post("/api/growing-areas/", {
            "code": spelling, "product": asset.product_id, "unit": units["bg.luc-ngan"].pk, "area_hectares": "3",
            "export_market": "Nhật Bản", "issuing_body": "Cục Bảo vệ thực vật", "issued_on": "2023-06-01"},
            content_type="application/json")
        assert response.status_code == 400 and "code" in response.json(), how
    assert GrowingAreaCode.objects.count() == 1


def workbook(rows) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    book.active.append(HEADERS)
    for cells in rows:
        book.active.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("vung-trong.xlsx", buffer.getvalue(), content_type=XLSX)


def test_an_import_matches_every_spelling_to_the_one_code(ip_officer, area):
    for how, spelling in SPELLINGS.items():
        result = services.growing_area_import(actor=ip_officer, file=workbook([
            [spelling, "Vải thiều Lục Ngạn", "bg.luc-ngan", 10.5, "Trung Quốc", "Cục Bảo vệ thực vật", "01/05/2023"]]))
        assert (result.created, result.unchanged) == (0, 1), how
    assert list(GrowingAreaCode.objects.values_list("code", flat=True)) == [CODE]


def test_an_import_of_new_codes_stores_them_normalised_and_refuses_two_spellings_in_one_file(ip_officer, asset):
    row = ["Vải thiều Lục Ngạn", "bg.luc-ngan", 10.5, " Trung\u00a0Quốc ", "Cục Bảo vệ\u200b thực vật", "01/05/2023"]
    with pytest.raises(ValidationError) as refused:
        services.growing_area_import(actor=ip_officer, file=workbook([[CODE, *row], [SPELLINGS["NFD"], *row]]))
    assert "trùng với dòng 2" in " ".join(refused.value.messages)
    services.growing_area_import(actor=ip_officer, file=workbook([[SPELLINGS["zero-width space"], *row]]))
    area = GrowingAreaCode.objects.get()
    assert (area.code, area.export_market, area.issuing_body) == (CODE, "Trung Quốc", "Cục Bảo vệ thực vật")
    assert area.history.get().code == CODE


# The look-alike report --------------------------------------------------------------------------------

LOOKALIKES = reverse("lookalikes")


def write_raw(model, pk, **values):
    """What a record holds when it was written before the normalisation: straight into its table."""
    table = model._meta.db_table
    columns = ", ".join(f"{connection.ops.quote_name(model._meta.get_field(name).column)} = %s" for name in values)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {connection.ops.quote_name(table)} SET {columns} WHERE id = %s", [*values.values(), pk])


@pytest.fixture
def lookalikes(area, asset, units):
    """A growing-area code written again with a zero-width space, an organisation written again decomposed and
    in capitals, and a code that only looks like itself."""
    twin = services.growing_area_code_upsert(actor=None, code="VN-BG-0002", **area_fields(asset, units))
    write_raw(GrowingAreaCode, twin.pk, code=SPELLINGS["zero-width space"])
    other = services.growing_area_code_upsert(actor=None, code="VN-BG-0003", **area_fields(asset, units))
    first = directory_services.organisation_upsert(actor=None, name="Hợp tác xã Mỳ Chũ", unit=units["bg.luc-ngan"],
                                                   kind=OrganisationKind.COOPERATIVE)
    second = directory_services.organisation_upsert(actor=None, name="HTX khác", unit=units["bg.luc-ngan"],
                                                    kind=OrganisationKind.COOPERATIVE)
    write_raw(Organisation, second.pk, name=unicodedata.normalize("NFD", "HỢP TÁC XÃ Mỳ Chũ"))
    return {"area": area, "twin": twin, "other": other, "first": first, "second": second}


def test_the_report_groups_look_alike_records_written_before(lookalikes):
    [group] = lookalike_groups(GrowingAreaCode, "code")
    assert [(s.pk, s.normalised) for s in group] == [(lookalikes["area"].pk, True), (lookalikes["twin"].pk, False)]
    assert group[1].shown == "VN-⟨U+200B⟩BG Lục Ngạn 0001"
    [group] = lookalike_groups(Organisation, "name")
    assert {s.pk for s in group} == {lookalikes["first"].pk, lookalikes["second"].pk}
    assert group[1].shown.endswith("⟨NFD⟩")


def test_an_administrator_sees_the_look_alikes_with_links_to_the_records(client_for, administrator, lookalikes):
    response = client_for(administrator).get(LOOKALIKES)
    assert response.status_code == 200
    page = response.content.decode()
    for name, record in lookalikes.items():
        url = reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_change", args=[record.pk])
        assert (f'href="{url}"' in page) == (name != "other"), name
    assert "VN-⟨U+200B⟩BG Lục Ngạn 0001" in page
    assert f'href="{LOOKALIKES}"' in client_for(administrator).get(reverse("home")).content.decode()


def test_the_report_is_empty_when_every_value_is_stored_once(client_for, administrator, area):
    assert lookalike_groups(GrowingAreaCode, "code") == []
    assert "Không có mã số hay tên nào trùng gần giống." in client_for(administrator).get(LOOKALIKES).content.decode()


@pytest.mark.parametrize("role", ["ip_officer", "auditor", "council_secretary", "district_officer_lucngan",
                                  "outsider"])
def test_only_an_administrator_may_read_the_report(request, client, role, lookalikes):
    client.force_login(request.getfixturevalue(role))
    assert client.get(LOOKALIKES).status_code == 403
    assert f'href="{LOOKALIKES}"' not in client.get(reverse("home")).content.decode()


def test_the_report_asks_a_visitor_to_sign_in(client, db):
    response = client.get(LOOKALIKES)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
