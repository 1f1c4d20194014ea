"""Every write about initiatives: filing, recognition, council votes, replication and remuneration."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import audited_write
from audit.versions import require_version
from audit.history import acting_user
from audit.models import AuditAction
from directory.dates import require_plausible
from directory.files import check_upload, sha256_and_size, withdrawn
from directory.models import AdministrativeUnit, UnitKind
from directory.selectors import UnitMap, not_in_force_message, successors_in_force
from directory.services import require_in_force
from directory.workflow import InvalidTransition
from initiatives import access
from initiatives.models import (
    Attachment,
    CouncilRule,
    CouncilVote,
    Initiative,
    InitiativeAuthor,
    InitiativeStep,
    ProgressUpdate,
    RemunerationPayment,
    ReplicationNomination,
    ReplicationPlan,
    ReplicationSite,
    SchoolLevel,
    VoteBasis,
    base_decision_due,
)
from initiatives.workflow import (
    AWAITING_DECISION,
    NOMINATION_MOVES,
    PROVINCIAL_SCOPE_STATUSES,
    RUNNING_NOMINATIONS,
    SITE_MOVES,
    CouncilLevel,
    InitiativeStatus,
    NominationStatus,
    SiteStatus,
    allowed_moves,
)

# Decree 13/2012/NĐ-CP, art. 10: what an investor that is an economic organisation pays the authors.
MIN_YEARLY_RATE = Decimal(7)
MIN_TRANSFER_RATE = Decimal(15)


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


def _who(actor):
    return acting_user(actor)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


# Filing -------------------------------------------------------------------------------------------

def _validate_authors(authors: list[dict]) -> None:
    if not authors:
        raise ValidationError({"authors": _("Cần ít nhất một tác giả.")})
    total = sum(Decimal(str(author["share_percent"])) for author in authors)
    if total != 100:
        raise ValidationError({"authors": _("Tỷ lệ đóng góp của các tác giả cộng lại phải đúng 100%% "
                                            "(hiện là %(total)s%%).") % {"total": f"{total:g}"}})


def _write_authors(initiative: Initiative, authors: list[dict]) -> None:
    for author in authors:
        _save(InitiativeAuthor(initiative=initiative, **author))


INITIATIVE_FIELDS = (
    "title", "field", "organisation", "investor", "filed_on", "first_applied_on", "first_application_ended_on",
    "description", "confidential_part", "expected_benefit", "actual_benefit", "remuneration_agreed",
)


def initiative_file(*, actor, authors: list[dict], reason: str = "", **fields) -> Initiative:
    """File an application for recognition, with its authors (shares adding up to exactly 100%)."""
    if set(fields) - set(INITIATIVE_FIELDS):
        raise TypeError(f"initiative_file() got unexpected fields {sorted(set(fields) - set(INITIATIVE_FIELDS))}")
    if actor is not None:
        _require(access.can_file_for(actor, fields["organisation"]),
                 _("Chỉ cán bộ của đơn vị được nộp sáng kiến của các tổ chức thuộc đơn vị mình."))
    _validate_authors(authors)
    require_plausible(Initiative, "filed_on", fields.get("filed_on"))
    require_in_force(on=fields.get("filed_on"), organisation=fields.get("organisation"), field="organisation")
    with audited_write(actor, reason=reason):
        initiative = _save(Initiative(status=InitiativeStatus.FILED, **fields))
        _write_authors(initiative, authors)
        return initiative


# An initiative's version covers its authors: they are edited on the same form.
INITIATIVE_VERSION = ("authors",)


def locked_message() -> str:
    return _("Sáng kiến đã được công nhận cấp cơ sở: mô tả, tác giả và tỷ lệ đóng góp là những gì hội đồng đã "
             "xét, chỉ thư ký hội đồng sáng kiến được sửa, kèm lý do.")


def _require_editable(actor, initiative: Initiative, reason: str) -> None:
    """A recognised initiative changes only by the council secretary's hand, with a reason."""
    if actor is not None:
        if access.is_locked(initiative):
            _require(access.can_change_content(actor, initiative), locked_message())
        else:
            _require(access.can_change_content(actor, initiative), _("Sáng kiến thuộc đơn vị khác."))
    if access.is_locked(initiative) and not reason.strip():
        raise ValidationError({"reason": _("Sáng kiến đã được công nhận: cần ghi lý do sửa.")})


