"""render_pdf: a Decree 30 document whose Vietnamese text reads back with its diacritics, whose tables break
across pages under their headings and stay within the margins, and whose bytes depend on the document alone."""

import datetime as dt
import io
import time
import unicodedata
from decimal import Decimal

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from reports.document import Letterhead, ReportDocument, Section, Table
from reports.pdf import render_pdf

D = dt.date
MM = 72 / 25.4  # PDF points in a millimetre


def letterhead(date=D(2026, 12, 31)):
    return Letterhead(
        governing_body="UBND TỈNH BẮC NINH", issuing_body="SỞ KHOA HỌC VÀ CÔNG NGHỆ", number="Số: 125/BC-SKHCN",
        place="Bắc Ninh", date=date, title="BÁO CÁO", subtitle="Kết quả thực hiện Chỉ thị số 01/CT-UBND năm 2026",
        recipients=["Như trên;", "Lưu: VT, QLCN."], signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        signer_name="Nguyễn Văn An",
    )


def applications_table(rows=None):
    return Table(
        title="Bảng 1. Đơn đăng ký sở hữu công nghiệp",
        headers=["Đơn vị", "Số đơn", "Kinh phí (đồng)", "Diện tích (ha)", "Ngày nộp"],
        rows=rows if rows is not None else [
            ["Huyện Lục Ngạn", 12, 1234567, Decimal("4.2"), D(2026, 12, 15)],
            ["Thành phố Bắc Ninh", 1200, 250000, Decimal("1250.75"), D(2026, 2, 1)],
            ["Huyện Yên Dũng", None, None, None, None],
        ],
        total_columns=(1, 2),
        note="Nguồn: Cục Sở hữu trí tuệ.",
    )


def report(sections=None, date=D(2026, 12, 31)):
    sections = sections if sections is not None else [
        Section(title="I. Đơn đăng ký", tables=[applications_table()],
                paragraphs=["Số đơn đăng ký nhãn hiệu tăng 20% so với năm 2025."]),
    ]
    return ReportDocument(letterhead=letterhead(date), sections=sections)


def pages(document):
    """Each page's text, its whitespace collapsed: wrapped lines read as one."""
    reader = PdfReader(io.BytesIO(render_pdf(document)))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_the_letterhead_reads_back_with_its_diacritics():
    first = pages(report())[0]
    for text in ["UBND TỈNH BẮC NINH", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Số: 125/BC-SKHCN",
                 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "Bắc Ninh, ngày 31 tháng 12 năm 2026", "BÁO CÁO",
                 "Kết quả thực hiện Chỉ thị số 01/CT-UBND năm 2026"]:
        assert text in first


def test_a_day_below_ten_and_the_first_two_months_take_a_leading_zero():
    assert "Bắc Ninh, ngày 05 tháng 02 năm 2026" in pages(report(date=D(2026, 2, 5)))[0]


def test_a_draft_leaves_the_date_blank():
    first = pages(report(date=None))[0]
    assert "Bắc Ninh, ngày tháng năm" in first
    assert "năm 2026 BÁO CÁO" not in first


def test_cells_print_in_vietnamese_style_with_a_total_row():
    text = pages(report())[0]
    assert "Huyện Lục Ngạn 12 1.234.567 4,2 15/12/2026" in text
    assert "Thành phố Bắc Ninh 1.200 250.000 1.250,75 01/02/2026" in text
    assert "Huyện Yên Dũng — — — —" in text
    assert "Tổng cộng 1.212 1.484.567" in text
    assert "Nguồn: Cục Sở hữu trí tuệ." in text


def test_the_paragraphs_section_title_and_signature_are_printed():
    text = pages(report())[-1]
    for expected in ["I. Đơn đăng ký", "Số đơn đăng ký nhãn hiệu tăng 20% so với năm 2025.", "Nơi nhận:",
                     "- Như trên;", "- Lưu: VT, QLCN.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"]:
        assert expected in text


def test_decomposed_diacritics_are_composed():
    name = unicodedata.normalize("NFD", "Huyện Lục Ngạn")  # as some keyboards type it
    table = applications_table([[name, 1, 2, Decimal("3"), None]])
    assert "Huyện Lục Ngạn" in pages(report([Section(title="Mục", tables=[table])]))[0]


def test_a_long_table_breaks_across_pages_repeating_its_headings():
    rows = [[f"Xã số {n}", n, n * 1000, Decimal("1.5"), D(2026, 12, 15)] for n in range(200)]
    text = pages(report([Section(title="Dài", tables=[applications_table(rows)])]))
    assert len(text) > 2
    for page in text[1:]:
        assert "Đơn vị Số đơn Kinh phí (đồng) Diện tích (ha) Ngày nộp" in page
    assert text[1].startswith("2 ")  # numbered from the second page on
    assert "Xã số 199 199 199.000 1,5 15/12/2026" in " ".join(text)


@pytest.mark.parametrize("columns", range(2, 9))
def test_a_table_of_mixed_columns_stays_within_the_margins(columns):
    samples = [
        "Hợp tác xã nông nghiệp dịch vụ tổng hợp vải thiều Lục Ngạn, tỉnh Bắc Ninh",
        "https://ipvietnam.gov.vn/tra-cuu-don-dang-ky-nhan-hieu-so-4-2026-01234",  # a word wider than a column
        1234567890, Decimal("1234.5"), D(2026, 12, 15), None, "Đang thẩm định nội dung", 7,
    ]
    rows = [[samples[(row + column) % len(samples)] for column in range(columns)] for row in range(30)]
    table = Table(title="Bảng hỗn hợp", headers=[f"Cột số {n} có tiêu đề dài" for n in range(columns)], rows=rows)
    reader = PdfReader(io.BytesIO(render_pdf(report([Section(title="Hỗn hợp", tables=[table])]))))
    boxes = [
        [float(number) for number in operands]
        for page in reader.pages
        for operands, operator in ContentStream(page.get_contents(), reader).operations
        if operator == b"re"
    ]
    assert len(boxes) >= 31 * columns
    assert min(x for x, _, _, _ in boxes) >= 30 * MM - 0.1
    assert max(x + width for x, _, width, _ in boxes) <= (210 - 15) * MM + 0.1


def test_the_title_and_creation_date_come_from_the_letterhead():
    reader = PdfReader(io.BytesIO(render_pdf(report())))
    assert reader.metadata.title == "Kết quả thực hiện Chỉ thị số 01/CT-UBND năm 2026"
    assert reader.metadata.creation_date == dt.datetime(2026, 12, 31, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def test_the_same_document_gives_the_same_bytes():
    assert render_pdf(report()) == render_pdf(report())
    assert render_pdf(report(date=None)) == render_pdf(report(date=None))


def test_ten_sections_of_a_hundred_rows_render_quickly():
    rows = [[f"Hợp tác xã dịch vụ nông nghiệp số {n}", n, n * 1000, Decimal("1.5"), D(2026, 12, 15)]
            for n in range(100)]
    document = report([Section(title=f"Phần {n}", tables=[applications_table(rows)]) for n in range(10)])
    start = time.perf_counter()
    render_pdf(document)
    assert time.perf_counter() - start < 2
