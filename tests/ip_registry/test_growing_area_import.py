"""Importing growing-area codes from a spreadsheet: all rows or none, one audited batch, at a fixed query cost."""

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest
import python_calamine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditAction, AuditEvent, ImportBatch, ImportOutcome
from audit.verify import verify
from ip_registry import services
from ip_registry.imports import GrowingAreaImporter
from ip_registry.models import AssetKind, GrowingAreaCode, ProductCategory

D = dt.date
IMPORT = reverse("import_upload", args=["growing-areas"])
CONFIRM = reverse("import_confirm", args=["growing-areas"])
LIST = reverse("ip:growing_area_list")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = ["Mã số", "Sản phẩm", "Địa bàn", "Diện tích (ha)", "Thị trường xuất khẩu", "Cơ quan cấp", "Ngày cấp",
           "Tình trạng", "Tài sản trí tuệ"]
CODE_MODEL = "ip_registry.growingareacode"


@pytest.fixture
def lychee(units, mycchu_cooperative):
    product = services.product_upsert(actor=None, name="Vải thiều Lục Ngạn", category=ProductCategory.FRUIT)
    return services.asset_create(actor=None, kind=AssetKind.COLLECTIVE_MARK, name="Vải thiều Lục Ngạn",
                                 product=product, owner=mycchu_cooperative)


def imports():
    """The import batches of growing-area codes (the unit load that every test starts with has its own)."""
    return ImportBatch.objects.filter(kind=GrowingAreaCode._meta.label_lower)


def row(code, *, product="Vải thiều Lục Ngạn", unit="bg.luc-ngan", area=10.5, market="Trung Quốc",
        body="Cục Bảo vệ thực vật", issued=D(2023, 5, 1), status=None, asset=None):
    return [code, product, unit, area, market, body, issued, status, asset]


def workbook(rows, *, headers=HEADERS, name="vung-trong.xlsx", sheet="Vùng trồng") -> SimpleUploadedFile:
    """A real .xlsx file, as a browser uploads it."""
    book = openpyxl.Workbook()
    worksheet = book.active
    worksheet.title = sheet
    if headers:
        worksheet.append(headers)
    for cells in rows:
        worksheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def refusal(actor, file) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        services.growing_area_import(actor=actor, file=file)
    return refused.value.messages


def last_seq() -> int:
    return AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def code_events(batch, action=None):
    events = AuditEvent.objects.filter(batch=batch, model=CODE_MODEL)
    return events.filter(action=action) if action else events


# Writing ------------------------------------------------------------------------------------------

