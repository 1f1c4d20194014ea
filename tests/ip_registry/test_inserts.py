"""The fast bulk insert the imports use stores exactly what bulk_create stores, and its history rows and
audit events are those of simple-history's bulk path: the trail verifies."""

import datetime as dt
from decimal import Decimal

import pytest

from audit.context import acting_as
from audit.inserts import insert, new_row
from audit.models import AuditEvent
from audit.verify import verify
from ip_registry.models import AssetKind, GrowingAreaCode, InfringementCase, IPAsset, Product, ProductCategory

COLUMNS = ("code", "product_id", "unit_id", "area_hectares", "export_market", "issuing_body", "issued_on", "status")


@pytest.fixture
def lychee(units):
    return Product.objects.create(name="Vải thiều Lục Ngạn", category=ProductCategory.FRUIT)


def codes(prefix, product, unit):
    return [GrowingAreaCode(code=f"{prefix}-{n}", product=product, unit=unit, area_hectares=Decimal("10.25") + n,
                            export_market="Trung Quốc", issuing_body="Cục Bảo vệ thực vật",
                            issued_on=dt.date(2023, 5, 1 + n)) for n in range(5)]


def test_insert_stores_what_bulk_create_stores(lychee, units):
    ours, django = codes("A", lychee, units["bn.chu"]), codes("B", lychee, units["bn.chu"])
    insert(GrowingAreaCode, ours)
    GrowingAreaCode.objects.bulk_create(django)
    assert all(code.pk and not code._state.adding for code in ours)
    read = {code.code: code for code in GrowingAreaCode.objects.all()}
    for mine, theirs in zip(ours, django, strict=True):
        assert ([getattr(read[mine.code], c) for c in COLUMNS[1:]]
                == [getattr(read[theirs.code], c) for c in COLUMNS[1:]])
        assert read[mine.code].pk == mine.pk


def test_insert_fills_derived_fields_and_json(lychee, units, mycchu_cooperative):
    asset = IPAsset(kind=AssetKind.COLLECTIVE_MARK, name="Vải Lục Ngạn", product=lychee, owner=mycchu_cooperative)
    insert(IPAsset, [asset])
    stored = IPAsset.objects.get(pk=asset.pk)
    assert stored.search_text and "luc ngan" in stored.search_text  # the search text's pre_save ran
    case = InfringementCase(asset=stored, reported_on=dt.date(2024, 1, 2), place=units["bn.chu"],
                            description="Giả mạo", agencies=["market", "police"])
    insert(InfringementCase, [case])
    assert InfringementCase.objects.get(pk=case.pk).agencies == ["market", "police"]


def test_bulk_history_through_insert_keeps_the_trail_verifiable(lychee, units, ip_officer):
    rows = codes("C", lychee, units["bn.chu"])
    with acting_as(ip_officer, reason="Danh sách quý I"):
        insert(GrowingAreaCode, rows)
        history = GrowingAreaCode.history.bulk_history_create(rows)
    assert [row.history_id for row in history] == sorted(row.history_id for row in history)
    stored = GrowingAreaCode.history.filter(code__startswith="C-")
    assert stored.count() == 5
    assert {(row.history_user_id, row.history_type, row.history_change_reason) for row in stored} == {
        (ip_officer.pk, "+", "Danh sách quý I")}
    events = AuditEvent.objects.filter(model="ip_registry.growingareacode",
                                       history_id__in=[row.history_id for row in history])
    assert events.count() == 5
    assert verify().ok


def test_new_row_is_an_unsaved_instance_holding_the_values(lychee, units):
    row = new_row(Product, {"id": None, "name": "Chè", "category": ProductCategory.TEA})
    assert row._state.adding and row.pk is None and row.name == "Chè"
    insert(Product, [row])
    assert Product.objects.get(pk=row.pk).name == "Chè"
