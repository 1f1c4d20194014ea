"""Every write to the directory: units, successions, organisations, users and their roles."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import audited_write
from audit.context import current
from audit.services import import_batch
from directory.access import can_manage_reference_data, forget_roles, is_read_only
from directory.dates import require_plausible
from directory.models import (
    AdministrativeUnit,
    ApiToken,
    Organisation,
    OrganisationPlacement,
    RoleAssignment,
    UnitSuccession,
    User,
)
from directory.selectors import not_in_force_message, unit_of_organisation_on
from directory.signals import units_loaded
from directory.units import UnitData


def _upsert(model: type[models.Model], *, lookup: dict, values: dict) -> models.Model:
    """Find the row by ``lookup`` (or start one), set ``values``, validate and save.

    Saving values the row already holds writes no history, so loading the same data twice is harmless.
    """
    instance = model.objects.filter(**lookup).first() or model(**lookup)
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


def administrative_unit_upsert(
    *,
    actor,
    code: str,
    name: str,
    kind: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    parent: AdministrativeUnit | None = None,
    legal_act: str = "",
    reason: str = "",
) -> AdministrativeUnit:
    with audited_write(actor, reason=reason):
        return _upsert(
            AdministrativeUnit,
            lookup={"code": code},
            values={
                "name": name, "kind": kind, "valid_from": valid_from, "valid_to": valid_to,
                "parent": parent, "legal_act": legal_act,
            },
        )


@dataclass
class UnitsLoaded:
    created: int = 0
    updated: int = 0
    successions: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.successions)


_UNIT_FIELDS = ("name", "kind", "gso_code", "valid_from", "valid_to", "legal_act")


def administrative_units_sync(*, actor, data: UnitData, reason: str = "") -> UnitsLoaded:
    """Load or refresh the units and successions of ``data`` (see ``directory.units``), keyed on ``code``.

    New units are written in bulk, with their history, parents first; a unit whose recorded fields differ
    is saved with its change; nothing else is touched. All of it is one import batch naming the source
    and the SHA-256 of its files; when nothing differs, nothing is written at all.
    """
    _check_gso_codes(data.units)
    existing = {unit.code: unit for unit in AdministrativeUnit.objects.all()}
    by_code = dict(existing)
    loaded = UnitsLoaded()
    rows = {row.code: row for row in data.units}
    depth = {code: _depth(rows, code) for code in rows}
    new_rows = [row for row in data.units if row.code not in existing]
    changed = [row for row in data.units if row.code in existing and _differs(existing[row.code], row, existing)]
    recorded = {(predecessor, successor): (effective_on, act) for predecessor, successor, effective_on, act
                in UnitSuccession.objects.values_list("predecessor__code", "successor__code", "effective_on",
                                                      "legal_act")}
    new_successions = [row for row in data.successions if (row.predecessor, row.successor) not in recorded]
    changed_successions = [row for row in data.successions if recorded.get((row.predecessor, row.successor))
                           not in (None, (row.effective_on, row.legal_act))]
    if not (new_rows or changed or new_successions or changed_successions):
        units_loaded.send(sender=AdministrativeUnit, actor=actor)
        return loaded
    with import_batch(actor=actor, kind="directory.administrativeunit", file_name=data.source, sha256=data.sha256,
                      row_count=len(data.units) + len(data.successions),
                      reason=reason or "Nạp danh mục đơn vị hành chính", channel=current().channel):
        for level in sorted({depth[row.code] for row in new_rows}):
            created = []
            for row in new_rows:
                if depth[row.code] == level:
                    unit = AdministrativeUnit(code=row.code, parent=by_code.get(row.parent) if row.parent else None,
                                              **{name: getattr(row, name) for name in _UNIT_FIELDS})
                    unit.full_clean(validate_unique=False, validate_constraints=False)
                    created.append(unit)
            AdministrativeUnit.objects.bulk_create(created)
            AdministrativeUnit.history.bulk_history_create(created)
            by_code.update((unit.code, unit) for unit in created)
            loaded.created += len(created)
        for row in changed:
            unit = existing[row.code]
            for name in _UNIT_FIELDS:
                setattr(unit, name, getattr(row, name))
            unit.parent = by_code.get(row.parent) if row.parent else None
            unit.full_clean(validate_unique=False)
            unit.save()
            loaded.updated += 1
        successions = [
            UnitSuccession(predecessor=by_code[row.predecessor], successor=by_code[row.successor],
                           effective_on=row.effective_on, legal_act=row.legal_act)
            for row in new_successions
        ]
        UnitSuccession.objects.bulk_create(successions)
        UnitSuccession.history.bulk_history_create(successions)
        for row in changed_successions:
            _upsert(UnitSuccession, lookup={"predecessor": by_code[row.predecessor], "successor": by_code[row.successor]},
                    values={"effective_on": row.effective_on, "legal_act": row.legal_act})
        loaded.successions = len(successions) + len(changed_successions)
    units_loaded.send(sender=AdministrativeUnit, actor=actor)
    return loaded


def _depth(rows: dict, code: str) -> int:
    row, depth = rows[code], 0
    while row.parent and row.parent in rows:
        row, depth = rows[row.parent], depth + 1
    return depth


def _differs(unit: AdministrativeUnit, row, existing: dict) -> bool:
    parent = existing.get(row.parent) if row.parent else None
    return (any(getattr(unit, name) != getattr(row, name) for name in _UNIT_FIELDS)
            or unit.parent_id != (parent.pk if parent else None))


def _check_gso_codes(rows) -> None:
    """A GSO code names one unit on any date: two rows sharing one must not overlap in time."""
    by_code: dict[str, list] = {}
    for row in rows:
        if row.gso_code:
            by_code.setdefault(row.gso_code, []).append(row)
    for code, same in by_code.items():
        same = sorted(same, key=lambda row: row.valid_from)
        for earlier, later in zip(same, same[1:]):
            if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
                raise ValidationError(_("Mã GSO %(code)s được dùng cho hai đơn vị cùng lúc: %(first)s và %(second)s.")
                                      % {"code": code, "first": earlier.name, "second": later.name})


def unit_succession_record(
    *,
    actor,
    predecessor: AdministrativeUnit,
    successor: AdministrativeUnit,
    effective_on: dt.date,
    legal_act: str = "",
    reason: str = "",
) -> UnitSuccession:
    with audited_write(actor, reason=reason):
        return _upsert(
            UnitSuccession,
            lookup={"predecessor": predecessor, "successor": successor},
            values={"effective_on": effective_on, "legal_act": legal_act},
        )


def organisation_upsert(
    *,
    actor,
    name: str,
    unit: AdministrativeUnit,
    kind: str,
    address: str = "",
    phone: str = "",
    email: str = "",
    contact_person: str = "",
    tax_code: str = "",
    reason: str = "",
) -> Organisation:
    with audited_write(actor, reason=reason):
        organisation = _upsert(
            Organisation,
            lookup={"name": name, "unit": unit},
            values={
                "kind": kind, "address": address, "phone": phone, "email": email,
                "contact_person": contact_person, "tax_code": tax_code,
            },
        )
        if not organisation.placements.exists():
            _save(OrganisationPlacement(organisation=organisation, unit=unit))
        return organisation


def _save(instance: models.Model) -> models.Model:
    instance.full_clean()
    instance.save()
    return instance


def organisation_move(*, actor, organisation: Organisation, unit: AdministrativeUnit, on: dt.date,
                      reason: str) -> Organisation:
    """From ``on``, ``organisation`` belongs to ``unit``: its open span closes the day before, a new one opens.

    Figures for dates before ``on`` keep the unit it had then. Refused: no reason, a unit not in force on
    ``on``, a day before the open span began, an organisation that has ended.
    """
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do chuyển địa bàn.")})
    require_plausible(OrganisationPlacement, "valid_from", on, key="on")
    if not unit.is_in_force(on):
        raise ValidationError({"unit": _("%(unit)s không có hiệu lực vào ngày %(on)s.")
                               % {"unit": unit.name, "on": on.strftime("%d/%m/%Y")}})
    with audited_write(actor, reason=reason):
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if organisation.ended_on is not None and organisation.ended_on < on:
            raise ValidationError({"on": _("%(name)s đã ngừng hoạt động sau ngày %(day)s.")
                                   % {"name": organisation.name, "day": organisation.ended_on.strftime("%d/%m/%Y")}})
        open_span = organisation.placements.filter(valid_to__isnull=True).first()
        if open_span is not None:
            if open_span.unit_id == unit.pk:
                return organisation  # already there: moving again changes nothing
            if open_span.valid_from is not None and open_span.valid_from >= on:
                raise ValidationError({"on": _("Địa bàn hiện tại của %(name)s bắt đầu từ ngày %(day)s: ngày chuyển "
                                               "phải sau ngày đó.")
                                       % {"name": organisation.name,
                                          "day": open_span.valid_from.strftime("%d/%m/%Y")}})
            open_span.valid_to = on - dt.timedelta(days=1)
            _save(open_span)
        _save(OrganisationPlacement(organisation=organisation, unit=unit, valid_from=on))
        organisation.unit = unit
        return _save(organisation)


def organisation_end(*, actor, organisation: Organisation, last_day: dt.date, reason: str) -> Organisation:
    """``organisation`` stops on ``last_day`` (a district People's Committee on 30/06/2025): its open span ends."""
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do tổ chức ngừng hoạt động.")})
    require_plausible(Organisation, "ended_on", last_day, key="last_day")
    with audited_write(actor, reason=reason):
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if organisation.ended_on == last_day:
            return organisation
        open_span = organisation.placements.filter(valid_to__isnull=True).first()
        if open_span is not None:
            open_span.valid_to = last_day
            _save(open_span)
        organisation.ended_on = last_day
        return _save(organisation)


def user_upsert(
    *, actor, username: str, full_name: str, email: str = "", password: str | None = None, reason: str = ""
) -> User:
    """Create the account or bring its name and e-mail up to date; ``password`` is set only on creation."""
    with audited_write(actor, reason=reason):
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username)
            if password:
                user.set_password(password)
                user.password_changed_at = timezone.now()
            else:
                user.set_unusable_password()
        user.full_name = full_name
        user.email = email
        user.full_clean()
        user.save()
        return user