def test_a_good_file_creates_codes_each_with_its_history_and_event_in_the_batch(ip_officer, lychee, units):
    file = workbook([
        row("VN-BGLN-0001"),
        row("VN-BGLN-0002", unit="bg.luc-nam.dong-hung", area="3,25", issued="02/03/2024", status="Tạm dừng",
            asset="Vải thiều Lục Ngạn"),
        row("VN-BGLN-0003", area=7, market="Nhật Bản", status="revoked", asset=lychee.pk),
    ])
    content = file.read()
    result = services.growing_area_import(actor=ip_officer, file=file, reason="Danh sách của Cục BVTV quý I")

    assert (result.rows, result.created, result.updated, result.unchanged) == (3, 3, 0, 0)
    batch = result.batch
    assert (batch.kind, batch.file_name, batch.sheet, batch.row_count, batch.outcome, batch.actor) == (
        CODE_MODEL, "vung-trong.xlsx", "Vùng trồng", 3, ImportOutcome.SUCCEEDED, ip_officer)
    assert batch.sha256 == hashlib.sha256(content).hexdigest()

    codes = {code.code: code for code in GrowingAreaCode.objects.all()}
    first, second, third = codes["VN-BGLN-0001"], codes["VN-BGLN-0002"], codes["VN-BGLN-0003"]
    assert (first.product, first.unit, first.area_hectares, first.issued_on, first.status, first.asset) == (
        lychee.product, units["bg.luc-ngan"], Decimal("10.50"), D(2023, 5, 1), GrowingAreaCode.Status.ACTIVE, None)
    assert (second.unit, second.area_hectares, second.issued_on, second.status, second.asset) == (
        units["bg.luc-nam.dong-hung"], Decimal("3.25"), D(2024, 3, 2), GrowingAreaCode.Status.SUSPENDED, lychee)
    assert (third.area_hectares, third.export_market, third.status, third.asset) == (
        Decimal("7.00"), "Nhật Bản", GrowingAreaCode.Status.REVOKED, lychee)

    district_of = {first.pk: units["bg.luc-ngan"].pk, second.pk: units["bg.luc-nam"].pk,
                   third.pk: units["bg.luc-ngan"].pk}
    for code in codes.values():
        [version] = code.history.all()
        assert (version.history_type, version.history_user, version.history_channel) == ("+", ip_officer, "import")
        assert version.history_change_reason == "Danh sách của Cục BVTV quý I"
        [event] = AuditEvent.objects.filter(model=CODE_MODEL, object_id=str(code.pk))
        assert (event.batch, event.action, event.actor, event.history_id) == (
            batch, AuditAction.CREATE, ip_officer, version.history_id)
        assert event.unit_id == district_of[code.pk]
    summary = AuditEvent.objects.get(model="audit.importbatch", object_id=str(batch.pk))
    assert (summary.action, summary.batch) == (AuditAction.IMPORT, batch)
    assert json.loads(summary.changes)["row_count"] == 3


def test_reimporting_with_one_changed_area_updates_only_that_row(ip_officer, lychee):
    rows = [row("VN-BGLN-0001"), row("VN-BGLN-0002"), row("VN-BGLN-0003")]
    services.growing_area_import(actor=ip_officer, file=workbook(rows))
    rows[1][3] = 12

    result = services.growing_area_import(actor=ip_officer, file=workbook(rows))

    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert GrowingAreaCode.objects.get(code="VN-BGLN-0002").area_hectares == Decimal("12.00")
    [event] = code_events(result.batch)
    assert event.action == AuditAction.UPDATE
    assert event.object_label == "VN-BGLN-0002"
    assert json.loads(event.changes) == {"area_hectares": ["10.50", "12.00"]}
    assert [version.history_type for version in GrowingAreaCode.objects.get(code="VN-BGLN-0002").history.all()] \
        == ["~", "+"]


def test_importing_the_same_file_again_writes_no_history(ip_officer, lychee):
    rows = [row("VN-BGLN-0001"), row("VN-BGLN-0002", status="Bị thu hồi")]
    services.growing_area_import(actor=ip_officer, file=workbook(rows))
    versions = GrowingAreaCode.history.count()

    result = services.growing_area_import(actor=ip_officer, file=workbook(rows))

    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert GrowingAreaCode.history.count() == versions
    assert not code_events(result.batch).exists()
    assert result.batch.outcome == ImportOutcome.SUCCEEDED  # the import itself is still recorded


def test_an_empty_status_or_asset_leaves_an_existing_codes_own(ip_officer, lychee, units):
    services.growing_area_code_upsert(
        actor=None, code="VN-BGLN-0001", product=lychee.product, asset=lychee, unit=units["bg.luc-ngan"],
        area_hectares=Decimal("10.50"), export_market="Trung Quốc", issuing_body="Cục Bảo vệ thực vật",
        issued_on=D(2023, 5, 1), status=GrowingAreaCode.Status.REVOKED,
    )
    result = services.growing_area_import(actor=ip_officer, file=workbook([row("VN-BGLN-0001")]))
    assert (result.updated, result.unchanged) == (0, 1)
    code = GrowingAreaCode.objects.get()
    assert (code.status, code.asset) == (GrowingAreaCode.Status.REVOKED, lychee)


