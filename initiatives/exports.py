"""The initiatives list and the replication nominations list as spreadsheets: each list page's selector,
filters and fields (never an initiative's confidential part), each row with its record's version (an
initiative's with its authors')."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from audit.versions import versions_of
from directory.tables import Column, in_batches
from initiatives import access
from initiatives.models import Initiative, ReplicationNomination

EXPORT_LIMIT = 100_000
VERSION = ("authors",)


def columns() -> list[Column]:
    return [
        Column(pgettext("record id", "Mã"), lambda i: i.pk, 8),
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


def nomination_columns() -> list[Column]:
    return [
        Column(pgettext("record id", "Mã"), lambda n: n.pk, 8),
        Column(_("Năm"), lambda n: n.year, 8),
        Column(_("Đơn vị nhân rộng"), lambda n: n.unit.name, 26),
        Column(_("Sáng kiến"), lambda n: n.initiative.title, 40),
        Column(_("Ngày đăng ký"), lambda n: n.nominated_on, 12),
        Column(_("Trạng thái"), lambda n: n.get_status_display(), 20),
        Column(_("Số địa điểm"), lambda n: n.site_count, 10),
        Column(_("Địa điểm đã hoàn thành"), lambda n: n.sites_done, 12),
        Column(_("Cập nhật tiến độ gần nhất"), lambda n: n.latest_progress_on, 14),
        Column(_("Lợi ích đo được (đồng)"), lambda n: n.benefit_total, 16),
        Column(_("Số người được áp dụng"), lambda n: n.people_total, 12),
        Column(_("Số đơn vị áp dụng"), lambda n: n.units_reached_total, 12),
        Column(_("Phiên bản"), lambda n: n.version, 10),
    ]


def nomination_rows(nominations):
    ids = list(nominations.values_list("pk", flat=True)[:EXPORT_LIMIT])

    def load(chunk: list[int]) -> list[ReplicationNomination]:
        # Each batch keeps the list's order: the same ORDER BY, over a slice of the same ids.
        loaded = list(nominations.filter(pk__in=chunk))
        versions = versions_of(ReplicationNomination, chunk)
        for nomination in loaded:
            nomination.version = versions[nomination.pk]
        return loaded

    return in_batches(ids, load)
