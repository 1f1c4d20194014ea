"""The IP registry over the REST API: products, assets (tài sản trí tuệ), protection applications (đơn) with
their steps and deadlines and an action that advances one, growing-area codes, infringement cases with their
steps, targets.

The same selectors as the pages (the status on a date is the database's), the same services for writes,
each object with its version as ETag; a create needs no If-Match, every change to a record does.
"""

from __future__ import annotations


from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from directory import access
from directory.api import CREATE_RESPONSES, IF_MATCH, PRECONDITION_RESPONSES, IdCursor, Versioned, require_reader
from directory.pages import parse_day
from ip_registry import forms, selectors, services
from ip_registry.models import (
    Agency,
    ApplicationStep,
    AssetKind,
    AssetStatus,
    Deadline,
    GrowingAreaCode,
    InfringementCase,
    InfringementStep,
    IPAsset,
    Product,
    ProtectionApplication,
)
from ip_registry.workflow import ApplicationStatus


def require_editor(user) -> None:
    if not access.can_edit_ip(user):
        raise exceptions.PermissionDenied()

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


class AssetCreateSerializer(AssetSerializer):
    reason = serializers.CharField(write_only=True, required=False, allow_blank=True, default="")

    class Meta(AssetSerializer.Meta):
        fields = [*AssetSerializer.Meta.fields, "reason"]
        read_only_fields = ["certificate_number", "grant_date", "valid_until"]


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
    create=extend_schema(summary="Record an asset (asset_create): a geographical indication (chỉ dẫn địa lý) or "
                                 "mark (nhãn hiệu)", request=AssetCreateSerializer,
                         responses={201: AssetSerializer, **CREATE_RESPONSES}),
)
class AssetViewSet(Versioned, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
                   mixins.CreateModelMixin, viewsets.GenericViewSet):
    queryset = IPAsset.objects.none()  # the schema's model; the rows come from get_queryset
    serializer_class = AssetSerializer
    pagination_class = IdCursor
    http_method_names = ["get", "post", "patch", "head", "options"]

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

    def create(self, request, *args, **kwargs):
        require_editor(request.user)
        data = AssetCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        asset = services.asset_create(actor=request.user, **data.validated_data)
        return self.created(self.get_serializer(self.get_queryset().get(pk=asset.pk)).data, asset)


class ProductSerializer(serializers.ModelSerializer):
    class Meta:
        model = Product
        fields = ["id", "name", "category", "units"]


class ProductCreateSerializer(ProductSerializer):
    reason = serializers.CharField(write_only=True, required=False, allow_blank=True, default="")

    class Meta(ProductSerializer.Meta):
        fields = [*ProductSerializer.Meta.fields, "reason"]


