"""The initiatives list as a spreadsheet: the list page's selector, filters and fields (never the
confidential part), each row with its version (the initiative's and its authors')."""

from __future__ import annotations

from django.utils.translation import gettext as _

from audit.versions import versions_of
from directory.tables import Column, in_batches
from initiatives import access
from initiatives.models import Initiative

EXPORT_LIMIT = 100_000
VERSION = ("authors",)


def columns() -> list[Column]:
    return [
        Column(_("Mã"), lambda i: i.pk, 8),
        Column(_("Tên sáng kiến"), lambda i: i.title, 40),
        Column(_("Tổ chức"), lambda i: i.organisation.name, 32),
        Column(_("Đơn vị"), lambda i: i.district_unit.name if i.district_unit else "", 22),
        Column(_("Lĩnh vực"), lambda i: i.get_field_display(), 18),
        Column(_("Ngày nộp"), lambda i: i.filed_on, 12),
        Column(_("Trạng thái"), lambda i: i.get_status_display(), 22),
        Column(_("Công nhận cấp cơ sở ngày"), lambda i: i.base_recognised_on, 14),
        Column(_("Hạn quyết định cấp cơ sở"), lambda i: i.base_decision_due, 14),
        Column(_("Phiên bản"), lambda i: i.version, 10),
    ]


def rows(initiatives):
    ids = list(initiatives.values_list("pk", flat=True)[:EXPORT_LIMIT])

    def load(chunk: list[int]) -> list[Initiative]:
        loaded = list(initiatives.filter(pk__in=chunk))
        versions = versions_of(Initiative, chunk, related=VERSION)
        for initiative in loaded:
            initiative.version = versions[initiative.pk]
            initiative.district_unit = access.unit_of_organisation(initiative.organisation)
        return loaded

    return in_batches(ids, load)
