"""The IP registry's lists as spreadsheets: the same selectors, filters and scope as the pages, each row with
its record's version (so an import can tell a row changed in the system since it was exported)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from audit.versions import versions_of
from directory.tables import Column, in_batches
from ip_registry import selectors
from ip_registry.models import AssetStatus, Deadline, GrowingAreaCode, InfringementCase, IPAsset, ProtectionApplication

# A list exported at once; beyond it the filters narrow it (the page says so).
EXPORT_LIMIT = 100_000


def _with_versions(model, load):
    def rows(ids: list[int]) -> list:
        loaded = load(ids)
        versions = versions_of(model, ids)
        for row in loaded:
            row.version = versions[row.pk]
        return loaded
    return rows


def asset_columns() -> list[Column]:
    return [
        Column(pgettext("record id", "Mã"), lambda a: a.pk, 8),
        Column(_("Loại"), lambda a: a.get_kind_display(), 22),
        Column(_("Tên, dấu hiệu"), lambda a: a.name, 32),
        Column(_("Sản phẩm"), lambda a: a.product.name if a.product else "", 24),
        Column(_("Chủ sở hữu"), lambda a: a.owner.name if a.owner else "", 32),
        Column(_("Tổ chức quản lý"), lambda a: a.managing_organisation.name if a.managing_organisation else "", 32),
        Column(_("Nhóm Nice"), lambda a: a.nice_classes, 12),
        Column(_("Số văn bằng"), lambda a: a.certificate_number, 16),
        Column(_("Ngày cấp"), lambda a: a.grant_date, 12),
        Column(_("Hiệu lực đến"), lambda a: a.valid_until, 12),
        Column(_("Tình trạng"), lambda a: str(AssetStatus(a.status).label) if a.status else "", 20),
        Column(_("Phiên bản"), lambda a: a.version, 10),
    ]


def asset_rows(*, user, filters, on) -> object:
    ids = list(selectors.asset_list(user=user, filters=filters, on=on).values_list("pk", flat=True)[:EXPORT_LIMIT])
    return in_batches(ids, _with_versions(IPAsset, lambda chunk: selectors.asset_rows(chunk, on=on)))


def deadline_columns(today) -> list[Column]:
    return [
        Column(_("Số đơn"), lambda d: d.application.application_number or "", 16),
        Column(_("Tài sản trí tuệ"), lambda d: d.application.asset.name, 30),
        Column(_("Người nộp đơn"), lambda d: d.application.applicant.name, 30),
        Column(_("Thời hạn"), lambda d: d.get_kind_display(), 28),
        Column(_("Bên phải thực hiện"), lambda d: d.get_party_display(), 18),
        Column(_("Hạn"), lambda d: d.due_date, 12),
        Column(_("Quá hạn"), lambda d: d.due_date < today, 10),
        Column(_("Phiên bản"), lambda d: d.version, 10),
    ]


def deadline_rows(rows) -> object:
    ids = list(rows.values_list("pk", flat=True)[:EXPORT_LIMIT])
    load = _with_versions(Deadline, lambda chunk: list(rows.filter(pk__in=chunk)))
    return in_batches(ids, load)


def growing_area_columns() -> list[Column]:
    return [
        Column(_("Mã số"), lambda c: c.code, 18),
        Column(_("Sản phẩm"), lambda c: c.product.name, 22),
        Column(_("Địa bàn"), lambda c: c.unit.name, 22),
        Column(_("Diện tích (ha)"), lambda c: c.area_hectares, 12),
        Column(_("Thị trường xuất khẩu"), lambda c: c.export_market, 18),
        Column(_("Cơ quan cấp"), lambda c: c.issuing_body, 24),
        Column(_("Ngày cấp"), lambda c: c.issued_on, 12),
        Column(_("Tình trạng"), lambda c: c.get_status_display(), 14),
        Column(_("Phiên bản"), lambda c: c.version, 10),
    ]


def growing_area_rows(codes) -> object:
    ids = list(codes.values_list("pk", flat=True)[:EXPORT_LIMIT])
    return in_batches(ids, _with_versions(GrowingAreaCode, lambda chunk: list(codes.filter(pk__in=chunk))))


def application_columns() -> list[Column]:
    return [
        Column(pgettext("record id", "Mã"), lambda a: a.pk, 8),
        Column(_("Số đơn"), lambda a: a.application_number or "", 16),
        Column(_("Loại đơn"), lambda a: a.get_kind_display(), 22),
        Column(_("Tài sản trí tuệ"), lambda a: a.asset.name, 30),
        Column(_("Người nộp đơn"), lambda a: a.applicant.name, 30),
        Column(_("Ngày nộp đơn"), lambda a: a.filing_date, 12),
        Column(_("Trạng thái"), lambda a: a.get_status_display(), 22),
        Column(_("Phiên bản"), lambda a: a.version, 10),
    ]


def application_rows(applications) -> object:
    ids = list(applications.values_list("pk", flat=True)[:EXPORT_LIMIT])
    # Each batch keeps the list's order: the same ORDER BY, over a slice of the same ids.
    return in_batches(ids, _with_versions(ProtectionApplication, lambda chunk: list(applications.filter(pk__in=chunk))))


def infringement_columns() -> list[Column]:
    return [
        Column(_("Tài sản trí tuệ"), lambda c: c.asset.name, 30),
        Column(_("Ngày phát hiện"), lambda c: c.reported_on, 12),
        Column(_("Địa bàn"), lambda c: c.place.name, 22),
        Column(_("Mô tả"), lambda c: c.description, 40),
        Column(_("Kết quả xử lý"), lambda c: c.get_outcome_display(), 20),
        Column(_("Số tiền phạt (đồng)"), lambda c: c.fine_amount, 14),
        Column(_("Ngày kết thúc"), lambda c: c.closed_on, 12),
        Column(_("Phiên bản"), lambda c: c.version, 10),
    ]


def infringement_rows(cases) -> object:
    ids = list(cases.values_list("pk", flat=True)[:EXPORT_LIMIT])
    return in_batches(ids, _with_versions(InfringementCase, lambda chunk: list(cases.filter(pk__in=chunk))))
