"""Importing protection applications with their steps: each step checked and written as application_advance
checks and writes it, the recorded steps never rewritten, all rows or none, idempotent, audited."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from audit.models import ImportBatch, ImportOutcome
from audit.versions import versions_of
from directory import importing
from directory.tables import render
from ip_registry import exports, services
from ip_registry.importers import ApplicationImporter
from ip_registry.models import (
    ApplicationStep,
    AssetKind,
    Deadline,
    Document,
    IPAsset,
    ProtectionApplication,
    ProtectionSpan,
)
from ip_registry.workflow import ApplicationStatus as S

D = dt.date
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = ["Số đơn", "Tài sản trí tuệ", "Loại đơn", "Người nộp đơn", "Đại diện sở hữu công nghiệp", "Ngày nộp đơn",
           "Các bước", "Số văn bằng"]


def workbook(headers, rows, *, name="don.xlsx") -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for cells in rows:
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def run(actor, rows, headers=HEADERS):
    return importing.run(actor=actor, importer=ApplicationImporter, file=workbook(headers, rows))


def refused(actor, rows, headers=HEADERS) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        run(actor, rows, headers)
    assert ImportBatch.objects.latest("pk").outcome == ImportOutcome.REJECTED
    return caught.value.messages


@pytest.fixture
def papers(mycchu_mark, document_for):
    """The IP Office's papers for Mỳ Chũ, uploaded before the import names them."""
    return {
        "accepted": document_for(mycchu_mark, "Thông báo chấp nhận đơn hợp lệ"),
        "intended": document_for(mycchu_mark, "Thông báo dự định cấp văn bằng"),
        "certificate": document_for(mycchu_mark, "Văn bằng", Document.Type.CERTIFICATE),
    }


def granted_row(papers, number="4-2024-00077", asset="Mỳ Chũ"):
    steps = (f"01/02/2024 Đơn hợp lệ | tài liệu: {papers['accepted'].pk}; 15/03/2024 Đã công bố;\n"
             f"20/09/2024 Dự định cấp văn bằng | tài liệu: Thông báo dự định cấp văn bằng; "
             f"15/11/2024 Granted | tài liệu: {papers['certificate'].pk}")
    return [number, asset, "", "Hợp tác xã Mỳ Chũ", "Công ty Luật Phạm và Liên danh", "05/01/2024", steps,
            "VB-2024-00123"]


def test_an_application_is_created_with_its_steps(ip_officer, mycchu_mark, papers):
    result = run(ip_officer, [granted_row(papers)])
    assert (result.created, result.changed, result.unchanged) == (1, 0, 0)
    application = ProtectionApplication.objects.get(application_number="4-2024-00077")
    assert (application.status, application.filing_date, application.representative) == (
        S.GRANTED, D(2024, 1, 5), "Công ty Luật Phạm và Liên danh")
    steps = list(application.steps.values_list("from_status", "to_status", "on", "document__title"))
    assert steps == [
        (S.PREPARING, S.FILED, D(2024, 1, 5), None),
        (S.FILED, S.ACCEPTED, D(2024, 2, 1), "Thông báo chấp nhận đơn hợp lệ"),
        (S.ACCEPTED, S.PUBLISHED, D(2024, 3, 15), None),
        (S.PUBLISHED, S.INTENDED_GRANT, D(2024, 9, 20), "Thông báo dự định cấp văn bằng"),
        (S.INTENDED_GRANT, S.GRANTED, D(2024, 11, 15), "Văn bằng"),
    ]
    assert all(step.recorded_by == ip_officer for step in application.steps.all())
    mycchu_mark.refresh_from_db()
    # The grant is carried to the mark: ten years from filing.
    assert (mycchu_mark.certificate_number, mycchu_mark.grant_date, mycchu_mark.valid_until) == (
        "VB-2024-00123", D(2024, 11, 15), D(2034, 1, 5))
    assert list(mycchu_mark.spans.values_list("starts_on", "basis", "term_ends_on")) == [
        (D(2024, 11, 15), "protected", D(2034, 1, 5))]
    # Every deadline the steps opened was met or closed; none is left open after the grant.
    assert set(application.deadlines.values_list("state", flat=True)) <= {"met", "missed", "cancelled"}
    assert application.deadlines.count() == 5
    batch = ImportBatch.objects.latest("pk")
    assert (batch.outcome, batch.kind, batch.row_count) == (
        ImportOutcome.SUCCEEDED, "ip_registry.protectionapplication", 1)


