"""Moving an application from its page: the form asks what the move needs; a refused move writes nothing."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ip_registry import services
from ip_registry.models import ApplicationStep, Document
from ip_registry.workflow import ApplicationKind
from ip_registry.workflow import ApplicationStatus as S

D = dt.date


@pytest.fixture
def filed(mycchu_mark, mycchu_cooperative):
    return services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative,
                                       application_number="4-2024-00077", filing_date=D(2024, 4, 1))


def url(application, to_status):
    return reverse("ip:application_advance", args=[application.pk, to_status])


def notice(name="thong-bao-hop-le.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 thong bao don hop le", content_type="application/pdf")


def stored_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def snapshot(application):
    application.refresh_from_db()
    return (application.status, ApplicationStep.objects.count(), Document.objects.count(),
            Document.history.count(), application.history.count())


def test_the_form_asks_for_a_document_for_an_acceptance(client_for, ip_officer, filed):
    response = client_for(ip_officer).get(url(filed, S.ACCEPTED))
    assert response.status_code == 200
    fields = set(response.context["form"].fields)
    assert fields == {"on", "note", "doc_type", "title", "file"}
    assert response.context["form"]["on"].value() == timezone.localdate()
    assert 'enctype="multipart/form-data"' in response.content.decode()


def test_the_form_asks_for_a_reason_for_a_withdrawal(client_for, ip_officer, filed):
    fields = set(client_for(ip_officer).get(url(filed, S.WITHDRAWN)).context["form"].fields)
    assert fields == {"on", "note", "reason"}


def test_the_form_asks_for_the_certificate_number_of_a_registration_only(client_for, ip_officer, filed,
                                                                         document_for, mycchu_cooperative, new_owner):
    application = filed
    for to_status in (S.ACCEPTED, S.PUBLISHED, S.INTENDED_GRANT):
        application = services.application_advance(application=application, to_status=to_status, actor=None,
                                                   on=D(2024, 5, 1), document=document_for(filed.asset))
    client = client_for(ip_officer)
    assert "certificate_number" in client.get(url(application, S.GRANTED)).context["form"].fields
    renewal = services.application_create(actor=None, asset=filed.asset, applicant=mycchu_cooperative,
                                          kind=ApplicationKind.TRANSFER, application_number="CN-2024-1",
                                          filing_date=D(2024, 6, 1), new_owner=new_owner)
    fields = client.get(url(renewal, S.GRANTED)).context["form"].fields
    assert "certificate_number" not in fields and "file" in fields


@pytest.mark.parametrize("to_status", [S.PUBLISHED, S.GRANTED, S.FILED, "spaceship"])
def test_a_move_the_table_does_not_allow_from_here_is_404(client_for, ip_officer, filed, to_status):
    assert client_for(ip_officer).get(url(filed, to_status)).status_code == 404


def test_an_unknown_status_is_404_on_post_too(client_for, ip_officer, filed):
    before = snapshot(filed)
    assert client_for(ip_officer).post(url(filed, "spaceship"), {"on": "2024-05-01"}).status_code == 404
    assert snapshot(filed) == before


def test_an_acceptance_with_its_notice_is_recorded(client_for, ip_officer, filed, settings):
    response = client_for(ip_officer).post(url(filed, S.ACCEPTED), {
        "on": "2024-04-20", "note": "Cục thông báo đơn hợp lệ", "doc_type": Document.Type.IP_OFFICE_NOTICE,
        "title": "Quyết định chấp nhận đơn hợp lệ", "file": notice(),
    })
    assert response.status_code == 302
    assert response["Location"] == reverse("ip:application_detail", args=[filed.pk])
    filed.refresh_from_db()
    assert filed.status == S.ACCEPTED
    step = filed.steps.order_by("pk").last()
    assert (step.to_status, step.on, step.note, step.recorded_by) == (S.ACCEPTED, D(2024, 4, 20),
                                                                      "Cục thông báo đơn hợp lệ", ip_officer)
    document = step.document
    assert (document.title, document.asset, document.uploaded_by) == ("Quyết định chấp nhận đơn hợp lệ",
                                                                       filed.asset, ip_officer)
    assert document.file.read() == b"%PDF-1.4 thong bao don hop le"
    assert len(stored_files(settings)) == 1
    for row in (filed.history.first(), document.history.first(), step.history.first()):
        assert (row.history_user, row.history_channel) == (ip_officer, "web")


def test_a_refused_move_keeps_neither_the_step_nor_the_document_nor_its_file(client_for, ip_officer, filed,
                                                                             settings):
    before = snapshot(filed)
    response = client_for(ip_officer).post(url(filed, S.ACCEPTED), {
        "on": "2024-03-01", "doc_type": Document.Type.IP_OFFICE_NOTICE, "title": "Thông báo", "file": notice(),
    })
    assert response.status_code == 200
    assert "trước bước trước đó" in response.content.decode()
    assert snapshot(filed) == before
    assert stored_files(settings) == []


def test_a_move_dated_in_the_future_is_refused_with_the_services_message(client_for, ip_officer, filed, settings):
    before = snapshot(filed)
    tomorrow = timezone.localdate() + dt.timedelta(days=2)
    response = client_for(ip_officer).post(url(filed, S.ACCEPTED), {
        "on": tomorrow.isoformat(), "doc_type": Document.Type.IP_OFFICE_NOTICE, "title": "Thông báo",
        "file": notice(),
    })
    assert "ở tương lai: chỉ ghi nhận việc đã xảy ra" in response.content.decode()
    assert snapshot(filed) == before
    assert stored_files(settings) == []


def test_a_withdrawal_without_reason_or_an_acceptance_without_file_is_refused(client_for, ip_officer, filed):
    client = client_for(ip_officer)
    before = snapshot(filed)
    response = client.post(url(filed, S.WITHDRAWN), {"on": "2024-05-01", "reason": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    response = client.post(url(filed, S.ACCEPTED), {"on": "2024-05-01", "title": "Thông báo",
                                                    "doc_type": Document.Type.IP_OFFICE_NOTICE})
    assert response.context["form"].errors["file"]
    assert snapshot(filed) == before


def test_a_withdrawal_records_its_reason_in_the_step_and_the_history(client_for, ip_officer, filed):
    client_for(ip_officer).post(url(filed, S.WITHDRAWN), {"on": "2024-05-01", "reason": "Hợp tác xã giải thể"})
    filed.refresh_from_db()
    assert filed.status == S.WITHDRAWN
    assert filed.steps.order_by("pk").last().reason == "Hợp tác xã giải thể"
    assert filed.history.first().history_change_reason == "Hợp tác xã giải thể"


def test_the_grant_carries_the_certificate_number_to_the_asset(client_for, ip_officer, filed, document_for):
    application = filed
    for to_status in (S.ACCEPTED, S.PUBLISHED, S.INTENDED_GRANT):
        application = services.application_advance(application=application, to_status=to_status, actor=None,
                                                   on=D(2024, 5, 1), document=document_for(filed.asset))
    response = client_for(ip_officer).post(url(application, S.GRANTED), {
        "on": "2024-10-15", "certificate_number": "4-0512345-000", "doc_type": Document.Type.CERTIFICATE,
        "title": "Giấy chứng nhận đăng ký nhãn hiệu", "file": notice("van-bang.pdf"),
    })
    assert response.status_code == 302
    filed.asset.refresh_from_db()
    assert (filed.asset.certificate_number, filed.asset.grant_date) == ("4-0512345-000", D(2024, 10, 15))


def test_a_move_made_meanwhile_by_someone_else_is_explained_and_nothing_is_written(client_for, ip_officer, filed,
                                                                                   settings):
    client = client_for(ip_officer)
    assert client.get(url(filed, S.ACCEPTED)).status_code == 200  # the form is opened…
    services.application_advance(application=filed, to_status=S.WITHDRAWN, actor=None, on=D(2024, 4, 5),
                                 reason="Rút đơn")  # …someone withdraws the application…
    before = snapshot(filed)
    response = client.post(url(filed, S.ACCEPTED), {  # …and the form is sent
        "on": "2024-04-20", "doc_type": Document.Type.IP_OFFICE_NOTICE, "title": "Thông báo", "file": notice(),
    })
    assert response.status_code == 200
    assert "Không thể chuyển đơn 4-2024-00077 từ “Đã rút đơn” sang “Đơn hợp lệ”" in response.content.decode()
    assert snapshot(filed) == before
    assert stored_files(settings) == []


@pytest.mark.parametrize("role", ["auditor", "district_officer_lucngan", "council_secretary", "outsider"])
def test_only_an_ip_officer_moves_an_application(request, client_for, filed, role, settings):
    client = client_for(request.getfixturevalue(role))
    before = snapshot(filed)
    assert client.get(url(filed, S.ACCEPTED)).status_code == 403
    response = client.post(url(filed, S.ACCEPTED), {
        "on": "2024-04-20", "doc_type": Document.Type.IP_OFFICE_NOTICE, "title": "Thông báo", "file": notice(),
    })
    assert response.status_code == 403
    assert snapshot(filed) == before
    assert stored_files(settings) == []


def test_anonymous_is_sent_to_log_in(client, filed):
    response = client.post(url(filed, S.WITHDRAWN), {"on": "2024-05-01", "reason": "x"})
    assert response["Location"].startswith(reverse("login"))
    filed.refresh_from_db()
    assert filed.status == S.FILED
