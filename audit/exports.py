"""The log as a spreadsheet (XLSX) or CSV: one row per event, with its hashes, ready for an auditor.

Written by ``directory.tables`` as every list export is: what was typed into a record (its label, a reason, a
change) never becomes a live formula or link — a string cell in XLSX, a protected text cell in CSV.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

from django.utils.translation import gettext as _

from audit.models import AuditEvent
from directory import tables

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


CONTENT_TYPES = tables.CONTENT_TYPES


def render(events: Iterable[AuditEvent], fmt: str) -> tuple[bytes, int]:
    """The file's bytes and the number of events in it."""
    columns = [tables.Column(header, lambda row, index=index: row[index]) for index, header in enumerate(headers())]
    return tables.render(columns, rows(events), fmt, sheet=_("Nhật ký"))


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