def initiative_update(*, actor, initiative: Initiative, reason: str = "", version: str | None = None,
                      **changes) -> Initiative:
    """Change an initiative's fields; with the ``version`` its form was opened on (the initiative's and its
    authors'), an edit over a newer version is refused (``StaleEdit``) and nothing is saved."""
    if set(changes) - set(INITIATIVE_FIELDS):
        raise TypeError(f"initiative_update() cannot change {sorted(set(changes) - set(INITIATIVE_FIELDS))}")
    _require_editable(actor, initiative, reason)
    changes = {name: value for name, value in changes.items() if getattr(initiative, name) != value}
    if actor is not None and "organisation" in changes:
        _require(access.can_file_for(actor, changes["organisation"]), _("Tổ chức thuộc đơn vị khác."))
    for name, value in changes.items():  # before the unit in force on them and the decision's due date
        if isinstance(value, dt.date):
            require_plausible(Initiative, name, value)
    if "organisation" in changes or "filed_on" in changes:
        require_in_force(on=changes.get("filed_on", initiative.filed_on),
                         organisation=changes.get("organisation", initiative.organisation), field="organisation")
    with audited_write(actor, reason=reason):
        if version:
            Initiative.objects.select_for_update().filter(pk=initiative.pk).order_by().exists()
            require_version(initiative, version, related=INITIATIVE_VERSION)
        for name, value in changes.items():
            setattr(initiative, name, value)
        if initiative.registered_on is not None:
            initiative.base_decision_due = base_decision_due(initiative.registered_on,
                                                             initiative.first_application_ended_on)
        return _save(initiative)


def initiative_set_authors(*, actor, initiative: Initiative, authors: list[dict], reason: str = "") -> None:
    """Replace the authors; their shares must add up to exactly 100%. Removing an author needs a reason."""
    _require_editable(actor, initiative, reason)
    _validate_authors(authors)
    kept = {author["name"] for author in authors}
    if any(author.name not in kept for author in initiative.authors.all()) and not reason.strip():
        raise ValidationError({"reason": _("Bỏ tác giả khỏi sáng kiến cần ghi lý do.")})
    with audited_write(actor, reason=reason):
        for author in initiative.authors.all():
            author.delete()
        _write_authors(initiative, authors)


# Recognition --------------------------------------------------------------------------------------

def _label(status: str) -> str:
    return str(InitiativeStatus(status).label)


def initiative_advance(*, initiative: Initiative, to_status: str, actor, on: dt.date, reason: str = "",
                       decision_ref: str = "") -> Initiative:
    """Move an initiative through recognition, as ``initiatives.workflow`` allows.

    A recognition at any level needs that council's vote with at least two thirds of the members
    present in favour; the message says which rule failed and by how many votes. Nothing is written
    when the move is refused.
    """
    if actor is not None:
        _require(access.can_move_recognition(actor), _("Chỉ thư ký hội đồng sáng kiến được chuyển bước xét."))
    with audited_write(actor, reason=reason, action=AuditAction.WORKFLOW):
        initiative = Initiative.objects.select_for_update().select_related("organisation").get(pk=initiative.pk)
        current = initiative.status
        moves = allowed_moves(current)
        move = moves.get(to_status)
        if move is None:
            allowed = ", ".join(_label(status) for status in moves) or _("không có (đã kết thúc)")
            raise InvalidTransition(
                _("Không thể chuyển sáng kiến từ “%(current)s” sang “%(target)s”. Từ “%(current)s” chỉ có thể "
                  "chuyển sang: %(allowed)s.")
                % {"current": _label(current), "target": _label(to_status), "allowed": allowed},
                code="invalid_transition",
            )
        if on > timezone.localdate():
            raise InvalidTransition(_("Ngày %(on)s ở tương lai.") % {"on": on.strftime("%d/%m/%Y")}, code="future_date")
        require_plausible(InitiativeStep, "on", on)
        last = initiative.steps.order_by("-on", "-pk").first()
        earliest = last.on if last else initiative.filed_on
        if on < earliest:
            raise InvalidTransition(_("Ngày %(on)s trước bước trước đó (%(last)s).")
                                    % {"on": on.strftime("%d/%m/%Y"), "last": earliest.strftime("%d/%m/%Y")},
                                    code="date_before_previous_step")
        missing = []
        if move.needs_reason and not reason.strip():
            missing.append(_("lý do"))
        if move.needs_decision and not decision_ref.strip():
            missing.append(_("số quyết định hoặc giấy chứng nhận"))
        if missing:
            raise InvalidTransition(_("Chuyển sang “%(target)s” cần: %(missing)s.")
                                    % {"target": _label(to_status), "missing": ", ".join(map(str, missing))},
                                    code="missing_requirement")
        if move.council:
            _require_council_approval(initiative, council=move.council, on=on)

        _save(InitiativeStep(initiative=initiative, from_status=current, to_status=to_status, on=on, reason=reason,
                             decision_ref=decision_ref.strip(), recorded_by=_who(actor)))
        initiative.status = to_status
        if to_status == InitiativeStatus.REGISTERED:
            initiative.registered_on = on
            initiative.base_decision_due = base_decision_due(on, initiative.first_application_ended_on)
        elif to_status == InitiativeStatus.RECOGNISED:
            initiative.base_certificate, initiative.base_recognised_on = decision_ref.strip(), on
        elif to_status == InitiativeStatus.RECOGNISED_PROVINCIAL and current == InitiativeStatus.PROPOSED_PROVINCIAL:
            initiative.provincial_decision, initiative.provincial_recognised_on = decision_ref.strip(), on
        elif to_status == InitiativeStatus.RECOGNISED_NATIONAL:
            initiative.national_decision, initiative.national_recognised_on = decision_ref.strip(), on
        return _save(initiative)