def _end_state(application):
    application.refresh_from_db()
    asset = IPAsset.objects.get(pk=application.asset_id)
    return {
        "application": (application.kind, application.status, application.filing_date, application.applicant_id,
                        application.representative, application.months_late, application.surcharge_percent),
        "steps": list(application.steps.order_by("on", "pk").values_list(
            "from_status", "to_status", "on", "received_on", "note", "reason", "document__title", "recorded_by")),
        "deadlines": sorted(application.deadlines.values_list(
            "kind", "party", "opened_on", "due_date", "met_date", "state", "rule")),
        "asset": (asset.grant_date, asset.certificate_number, asset.valid_until, asset.owner_id),
        "spans": list(ProtectionSpan.objects.filter(asset=asset).order_by("starts_on").values_list(
            "starts_on", "ends_on", "basis", "term_ends_on", "renewal_from", "grace_until", "renewal_pending",
            "kind", "organisation")),
        "history": application.history.count(),
    }


# Two walks: a mark straight to its grant; a mark refused, complained about and granted in the end (reasons,
# the day the refusal was received, deadlines met, missed and cancelled).
WALKS = {
    "granted": [
        (S.ACCEPTED, D(2024, 2, 1), "Thông báo", {}),
        (S.PUBLISHED, D(2024, 3, 15), None, {}),
        (S.INTENDED_GRANT, D(2024, 9, 20), "Thông báo", {}),
        (S.GRANTED, D(2024, 11, 15), "Văn bằng", {"certificate_number": "VB-1"}),
    ],
    "refused_then_granted": [
        (S.FORMALITY_DEFICIENT, D(2020, 3, 2), "Thông báo", {"note": "Thiếu bản mô tả"}),
        (S.ACCEPTED, D(2020, 6, 1), "Thông báo", {}),
        (S.PUBLISHED, D(2020, 8, 3), None, {}),
        (S.INTENDED_REFUSAL, D(2021, 6, 1), "Thông báo", {"reason": "Trùng nhãn hiệu đã đăng ký"}),
        (S.REFUSED, D(2021, 9, 1), "Quyết định", {"reason": "Không trả lời", "received_on": D(2021, 9, 10)}),
        (S.UNDER_COMPLAINT, D(2021, 10, 4), None, {"reason": "Khiếu nại lần đầu"}),
        (S.INTENDED_GRANT, D(2022, 1, 5), "Quyết định", {"reason": "Khiếu nại được chấp nhận"}),
        (S.GRANTED, D(2022, 3, 1), "Văn bằng", {"certificate_number": "VB-2"}),
    ],
}
FILED_ON = {"granted": D(2024, 1, 5), "refused_then_granted": D(2020, 1, 6)}


