"""The admin shows every model with its history, and saves through the services."""

import pytest
from django.urls import reverse

from directory import demo, services
from directory.models import AdministrativeUnit, Organisation, Role, RoleAssignment, UnitSuccession, User

MODELS = [AdministrativeUnit, UnitSuccession, Organisation, User]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_administrator_opens_list_change_and_history_pages(client_for, administrator, units, model):
    """The admin's history page is the record's timeline in the audit log (one door, one rule)."""
    demo.load_organisations(actor=None, units=units)
    client = client_for(administrator)
    info = (model._meta.app_label, model._meta.model_name)
    assert client.get(reverse("admin:%s_%s_changelist" % info)).status_code == 200
    obj = model.objects.order_by("-pk").first()  # a record of the demo load (the system account has no history)
    assert client.get(reverse("admin:%s_%s_change" % info, args=[obj.pk])).status_code == 200
    history = client.get(reverse("admin:%s_%s_history" % info, args=[obj.pk]))
    assert history.status_code == 302
    assert history.url == reverse("audit:timeline", args=[model._meta.label_lower, obj.pk])
    assert client.get(history.url).status_code == 200


def test_the_history_page_shows_channel_and_address(client_for, administrator, units):
    page = client_for(administrator).get(
        reverse("admin:directory_administrativeunit_history", args=[units["bg.luc-ngan"].pk]), follow=True
    ).content.decode()
    assert "Lệnh quản trị" in page  # the channel of the demo load, by its label


def test_users_without_role_filter_from_the_home_page_works(client_for, administrator, outsider):
    client = client_for(administrator)
    home = client.get(reverse("home")).content.decode()
    assert "Người dùng chưa có vai trò" in home
    response = client.get(reverse("admin:directory_user_changelist") + "?is_active__exact=1&roles__role__isnull=True")
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [outsider]


def test_assigning_a_role_in_the_admin_is_recorded_with_the_reason(client_for, administrator, outsider, units):
    client = client_for(administrator)
    response = client.post(
        reverse("admin:directory_user_change", args=[outsider.pk]),
        {
            "username": outsider.username, "full_name": outsider.full_name, "email": "", "is_active": "on",
            "change_reason": "Quyết định phân công 15/QĐ-SKHCN",
            "roles-TOTAL_FORMS": "1", "roles-INITIAL_FORMS": "0", "roles-MIN_NUM_FORMS": "0",
            "roles-MAX_NUM_FORMS": "1000",
            "roles-0-role": Role.DISTRICT_OFFICER, "roles-0-unit": units["bg.son-dong"].pk, "roles-0-user": outsider.pk,
        },
    )
    assert response.status_code == 302, response.context["errors"] if response.context else response
    assignment = RoleAssignment.objects.get(user=outsider)
    assert assignment.unit == units["bg.son-dong"]
    row = assignment.history.get()
    assert row.history_user == administrator
    assert row.history_channel == "admin"
    assert row.history_change_reason == "Quyết định phân công 15/QĐ-SKHCN"


def test_an_invalid_role_in_the_admin_changes_nothing(client_for, administrator, outsider, units):
    client = client_for(administrator)
    response = client.post(
        reverse("admin:directory_user_change", args=[outsider.pk]),
        {
            "username": outsider.username, "full_name": "Tên mới", "email": "", "is_active": "on",
            "roles-TOTAL_FORMS": "1", "roles-INITIAL_FORMS": "0", "roles-MIN_NUM_FORMS": "0",
            "roles-MAX_NUM_FORMS": "1000",
            "roles-0-role": Role.DISTRICT_OFFICER, "roles-0-unit": "", "roles-0-user": outsider.pk,
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert "Cán bộ đơn vị phải gắn với một đơn vị." in response.content.decode()
    outsider.refresh_from_db()
    assert outsider.full_name != "Tên mới"
    assert not RoleAssignment.objects.filter(user=outsider).exists()


def test_deleting_an_inline_row_needs_the_reason(client_for, administrator, outsider, units):
    assignment = services.role_assign(actor=None, user=outsider, role=Role.DISTRICT_OFFICER, unit=units["bg.son-dong"])
    client = client_for(administrator)

    def post(reason):
        return client.post(reverse("admin:directory_user_change", args=[outsider.pk]), {
            "username": outsider.username, "full_name": outsider.full_name, "email": "", "is_active": "on",
            "change_reason": reason,
            "roles-TOTAL_FORMS": "1", "roles-INITIAL_FORMS": "1", "roles-MIN_NUM_FORMS": "0",
            "roles-MAX_NUM_FORMS": "1000", "roles-0-id": assignment.pk, "roles-0-user": outsider.pk,
            "roles-0-role": Role.DISTRICT_OFFICER, "roles-0-unit": units["bg.son-dong"].pk, "roles-0-DELETE": "on",
        })

    refused = post("")
    assert refused.status_code == 200
    assert "Xóa dòng cần ghi lý do" in refused.content.decode()
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert post("Chuyển công tác").status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    deleted = RoleAssignment.history.get(id=assignment.pk, history_type="-")
    assert deleted.history_change_reason == "Chuyển công tác"