def _require_council_approval(initiative: Initiative, *, council: str, on: dt.date) -> None:
    vote = initiative.votes.filter(council=council, held_on__lte=on).order_by("-held_on", "-pk").first()
    council_label = CouncilLevel(council).label
    if vote is None:
        raise InvalidTransition(
            _("Chưa có kết quả biểu quyết của %(council)s: cần ghi nhận phiên họp trước khi công nhận.")
            % {"council": council_label}, code="no_council_vote",
        )
    if not vote.passes:
        raise InvalidTransition(
            _("%(council)s ngày %(on)s: cần ít nhất %(needed)s phiếu tán thành (%(rule)s: %(members)s thành viên, "
              "%(present)s có mặt), mới có %(votes)s — thiếu %(short)s phiếu.")
            % {"council": council_label, "on": vote.held_on.strftime("%d/%m/%Y"), "needed": vote.votes_needed,
               "rule": vote.rule or "—", "members": vote.members_seated, "present": vote.members_present,
               "votes": vote.votes_for, "short": vote.votes_short},
            code="two_thirds_rule",
        )


def council_vote_record(*, actor, initiative: Initiative, council: str, held_on: dt.date, members_seated: int,
                        members_present: int, votes_for: int, votes_against: int, votes_abstaining: int,
                        reason: str = "") -> CouncilVote:
    """Record a council's vote, judged by the rule in force on its day (fixed on the vote)."""
    if actor is not None:
        _require(access.can_move_recognition(actor), _("Chỉ thư ký hội đồng sáng kiến được ghi kết quả biểu quyết."))
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Ngày %(on)s ở tương lai: chỉ ghi nhận phiên họp đã diễn ra.")
                               % {"on": held_on.strftime("%d/%m/%Y")}})
    if not CouncilRule.objects.exists():
        council_rules_ensure(actor=actor)
    rule = CouncilRule.in_force_on(held_on)
    if rule is None:
        raise ValidationError({"held_on": _("Chưa có quy tắc biểu quyết áp dụng vào ngày %(on)s.")
                               % {"on": held_on.strftime("%d/%m/%Y")}})
    with audited_write(actor, reason=reason):
        return _save(CouncilVote(
            initiative=initiative, council=council, held_on=held_on, members_seated=members_seated,
            members_present=members_present, votes_for=votes_for, votes_against=votes_against,
            votes_abstaining=votes_abstaining, recorded_by=_who(actor), rule=rule,
            votes_needed=rule.votes_needed(members=members_seated, present=members_present),
        ))


DEFAULT_COUNCIL_RULE = {"basis": VoteBasis.MEMBERS, "numerator": 2, "denominator": 3,
                        "legal_basis": "Thông tư 18/2013/TT-BKHCN, Điều 8"}


