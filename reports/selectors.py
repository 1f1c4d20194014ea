"""Reads of the yearly reports, scoped to the user: a report the user may not see is a 404."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from directory import access as directory_access
from directory.models import AdministrativeUnit
from reports import access
from reports.models import AnnualReport
from reports.services import report_for, reports_that_year, submission_rows
from reports.workflow import REPORTED, ReportStatus

FIRST_YEAR = 2021  # Directive 01/CT-UBND


def years() -> list[int]:
    return list(range(timezone.localdate().year, FIRST_YEAR - 1, -1))


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404


def report_detail(*, user, year: int, unit_pk: int | None) -> AnnualReport:
    """The report (a new, unsaved draft if none yet) of a unit or, with no ``unit_pk``, of the province."""
    if not directory_access.has_any_role(user):
        raise PermissionDenied
    _check_year(year)
    unit = None
    if unit_pk is not None:
        unit = AdministrativeUnit.objects.filter(pk=unit_pk).first()
        if unit is None or not reports_that_year(year, unit):
            raise Http404
    report = report_for(year=year, unit=unit)
    if not (access.can_read_report(user, report) or access.can_edit(user, report)):
        raise Http404
    return report


@dataclass
class SubmissionBoard:
    rows: list[dict]
    counts: dict[str, int]


STATES = {
    "missing": lambda row: row["status"] not in REPORTED,
    "late": lambda row: row["late"],
    "returned": lambda row: row["status"] in (ReportStatus.RETURNED, ReportStatus.REOPENED),
    "submitted": lambda row: row["status"] in REPORTED,
}


def submission_board(*, user, year: int, state: str = "") -> SubmissionBoard:
    """Every unit that reports for ``year``, with its report's status, for DOST and auditors."""
    if not access.can_read_all(user):
        raise PermissionDenied
    _check_year(year)
    rows = submission_rows(year)
    counts = {name: sum(1 for row in rows if keep(row)) for name, keep in STATES.items()}
    if state in STATES:
        rows = [row for row in rows if STATES[state](row)]
    return SubmissionBoard(rows, counts)


def issued_province_reports() -> list[AnnualReport]:
    return list(AnnualReport.objects.filter(unit__isnull=True, status=ReportStatus.ISSUED).order_by("-year"))
