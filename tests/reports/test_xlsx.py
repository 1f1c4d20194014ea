"""render_xlsx: the letterhead sheet, a sheet per section with real numbers, dates and live totals, and record
text that stays text however much it looks like a formula."""

import datetime as dt
import io
import time
import unicodedata
from decimal import Decimal

import openpyxl

from reports.document import Letterhead, ReportDocument, Section, Table
from reports.xlsx import render_xlsx, sheet_name

D = dt.date


def letterhead(date=D(2026, 3, 15)):
    return Letterhead(
        governing_body="UBND TỈNH BẮC NINH", issuing_body="SỞ KHOA HỌC VÀ CÔNG NGHỆ", number="Số: 125/BC-SKHCN",
        place="Bắc Ninh", date=date, title="BÁO CÁO", subtitle="Kết quả thực hiện Chỉ thị số 01/CT-UBND năm 2026",
        recipients=["Như trên;", "Lưu: VT, QLCN."], signer_title="GIÁM ĐỐC", signer_name="Nguyễn Văn An",
    )


def applications_table(rows=None):
    return Table(
        title="Bảng 1. Đơn đăng ký sở hữu công nghiệp",
        headers=["Đơn vị", "Số đơn", "Kinh phí (triệu đồng)", "Ngày nộp"],
        rows=rows if rows is not None else [
            ["Huyện Lục Nam", 3, Decimal("12.5"), D(2026, 1, 5)],
            ["Thành phố Bắc Ninh", 1200, Decimal("7.25"), D(2026, 2, 1)],
            ["Huyện Yên Dũng", None, None, None],
        ],
        total_columns=(1, 2),
    )


def report(sections=None, date=D(2026, 3, 15)):
    sections = sections if sections is not None else [
        Section(title="Đơn đăng ký", tables=[applications_table()], paragraphs=["Kết quả: tăng 20% so với 2025."]),
    ]
    return ReportDocument(letterhead=letterhead(date), sections=sections)


def read(document):
    return openpyxl.load_workbook(io.BytesIO(render_xlsx(document)))


def test_the_letterhead_comes_first_then_a_sheet_per_section():
    book = read(report())
    assert book.sheetnames == ["Thông tin", "Đơn đăng ký"]
    info = {row[0]: row[1] for row in book["Thông tin"].iter_rows(values_only=True)}
    assert info["Quốc hiệu"] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert info["Tiêu ngữ"] == "Độc lập - Tự do - Hạnh phúc"
    assert info["Số, ký hiệu"] == "Số: 125/BC-SKHCN"
    assert info["Ngày ban hành"] == dt.datetime(2026, 3, 15)
    assert info["Nơi nhận"] == "Như trên;"
    assert info[""] == "Lưu: VT, QLCN."
    assert info["Người ký"] == "Nguyễn Văn An"
    assert book.properties.title == "Kết quả thực hiện Chỉ thị số 01/CT-UBND năm 2026"


def test_a_section_sheet_has_its_title_paragraphs_and_table():
    sheet = read(report())["Đơn đăng ký"]
    assert sheet["A1"].value == "Đơn đăng ký" and sheet["A1"].font.b
    assert sheet["A2"].value == "Kết quả: tăng 20% so với 2025."
    assert sheet["A4"].value == "Bảng 1. Đơn đăng ký sở hữu công nghiệp"
    headers = [cell.value for cell in sheet[5]]
    assert headers == ["Đơn vị", "Số đơn", "Kinh phí (triệu đồng)", "Ngày nộp"]
    assert all(cell.font.b and cell.fill.fgColor.rgb.endswith("D9D9D9") and cell.border.top.style for cell in sheet[5])
    assert sheet.freeze_panes == "A6"  # the title, paragraphs and the first header stay in view


def test_numbers_and_dates_are_real_cells():
    sheet = read(report())["Đơn đăng ký"]
    count, money, filed = sheet["B7"], sheet["C7"], sheet["D7"]
    assert (count.value, count.data_type, count.number_format) == (1200, "n", "#,##0")
    assert (money.value, money.number_format) == (7.25, "#,##0.00")
    assert sheet["C6"].number_format == "#,##0.0"
    assert filed.value == dt.datetime(2026, 2, 1) and filed.is_date and filed.number_format == "dd/mm/yyyy"
    assert [cell.value for cell in sheet[8]] == ["Huyện Yên Dũng", None, None, None]


def test_the_total_row_sums_exactly_the_body_rows():
    sheet = read(report())["Đơn đăng ký"]  # header on row 5, body on rows 6 to 8
    assert [cell.value for cell in sheet[9]] == ["Tổng cộng", "=SUM(B6:B8)", "=SUM(C6:C8)", None]
    assert sheet["B9"].data_type == "f" and sheet["B9"].font.b