def council_rules_ensure(*, actor=None) -> None:
    """The Circular's rule (two thirds of the council's members), if no rule was ever entered: written with
    the first vote, so that the rule a vote was judged by is always a row."""
    if not CouncilRule.objects.exists():
        with audited_write(actor, reason="Quy tắc biểu quyết theo Thông tư 18/2013/TT-BKHCN"):
            _save(CouncilRule(**DEFAULT_COUNCIL_RULE))


# Replication --------------------------------------------------------------------------------------

def nomination_create(*, initiative: Initiative, unit: AdministrativeUnit, year: int, actor, reason: str = "",
                      justification: str = "", school_levels: Iterable[str] = (),
                      on: dt.date | None = None) -> ReplicationNomination:
    """A unit chooses an initiative of provincial scope to replicate in ``year``.

    Refused: an initiative without provincial (or national) scope, the same initiative twice for one
    unit and year, a unit outside the actor's; a fourth nomination or more needs a justification.
    """
    if actor is not None:
        _require(access.can_nominate_for(actor, unit), _("Chỉ được đăng ký nhân rộng cho đơn vị của mình."))
    on = on or timezone.localdate()
    require_plausible(ReplicationNomination, "nominated_on", on)
    if initiative.status not in PROVINCIAL_SCOPE_STATUSES:
        raise ValidationError({"initiative": _("Sáng kiến “%(title)s” chưa có phạm vi ảnh hưởng cấp tỉnh (hiện: "
                                               "%(status)s).") % {"title": initiative.title,
                                                                  "status": initiative.get_status_display()}})
    if on.year < year - 1 or on > timezone.localdate():
        # A year's choices are planned from the year before at the earliest; they may be recorded late.
        raise ValidationError({"year": _("Ngày đăng ký %(on)s không phù hợp với kế hoạch năm %(year)s.")
                               % {"on": on.strftime("%d/%m/%Y"), "year": year}})
    plan = _require_on_plan(unit, year)
    if school_levels and unit.kind != UnitKind.DEPARTMENT:
        raise ValidationError({"school_levels": _("Chỉ sở, ngành (như Giáo dục và Đào tạo) mới chọn cấp học.")})
    existing = ReplicationNomination.objects.filter(unit=unit, year=year).exclude(status=NominationStatus.WITHDRAWN)
    if ReplicationNomination.objects.filter(unit=unit, year=year, initiative=initiative).exists():
        raise ValidationError({"initiative": _("%(unit)s đã đăng ký nhân rộng sáng kiến này trong năm %(year)s.")
                               % {"unit": unit.name, "year": year}})
    count = existing.count()
    if count >= plan.target_ideal and not justification.strip():
        raise ValidationError({"justification": _("%(unit)s đã có %(count)s sáng kiến nhân rộng năm %(year)s: hãy "
                                                  "giải trình lý do đăng ký thêm.")
                               % {"unit": unit.name, "count": count, "year": year}})
    with audited_write(actor, reason=reason):
        try:
            return _save(ReplicationNomination(
                initiative=initiative, unit=unit, year=year, nominated_on=on, reason=reason,
                justification=justification.strip(), school_levels=_in_school_order(school_levels),
            ))
        except IntegrityError:  # a concurrent twin got in first
            raise ValidationError({"initiative": _("Sáng kiến này vừa được đăng ký cho đơn vị trong năm.")}) from None


def _require_on_plan(unit: AdministrativeUnit, year: int) -> ReplicationPlan:
    """Only a unit of the year's plan replicates that year, and is counted on its board."""
    plan = ReplicationPlan.objects.select_related("territory").filter(year=year).first()
    if plan is None:
        raise ValidationError({"year": _("Chưa có kế hoạch nhân rộng năm %(year)s.") % {"year": year}})
    from initiatives.selectors import in_force_during, plan_units

    units = plan_units(plan)
    if units.filter(pk=unit.pk).exists():
        return plan
    if unit.kind in plan.participant_kinds and in_force_during(unit, year):
        # A unit replaced during the year (huyện Việt Yên in 2024) counts for the one unit that took it over.
        successors = UnitMap().reporting_on(unit.pk, plan.units_on)
        if len(successors) == 1 and units.filter(pk=successors[0]).exists():
            return plan
    kinds = ", ".join(str(UnitKind(kind).label).lower() for kind in plan.participant_kinds)
    why = _("%(unit)s không tham gia kế hoạch nhân rộng năm %(year)s: tham gia là các đơn vị (%(kinds)s) của "
            "%(territory)s có hiệu lực ngày %(day)s.") % {
        "unit": unit.name, "year": year, "kinds": kinds, "territory": plan.territory.name,
        "day": plan.units_on.strftime("%d/%m/%Y")}
    ended = not_in_force_message(unit=unit, on=plan.units_on)
    raise ValidationError({"unit": f"{why} {ended}" if ended else why})