def test_headers_are_matched_loosely_and_other_columns_ignored(ip_officer, lychee):
    headers = ["STT", "  MÃ SỐ ", "product", "địa bàn", "Diện  tích (ha)", "export_market", "Cơ quan cấp",
               "issued_on", "Ghi chú"]
    file = workbook([[1, "VN-BGLN-0001", "Vải thiều Lục Ngạn", "bg.luc-ngan", 2.5, "Úc", "Cục Bảo vệ thực vật",
                      "1/6/2024", "ghi chú tự do"]], headers=headers)
    services.growing_area_import(actor=ip_officer, file=file)
    code = GrowingAreaCode.objects.get()
    assert (code.code, code.area_hectares, code.export_market, code.issued_on) == (
        "VN-BGLN-0001", Decimal("2.50"), "Úc", D(2024, 6, 1))


def test_the_preview_of_the_import_pages_names_each_change_without_writing(ip_officer, lychee):
    services.growing_area_import(actor=ip_officer, file=workbook([row("VN-BGLN-0001")]))
    versions = GrowingAreaCode.history.count()

    plan = GrowingAreaImporter(ip_officer).plan(workbook([
        row("VN-BGLN-0001", area=12, status="Tạm dừng", asset="Vải thiều Lục Ngạn"), row("VN-BGLN-0002"),
    ]))

    assert [(planned.number, planned.action) for planned in plan.rows] == [(2, "change"), (3, "create")]
    assert plan.rows[0].changes == [("Diện tích (ha)", "10.50", "12.00"), ("Tình trạng", "Đang hiệu lực", "Tạm dừng"),
                                    ("Tài sản trí tuệ", "—", "Vải thiều Lục Ngạn")]
    assert (GrowingAreaCode.objects.count(), GrowingAreaCode.history.count()) == (1, versions)


# Refusing -----------------------------------------------------------------------------------------

def bad_file():
    """Rows 2 to 7; row 5 has an impossible date and row 7 a product the registry does not know."""
    return workbook([
        row("VN-BGLN-0101"),
        row("VN-BGLN-0102"),
        row("VN-BGLN-0103"),
        row("VN-BGLN-0104", issued="31/02/2024"),
        row("VN-BGLN-0105"),
        row("VN-BGLN-0106", product="Vải thiều Bắc Giang"),
    ], name="sai.xlsx")


BAD_DATE = "Dòng 5, cột «Ngày cấp»: ngày không hợp lệ «31/02/2024», cần dạng dd/mm/yyyy."
UNKNOWN_PRODUCT = "Dòng 7, cột «Sản phẩm»: không có sản phẩm «Vải thiều Bắc Giang»."


def test_a_file_with_errors_changes_nothing_and_the_page_lists_every_error(client_for, ip_officer, lychee):
    services.growing_area_import(actor=ip_officer, file=workbook([row("VN-BGLN-0001")]))
    codes, versions, seq = GrowingAreaCode.objects.count(), GrowingAreaCode.history.count(), last_seq()

    response = client_for(ip_officer).post(IMPORT, {"file": bad_file(), "reason": "Thử"})

    assert response.status_code == 200
    page = response.content.decode()
    assert BAD_DATE in page
    assert UNKNOWN_PRODUCT in page
    assert (GrowingAreaCode.objects.count(), GrowingAreaCode.history.count()) == (codes, versions)
    [event] = AuditEvent.objects.filter(seq__gt=seq)
    assert (event.action, event.model) == (AuditAction.IMPORT, "audit.importbatch")
    batch = event.batch
    assert (batch.outcome, batch.file_name, batch.actor, event.object_id) == (
        ImportOutcome.REJECTED, "sai.xlsx", ip_officer, str(batch.pk))
    assert BAD_DATE in batch.message and UNKNOWN_PRODUCT in batch.message


def test_the_service_raises_every_error_in_row_order(ip_officer, lychee):
    assert refusal(ip_officer, bad_file()) == [BAD_DATE, UNKNOWN_PRODUCT]


