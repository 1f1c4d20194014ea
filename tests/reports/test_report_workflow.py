"""A unit's report: drafted, submitted (freezing its figures), accepted or returned, reopened; late after the
plan's last day on time. The province's report: issued with its number, then frozen."""

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from directory.workflow import InvalidTransition
from ip_registry import services as ip_services
from reports import services
from reports.document import document_to_json
from reports.models import AnnualReport, ReportSnapshot
from reports.reminders import units_not_submitted
from reports.services import _canonical
from reports.workflow import ReportStatus as S

D = dt.date


def submit(officer, unit, year=2026):
    return services.report_advance(actor=officer, year=year, unit=unit, to_status=S.SUBMITTED)


def applications_in(document) -> int:
    table = document.sections[0].tables[0]
    return sum(row[1] for row in table.rows)


def test_submitting_freezes_the_figures_and_later_records_do_not_change_them(
        units, commune_officer, filings, cooperative, today):
    today(D(2026, 12, 10))
    unit = units["bn.luc-ngan"]
    services.report_save(actor=commune_officer, year=2026, unit=unit, results="Đã nộp 2 đơn nhãn hiệu tập thể.")
    report = submit(commune_officer, unit)
    assert (report.status, report.submitted_on, report.late) == (S.SUBMITTED, D(2026, 12, 10), False)
    snapshot = report.snapshots.get()
    assert snapshot.sha256 == hashlib.sha256(_canonical(snapshot.content)).hexdigest()
    assert snapshot.history.get().sha256 == snapshot.sha256  # in the audit trail with the row
    assert applications_in(services.report_document(report)) == 2
    assert not services.figures_changed(report)

    asset = filings[0].asset
    ip_services.application_create(actor=None, asset=asset, applicant=cooperative, application_number="4-2026-09",
                                   filing_date=D(2026, 9, 9))
    assert applications_in(services.report_document(report)) == 2  # what was sent
    assert services.figures_changed(report)
    assert "Đã nộp 2 đơn" in services.report_document(report).sections[-1].paragraphs[1]


def test_a_submission_after_the_last_day_on_time_is_late(units, district_officer_lucngan, today):
    today(D(2024, 12, 15))
    report = submit(district_officer_lucngan, units["bg.luc-ngan"], year=2024)
    assert report.late


def test_returned_with_a_reason_then_resubmitted_keeps_both_snapshots(units, commune_officer, ip_officer, today):
    today(D(2026, 12, 1))
    unit = units["bn.luc-ngan"]
    submit(commune_officer, unit)
    with pytest.raises(InvalidTransition, match="lý do"):
        services.report_advance(actor=ip_officer, year=2026, unit=unit, to_status=S.RETURNED)
    services.report_advance(actor=ip_officer, year=2026, unit=unit, to_status=S.RETURNED,
                            reason="Bổ sung kết quả nhân rộng")
    services.report_save(actor=commune_officer, year=2026, unit=unit, results="Đã bổ sung.")
    report = submit(commune_officer, unit)
    assert report.snapshots.count() == 2
    services.report_advance(actor=ip_officer, year=2026, unit=unit, to_status=S.ACCEPTED)
    with pytest.raises(InvalidTransition):  # accepted: not editable
        services.report_save(actor=commune_officer, year=2026, unit=unit, results="Sửa sau khi tiếp nhận")
    services.report_advance(actor=ip_officer, year=2026, unit=unit, to_status=S.REOPENED, reason="Sai số liệu")
    report = submit(commune_officer, unit)
    assert (report.status, report.snapshots.count(), report.steps.count()) == (S.SUBMITTED, 3, 6)


def test_only_the_units_officer_submits_and_only_dost_accepts(units, commune_officer, other_commune_officer,
                                                              ip_officer, auditor):
    unit = units["bn.luc-ngan"]
    for outsider in (other_commune_officer, ip_officer, auditor):
        with pytest.raises(PermissionDenied):
            submit(outsider, unit)
    submit(commune_officer, unit)
    for not_dost in (commune_officer, auditor):
        with pytest.raises(PermissionDenied):
            services.report_advance(actor=not_dost, year=2026, unit=unit, to_status=S.ACCEPTED)
    assert AnnualReport.objects.get().status == S.SUBMITTED


