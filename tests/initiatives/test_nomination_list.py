"""The list of replication nominations and its export: the board's readers only, a unit's officer their own
unit's (with what was handed over to it and what the board counts for it), filters that never break the page,
what the sites did counted by the database, and a fixed number of queries whatever the number of rows."""

import csv
import datetime as dt
import hashlib
import io
import json

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from audit.versions import version_of
from directory import services as directory_services
from directory.models import Role
from initiatives import services
from initiatives.models import ReplicationSite
from initiatives.workflow import NominationStatus, SiteStatus
from tests.conftest import PASSWORD
from tests.initiatives.conftest import file_initiative, recognise_provincially

D = dt.date
TODAY = D(2025, 11, 20)
LIST = "initiatives:nomination_list"
EXPORT = "initiatives:nomination_export"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """A fixed day, so that "progress this year" means 2025 whatever day the tests run."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def officer_of(unit, username):
    user = directory_services.user_upsert(actor=None, username=username, full_name=username, password=PASSWORD)
    directory_services.role_assign(actor=None, user=user, role=Role.DISTRICT_OFFICER, unit=unit)
    return user


TITLES = ("Dạy học theo trạm cho môn Toán lớp 6", "Ứng dụng phần mềm quản lý hồ sơ một cửa",
          "Mô hình trồng vải thiều theo VietGAP", "Sổ tay điện tử cho cán bộ thú y")


@pytest.fixture
def provincial(district_officer_lucngan, school_lucngan):
    return [recognise_provincially(file_initiative(district_officer_lucngan, school_lucngan, title=title))
            for title in TITLES]


def nominate(initiative, unit, year=2024, on=None, **kwargs):
    return services.nomination_create(initiative=initiative, unit=unit, year=year, actor=None,
                                      on=on or D(year, 3, 1), **kwargs)


def site(nomination, name, started_on):
    return services.site_add(actor=None, nomination=nomination, place_kind=ReplicationSite.PlaceKind.SCHOOL,
                             place_name=name, responsible_person="Nguyễn Văn An", started_on=started_on)


def progress(site_, on, percent, benefit=None, people=None, reached=None):
    return services.progress_record(actor=None, site=site_, on=on, percent=percent, benefit=benefit,
                                    people_reached=people, units_reached=reached)


@pytest.fixture
def nominations(units, provincial):
    """Lục Ngạn 2024 (two sites, one completed, progress this year), Lục Ngạn 2025, Yên Thế 2024, the
    district of Việt Yên 2024 (replaced by the town during the year), Education 2024."""
    teaching, one_stop, lychee, _vet = provincial
    lucngan_2024 = nominate(teaching, units["bg.luc-ngan"])
    first = site(lucngan_2024, "Trường THCS Phượng Sơn", D(2024, 4, 1))
    progress(first, D(2024, 5, 1), 30, benefit=1_000_000, people=100, reached=2)
    progress(first, D(2025, 3, 1), 60, benefit=5_000_000, people=300, reached=4)  # the latest, of this year
    second = site(lucngan_2024, "Trường THCS Nam Dương", D(2024, 4, 1))
    progress(second, D(2024, 6, 1), 100, benefit=2_000_000, people=50, reached=1)
    services.site_advance(actor=None, site=second, to_status=SiteStatus.COMPLETED)
    lucngan_2025 = nominate(one_stop, units["bg.luc-ngan"], year=2025)
    services.nomination_advance(nomination=lucngan_2025, to_status=NominationStatus.APPROVED, actor=None)
    yenthe_2024 = nominate(lychee, units["bg.yen-the"])
    progress(site(yenthe_2024, "Xã Phồn Xương", D(2024, 5, 1)), D(2024, 7, 1), 40, benefit=900_000)
    vietyen_2024 = nominate(teaching, units["bg.huyen-viet-yen"], on=D(2024, 1, 15))
    education_2024 = nominate(one_stop, units["bg.so-gddt"], school_levels=["primary"])
    return {"lucngan_2024": lucngan_2024, "lucngan_2025": lucngan_2025, "yenthe_2024": yenthe_2024,
            "vietyen_2024": vietyen_2024, "education_2024": education_2024}


def listed(client, **query):
    response = client.get(reverse(LIST), query)
    assert response.status_code == 200
    return response, {nomination.pk for nomination in response.context["page"].object_list}


def ids(nominations, *names):
    return {nominations[name].pk for name in names}


# Who reads what ------------------------------------------------------------------------------------

def test_dost_the_secretary_and_auditors_read_every_units_nominations(client_for, ip_officer, council_secretary,
                                                                      auditor, administrator, nominations):
    for user in (ip_officer, council_secretary, auditor, administrator):
        response, shown = listed(client_for(user))
        assert shown == {nomination.pk for nomination in nominations.values()}, user
        assert response.context["page"].paginator.count == 5


def test_a_units_officer_reads_only_their_units_nominations(client_for, district_officer_lucngan,
                                                            district_officer_yenthe, nominations):
    response, shown = listed(client_for(district_officer_lucngan))
    assert shown == ids(nominations, "lucngan_2024", "lucngan_2025")
    page = response.content.decode()
    assert "Mô hình trồng vải thiều theo VietGAP" not in page  # Yên Thế's
    assert "Huyện Yên Thế" not in page.split("<table", 1)[1]
    _response, shown = listed(client_for(district_officer_yenthe))
    assert shown == ids(nominations, "yenthe_2024")
    # Asking for another unit's rows gives nothing, not them.
    _response, shown = listed(client_for(district_officer_yenthe), unit=nominations["lucngan_2024"].unit_id)
    assert shown == set()


def test_a_successor_reads_what_the_board_counts_for_it(client_for, units, nominations):
    """The district of Việt Yên ended on 31/01/2024: the 2024 board counts its nomination for the town."""
    town = officer_of(units["bg.tx-viet-yen"], "officer_tx_vietyen")
    _response, shown = listed(client_for(town))
    assert shown == ids(nominations, "vietyen_2024")
    # A unit that only shares a province with it does not.
    chu = officer_of(units["bg.tx-chu"], "officer_chu")
    assert listed(client_for(chu))[1] == set()


def test_a_department_officer_reads_the_departments_nominations(client_for, units, nominations):
    education = officer_of(units["bg.so-gddt"], "officer_gddt")
    assert listed(client_for(education))[1] == ids(nominations, "education_2024")


def test_work_handed_over_is_read_by_the_unit_that_carries_it_on(client_for, ip_officer, units, nominations):
    commune = officer_of(units["bn.luc-ngan"], "officer_xa_lucngan")
    assert listed(client_for(commune))[1] == set()
    services.open_work_hand_over(actor=ip_officer, unit=units["bg.luc-ngan"], to=units["bn.luc-ngan"],
                                 reason="Văn bản bàn giao số 15/UBND", on=D(2026, 1, 5))
    assert listed(client_for(commune))[1] == ids(nominations, "lucngan_2024", "lucngan_2025")


def test_without_a_role_nothing_is_read(client, client_for, outsider, nominations):
    assert client.get(reverse(LIST)).status_code == 302  # to the log-in
    assert client.get(reverse(EXPORT, args=["xlsx"])).status_code == 302
    signed_in = client_for(outsider)
    assert signed_in.get(reverse(LIST)).status_code == 403
    assert signed_in.get(reverse(EXPORT, args=["xlsx"])).status_code == 403
    assert signed_in.get(reverse(EXPORT, args=["csv"])).status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


# Filters -------------------------------------------------------------------------------------------

def test_filters(client_for, auditor, units, nominations):
    client = client_for(auditor)
    assert listed(client, year="2025")[1] == ids(nominations, "lucngan_2025")
    assert listed(client, year="2024", unit=units["bg.luc-ngan"].pk)[1] == ids(nominations, "lucngan_2024")
    assert listed(client, status=NominationStatus.APPROVED)[1] == ids(nominations, "lucngan_2025")
    # The initiative's title, whatever the diacritics and the case.
    assert listed(client, q="VAI THIEU")[1] == ids(nominations, "yenthe_2024")
    assert listed(client, q="dạy học")[1] == ids(nominations, "lucngan_2024", "vietyen_2024")
    assert listed(client, q="Phượng Sơn")[1] == set()  # the organisation is not the title
    # Progress recorded in 2025 (today's year): only Lục Ngạn's 2024 nomination.
    assert listed(client, progress="with")[1] == ids(nominations, "lucngan_2024")
    assert listed(client, progress="without")[1] == ids(nominations, "lucngan_2025", "yenthe_2024",
                                                        "vietyen_2024", "education_2024")
    assert listed(client, progress="without", year="2024", q="vai")[1] == ids(nominations, "yenthe_2024")


MALFORMED = [
    {"year": "abc"}, {"year": "1999"}, {"unit": "999999"}, {"unit": "x"}, {"status": "lost"},
    {"progress": "maybe"}, {"q": "x" * 300}, {"page": "abc"}, {"page": "99999"}, {"year": "2024\x00"},
]


def test_a_malformed_filter_is_reported_in_vietnamese_and_never_a_500(client_for, auditor, nominations):
    client = client_for(auditor)
    for query in MALFORMED:
        response = client.get(reverse(LIST), query)
        assert response.status_code == 200, query
        if "page" not in query:
            assert response.context["form"].errors, query
            assert "Điều kiện lọc không hợp lệ đã được bỏ qua" in response.content.decode()
        # Left out: the list stands as without it.
        assert response.context["page"].paginator.count == 5, query
        assert client.get(reverse(EXPORT, args=["csv"]), query).status_code == 200, query


def test_a_malformed_filter_leaves_the_others_applied(client_for, auditor, units, nominations):
    response, shown = listed(client_for(auditor), year="hai nghìn", unit=units["bg.yen-the"].pk)
    assert shown == ids(nominations, "yenthe_2024")
    assert "Năm nhân rộng" in response.content.decode()  # the field named with its error


# What the sites did --------------------------------------------------------------------------------

def test_each_row_counts_its_sites_and_sums_the_results_last_measured_at_each(client_for, auditor, nominations):
    response = client_for(auditor).get(reverse(LIST))
    rows = {nomination.pk: nomination for nomination in response.context["page"].object_list}
    lucngan = rows[nominations["lucngan_2024"].pk]
    assert (lucngan.site_count, lucngan.sites_done, lucngan.latest_progress_on) == (2, 1, D(2025, 3, 1))
    # Each site's latest measure, summed over the sites (not every update: they are cumulative).
    assert (lucngan.benefit_total, lucngan.people_total, lucngan.units_reached_total) == (7_000_000, 350, 5)
    empty = rows[nominations["lucngan_2025"].pk]
    assert (empty.site_count, empty.sites_done, empty.latest_progress_on, empty.benefit_total) == (0, 0, None, 0)
    page = response.content.decode()
    row = page[page.index(f'data-nomination="{nominations["lucngan_2024"].pk}"'):]
    row = row[:row.index("</tr>")]
    assert "7.000.000" in row and "01/03/2025" in row and "Đã đăng ký nhân rộng" in row
    assert reverse("initiatives:initiative_detail", args=[nominations["lucngan_2024"].initiative_id]) in row


def test_the_board_and_the_unit_year_page_link_to_the_list(client_for, auditor, units, nominations):
    client = client_for(auditor)
    board = client.get(reverse("initiatives:replication_board", args=[2024])).content.decode()
    assert f'{reverse(LIST)}?year=2024' in board
    unit_page = client.get(reverse("initiatives:unit_year", args=[2024, units["bg.luc-ngan"].pk])).content.decode()
    assert f'{reverse(LIST)}?year=2024&amp;unit={units["bg.luc-ngan"].pk}' in unit_page
    # And the link filters as it says.
    assert listed(client, year="2024", unit=units["bg.luc-ngan"].pk)[1] == ids(nominations, "lucngan_2024")


# Export --------------------------------------------------------------------------------------------

def test_the_xlsx_export_keeps_the_filter_and_the_officers_scope(client_for, district_officer_lucngan,
                                                                  nominations):
    response = client_for(district_officer_lucngan).get(reverse(EXPORT, args=["xlsx"]), {"year": "2024"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="dang-ky-nhan-rong-20251120.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header == ["Mã", "Năm", "Đơn vị nhân rộng", "Sáng kiến", "Ngày đăng ký", "Trạng thái", "Số địa điểm",
                      "Địa điểm đã hoàn thành", "Cập nhật tiến độ gần nhất", "Lợi ích đo được (đồng)",
                      "Số người được áp dụng", "Số đơn vị áp dụng", "Phiên bản"]
    rows = [dict(zip(header, row)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    nomination = nominations["lucngan_2024"]
    assert len(rows) == 1  # the 2025 one is filtered out, the other units' are not the officer's
    row = rows[0]
    assert (row["Mã"], row["Năm"], row["Đơn vị nhân rộng"]) == (nomination.pk, 2024, "Huyện Lục Ngạn")
    assert row["Sáng kiến"] == "Dạy học theo trạm cho môn Toán lớp 6"
    assert row["Trạng thái"] == "Đã đăng ký nhân rộng"  # words, not codes
    assert row["Ngày đăng ký"] == dt.datetime(2024, 3, 1)  # a date
    assert row["Cập nhật tiến độ gần nhất"] == dt.datetime(2025, 3, 1)
    assert (row["Số địa điểm"], row["Địa điểm đã hoàn thành"]) == (2, 1)  # numbers
    assert (row["Lợi ích đo được (đồng)"], row["Số người được áp dụng"], row["Số đơn vị áp dụng"]) == (
        7_000_000, 350, 5)
    assert row["Phiên bản"] == version_of(nomination)
    assert sheet.cell(row=2, column=header.index("Ngày đăng ký") + 1).number_format == "dd/mm/yyyy"

    event = AuditEvent.objects.filter(action=AuditAction.EXPORT).latest("seq")
    changes = json.loads(event.changes)
    assert event.model == "initiatives.replicationnomination"
    assert changes["sha256"] == hashlib.sha256(response.content).hexdigest()
    assert (changes["rows"], changes["filters"]) == (1, {"year": "2024"})
    assert event.actor_id == district_officer_lucngan.pk


def test_the_csv_export_keeps_the_filter_and_the_scope(client_for, auditor, district_officer_yenthe, nominations):
    response = client_for(auditor).get(reverse(EXPORT, args=["csv"]), {"q": "day hoc"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[0] == "Mã" and header[-1] == "Phiên bản"
    assert sorted(int(row[0]) for row in body) == sorted(ids(nominations, "lucngan_2024", "vietyen_2024"))
    by_id = {int(row[0]): dict(zip(header, row)) for row in body}
    lucngan = by_id[nominations["lucngan_2024"].pk]
    assert (lucngan["Ngày đăng ký"], lucngan["Trạng thái"], lucngan["Lợi ích đo được (đồng)"]) == (
        "01/03/2024", "Đã đăng ký nhân rộng", "7000000")
    event = AuditEvent.objects.filter(action=AuditAction.EXPORT).latest("seq")
    assert json.loads(event.changes)["sha256"] == hashlib.sha256(response.content).hexdigest()
    assert json.loads(event.changes)["filters"] == {"q": "day hoc"}

    # Yên Thế's officer exports only Yên Thế's, whatever they ask for.
    response = client_for(district_officer_yenthe).get(reverse(EXPORT, args=["csv"]))
    body = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]
    assert [int(row[0]) for row in body] == [nominations["yenthe_2024"].pk]


def test_an_unknown_format_is_a_404(client_for, auditor, nominations):
    assert client_for(auditor).get(reverse(EXPORT, args=["doc"])).status_code == 404


# Queries -------------------------------------------------------------------------------------------

GROWTH = [("bg.luc-ngan", 2024), ("bg.yen-the", 2024), ("bg.luc-nam", 2024), ("bg.son-dong", 2024),
          ("bg.tan-yen", 2024), ("bg.luc-ngan", 2025), ("bg.yen-the", 2025), ("bg.luc-nam", 2025),
          ("bg.son-dong", 2025), ("bg.tan-yen", 2025)]


def grow(units, provincial, pairs):
    """Every initiative nominated by each (unit, year), each with a site and its progress."""
    for code, year in pairs:
        for initiative in provincial:
            nomination = nominate(initiative, units[code], year=year, justification="Nhu cầu lớn")
            progress(site(nomination, f"Trường {nomination.pk}", D(year, 4, 1)), D(year, 5, 1), 50,
                     benefit=1_000, people=10, reached=1)


def measure(client, user, path, params):
    client.force_login(user)
    client.get(path, params)  # what a process keeps between requests (the units' map) is in place
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(captured), response


def test_the_list_and_its_export_cost_the_same_queries_at_5_and_at_40_rows(
        client, ip_officer, district_officer_lucngan, units, provincial):
    pages = [(ip_officer, reverse(LIST), {}), (ip_officer, reverse(LIST), {"q": "day hoc", "progress": "without"}),
             (district_officer_lucngan, reverse(LIST), {}),
             (ip_officer, reverse(EXPORT, args=["xlsx"]), {}),
             (district_officer_lucngan, reverse(EXPORT, args=["csv"]), {})]
    grow(units, provincial[:4], GROWTH[:1])
    grow(units, provincial[:1], GROWTH[1:2])
    small = [measure(client, *page) for page in pages]
    assert small[0][1].context["page"].paginator.count == 5
    grow(units, provincial[1:4], GROWTH[1:2])
    grow(units, provincial[:4], GROWTH[2:])
    large = [measure(client, *page) for page in pages]
    assert large[0][1].context["page"].paginator.count == 40
    assert len(large[0][1].context["page"].object_list) == 40
    assert len(large[2][1].context["page"].object_list) == 8  # Lục Ngạn's 2024 and 2025
    for (user, path, params), (few, _small), (many, _large) in zip(pages, small, large, strict=True):
        assert many == few, f"{path} {params} as {user}: {few} queries at 5 rows, {many} at 40"