def _in_school_order(levels: Iterable[str]) -> list[str]:
    """Preschool to continuing education, as the sector lists them (unknown values kept for validation)."""
    chosen = set(levels)
    return [level for level in SchoolLevel.values if level in chosen] + sorted(chosen - set(SchoolLevel.values))


def nomination_advance(*, nomination: ReplicationNomination, to_status: str, actor,
                       reason: str = "") -> ReplicationNomination:
    if actor is not None:
        _require(access.can_record_replication(actor, nomination), _("Đăng ký nhân rộng thuộc đơn vị khác."))
    with audited_write(actor, reason=reason):
        nomination = ReplicationNomination.objects.select_for_update().get(pk=nomination.pk)
        moves = NOMINATION_MOVES[nomination.status]
        if to_status not in moves:
            labels = ", ".join(str(NominationStatus(s).label) for s in moves) or _("không có")
            raise InvalidTransition(_("Không thể chuyển từ “%(current)s” sang “%(target)s”; chỉ có thể: %(allowed)s.")
                                    % {"current": nomination.get_status_display(),
                                       "target": NominationStatus(to_status).label, "allowed": labels})
        if moves[to_status] and not reason.strip():
            raise InvalidTransition(_("Cần ghi lý do."), code="missing_requirement")
        nomination.status, nomination.status_reason = to_status, reason
        return _save(nomination)


def site_add(*, actor, nomination: ReplicationNomination, place_kind: str, place_name: str,
             responsible_person: str, started_on: dt.date, reason: str = "") -> ReplicationSite:
    if actor is not None:
        _require(access.can_record_replication(actor, nomination), _("Đăng ký nhân rộng thuộc đơn vị khác."))
    if nomination.status in (NominationStatus.COMPLETED, NominationStatus.WITHDRAWN):
        raise InvalidTransition(_("Đăng ký nhân rộng đã kết thúc."), code="nomination_closed")
    with audited_write(actor, reason=reason):
        return _save(ReplicationSite(nomination=nomination, place_kind=place_kind, place_name=place_name,
                                     responsible_person=responsible_person, started_on=started_on))


def site_advance(*, actor, site: ReplicationSite, to_status: str, reason: str = "") -> ReplicationSite:
    if actor is not None:
        _require(access.can_record_replication(actor, site.nomination), _("Địa điểm thuộc đơn vị khác."))
    with audited_write(actor, reason=reason):
        site = ReplicationSite.objects.select_for_update().get(pk=site.pk)
        moves = SITE_MOVES[site.status]
        if to_status not in moves:
            raise InvalidTransition(_("Không thể chuyển địa điểm từ “%(current)s” sang “%(target)s”.")
                                    % {"current": site.get_status_display(), "target": SiteStatus(to_status).label})
        if moves[to_status] and not reason.strip():
            raise InvalidTransition(_("Dừng triển khai cần ghi lý do."), code="missing_requirement")
        site.status = to_status
        if to_status == SiteStatus.ABANDONED:
            site.abandon_reason = reason.strip()
        return _save(site)