@extend_schema_view(
    list=extend_schema(summary="Local specialty products (sản phẩm)"),
    retrieve=extend_schema(summary="One product; its ETag is its version"),
    create=extend_schema(summary="Record a product (product_upsert)", request=ProductCreateSerializer,
                         responses={201: ProductSerializer, **CREATE_RESPONSES}),
)
class ProductViewSet(Versioned, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Product.objects.none()
    serializer_class = ProductSerializer
    pagination_class = IdCursor

    def get_queryset(self):
        return selectors.product_list(user=self.request.user).prefetch_related("units")

    def create(self, request, *args, **kwargs):
        require_editor(request.user)
        data = ProductCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        product = services.product_upsert(actor=request.user, **data.validated_data)
        return self.created(ProductSerializer(product).data, product)


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


class ApplicationCreateSerializer(serializers.ModelSerializer):
    amendments = serializers.DictField(required=False, default=dict,
                                       help_text="Amendment (sửa đổi): the asset's fields it changes, and to what.")
    note = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(required=False, allow_blank=True, default="")

    class Meta:
        model = ProtectionApplication
        fields = ["asset", "kind", "application_number", "applicant", "representative", "filing_date", "new_owner",
                  "amendments", "ground", "note", "reason"]


@extend_schema_view(
    list=extend_schema(summary="Protection applications (đơn) with their steps and deadlines"),
    retrieve=extend_schema(summary="One application; its ETag is its version"),
    create=extend_schema(summary="Open an application or request (application_create); with a number and a filing "
                                 "date it is filed (nộp đơn) at once", request=ApplicationCreateSerializer,
                         responses={201: ApplicationSerializer, **CREATE_RESPONSES}),
)
class ApplicationViewSet(Versioned, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
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

    def create(self, request, *args, **kwargs):
        require_editor(request.user)
        data = ApplicationCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application = services.application_create(actor=request.user, **data.validated_data)
        return self.created(ApplicationSerializer(self.get_queryset().get(pk=application.pk)).data, application)


class GrowingAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = GrowingAreaCode
        fields = ["id", "code", "product", "asset", "unit", "area_hectares", "export_market", "issuing_body",
                  "issued_on", "status"]


class GrowingAreaCreateSerializer(GrowingAreaSerializer):
    reason = serializers.CharField(write_only=True, required=False, allow_blank=True, default="")

    class Meta(GrowingAreaSerializer.Meta):
        fields = [*GrowingAreaSerializer.Meta.fields, "reason"]


@extend_schema_view(
    list=extend_schema(summary="Growing-area codes (mã số vùng trồng)"),
    retrieve=extend_schema(summary="One growing-area code; its ETag is its version"),
    create=extend_schema(summary="Record a growing-area code (growing_area_code_upsert)",
                         request=GrowingAreaCreateSerializer,
                         responses={201: GrowingAreaSerializer, **CREATE_RESPONSES}),
)
class GrowingAreaViewSet(Versioned, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = GrowingAreaCode.objects.none()
    serializer_class = GrowingAreaSerializer
    pagination_class = IdCursor

    def get_queryset(self):
        return selectors.growing_area_list(user=self.request.user)

    def create(self, request, *args, **kwargs):
        require_editor(request.user)
        data = GrowingAreaCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        area = services.growing_area_code_upsert(actor=request.user, **data.validated_data)
        return self.created(GrowingAreaSerializer(area).data, area)


class InfringementStepSerializer(serializers.ModelSerializer):
    reason = serializers.CharField(write_only=True, required=False, allow_blank=True, default="")

    class Meta:
        model = InfringementStep
        fields = ["on", "agency", "action", "reason"]


class InfringementSerializer(serializers.ModelSerializer):
    steps = InfringementStepSerializer(many=True, read_only=True)

    class Meta:
        model = InfringementCase
        fields = ["id", "asset", "reported_on", "place", "description", "agencies", "outcome", "fine_amount",
                  "goods_quantity", "closed_on", "steps"]


class InfringementReportSerializer(serializers.ModelSerializer):
    agencies = serializers.ListField(child=serializers.ChoiceField(choices=Agency.choices), required=False,
                                     default=list)
    reason = serializers.CharField(required=False, allow_blank=True, default="")

    class Meta:
        model = InfringementCase
        fields = ["asset", "reported_on", "place", "description", "agencies", "reason"]


@extend_schema_view(
    list=extend_schema(summary="Infringement cases (vụ việc xâm phạm) with their steps"),
    retrieve=extend_schema(summary="One infringement case; its ETag is its version (its steps included)"),
    create=extend_schema(summary="Report an infringement (infringement_report)", request=InfringementReportSerializer,
                         responses={201: InfringementSerializer, **CREATE_RESPONSES}),
)
class InfringementViewSet(Versioned, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = InfringementCase.objects.none()
    serializer_class = InfringementSerializer
    pagination_class = IdCursor
    version_related = ("steps",)

    def get_queryset(self):
        require_reader(self.request.user)
        return InfringementCase.objects.prefetch_related("steps")

    def create(self, request, *args, **kwargs):
        require_editor(request.user)
        data = InfringementReportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.infringement_report(actor=request.user, **data.validated_data)
        return self.created(InfringementSerializer(self.get_queryset().get(pk=case.pk)).data, case)

    @extend_schema(summary="Add what an agency did (bước xử lý) to the case (infringement_add_step)",
                   request=InfringementStepSerializer,
                   parameters=[IF_MATCH], responses={201: InfringementSerializer, **PRECONDITION_RESPONSES})
    @action(detail=True, methods=["post"])
    def steps(self, request, pk=None):
        require_editor(request.user)
        case = self.get_object()
        self.expected_version(request, case)
        data = InfringementStepSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.infringement_add_step(actor=request.user, case=case, **data.validated_data)
        return self.created(InfringementSerializer(self.get_queryset().get(pk=case.pk)).data, case)


class TargetProgressView(APIView):
    """GET /api/targets/?on=YYYY-MM-DD — every target with the value reached that day."""

    @extend_schema(summary="Targets (chỉ tiêu) and their progress on a date",
                   parameters=[OpenApiParameter("on", OpenApiTypes.DATE, description="Default today.")],
                   responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        require_reader(request.user)
        raw = request.query_params.get("on", "")
        on = parse_day(raw) if raw else timezone.localdate()
        if raw and on is None:
            raise exceptions.ValidationError({"on": [_("Ngày không hợp lệ; dùng dạng YYYY-MM-DD.")]})
        return Response({"on": on, "targets": [{
            "indicator": row.target.indicator, "label": row.target.get_indicator_display(),
            "value": row.target.value, "due_date": row.target.due_date, "reached": row.reached,
            "percent": row.percent, "met": row.met, "by_unit": [{"unit": name, "count": n} for name, n in row.by_unit],
            "years": [{"year": y.year, "filed": y.filed, "previous": y.previous, "growth": y.growth, "met": y.met}
                      for y in row.years],
        } for row in selectors.target_progress(as_of=on)]})