@pytest.mark.parametrize("walk", WALKS)
def test_the_import_ends_where_the_service_ends(walk, ip_officer, units, mycchu_cooperative, document_for):
    assets = [services.asset_create(actor=ip_officer, kind=AssetKind.COLLECTIVE_MARK, name=name,
                                    owner=mycchu_cooperative, nice_classes="30") for name in ("Mỳ Chũ", "Mỳ Chũ Xưa")]
    by_service, by_import = assets
    # The service, step by step, as the pages do.
    application = services.application_create(actor=ip_officer, asset=by_service, applicant=mycchu_cooperative,
                                              application_number="4-2024-00001", filing_date=FILED_ON[walk])
    for to_status, on, title, extra in WALKS[walk]:
        document = document_for(by_service, title) if title else None
        application = services.application_advance(application=application, to_status=to_status, actor=ip_officer,
                                                    on=on, document=document, **extra)
    # The same steps, in one row.
    items = []
    for to_status, on, title, extra in WALKS[walk]:
        parts = [f"{on:%d/%m/%Y} {S(to_status).label}"]
        if title:
            parts.append(f"tài liệu: {document_for(by_import, title).pk}")
        if extra.get("reason"):
            parts.append(f"lý do: {extra['reason']}")
        if extra.get("note"):
            parts.append(f"ghi chú: {extra['note']}")
        if extra.get("received_on"):
            parts.append(f"ngày nhận: {extra['received_on']:%d/%m/%Y}")
        items.append(" | ".join(parts))
    certificate = WALKS[walk][-1][3]["certificate_number"]
    result = run(ip_officer, [["4-2024-00002", "Mỳ Chũ Xưa", "Đăng ký xác lập quyền", mycchu_cooperative.name, "",
                               FILED_ON[walk], "; ".join(items), certificate]])
    assert result.created == 1
    imported = ProtectionApplication.objects.get(application_number="4-2024-00002")
    service_state, import_state = _end_state(application), _end_state(imported)
    assert import_state == service_state
    assert import_state["application"][1] == S.GRANTED and len(import_state["steps"]) == len(WALKS[walk]) + 1


def test_a_later_row_sees_what_an_earlier_row_granted(ip_officer, mycchu_mark, papers, document_for):
    """The renewal of row 3 is checked against the term row 2's grant gives the mark (ten years from filing):
    filed in the six months before its end, it is in time."""
    registration = granted_row(papers)
    registration[5] = "05/01/2014"
    registration[6] = registration[6].replace("/2024", "/2014")
    decision = document_for(mycchu_mark, "Quyết định gia hạn")
    renewal = ["GH-2023-00001", "Mỳ Chũ", "Gia hạn hiệu lực", "Hợp tác xã Mỳ Chũ", "", "01/10/2023",
               f"01/03/2024 Đã cấp văn bằng | tài liệu: {decision.pk}", ""]
    too_early = [*renewal[:5], "01/06/2023", renewal[6], ""]
    assert refused(ip_officer, [registration, too_early]) == [
        "Dòng 3, cột «Ngày nộp đơn»: Chưa đến thời hạn gia hạn: có thể nộp từ ngày 05/07/2023."]
    result = run(ip_officer, [registration, renewal])
    assert (result.created, result.changed) == (2, 0)
    mycchu_mark.refresh_from_db()
    assert (mycchu_mark.grant_date, mycchu_mark.valid_until) == (D(2014, 11, 15), D(2034, 1, 5))
    assert ProtectionApplication.objects.get(application_number="GH-2023-00001").months_late == 0


def test_the_same_file_twice_changes_nothing(ip_officer, mycchu_mark, papers):
    rows = [granted_row(papers), ["", "Mỳ Chũ", "", "Hợp tác xã Mỳ Chũ", "", "", "", ""]]
    first = run(ip_officer, rows)
    assert (first.created, first.changed, first.unchanged) == (2, 0, 0)
    models = (ProtectionApplication, ApplicationStep, Deadline, ProtectionSpan, IPAsset)
    before = {model: model.history.count() for model in models}
    again = run(ip_officer, rows)
    assert (again.created, again.changed, again.unchanged) == (0, 0, 2)
    assert {model: model.history.count() for model in models} == before
    # The application not numbered yet was found again by its asset, kind and applicant, not duplicated.
    assert ProtectionApplication.objects.filter(application_number__isnull=True).count() == 1