def progress_record(*, actor, site: ReplicationSite, on: dt.date, percent: int, note: str = "",
                    decrease_reason: str = "", benefit: int | None = None, people_reached: int | None = None,
                    units_reached: int | None = None, evidence: Iterable = ()) -> ProgressUpdate:
    """Record progress at a site. Progress never goes down without a reason; evidence files attach to it.

    The first progress on a planned site starts it (the site moves to "in progress").
    """
    if actor is not None:
        _require(access.can_record_replication(actor, site.nomination), _("Địa điểm thuộc đơn vị khác."))
    evidence = list(evidence)
    for file in evidence:
        check_upload(file, field="evidence")
    with audited_write(actor):
        site = ReplicationSite.objects.select_for_update().get(pk=site.pk)
        if site.status in (SiteStatus.COMPLETED, SiteStatus.ABANDONED):
            raise InvalidTransition(_("Địa điểm đã %(status)s: không ghi thêm tiến độ.")
                                    % {"status": site.get_status_display().lower()}, code="site_closed")
        if on > timezone.localdate():
            raise ValidationError({"on": _("Không ghi tiến độ cho ngày ở tương lai.")})
        if on < site.started_on:
            raise ValidationError({"on": _("Ngày cập nhật trước ngày bắt đầu triển khai.")})
        previous = site.updates.order_by("-on", "-pk").first()
        if previous is not None:
            if on < previous.on:
                raise ValidationError({"on": _("Đã có cập nhật ngày %(on)s; không ghi lùi ngày.")
                                       % {"on": previous.on.strftime("%d/%m/%Y")}})
            if percent < previous.percent and not decrease_reason.strip():
                raise ValidationError({"decrease_reason": _("Tiến độ giảm từ %(before)s%% xuống %(after)s%%: cần ghi "
                                                            "lý do.") % {"before": previous.percent, "after": percent}})
        update = _save(ProgressUpdate(site=site, on=on, percent=percent, note=note, decrease_reason=decrease_reason,
                                      benefit=benefit, people_reached=people_reached, units_reached=units_reached,
                                      recorded_by=_who(actor)))
        for file in evidence:
            attachment_upload(actor=actor, title=file.name, file=file, progress_update=update)
        if site.status == SiteStatus.PLANNED and percent > 0:
            site.status = SiteStatus.IN_PROGRESS
            _save(site)
        return update


def attachment_upload(*, actor, title: str, file, initiative: Initiative | None = None,
                      progress_update: ProgressUpdate | None = None) -> Attachment:
    if actor is not None:
        _require_attacher(actor, initiative, progress_update)
    check_upload(file, field="file")
    with audited_write(actor):
        sha256, size = sha256_and_size(file)
        return _save(Attachment(initiative=initiative, progress_update=progress_update, title=title, file=file,
                                sha256=sha256, size=size, uploaded_by=_who(actor)))


def _require_attacher(actor, initiative: Initiative | None, progress_update: ProgressUpdate | None) -> None:
    if initiative is not None:
        _require(access.can_edit(actor, initiative) or access.can_move_recognition(actor),
                 _("Sáng kiến thuộc đơn vị khác."))
    else:
        _require(access.can_record_replication(actor, progress_update.site.nomination),
                 _("Địa điểm thuộc đơn vị khác."))


def attachment_withdraw(*, actor, attachment: Attachment, reason: str) -> Attachment:
    """Withdraw a file uploaded by mistake, by whoever may attach files there: kept, with its fingerprint and
    in the history, but no longer offered for download; who, when and why are recorded."""
    if actor is not None:
        _require_attacher(actor, attachment.initiative, attachment.progress_update)
    with audited_write(actor, reason=reason):
        return _save(withdrawn(attachment, by=_who(actor), reason=reason))


# Remuneration -------------------------------------------------------------------------------------

def remuneration_record(*, actor, initiative: Initiative, paid_on: dt.date, amount: int,
                        application_year: int | None = None, benefit: int | None = None,
                        rate_percent: Decimal | None = None, transfer_price: int | None = None,
                        reason: str = "") -> RemunerationPayment:
    """Record a payment to the authors. An economic organisation that invested and agreed no remuneration with
    them pays at least 7% of the year's benefit in each of the first three years, or at least 15% of a
    transfer price."""
    if actor is not None:
        _require(access.can_record_payment(actor, initiative), _("Sáng kiến thuộc đơn vị khác."))
    if initiative.remuneration_minimums_apply:
        if transfer_price is not None:
            minimum = Decimal(transfer_price) * MIN_TRANSFER_RATE / 100
            if amount < minimum:
                raise ValidationError({"amount": _("Chuyển giao phải trả tác giả ít nhất 15%% giá chuyển giao "
                                                   "(%(minimum)s đồng).") % {"minimum": f"{minimum:,.0f}"}})
        elif rate_percent is not None and Decimal(rate_percent) < MIN_YEARLY_RATE:
            raise ValidationError({"rate_percent": _("Chủ đầu tư là tổ chức kinh tế phải trả ít nhất 7%% lợi ích "
                                                     "hằng năm (đang ghi %(rate)s%%).") % {"rate": f"{rate_percent:g}"}})
    if benefit is not None and rate_percent is not None and amount < Decimal(benefit) * Decimal(rate_percent) / 100:
        raise ValidationError({"amount": _("Số tiền nhỏ hơn %(rate)s%% của lợi ích %(benefit)s đồng.")
                               % {"rate": f"{rate_percent:g}", "benefit": f"{benefit:,}"}})
    with audited_write(actor, reason=reason):
        return _save(RemunerationPayment(initiative=initiative, paid_on=paid_on, amount=amount,
                                         application_year=application_year, benefit=benefit,
                                         rate_percent=rate_percent, transfer_price=transfer_price))


