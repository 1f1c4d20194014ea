"""Who may do what with the yearly reports, on top of the directory's role predicates.

A unit's officer drafts and submits their own unit's report and reads the province's once issued; IP
officers (DOST) and auditors read every report; DOST (the IP officer role) accepts, returns, reopens and
drafts and issues the province's report. Auditors change nothing.
"""

from __future__ import annotations

from directory import access
from reports.workflow import Actor, ReportStatus


def is_dost(user) -> bool:
    return access.is_ip_officer(user) and not access.is_read_only(user)


def can_read_all(user) -> bool:
    return access.is_ip_officer(user) or access.is_auditor(user)


def is_own_unit(user, unit) -> bool:
    scope = access.unit_scope(user)
    return scope is not None and unit is not None and scope.pk == unit.pk


def can_write_unit_report(user, unit) -> bool:
    return access.is_district_officer(user) and is_own_unit(user, unit) and not access.is_read_only(user)


def can_read_report(user, report) -> bool:
    if can_read_all(user):
        return True
    if report.is_province:
        return access.has_any_role(user) and report.status == ReportStatus.ISSUED
    return is_own_unit(user, report.unit)


def can_move(user, report, by: str) -> bool:
    """Whether ``user`` may make a move the workflow gives to ``by`` (the unit or DOST)."""
    if by == Actor.DOST:
        return is_dost(user)
    return not report.is_province and can_write_unit_report(user, report.unit)


def can_edit(user, report) -> bool:
    return is_dost(user) if report.is_province else can_write_unit_report(user, report.unit)