def role_assign(
    *, actor, user: User, role: str, unit: AdministrativeUnit | None = None, reason: str = ""
) -> RoleAssignment:
    with audited_write(actor, reason=reason):
        assignment = _upsert(RoleAssignment, lookup={"user": user, "role": role}, values={"unit": unit})
    forget_roles(user)
    return assignment


def role_revoke(*, actor, user: User, role: str, reason: str) -> None:
    with audited_write(actor, reason=reason):
        for assignment in RoleAssignment.objects.filter(user=user, role=role):
            assignment.delete()
    forget_roles(user)


def user_change_password(*, actor, user: User, new_password: str) -> User:
    """Set a new password. The history shows when it changed and who changed it, never the hash."""
    with audited_write(actor, reason="Đổi mật khẩu"):
        user.set_password(new_password)
        user.password_changed_at = timezone.now()
        user.save(update_fields=["password", "password_changed_at"])
        return user


def record_save(*, actor, instance: models.Model, reason: str = "") -> models.Model:
    """Validate and save a reference-data row edited as a whole (the admin's change form)."""
    with audited_write(actor, reason=reason):
        instance.full_clean()
        instance.save()
        return instance


def record_delete(*, actor, instance: models.Model, reason: str) -> None:
    """Delete a row edited as part of another (a role, a predecessor): with a reason, always."""
    if not reason.strip():
        raise ValidationError({"change_reason": _("Xóa cần ghi lý do.")})
    with audited_write(actor, reason=reason):
        instance.delete()


