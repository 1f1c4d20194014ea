"""Every historical row says who acted, from which address, through which channel, and why."""

from django.core.management import call_command
from django.urls import reverse

from audit.history import system_actor
from directory import services
from directory.models import Organisation, OrganisationKind, User


def make_organisation(units):
    return services.organisation_upsert(
        actor=None, name="Hợp tác xã Nông nghiệp Phượng Sơn", kind=OrganisationKind.COOPERATIVE,
        unit=units["bg.luc-ngan"],
    )


def test_admin_edit_records_user_address_channel_reason_and_request_id(client_for, administrator, units):
    organisation = make_organisation(units)
    client = client_for(administrator)
    response = client.post(
        reverse("admin:directory_organisation_change", args=[organisation.pk]),
        {
            "name": organisation.name, "kind": OrganisationKind.COOPERATIVE, "unit": units["bg.luc-ngan"].pk,
            "address": "Xã Phượng Sơn, huyện Lục Ngạn", "phone": "", "email": "", "contact_person": "",
            "tax_code": "", "change_reason": "Bổ sung địa chỉ theo công văn 12/SKHCN",
        },
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_REQUEST_ID="req-admin-42",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    row = organisation.history.first()
    assert row.address == "Xã Phượng Sơn, huyện Lục Ngạn"
    assert row.history_type == "~"
    assert row.history_user == administrator
    assert row.history_ip_address == "203.0.113.7"
    assert row.history_channel == "admin"
    assert row.history_change_reason == "Bổ sung địa chỉ theo công văn 12/SKHCN"
    assert row.history_request_id == "req-admin-42"
    assert response["X-Request-ID"] == "req-admin-42"


def test_password_change_page_records_the_user_and_web_channel_without_the_hash(client_for, outsider):
    client = client_for(outsider)
    response = client.post(
        reverse("password_change"),
        {"old_password": "Mật-khẩu-thử-2021", "new_password1": "Vải-thiều-2025!", "new_password2": "Vải-thiều-2025!"},
        REMOTE_ADDR="198.51.100.20",
    )
    assert response.status_code == 302
    outsider.refresh_from_db()
    assert outsider.check_password("Vải-thiều-2025!")
    row = outsider.history.first()
    assert row.password_changed_at == outsider.password_changed_at
    assert row.history_user == outsider
    assert row.history_channel == "web"
    assert row.history_ip_address == "198.51.100.20"
    assert not hasattr(row, "password")


def test_command_records_the_named_actor_and_reason(administrator):
    call_command("load_demo_data", actor=administrator.username, reason="Khởi tạo máy chủ thử nghiệm")
    organisation = Organisation.objects.get(name="Ủy ban nhân dân huyện Lục Nam")
    row, ended = organisation.history.order_by("history_id")  # created, then ended on 30/06/2025
    assert ended.history_user == administrator and ended.ended_on is not None
    assert row.history_user == administrator
    assert row.history_channel == "command"
    assert row.history_change_reason == "Khởi tạo máy chủ thử nghiệm"
    assert row.history_ip_address is None
    assert len(row.history_request_id) == 32
    # One run is one correlation: every change it made carries the same request id.
    ids = set(Organisation.history.values_list("history_request_id", flat=True))
    assert ids == {row.history_request_id}


def test_command_without_actor_records_the_system_account(db):
    call_command("load_demo_data")
    row = Organisation.objects.get(name="Ủy ban nhân dân huyện Lục Nam").history.order_by("history_id").first()
    assert row.history_user == system_actor()
    assert row.history_user.username == "system"
    assert row.history_change_reason == "Nạp dữ liệu mẫu"


def test_a_write_outside_any_context_is_the_system_actor_not_blank(units):
    organisation = Organisation(name="Doanh nghiệp tư nhân", kind=OrganisationKind.ENTERPRISE, unit=units["bg"])
    organisation.save()
    row = organisation.history.get()
    assert row.history_user_id is not None
    assert row.history_user == User.objects.get(username="system")
    assert row.history_channel == "command"
    assert row.history_request_id


def test_a_service_called_without_actor_records_whoever_the_code_runs_as(administrator, units):
    from audit import Channel, acting_as

    with acting_as(administrator, channel=Channel.IMPORT, reason="Nhập danh sách tổ chức"):
        organisation = services.organisation_upsert(
            actor=None, name="Hợp tác xã Chè Yên Thế", kind=OrganisationKind.COOPERATIVE, unit=units["bg.yen-the"],
        )
    row = organisation.history.get()
    assert (row.history_user, row.history_channel, row.history_change_reason) == (
        administrator, "import", "Nhập danh sách tổ chức")
