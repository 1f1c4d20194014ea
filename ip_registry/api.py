"""The IP registry over the REST API: assets (tài sản trí tuệ), protection applications (đơn) with their steps
and deadlines and an action that advances one, growing-area codes, infringement cases, targets.

The same selectors as the pages (the status on a date is the database's), the same services for writes,
each object with its version as ETag; every write needs If-Match.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from directory import access
from directory.api import IF_MATCH, PRECONDITION_RESPONSES, IdCursor, Versioned, require_reader
from ip_registry import forms, selectors, services
from ip_registry.models import (
    ApplicationStep,
    AssetKind,
    AssetStatus,
    Deadline,
    GrowingAreaCode,
    InfringementCase,
    IPAsset,
    Product,
    ProtectionApplication,
)
from ip_registry.workflow import ApplicationStatus

ASSET_FILTERS = [
    OpenApiParameter("kind", str, enum=AssetKind.values, description="Loại tài sản trí tuệ."),
    OpenApiParameter("status", str, enum=AssetStatus.values, description="Tình trạng on the day (today)."),
    OpenApiParameter("unit", int, description="An administrative unit (with its communes); records of its "
                                              "organisations, area or owners placed there at any time."),
    OpenApiParameter("owner", int, description="Owner or managing organisation."),
    OpenApiParameter("q", str, description="Search without diacritics (\"luc ngan\" finds \"Lục Ngạn\")."),
]


class AssetSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status = serializers.SerializerMethodField()

    class Meta:
        model = IPAsset
        fields = ["id", "kind", "kind_label", "name", "product", "owner", "managing_organisation",
                  "authorising_decision", "area_units", "nice_classes", "certificate_number", "grant_date",
                  "valid_until", "support_decision", "support_amount", "status"]
        read_only_fields = ["kind", "certificate_number", "grant_date", "valid_until", "area_units"]

    def get_status(self, asset) -> str:
        return getattr(asset, "status", "") or ""


def _asset_filters(request):
    form = forms.AssetFilterForm(request.query_params or None, user=request.user)
    if request.query_params and not form.is_valid():
        raise exceptions.ValidationError(form.errors)
    return form.filters()


@extend_schema_view(
    list=extend_schema(summary="IP assets (tài sản trí tuệ)", parameters=ASSET_FILTERS),
    retrieve=extend_schema(summary="One asset; its ETag is its version"),
    partial_update=extend_schema(summary="Change an asset's fields", parameters=[IF_MATCH],
                                 responses={200: AssetSerializer, **PRECONDITION_RESPONSES}),
)
class AssetViewSet(Versioned, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
                   viewsets.GenericViewSet):
    queryset = IPAsset.objects.none()  # the schema's model; the rows come from get_queryset
    serializer_class = AssetSerializer
    pagination_class = IdCursor
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        today = timezone.localdate()
        if self.action == "list":
            return selectors.with_status(selectors.asset_list(user=self.request.user,
                                                              filters=_asset_filters(self.request), on=today),
                                         today).prefetch_related("area_units").defer("search_text")
        require_reader(self.request.user)
        return selectors.with_status(IPAsset.objects.prefetch_related("area_units").defer("search_text"), today)

    def partial_update(self, request, *args, **kwargs):
        if not access.can_edit_ip(request.user):
            raise exceptions.PermissionDenied()
        asset = self.get_object()
        version = self.expected_version(request, asset)
        serializer = self.get_serializer(asset, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.asset_update(actor=request.user, asset=IPAsset.objects.get(pk=asset.pk), version=version,
                              reason=request.data.get("reason", ""), **serializer.validated_data)
        return self.written(Response(self.get_serializer(self.get_queryset().get(pk=asset.pk)).data), asset)


class ProductSerializer(serializers.ModelSerializer):
    class Meta:
        model = Product
        fields = ["id", "name", "category", "units"]


@extend_schema_view(list=extend_schema(summary="Local specialty products (sản phẩm)"))
class ProductViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Product.objects.none()
    serializer_class = ProductSerializer
    pagination_class = IdCursor

    def get_queryset(self):
        return selectors.product_list(user=self.request.user).prefetch_related("units")


class StepSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApplicationStep
        fields = ["id", "from_status", "to_status", "on", "received_on", "note", "reason", "document"]


class DeadlineSerializer(serializers.ModelSerializer):
    class Meta:
        model = Deadline
        fields = ["id", "kind", "party", "opened_on", "due_date", "state", "met_date"]


class ApplicationSerializer(serializers.ModelSerializer):
    steps = StepSerializer(many=True, read_only=True)
    deadlines = DeadlineSerializer(many=True, read_only=True)

    class Meta:
        model = ProtectionApplication
        fields = ["id", "asset", "kind", "application_number", "applicant", "representative", "filing_date",
                  "status", "months_late", "surcharge_percent", "new_owner", "previous_owner", "amendments",
                  "ground", "steps", "deadlines"]


class ApplicationAdvanceSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(choices=ApplicationStatus.choices)
    on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    received_on = serializers.DateField(required=False, allow_null=True, default=None)
    certificate_number = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema_view(
    list=extend_schema(summary="Protection applications (đơn) with their steps and deadlines"),
    retrieve=extend_schema(summary="One application; its ETag is its version"),
)
class ApplicationViewSet(Versioned, viewsets.ReadOnlyModelViewSet):
    queryset = ProtectionApplication.objects.none()
    serializer_class = ApplicationSerializer
    pagination_class = IdCursor

    def get_queryset(self):
        require_reader(self.request.user)
        return ProtectionApplication.objects.prefetch_related("steps", "deadlines")

    @extend_schema(summary="Move the application to its next status (application_advance)",
                   request=ApplicationAdvanceSerializer,
                   parameters=[IF_MATCH], responses={200: ApplicationSerializer, **PRECONDITION_RESPONSES})
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        if not access.can_edit_ip(request.user):
            raise exceptions.PermissionDenied()
        application = self.get_object()
        self.expected_version(request, application)
        data = ApplicationAdvanceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        moved = services.application_advance(application=application, actor=request.user, **data.validated_data)
        return self.written(Response(ApplicationSerializer(self.get_queryset().get(pk=moved.pk)).data), moved)


class GrowingAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = GrowingAreaCode
        fields = ["id", "code", "product", "asset", "unit", "area_hectares", "export_market", "issuing_body",
                  "issued_on", "status"]


@extend_schema_view(list=extend_schema(summary="Growing-area codes (mã số vùng trồng)"))
class GrowingAreaViewSet(Versioned, viewsets.ReadOnlyModelViewSet):
    queryset = GrowingAreaCode.objects.none()
    serializer_class = GrowingAreaSerializer
    pagination_class = IdCursor

    def get_queryset(self):
        return selectors.growing_area_list(user=self.request.user)


class InfringementSerializer(serializers.ModelSerializer):
    class Meta:
        model = InfringementCase
        fields = ["id", "asset", "reported_on", "place", "description", "agencies", "outcome", "fine_amount",
                  "goods_quantity", "closed_on"]


@extend_schema_view(list=extend_schema(summary="Infringement cases (vụ việc xâm phạm)"))
class InfringementViewSet(Versioned, viewsets.ReadOnlyModelViewSet):
    queryset = InfringementCase.objects.none()
    serializer_class = InfringementSerializer
    pagination_class = IdCursor

    def get_queryset(self):
        require_reader(self.request.user)
        return InfringementCase.objects.all()


class TargetProgressView(APIView):
    """GET /api/targets/?on=YYYY-MM-DD — every target with the value reached that day."""

    @extend_schema(summary="Targets (chỉ tiêu) and their progress on a date",
                   parameters=[OpenApiParameter("on", OpenApiTypes.DATE, description="Default today.")],
                   responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        require_reader(request.user)
        raw = request.query_params.get("on", "")
        try:
            on = dt.date.fromisoformat(raw) if raw else timezone.localdate()
        except ValueError:
            raise exceptions.ValidationError({"on": [_("Ngày không hợp lệ; dùng dạng YYYY-MM-DD.")]}) from None
        return Response({"on": on, "targets": [{
            "indicator": row.target.indicator, "label": row.target.get_indicator_display(),
            "value": row.target.value, "due_date": row.target.due_date, "reached": row.reached,
            "percent": row.percent, "met": row.met, "by_unit": [{"unit": name, "count": n} for name, n in row.by_unit],
            "years": [{"year": y.year, "filed": y.filed, "previous": y.previous, "growth": y.growth, "met": y.met}
                      for y in row.years],
        } for row in selectors.target_progress(as_of=on)]})
