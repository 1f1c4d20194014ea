"""Spreadsheet imports of the registers: preview, version check, all rows or none, idempotent, audited."""

import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import ImportBatch, ImportOutcome
from directory import importing
from directory.importers import OrganisationImporter
from directory.models import Organisation
from ip_registry import services
from ip_registry.importers import AssetImporter, ProductImporter
from ip_registry.models import AssetKind, IPAsset, Product, ProductCategory

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(headers, rows, *, name="nhap.xlsx") -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for cells in rows:
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


ASSET_HEADERS = ["Loại", "Tên, dấu hiệu", "Sản phẩm", "Chủ sở hữu", "Nhóm Nice"]


@pytest.fixture
def chicken(units, mycchu_cooperative):
    return services.product_upsert(actor=None, name="Gà đồi Yên Thế", category=ProductCategory.LIVESTOCK)


def test_assets_created_then_left_alone(ip_officer, chicken, mycchu_cooperative):
    rows = [["Nhãn hiệu tập thể", f"Nhãn {n}", "Gà đồi Yên Thế", mycchu_cooperative.name, "31, 29"] for n in range(5)]
    result = importing.run(actor=ip_officer, importer=AssetImporter, file=workbook(ASSET_HEADERS, rows))
    assert (result.created, result.changed, result.unchanged) == (5, 0, 0)
    asset = IPAsset.objects.get(name="Nhãn 3")
    assert asset.nice_classes == "29, 31" and asset.product == chicken and asset.history.count() == 1
    again = importing.run(actor=ip_officer, importer=AssetImporter, file=workbook(ASSET_HEADERS, rows))
    assert (again.created, again.changed, again.unchanged) == (0, 0, 5)
    assert asset.history.count() == 1


def upload(client, slug, file, reason=""):
    return client.post(f"/imports/{slug}/", {"file": file, "reason": reason})


def test_preview_then_confirm_through_the_pages(client_for, ip_officer, chicken, mycchu_cooperative):
    client = client_for(ip_officer)
    asset = services.asset_create(actor=None, kind=AssetKind.COLLECTIVE_MARK, name="Gà đồi", product=chicken,
                                  owner=mycchu_cooperative, nice_classes="29")
    rows = [["Nhãn hiệu tập thể", "Gà đồi", "Gà đồi Yên Thế", mycchu_cooperative.name, "29, 31"],
            ["Nhãn hiệu tập thể", "Mới", "Gà đồi Yên Thế", mycchu_cooperative.name, ""]]
    preview = upload(client, "assets", workbook(ASSET_HEADERS, rows), reason="Danh sách của Sở")
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Nhóm Nice: “29” → “29, 31”" in page and "Thêm mới" in page
    assert not IPAsset.objects.filter(name="Mới").exists()
    token = preview.context["confirm"].initial["token"]
    done = client.post("/imports/assets/confirm/", {"token": token, "name": "nhap.xlsx", "reason": "Danh sách của Sở"})
    assert done.status_code == 302
    asset.refresh_from_db()
    assert asset.nice_classes == "29, 31" and IPAsset.objects.filter(name="Mới").exists()
    batch = ImportBatch.objects.filter(kind="ip_registry.ipasset").get()
    assert batch.outcome == ImportOutcome.SUCCEEDED and batch.row_count == 2
    again = client.post("/imports/assets/confirm/", {"token": token, "name": "nhap.xlsx"})
    assert "không còn được giữ" in again.content.decode()


