"""Reminders are e-mailed once: to a unit's officers 30, 7 and 1 days before its report day while it has not
sent; to IP officers for deadlines due within 7 days; the home page shows the same."""

import datetime as dt

from django.core.management import call_command
from django.urls import reverse

from directory import services as directory_services
from reports import services
from reports.models import ReminderSent
from reports.reminders import reminders_send
from reports.workflow import ReportStatus as S

D = dt.date


def with_email(user, address):
    return directory_services.user_upsert(actor=None, username=user.username, full_name=user.full_name,
                                          email=address)


def test_a_unit_is_reminded_7_days_before_its_day_once(units, commune_officer, mailoutbox):
    with_email(commune_officer, "xa.lucngan@example.vn")
    assert reminders_send(today=D(2026, 12, 6)) == 0  # 8 days before: no reminder that day
    assert reminders_send(today=D(2026, 12, 7)) == 1
    assert reminders_send(today=D(2026, 12, 7)) == 0  # run twice: nothing sent twice
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["xa.lucngan@example.vn"] and "còn 7 ngày" in mailoutbox[0].subject
    sent = ReminderSent.objects.get()
    assert sent.history.count() == 1


def test_a_unit_that_has_sent_is_not_reminded(units, commune_officer, mailoutbox):
    with_email(commune_officer, "xa.lucngan@example.vn")
    services.report_advance(actor=commune_officer, year=2026, unit=units["bn.luc-ngan"], to_status=S.SUBMITTED)
    assert reminders_send(today=D(2026, 12, 13)) == 0
    assert mailoutbox == []


def test_ip_officers_hear_of_deadlines_due_within_a_week(ip_officer, filings, mailoutbox):
    with_email(ip_officer, "shtt@example.vn")
    # The formality examination of the filing of 01/06/2026 is due on 01/07/2026.
    call_command("send_reminders", "--date", "2026-06-25")
    call_command("send_reminders", "--date", "2026-06-25")
    assert len(mailoutbox) == 1 and "sắp đến hạn" in mailoutbox[0].subject


def test_the_home_page_shows_the_units_report_before_its_day(client_for, units, commune_officer, today):
    today(D(2026, 12, 1))
    page = client_for(commune_officer).get(reverse("home")).content.decode()
    assert "Báo cáo năm 2026 của đơn vị chưa gửi" in page


def test_dost_reminds_the_units_that_have_not_sent_once_a_day(client_for, units, ip_officer, commune_officer,
                                                             other_commune_officer, mailoutbox):
    with_email(commune_officer, "xa.lucngan@example.vn")
    with_email(other_commune_officer, "phuongson@example.vn")
    services.report_advance(actor=other_commune_officer, year=2026, unit=units["bn.phuong-son"],
                            to_status=S.SUBMITTED)
    client = client_for(ip_officer)
    assert client.post(reverse("reports:remind", args=[2026])).status_code == 302
    assert client.post(reverse("reports:remind", args=[2026])).status_code == 302
    assert [message.to for message in mailoutbox] == [["xa.lucngan@example.vn"]]
    assert client_for(commune_officer).post(reverse("reports:remind", args=[2026])).status_code == 403
