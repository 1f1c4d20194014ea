"""Who may do what with initiatives, on top of the directory's role predicates.

District officers work on their own unit's initiatives and replications; the council secretary moves
recognition and records votes; everybody with a role reads the province, but an initiative's
confidential part only the secretary, IP officers, auditors and the initiative's own unit.
"""

from __future__ import annotations

from directory import access
from directory.models import AdministrativeUnit, Organisation
from directory.selectors import district_level_unit_of


def unit_of_organisation(organisation: Organisation) -> AdministrativeUnit | None:
    return district_level_unit_of(organisation.unit)


def is_own_unit(user, unit: AdministrativeUnit | None) -> bool:
    scope = access.unit_scope(user)
    return scope is not None and unit is not None and scope.pk == unit.pk and not access.is_read_only(user)


def can_read(user) -> bool:
    return access.has_any_role(user)


def is_writing_officer(user) -> bool:
    """A district (or department) officer who is not also an auditor: may write for their own unit."""
    return access.is_district_officer(user) and not access.is_read_only(user)


def can_file_for(user, organisation: Organisation) -> bool:
    return is_writing_officer(user) and is_own_unit(user, unit_of_organisation(organisation))


def responsible_unit(initiative) -> AdministrativeUnit | None:
    """The unit that works on an initiative: the one its open work was handed over to, else its
    organisation's."""
    return initiative.handed_over_to or unit_of_organisation(initiative.organisation)


def is_locked(initiative) -> bool:
    """Recognised at base level: its description, authors and shares are what the council judged."""
    return initiative.base_recognised_on is not None


def can_edit(user, initiative) -> bool:
    """The unit's officer works on its initiative: files, attachments, payments."""
    return is_writing_officer(user) and is_own_unit(user, responsible_unit(initiative))


def can_change_content(user, initiative) -> bool:
    """What the council judges (description, authors, shares, the rest of the application): the unit's officer
    until the initiative is recognised; after it, the council secretary alone (with a reason)."""
    if is_locked(initiative):
        return access.is_council_secretary(user) and not access.is_read_only(user)
    return can_edit(user, initiative)


def reads_every_confidential_part(user) -> bool:
    return access.is_council_secretary(user) or access.is_ip_officer(user) or access.is_auditor(user)


def can_see_confidential(user, initiative) -> bool:
    return reads_every_confidential_part(user) or is_own_unit(user, responsible_unit(initiative))


def confidential_readable(user, ids: set[str]) -> set[str]:
    """The ids, among ``ids`` (as the audit log writes them), of the initiatives whose confidential part
    ``user`` reads: the rule of :func:`can_see_confidential`, for a page of history in one query."""
    if reads_every_confidential_part(user):
        return set(ids)
    if access.unit_scope(user) is None:
        return set()
    from initiatives.models import Initiative

    pks = [int(pk) for pk in ids if pk.isdigit() and len(pk) < 19]
    initiatives = Initiative.objects.filter(pk__in=pks).select_related(
        "handed_over_to", "organisation__unit__parent__parent__parent")
    return {str(initiative.pk) for initiative in initiatives if can_see_confidential(user, initiative)}


def can_hand_over(user) -> bool:
    """DOST hands the open work of an ended unit over to a successor: the IP officer or the administrator."""
    return (access.is_ip_officer(user) or access.is_administrator(user)) and not access.is_read_only(user)


def can_move_recognition(user) -> bool:
    return access.is_council_secretary(user) and not access.is_read_only(user)


def can_nominate_for(user, unit: AdministrativeUnit) -> bool:
    return is_writing_officer(user) and is_own_unit(user, unit)


def can_record_replication(user, nomination) -> bool:
    return can_nominate_for(user, nomination.handed_over_to or nomination.unit)


def can_record_payment(user, initiative) -> bool:
    return can_move_recognition(user) or can_edit(user, initiative)
