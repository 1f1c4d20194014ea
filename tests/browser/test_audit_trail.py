"""An auditor finds who changed an initiative and why, follows the record's timeline and exports the
filtered log with its hashes, in a real browser."""

import csv
import hashlib
import io
import json

import pytest

from audit.models import AuditAction, AuditEvent
from initiatives import services
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.initiatives.conftest import file_initiative, school_lucngan  # noqa: F401

pytestmark = pytest.mark.browser

OLD_TITLE = "Dạy học theo trạm cho môn Toán lớp 6"
NEW_TITLE = "Dạy học theo trạm cho môn Toán lớp 6 và lớp 7"


@pytest.fixture
def renamed(district_officer_lucngan, school_lucngan):  # noqa: F811
    initiative = file_initiative(district_officer_lucngan, school_lucngan, title=OLD_TITLE)
    services.initiative_update(actor=district_officer_lucngan, initiative=initiative, title=NEW_TITLE,
                               reason="Mở rộng sang lớp 7 theo góp ý của hội đồng")
    return AuditEvent.objects.get(model="initiatives.initiative", object_id=str(initiative.pk),
                                  action=AuditAction.UPDATE)


def test_an_auditor_traces_a_change_and_exports_the_log(page, auditor, district_officer_lucngan, renamed, tmp_path):
    sign_in(page, auditor.username, PASSWORD)
    page.locator("nav.menu").get_by_role("link", name="Nhật ký", exact=True).click()
    assert page.locator("h1").inner_text() == "Nhật ký thay đổi"

    page.select_option("#id_person", str(district_officer_lucngan.pk))
    page.select_option("#id_action", AuditAction.UPDATE)
    page.get_by_role("button", name="Lọc").click()
    rows = page.locator("table.log tbody tr")
    assert rows.count() == 1
    assert "Mở rộng sang lớp 7" in rows.first.inner_text()

    rows.first.get_by_role("link", name=str(renamed.seq), exact=True).click()
    assert page.locator("h1").inner_text() == f"Thay đổi #{renamed.seq}: Sửa"
    changed = page.locator("table").first.inner_text()
    assert "Tên sáng kiến" in changed  # the field's Vietnamese name, not its column
    assert OLD_TITLE in changed and NEW_TITLE in changed
    assert renamed.hash in page.locator("dl.hashes").inner_text()

    page.get_by_role("link", name=NEW_TITLE, exact=True).click()
    versions = page.locator("ol.timeline > li")
    assert "Tạo mới" in versions.first.locator("h2").inner_text()  # oldest first
    newest = versions.last.inner_text()
    assert f"#{renamed.seq} Sửa" in newest
    assert "Mở rộng sang lớp 7 theo góp ý của hội đồng" in newest
    assert district_officer_lucngan.full_name in newest  # the person, by their full name

    page.go_back()
    page.go_back()
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV", exact=True).click()
    download.value.save_as(tmp_path / "log.csv")
    content = (tmp_path / "log.csv").read_bytes()
    [header, row] = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert header[0] == "Số thứ tự" and header[-1] == "Mã băm"
    assert (row[0], row[-1]) == (str(renamed.seq), renamed.hash)

    logged = AuditEvent.objects.get(action=AuditAction.EXPORT, actor=auditor)
    assert json.loads(logged.changes)["sha256"] == hashlib.sha256(content).hexdigest()
    assert json.loads(logged.changes)["rows"] == 1
