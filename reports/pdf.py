"""The printable report: a ``ReportDocument`` laid out as a Vietnamese administrative document, as PDF bytes.

The layout is Decree 30/2020/NĐ-CP's: A4 portrait, the issuing body beside the national title, the number level
with the place and date, a centred title, recipients and signer at the foot, page numbers atop from page two.
fpdf2 draws it in pure Python; the typeface, IBM Plex Serif (OFL), comes from the pip package
``fontpkg-ibm-plex-serif``, whose static faces cover Vietnamese and load at once (a variable font such as Noto
Serif is re-instanced on every render, in seconds). Tables are drawn cell by cell, as ``pdf.table()`` wraps each
cell twice and needs seconds for a thousand rows. The creation date is the letterhead's: same document, same bytes.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from importlib.resources import files

from fpdf import FPDF
from fpdf.enums import Align, MethodReturnValue, XPos, YPos

from reports.document import Cell, Letterhead, ReportDocument, Section, Table

_FONT = "IBM Plex Serif"
_FONT_FILES = files("fontpkg_ibm_plex_serif") / "files"
_FACES = {"": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"}

# Sizes in points: Plex runs wider than Times New Roman, so each is a point below the decree's.
_TEXT_SIZE = 12
_TITLE_SIZE = 13
_SMALL_SIZE = 10
_LINE = 6  # mm, a line of body text
_TABLE_LINE = 4.6  # mm, a line of table text
_CELL_PADDING = 0.8  # mm above and below a table cell's text
_WIDEST_COLUMN = 70  # mm that one column may claim before the others are served
_LONGEST_WORD = 30  # mm; a longer word (a link, a code) is cut rather than widen its column
_HEADER_LEFT = 70  # mm, the issuing body's column; the national title has the rest of the width
_FOOT_LEFT = 75  # mm, the recipients' column; the signer has the rest
_SIGNATURE_SPACE = 25  # mm left blank for the signature and the seal

_DASH = "—"
_VIETNAM = dt.timezone(dt.timedelta(hours=7))
_UNDATED = dt.datetime(2000, 1, 1, tzinfo=_VIETNAM)  # a draft's creation date, as in the spreadsheet

_GridCell = tuple[str, float, Align]  # text, width in mm, alignment


class _Pdf(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self._widths: dict[tuple[str, float, str], float] = {}

    def text_width(self, text: str) -> float:
        """``get_string_width``, remembered: a table measures the same words over and over."""
        key = (self.font_style, self.font_size_pt, text)
        if key not in self._widths:
            self._widths[key] = self.get_string_width(text)
        return self._widths[key]

    def header(self) -> None:
        if self.page_no() > 1:
            self.set_font(_FONT, "", _TEXT_SIZE)
            self.set_y(8)
            self.cell(0, _LINE, str(self.page_no()), align=Align.C)
            self.set_y(self.t_margin)


def render_pdf(document: ReportDocument) -> bytes:
    letterhead = document.letterhead
    pdf = _Pdf()
    for style, face in _FACES.items():
        pdf.add_font(_FONT, style, _FONT_FILES / f"IBMPlexSerif-{face}.ttf")
    pdf.set_margins(left=30, top=20, right=15)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_fill_color(230)  # the table headings' shade
    pdf.set_title(_clean(letterhead.subtitle))
    pdf.set_lang("vi")
    date = letterhead.date
    pdf.set_creation_date(dt.datetime.combine(date, dt.time(), tzinfo=_VIETNAM) if date else _UNDATED)
    pdf.add_page()
    _letterhead(pdf, letterhead)
    for section in document.sections:
        _section(pdf, section)
    _signature(pdf, letterhead)
    return bytes(pdf.output())


def _letterhead(pdf: FPDF, letterhead: Letterhead) -> None:
    left, right, right_width = pdf.l_margin, pdf.l_margin + _HEADER_LEFT, pdf.epw - _HEADER_LEFT
    pdf.set_xy(left, pdf.t_margin)
    _block(pdf, _HEADER_LEFT, letterhead.governing_body.upper(), "")
    _block(pdf, _HEADER_LEFT, letterhead.issuing_body.upper(), "B")
    # Decree 30: a third to a half of the issuing body's width; under the motto, the motto's.
    issuer_width = min(pdf.get_string_width(_clean(letterhead.issuing_body.upper())), _HEADER_LEFT)
    left_bottom = _rule(pdf, left + _HEADER_LEFT / 2, issuer_width * 0.4)
    pdf.set_xy(right, pdf.t_margin)
    _block(pdf, right_width, Letterhead.NATIONAL_TITLE, "B")
    _block(pdf, right_width, Letterhead.MOTTO, "B")
    right_bottom = _rule(pdf, right + right_width / 2, pdf.get_string_width(Letterhead.MOTTO))

    pdf.set_xy(left, max(left_bottom, right_bottom) + 2)
    _block(pdf, _HEADER_LEFT, letterhead.number, "")
    pdf.set_xy(right, max(left_bottom, right_bottom) + 2)
    _block(pdf, right_width, _place_and_date(letterhead), "I")

    pdf.set_xy(left, pdf.get_y() + 8)
    _block(pdf, pdf.epw, letterhead.title.upper(), "B", size=_TITLE_SIZE)
    _block(pdf, pdf.epw, letterhead.subtitle, "B")
    pdf.ln(4)


def _section(pdf: _Pdf, section: Section) -> None:
    if pdf.will_page_break(4 * _LINE):
        pdf.add_page()  # no heading alone at the foot of a page
    _block(pdf, 0, section.title, "B", Align.L)
    if section.paragraphs:
        pdf.set_font(_FONT, "", _TEXT_SIZE)
        with pdf.text_columns(text_align=Align.J, line_height=1.25) as columns:
            for text in section.paragraphs:
                with columns.paragraph(first_line_indent=10, bottom_margin=2) as paragraph:
                    paragraph.write(_clean(text))
    for table in section.tables:
        _table(pdf, table)
    pdf.ln(2)


def _table(pdf: _Pdf, table: Table) -> None:
    if pdf.will_page_break(2 * _LINE + 6 * _TABLE_LINE):
        pdf.add_page()  # keep the title and the headings with the first rows
    if table.title:
        _block(pdf, 0, table.title, "B", Align.L)
    widths = _column_widths(pdf, table)
    headings = [(_clean(heading), width, Align.C) for heading, width in zip(table.headers, widths)]
    _row(pdf, headings, "B", shaded=True)
    for values in table.rows:
        cells = [(_text(value), width, _alignment(value)) for value, width in zip(values, widths)]
        _row(pdf, cells, "", headings)
    if table.total_columns:
        totals = table.totals()
        span = max(min(table.total_columns), 1)  # the label spans the columns before the first total
        label = (_clean(table.total_label), sum(widths[:span]), Align.L)
        figures = [(_text(totals[i]) if i in totals else "", widths[i], Align.R) for i in range(span, len(widths))]
        _row(pdf, [label, *figures], "B", headings)
    if table.note:
        _block(pdf, 0, table.note, "I", Align.L, _SMALL_SIZE)
    pdf.ln(3)


def _row(
    pdf: _Pdf, cells: Sequence[_GridCell], style: str, repeated: Sequence[_GridCell] = (), shaded: bool = False
) -> None:
    """Draws a row of bordered cells; on a new page, under the ``repeated`` headings, if it would not fit."""
    pdf.set_font(_FONT, style, _SMALL_SIZE)
    lines = [_lines(pdf, text, width) for text, width, _ in cells]
    height = max(map(len, lines)) * _TABLE_LINE + 2 * _CELL_PADDING
    if repeated and pdf.will_page_break(height):
        pdf.add_page()
        _row(pdf, repeated, "B", shaded=True)
        pdf.set_font(_FONT, style, _SMALL_SIZE)
    x, y = pdf.l_margin, pdf.get_y()
    for (_, width, align), cell_lines in zip(cells, lines):
        pdf.rect(x, y, width, height, style="DF" if shaded else "D")
        top = y + (height - len(cell_lines) * _TABLE_LINE) / 2
        for number, line in enumerate(cell_lines):
            pdf.set_xy(x, top + number * _TABLE_LINE)
            pdf.cell(width, _TABLE_LINE, line, align=align)
        x += width
    pdf.set_xy(pdf.l_margin, y + height)


def _lines(pdf: _Pdf, text: str, width: float) -> list[str]:
    """Wraps text to a cell's width, word by word; fpdf2's slower wrapping only cuts a word wider than the cell."""
    room = width - 2 * pdf.c_margin
    if "\n" not in text and pdf.text_width(text) <= room:
        return [text]
    lines = []
    for paragraph in text.splitlines():
        line: list[str] = []
        for word in paragraph.split():
            if pdf.text_width(word) > room:
                return pdf.multi_cell(width, _TABLE_LINE, text, dry_run=True, output=MethodReturnValue.LINES)
            if line and pdf.text_width(" ".join([*line, word])) > room:
                lines.append(" ".join(line))
                line = []
            line.append(word)
        lines.append(" ".join(line))
    return lines


def _column_widths(pdf: _Pdf, table: Table) -> list[float]:
    """Gives each column room for its longest word (up to a limit), then shares the rest by how much text it holds.

    Names get the width, figures and dates stay on one line, and as the widths add up to the text width the
    table never runs off the page: at worst a long word breaks. Measured in bold, as headings and totals are.
    """
    totals = table.totals() if table.total_columns else {}
    pdf.set_font(_FONT, "B", _SMALL_SIZE)
    padding = 2 * pdf.c_margin + 0.5
    least, wanted = [], []
    for index, heading in enumerate(table.headers):
        texts = [_text(row[index]) for row in table.rows] + ([_text(totals[index])] if index in totals else [])
        words = [word for text in [heading, *texts] for word in text.split()]
        least.append(min(max(map(pdf.text_width, words), default=0), _LONGEST_WORD) + padding)
        # A heading may take two lines; a figure or a date, one.
        longest = max([pdf.text_width(heading) / 2, *map(pdf.text_width, texts)])
        wanted.append(max(min(longest + padding, _WIDEST_COLUMN), least[-1]))
    if sum(wanted) <= pdf.epw:
        shares = wanted  # everything fits on one line: widen each in proportion
    elif sum(least) >= pdf.epw:
        shares = least  # not even the words fit: the longest will break
    else:
        spare = pdf.epw - sum(least)
        extra = [want - need for want, need in zip(wanted, least)]
        shares = [need + spare * more / sum(extra) for need, more in zip(least, extra)]
    return [share * pdf.epw / sum(shares) for share in shares]


def _signature(pdf: FPDF, letterhead: Letterhead) -> None:
    """The recipients at left and the signer at right, kept together on one page."""
    if pdf.will_page_break(6 + max(_LINE * (len(letterhead.recipients) + 1), 3 * _LINE + _SIGNATURE_SPACE)):
        pdf.add_page()
    left, top, right_width = pdf.l_margin, pdf.get_y() + 6, pdf.epw - _FOOT_LEFT
    pdf.set_xy(left, top)
    _block(pdf, _FOOT_LEFT, "Nơi nhận:", "BI", Align.L, _SMALL_SIZE + 1)
    for recipient in letterhead.recipients:
        _block(pdf, _FOOT_LEFT, f"- {recipient}", "", Align.L, _SMALL_SIZE)

    pdf.set_xy(left + _FOOT_LEFT, top)
    _block(pdf, right_width, letterhead.signer_title.upper(), "B")
    pdf.set_xy(left + _FOOT_LEFT, pdf.get_y() + _SIGNATURE_SPACE)
    _block(pdf, right_width, letterhead.signer_name, "B")


def _block(
    pdf: FPDF, width: float, text: str, style: str, align: Align = Align.C, size: float = _TEXT_SIZE
) -> None:
    """Writes wrapped lines in a column from the current x (0 wide: to the right margin), and leaves x there."""
    pdf.set_font(_FONT, style, size)
    pdf.multi_cell(width, _LINE, _clean(text), align=align, new_x=XPos.LEFT, new_y=YPos.NEXT)


def _rule(pdf: FPDF, centre: float, length: float) -> float:
    """Draws the short line under a heading block; returns the y just below it."""
    y = pdf.get_y() + 0.5
    pdf.line(centre - length / 2, y, centre + length / 2, y)
    return y + 1


def _place_and_date(letterhead: Letterhead) -> str:
    if letterhead.date is None:
        return f"{letterhead.place}, ngày    tháng    năm"
    date = letterhead.date
    # Decree 30: a zero before days below 10 and before months 1 and 2.
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"{letterhead.place}, ngày {date.day:02d} tháng {month} năm {date.year}"


def _text(value: Cell) -> str:
    """A cell as printed: figures in Vietnamese style (1.234.567 and 4,2), dates as dd/mm/yyyy."""
    if value is None:
        return _DASH
    if isinstance(value, int | Decimal):
        return f"{value:,}".translate(str.maketrans(",.", ".,"))
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return _clean(value)


def _alignment(value: Cell) -> Align:
    if isinstance(value, int | Decimal):
        return Align.R
    return Align.L if isinstance(value, str) else Align.C


def _clean(text: str) -> str:
    # Text typed with combining accents (NFD) would print the marks beside their letters: compose it.
    return unicodedata.normalize("NFC", text)
