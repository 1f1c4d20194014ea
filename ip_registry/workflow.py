"""The protection application process, as one table; and an asset's protection over time, as rules.

Law on Intellectual Property 2005 (amended to 2022), Decree 65/2023/NĐ-CP, Circular 23/2023/TT-BKHCN.
An application moves from status to status; each move names what it needs (a date always; a reason,
a document, a certificate number where the law produces one) and which deadlines it meets. Which
deadlines a move *opens*, and how long they run, are data: ``DeadlineRule`` rows, seeded with the
statutory limits and editable in the admin, because the law changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db import models
from django.db.models import Case, CharField, F, Q, Value, When
from django.utils.translation import gettext_lazy as _


class AssetKind(models.TextChoices):
    GEOGRAPHICAL_INDICATION = "geographical_indication", _("Chỉ dẫn địa lý")
    CERTIFICATION_MARK = "certification_mark", _("Nhãn hiệu chứng nhận")
    COLLECTIVE_MARK = "collective_mark", _("Nhãn hiệu tập thể")
    MARK = "mark", _("Nhãn hiệu thông thường")
    PLANT_VARIETY = "plant_variety", _("Giống cây trồng")
    COPYRIGHT = "copyright", _("Quyền tác giả")


# Marks are valid ten years from filing and renewable; a GI is protected without a term.
MARK_KINDS = frozenset({AssetKind.CERTIFICATION_MARK, AssetKind.COLLECTIVE_MARK, AssetKind.MARK})
# Rights the province counts as industrial property (the +5% a year target).
INDUSTRIAL_PROPERTY_KINDS = frozenset({AssetKind.GEOGRAPHICAL_INDICATION, *MARK_KINDS})


class AssetStatus(models.TextChoices):
    PENDING = "pending", _("Đang xử lý")
    PROTECTED = "protected", _("Đang được bảo hộ")
    RENEWAL_DUE = "renewal_due", _("Đến hạn gia hạn")
    GRACE_PERIOD = "grace_period", _("Trong thời gian ân hạn")
    RENEWAL_PENDING = "renewal_pending", _("Đang chờ quyết định gia hạn")
    EXPIRED = "expired", _("Hết hiệu lực")
    TERMINATED = "terminated", _("Bị chấm dứt hiệu lực")
    INVALIDATED = "invalidated", _("Bị hủy bỏ hiệu lực")
    REFUSED = "refused", _("Bị từ chối")
    WITHDRAWN = "withdrawn", _("Đã rút đơn")


# Statuses in which the right is in force (renewal can still be made during the grace period).
# A renewal requested in time and not yet decided keeps the mark in force past its grace period: granted, it
# was protected throughout (arts. 93.6, 94.1).
IN_FORCE_STATUSES = frozenset({AssetStatus.PROTECTED, AssetStatus.RENEWAL_DUE, AssetStatus.GRACE_PERIOD,
                               AssetStatus.RENEWAL_PENDING})


class Basis(models.TextChoices):
    """Where an asset's protection stands from a day on, before the dates of its term are read."""

    PENDING = "pending", _("Đang xử lý")
    PROTECTED = "protected", _("Đã cấp văn bằng")
    TERMINATED = "terminated", _("Bị chấm dứt hiệu lực")
    INVALIDATED = "invalidated", _("Bị hủy bỏ hiệu lực")
    REFUSED = "refused", _("Bị từ chối")
    WITHDRAWN = "withdrawn", _("Đã rút đơn")


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


class EndingGround(models.TextChoices):
    """Why a right is terminated (art. 95) or invalidated (art. 96)."""

    NON_USE = "non_use", _("Không sử dụng liên tục 5 năm")
    USE_NOT_CONTROLLED = "use_not_controlled", _("Không kiểm soát việc sử dụng theo quy chế")
    OWNER_CEASED = "owner_ceased", _("Chủ sở hữu không còn tồn tại hoặc không còn kinh doanh")
    RENOUNCED = "renounced", _("Chủ sở hữu tuyên bố từ bỏ")
    NOT_ENTITLED = "not_entitled", _("Người nộp đơn không có quyền đăng ký")
    NOT_PROTECTABLE = "not_protectable", _("Không đáp ứng điều kiện bảo hộ")
    BAD_FAITH = "bad_faith", _("Nộp đơn với dụng ý xấu")


TERMINATION_GROUNDS = frozenset({EndingGround.NON_USE, EndingGround.USE_NOT_CONTROLLED, EndingGround.OWNER_CEASED,
                                 EndingGround.RENOUNCED})
