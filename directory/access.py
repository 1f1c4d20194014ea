"""Who may do what: small named predicates over a user's roles.

Every page, API view, admin class, export and history view asks these, so one rule guards every door.
A user's roles are read once per request object and cached on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from directory.models import AdministrativeUnit, Role, RoleAssignment


@dataclass(frozen=True)
class Roles:
    names: frozenset[str]
    # The unit a district officer is bound to (a district-level unit or a provincial department).
    unit: AdministrativeUnit | None

    def __contains__(self, role: str) -> bool:
        return role in self.names


_NO_ROLES = Roles(frozenset(), None)


def roles_of(user) -> Roles:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return _NO_ROLES
    cached = getattr(user, "_directory_roles", None)
    if cached is None:
        assignments = list(RoleAssignment.objects.filter(user=user).select_related("unit"))
        names = {assignment.role for assignment in assignments}
        if user.is_superuser:
            names.add(Role.ADMINISTRATOR)
        unit = next((a.unit for a in assignments if a.role == Role.DISTRICT_OFFICER), None)
        cached = Roles(frozenset(names), unit)
        user._directory_roles = cached
    return cached


def forget_roles(user) -> None:
    """Drop the cached roles after they changed."""
    user.__dict__.pop("_directory_roles", None)


def has_role(user, role: str) -> bool:
    return role in roles_of(user)


def has_any_role(user) -> bool:
    return bool(roles_of(user).names)


def is_ip_officer(user) -> bool:
    return has_role(user, Role.IP_OFFICER)


def is_district_officer(user) -> bool:
    return has_role(user, Role.DISTRICT_OFFICER)


def is_council_secretary(user) -> bool:
    return has_role(user, Role.COUNCIL_SECRETARY)


def is_auditor(user) -> bool:
    return has_role(user, Role.AUDITOR)


def is_administrator(user) -> bool:
    return has_role(user, Role.ADMINISTRATOR)


def can_edit_ip(user) -> bool:
    """Create and change IP assets, applications and their steps, infringements, growing-area codes."""
    return is_ip_officer(user) and not is_read_only(user)


def can_read_ip(user) -> bool:
    """The IP registry is read-only for every role but the IP officer's."""
    return has_any_role(user)


def can_manage_reference_data(user) -> bool:
    """Users, roles, administrative units and organisations."""
    return is_administrator(user)


def can_use_admin(user) -> bool:
    """The Django admin is for the provincial roles; district officers work through the pages."""
    roles = roles_of(user).names
    return bool(roles & {Role.ADMINISTRATOR, Role.IP_OFFICER, Role.COUNCIL_SECRETARY, Role.AUDITOR})


def can_reorganise(user) -> bool:
    """Place organisations of ended units under their successors (DOST, the administrator), re-bind officers
    (the administrator): the reorganisation page."""
    return (is_administrator(user) or is_ip_officer(user)) and not is_read_only(user)


def is_read_only(user) -> bool:
    """An auditor reads everything and changes nothing, whatever other role they also hold."""
    return is_auditor(user)


def unit_scope(user) -> AdministrativeUnit | None:
    """The unit a district officer works for; ``None`` for everyone else."""
    return roles_of(user).unit


def can_read_all_history(user) -> bool:
    """IP officers and auditors see every record's history; district officers only their unit's."""
    return is_ip_officer(user) or is_auditor(user) or is_administrator(user)


def can_read_history(user) -> bool:
    """The audit log's pages: the whole log for IP officers, auditors and administrators; their unit's
    part for district officers."""
    return can_read_all_history(user) or unit_scope(user) is not None