def test_the_total_caches_its_value_for_viewers_that_do_not_recalculate():
    values = openpyxl.load_workbook(io.BytesIO(render_xlsx(report())), data_only=True)["Đơn đăng ký"]
    assert (values["B9"].value, values["C9"].value) == (1203, 19.75)


def test_a_table_without_rows_totals_zero_rather_than_summing_its_header():
    sheet = read(report([Section(title="Trống", tables=[applications_table(rows=[])])]))["Trống"]
    assert [cell.value for cell in sheet[5]] == ["Tổng cộng", 0, 0, None]  # header on row 4


def test_tables_are_separated_by_an_empty_row_and_only_the_first_header_is_frozen():
    second = Table(title="Bảng 2. Sáng kiến", headers=["Tên sáng kiến"], rows=[["Quy trình ủ phân"]])
    sheet = read(report([Section(title="Hai bảng", tables=[applications_table(), second])]))["Hai bảng"]
    assert sheet["A8"].value == "Tổng cộng"  # header on row 4, body on rows 5 to 7
    assert sheet["A9"].value is None
    assert [sheet[f"A{row}"].value for row in (10, 11, 12)] == [second.title, "Tên sáng kiến", "Quy trình ủ phân"]
    assert sheet.freeze_panes == "A5"


def test_text_that_looks_like_a_formula_or_link_stays_text():
    tricky = ['=HYPERLINK("http://x","y")', "=1+1", "+SUM(A1)", "@cmd", "-2+3", "http://example.com", "0123"]
    table = Table(title="=1+1", headers=["=A1"], rows=[[text] for text in tricky])
    sheet = read(report([Section(title="Văn bản", tables=[table], paragraphs=["=2+2"])]))["Văn bản"]
    cells = [sheet[f"A{row}"] for row in range(6, 6 + len(tricky))]
    assert [cell.value for cell in cells] == tricky
    assert {cell.data_type for cell in cells} == {"s"}
    assert [(sheet[ref].value, sheet[ref].data_type) for ref in ("A2", "A4", "A5")] == [
        ("=2+2", "s"), ("=1+1", "s"), ("=A1", "s"),
    ]
    assert all(cell.hyperlink is None for cell in cells)


def test_sheet_names_follow_excels_rules_and_keep_the_diacritics():
    titles = ["Sở hữu trí tuệ: đơn/văn bằng [2026]", "Sáng kiến", "Sáng kiến", "Thông tin", "History", "???"]
    book = read(report([Section(title=title) for title in titles]))
    assert book.sheetnames == [
        "Thông tin", "Sở hữu trí tuệ đơn-văn bằng", "Sáng kiến", "Sáng kiến (2)", "Thông tin (2)",
        "History (2)", "Mục",
    ]
    assert all(len(name) <= 31 for name in book.sheetnames)


def test_a_name_is_cut_between_syllables_and_shortened_again_to_fit_a_number():
    title = "Sở hữu trí tuệ: đơn/văn bằng [2026]"  # 35 characters
    assert sheet_name(title, set()) == "Sở hữu trí tuệ đơn-văn bằng"
    assert sheet_name(title, {"sở hữu trí tuệ đơn-văn bằng"}) == "Sở hữu trí tuệ đơn-văn bằng (2)"
    assert sheet_name("Báocáotổnghợpsởhữutrítuệcủatỉnh2026", set()) == "Báocáotổnghợpsởhữutrítuệcủatỉnh"


def test_decomposed_diacritics_are_composed_before_counting_to_31():
    title = unicodedata.normalize("NFD", "Sở hữu trí tuệ tỉnh Bắc Ninh")  # as some editors paste it
    assert len(title) > 31
    assert sheet_name(title, set()) == "Sở hữu trí tuệ tỉnh Bắc Ninh"


def test_the_same_document_gives_the_same_bytes():
    assert render_xlsx(report()) == render_xlsx(report())
    assert render_xlsx(report(date=None)) == render_xlsx(report(date=None))


def test_the_creation_time_is_the_letterheads_date_not_the_clock():
    assert read(report()).properties.created == dt.datetime(2026, 3, 15)
    assert read(report(date=None)).properties.created == dt.datetime(2000, 1, 1)


def test_ten_sections_of_two_thousand_rows_render_quickly():
    rows = [[f"Đơn vị số {n}", n, Decimal("1.5"), D(2026, 1, 1) + dt.timedelta(days=n % 365)] for n in range(2000)]
    document = report([Section(title=f"Phần {n}", tables=[applications_table(rows)]) for n in range(10)])
    start = time.perf_counter()
    render_xlsx(document)
    assert time.perf_counter() - start < 2