def test_template_lists_every_column(client_for, ip_officer):
    response = client_for(ip_officer).get("/imports/assets/template.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    headers = [cell.value for cell in book.worksheets[0][1]]
    assert headers[0] == "Mã" and "Tên, dấu hiệu" in headers and headers[-1] == "Phiên bản"


def exported(client, fmt="xlsx") -> SimpleUploadedFile:
    response = client.get(f"/ip/assets/export/{fmt}/")
    assert response.status_code == 200
    return SimpleUploadedFile(f"tai-san.{fmt}", response.content)


def edited(file: SimpleUploadedFile, name: str, header: str, value) -> SimpleUploadedFile:
    """The exported workbook with one cell changed on the row of the asset named ``name``."""
    file.seek(0)
    book = openpyxl.load_workbook(io.BytesIO(file.read()))
    sheet = book.active
    headers = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[headers.index("Tên, dấu hiệu")].value == name:
            row[headers.index(header)].value = value
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("tai-san.xlsx", buffer.getvalue(), content_type=XLSX)


@pytest.fixture
def marks(chicken, mycchu_cooperative):
    return [services.asset_create(actor=None, kind=AssetKind.COLLECTIVE_MARK, name=f"Gà {n}", product=chicken,
                                  owner=mycchu_cooperative, nice_classes="29") for n in range(3)]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_export_imported_back_changes_nothing(client_for, ip_officer, marks, fmt):
    plan = AssetImporter(ip_officer).plan(exported(client_for(ip_officer), fmt))
    assert plan.counts == {"unchanged": 3}


def test_a_row_changed_in_the_system_since_the_export_is_refused_with_what_changed(client_for, ip_officer,
                                                                                    auditor, marks):
    file = exported(client_for(ip_officer))
    services.asset_update(actor=ip_officer, asset=marks[1], nice_classes="29, 30", reason="Theo văn bằng")
    stale = edited(file, "Gà 1", "Nhóm Nice", "31")
    with pytest.raises(ValidationError) as refused:
        importing.run(actor=ip_officer, importer=AssetImporter, file=stale)
    [message] = refused.value.messages
    assert message.startswith("Dòng 3: ") and "nhóm Nice “29” → “29, 30”" in message
    marks[1].refresh_from_db()
    assert marks[1].nice_classes == "29, 30"
    assert ImportBatch.objects.filter(kind="ip_registry.ipasset").get().outcome == ImportOutcome.REJECTED
    # The same old row whose values equal the record's now is left alone, not refused.
    equal = edited(file, "Gà 1", "Nhóm Nice", "29, 30")
    assert AssetImporter(ip_officer).plan(equal).counts == {"unchanged": 3}
    # A row changed on a record nobody touched since the export goes through.
    fresh = edited(equal, "Gà 2", "Nhóm Nice", "31")
    plan = AssetImporter(ip_officer).plan(fresh)
    assert plan.counts == {"unchanged": 2, "change": 1}


def test_one_bad_row_refuses_the_file_naming_row_and_column(ip_officer, chicken, mycchu_cooperative):
    rows = [["Nhãn hiệu tập thể", "Tốt", "Gà đồi Yên Thế", mycchu_cooperative.name, "29"],
            ["Nhãn hiệu tập thể", "Xấu", "Không có", mycchu_cooperative.name, "46"],
            ["Chỉ dẫn địa lý", "Chỉ dẫn", "", mycchu_cooperative.name, ""]]
    with pytest.raises(ValidationError) as refused:
        importing.run(actor=ip_officer, importer=AssetImporter, file=workbook(ASSET_HEADERS, rows))
    messages = refused.value.messages
    assert "Dòng 3, cột «Sản phẩm»: không có sản phẩm «Không có»." in messages
    assert any(m.startswith("Dòng 3, cột «Nhóm Nice»: «46» không hợp lệ") for m in messages)
    assert any(m.startswith("Dòng 4, cột «Chủ sở hữu»: Chủ sở hữu chỉ dẫn địa lý là Nhà nước") for m in messages)
    assert not IPAsset.objects.exists()


def test_only_ip_officers_import_the_registry(client_for, auditor, district_officer_lucngan, ip_officer):
    for person in (auditor, district_officer_lucngan):
        with pytest.raises(PermissionDenied):
            AssetImporter(person).plan(workbook(ASSET_HEADERS, []))
        assert client_for(person).get("/imports/assets/").status_code == 403
        confirm = {"token": "0" * 64, "name": "x.xlsx"}
        assert client_for(person).post("/imports/assets/confirm/", confirm).status_code == 403
    assert client_for(ip_officer).get("/imports/nothing/").status_code == 404
    assert client_for(ip_officer).post("/imports/assets/confirm/", {"token": "../etc", "name": "x"}).status_code == 400


def test_organisations_and_products_import(ip_officer, units):
    orgs = workbook(["Tên", "Loại hình", "Đơn vị hành chính", "Mã số thuế"],
                    [["Hợp tác xã Chè Yên Thế", "Hợp tác xã", "bn.chu", "0100109106"]])
    result = importing.run(actor=ip_officer, importer=OrganisationImporter, file=orgs)
    assert result.created == 1
    organisation = Organisation.objects.get(name="Hợp tác xã Chè Yên Thế")
    assert organisation.placements.get().unit == units["bn.chu"]
    bad = workbook(["Tên", "Loại hình", "Đơn vị hành chính", "Mã số thuế"],
                   [["Hợp tác xã B", "Hợp tác xã", "bn.chu", "123"]])
    with pytest.raises(ValidationError) as refused:
        importing.run(actor=ip_officer, importer=OrganisationImporter, file=bad)
    assert refused.value.messages[0].startswith("Dòng 2, cột «Mã số thuế»: Mã số thuế “123” không hợp lệ")
    products = workbook(["Tên sản phẩm", "Nhóm sản phẩm", "Địa bàn sản xuất"],
                        [["Chè Yên Thế", "Chè", "bn.chu; bn.luc-nam"]])
    assert importing.run(actor=ip_officer, importer=ProductImporter, file=products).created == 1
    product = Product.objects.get(name="Chè Yên Thế")
    assert set(product.units.values_list("code", flat=True)) == {"bn.chu", "bn.luc-nam"}
    assert product.history.latest().units.count() == 2  # the history row carries the set
    again = importing.run(actor=ip_officer, importer=ProductImporter, file=products)
    assert (again.created, again.changed, again.unchanged) == (0, 0, 1)


def test_whole_numbers_read_with_thousands_dots_but_a_decimal_is_refused():
    assert importing.as_integer("1.500.000") == 1_500_000
    assert importing.as_integer("2 000") == 2000
    assert importing.as_integer("1.5") is None  # not read as 15
    assert importing.as_integer("12.34.567") is None
    assert importing.as_integer("²") is None