INVALIDATION_GROUNDS = frozenset({EndingGround.NOT_ENTITLED, EndingGround.NOT_PROTECTABLE, EndingGround.BAD_FAITH})
# Invalidation may be requested within five years of the grant, at any time for bad faith (art. 96.3).
INVALIDATION_PERIOD = relativedelta(years=5)


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
        # A complaint that succeeds sends the application back to the grant stage: why, in the step.
        S.INTENDED_GRANT: Move(needs_reason=True, needs_document=True),
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
        S.GRANTED: Move(needs_reason=True, needs_document=True),
        S.REFUSED: Move(needs_reason=True, needs_document=True),
    },
    S.GRANTED: {},
    S.WITHDRAWN: {},
}

# What the button for each move says: the act it records, not the status it leads to. By the status moved to;
# the moves below name those that say something else for the status they leave or the kind of application.
ACTIONS: dict[str, str] = {
    S.FILED: _("Ghi nhận đã nộp đơn"),
    S.FORMALITY_DEFICIENT: _("Ghi nhận thông báo thiếu sót hình thức"),
    S.ACCEPTED: _("Ghi nhận chấp nhận đơn hợp lệ"),
    S.PUBLISHED: _("Ghi nhận đã công bố đơn"),
    S.OPPOSED: _("Ghi nhận có ý kiến phản đối"),
    S.INTENDED_GRANT: _("Ghi nhận thông báo dự định cấp văn bằng"),
    S.INTENDED_REFUSAL: _("Ghi nhận thông báo dự định từ chối"),
    S.GRANTED: _("Ghi nhận cấp văn bằng"),
    S.REFUSED: _("Ghi nhận từ chối cấp văn bằng"),
    S.UNDER_COMPLAINT: _("Ghi nhận khiếu nại"),
    S.WITHDRAWN: _("Rút đơn"),
    S.LAPSED: _("Ghi nhận đơn bị coi như rút bỏ"),
}
REGISTRATION_ACTIONS: dict[tuple[str, str], str] = {
    # Refused at the formality examination: the application was never accepted, let alone examined.
    (S.FORMALITY_DEFICIENT, S.REFUSED): _("Ghi nhận từ chối chấp nhận đơn"),
    # The decision on a complaint sends the application back to the grant stage, or upholds the refusal.
    (S.UNDER_COMPLAINT, S.INTENDED_GRANT): _("Ghi nhận khiếu nại được chấp nhận"),
    (S.UNDER_COMPLAINT, S.REFUSED): _("Ghi nhận khiếu nại không được chấp nhận"),
}
REQUEST_ACTIONS: dict[tuple[str, str], str] = {
    (S.FILED, S.GRANTED): _("Ghi nhận chấp thuận yêu cầu"),
    (S.FILED, S.REFUSED): _("Ghi nhận từ chối yêu cầu"),
    (S.UNDER_COMPLAINT, S.GRANTED): _("Ghi nhận khiếu nại được chấp nhận"),
    (S.UNDER_COMPLAINT, S.REFUSED): _("Ghi nhận khiếu nại không được chấp nhận"),
}


def action_label(application_kind: str, from_status: str, to_status: str) -> str:
    """What the button for the move from ``from_status`` to ``to_status`` says."""
    moves = REGISTRATION_ACTIONS if application_kind == ApplicationKind.REGISTRATION else REQUEST_ACTIONS
    return moves.get((from_status, to_status), ACTIONS[to_status])


# After grant (Law on IP, art. 93.6): a mark is valid ten years from filing, renewable for ten years at a
# time, from six months before its end until six months after it, with a surcharge per month late.
MARK_TERM = relativedelta(years=10)
RENEWAL_WINDOW = relativedelta(months=6)
GRACE_PERIOD = relativedelta(months=6)
SURCHARGE_PER_MONTH = 10  # percent of the renewal fee, per month or part of a month late

# Decisions whose receipt starts the time for a complaint (Law on Complaints, art. 9).
DECISIONS_RECEIVED = frozenset({S.REFUSED, S.LAPSED})

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


# An asset's protection over time ----------------------------------------------------------------------
# The rule, once: ``protection_on`` reads an asset's applications and their steps (as the selectors
# prefetch them) and says where its protection stood at the end of a day; ``status_of`` turns that and the
# day into the asset's status. The services keep each asset's ``ProtectionSpan`` rows (the spans of days
# over which ``protection_on`` does not change) from the first, so the database answers the second:
# ``status_case`` and ``status_filter`` are ``status_of`` in SQL, over a span's stored dates. The tests
# hold the two to the same answer on every boundary day.

@dataclass(frozen=True)
class Protection:
    basis: str
    term_ends_on: dt.date | None = None  # the last day of the term (none: protected without one, a GI)
    renewal_from: dt.date | None = None  # a mark may be renewed from this day (six months before the end)
    grace_until: dt.date | None = None  # the last day of the grace period after the end (a mark)
    renewal_pending: bool = False  # a renewal requested in time awaits its decision
    organisation_id: int | None = None  # whom it is counted under: the owner then, or a GI's managing body


