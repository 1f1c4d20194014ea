"""The yearly reports over the REST API: those the caller may read, with what they say (as sent, once sent)."""

from __future__ import annotations

from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets

from directory import access as directory_access
from directory.api import IdCursor, Versioned, require_reader
from reports import access, services
from reports.document import document_to_json
from reports.models import AnnualReport
from reports.workflow import ReportStatus


class ReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = AnnualReport
        fields = ["id", "year", "unit", "status", "as_of", "submitted_on", "late", "number", "issued_on"]


class ReportDetailSerializer(ReportSerializer):
    document = serializers.SerializerMethodField()
    sha256 = serializers.SerializerMethodField()

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "results", "difficulties", "proposals", "sha256", "document"]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_document(self, report) -> dict:
        return document_to_json(services.report_document(report))

    def get_sha256(self, report) -> str | None:
        snapshot = services.latest_snapshot(report)
        return snapshot.sha256 if snapshot else None


@extend_schema_view(list=extend_schema(summary="Yearly reports (báo cáo năm) the caller may read"),
                    retrieve=extend_schema(summary="One report: its sections as sent (or, while a draft, as the "
                                                   "records say), with the SHA-256 of its last snapshot"))
class ReportViewSet(Versioned, viewsets.ReadOnlyModelViewSet):
    queryset = AnnualReport.objects.none()
    pagination_class = IdCursor

    def get_serializer_class(self):
        return ReportSerializer if self.action == "list" else ReportDetailSerializer

    def get_queryset(self):
        user = self.request.user
        require_reader(user)
        reports = AnnualReport.objects.select_related("unit")
        if access.can_read_all(user):
            return reports
        province_issued = Q(unit__isnull=True, status=ReportStatus.ISSUED)
        unit = directory_access.unit_scope(user)
        return reports.filter(province_issued | Q(unit=unit)) if unit is not None else reports.filter(province_issued)