@pytest.mark.parametrize(("steps", "problem"), [
    ("01/02/2024 Đơn hợp lệ | tài liệu: {accepted}; 15/11/2024 Đã cấp văn bằng | tài liệu: {certificate}",
     "bước 2 «15/11/2024 Đã cấp văn bằng | tài liệu: {certificate}»: Không thể chuyển đơn 4-2024-00077 từ "
     "“Đơn hợp lệ” sang “Đã cấp văn bằng”. Từ “Đơn hợp lệ” chỉ có thể chuyển sang: Đã công bố, Đã rút đơn."),
    ("01/02/2024 Đơn hợp lệ | tài liệu: {accepted}; {tomorrow} Đã công bố",
     "bước 2 «{tomorrow} Đã công bố»: Ngày {tomorrow} ở tương lai: chỉ ghi nhận việc đã xảy ra."),
    ("01/02/2024 Đơn hợp lệ | tài liệu: {accepted}; 31/01/2024 Đã công bố",
     "bước 2 «31/01/2024 Đã công bố»: Ngày 31/01/2024 trước bước trước đó (Đơn hợp lệ, ngày 01/02/2024)."),
    ("01/02/2024 Đơn hợp lệ",
     "bước 1 «01/02/2024 Đơn hợp lệ»: Chuyển sang “Đơn hợp lệ” cần: tài liệu."),
    ("01/02/2024 Đơn hợp lệ | tài liệu: {accepted}; 15/03/2024 Đã công bố; 20/09/2024 Dự định cấp văn bằng | "
     "tài liệu: {intended}; 15/11/2024 Đã cấp văn bằng | tài liệu: {certificate}",
     "bước 4 «15/11/2024 Đã cấp văn bằng | tài liệu: {certificate}»: Chuyển sang “Đã cấp văn bằng” cần: số văn "
     "bằng."),
    ("01/02/2024 Đơn hợp lệ | tài liệu: {accepted}; 15/03/2024 Đã công bố; 20/07/2024 Dự định cấp văn bằng | "
     "tài liệu: {intended}; 01/08/2024 Đã cấp văn bằng | tài liệu: {certificate}",
     None),  # the grant inside the five months for oppositions (to 15/08/2024), with its number below
])
def test_a_bad_step_refuses_the_file_and_writes_nothing(steps, problem, ip_officer, mycchu_mark, papers):
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    names = {name: paper.pk for name, paper in papers.items()}
    cells = steps.format(tomorrow=tomorrow, **names)
    certificate = "VB-1" if problem is None else ""
    good = ["4-2024-00078", "Mỳ Chũ", "", "Hợp tác xã Mỳ Chũ", "", "06/01/2024", "", ""]
    rows = [good, ["4-2024-00077", "Mỳ Chũ", "", "Hợp tác xã Mỳ Chũ", "", "05/01/2024", cells, certificate]]
    messages = refused(ip_officer, rows)
    if problem is None:
        expected = ("Dòng 3, cột «Các bước»: bước 4 «01/08/2024 Đã cấp văn bằng | tài liệu: {certificate}»: Chưa thể "
                    "cấp văn bằng: thời hạn phản đối đơn đến hết ngày 15/08/2024; có thể cấp từ ngày 16/08/2024.")
    else:
        expected = "Dòng 3, cột «Các bước»: " + problem
    assert messages == [expected.format(tomorrow=tomorrow, **names)]
    # Nothing of either row was written: no application, no step, no deadline, the asset untouched.
    assert not ProtectionApplication.objects.exists()
    assert not ApplicationStep.objects.exists() and not Deadline.objects.exists()
    assert not ProtectionSpan.objects.filter(asset=mycchu_mark).exists()