PENDING = Protection(Basis.PENDING)


def status_of(protection: Protection, on: dt.date) -> str:
    """The asset's status on ``on``, given where its protection stood that day."""
    if protection.basis != Basis.PROTECTED:
        return protection.basis
    if protection.term_ends_on is None:
        return AssetStatus.PROTECTED
    if protection.renewal_from is not None and protection.renewal_from <= on <= protection.term_ends_on:
        return AssetStatus.RENEWAL_DUE
    if on <= protection.term_ends_on:
        return AssetStatus.PROTECTED
    if protection.grace_until is not None and on <= protection.grace_until:
        return AssetStatus.GRACE_PERIOD
    if protection.renewal_pending:
        return AssetStatus.RENEWAL_PENDING
    return AssetStatus.EXPIRED


def _at(prefix: str):
    return lambda name: f"{prefix}{name}"


def status_case(on: dt.date, prefix: str) -> Case:
    """``status_of`` in SQL, over the span at ``prefix`` (a span that covers ``on``; none: pending)."""
    field = _at(prefix)
    return Case(
        When(**{field("basis__isnull"): True}, then=Value(AssetStatus.PENDING)),
        When(~Q(**{field("basis"): Basis.PROTECTED}), then=F(field("basis"))),
        When(**{field("term_ends_on__isnull"): True}, then=Value(AssetStatus.PROTECTED)),
        When(Q(**{field("renewal_from__lte"): on, field("term_ends_on__gte"): on}),
             then=Value(AssetStatus.RENEWAL_DUE)),
        When(**{field("term_ends_on__gte"): on}, then=Value(AssetStatus.PROTECTED)),
        When(**{field("grace_until__gte"): on}, then=Value(AssetStatus.GRACE_PERIOD)),
        When(**{field("renewal_pending"): True}, then=Value(AssetStatus.RENEWAL_PENDING)),
        default=Value(AssetStatus.EXPIRED), output_field=CharField(),
    )


def status_filter(status: str, on: dt.date, prefix: str) -> Q:
    """The spans (at ``prefix``, covering ``on``) whose asset has ``status`` that day: ``status_of`` as a
    condition on the stored dates, which an index can serve."""
    field = _at(prefix)
    protected = Q(**{field("basis"): Basis.PROTECTED})
    renewing = Q(**{field("renewal_from__lte"): on, field("term_ends_on__gte"): on})
    past_grace = Q(**{field("term_ends_on__lt"): on}) & (
        Q(**{field("grace_until__isnull"): True}) | Q(**{field("grace_until__lt"): on}))
    if status == AssetStatus.PENDING:
        return Q(**{field("basis__isnull"): True}) | Q(**{field("basis"): Basis.PENDING})
    if status == AssetStatus.PROTECTED:
        return protected & (Q(**{field("term_ends_on__isnull"): True})
                            | (Q(**{field("term_ends_on__gte"): on}) & ~renewing))
    if status == AssetStatus.RENEWAL_DUE:
        return protected & renewing
    if status == AssetStatus.GRACE_PERIOD:
        return protected & Q(**{field("term_ends_on__lt"): on, field("grace_until__gte"): on})
    if status == AssetStatus.RENEWAL_PENDING:
        return protected & past_grace & Q(**{field("renewal_pending"): True})
    if status == AssetStatus.EXPIRED:
        return protected & past_grace & Q(**{field("renewal_pending"): False})
    return Q(**{field("basis"): status})


def in_force_filter(on: dt.date, prefix: str) -> Q:
    """The spans whose asset is in force on ``on`` (protected, due for renewal, in grace, renewal pending)."""
    field = _at(prefix)
    return Q(**{field("basis"): Basis.PROTECTED}) & (
        Q(**{field("term_ends_on__isnull"): True}) | Q(**{field("term_ends_on__gte"): on})
        | Q(**{field("grace_until__gte"): on}) | Q(**{field("renewal_pending"): True}))


def application_status_on(application, on: dt.date) -> str:
    """The status the application had at the end of the day ``on`` (its steps, in date order)."""
    status = ApplicationStatus.PREPARING
    for step in application.steps.all():
        if step.on <= on:
            status = step.to_status
    return status


def _granted_on(application, on: dt.date) -> dt.date | None:
    """The day the application was granted, if it was granted by ``on`` and still stood then."""
    if application_status_on(application, on) != ApplicationStatus.GRANTED:
        return None
    return max(step.on for step in application.steps.all()
               if step.to_status == ApplicationStatus.GRANTED and step.on <= on)


def _filed_on(application) -> dt.date:
    return application.filing_date or next(
        (step.on for step in application.steps.all() if step.to_status == ApplicationStatus.FILED), dt.date.max)


UNDECIDED_REQUEST = frozenset({ApplicationStatus.FILED, ApplicationStatus.UNDER_COMPLAINT})


