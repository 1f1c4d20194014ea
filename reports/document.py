"""A report as the renderers see it: a letterhead and sections of tables and written paragraphs.

The figures are computed once (``reports.figures``) into this shape; the HTML page, the spreadsheet
(``reports.xlsx``) and the printable document (``reports.pdf``) draw the same structure, so what a unit
submits and what it prints cannot disagree. Cells are plain values: ``str``, ``int``, ``Decimal``,
``datetime.date`` or ``None`` (shown as a dash).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

Cell = str | int | Decimal | dt.date | None


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[Cell]]
    # Columns (0-based) that add up: the spreadsheet writes a total row with a SUM formula under each, the
    # page and the printed document the same totals computed here.
    total_columns: tuple[int, ...] = ()
    total_label: str = "Tổng cộng"
    note: str = ""

    def totals(self) -> dict[int, Cell]:
        return {column: sum((row[column] or 0) for row in self.rows) for column in self.total_columns}


@dataclass
class Section:
    title: str
    tables: list[Table] = field(default_factory=list)
    # Written parts (results, difficulties, proposals): paragraphs of plain text, as the officer wrote them.
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Letterhead:
    """What Decree 30/2020/NĐ-CP puts on an administrative document."""

    governing_body: str  # "UBND TỈNH BẮC NINH"
    issuing_body: str  # "SỞ KHOA HỌC VÀ CÔNG NGHỆ", or the unit's name
    number: str  # "Số: 125/BC-SKHCN" ("Số:   /BC-..." while a draft)
    place: str  # "Bắc Ninh"
    date: dt.date | None  # None while a draft
    title: str  # "BÁO CÁO"
    subtitle: str  # "Kết quả thực hiện Chỉ thị số 01/CT-UBND năm 2026"
    recipients: list[str] = field(default_factory=list)  # "Như trên;", "Lưu: VT, QLCN."
    signer_title: str = ""
    signer_name: str = ""

    NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass
class ReportDocument:
    letterhead: Letterhead
    sections: list[Section]
    file_stem: str = "bao-cao"  # the downloaded file's name, without extension


# A submitted report keeps its document as JSON: dates and decimals tagged so they come back as they were.

def _cell_to_json(cell: Cell):
    if isinstance(cell, dt.date):
        return {"date": cell.isoformat()}
    if isinstance(cell, Decimal):
        return {"decimal": str(cell)}
    return cell


def _cell_from_json(value) -> Cell:
    if isinstance(value, dict):
        return dt.date.fromisoformat(value["date"]) if "date" in value else Decimal(value["decimal"])
    return value


def document_to_json(document: ReportDocument) -> dict:
    head = document.letterhead
    return {
        "letterhead": {**head.__dict__, "date": head.date.isoformat() if head.date else None},
        "sections": [{
            "title": section.title, "paragraphs": list(section.paragraphs),
            "tables": [{"title": table.title, "headers": table.headers, "total_columns": list(table.total_columns),
                        "total_label": table.total_label, "note": table.note,
                        "rows": [[_cell_to_json(cell) for cell in row] for row in table.rows]}
                       for table in section.tables],
        } for section in document.sections],
        "file_stem": document.file_stem,
    }


def document_from_json(data: dict) -> ReportDocument:
    head = dict(data["letterhead"])
    head["date"] = dt.date.fromisoformat(head["date"]) if head["date"] else None
    sections = [Section(
        title=section["title"], paragraphs=section["paragraphs"],
        tables=[Table(title=table["title"], headers=table["headers"], total_columns=tuple(table["total_columns"]),
                      total_label=table["total_label"], note=table["note"],
                      rows=[[_cell_from_json(cell) for cell in row] for row in table["rows"]])
                for table in section["tables"]],
    ) for section in data["sections"]]
    return ReportDocument(letterhead=Letterhead(**head), sections=sections, file_stem=data["file_stem"])
