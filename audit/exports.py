"""The log as a spreadsheet (XLSX) or CSV: one row per event, with its hashes, ready for an auditor.

Written by ``directory.tables`` as every list export is: what was typed into a record (its label, a reason, a
change) never becomes a live formula or link — a string cell in XLSX, a protected text cell in CSV.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable

from django.utils.translation import gettext as _

from audit import masking
from audit.context import Channel
from audit.models import AuditAction, AuditEvent
from audit.selectors import FieldChange, model_name, presented_changes
from directory import tables

# Enough for any period an audit looks at; a wider export is cut here and says so in its name.
EXPORT_LIMIT = 100_000


def headers() -> list[str]:
    return [
        _("Số thứ tự"), _("Thời điểm (giờ Việt Nam)"), _("Người thực hiện"), _("Tên đăng nhập"), _("Hành động"),
        _("Loại bản ghi"), _("Mã bản ghi"), _("Bản ghi"), _("Đơn vị"), _("Kênh"), _("Địa chỉ IP"), _("Mã yêu cầu"),
        _("Lý do"), _("Thay đổi"), _("Lô nhập"), _("Bảng lịch sử"), _("Mã phiên bản"), _("Mã băm phiên bản"),
        _("Mã băm trước"), _("Mã băm"),
    ]


def _in_words(changes: list[FieldChange]) -> str:
    """A change's fields as the event page shows them, a line each: "Tên: cũ → mới"."""
    def shown(value):
        return "—" if value is None or value == "" else str(value)

    return "\n".join(f"{change.label}: {shown(change.before)} → {shown(change.after)}" for change in changes)


def rows(events: Iterable[AuditEvent], reader) -> Iterable[list]:
    """The rows of ``events`` in words, as the log's pages show them to ``reader``: a field ``reader`` may not
    see on the record is hidden in its changes. Names and hidden fields are worked out a chunk at a time."""
    actions = dict(AuditAction.choices)
    channels = dict(Channel.choices)
    events = iter(events)
    while chunk := list(itertools.islice(events, 2000)):
        changes = presented_changes(chunk, masking.hidden_fields(reader, chunk))
        for event in chunk:
            yield [
                event.seq, event.time, str(event.actor), event.actor.username,
                str(actions.get(event.action, event.action)), model_name(event.model), event.object_id,
                event.object_label, event.unit.name if event.unit_id else "",
                str(channels.get(event.channel, event.channel)), event.ip_address or "", event.request_id,
                event.reason, _in_words(changes[event.seq]), event.batch_id or "", event.history_model,
                event.history_id or "", event.row_digest, event.prev_hash, event.hash,
            ]


CONTENT_TYPES = tables.CONTENT_TYPES


def render(events: Iterable[AuditEvent], fmt: str, *, reader) -> tuple[bytes, int]:
    """The file's bytes and the number of events in it, as ``reader`` may read them."""
    columns = [tables.Column(header, lambda row, index=index: row[index]) for index, header in enumerate(headers())]
    return tables.render(columns, rows(events, reader), fmt, sheet=_("Nhật ký"))


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
