"""Every write about the yearly reports: the written parts, the moves of their process, the files sent."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import audited_write
from audit.history import acting_user
from audit.models import AuditAction
from audit.services import record_export
from directory.models import AdministrativeUnit
from directory.workflow import InvalidTransition
from initiatives.selectors import plan_for, reporting_units
from ip_registry.selectors import target_progress
from reports import access
from reports.build import province_document, unit_document
from reports.document import ReportDocument, document_from_json, document_to_json
from reports.figures import UNPLACED, figures_by_unit, registration_growth, total, unit_figures, year_scope
from reports.models import AnnualReport, ReportSnapshot, ReportStep
from reports.workflow import EDITABLE, REPORTED, Actor, ReportStatus, allowed_moves

WRITTEN_FIELDS = ("results", "difficulties", "proposals", "as_of", "recipients", "signer_title", "signer_name",
                  "number")


def default_as_of(year: int, *, province: bool) -> dt.date:
    """A unit's figures run to its last day on time; the province's to 31 December (the plan's days)."""
    plan = plan_for(year)
    if plan is None:
        return dt.date(year, 12, 31 if province else 14)
    return plan.province_report_due if province else plan.unit_report_due


def report_for(*, year: int, unit: AdministrativeUnit | None) -> AnnualReport:
    """The report of ``unit`` (``None``: the province) for ``year``; a new draft, not saved, if none yet."""
    report = AnnualReport.objects.select_related("unit").filter(year=year, unit=unit).first()
    return report or AnnualReport(year=year, unit=unit, as_of=default_as_of(year, province=unit is None))


def reports_that_year(year: int, unit: AdministrativeUnit) -> bool:
    """Whether ``unit`` is among the units the year's plan says report (none in 2025)."""
    plan = plan_for(year)
    return plan is not None and reporting_units(plan).filter(pk=unit.pk).exists()


def _require_reporting(year: int, unit: AdministrativeUnit | None) -> None:
    if unit is not None and not reports_that_year(year, unit):
        raise InvalidTransition(_("%(unit)s không thuộc các đơn vị phải báo cáo năm %(year)s.")
                                % {"unit": unit.name, "year": year}, code="not_reporting")


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


def report_save(*, actor, year: int, unit: AdministrativeUnit | None, reason: str = "", **fields) -> AnnualReport:
    """Write a draft's parts (results, difficulties, proposals, the day its figures run to, the document's
    particulars). Only while it is a draft, returned or reopened."""
    if set(fields) - set(WRITTEN_FIELDS):
        raise TypeError(f"report_save() cannot change {sorted(set(fields) - set(WRITTEN_FIELDS))}")
    _require_reporting(year, unit)
    with audited_write(actor, reason=reason):
        report = AnnualReport.objects.select_for_update().filter(year=year, unit=unit).order_by("pk").first() \
            or report_for(year=year, unit=unit)
        if actor is not None and not access.can_edit(actor, report):
            raise PermissionDenied(_("Chỉ cán bộ của đơn vị được soạn báo cáo của đơn vị mình; báo cáo của tỉnh "
                                     "do Sở Khoa học và Công nghệ soạn."))
        if report.status not in EDITABLE:
            raise InvalidTransition(_("Báo cáo đang ở trạng thái “%(status)s”: không sửa được.")
                                    % {"status": report.get_status_display()}, code="not_editable")
        as_of = fields.get("as_of", report.as_of)
        if as_of.year != year:
            raise ValidationError({"as_of": _("Ngày tính số liệu phải thuộc năm %(year)s.") % {"year": year}})
        for name, value in fields.items():
            setattr(report, name, value.strip() if isinstance(value, str) else value)
        return _save(report)


def _canonical(content: dict) -> bytes:
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def province_content(report: AnnualReport) -> dict:
    """The province's figures and document, as of the report's day, for every unit of the year's plan."""
    scope = year_scope(year=report.year, as_of=report.as_of)
    figures = figures_by_unit(scope)
    units = sorted(scope.units, key=lambda unit: unit.name)
    reporting_year = bool(scope.plan and scope.plan.reporting_kinds)
    submissions = [row for row in submission_rows(report.year)
                   if row["status"] not in REPORTED or row["late"]] if reporting_year else []
    totals = total(list(figures.values()))
    document = province_document(report, units=units, figures=figures, totals=totals,
                                 targets=target_progress(as_of=report.as_of), submissions=submissions,
                                 growth=registration_growth(year=report.year, as_of=report.as_of),
                                 reporting_year=reporting_year)
    comparable = {str(pk): one for pk, one in figures.items() if pk != UNPLACED or any(_nonzero(one))}
    return {"figures": comparable, "document": document_to_json(document)}


def _nonzero(figures: dict):
    for value in figures.values():
        if isinstance(value, dict):
            yield from _nonzero(value)
        elif value:
            yield value


def unit_content(report: AnnualReport) -> dict:
    figures = unit_figures(unit=report.unit, year=report.year, as_of=report.as_of)
    return {"figures": figures, "document": document_to_json(unit_document(report, figures))}


def content_of(report: AnnualReport) -> dict:
    return province_content(report) if report.is_province else unit_content(report)


def submission_rows(year: int) -> list[dict]:
    """Every unit that reports for ``year``: its report's status, when it was sent and whether late."""
    plan = plan_for(year)
    if plan is None:
        return []
    units = list(reporting_units(plan))
    reports = {report.unit_id: report for report in AnnualReport.objects.filter(year=year, unit__in=units)}
    rows = []
    for unit in units:
        report = reports.get(unit.pk)
        rows.append({"unit": unit.name, "unit_pk": unit.pk, "status": report.status if report else "",
                     "status_label": report.get_status_display() if report else "",
                     "submitted_on": report.submitted_on if report else None, "late": bool(report and report.late)})
    return rows


def latest_snapshot(report: AnnualReport) -> ReportSnapshot | None:
    if report.pk is None:
        return None
    return report.snapshots.order_by("-taken_at", "-pk").first()


def report_document(report: AnnualReport) -> ReportDocument:
    """What the report says: as frozen when it was sent, or, while it can still change, as the records say."""
    snapshot = latest_snapshot(report) if report.status not in EDITABLE else None
    if snapshot is not None:
        return document_from_json(snapshot.content["document"])
    return document_from_json(content_of(report)["document"])


def figures_changed(report: AnnualReport) -> bool:
    """Whether the figures of the last snapshot differ from the same figures computed again for its day."""
    snapshot = latest_snapshot(report) if report.status not in EDITABLE else None
    if snapshot is None:
        return False
    return _canonical(snapshot.content["figures"]) != _canonical(content_of(report)["figures"])


def _status_label(status: str) -> str:
    return str(ReportStatus(status).label)


def report_advance(*, actor, year: int, unit: AdministrativeUnit | None, to_status: str, reason: str = "",
                   number: str = "", issued_on: dt.date | None = None) -> AnnualReport:
    """Move a report as ``reports.workflow`` allows, on today's date. A submission (or the province's issue)
    freezes a snapshot of the figures and the document with its SHA-256; a submission after the plan's last
    day on time is marked late. Nothing is written when the move is refused."""
    today = timezone.localdate()
    _require_reporting(year, unit)
    with audited_write(actor, reason=reason, action=AuditAction.WORKFLOW):
        report = AnnualReport.objects.select_for_update().filter(year=year, unit=unit).order_by("pk").first() \
            or report_for(year=year, unit=unit)
        moves = allowed_moves(report.status, province=report.is_province)
        move = moves.get(to_status)
        if move is None:
            allowed = ", ".join(_status_label(status) for status in moves) or _("không có")
            raise InvalidTransition(
                _("Không thể chuyển báo cáo từ “%(current)s” sang “%(target)s”. Từ “%(current)s” chỉ có thể chuyển "
                  "sang: %(allowed)s.") % {"current": _status_label(report.status),
                                           "target": _status_label(to_status), "allowed": allowed},
                code="invalid_transition")
        if actor is not None and not access.can_move(actor, report, move.by):
            raise PermissionDenied(_("Bước này do %(who)s thực hiện.") % {"who": Actor(move.by).label})
        if move.needs_reason and not reason.strip():
            raise InvalidTransition(_("Chuyển sang “%(target)s” cần ghi lý do.") % {"target": _status_label(to_status)},
                                    code="missing_reason")
        if move.needs_number:
            issued_on = issued_on or today
            if not number.strip():
                raise ValidationError({"number": _("Hãy ghi số, ký hiệu của báo cáo.")})
            if issued_on > today or issued_on.year < year:
                raise ValidationError({"issued_on": _("Ngày ban hành phải từ năm %(year)s đến hôm nay.")
                                       % {"year": year}})
            report.number, report.issued_on = number.strip(), issued_on
        if to_status == ReportStatus.SUBMITTED:
            plan = plan_for(year)
            report.submitted_on = today
            report.late = today > (plan.unit_report_due if plan else default_as_of(year, province=False))
        snapshot = None
        previous = report.status
        report.status = to_status
        report = _save(report)
        if move.freezes:
            content = content_of(report)
            snapshot = _save(ReportSnapshot(report=report, taken_at=timezone.now(), as_of=report.as_of,
                                            content=content, sha256=hashlib.sha256(_canonical(content)).hexdigest(),
                                            taken_by=acting_user(actor)))
        _save(ReportStep(report=report, from_status=previous, to_status=to_status, on=today, reason=reason.strip(),
                         snapshot=snapshot, recorded_by=acting_user(actor)))
        return report


def report_file(*, actor, report: AnnualReport, fmt: str) -> tuple[bytes, str]:
    """The report as a file (``xlsx`` or ``pdf``) and its name; logged as an export with its SHA-256."""
    from reports.pdf import render_pdf
    from reports.xlsx import render_xlsx

    if actor is not None and not access.can_read_report(actor, report):
        raise PermissionDenied(_("Không có quyền xem báo cáo này."))
    document = report_document(report)
    content = render_pdf(document) if fmt == "pdf" else render_xlsx(document)
    file_name = f"{document.file_stem}.{fmt}"
    record_export(actor=actor, what="reports.annualreport", file_name=file_name,
                  sha256=hashlib.sha256(content).hexdigest(), rows=sum(len(table.rows) for section in
                                                                       document.sections for table in section.tables),
                  filters={"year": report.year, "unit": report.unit.code if report.unit_id else ""})
    return content, file_name