def test_a_recorded_application_gets_its_new_steps(ip_officer, mycchu_mark, mycchu_cooperative, papers):
    application = services.application_create(actor=ip_officer, asset=mycchu_mark, applicant=mycchu_cooperative,
                                              application_number="4-2024-00077", filing_date=D(2024, 1, 5))
    services.application_advance(application=application, to_status=S.ACCEPTED, actor=ip_officer, on=D(2024, 2, 1),
                                 document=papers["accepted"])
    history = application.history.count()
    # The recorded steps as they stand (their papers are not repeated), then two new ones and a representative.
    steps = ("01/02/2024 Đơn hợp lệ; 15/03/2024 Đã công bố; "
             f"20/09/2024 Dự định cấp văn bằng | tài liệu: {papers['intended'].pk}")
    plan = ApplicationImporter(ip_officer).plan(workbook(HEADERS, [
        ["4-2024-00077", "Mỳ Chũ", "", "Hợp tác xã Mỳ Chũ", "Công ty Luật Phạm", "05/01/2024", steps, ""]]))
    assert [(row.action, row.changes) for row in plan.rows] == [("change", [
        ("Đại diện sở hữu công nghiệp", "—", "Công ty Luật Phạm"),
        ("Trạng thái", "Đơn hợp lệ", "Dự định cấp văn bằng"),
        ("Các bước", "01/02/2024 Đơn hợp lệ", "15/03/2024 Đã công bố; 20/09/2024 Dự định cấp văn bằng"),
    ])]
    result = run(ip_officer, [["4-2024-00077", "Mỳ Chũ", "", "Hợp tác xã Mỳ Chũ", "Công ty Luật Phạm", "05/01/2024",
                               steps, ""]])
    assert (result.created, result.changed, result.unchanged) == (0, 1, 0)
    application.refresh_from_db()
    assert (application.status, application.representative) == (S.INTENDED_GRANT, "Công ty Luật Phạm")
    assert list(application.steps.values_list("to_status", "on")) == [
        (S.FILED, D(2024, 1, 5)), (S.ACCEPTED, D(2024, 2, 1)), (S.PUBLISHED, D(2024, 3, 15)),
        (S.INTENDED_GRANT, D(2024, 9, 20))]
    # The recorded step kept its paper; the publication met its deadline and opened the next ones.
    assert application.steps.get(to_status=S.ACCEPTED).document == papers["accepted"]
    assert application.deadlines.get(kind="publication").state == "met"
    assert application.deadlines.get(kind="grant_fees").state == "open"
    # One history row for the representative, one per step.
    assert application.history.count() == history + 3


def test_a_row_contradicting_the_recorded_steps_is_refused(ip_officer, mycchu_mark, mycchu_cooperative, papers):
    application = services.application_create(actor=ip_officer, asset=mycchu_mark, applicant=mycchu_cooperative,
                                              application_number="4-2024-00077", filing_date=D(2024, 1, 5))
    services.application_advance(application=application, to_status=S.ACCEPTED, actor=ip_officer, on=D(2024, 2, 1),
                                 document=papers["accepted"])
    services.application_advance(application=application, to_status=S.PUBLISHED, actor=ip_officer, on=D(2024, 3, 15))
    steps_before, history_before = ApplicationStep.history.count(), ProtectionApplication.history.count()

    def row(filing, steps):
        return ["4-2024-00077", "Mỳ Chũ", "", "Hợp tác xã Mỳ Chũ", "", filing, steps, ""]

    # Another day for a recorded step, even with the right new step after it.
    assert refused(ip_officer, [row("05/01/2024", "02/02/2024 Đơn hợp lệ; 15/03/2024 Đã công bố; 20/09/2024 Dự "
                                                  f"định cấp văn bằng | tài liệu: {papers['intended'].pk}")]) == [
        "Dòng 2, cột «Các bước»: bước 1 «02/02/2024 Đơn hợp lệ»: khác bước đã ghi nhận «01/02/2024 Đơn hợp lệ»: lịch "
        "sử các bước không được viết lại, chỉ thêm được bước sau bước cuối đã ghi nhận."]
    # Another filing date.
    assert refused(ip_officer, [row("04/01/2024", "01/02/2024 Đơn hợp lệ; 15/03/2024 Đã công bố")]) == [
        "Dòng 2, cột «Ngày nộp đơn»: khác bước đã ghi nhận «05/01/2024 Đã nộp đơn»: lịch sử các bước không được "
        "viết lại, chỉ thêm được bước sau bước cuối đã ghi nhận."]
    # A recorded step left out: the row would take the history back.
    assert refused(ip_officer, [row("05/01/2024", "01/02/2024 Đơn hợp lệ")]) == [
        "Dòng 2, cột «Các bước»: đơn đã có bước «15/03/2024 Đã công bố» (đã ghi nhận) mà dòng không ghi: lịch sử "
        "các bước không được viết lại; hãy giữ nguyên các bước đã có rồi mới thêm bước mới sau chúng."]
    assert (ApplicationStep.history.count(), ProtectionApplication.history.count()) == (steps_before, history_before)
    application.refresh_from_db()
    assert application.status == S.PUBLISHED