def test_an_illegal_move_writes_nothing(units, commune_officer, ip_officer):
    unit = units["bn.luc-ngan"]
    events = AuditEvent.objects.count()
    with pytest.raises(InvalidTransition, match="Đang soạn"):
        services.report_advance(actor=ip_officer, year=2026, unit=unit, to_status=S.ACCEPTED)
    assert not AnnualReport.objects.exists() and AuditEvent.objects.count() == events


def test_the_day_figures_run_to_must_be_in_the_year(units, commune_officer):
    with pytest.raises(ValidationError, match="2026"):
        services.report_save(actor=commune_officer, year=2026, unit=units["bn.luc-ngan"], as_of=D(2027, 1, 5))
    assert not AnnualReport.objects.exists()


def test_units_not_submitted(units, commune_officer):
    missing = units_not_submitted(2026)
    assert units["bn.luc-ngan"] in missing and len(missing) > 90
    submit(commune_officer, units["bn.luc-ngan"])
    assert units["bn.luc-ngan"] not in units_not_submitted(2026)
    assert units_not_submitted(2025) == []  # no unit report for 2025


def test_the_province_report_is_issued_with_its_number_and_frozen(units, ip_officer, filings, today):
    today(D(2026, 12, 30))
    with pytest.raises(ValidationError, match="số, ký hiệu"):
        services.report_advance(actor=ip_officer, year=2026, unit=None, to_status=S.ISSUED)
    report = services.report_advance(actor=ip_officer, year=2026, unit=None, to_status=S.ISSUED,
                                     number="125/BC-SKHCN", issued_on=D(2026, 12, 30))
    document = services.report_document(report)
    assert document.letterhead.number == "Số: 125/BC-SKHCN"
    assert document.letterhead.date == D(2026, 12, 30)
    assert ReportSnapshot.objects.get(report=report).content["document"] == document_to_json(document)
    appendix = document.sections[-1].tables[0]
    assert ["Xã Lục Ngạn", 2] == appendix.rows[[row[0] for row in appendix.rows].index("Xã Lục Ngạn")][:2]


def appendix_row(report, unit_name):
    appendix = services.report_document(report).sections[-1].tables[0]
    return next(row for row in appendix.rows if row[0] == unit_name)


def test_the_province_counts_each_year_under_the_units_of_that_year(units, filings):
    # The cooperative filed once in 2024 (in the district of Lục Ngạn) and twice in 2026 (in xã Lục Ngạn).
    report_2024 = services.report_for(year=2024, unit=None)
    assert appendix_row(report_2024, "Huyện Lục Ngạn")[1] == 1
    assert "Xã Lục Ngạn" not in [row[0] for row in services.report_document(report_2024).sections[-1].tables[0].rows]
    report_2026 = services.report_for(year=2026, unit=None)
    assert appendix_row(report_2026, "Xã Lục Ngạn")[1:4] == [2, 0, 0]  # filed, granted, in force
    growth = services.report_document(report_2026).sections[0].tables[1]
    assert [row[:3] for row in growth.rows if row[0] in ("2024", "2025", "2026")] == [
        ["2024", 1, 0], ["2025", 0, 1], ["2026", 2, 0]]


def test_only_the_units_the_plan_names_report_that_year(units, district_officer_lucngan, client_for, ip_officer):
    # The district of Lục Ngạn reported until 2024; it ended on 30 June 2025; no unit reports for 2025.
    for year in (2025, 2026):
        with pytest.raises(InvalidTransition, match="không thuộc các đơn vị phải báo cáo"):
            submit(district_officer_lucngan, units["bg.luc-ngan"], year=year)
        url = f"/reports/{year}/units/{units['bg.luc-ngan'].pk}/"
        assert client_for(ip_officer).get(url).status_code == 404
    assert not AnnualReport.objects.exists()
