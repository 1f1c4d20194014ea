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

# Statuses in which an initiative holds provincial (or national) scope and may be nominated for replication.
PROVINCIAL_SCOPE_STATUSES = frozenset({S.RECOGNISED_PROVINCIAL, S.PROPOSED_NATIONAL, S.RECOGNISED_NATIONAL})
# Waiting for the base-level decision, whose due date runs from registration.
AWAITING_BASE_DECISION = frozenset({S.REGISTERED, S.UNDER_REVIEW})
# Awaiting a decision of some council: the open work a unit hands over when it ends.
AWAITING_DECISION = frozenset({S.FILED, S.RETURNED, *AWAITING_BASE_DECISION, S.PROPOSED_PROVINCIAL,
                               S.PROPOSED_NATIONAL})


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
