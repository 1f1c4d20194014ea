"""The log as a spreadsheet (XLSX) or CSV: one row per event, with its hashes, ready for an auditor."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook

from audit.models import AuditEvent

# Enough for any period an audit looks at; a wider export is cut here and says so in its name.
EXPORT_LIMIT = 100_000


def headers() -> list[str]:
    return [
        _("Số thứ tự"), _("Thời điểm (UTC)"), _("Người thực hiện"), _("Hành động"), _("Loại bản ghi"),
        _("Mã bản ghi"), _("Bản ghi"), _("Đơn vị"), _("Kênh"), _("Địa chỉ IP"), _("Mã yêu cầu"), _("Lý do"),
        _("Thay đổi"), _("Lô nhập"), _("Bảng lịch sử"), _("Mã phiên bản"), _("Mã băm phiên bản"),
        _("Mã băm trước"), _("Mã băm"),
    ]


def rows(events: Iterable[AuditEvent]) -> Iterable[list]:
    for event in events:
        yield [
            event.seq, event.time.astimezone(dt.UTC).isoformat(), event.actor.username, event.action, event.model, event.object_id,
            event.object_label, event.unit.name if event.unit_id else "", event.channel, event.ip_address or "",
            event.request_id, event.reason, event.changes, event.batch_id or "", event.history_model,
            event.history_id or "", event.row_digest, event.prev_hash, event.hash,
        ]


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render(events: Iterable[AuditEvent], fmt: str) -> tuple[bytes, int]:
    """The file's bytes and the number of events in it."""
    count = 0
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers())
        for count, row in enumerate(rows(events), start=1):
            writer.writerow(row)
        # With a byte-order mark, so spreadsheet programs read the Vietnamese text as UTF-8.
        return ("\ufeff" + buffer.getvalue()).encode("utf-8"), count
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Nhật ký"))
    sheet.append(headers())
    for count, row in enumerate(rows(events), start=1):
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue(), count


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
