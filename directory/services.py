"""Every write to the directory: units, successions, organisations, users and their roles."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone

from audit import audited_write
from directory.access import forget_roles
from directory.models import (
    AdministrativeUnit,
    Organisation,
    RoleAssignment,
    UnitSuccession,
    User,
)


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
        return _upsert(
            Organisation,
            lookup={"name": name, "unit": unit},
            values={
                "kind": kind, "address": address, "phone": phone, "email": email,
                "contact_person": contact_person, "tax_code": tax_code,
            },
        )


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
    with audited_write(actor, reason=reason):
        instance.delete()