def test_the_list_pages_export_imports_back_unchanged(ip_officer, mycchu_mark, papers):
    run(ip_officer, [granted_row(papers)])
    applications = ProtectionApplication.objects.select_related("asset", "applicant")
    content, count = render(exports.application_columns(), exports.application_rows(applications), "xlsx",
                            sheet="Đơn")
    assert count == 1
    file = SimpleUploadedFile("don-xuat.xlsx", content, content_type=XLSX)
    result = importing.run(actor=ip_officer, importer=ApplicationImporter, file=file)
    assert (result.created, result.changed, result.unchanged) == (0, 0, 1)


def test_a_row_exported_before_the_record_changed_is_refused(ip_officer, mycchu_mark, mycchu_cooperative):
    application = services.application_create(actor=ip_officer, asset=mycchu_mark, applicant=mycchu_cooperative,
                                              application_number="4-2024-00077", filing_date=D(2024, 1, 5))
    exported = versions_of(ProtectionApplication, [application.pk])[application.pk]
    services.application_update(actor=ip_officer, application=application, representative="Công ty Luật A")
    headers = ["Mã", "Số đơn", "Tài sản trí tuệ", "Người nộp đơn", "Đại diện sở hữu công nghiệp", "Phiên bản"]
    messages = refused(ip_officer, [[application.pk, "4-2024-00077", "Mỳ Chũ", "Hợp tác xã Mỳ Chũ", "Công ty Luật B",
                                     exported]], headers)
    assert len(messages) == 1 and messages[0].startswith("Dòng 2: «4-2024-00077» đã được sửa trong hệ thống sau khi "
                                                         f"tệp được xuất (phiên bản {exported}, nay là ")
    assert "“—” → “Công ty Luật A”" in messages[0]
    application.refresh_from_db()
    assert application.representative == "Công ty Luật A"
    # The same row on the current version goes through.
    current = versions_of(ProtectionApplication, [application.pk])[application.pk]
    result = run(ip_officer, [[application.pk, "4-2024-00077", "Mỳ Chũ", "Hợp tác xã Mỳ Chũ", "Công ty Luật B",
                               current]], headers)
    assert result.changed == 1
    application.refresh_from_db()
    assert (application.representative, application.status) == ("Công ty Luật B", S.FILED)


@pytest.mark.parametrize("who", ["district_officer_lucngan", "auditor"])
def test_only_ip_officers_import_applications(who, request, mycchu_mark):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        run(user, [["4-2024-00077", "Mỳ Chũ", "", "Hợp tác xã Mỳ Chũ", "", "05/01/2024", "", ""]])
    with pytest.raises(PermissionDenied):
        ApplicationImporter(user).plan(workbook(HEADERS, [["4-2024-00077", "Mỳ Chũ", "", "Hợp tác xã Mỳ Chũ"]]))
    assert not ProtectionApplication.objects.exists()
