"""What every resource of the REST API shares: the service's refusals as 400s, versions as ETags, creates as
201s with the new record's ETag and the If-Match precondition on every change to a record (412 when stale,
428 without), cursor pages; and the directory's own resources (dated units, organisations).

Reads go through the selectors with the user, writes through the services: the API answers what the pages
answer, with the same rules and the same messages.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler

from audit.versions import StaleEdit, require_version, version_of
from directory import access, services
from directory.forms import is_version
from directory.models import AdministrativeUnit, Organisation, UnitKind
from directory.pages import parse_day
from directory.selectors import organisation_list, units_in_force


class TokenScheme(OpenApiAuthenticationExtension):
    """How the schema describes the personal API tokens."""

    target_class = "directory.api_auth.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization",
                "description": "`Token <key>`: a personal token an administrator issued (shown once)."}


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = _("Cần gửi tiêu đề If-Match với phiên bản (ETag) của bản ghi đã đọc.")
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("Bản ghi đã thay đổi sau khi được đọc: hãy đọc lại rồi gửi lại.")
    default_code = "precondition_failed"


def handle_exception(error, context):
    """A service's refusal (a Django ``ValidationError``, ``InvalidTransition`` among them) is a 400 with its
    message; a stale edit a 412; a refusal of the role a 403; an object outside the user's scope a 404."""
    if isinstance(error, StaleEdit):
        error = PreconditionFailed(detail=error.messages[0])
    elif isinstance(error, DjangoValidationError):
        error = exceptions.ValidationError(error.message_dict if hasattr(error, "error_dict") else
                                           {"detail": error.messages})
    elif isinstance(error, DjangoPermissionDenied):
        error = exceptions.PermissionDenied(str(error) or None)
    elif isinstance(error, Http404):
        error = exceptions.NotFound()
    return exception_handler(error, context)


class IdCursor(CursorPagination):
    """Pages by id: stable and indexed whatever the filters, the same few queries on page 1 as on page 500."""

    ordering = "pk"
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"
    invalid_cursor_message = _("Con trỏ trang không hợp lệ: dùng đường dẫn “next” hoặc “previous” đã nhận.")

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound:
            raise exceptions.ValidationError({"cursor": [self.invalid_cursor_message]}) from None


# Every operation may answer these; the schema says so once for all (drf-spectacular's post-processing).
ERRORS = {
    "400": "Refused: a malformed parameter or body, or the rules (the message, in Vietnamese, says why).",
    "401": "Not signed in, or the token is invalid, revoked or expired.",
    "403": "The caller's role may not do this.",
    "404": "No such record within the caller's scope.",
    "429": "Too many requests for this token (see Retry-After).",
}


def document_errors(result, generator, request, public):
    problem = {"type": "object", "additionalProperties": True,
               "description": "`detail` (a message) or, per field, a list of messages."}
    for methods in result.get("paths", {}).values():
        for operation in methods.values():
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                responses.setdefault(code, {"description": description,
                                            "content": {"application/json": {"schema": problem}}})
    return result


def etag(version: str) -> str:
    return f'"{version}"'


class Versioned:
    """ETag on every object read and created; If-Match on every change to one. ``version_related`` as
    ``audit.versions``."""

    version_related: tuple[str, ...] = ()

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        response["ETag"] = etag(version_of(self.get_object_cached(), related=self.version_related))
        return response

    def get_object_cached(self):
        if not hasattr(self, "_object"):
            self._object = self.get_object()
        return self._object

    def expected_version(self, request, instance) -> str:
        """The version the client read (its If-Match), checked against the current one."""
        header = request.headers.get("If-Match", "").strip()
        if not header:
            raise PreconditionRequired()
        expected = header.removeprefix("W/").strip('"')
        if header != "*":
            if not is_version(expected):
                raise PreconditionFailed()  # not an ETag this API gave: the record is to be read again
            require_version(instance, expected, related=self.version_related)
        return version_of(instance, related=self.version_related)

    def written(self, response, instance):
        instance.refresh_from_db()
        response["ETag"] = etag(version_of(instance, related=self.version_related))
        return response

    def created(self, data, instance):
        """201 with the new record (or, for a step added to one, the record) and its version."""
        return self.written(Response(data, status=status.HTTP_201_CREATED), instance)


