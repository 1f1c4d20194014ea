"""The directory's lists as spreadsheets: units in force on a date, organisations."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from audit.versions import versions_of
from directory.tables import Column, in_batches


def unit_columns() -> list[Column]:
    return [
        Column(_("Mã"), lambda u: u.code, 22),
        Column(_("Mã GSO"), lambda u: u.gso_code, 10),
        Column(_("Tên"), lambda u: u.name, 30),
        Column(_("Loại"), lambda u: u.get_kind_display(), 14),
        Column(_("Trực thuộc"), lambda u: u.parent.name if u.parent_id else "", 26),
        Column(_("Có hiệu lực từ"), lambda u: u.valid_from, 12),
        Column(_("Hết hiệu lực sau ngày"), lambda u: u.valid_to, 12),
        Column(_("Văn bản"), lambda u: u.legal_act, 40),
        Column(_("Phiên bản"), lambda u: u.version, 10),
    ]


def organisation_columns() -> list[Column]:
    return [
        Column(pgettext("record id", "Mã"), lambda o: o.pk, 8),
        Column(_("Tên"), lambda o: o.name, 36),
        Column(_("Loại hình"), lambda o: o.get_kind_display(), 20),
        Column(_("Đơn vị hành chính"), lambda o: o.unit.name, 26),
        Column(_("Mã số thuế"), lambda o: o.tax_code, 14),
        Column(_("Địa chỉ"), lambda o: o.address, 36),
        Column(_("Ngừng hoạt động từ"), lambda o: o.ended_on, 12),
        Column(_("Phiên bản"), lambda o: o.version, 10),
    ]


def rows(model, queryset):
    """``queryset``'s rows in its order, in batches, each with its version."""
    ids = list(queryset.values_list("pk", flat=True))

    def load(chunk: list[int]) -> list:
        loaded = list(queryset.filter(pk__in=chunk))
        versions = versions_of(model, chunk)
        for row in loaded:
            row.version = versions[row.pk]
        return loaded

    return in_batches(ids, load)
