"""The yearly reports' processes, as tables (Directive 01/CT-UBND, section 9).

A unit's report: the unit's officer drafts and submits it before 15 December (the plan's last day on time,
14/12 by default; later is marked late); DOST accepts it or returns it with a reason; a returned report is
corrected and submitted again; an accepted one can be reopened by DOST, with a reason, and submitted again.
Each submission freezes a new snapshot of the figures; the earlier ones stay.

The province's report: DOST drafts it and issues it (number and date) to the provincial chairman before
31 December; once issued it is frozen like a unit's, and every role may read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    RETURNED = "returned", _("Trả lại để sửa")
    REOPENED = "reopened", _("Mở lại để sửa")
    ISSUED = "issued", _("Đã ban hành")


class Actor(models.TextChoices):
    UNIT = "unit", _("Cán bộ đơn vị")
    DOST = "dost", _("Sở Khoa học và Công nghệ")


@dataclass(frozen=True)
class Move:
    by: str
    needs_reason: bool = False
    freezes: bool = False  # takes a snapshot of the figures
    needs_number: bool = False  # the document's number and date (the province's report)


S = ReportStatus

UNIT_REPORT_MOVES: dict[str, dict[str, Move]] = {
    S.DRAFT: {S.SUBMITTED: Move(by=Actor.UNIT, freezes=True)},
    S.SUBMITTED: {
        S.ACCEPTED: Move(by=Actor.DOST),
        S.RETURNED: Move(by=Actor.DOST, needs_reason=True),
    },
    S.RETURNED: {S.SUBMITTED: Move(by=Actor.UNIT, freezes=True)},
    S.ACCEPTED: {S.REOPENED: Move(by=Actor.DOST, needs_reason=True)},
    S.REOPENED: {S.SUBMITTED: Move(by=Actor.UNIT, freezes=True)},
}

PROVINCE_REPORT_MOVES: dict[str, dict[str, Move]] = {
    S.DRAFT: {S.ISSUED: Move(by=Actor.DOST, freezes=True, needs_number=True)},
    S.ISSUED: {},
}

# What the buttons say for each move.
ACTION_LABELS = {
    S.SUBMITTED: _("Gửi báo cáo"),
    S.ACCEPTED: _("Tiếp nhận"),
    S.RETURNED: _("Trả lại để sửa"),
    S.REOPENED: _("Mở lại để sửa"),
    S.ISSUED: _("Ban hành"),
}

# The written parts can be changed in these statuses; the figures are live until frozen.
EDITABLE = frozenset({S.DRAFT, S.RETURNED, S.REOPENED})
# What counts as "has reported" for the not-submitted list.
REPORTED = frozenset({S.SUBMITTED, S.ACCEPTED})


def moves_for(*, province: bool) -> dict[str, dict[str, Move]]:
    return PROVINCE_REPORT_MOVES if province else UNIT_REPORT_MOVES


def allowed_moves(status: str, *, province: bool) -> dict[str, Move]:
    return moves_for(province=province).get(status, {})
