"""The protection application process, as one table.

Law on Intellectual Property 2005 (amended to 2022), Decree 65/2023/NĐ-CP, Circular 23/2023/TT-BKHCN.
An application moves from status to status; each move names what it needs (a date always; a reason,
a document, a certificate number where the law produces one) and which deadlines it meets. Which
deadlines a move *opens*, and how long they run, are data: ``DeadlineRule`` rows, seeded with the
statutory limits and editable in the admin, because the law changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    PREPARING = "preparing", _("Đang chuẩn bị hồ sơ")
    FILED = "filed", _("Đã nộp đơn")
    FORMALITY_DEFICIENT = "formality_deficient", _("Thiếu sót hình thức")
    ACCEPTED = "accepted", _("Đơn hợp lệ")
    PUBLISHED = "published", _("Đã công bố")
    OPPOSED = "opposed", _("Có ý kiến phản đối")
    INTENDED_GRANT = "intended_grant", _("Dự định cấp văn bằng")
    INTENDED_REFUSAL = "intended_refusal", _("Dự định từ chối")
    GRANTED = "granted", _("Đã cấp văn bằng")
    REFUSED = "refused", _("Bị từ chối")
    UNDER_COMPLAINT = "under_complaint", _("Đang khiếu nại")
    WITHDRAWN = "withdrawn", _("Đã rút đơn")
    LAPSED = "lapsed", _("Bị coi như rút bỏ")


class ApplicationKind(models.TextChoices):
    REGISTRATION = "registration", _("Đăng ký xác lập quyền")
    RENEWAL = "renewal", _("Gia hạn hiệu lực")
    AMENDMENT = "amendment", _("Sửa đổi văn bằng")
    TRANSFER = "transfer", _("Chuyển nhượng")
    TERMINATION = "termination", _("Yêu cầu chấm dứt hiệu lực")
    INVALIDATION = "invalidation", _("Yêu cầu hủy bỏ hiệu lực")


class DeadlineKind(models.TextChoices):
    FORMALITY_EXAMINATION = "formality_examination", _("Thẩm định hình thức")
    REPLY_FORMALITY = "reply_formality", _("Sửa chữa thiếu sót hình thức")
    PUBLICATION = "publication", _("Công bố đơn")
    OPPOSITION_WINDOW = "opposition_window", _("Thời hạn phản đối đơn")
    REPLY_OPPOSITION = "reply_opposition", _("Trả lời ý kiến phản đối")
    SUBSTANTIVE_EXAMINATION = "substantive_examination", _("Thẩm định nội dung")
    REPLY_REFUSAL = "reply_refusal", _("Trả lời dự định từ chối")
    GRANT_FEES = "grant_fees", _("Nộp phí, lệ phí cấp văn bằng")
    COMPLAINT = "complaint", _("Khiếu nại quyết định")


class Party(models.TextChoices):
    IP_OFFICE = "ip_office", _("Cục Sở hữu trí tuệ")
    APPLICANT = "applicant", _("Người nộp đơn")
    THIRD_PARTY = "third_party", _("Bên thứ ba")


@dataclass(frozen=True)
class Move:
    """One allowed move and what it asks for."""

    needs_reason: bool = False
    needs_document: bool = False
    # The certificate number the IP Office issues with the grant.
    needs_certificate_number: bool = False
    # Deadlines this move meets (closed as met, or missed if the move comes after the due date).
    closes: tuple[str, ...] = ()


S = ApplicationStatus
K = DeadlineKind

# The registration process: {from: {to: Move}}.
REGISTRATION_MOVES: dict[str, dict[str, Move]] = {
    S.PREPARING: {
        S.FILED: Move(),
        S.WITHDRAWN: Move(needs_reason=True),
    },
    S.FILED: {
        S.ACCEPTED: Move(needs_document=True, closes=(K.FORMALITY_EXAMINATION,)),
        S.FORMALITY_DEFICIENT: Move(needs_document=True, closes=(K.FORMALITY_EXAMINATION,)),
        S.WITHDRAWN: Move(needs_reason=True),
    },
    S.FORMALITY_DEFICIENT: {
        S.ACCEPTED: Move(needs_document=True, closes=(K.REPLY_FORMALITY,)),
        S.REFUSED: Move(needs_reason=True, needs_document=True, closes=(K.REPLY_FORMALITY,)),
        S.WITHDRAWN: Move(needs_reason=True),
    },
    S.ACCEPTED: {
        S.PUBLISHED: Move(closes=(K.PUBLICATION,)),
        S.WITHDRAWN: Move(needs_reason=True),
    },
    S.PUBLISHED: {
        S.OPPOSED: Move(),
        S.INTENDED_GRANT: Move(needs_document=True, closes=(K.SUBSTANTIVE_EXAMINATION, K.OPPOSITION_WINDOW)),
        S.INTENDED_REFUSAL: Move(
            needs_reason=True, needs_document=True, closes=(K.SUBSTANTIVE_EXAMINATION, K.OPPOSITION_WINDOW)
        ),
        S.WITHDRAWN: Move(needs_reason=True),
    },
    S.OPPOSED: {
        S.INTENDED_GRANT: Move(
            needs_document=True,
            closes=(K.REPLY_OPPOSITION, K.SUBSTANTIVE_EXAMINATION, K.OPPOSITION_WINDOW),
        ),
        S.INTENDED_REFUSAL: Move(
            needs_reason=True, needs_document=True,
            closes=(K.REPLY_OPPOSITION, K.SUBSTANTIVE_EXAMINATION, K.OPPOSITION_WINDOW),
        ),
        S.WITHDRAWN: Move(needs_reason=True),
    },
    S.INTENDED_GRANT: {
        S.GRANTED: Move(needs_document=True, needs_certificate_number=True, closes=(K.GRANT_FEES,)),
        S.LAPSED: Move(needs_reason=True, closes=(K.GRANT_FEES,)),
        S.WITHDRAWN: Move(needs_reason=True),
    },
    S.INTENDED_REFUSAL: {
        # The applicant's reply convinced the examiner.
        S.INTENDED_GRANT: Move(needs_document=True, closes=(K.REPLY_REFUSAL,)),
        S.REFUSED: Move(needs_reason=True, needs_document=True, closes=(K.REPLY_REFUSAL,)),
        S.WITHDRAWN: Move(needs_reason=True),
    },
    S.REFUSED: {
        S.UNDER_COMPLAINT: Move(needs_reason=True, closes=(K.COMPLAINT,)),
    },
    S.LAPSED: {
        S.UNDER_COMPLAINT: Move(needs_reason=True, closes=(K.COMPLAINT,)),
    },
    S.UNDER_COMPLAINT: {
        # A complaint that succeeds sends the application back to the grant stage.
        S.INTENDED_GRANT: Move(needs_document=True),
        S.REFUSED: Move(needs_reason=True, needs_document=True),
    },
    S.GRANTED: {},
    S.WITHDRAWN: {},
}

# Renewal, amendment, transfer, termination and invalidation requests: filed, then decided.
REQUEST_MOVES: dict[str, dict[str, Move]] = {
    S.PREPARING: {
        S.FILED: Move(),
        S.WITHDRAWN: Move(needs_reason=True),
    },
    S.FILED: {
        S.GRANTED: Move(needs_document=True),
        S.REFUSED: Move(needs_reason=True, needs_document=True),
        S.WITHDRAWN: Move(needs_reason=True),
    },
    S.REFUSED: {
        S.UNDER_COMPLAINT: Move(needs_reason=True, closes=(K.COMPLAINT,)),
    },
    S.UNDER_COMPLAINT: {
        S.GRANTED: Move(needs_document=True),
        S.REFUSED: Move(needs_reason=True, needs_document=True),
    },
    S.GRANTED: {},
    S.WITHDRAWN: {},
}

# After grant (Law on IP, art. 93.6): a mark is valid ten years from filing, renewable for ten years at a
# time, from six months before its end until six months after it, with a surcharge per month late.
MARK_TERM = relativedelta(years=10)
RENEWAL_WINDOW = relativedelta(months=6)
GRACE_PERIOD = relativedelta(months=6)
SURCHARGE_PER_MONTH = 10  # percent of the renewal fee, per month or part of a month late

# Moves into these statuses end the process for now: deadlines still open are no longer anyone's.
FINAL_STATUSES = frozenset({S.GRANTED, S.REFUSED, S.WITHDRAWN, S.LAPSED})


def moves_for(application_kind: str) -> dict[str, dict[str, Move]]:
    return REGISTRATION_MOVES if application_kind == ApplicationKind.REGISTRATION else REQUEST_MOVES


def allowed_moves(application_kind: str, status: str) -> dict[str, Move]:
    return moves_for(application_kind).get(status, {})


# The statutory limits the DeadlineRule table starts with:
# (deadline, opened by a move to, asset kinds or () for all, months, days, who acts, legal basis).
MARKS = ("collective_mark", "certification_mark", "mark")
GI = ("geographical_indication",)
DEFAULT_DEADLINE_RULES = [
    (K.FORMALITY_EXAMINATION, S.FILED, (), 1, 0, Party.IP_OFFICE, "Luật SHTT, Điều 119.1"),
    (K.REPLY_FORMALITY, S.FORMALITY_DEFICIENT, (), 2, 0, Party.APPLICANT, "Thông tư 23/2023/TT-BKHCN [cần kiểm tra]"),
    (K.PUBLICATION, S.ACCEPTED, (), 2, 0, Party.IP_OFFICE, "Luật SHTT, Điều 110"),
    (K.OPPOSITION_WINDOW, S.PUBLISHED, MARKS, 5, 0, Party.THIRD_PARTY, "Luật SHTT, Điều 112a"),
    (K.OPPOSITION_WINDOW, S.PUBLISHED, GI, 3, 0, Party.THIRD_PARTY, "Luật SHTT, Điều 112a"),
    (K.SUBSTANTIVE_EXAMINATION, S.PUBLISHED, MARKS, 9, 0, Party.IP_OFFICE, "Luật SHTT, Điều 119.2"),
    (K.SUBSTANTIVE_EXAMINATION, S.PUBLISHED, GI, 6, 0, Party.IP_OFFICE, "Luật SHTT, Điều 119.2"),
    (K.REPLY_OPPOSITION, S.OPPOSED, (), 2, 0, Party.APPLICANT, "Nghị định 65/2023/NĐ-CP"),
    (K.REPLY_REFUSAL, S.INTENDED_REFUSAL, (), 2, 0, Party.APPLICANT, "Thông tư 23/2023/TT-BKHCN [cần kiểm tra]"),
    (K.GRANT_FEES, S.INTENDED_GRANT, (), 3, 0, Party.APPLICANT, "Thông tư 23/2023/TT-BKHCN [cần kiểm tra]"),
    (K.COMPLAINT, S.REFUSED, (), 0, 90, Party.APPLICANT, "Luật Khiếu nại 2011, Điều 9 [cần kiểm tra]"),
    (K.COMPLAINT, S.LAPSED, (), 0, 90, Party.APPLICANT, "Luật Khiếu nại 2011, Điều 9 [cần kiểm tra]"),
]