PRECONDITION_RESPONSES = {
    412: OpenApiResponse(description="The record changed since it was read (If-Match is stale)."),
    428: OpenApiResponse(description="If-Match is missing: send the ETag of the record you read."),
    400: OpenApiResponse(description="Refused by the rules: the message says why (in Vietnamese)."),
    403: OpenApiResponse(description="The user's role may not do this."),
    404: OpenApiResponse(description="No such record within the user's scope."),
}
# A create needs no If-Match: there is no version yet to hold it to.
CREATE_RESPONSES = {
    400: OpenApiResponse(description="Refused: an unknown id, an existing record, or the rules (the message, in "
                                     "Vietnamese, says why)."),
    403: OpenApiResponse(description="The user's role may not do this."),
}
IF_MATCH = OpenApiParameter("If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=True,
                            description="The ETag of the record as last read.")


def require_reader(user) -> None:
    if not access.has_any_role(user):
        raise DjangoPermissionDenied


# Units and organisations --------------------------------------------------------------------------

class UnitSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = AdministrativeUnit
        fields = ["id", "code", "gso_code", "name", "kind", "kind_label", "parent", "valid_from", "valid_to",
                  "legal_act"]


@extend_schema_view(list=extend_schema(
    summary="Administrative units (đơn vị hành chính) in force on a date",
    parameters=[OpenApiParameter("on", OpenApiTypes.DATE, description="The day (default today)."),
                OpenApiParameter("kind", str, enum=UnitKind.values)]))
class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = AdministrativeUnit.objects.none()  # the schema's model; the rows come from get_queryset
    serializer_class = UnitSerializer
    pagination_class = IdCursor

    def get_queryset(self):
        require_reader(self.request.user)
        raw = self.request.query_params.get("on", "")
        on = parse_day(raw) if raw else None
        if raw and on is None:
            raise exceptions.ValidationError({"on": [_("Ngày không hợp lệ; dùng dạng YYYY-MM-DD.")]})
        if self.action == "retrieve":
            return AdministrativeUnit.objects.all()
        units = units_in_force(on=on or dt.date.today())
        kind = self.request.query_params.get("kind", "")
        return units.filter(kind=kind) if kind else units


class OrganisationSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "kind_label", "unit", "tax_code", "address", "ended_on"]


class OrganisationCreateSerializer(OrganisationSerializer):
    reason = serializers.CharField(write_only=True, required=False, allow_blank=True, default="")

    class Meta(OrganisationSerializer.Meta):
        fields = [*OrganisationSerializer.Meta.fields, "phone", "email", "contact_person", "reason"]
        read_only_fields = ["ended_on"]
        extra_kwargs = {name: {"write_only": True} for name in ("phone", "email", "contact_person")}


@extend_schema_view(
    list=extend_schema(summary="Organisations (tổ chức): owners, applicants, investors"),
    retrieve=extend_schema(summary="One organisation; its ETag is its version"),
    create=extend_schema(summary="Record an organisation (organisation_upsert); administrators only",
                         request=OrganisationCreateSerializer,
                         responses={201: OrganisationSerializer, **CREATE_RESPONSES}),
)
class OrganisationViewSet(Versioned, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                          viewsets.GenericViewSet):
    queryset = Organisation.objects.none()
    serializer_class = OrganisationSerializer
    pagination_class = IdCursor

    def get_queryset(self):
        require_reader(self.request.user)
        return organisation_list().select_related("unit")

    def create(self, request, *args, **kwargs):
        if not access.can_manage_reference_data(request.user) or access.is_read_only(request.user):
            raise exceptions.PermissionDenied()
        data = OrganisationCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        organisation = services.organisation_upsert(actor=request.user, **data.validated_data)
        return self.created(OrganisationSerializer(organisation).data, organisation)
