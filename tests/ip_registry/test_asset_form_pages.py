"""Creating and editing an asset from its pages, through the services, recorded with the person and the reason."""

import pytest
from django.urls import reverse

from ip_registry.models import AssetKind, IPAsset

CREATE = reverse("ip:asset_create")


def form_data(**overrides):
    data = {"kind": AssetKind.COLLECTIVE_MARK, "name": "Gạo nếp cái hoa vàng Yên Thế", "product": "", "owner": "",
            "managing_organisation": "", "authorising_decision": "", "nice_classes": "30, 31", "support_decision": "",
            "support_amount": ""}
    data.update(overrides)
    return data


def test_an_ip_officer_creates_an_asset_with_its_area(client_for, ip_officer, units, mycchu_cooperative):
    communes = [units["bg.luc-nam.dong-hung"].pk, units["bg.luc-nam.dong-phu"].pk]
    response = client_for(ip_officer).post(CREATE, form_data(owner=mycchu_cooperative.pk, support_amount="250000000",
                                                             area_units=communes))
    asset = IPAsset.objects.get(name="Gạo nếp cái hoa vàng Yên Thế")
    assert response.status_code == 302
    assert response["Location"] == reverse("ip:asset_detail", args=[asset.pk])
    assert (asset.owner, asset.nice_classes, asset.support_amount) == (mycchu_cooperative, "30, 31", 250_000_000)
    assert sorted(asset.area_units.values_list("pk", flat=True)) == sorted(communes)
    row = asset.history.first()
    assert (row.history_user, row.history_channel) == (ip_officer, "web")


def test_a_gi_with_an_owner_is_refused_with_the_rule_and_nothing_is_written(client_for, ip_officer,
                                                                           mycchu_cooperative, lucnam_committee):
    response = client_for(ip_officer).post(CREATE, form_data(kind=AssetKind.GEOGRAPHICAL_INDICATION,
                                                             owner=mycchu_cooperative.pk,
                                                             managing_organisation=lucnam_committee.pk))
    assert response.status_code == 200
    assert "Chủ sở hữu chỉ dẫn địa lý là Nhà nước" in response.content.decode()
    assert not IPAsset.objects.exists()


def test_a_mark_without_owner_and_a_bad_nice_class_are_refused(client_for, ip_officer):
    response = client_for(ip_officer).post(CREATE, form_data(nice_classes="30, 99"))
    page = response.content.decode()
    assert "Nhãn hiệu cần chủ sở hữu." in page
    assert "Nhóm Nice “99” không hợp lệ" in page
    assert not IPAsset.objects.exists()


def test_an_edit_is_recorded_with_its_reason(client_for, ip_officer, mycchu_mark, units):
    url = reverse("ip:asset_update", args=[mycchu_mark.pk])
    client = client_for(ip_officer)
    form = client.get(url)
    assert form.status_code == 200
    assert 'value="Mỳ Chũ"' in form.content.decode()
    response = client.post(url, form_data(
        name="Mỳ Chũ", owner=mycchu_mark.owner_id, product=mycchu_mark.product_id, nice_classes="30",
        support_decision="Quyết định 99/QĐ-UBND", area_units=[units["bg.luc-ngan"].pk],
        reason="Bổ sung quyết định hỗ trợ theo công văn của Sở",
    ))
    assert response.status_code == 302
    mycchu_mark.refresh_from_db()
    assert mycchu_mark.support_decision == "Quyết định 99/QĐ-UBND"
    assert list(mycchu_mark.area_units.all()) == [units["bg.luc-ngan"]]
    row = mycchu_mark.history.first()
    assert (row.history_user, row.history_channel, row.history_change_reason) == (
        ip_officer, "web", "Bổ sung quyết định hỗ trợ theo công văn của Sở")


def test_an_edit_that_breaks_a_rule_changes_nothing(client_for, ip_officer, mycchu_mark):
    rows = mycchu_mark.history.count()
    response = client_for(ip_officer).post(reverse("ip:asset_update", args=[mycchu_mark.pk]),
                                           form_data(name="Mỳ Chũ mới", owner="", reason="Thử"))
    assert "Nhãn hiệu cần chủ sở hữu." in response.content.decode()
    mycchu_mark.refresh_from_db()
    assert (mycchu_mark.name, mycchu_mark.history.count()) == ("Mỳ Chũ", rows)


@pytest.mark.parametrize("role", ["auditor", "district_officer_lucngan"])
def test_read_only_roles_cannot_create_or_edit(request, client_for, mycchu_mark, role):
    client = client_for(request.getfixturevalue(role))
    url = reverse("ip:asset_update", args=[mycchu_mark.pk])
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, form_data(owner=mycchu_mark.owner_id)).status_code == 403
    assert client.get(url).status_code == 403
    assert client.post(url, form_data(name="Đổi tên", owner=mycchu_mark.owner_id)).status_code == 403
    assert list(IPAsset.objects.values_list("name", flat=True)) == ["Mỳ Chũ"]


def test_anonymous_is_sent_to_log_in(client, mycchu_mark):
    response = client.post(reverse("ip:asset_update", args=[mycchu_mark.pk]), form_data(name="Đổi tên"))
    assert response["Location"].startswith(reverse("login"))
    mycchu_mark.refresh_from_db()
    assert mycchu_mark.name == "Mỳ Chũ"