def test_every_kind_of_bad_cell_is_named(ip_officer, lychee, mycchu_mark, units):
    services.asset_create(actor=None, kind=AssetKind.MARK, name="Mỳ Chũ", owner=mycchu_mark.owner)
    messages = refusal(ip_officer, workbook([
        row("", product="", unit="", area=None, market="", body="", issued=None, status="Tạm dừng"),
        row("VN-01", unit="bg.khong-co", area=-1),
        row("VN-02", unit="bg", area="12.345", issued=45000, status="Đã hết"),
        row("VN-03", area="mười", issued="2024/01/05", asset=999999),
        row("VN-04", area=100_000_000, market="x" * 101, asset="Mỳ Chũ"),
        row("VN-05", asset="Không có"),
    ]))
    assert messages == [
        "Dòng 2, cột «Mã số»: chưa có giá trị.",
        "Dòng 2, cột «Sản phẩm»: chưa có giá trị.",
        "Dòng 2, cột «Địa bàn»: chưa có giá trị.",
        "Dòng 2, cột «Diện tích (ha)»: chưa có giá trị.",
        "Dòng 2, cột «Thị trường xuất khẩu»: chưa có giá trị.",
        "Dòng 2, cột «Cơ quan cấp»: chưa có giá trị.",
        "Dòng 2, cột «Ngày cấp»: chưa có giá trị.",
        "Dòng 3, cột «Địa bàn»: không có đơn vị hành chính «bg.khong-co».",
        "Dòng 3, cột «Diện tích (ha)»: diện tích không hợp lệ «-1», cần một số không âm.",
        "Dòng 4, cột «Địa bàn»: «bg» (Tỉnh Bắc Giang) không phải đơn vị cấp huyện hoặc cấp xã.",
        "Dòng 4, cột «Diện tích (ha)»: diện tích «12.345» có quá 2 chữ số thập phân.",
        "Dòng 4, cột «Ngày cấp»: ngày không hợp lệ «45000», cần dạng dd/mm/yyyy.",
        "Dòng 4, cột «Tình trạng»: «Đã hết» không hợp lệ, cần một trong: Đang hiệu lực, Tạm dừng, Bị thu hồi.",
        "Dòng 5, cột «Diện tích (ha)»: «mười» không phải một số.",
        "Dòng 5, cột «Ngày cấp»: ngày không hợp lệ «2024/01/05», cần dạng dd/mm/yyyy.",
        "Dòng 5, cột «Tài sản trí tuệ»: không có tài sản trí tuệ «999999».",
        "Dòng 6, cột «Diện tích (ha)»: diện tích «100000000» quá lớn.",
        "Dòng 6, cột «Thị trường xuất khẩu»: dài 101 ký tự, nhiều nhất 100.",
        "Dòng 6, cột «Tài sản trí tuệ»: có 2 tài sản trí tuệ tên «Mỳ Chũ», hãy ghi mã (ID) thay cho tên.",
        "Dòng 7, cột «Tài sản trí tuệ»: không có tài sản trí tuệ «Không có».",
    ]
    assert not GrowingAreaCode.objects.exists()


def test_a_code_twice_in_the_file_names_both_rows(ip_officer, lychee):
    messages = refusal(ip_officer, workbook([
        row("VN-BGLN-0001"), row("VN-BGLN-0002"), row("VN-BGLN-0003"), row("VN-BGLN-0001", area=3),
    ]))
    assert messages == ["Dòng 5, cột «Mã số»: mã số «VN-BGLN-0001» trùng với dòng 2."]
    assert not GrowingAreaCode.objects.exists()


def test_a_missing_required_header_is_refused(ip_officer, lychee):
    headers = [header for header in HEADERS if header not in ("Ngày cấp", "Cơ quan cấp")]
    messages = refusal(ip_officer, workbook([["VN-01", "Vải thiều Lục Ngạn", "bg.luc-ngan", 1, "Úc", None, None]],
                                            headers=headers))
    assert messages == ["Dòng tiêu đề (dòng 1) thiếu cột «Cơ quan cấp».",
                        "Dòng tiêu đề (dòng 1) thiếu cột «Ngày cấp»."]
    assert imports().get().outcome == ImportOutcome.REJECTED


