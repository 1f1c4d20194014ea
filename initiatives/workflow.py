"""Recognition of an initiative, and the life of a replication, as tables.

Decree 13/2012/NĐ-CP and Circular 18/2013/TT-BKHCN (the initiative charter); scope of influence under
the Law on Emulation and Commendation 2022. A council recognises an initiative only with at least two
thirds of its members present in favour; the base-level decision is due three months after
registration (or after the end of the first application, if later).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class InitiativeStatus(models.TextChoices):
    FILED = "filed", _("Đã nộp đơn")
    REGISTERED = "registered", _("Đã tiếp nhận")
    RETURNED = "returned", _("Trả lại để sửa đổi")
    UNDER_REVIEW = "under_review", _("Hội đồng đang xem xét")
    RECOGNISED = "recognised", _("Được công nhận cấp cơ sở")
    REFUSED = "refused", _("Không được công nhận")
    PROPOSED_PROVINCIAL = "proposed_provincial", _("Đề nghị công nhận phạm vi cấp tỉnh")
    RECOGNISED_PROVINCIAL = "recognised_provincial", _("Có phạm vi ảnh hưởng cấp tỉnh")
    NOT_RECOGNISED_PROVINCIAL = "not_recognised_provincial", _("Không được công nhận cấp tỉnh")
    PROPOSED_NATIONAL = "proposed_national", _("Đề nghị công nhận phạm vi toàn quốc")
    RECOGNISED_NATIONAL = "recognised_national", _("Có phạm vi ảnh hưởng toàn quốc")


class CouncilLevel(models.TextChoices):
    BASE = "base", _("Hội đồng cấp cơ sở")
    PROVINCIAL = "provincial", _("Hội đồng cấp tỉnh")
    NATIONAL = "national", _("Hội đồng cấp toàn quốc")


@dataclass(frozen=True)
class Move:
    needs_reason: bool = False
    # The decision (certificate number, decision number) that a recognition issues.
    needs_decision: bool = False
    # A recognition needs this council's vote, with at least two thirds of those present in favour.
    council: str | None = None


S = InitiativeStatus

INITIATIVE_MOVES: dict[str, dict[str, Move]] = {
    S.FILED: {
        S.REGISTERED: Move(),  # the receipt states the reply date: the base-level decision's due date
        S.RETURNED: Move(needs_reason=True),
    },
    S.RETURNED: {
        S.FILED: Move(),  # corrected and filed again
    },
    S.REGISTERED: {
        S.UNDER_REVIEW: Move(),
        S.RETURNED: Move(needs_reason=True),
    },
    S.UNDER_REVIEW: {
        S.RECOGNISED: Move(needs_decision=True, council=CouncilLevel.BASE),
        S.REFUSED: Move(needs_reason=True),
    },
    S.RECOGNISED: {
        S.PROPOSED_PROVINCIAL: Move(),
    },
    S.PROPOSED_PROVINCIAL: {
        S.RECOGNISED_PROVINCIAL: Move(needs_decision=True, council=CouncilLevel.PROVINCIAL),
        S.NOT_RECOGNISED_PROVINCIAL: Move(needs_reason=True),
    },
    S.NOT_RECOGNISED_PROVINCIAL: {
        S.PROPOSED_PROVINCIAL: Move(),  # proposed again, with more evidence of effect
    },
    S.RECOGNISED_PROVINCIAL: {
        S.PROPOSED_NATIONAL: Move(),
    },
    S.PROPOSED_NATIONAL: {
        S.RECOGNISED_NATIONAL: Move(needs_decision=True, council=CouncilLevel.NATIONAL),
        # Not recognised nationally: it keeps its provincial scope.
        S.RECOGNISED_PROVINCIAL: Move(needs_reason=True),
    },
    S.REFUSED: {},
    S.RECOGNISED_NATIONAL: {},
}

# What the button for each move says: the act it records, not the status it leads to. By the status moved to;
# the moves below name those that say something else for the status they leave.
INITIATIVE_ACTIONS: dict[str, str] = {
    S.FILED: _("Ghi nhận nộp lại đơn"),  # the only move into "filed": corrected and filed again
    S.REGISTERED: _("Tiếp nhận đơn"),
    S.RETURNED: _("Trả lại đơn để sửa đổi"),
    S.UNDER_REVIEW: _("Chuyển hội đồng xem xét"),
    S.RECOGNISED: _("Công nhận sáng kiến"),
    S.REFUSED: _("Từ chối công nhận"),
    S.PROPOSED_PROVINCIAL: _("Đề nghị công nhận phạm vi ảnh hưởng cấp tỉnh"),
    S.RECOGNISED_PROVINCIAL: _("Công nhận phạm vi ảnh hưởng cấp tỉnh"),
    S.NOT_RECOGNISED_PROVINCIAL: _("Không công nhận phạm vi ảnh hưởng cấp tỉnh"),
    S.PROPOSED_NATIONAL: _("Đề nghị công nhận phạm vi ảnh hưởng toàn quốc"),
    S.RECOGNISED_NATIONAL: _("Công nhận phạm vi ảnh hưởng toàn quốc"),
}
INITIATIVE_MOVE_ACTIONS: dict[tuple[str, str], str] = {
    (S.NOT_RECOGNISED_PROVINCIAL, S.PROPOSED_PROVINCIAL): _("Đề nghị xét lại phạm vi ảnh hưởng cấp tỉnh"),
    # Not recognised nationally: back to the provincial scope it held.
    (S.PROPOSED_NATIONAL, S.RECOGNISED_PROVINCIAL): _("Không công nhận phạm vi ảnh hưởng toàn quốc"),
}


def initiative_action(from_status: str, to_status: str) -> str:
    """What the button for the move from ``from_status`` to ``to_status`` says."""
    return INITIATIVE_MOVE_ACTIONS.get((from_status, to_status), INITIATIVE_ACTIONS[to_status])


# Statuses in which an initiative holds provincial (or national) scope and may be nominated for replication.
PROVINCIAL_SCOPE_STATUSES = frozenset({S.RECOGNISED_PROVINCIAL, S.PROPOSED_NATIONAL, S.RECOGNISED_NATIONAL})
# Waiting for the base-level decision, whose due date runs from registration.
AWAITING_BASE_DECISION = frozenset({S.REGISTERED, S.UNDER_REVIEW})
# Awaiting a decision of some council: the open work a unit hands over when it ends.
AWAITING_DECISION = frozenset({S.FILED, S.RETURNED, *AWAITING_BASE_DECISION, S.PROPOSED_PROVINCIAL,
                               S.PROPOSED_NATIONAL})
# What waits for the council secretary's next step, in the order of the process, as the home page names it: an
# application to register, a registered one to put before the council, a council's decision to record.
SECRETARY_QUEUE: dict[str, str] = {
    S.FILED: _("Đơn chờ tiếp nhận"),
    S.REGISTERED: _("Đơn đã tiếp nhận, chờ chuyển hội đồng xem xét"),
    S.UNDER_REVIEW: _("Chờ kết quả xem xét của hội đồng cấp cơ sở"),
    S.PROPOSED_PROVINCIAL: _("Chờ hội đồng cấp tỉnh xét công nhận phạm vi ảnh hưởng"),
}


def allowed_moves(status: str) -> dict[str, Move]:
    return INITIATIVE_MOVES.get(status, {})


class NominationStatus(models.TextChoices):
    NOMINATED = "nominated", _("Đã đăng ký nhân rộng")
    APPROVED = "approved", _("Đã được phê duyệt")
    REPLICATING = "replicating", _("Đang nhân rộng")
    COMPLETED = "completed", _("Đã hoàn thành")
    WITHDRAWN = "withdrawn", _("Đã rút")


N = NominationStatus
# A replication still under way, whose sites an ended unit hands over.
RUNNING_NOMINATIONS = frozenset({N.NOMINATED, N.APPROVED, N.REPLICATING})

# {from: {to: needs a reason}}
NOMINATION_MOVES: dict[str, dict[str, bool]] = {
    N.NOMINATED: {N.APPROVED: False, N.WITHDRAWN: True},
    N.APPROVED: {N.REPLICATING: False, N.WITHDRAWN: True},
    N.REPLICATING: {N.COMPLETED: False, N.WITHDRAWN: True},
    N.COMPLETED: {},
    N.WITHDRAWN: {},
}
# What the button for each move says, by the status moved to.
NOMINATION_ACTIONS: dict[str, str] = {
    N.APPROVED: _("Ghi nhận được phê duyệt"),
    N.REPLICATING: _("Bắt đầu nhân rộng"),
    N.COMPLETED: _("Hoàn thành nhân rộng"),
    N.WITHDRAWN: _("Rút đăng ký nhân rộng"),
}


class SiteStatus(models.TextChoices):
    PLANNED = "planned", _("Đã lên kế hoạch")
    IN_PROGRESS = "in_progress", _("Đang triển khai")
    COMPLETED = "completed", _("Đã hoàn thành")
    ABANDONED = "abandoned", _("Dừng triển khai")


# {from: {to: needs a reason}}
SITE_MOVES: dict[str, dict[str, bool]] = {
    SiteStatus.PLANNED: {SiteStatus.IN_PROGRESS: False, SiteStatus.ABANDONED: True},
    SiteStatus.IN_PROGRESS: {SiteStatus.COMPLETED: False, SiteStatus.ABANDONED: True},
    SiteStatus.COMPLETED: {},
    SiteStatus.ABANDONED: {},
}
# What the button for each move says, by the status moved to.
SITE_ACTIONS: dict[str, str] = {
    SiteStatus.IN_PROGRESS: _("Bắt đầu triển khai"),
    SiteStatus.COMPLETED: _("Hoàn thành triển khai"),
    SiteStatus.ABANDONED: _("Ngừng triển khai"),
}