def valid_until_on(asset, on: dt.date) -> dt.date | None:
    """The end of the term as it stood on ``on``. Today's ``valid_until`` holds every renewal granted; each
    adds ten years to the term before it, and counts on ``on`` once requested by then, or once ``on`` is past
    the end it extended: a renewal granted after the grace period leaves no gap (arts. 93.6, 94.1)."""
    if asset.valid_until is None:
        return None
    renewals = sorted((_filed_on(application), application.pk) for application in asset.applications.all()
                      if application.kind == ApplicationKind.RENEWAL
                      and application.status == ApplicationStatus.GRANTED)
    end = asset.valid_until - MARK_TERM * len(renewals)
    for filed, _pk in renewals:
        if on < filed and on <= end:
            break
        end += MARK_TERM
    return end


def owner_on(asset, on: dt.date) -> int | None:
    """Who owned ``asset`` on ``on``: the new owner of the last transfer granted by then; before any, the owner
    the first granted transfer took it from (today's owner when none was granted)."""
    transfers = sorted(
        (granted, application.pk, application) for application in asset.applications.all()
        if application.kind == ApplicationKind.TRANSFER
        and (granted := _granted_on(application, dt.date.max)) is not None
    )
    owner = transfers[0][2].previous_owner_id if transfers else asset.owner_id
    for granted, _pk, application in transfers:
        if granted <= on:
            owner = application.new_owner_id
    return owner


def protection_on(asset, on: dt.date) -> Protection:
    """Where ``asset``'s protection stood at the end of ``on``, from its applications and their steps."""
    applications = list(asset.applications.all())
    organisation = owner_on(asset, on) or asset.managing_organisation_id
    ended = [
        (granted, application.kind)
        for application in applications
        if application.kind in (ApplicationKind.TERMINATION, ApplicationKind.INVALIDATION)
        and (granted := _granted_on(application, on)) is not None
    ]
    if ended:
        _, kind = max(ended)
        basis = Basis.INVALIDATED if kind == ApplicationKind.INVALIDATION else Basis.TERMINATED
        return Protection(basis, organisation_id=organisation)

    registrations = [a for a in applications if a.kind == ApplicationKind.REGISTRATION]
    granted = any(_granted_on(a, on) for a in registrations) or (
        # A title granted before the registry was kept, entered with its grant date only.
        not registrations and asset.grant_date is not None and asset.grant_date <= on
    )
    if granted:
        until = valid_until_on(asset, on)
        if until is None:
            return Protection(Basis.PROTECTED, organisation_id=organisation)
        if asset.kind not in MARK_KINDS:
            return Protection(Basis.PROTECTED, until, organisation_id=organisation)
        pending = any(application.kind == ApplicationKind.RENEWAL
                      and application_status_on(application, on) in UNDECIDED_REQUEST
                      for application in applications)
        return Protection(Basis.PROTECTED, until, until - RENEWAL_WINDOW, until + GRACE_PERIOD, pending,
                          organisation)

    if registrations:
        latest = max(registrations, key=lambda a: (a.filing_date or dt.date.max, a.pk))
        status = application_status_on(latest, on)
        if status == ApplicationStatus.REFUSED:
            return Protection(Basis.REFUSED, organisation_id=organisation)
        if status in (ApplicationStatus.WITHDRAWN, ApplicationStatus.LAPSED):
            return Protection(Basis.WITHDRAWN, organisation_id=organisation)
    return Protection(Basis.PENDING, organisation_id=organisation)


def asset_status(asset, on: dt.date) -> str:
    """What the asset's protection was on ``on``: the rule, read from its applications."""
    return status_of(protection_on(asset, on), on)


def protection_timeline(asset) -> list[tuple[dt.date, dt.date | None, Protection]]:
    """The spans (first day, last day or none, protection) over which ``protection_on`` holds still,
    from the first day it is other than pending. It changes only on the days of steps and of a grant
    entered without one."""
    days = {step.on for application in asset.applications.all() for step in application.steps.all()}
    if asset.grant_date is not None:
        days.add(asset.grant_date)
    if asset.valid_until is not None:
        # The day after each end a granted renewal extended: from then it counts, requested or not yet.
        renewed = sum(1 for application in asset.applications.all()
                      if application.kind == ApplicationKind.RENEWAL
                      and application.status == ApplicationStatus.GRANTED)
        days |= {asset.valid_until - MARK_TERM * count + dt.timedelta(days=1) for count in range(1, renewed + 1)}
    spans: list[list] = []
    for day in sorted(days):
        protection = protection_on(asset, day)
        if spans and spans[-1][2] == protection:
            continue
        if spans:
            spans[-1][1] = day - dt.timedelta(days=1)
        if spans or protection.basis != Basis.PENDING:
            spans.append([day, None, protection])
    return [tuple(span) for span in spans]