def test_a_column_named_twice_is_refused(ip_officer, lychee):
    messages = refusal(ip_officer, workbook([row("VN-01") + ["Úc"]], headers=[*HEADERS, "export_market"]))
    assert messages == ["Dòng 1: cột «export_market» có hai lần."]


def test_an_empty_file_a_header_alone_and_a_file_that_is_not_excel_are_refused(ip_officer, lychee):
    assert refusal(ip_officer, workbook([], headers=None)) == [
        "Tệp không có dữ liệu: cần dòng tiêu đề và ít nhất một dòng."]
    assert refusal(ip_officer, workbook([[None] * 9, ["   "]])) == [
        "Trang tính «Vùng trồng» chỉ có dòng tiêu đề, không có dòng dữ liệu nào."]
    assert refusal(ip_officer, SimpleUploadedFile("ma-so.xlsx", b"Ma so;San pham\n")) == [
        "Không đọc được tệp «ma-so.xlsx»: cần một tệp Excel (.xlsx) hoặc CSV (.csv)."]
    assert list(imports().values_list("outcome", flat=True)) == [ImportOutcome.REJECTED] * 3


# Files: CSV, limits, damaged files ----------------------------------------------------------------

def csv_file(lines, *, name="vung-trong.csv") -> SimpleUploadedFile:
    """A CSV file as Excel saves “CSV UTF-8” with Vietnamese regional settings: a BOM, “;” between cells."""
    text = "".join(";".join("" if cell is None else str(cell) for cell in cells) + "\r\n" for cells in lines)
    return SimpleUploadedFile(name, text.encode("utf-8-sig"), content_type="text/csv")


def test_a_csv_file_with_a_bom_and_semicolons_is_imported_and_a_protected_cell_read_as_it_stood(ip_officer, lychee):
    lines = [HEADERS, ["VN-BGLN-0001", "Vải thiều Lục Ngạn", "bg.luc-ngan", "10,5", "'=1+1", "Cục Bảo vệ thực vật",
                       "01/05/2023", "Tạm dừng", ""]]

    result = services.growing_area_import(actor=ip_officer, file=csv_file(lines))

    assert (result.rows, result.created) == (1, 1)
    assert (result.batch.file_name, result.batch.sheet) == ("vung-trong.csv", "vung-trong.csv")
    code = GrowingAreaCode.objects.get()
    # The BOM is not part of the first header («Mã số» was found) and the "'" that kept "=1+1" from being a
    # formula in the exported file is not part of the value.
    assert (code.code, code.area_hectares, code.export_market, code.issued_on, code.status) == (
        "VN-BGLN-0001", Decimal("10.50"), "=1+1", D(2023, 5, 1), GrowingAreaCode.Status.SUSPENDED)
    again = services.growing_area_import(actor=ip_officer, file=csv_file(lines))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_file_over_the_row_limit_is_refused_naming_the_limit(ip_officer, lychee, settings, kind):
    settings.IMPORT_MAX_ROWS = 3

    def file(count):
        rows = [row(f"VN-BGLN-{number:04}", issued="01/05/2023") for number in range(count)]
        return workbook(rows) if kind == "xlsx" else csv_file([HEADERS, *rows])

    assert services.growing_area_import(actor=ip_officer, file=file(3)).created == 3  # the header is not counted
    assert refusal(ip_officer, file(4)) == [
        "Trang tính có 5 dòng, vượt giới hạn 3 dòng dữ liệu của một lần nhập: hãy chia thành nhiều tệp."]
    assert GrowingAreaCode.objects.count() == 3
    assert imports().latest("pk").outcome == ImportOutcome.REJECTED