def require_in_force(*, on: dt.date | None, field: str, organisation: Organisation | None = None,
                     unit: AdministrativeUnit | None = None) -> None:
    """Nothing dated after an organisation ended, or after its unit (or the unit named) ended, is recorded
    for it: the message names the units in force that day that took the unit over."""
    if on is None or not isinstance(on, dt.date):
        return
    if organisation is not None:
        if organisation.ended_on is not None and on > organisation.ended_on:
            raise ValidationError({field: _("%(name)s đã ngừng hoạt động sau ngày %(day)s.")
                                   % {"name": organisation.name, "day": organisation.ended_on.strftime("%d/%m/%Y")}})
        message = not_in_force_message(unit=unit_of_organisation_on(organisation, on), on=on)
        if message:
            raise ValidationError({field: f"{organisation.name}: {message} "
                                          + _("Hãy chuyển tổ chức sang đơn vị mới trước.")})
    if unit is not None:
        message = not_in_force_message(unit=unit, on=on)
        if message:
            raise ValidationError({field: message})


def api_token_hash(key: str) -> str:
    """What is stored of an API key: its SHA-256, in hexadecimal."""
    return hashlib.sha256(key.encode()).hexdigest()


def _require_token_manager(actor) -> None:
    # actor None is trusted code (a command, a data load).
    if actor is not None and (not can_manage_reference_data(actor) or is_read_only(actor)):
        raise PermissionDenied(_("Chỉ quản trị hệ thống được cấp và thu hồi mã truy cập API."))


def api_token_issue(*, actor, user: User, name: str, expires_on: dt.date | None = None,
                    reason: str = "") -> tuple[ApiToken, str]:
    """Issue ``user`` a key for the API: the token and the key, which is shown this once and kept nowhere
    (only its SHA-256 and its first characters are)."""
    _require_token_manager(actor)
    if not user.is_active:
        raise ValidationError({"user": _("Không cấp mã truy cập cho tài khoản đã ngừng hoạt động.")})
    if expires_on is not None and expires_on < timezone.localdate():
        raise ValidationError({"expires_on": _("Ngày hết hạn đã qua.")})
    key = secrets.token_urlsafe(32)
    with audited_write(actor, reason=reason or "Cấp mã truy cập API"):
        token = _save(ApiToken(user=user, name=name, prefix=key[:8], key_hash=api_token_hash(key),
                               expires_on=expires_on))
    return token, key


def api_token_revoke(*, actor, token: ApiToken, reason: str) -> ApiToken:
    """From now on the key is refused. Revoking a revoked token changes nothing."""
    _require_token_manager(actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do thu hồi mã truy cập.")})
    with audited_write(actor, reason=reason):
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
        return token