# Yearly plans -------------------------------------------------------------------------------------

def replication_plans_ensure(*, actor=None) -> list[ReplicationPlan]:
    """Create the plans of ``initiatives.plans`` that are missing (never changing one DOST edited).

    Needs the plans' territories among the units: run after the units are loaded.
    """
    from initiatives.plans import default_plans

    created = []
    territories = {unit.code: unit for unit in AdministrativeUnit.objects.filter(code__in={"bg", "bn"})}
    with audited_write(actor, reason=_("Khởi tạo kế hoạch nhân rộng theo Chỉ thị 01/CT-UBND")):
        for plan in default_plans():
            territory = territories.get(plan["territory"])
            if territory is None or ReplicationPlan.objects.filter(year=plan["year"]).exists():
                continue
            created.append(_save(ReplicationPlan(**{**plan, "territory": territory})))
    return created


# Hand-over of an ended unit's open work -------------------------------------------------------------

@dataclass
class HandOver:
    initiatives: list[Initiative]
    nominations: list[ReplicationNomination]


def open_work_of(unit: AdministrativeUnit) -> HandOver:
    """What ``unit`` still has under way: initiatives awaiting a decision that it works on, and its
    nominations whose replication still runs."""
    unit_map = UnitMap()
    own = [pk for pk in unit_map.units if unit_map.reporting(pk) == unit.pk]
    initiatives = list(Initiative.objects.filter(status__in=AWAITING_DECISION).filter(
        Q(handed_over_to=unit) | Q(handed_over_to__isnull=True, organisation__unit__in=own)
    ).select_related("organisation").defer("confidential_part").order_by("filed_on", "pk"))
    nominations = list(ReplicationNomination.objects.filter(status__in=RUNNING_NOMINATIONS).filter(
        Q(handed_over_to=unit) | Q(handed_over_to__isnull=True, unit=unit)
    ).select_related("initiative").order_by("year", "pk"))
    return HandOver(initiatives, nominations)


def open_work_hand_over(*, actor, unit: AdministrativeUnit, to: AdministrativeUnit, reason: str,
                        on: dt.date | None = None) -> HandOver:
    """Hand the open work of ``unit``, which has ended, over to ``to``, one of the units in force that took
    it over; ``to``'s officers work on it from then on, and the history shows the hand-over."""
    if actor is not None:
        _require(access.can_hand_over(actor), _("Chỉ Sở Khoa học và Công nghệ bàn giao công việc của đơn vị."))
    on = on or timezone.localdate()
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do bàn giao (văn bản, thỏa thuận giữa các đơn vị).")})
    if unit.is_in_force(on):
        raise ValidationError({"unit": _("%(unit)s vẫn còn hiệu lực: chưa cần bàn giao.") % {"unit": unit.name}})
    successors = successors_in_force(unit=unit, on=on)
    if to not in successors:
        names = ", ".join(successor.name for successor in successors) or _("không có")
        raise ValidationError({"to": _("%(to)s không kế thừa %(unit)s; các đơn vị kế thừa vào ngày %(day)s: %(names)s.")
                               % {"to": to.name, "unit": unit.name, "day": on.strftime("%d/%m/%Y"), "names": names}})
    work = open_work_of(unit)
    with audited_write(actor, reason=reason):
        for item in [*work.initiatives, *work.nominations]:
            item.handed_over_to = to
            _save(item)
    return work