def _rewritten(data: bytes, member: str, change) -> bytes:
    """The .xlsx ``data`` with one part's bytes passed through ``change``."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            content = source.read(info.filename)
            copy.writestr(info.filename, change(content) if info.filename == member else content)
    return output.getvalue()


SHEET_XML = "xl/worksheets/sheet1.xml"


@pytest.mark.parametrize("declared", [True, False], ids=["declared", "dimension-understated"])
def test_a_cell_far_to_the_right_is_refused_naming_the_column_limit_before_parsing(
        ip_officer, lychee, settings, monkeypatch, declared):
    settings.IMPORT_MAX_COLUMNS = 50
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    sheet.append(row("VN-BGLN-0001"))
    sheet["ZZ2"] = "x"  # one stray cell: calamine would make every row 702 cells wide
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    if not declared:  # a writer that states a small size: the cells themselves are counted
        data = _rewritten(data, SHEET_XML,
                          lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:I2"', xml))
        assert b'ref="A1:I2"' in zipfile.ZipFile(io.BytesIO(data)).read(SHEET_XML)

    class NotToBeParsed:
        @staticmethod
        def from_filelike(*args, **kwargs):
            raise AssertionError("the sheet was parsed before its size was checked")

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", NotToBeParsed)
    assert refusal(ip_officer, SimpleUploadedFile("rong.xlsx", data, content_type=XLSX)) == [
        "Trang tính dùng đến cột ZZ (702 cột), vượt giới hạn 50 cột: hãy xóa các ô thừa ở bên phải bảng."]
    assert not GrowingAreaCode.objects.exists()


def test_a_file_over_the_size_limit_is_refused_naming_the_limit(ip_officer, lychee, settings):
    settings.IMPORT_MAX_BYTES = 2**20
    big = csv_file([HEADERS, *[row(f"VN-BGLN-{number:05}", issued="01/05/2023")[:7] for number in range(12_000)]])
    assert big.size > 2**20
    assert refusal(ip_officer, big) == [
        f"Tệp dài {big.size / 2**20:.1f} MB, vượt giới hạn 1 MB của một lần nhập: hãy chia thành nhiều tệp."]
    assert not GrowingAreaCode.objects.exists()
    assert imports().get().outcome == ImportOutcome.REJECTED


def _good_xlsx() -> bytes:
    return workbook([row(f"VN-BGLN-{number:04}") for number in range(50)]).read()


def _flipped(data: bytes, member: str) -> bytes:
    """``data`` with bytes of one part's compressed stream altered in place (the zip's directory intact)."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    raw = bytearray(data)
    name_length = int.from_bytes(raw[info.header_offset + 26:info.header_offset + 28], "little")
    extra_length = int.from_bytes(raw[info.header_offset + 28:info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_length + extra_length
    for index in range(start + 20, start + info.compress_size - 5, 7):
        raw[index] ^= 0x5A
    return bytes(raw)


def _zip_of_text() -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("ghi-chu.txt", "không phải tệp Excel")
    return output.getvalue()


@pytest.mark.parametrize("damage", [
    pytest.param(lambda data: data[:len(data) // 2], id="truncated"),
    pytest.param(lambda data: _rewritten(data, SHEET_XML, lambda xml: xml[:len(xml) // 2]), id="sheet-xml-cut"),
    pytest.param(lambda data: _rewritten(data, "xl/workbook.xml", lambda xml: b"<workbook/>"), id="no-sheet"),
    pytest.param(lambda data: _flipped(data, "xl/workbook.xml"), id="workbook-bytes-altered"),
    pytest.param(lambda data: _zip_of_text(), id="zip-of-a-text-file"),
    pytest.param(lambda data: _flipped(data, SHEET_XML), id="sheet-bytes-altered"),
])
def test_a_damaged_xlsx_is_refused_with_a_message(ip_officer, lychee, damage):
    assert refusal(ip_officer, SimpleUploadedFile("hong.xlsx", damage(_good_xlsx()), content_type=XLSX)) == [
        "Không đọc được tệp «hong.xlsx»: tệp Excel (.xlsx) bị hỏng hoặc không phải tệp Excel."]
    assert not GrowingAreaCode.objects.exists()
    assert imports().get().outcome == ImportOutcome.REJECTED


# The page -----------------------------------------------------------------------------------------

def test_an_ip_officer_imports_through_the_page(client_for, ip_officer, lychee):
    client = client_for(ip_officer)
    assert 'href="%s"' % IMPORT in client.get(LIST).content.decode()
    form = client.get(IMPORT)
    assert form.status_code == 200
    assert "Diện tích (ha)" in form.content.decode()

    preview = client.post(IMPORT, {"file": workbook([row("VN-BGLN-0001"), row("VN-BGLN-0002")]), "reason": ""})

    assert preview.status_code == 200 and preview.context["counts"] == {"create": 2}
    assert not GrowingAreaCode.objects.exists()
    confirm = preview.context["confirm"].initial
    response = client.post(CONFIRM, confirm, follow=True)
    assert response.redirect_chain == [(LIST, 302)]
    assert "2 dòng thêm mới, 0 dòng cập nhật, 0 dòng không đổi." in response.content.decode()
    assert GrowingAreaCode.objects.count() == 2
    assert imports().get().actor == ip_officer


def test_the_page_refuses_a_file_that_is_neither_xlsx_nor_csv(client_for, ip_officer, lychee):
    response = client_for(ip_officer).post(IMPORT, {"file": SimpleUploadedFile("ma-so.txt", b"a;b\n")})
    assert response.status_code == 200
    assert "cần một tệp Excel (.xlsx) hoặc CSV (.csv)" in response.content.decode()
    assert imports().get().outcome == ImportOutcome.REJECTED


@pytest.mark.parametrize("role", ["auditor", "district_officer_lucngan"])
def test_only_an_ip_officer_may_import(request, client_for, lychee, role):
    client = client_for(request.getfixturevalue(role))
    assert IMPORT not in client.get(LIST).content.decode()
    assert client.get(IMPORT).status_code == 403
    assert client.post(IMPORT, {"file": workbook([row("VN-BGLN-0001")])}).status_code == 403
    assert not GrowingAreaCode.objects.exists()
    assert not imports().exists()


# Cost and integrity -------------------------------------------------------------------------------

def _queries_for_import(actor, rows) -> int:
    file = workbook(rows)
    with CaptureQueriesContext(connection) as queries:
        services.growing_area_import(actor=actor, file=file)
    return len(queries)


def test_an_import_of_300_rows_costs_the_same_queries_as_one_of_30(ip_officer, lychee, units, monkeypatch):
    # Django 5.2 assumes SQLite's old limit of 999 parameters per statement and so splits a bulk insert of
    # a few hundred rows in several; the SQLite in use accepts 32766, as PostgreSQL accepts any number.
    if connection.vendor == "sqlite":
        monkeypatch.setattr(connection.features, "max_query_params", 32766)

    def rows(start, count):
        # Half the codes exist already (updates), half are new; a commune and an asset on some rows.
        return [row(f"VN-BGLN-{number:04}", area=number % 7 + 1, asset=lychee.pk if number % 3 else None,
                    unit="bg.luc-nam.dong-hung" if number % 2 else "bg.luc-ngan")
                for number in range(start, start + count)]

    services.growing_area_import(actor=ip_officer, file=workbook(rows(0, 15) + rows(1000, 150)))
    few = _queries_for_import(ip_officer, [[*cells[:3], 20, *cells[4:]] for cells in rows(0, 15)] + rows(100, 15))
    many = _queries_for_import(ip_officer, [[*cells[:3], 20, *cells[4:]] for cells in rows(1000, 150)]
                               + rows(2000, 150))
    assert GrowingAreaCode.objects.count() == 15 + 150 + 15 + 150
    assert few == many


def test_the_trail_verifies_after_imports_accepted_and_refused(ip_officer, lychee):
    rows = [row("VN-BGLN-0001"), row("VN-BGLN-0002", unit="bg.luc-nam.dong-hung")]
    services.growing_area_import(actor=ip_officer, file=workbook(rows))
    rows[0][3] = 11
    services.growing_area_import(actor=ip_officer, file=workbook(rows))
    refusal(ip_officer, bad_file())
    report = verify()
    assert report.ok, [str(item) for item in report.breaks]
