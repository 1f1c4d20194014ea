"""Spreadsheet imports of initiatives (with their authors) and of replication nominations: the one-record
services' rules on every row, all rows or none, idempotent, audited, and the version check."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import ImportBatch, ImportOutcome
from audit.versions import version_of
from directory import importing
from initiatives import access, services
from initiatives.importers import InitiativeImporter, NominationImporter
from initiatives.models import Initiative, InitiativeAuthor, ReplicationNomination
from initiatives.services import INITIATIVE_VERSION
from initiatives.workflow import InitiativeStatus, NominationStatus
from tests.initiatives.conftest import file_initiative, recognise_provincially

D = dt.date
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(headers, rows, *, name="nhap.xlsx") -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for cells in rows:
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def run(actor, importer, headers, rows, reason=""):
    return importing.run(actor=actor, importer=importer, file=workbook(headers, rows), reason=reason)


def refused(actor, importer, headers, rows, reason="") -> str:
    """The messages of a refused file; the attempt is left in the trail as a rejected batch."""
    with pytest.raises(ValidationError) as error:
        run(actor, importer, headers, rows, reason=reason)
    batch = ImportBatch.objects.order_by("-pk").first()
    assert batch.outcome == ImportOutcome.REJECTED
    return " | ".join(error.value.messages)


def histories() -> tuple[int, int]:
    return Initiative.history.count(), InitiativeAuthor.history.count()


# Initiatives ----------------------------------------------------------------------------------------

HEADERS = ["Tên sáng kiến", "Tổ chức", "Lĩnh vực", "Ngày nộp", "Ngày áp dụng lần đầu (hoặc thử)", "Mô tả sáng kiến",
           "Lợi ích dự kiến (đồng/năm)", "Tác giả"]


def initiative_row(organisation, title="Vườn rau trong trường học", authors="Nguyễn Văn An (60); Trần Thị Bình (40)",
                   filed_on="15/03/2024", description="Mỗi lớp chăm một luống rau.\nThu hoạch bán gây quỹ."):
    return [title, organisation.name, "Giáo dục", filed_on, "01/09/2023", description, "1.500.000", authors]


def test_initiatives_are_filed_with_their_authors_then_left_alone(district_officer_lucngan, school_lucngan,
                                                                  cooperative_lucngan):
    rows = [initiative_row(school_lucngan),
            initiative_row(cooperative_lucngan, title="Sấy vải bằng năng lượng mặt trời", authors="Lê Văn Cường")]
    result = run(district_officer_lucngan, InitiativeImporter, HEADERS, rows)
    assert (result.created, result.changed, result.unchanged) == (2, 0, 0)
    garden = Initiative.objects.get(title="Vườn rau trong trường học")
    assert garden.status == InitiativeStatus.FILED and garden.organisation == school_lucngan
    assert garden.filed_on == D(2024, 3, 15) and garden.expected_benefit == 1_500_000
    assert garden.description == "Mỗi lớp chăm một luống rau.\nThu hoạch bán gây quỹ."
    assert sorted((a.name, a.share_percent) for a in garden.authors.all()) == [("Nguyễn Văn An", 60),
                                                                               ("Trần Thị Bình", 40)]
    assert [(a.name, a.share_percent) for a in Initiative.objects.get(organisation=cooperative_lucngan)
            .authors.all()] == [("Lê Văn Cường", 100)]
    assert histories() == (2, 3)
    assert garden.history.get().history_user == district_officer_lucngan
    assert ImportBatch.objects.filter(kind="initiatives.initiative").get().outcome == ImportOutcome.SUCCEEDED

    again = run(district_officer_lucngan, InitiativeImporter, HEADERS, rows)
    assert (again.created, again.changed, again.unchanged) == (0, 0, 2)
    assert histories() == (2, 3)
    assert Initiative.objects.count() == 2


def test_a_bad_row_refuses_the_whole_file_naming_row_and_column(district_officer_lucngan, school_lucngan):
    rows = [initiative_row(school_lucngan),
            initiative_row(school_lucngan, title="Sổ tay điện tử", authors="Nguyễn Văn An (60); Trần Thị Bình (30)"),
            initiative_row(school_lucngan, title="Thư viện xanh", filed_on="31/02/2024")]
    messages = refused(district_officer_lucngan, InitiativeImporter, HEADERS, rows)
    assert "Dòng 3, cột «Tác giả»" in messages and "(hiện là 90%)" in messages
    assert "Dòng 4, cột «Ngày nộp»" in messages
    assert not Initiative.objects.exists() and histories() == (0, 0)


def test_a_new_initiative_needs_its_authors_and_description(district_officer_lucngan, school_lucngan):
    rows = [["Vườn rau", school_lucngan.name, "Giáo dục", "15/03/2024"]]
    messages = refused(district_officer_lucngan, InitiativeImporter, HEADERS[:4], rows)
    assert "Dòng 2: sáng kiến mới cần cả các cột" in messages and "Tác giả" in messages
    assert not Initiative.objects.exists()


def test_an_officer_imports_only_for_their_own_units_organisations(district_officer_yenthe, school_lucngan,
                                                                   commune_yenthe):
    rows = [initiative_row(commune_yenthe, title="Một cửa liên thông"), initiative_row(school_lucngan)]
    messages = refused(district_officer_yenthe, InitiativeImporter, HEADERS, rows)
    assert "Dòng 3, cột «Tổ chức»: Chỉ cán bộ của đơn vị được nộp sáng kiến" in messages
    assert "Dòng 2" not in messages
    assert not Initiative.objects.exists()


def test_an_organisation_of_an_ended_unit_is_refused_after_its_end(district_officer_lucngan, school_lucngan):
    # Huyện Lục Ngạn ended on 30 June 2025 (the district level ended): nothing is filed for it after.
    messages = refused(district_officer_lucngan, InitiativeImporter, HEADERS,
                       [initiative_row(school_lucngan, filed_on="01/08/2025")])
    assert "Dòng 2, cột «Tổ chức»" in messages and "hết hiệu lực" in messages
    assert not Initiative.objects.exists()


def test_the_auditor_and_the_ip_officer_may_not_import(auditor, ip_officer, school_lucngan):
    for actor in (auditor, ip_officer):
        for importer in (InitiativeImporter, NominationImporter):
            with pytest.raises(PermissionDenied):
                run(actor, importer, HEADERS, [initiative_row(school_lucngan)])
    assert not Initiative.objects.exists()


def test_duplicate_rows_in_the_file_are_refused(district_officer_lucngan, school_lucngan):
    rows = [initiative_row(school_lucngan), initiative_row(school_lucngan, title="vườn rau trong trường  học")]
    messages = refused(district_officer_lucngan, InitiativeImporter, HEADERS, rows)
    assert "Dòng 3: trùng với dòng 2." in messages


VERSIONED = ["Mã", "Tên sáng kiến", "Tổ chức", "Lĩnh vực", "Ngày nộp", "Mô tả sáng kiến", "Phiên bản"]


def test_a_row_exported_before_a_change_is_refused_unless_it_equals_the_record(district_officer_lucngan,
                                                                             school_lucngan):
    initiative = file_initiative(district_officer_lucngan, school_lucngan)
    exported = version_of(initiative, related=INITIATIVE_VERSION)
    services.initiative_update(actor=district_officer_lucngan, initiative=initiative,
                               description="Các trạm luân phiên, mỗi trạm mười phút.")

    def row(description):
        return [initiative.pk, initiative.title, school_lucngan.name, "Giáo dục", "01/03/2023", description, exported]

    messages = refused(district_officer_lucngan, InitiativeImporter, VERSIONED, [row("Mô tả khác")])
    assert "Dòng 2:" in messages and "đã được sửa trong hệ thống sau khi tệp được xuất" in messages
    assert "Các trạm luân phiên" in messages  # what changed meanwhile
    initiative.refresh_from_db()
    assert initiative.description == "Các trạm luân phiên, mỗi trạm mười phút."

    same = run(district_officer_lucngan, InitiativeImporter, VERSIONED,
               [row("Các trạm luân phiên, mỗi trạm mười phút.")])
    assert (same.created, same.changed, same.unchanged) == (0, 0, 1)

    current = version_of(initiative, related=INITIATIVE_VERSION)
    fresh = run(district_officer_lucngan, InitiativeImporter, VERSIONED,
                [[*row("Mô tả mới")[:-1], current]])
    assert fresh.changed == 1
    initiative.refresh_from_db()
    assert initiative.description == "Mô tả mới" and initiative.status == InitiativeStatus.FILED


def test_a_change_of_authors_alone_is_refused_over_a_newer_version(district_officer_lucngan, school_lucngan):
    initiative = file_initiative(district_officer_lucngan, school_lucngan)
    exported = version_of(initiative, related=INITIATIVE_VERSION)
    services.initiative_set_authors(actor=district_officer_lucngan, initiative=initiative,
                                    authors=[{"name": "Nguyễn Thị Mai", "share_percent": 70},
                                             {"name": "Lê Văn Bình", "share_percent": 30}])
    headers = ["Mã", "Tên sáng kiến", "Tổ chức", "Lĩnh vực", "Ngày nộp", "Tác giả", "Phiên bản"]
    base = [initiative.pk, initiative.title, school_lucngan.name, "Giáo dục", "01/03/2023"]
    messages = refused(district_officer_lucngan, InitiativeImporter, headers,
                       [[*base, "Nguyễn Thị Mai (50); Lê Văn Bình (50)", exported]])
    assert "các mục đi kèm đã thay đổi" in messages
    unchanged = run(district_officer_lucngan, InitiativeImporter, headers,
                    [[*base, "Lê Văn Bình (30%); Nguyễn Thị Mai (70%)", exported]])
    assert unchanged.unchanged == 1


AUTHOR_HEADERS = ["Tên sáng kiến", "Tổ chức", "Lĩnh vực", "Ngày nộp", "Tác giả"]


def test_authors_are_compared_and_only_their_changes_written(district_officer_lucngan, school_lucngan):
    initiative = file_initiative(district_officer_lucngan, school_lucngan)  # Mai 60, Bình 40, with birth years
    base = [initiative.title, school_lucngan.name, "Giáo dục", "01/03/2023"]
    before = histories()

    same = run(district_officer_lucngan, InitiativeImporter, AUTHOR_HEADERS,
               [[*base, "Lê Văn Bình (40%); Nguyễn Thị Mai (60,00)"]])
    assert (same.changed, same.unchanged) == (0, 1) and histories() == before

    shares = run(district_officer_lucngan, InitiativeImporter, AUTHOR_HEADERS,
                 [[*base, "Nguyễn Thị Mai (50); Lê Văn Bình (50)"]])
    assert shares.changed == 1
    authors = {a.name: a for a in initiative.authors.all()}
    assert {name: a.share_percent for name, a in authors.items()} == {"Nguyễn Thị Mai": 50, "Lê Văn Bình": 50}
    assert authors["Nguyễn Thị Mai"].birth_year == 1985  # matched by name: the rest of the author is kept
    # Only the authors changed: two author history rows, none of the initiative's own.
    assert histories() == (before[0], before[1] + 2)
    assert InitiativeAuthor.history.filter(history_type="~").count() == 2

    messages = refused(district_officer_lucngan, InitiativeImporter, AUTHOR_HEADERS,
                       [[*base, "Nguyễn Thị Mai (100)"]])
    assert "Dòng 2, cột «Tác giả»: bỏ tác giả Lê Văn Bình khỏi sáng kiến cần ghi lý do" in messages
    assert initiative.authors.count() == 2

    alone = run(district_officer_lucngan, InitiativeImporter, AUTHOR_HEADERS,
                [[*base, "Nguyễn Thị Mai (90); Phạm Văn Cường (10)"]], reason="Đồng tác giả rút tên")
    assert alone.changed == 1
    assert sorted((a.name, a.share_percent) for a in initiative.authors.all()) == [("Nguyễn Thị Mai", 90),
                                                                                   ("Phạm Văn Cường", 10)]
    removed = InitiativeAuthor.history.get(history_type="-")
    assert removed.name == "Lê Văn Bình" and removed.history_change_reason == "Đồng tác giả rút tên"
    assert histories()[0] == before[0]


@pytest.mark.parametrize(("cell", "message"), [
    ("Nguyễn Thị Mai (60); Lê Văn Bình", "cần dạng “Họ và tên (tỷ lệ%)”"),
    ("Nguyễn Thị Mai (60); nguyễn thị mai (40)", "được ghi hai lần"),
    ("Nguyễn Thị Mai (99.999); Lê Văn Bình (0.001)", "nhiều nhất hai chữ số thập phân"),
    ("", "Cần ít nhất một tác giả"),
])
def test_an_unreadable_authors_cell_is_refused(district_officer_lucngan, school_lucngan, cell, message):
    rows = [initiative_row(school_lucngan, authors=cell)]
    messages = refused(district_officer_lucngan, InitiativeImporter, HEADERS, rows)
    assert "Dòng 2, cột «Tác giả»" in messages and message in messages


def test_a_recognised_initiative_changes_only_by_the_secretary_with_a_reason(district_officer_lucngan,
                                                                            council_secretary, school_lucngan):
    initiative = recognise_provincially(file_initiative(district_officer_lucngan, school_lucngan))
    headers = ["Mã", "Tên sáng kiến", "Tổ chức", "Lĩnh vực", "Ngày nộp", "Mô tả sáng kiến"]
    row = [initiative.pk, initiative.title, school_lucngan.name, "Giáo dục", "01/03/2023", "Mô tả đã sửa"]

    messages = refused(district_officer_lucngan, InitiativeImporter, headers, [row])
    assert "Dòng 2: Sáng kiến đã được công nhận cấp cơ sở" in messages
    messages = refused(council_secretary, InitiativeImporter, headers, [row])
    assert "cần ghi lý do sửa" in messages
    # The unit's officer may still re-import it unchanged.
    assert run(district_officer_lucngan, InitiativeImporter, headers, [row[:-1] + [initiative.description]]).unchanged

    done = run(council_secretary, InitiativeImporter, headers, [row], reason="Sửa lỗi chính tả theo biên bản")
    assert done.changed == 1
    initiative.refresh_from_db()
    assert initiative.description == "Mô tả đã sửa"
    assert initiative.status == InitiativeStatus.RECOGNISED_PROVINCIAL  # the import never moves recognition
    assert initiative.history.latest("history_id").history_change_reason == "Sửa lỗi chính tả theo biên bản"


def test_the_confidential_part_only_from_who_may_read_it(district_officer_lucngan, school_lucngan, monkeypatch):
    headers = [*HEADERS, "Nội dung cần giữ bí mật"]
    rows = [[*initiative_row(school_lucngan), "Công thức phân bón"]]
    monkeypatch.setattr(access, "can_see_confidential", lambda user, initiative: False)
    messages = refused(district_officer_lucngan, InitiativeImporter, headers, rows)
    assert "Dòng 2, cột «Nội dung cần giữ bí mật»" in messages
    monkeypatch.undo()
    run(district_officer_lucngan, InitiativeImporter, headers, rows)
    assert Initiative.objects.get().confidential_part == "Công thức phân bón"


# Nominations ----------------------------------------------------------------------------------------

NOMINATION_HEADERS = ["Năm", "Đơn vị nhân rộng", "Sáng kiến", "Ngày đăng ký", "Giải trình khi vượt 3 sáng kiến"]


@pytest.fixture
def provincial(district_officer_lucngan, school_lucngan):
    """Four initiatives of provincial scope."""
    return [recognise_provincially(file_initiative(district_officer_lucngan, school_lucngan, title=f"Sáng kiến số {i}"))
            for i in range(1, 5)]


def nomination_row(initiative, unit="bg.luc-ngan", year=2024, on="01/03/2024", justification=""):
    return [year, unit, initiative.title, on, justification]


def test_nominations_are_created_then_left_alone(district_officer_lucngan, provincial):
    rows = [nomination_row(initiative) for initiative in provincial[:3]]
    rows[2][2] = provincial[2].pk  # by ID as well as by title
    result = run(district_officer_lucngan, NominationImporter, NOMINATION_HEADERS, rows)
    assert (result.created, result.changed, result.unchanged) == (3, 0, 0)
    nomination = ReplicationNomination.objects.get(initiative=provincial[2])
    assert (nomination.unit.code, nomination.year, nomination.nominated_on) == ("bg.luc-ngan", 2024, D(2024, 3, 1))
    assert nomination.status == NominationStatus.NOMINATED
    history = ReplicationNomination.history.count()
    assert history == 3

    again = run(district_officer_lucngan, NominationImporter, NOMINATION_HEADERS, rows)
    assert (again.created, again.changed, again.unchanged) == (0, 0, 3)
    assert ReplicationNomination.history.count() == history


def test_beyond_the_target_a_justification_is_needed_counting_the_files_own_rows(district_officer_lucngan,
                                                                                 provincial, units):
    services.nomination_create(initiative=provincial[0], unit=units["bg.luc-ngan"], year=2024, actor=None,
                               on=D(2024, 2, 1))
    rows = [nomination_row(initiative) for initiative in provincial[1:]]
    messages = refused(district_officer_lucngan, NominationImporter, NOMINATION_HEADERS, rows)
    assert "Dòng 4, cột «Giải trình khi vượt 3 sáng kiến»" in messages and "đã có 3 sáng kiến" in messages
    assert ReplicationNomination.objects.count() == 1

    rows[2][4] = "Nhu cầu lớn ở các xã vùng cao"
    assert run(district_officer_lucngan, NominationImporter, NOMINATION_HEADERS, rows).created == 3
    assert ReplicationNomination.objects.get(initiative=provincial[3]).justification == "Nhu cầu lớn ở các xã vùng cao"


def test_a_bad_nomination_row_refuses_the_file(district_officer_lucngan, school_lucngan, provincial):
    filed_only = file_initiative(district_officer_lucngan, school_lucngan, title="Chưa công nhận")
    rows = [nomination_row(provincial[0]), nomination_row(filed_only), nomination_row(provincial[1], on="01/03/2022"),
            nomination_row(provincial[2], year=2019)]
    messages = refused(district_officer_lucngan, NominationImporter, NOMINATION_HEADERS, rows)
    assert "Dòng 3, cột «Sáng kiến»: Sáng kiến “Chưa công nhận” chưa có phạm vi ảnh hưởng cấp tỉnh" in messages
    assert "Dòng 4, cột «Ngày đăng ký»: Ngày đăng ký 01/03/2022 không phù hợp với kế hoạch năm 2024." in messages
    assert "Dòng 5, cột «Năm»" in messages
    assert not ReplicationNomination.objects.exists()


def test_a_unit_not_on_the_years_plan_is_refused(district_officer_lucngan, provincial):
    # From 2026 the plan's units are the communes and wards of the province: Lục Ngạn (a district) has ended.
    messages = refused(district_officer_lucngan, NominationImporter, NOMINATION_HEADERS,
                       [nomination_row(provincial[0], year=2026, on="01/03/2025")])
    assert "Dòng 2, cột «Đơn vị nhân rộng»" in messages and "không tham gia kế hoạch nhân rộng năm 2026" in messages


def test_an_officer_nominates_only_for_their_own_unit(district_officer_yenthe, provincial):
    messages = refused(district_officer_yenthe, NominationImporter, NOMINATION_HEADERS,
                       [nomination_row(provincial[0], unit="bg.yen-the"), nomination_row(provincial[1])])
    assert "Dòng 3, cột «Đơn vị nhân rộng»: Chỉ được đăng ký nhân rộng cho đơn vị của mình." in messages
    assert "Dòng 2" not in messages
    assert not ReplicationNomination.objects.exists()


def test_only_the_justification_of_a_recorded_nomination_changes(district_officer_lucngan, provincial):
    run(district_officer_lucngan, NominationImporter, NOMINATION_HEADERS, [nomination_row(provincial[0])])
    nomination = ReplicationNomination.objects.get()
    changed = run(district_officer_lucngan, NominationImporter, NOMINATION_HEADERS,
                  [nomination_row(provincial[0], justification="Phù hợp các trường vùng cao")])
    assert changed.changed == 1
    nomination.refresh_from_db()
    assert nomination.justification == "Phù hợp các trường vùng cao" and nomination.history.count() == 2

    headers = ["Mã", *NOMINATION_HEADERS]
    messages = refused(district_officer_lucngan, NominationImporter, headers,
                       [[nomination.pk, *nomination_row(provincial[0], on="05/03/2024",
                                                        justification="Phù hợp các trường vùng cao")]])
    assert "Dòng 2, cột «Ngày đăng ký»: đăng ký nhân rộng đã có chỉ được sửa phần giải trình" in messages


def test_a_nomination_changed_since_its_export_is_refused(district_officer_lucngan, provincial):
    run(district_officer_lucngan, NominationImporter, NOMINATION_HEADERS, [nomination_row(provincial[0])])
    nomination = ReplicationNomination.objects.get()
    exported = version_of(nomination)
    services.nomination_advance(nomination=nomination, to_status=NominationStatus.APPROVED,
                                actor=district_officer_lucngan)
    headers = ["Mã", *NOMINATION_HEADERS, "Phiên bản"]
    messages = refused(district_officer_lucngan, NominationImporter, headers,
                       [[nomination.pk, *nomination_row(provincial[0], justification="Thêm"), exported]])
    assert "đã được sửa trong hệ thống sau khi tệp được xuất" in messages
    same = run(district_officer_lucngan, NominationImporter, headers,
               [[nomination.pk, *nomination_row(provincial[0]), exported]])
    assert same.unchanged == 1
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.APPROVED and nomination.justification == ""


def test_the_secretary_does_not_change_an_initiative_not_yet_recognised(council_secretary, district_officer_lucngan,
                                                                         school_lucngan):
    initiative = file_initiative(district_officer_lucngan, school_lucngan)
    headers = ["Mã", "Tên sáng kiến", "Tổ chức", "Lĩnh vực", "Ngày nộp", "Mô tả sáng kiến"]
    messages = refused(council_secretary, InitiativeImporter, headers,
                       [[initiative.pk, initiative.title, school_lucngan.name, "Giáo dục", "01/03/2023", "Khác"]],
                       reason="Sửa")
    assert "Dòng 2: Sáng kiến chưa được công nhận cấp cơ sở: chỉ cán bộ của đơn vị được sửa." in messages
    initiative.refresh_from_db()
    assert initiative.description != "Khác"


def test_the_models_own_rules_refuse_a_row_naming_its_column(district_officer_lucngan, school_lucngan, provincial):
    headers = [*HEADERS, "Ngày kết thúc áp dụng lần đầu"]
    messages = refused(district_officer_lucngan, InitiativeImporter, headers,
                       [[*initiative_row(school_lucngan), "01/08/2023"],
                        initiative_row(school_lucngan, title="Không mô tả", description="")])
    assert "Dòng 2, cột «Ngày kết thúc áp dụng lần đầu»: Ngày kết thúc không thể trước ngày áp dụng." in messages
    assert "Dòng 3, cột «Mô tả sáng kiến»" in messages
    messages = refused(district_officer_lucngan, NominationImporter, NOMINATION_HEADERS,
                       [nomination_row(provincial[0], year=2101)])
    assert "Dòng 2, cột «Năm»" in messages
