"""Every write to the IP registry. Each function is one use case, in one transaction, recorded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import audited_write
from audit.versions import require_version
from audit.history import acting_user
from audit.models import AuditAction
from directory.access import can_edit_ip
from directory.calendar import limit_end
from directory.dates import require_plausible
from directory.files import check_upload, sha256_and_size, withdrawn
from directory.importing import run as run_import
from directory.models import AdministrativeUnit, Organisation
from directory.services import require_in_force
from directory.workflow import InvalidTransition
from ip_registry.imports import GrowingAreaImport, GrowingAreaImporter
from ip_registry.models import (
    MARK_KINDS,
    PUBLISHABLE_DOCUMENTS,
    ApplicationStep,
    AssetKind,
    Deadline,
    DeadlineRule,
    DeadlineState,
    Document,
    GrowingAreaCode,
    InfringementCase,
    InfringementStep,
    IPAsset,
    Opposition,
    OppositionOutcome,
    Product,
    ProtectionApplication,
    ProtectionSpan,
    Target,
    ThirdPartyOpinion,
)
from ip_registry.workflow import (
    DECISIONS_RECEIVED,
    FINAL_STATUSES,
    GRACE_PERIOD,
    INVALIDATION_GROUNDS,
    INVALIDATION_PERIOD,
    MARK_TERM,
    RENEWAL_WINDOW,
    SURCHARGE_PER_MONTH,
    ApplicationKind,
    ApplicationStatus,
    DeadlineKind,
    EndingGround,
    Party,
    TERMINATION_GROUNDS,
    allowed_moves,
    protection_timeline,
)



class RenewalClosed(ValidationError):
    """Renewal cannot be requested on that date (too early, after the grace period, or not a mark)."""


def _require_editor(actor) -> None:
    # actor None is the system (data loads, commands run without --actor).
    if actor is not None and not can_edit_ip(actor):
        raise PermissionDenied(_("Chỉ cán bộ sở hữu trí tuệ được thay đổi sổ đăng ký."))


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


# Products and assets ------------------------------------------------------------------------------

def product_upsert(*, actor, name: str, category: str, units: Iterable[AdministrativeUnit] = (),
                   reason: str = "") -> Product:
    _require_editor(actor)
    with audited_write(actor, reason=reason):
        product = Product.objects.filter(name=name).first() or Product(name=name)
        product.category = category
        _save(product)
        _set_m2m(product.units, units)
        return product


def _set_m2m(manager, objects) -> None:
    """Replace a many-to-many set, writing history only when it really changes."""
    wanted = {obj.pk for obj in objects}
    if set(manager.values_list("pk", flat=True)) != wanted:
        manager.set(list(wanted))


ASSET_FIELDS = (
    "kind", "name", "product", "owner", "managing_organisation", "authorising_decision", "nice_classes",
    "support_decision", "support_amount",
)


def asset_create(*, actor, area_units: Iterable[AdministrativeUnit] = (), reason: str = "", **fields) -> IPAsset:
    _require_editor(actor)
    unknown = set(fields) - set(ASSET_FIELDS)
    if unknown:
        raise TypeError(f"asset_create() got unexpected fields {sorted(unknown)}")
    with audited_write(actor, reason=reason):
        asset = _save(IPAsset(**fields))
        _set_m2m(asset.area_units, area_units)
        return asset


def asset_update(*, actor, asset: IPAsset, area_units: Iterable[AdministrativeUnit] | None = None,
                 reason: str = "", version: str | None = None, **changes) -> IPAsset:
    """Change an asset's fields. With the ``version`` the form was opened on, an edit over a newer version is
    refused (``StaleEdit``, saying what changed meanwhile) and nothing is saved."""
    _require_editor(actor)
    unknown = set(changes) - set(ASSET_FIELDS)
    if unknown:
        raise TypeError(f"asset_update() got unexpected fields {sorted(unknown)}")
    with audited_write(actor, reason=reason):
        IPAsset.objects.select_for_update().filter(pk=asset.pk).order_by().exists()
        require_version(asset, version)
        for name, value in changes.items():
            setattr(asset, name, value)
        asset_save(actor=actor, asset=asset, reason=reason)
        if area_units is not None:
            _set_m2m(asset.area_units, area_units)
        return asset


def asset_save(*, actor, asset: IPAsset, reason: str = "") -> IPAsset:
    """Validate and save ``asset`` as edited (the admin's form too), and keep its protection spans: a
    change of kind changes its term's dates (a mark is renewable, a GI is not)."""
    _require_editor(actor)
    with audited_write(actor, reason=reason):
        _save(asset)
        protection_refresh(assets=[asset])
        return asset


def asset_upsert(*, actor, kind: str, name: str, area_units=(), reason: str = "", **fields) -> IPAsset:
    """Create the asset of this kind and name, or bring it up to date (idempotent data loads)."""
    existing = IPAsset.objects.filter(kind=kind, name=name).first()
    if existing is None:
        return asset_create(actor=actor, kind=kind, name=name, area_units=area_units, reason=reason, **fields)
    return asset_update(actor=actor, asset=existing, area_units=area_units, reason=reason, **fields)


# Applications and their workflow ------------------------------------------------------------------

def application_create(
    *,
    actor,
    asset: IPAsset,
    applicant: Organisation,
    kind: str = ApplicationKind.REGISTRATION,
    representative: str = "",
    application_number: str | None = None,
    filing_date: dt.date | None = None,
    note: str = "",
    reason: str = "",
    new_owner: Organisation | None = None,
    amendments: dict | None = None,
    ground: str = "",
) -> ProtectionApplication:
    """Open an application (being prepared); with a number and a filing date it is filed at once.

    A transfer names the ``new_owner``; an amendment the asset's fields it changes (``amendments``); a
    termination or invalidation its ``ground``."""
    _require_editor(actor)
    # Before the applicant's unit in force on that day: a date typed wrong is told as such.
    require_plausible(ProtectionApplication, "filing_date", filing_date)
    require_in_force(on=filing_date, organisation=applicant, field="applicant")
    _check_request(asset=asset, kind=kind, new_owner=new_owner, amendments=amendments or {}, ground=ground)
    with audited_write(actor, reason=reason):
        application = _save(ProtectionApplication(
            asset=asset, kind=kind, applicant=applicant, representative=representative,
            application_number=application_number or None, new_owner=new_owner, amendments=amendments or {},
            ground=ground,
        ))
        if filing_date is not None:
            application = application_advance(
                application=application, to_status=ApplicationStatus.FILED, actor=actor, on=filing_date, note=note,
            )
        return application


# What an amendment may change on the asset (the rest goes through its own request or the asset's form).
AMENDABLE_FIELDS = ("name", "nice_classes")


def _check_request(*, asset: IPAsset, kind: str, new_owner, amendments: dict, ground: str) -> None:
    """What each kind of request must say, before anything is written."""
    errors = {}
    if kind == ApplicationKind.TRANSFER:
        if new_owner is None:
            errors["new_owner"] = _("Yêu cầu chuyển nhượng cần ghi chủ sở hữu mới.")
        elif asset.kind == AssetKind.GEOGRAPHICAL_INDICATION:
            errors["new_owner"] = _("Chỉ dẫn địa lý thuộc sở hữu Nhà nước: không chuyển nhượng.")
        elif new_owner.pk == asset.owner_id:
            errors["new_owner"] = _("Chủ sở hữu mới trùng chủ sở hữu hiện tại.")
    elif new_owner is not None:
        errors["new_owner"] = _("Chỉ yêu cầu chuyển nhượng mới ghi chủ sở hữu mới.")
    if kind == ApplicationKind.AMENDMENT:
        unknown = sorted(set(amendments) - set(AMENDABLE_FIELDS))
        if not amendments:
            errors["amendments"] = _("Yêu cầu sửa đổi cần ghi nội dung sửa đổi.")
        elif unknown:
            errors["amendments"] = _("Không sửa đổi được qua yêu cầu này: %(fields)s.") % {"fields": ", ".join(unknown)}
    elif amendments:
        errors["amendments"] = _("Chỉ yêu cầu sửa đổi văn bằng mới ghi nội dung sửa đổi.")
    grounds = {ApplicationKind.TERMINATION: TERMINATION_GROUNDS, ApplicationKind.INVALIDATION: INVALIDATION_GROUNDS}
    if kind in grounds and ground not in grounds[kind]:
        errors["ground"] = _("Hãy chọn căn cứ %(kind)s.") % {"kind": ApplicationKind(kind).label.lower()}
    elif kind not in grounds and ground:
        errors["ground"] = _("Chỉ yêu cầu chấm dứt hoặc hủy bỏ hiệu lực mới ghi căn cứ.")
    if errors:
        raise ValidationError(errors)


def _check_invalidation_in_time(application: ProtectionApplication, *, on: dt.date) -> None:
    """Invalidation within five years of the grant; at any time on the ground of bad faith (art. 96.3)."""
    asset = application.asset
    if application.ground == EndingGround.BAD_FAITH or asset.grant_date is None:
        return
    last_day = asset.grant_date + INVALIDATION_PERIOD
    if on > last_day:
        raise InvalidTransition(
            _("Quá 5 năm kể từ ngày cấp văn bằng (%(granted)s, hết ngày %(last)s): chỉ được yêu cầu hủy bỏ hiệu lực "
              "với căn cứ nộp đơn với dụng ý xấu.")
            % {"granted": asset.grant_date.strftime("%d/%m/%Y"), "last": last_day.strftime("%d/%m/%Y")},
            code="invalidation_too_late",
        )


def application_update(*, actor, application: ProtectionApplication, reason: str = "", **changes):
    """Correct the number, applicant or representative. The status changes only through advance."""
    _require_editor(actor)
    allowed = {"application_number", "applicant", "representative"}
    if set(changes) - allowed:
        raise TypeError(f"application_update() cannot change {sorted(set(changes) - allowed)}")
    with audited_write(actor, reason=reason):
        for name, value in changes.items():
            if name == "application_number":
                value = value or None  # unique, so "not yet numbered" is NULL, not ""
            setattr(application, name, value)
        return _save(application)


def _status_label(status: str) -> str:
    return str(ApplicationStatus(status).label) if status else "—"


def application_advance(
    *,
    application: ProtectionApplication,
    to_status: str,
    actor,
    on: dt.date,
    note: str = "",
    reason: str = "",
    document: Document | None = None,
    certificate_number: str = "",
    received_on: dt.date | None = None,
) -> ProtectionApplication:
    """Move an application to ``to_status`` on the day ``on``, as the workflow table allows.

    Records the step, meets and opens the deadlines the move concerns, and carries a grant or a
    renewal over to the asset. Raises ``InvalidTransition`` (and writes nothing) when the move is not
    allowed from the current status, is dated in the future or before the previous step, or lacks
    what it requires. Repeating the current status is not a move: it is refused too. A refusal or a lapse
    records the day the applicant received the decision (``received_on``, default the decision's day), from
    which the complaint's time runs.
    """
    _require_editor(actor)
    with audited_write(actor, reason=reason, action=AuditAction.WORKFLOW):
        # Lock the row and read the status as it is now, not as the caller last saw it.
        application = ProtectionApplication.objects.select_for_update().select_related("asset").get(
            pk=application.pk
        )
        current = application.status
        moves = allowed_moves(application.kind, current)
        move = moves.get(to_status)
        if move is None:
            allowed = ", ".join(_status_label(status) for status in moves) or _("không có (đã kết thúc)")
            raise InvalidTransition(
                _("Không thể chuyển đơn %(number)s từ “%(current)s” sang “%(target)s”. "
                  "Từ “%(current)s” chỉ có thể chuyển sang: %(allowed)s.")
                % {"number": application, "current": _status_label(current),
                   "target": _status_label(to_status), "allowed": allowed},
                code="invalid_transition",
            )
        today = timezone.localdate()
        if on > today:
            raise InvalidTransition(
                _("Ngày %(on)s ở tương lai: chỉ ghi nhận việc đã xảy ra.") % {"on": on.strftime("%d/%m/%Y")},
                code="future_date",
            )
        require_plausible(ApplicationStep, "on", on)
        last = application.steps.order_by("-on", "-pk").first()
        if last is not None and on < last.on:
            raise InvalidTransition(
                _("Ngày %(on)s trước bước trước đó (%(last)s, ngày %(last_on)s).")
                % {"on": on.strftime("%d/%m/%Y"), "last": _status_label(last.to_status),
                   "last_on": last.on.strftime("%d/%m/%Y")},
                code="date_before_previous_step",
            )
        missing = []
        if move.needs_reason and not reason.strip():
            missing.append(_("lý do"))
        if move.needs_document and document is None:
            missing.append(_("tài liệu"))
        if move.needs_certificate_number and application.kind == ApplicationKind.REGISTRATION \
                and not certificate_number.strip():
            missing.append(_("số văn bằng"))
        if to_status == ApplicationStatus.FILED and not application.application_number:
            missing.append(_("số đơn"))
        if missing:
            raise InvalidTransition(
                _("Chuyển sang “%(target)s” cần: %(missing)s.")
                % {"target": _status_label(to_status), "missing": ", ".join(map(str, missing))},
                code="missing_requirement",
            )
        if received_on is not None and to_status not in DECISIONS_RECEIVED:
            raise InvalidTransition(_("Chỉ quyết định từ chối hoặc coi như rút bỏ mới ghi ngày nhận quyết định."),
                                    code="received_on_not_a_decision")
        if received_on is not None and not on <= received_on <= today:
            raise InvalidTransition(
                _("Ngày nhận quyết định (%(received)s) phải từ ngày quyết định (%(on)s) đến hôm nay.")
                % {"received": received_on.strftime("%d/%m/%Y"), "on": on.strftime("%d/%m/%Y")},
                code="received_on_out_of_range")
        if document is not None and document.asset_id != application.asset_id:
            raise InvalidTransition(_("Tài liệu thuộc tài sản trí tuệ khác."), code="foreign_document")
        if to_status == ApplicationStatus.FILED and application.kind == ApplicationKind.RENEWAL:
            # Raises outside the window; the lateness is fixed on the request as filed.
            application.months_late, application.surcharge_percent = renewal_lateness(asset=application.asset, on=on)
        if to_status == ApplicationStatus.FILED and application.kind == ApplicationKind.INVALIDATION:
            _check_invalidation_in_time(application, on=on)
        if to_status == ApplicationStatus.GRANTED and application.kind == ApplicationKind.REGISTRATION:
            _check_no_opposition_pending(application, on=on)

        if to_status in DECISIONS_RECEIVED:
            received_on = received_on or on
        _save(ApplicationStep(
            application=application, from_status=current, to_status=to_status, on=on, note=note, reason=reason,
            document=document, recorded_by=acting_user(actor), received_on=received_on,
        ))
        application.status = to_status
        if to_status == ApplicationStatus.FILED:
            application.filing_date = on
        _save(application)

        _close_deadlines(application, kinds=move.closes, on=on, cancel_rest=to_status in FINAL_STATUSES)
        _open_deadlines(application, opened_by=to_status, on=on, received_on=received_on)
        if to_status == ApplicationStatus.GRANTED:
            _carry_grant_to_asset(application, on=on, certificate_number=certificate_number.strip())
        protection_refresh(assets=[application.asset])
        return application


def protection_refresh(*, assets: Iterable[IPAsset], batch_size: int = 500) -> None:
    """Bring the ``ProtectionSpan`` rows of ``assets`` in line with their applications and steps (the rule
    of ``workflow.protection_timeline``), inside the caller's write: only the spans that differ change,
    each with its history. Bulk writers call it for many assets at once, ``batch_size`` at a time."""
    ids = [asset.pk for asset in assets]
    for start in range(0, len(ids), batch_size):
        _refresh_spans(ids[start:start + batch_size])


def _refresh_spans(ids: list[int]) -> None:
    steps = ApplicationStep.objects.only("application_id", "to_status", "on").order_by("on", "pk")
    applications = ProtectionApplication.objects.only(
        "asset_id", "kind", "status", "filing_date", "new_owner", "previous_owner",
    ).prefetch_related(Prefetch("steps", queryset=steps))
    fresh = IPAsset.objects.filter(pk__in=ids).only(
        "kind", "grant_date", "valid_until", "owner", "managing_organisation",
    ).prefetch_related(Prefetch("applications", queryset=applications), "spans")
    created, changed = [], []
    for asset in fresh:
        wanted = {start: (end, protection) for start, end, protection in protection_timeline(asset)}
        existing = {span.starts_on: span for span in asset.spans.all()}
        for start, span in existing.items():
            if start not in wanted:
                span.delete()
        for start, (end, protection) in wanted.items():
            values = {"ends_on": end, "basis": protection.basis, "term_ends_on": protection.term_ends_on,
                      "renewal_from": protection.renewal_from, "grace_until": protection.grace_until,
                      "renewal_pending": protection.renewal_pending, "kind": asset.kind,
                      "organisation_id": protection.organisation_id}
            span = existing.get(start)
            if span is None:
                created.append(ProtectionSpan(asset_id=asset.pk, starts_on=start, **values))
            elif any(getattr(span, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(span, name, value)
                changed.append(span)
    for span in changed:
        _save(span)
    if created:
        ProtectionSpan.objects.bulk_create(created)
        ProtectionSpan.history.bulk_history_create(created)


def _close_deadlines(application, *, kinds, on: dt.date, cancel_rest: bool) -> None:
    for deadline in application.deadlines.filter(state=DeadlineState.OPEN):
        if deadline.kind in kinds and deadline.party == Party.THIRD_PARTY:
            # A window for third parties (oppositions) obliges nobody: it simply ended.
            deadline.met_date = min(on, deadline.due_date)
            deadline.state = DeadlineState.MET
        elif deadline.kind in kinds:
            deadline.met_date = on
            deadline.state = DeadlineState.MET if on <= deadline.due_date else DeadlineState.MISSED
        elif cancel_rest:
            deadline.state = DeadlineState.CANCELLED
        else:
            continue
        _save(deadline)


def rules_in_force(*, application_kind: str, asset_kind: str, opened_by: str, on: dt.date) -> dict[str, DeadlineRule]:
    """The deadline rules a move to ``opened_by`` on ``on`` opens, by deadline: those in force that day, a
    rule for the asset's kind overriding the general one."""
    rules = DeadlineRule.objects.filter(
        Q(asset_kind=asset_kind) | Q(asset_kind=""), opened_by=opened_by, application_kind=application_kind,
        active=True,
    ).filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    chosen: dict[str, DeadlineRule] = {}
    for rule in rules.order_by("asset_kind"):
        chosen[rule.deadline] = rule
    return chosen


def _open_deadlines(application, *, opened_by: str, on: dt.date, received_on: dt.date | None = None) -> None:
    """Open the deadlines of the rules in force on the step's day; each ends as the Civil Code says (a last
    day off moves to the next working day). A complaint's 90 days run from the day the applicant received
    the decision."""
    rules = rules_in_force(application_kind=application.kind, asset_kind=application.asset.kind,
                           opened_by=opened_by, on=on)
    for rule in rules.values():
        start = (received_on or on) if rule.deadline == DeadlineKind.COMPLAINT else on
        _save(Deadline(
            application=application, kind=rule.deadline, party=rule.party, opened_on=start,
            due_date=limit_end(start, months=rule.months, days=rule.days), rule=rule,
        ))


def _carry_grant_to_asset(application, *, on: dt.date, certificate_number: str) -> None:
    asset = application.asset
    if application.kind == ApplicationKind.TRANSFER:
        # Ownership is dated: the new owner from the decision's day, the old one kept on the request.
        application.previous_owner = asset.owner
        _save(application)
        asset.owner = application.new_owner
        _save(asset)
    elif application.kind == ApplicationKind.AMENDMENT:
        for name, value in application.amendments.items():
            setattr(asset, name, value)
        _save(asset)
    elif application.kind == ApplicationKind.REGISTRATION:
        asset.grant_date = on
        asset.certificate_number = certificate_number
        if asset.kind in MARK_KINDS:
            # Law on IP, art. 93.6: a mark is valid ten years from the filing date.
            asset.valid_until = application.filing_date + MARK_TERM
        _save(asset)
    elif application.kind == ApplicationKind.RENEWAL and asset.valid_until is not None:
        # Each renewal adds ten years to the term, counted from its previous end (art. 93.6).
        asset.valid_until = asset.valid_until + MARK_TERM
        _save(asset)


def renewal_surcharge_percent(*, asset: IPAsset, on: dt.date) -> int:
    """The surcharge on the renewal fee for a request made on ``on``, in percent of the fee."""
    return renewal_lateness(asset=asset, on=on)[1]


def renewal_lateness(*, asset: IPAsset, on: dt.date) -> tuple[int, int]:
    """How late a renewal requested on ``on`` is: (months or part of a month late, surcharge in percent of the
    fee). (0, 0) inside the six months before ``valid_until`` (and on that day); then 10% for each month or
    part of a month after it, up to six months (60%). Raises ``RenewalClosed`` before the window opens,
    after the grace period, or for an asset that is not a mark.
    """
    if asset.kind not in MARK_KINDS or asset.valid_until is None:
        raise RenewalClosed(_("Chỉ nhãn hiệu đã được cấp văn bằng mới được gia hạn."), code="not_renewable")
    until = asset.valid_until
    if on < until - RENEWAL_WINDOW:
        raise RenewalClosed(
            _("Chưa đến thời hạn gia hạn: có thể nộp từ ngày %(opens)s.")
            % {"opens": (until - RENEWAL_WINDOW).strftime("%d/%m/%Y")}, code="renewal_too_early",
        )
    if on <= until:
        return 0, 0
    if on > until + GRACE_PERIOD:
        raise RenewalClosed(
            _("Đã quá thời gian ân hạn gia hạn (đến ngày %(ends)s).")
            % {"ends": (until + GRACE_PERIOD).strftime("%d/%m/%Y")}, code="renewal_too_late",
        )
    months_late = 1
    while until + relativedelta(months=months_late) < on:
        months_late += 1
    return months_late, SURCHARGE_PER_MONTH * months_late


# Oppositions and third-party opinions ----------------------------------------------------------------

def publication_day(application: ProtectionApplication) -> dt.date | None:
    step = application.steps.filter(to_status=ApplicationStatus.PUBLISHED).order_by("on", "pk").first()
    return step.on if step else None


def opposition_window_end(application: ProtectionApplication) -> dt.date | None:
    """The last day an opposition may be filed: the window of the asset's kind (marks 5 months, GIs 3) from
    publication, as the rule in force on the publication day says, its last day off moved to the next working
    day (art. 112a; Civil Code, art. 148). ``None`` before publication."""
    published = publication_day(application)
    if published is None:
        return None
    window = application.deadlines.filter(kind=DeadlineKind.OPPOSITION_WINDOW).order_by("pk").first()
    if window is not None:
        return window.due_date
    rule = rules_in_force(application_kind=application.kind, asset_kind=application.asset.kind,
                          opened_by=ApplicationStatus.PUBLISHED, on=published).get(DeadlineKind.OPPOSITION_WINDOW)
    return limit_end(published, months=rule.months, days=rule.days) if rule else None


def _check_no_opposition_pending(application: ProtectionApplication, *, on: dt.date) -> None:
    """No grant while the opposition window is open or an opposition is unresolved."""
    window_end = opposition_window_end(application)
    if window_end is not None and on <= window_end:
        raise InvalidTransition(
            _("Chưa thể cấp văn bằng: thời hạn phản đối đơn đến hết ngày %(end)s; có thể cấp từ ngày %(from)s.")
            % {"end": window_end.strftime("%d/%m/%Y"),
               "from": (window_end + dt.timedelta(days=1)).strftime("%d/%m/%Y")},
            code="opposition_window_open",
        )
    unresolved = application.oppositions.filter(outcome="").count()
    if unresolved:
        raise InvalidTransition(
            _("Chưa thể cấp văn bằng: còn %(count)s đơn phản đối chưa có kết quả; có thể cấp khi tất cả đã được "
              "giải quyết.") % {"count": unresolved},
            code="opposition_unresolved",
        )


def opposition_file(*, actor, application: ProtectionApplication, opponent: str, grounds: str, filed_on: dt.date,
                    document: Document | None = None, reason: str = "") -> Opposition:
    """Record an opposition filed within the window (art. 112a). A published application becomes "opposed"
    (the applicant's two months to reply open); later objections are third-party opinions."""
    _require_editor(actor)
    with audited_write(actor, reason=reason):
        application = ProtectionApplication.objects.select_for_update().select_related("asset").get(
            pk=application.pk)
        if application.kind != ApplicationKind.REGISTRATION:
            raise InvalidTransition(_("Chỉ đơn đăng ký xác lập quyền mới có thể bị phản đối."), code="not_opposable")
        if filed_on > timezone.localdate():
            raise InvalidTransition(_("Ngày %(on)s ở tương lai: chỉ ghi nhận việc đã xảy ra.")
                                    % {"on": filed_on.strftime("%d/%m/%Y")}, code="future_date")
        require_plausible(Opposition, "filed_on", filed_on)
        published = publication_day(application)
        if published is None or filed_on < published:
            raise InvalidTransition(_("Đơn chưa được công bố vào ngày %(on)s: chưa thể phản đối.")
                                    % {"on": filed_on.strftime("%d/%m/%Y")}, code="not_published")
        if application.status in FINAL_STATUSES:
            raise InvalidTransition(_("Đơn đã có quyết định (%(status)s): không còn ghi nhận phản đối.")
                                    % {"status": _status_label(application.status)}, code="decided")
        window_end = opposition_window_end(application)
        if window_end is not None and filed_on > window_end:
            raise InvalidTransition(
                _("Đã hết thời hạn phản đối (đến hết ngày %(end)s): chỉ có thể ghi nhận là ý kiến của bên thứ ba.")
                % {"end": window_end.strftime("%d/%m/%Y")}, code="opposition_window_closed",
            )
        opposition = _save(Opposition(application=application, opponent=opponent.strip(), grounds=grounds.strip(),
                                      filed_on=filed_on))
        if application.status == ApplicationStatus.PUBLISHED:
            application_advance(application=application, to_status=ApplicationStatus.OPPOSED, actor=actor,
                                on=filed_on, note=_("Đơn phản đối của %(who)s") % {"who": opposition.opponent},
                                document=document)
        return opposition


def opposition_reply(*, actor, opposition: Opposition, reply_on: dt.date, reply: str, reason: str = "") -> Opposition:
    _require_editor(actor)
    if reply_on > timezone.localdate() or reply_on < opposition.filed_on:
        raise ValidationError({"reply_on": _("Ngày trả lời phải từ ngày nộp đơn phản đối (%(filed)s) đến hôm nay.")
                               % {"filed": opposition.filed_on.strftime("%d/%m/%Y")}})
    with audited_write(actor, reason=reason):
        opposition.reply_on, opposition.reply = reply_on, reply.strip()
        return _save(opposition)


def opposition_decide(*, actor, opposition: Opposition, outcome: str, decided_on: dt.date,
                      reason: str = "") -> Opposition:
    """Record how an opposition ended (withdrawn, rejected, upheld in part or in full): with a reason."""
    _require_editor(actor)
    if outcome not in OppositionOutcome.values:
        raise ValidationError({"outcome": _("Hãy chọn kết quả giải quyết.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do, căn cứ của kết quả.")})
    if decided_on > timezone.localdate() or decided_on < opposition.filed_on:
        raise ValidationError({"decided_on": _("Ngày có kết quả phải từ ngày nộp đơn phản đối (%(filed)s) đến hôm "
                                               "nay.") % {"filed": opposition.filed_on.strftime("%d/%m/%Y")}})
    if opposition.outcome:
        raise ValidationError({"outcome": _("Đơn phản đối đã có kết quả (%(outcome)s).")
                               % {"outcome": opposition.get_outcome_display()}})
    with audited_write(actor, reason=reason):
        opposition.outcome, opposition.decided_on = outcome, decided_on
        return _save(opposition)


def opinion_record(*, actor, application: ProtectionApplication, author: str, content: str, received_on: dt.date,
                   reason: str = "") -> ThirdPartyOpinion:
    """A third party's opinion (art. 112): any time before the decision; the status does not change."""
    _require_editor(actor)
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("Ngày %(on)s ở tương lai.") % {"on": received_on.strftime("%d/%m/%Y")}})
    decision = application.steps.filter(to_status__in=FINAL_STATUSES).order_by("on", "pk").first()
    if decision is not None and received_on > decision.on:
        raise ValidationError({"received_on": _(
            "Đơn đã có quyết định ngày %(on)s: ý kiến của bên thứ ba chỉ được ghi nhận trước quyết định.")
            % {"on": decision.on.strftime("%d/%m/%Y")}})
    with audited_write(actor, reason=reason):
        return _save(ThirdPartyOpinion(application=application, author=author.strip(), content=content.strip(),
                                       received_on=received_on))


# Documents ----------------------------------------------------------------------------------------

def document_upload(*, actor, asset: IPAsset, doc_type: str, title: str, file, reason: str = "",
                    is_public: bool = False) -> Document:
    """Keep a document with its SHA-256. Only regulations on use, a specification or a map may be public."""
    _require_editor(actor)
    if is_public and doc_type not in PUBLISHABLE_DOCUMENTS:
        raise ValidationError({"is_public": _("Chỉ quy chế sử dụng, bản mô tả tính chất đặc thù và bản đồ khu vực "
                                              "địa lý được công khai.")})
    check_upload(file, field="file")
    with audited_write(actor, reason=reason):
        sha256, size = sha256_and_size(file)
        document = Document(asset=asset, doc_type=doc_type, title=title, file=file, sha256=sha256, size=size,
                            uploaded_by=acting_user(actor), is_public=is_public)
        return _save(document)


def document_withdraw(*, actor, document: Document, reason: str) -> Document:
    """Withdraw a document uploaded by mistake: kept, with its fingerprint and in the history, but no longer
    offered for download (nor in the public register); who, when and why are recorded."""
    _require_editor(actor)
    with audited_write(actor, reason=reason):
        return _save(withdrawn(document, by=acting_user(actor), reason=reason))


# Infringements ------------------------------------------------------------------------------------

def infringement_report(*, actor, asset: IPAsset, reported_on: dt.date, place: AdministrativeUnit,
                        description: str, agencies: Iterable[str] = (), reason: str = "") -> InfringementCase:
    _require_editor(actor)
    require_plausible(InfringementCase, "reported_on", reported_on)
    require_in_force(on=reported_on, unit=place, field="place")
    with audited_write(actor, reason=reason):
        return _save(InfringementCase(asset=asset, reported_on=reported_on, place=place, description=description,
                                      agencies=sorted(set(agencies))))


def infringement_add_step(*, actor, case: InfringementCase, on: dt.date, agency: str, action: str,
                          reason: str = "") -> InfringementStep:
    _require_editor(actor)
    with audited_write(actor, reason=reason, action=AuditAction.WORKFLOW):
        if case.closed_on is not None:
            raise InvalidTransition(_("Vụ việc đã kết thúc, không thể thêm bước xử lý."), code="case_closed")
        if on < case.reported_on:
            raise ValidationError({"on": _("Ngày xử lý không thể trước ngày phát hiện.")})
        step = _save(InfringementStep(case=case, on=on, agency=agency, action=action))
        if agency not in case.agencies:
            case.agencies = sorted({*case.agencies, agency})
            _save(case)
        return step


def infringement_close(*, actor, case: InfringementCase, outcome: str, closed_on: dt.date,
                       fine_amount: int | None = None, goods_quantity: str = "", reason: str = "") -> InfringementCase:
    _require_editor(actor)
    with audited_write(actor, reason=reason, action=AuditAction.WORKFLOW):
        case = InfringementCase.objects.select_for_update().get(pk=case.pk)
        if case.closed_on is not None:
            raise InvalidTransition(_("Vụ việc đã kết thúc ngày %(on)s.") % {"on": case.closed_on.strftime("%d/%m/%Y")},
                                    code="case_closed")
        case.outcome, case.closed_on = outcome, closed_on
        case.fine_amount, case.goods_quantity = fine_amount, goods_quantity
        return _save(case)


# Growing-area codes and targets -------------------------------------------------------------------

GROWING_AREA_FIELDS = ("product", "asset", "unit", "area_hectares", "export_market", "issuing_body", "issued_on",
                       "status")


def growing_area_code_upsert(*, actor, code: str, reason: str = "", **fields) -> GrowingAreaCode:
    _require_editor(actor)
    if set(fields) - set(GROWING_AREA_FIELDS):
        raise TypeError(f"unexpected fields {sorted(set(fields) - set(GROWING_AREA_FIELDS))}")
    with audited_write(actor, reason=reason):
        area = GrowingAreaCode.objects.filter(code=code).first() or GrowingAreaCode(code=code)
        for name, value in fields.items():
            setattr(area, name, value)
        if "unit" in fields or "issued_on" in fields:
            require_plausible(GrowingAreaCode, "issued_on", area.issued_on)
            require_in_force(on=area.issued_on, unit=area.unit if area.unit_id else None, field="unit")
        return _save(area)


def growing_area_import(*, actor, file, reason: str = "") -> GrowingAreaImport:
    """Create or update growing-area codes from a spreadsheet (.xlsx or .csv), all rows or none, as one import
    batch.

    Every row is checked before anything is written (see ``ip_registry.imports`` and ``directory.importing``);
    a refused file raises ``ValidationError`` listing every problem and is kept in the trail as a rejected
    batch. A row that would change nothing writes nothing, so importing the same file again leaves no history.
    """
    _require_editor(actor)
    result = run_import(actor=actor, importer=GrowingAreaImporter, file=file, reason=reason)
    return GrowingAreaImport(batch=result.batch, created=result.created, updated=result.changed,
                             unchanged=result.unchanged)


def deadline_rule_create(*, actor, deadline: str, opened_by: str, party: str, months: int = 0, days: int = 0,
                         asset_kind: str = "", application_kind: str = ApplicationKind.REGISTRATION,
                         legal_basis: str = "", valid_from: dt.date | None = None, valid_to: dt.date | None = None,
                         reason: str = "") -> DeadlineRule:
    _require_editor(actor)
    with audited_write(actor, reason=reason):
        return _save(DeadlineRule(
            deadline=deadline, opened_by=opened_by, application_kind=application_kind, asset_kind=asset_kind,
            months=months, days=days, party=party, legal_basis=legal_basis, valid_from=valid_from,
            valid_to=valid_to,
        ))


def target_upsert(*, actor, indicator: str, due_date: dt.date, value, legal_basis: str, territory=None,
                  reason: str = "") -> Target:
    _require_editor(actor)
    with audited_write(actor, reason=reason):
        target = Target.objects.filter(indicator=indicator, due_date=due_date).first() or Target(
            indicator=indicator, due_date=due_date
        )
        target.value, target.legal_basis, target.territory = value, legal_basis, territory
        return _save(target)

