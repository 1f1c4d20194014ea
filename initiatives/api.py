"""Initiatives over the REST API: initiatives (sáng kiến) with their authors and council votes, filed and moved
through recognition; nominations for replication (đăng ký nhân rộng), their sites (địa điểm) and progress;
and the replication board (bảng nhân rộng) of a year.

The confidential part is returned only to whom the page shows it; a create needs no If-Match, every change
to a record does. A unit's officer works on their own unit's nominations and sites: another unit's is a 404.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from directory import access as directory_access
from directory.api import CREATE_RESPONSES, IF_MATCH, PRECONDITION_RESPONSES, IdCursor, Versioned
from directory.pages import int_param
from initiatives import access, forms, selectors, services
from initiatives.models import (
    CouncilVote,
    Initiative,
    InitiativeAuthor,
    ProgressUpdate,
    ReplicationNomination,
    ReplicationSite,
    SchoolLevel,
)
from initiatives.workflow import InitiativeStatus, NominationStatus, SiteStatus


def _pk(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise Http404 from None


class AuthorSerializer(serializers.ModelSerializer):
    class Meta:
        model = InitiativeAuthor
        fields = ["name", "birth_year", "workplace", "job_title", "share_percent"]


class VoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = CouncilVote
        fields = ["council", "held_on", "members_seated", "members_present", "votes_for", "votes_against",
                  "votes_abstaining", "votes_needed"]


class InitiativeListSerializer(serializers.ModelSerializer):
    class Meta:
        model = Initiative
        fields = ["id", "title", "field", "organisation", "filed_on", "status", "base_recognised_on",
                  "provincial_recognised_on", "national_recognised_on", "base_decision_due"]


class InitiativeSerializer(InitiativeListSerializer):
    authors = AuthorSerializer(many=True, read_only=True)
    votes = VoteSerializer(many=True, read_only=True)
    confidential_part = serializers.SerializerMethodField()

    class Meta(InitiativeListSerializer.Meta):
        fields = [*InitiativeListSerializer.Meta.fields, "investor", "first_applied_on", "description",
                  "confidential_part", "expected_benefit", "actual_benefit", "remuneration_agreed", "authors",
                  "votes"]

    def get_confidential_part(self, initiative) -> str | None:
        return initiative.confidential_part if initiative.show_confidential else None


class InitiativeFileSerializer(serializers.ModelSerializer):
    authors = AuthorSerializer(many=True, help_text="The authors (tác giả); their shares add up to exactly 100%.")
    reason = serializers.CharField(required=False, allow_blank=True, default="")

    class Meta:
        model = Initiative
        fields = [*services.INITIATIVE_FIELDS, "authors", "reason"]


class InitiativeAdvanceSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(choices=InitiativeStatus.choices)
    on = serializers.DateField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    decision_ref = serializers.CharField(required=False, allow_blank=True, default="")


FILTERS = [
    OpenApiParameter("year", int, description="Year filed."),
    OpenApiParameter("unit", int, description="A district-level unit or department (with its communes)."),
    OpenApiParameter("status", str, enum=InitiativeStatus.values),
    OpenApiParameter("q", str, description="Search without diacritics."),
]


@extend_schema_view(
    list=extend_schema(summary="Initiatives (sáng kiến)", parameters=FILTERS),
    retrieve=extend_schema(summary="One initiative with its authors and votes; its ETag is its version"),
    create=extend_schema(summary="File an initiative for recognition (nộp đơn sáng kiến) with its authors "
                                 "(initiative_file): a unit's officer, for an organisation of their unit",
                         request=InitiativeFileSerializer, responses={201: InitiativeSerializer, **CREATE_RESPONSES}),
)
class InitiativeViewSet(Versioned, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Initiative.objects.none()  # the schema's model; the rows come from get_queryset
    pagination_class = IdCursor
    version_related = services.INITIATIVE_VERSION

    def get_serializer_class(self):
        return InitiativeListSerializer if self.action == "list" else InitiativeSerializer

    def get_queryset(self):
        form = forms.InitiativeFilterForm(self.request.query_params or None)
        if self.request.query_params and not form.is_valid():
            raise exceptions.ValidationError(form.errors)
        return selectors.initiative_list(user=self.request.user, filters=form.filters())

    def get_object(self):
        return selectors.initiative_detail(user=self.request.user, pk=_pk(self.kwargs["pk"]))

    def create(self, request, *args, **kwargs):
        if not access.is_writing_officer(request.user):
            raise exceptions.PermissionDenied()
        data = InitiativeFileSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        initiative = services.initiative_file(actor=request.user, **data.validated_data)
        return self.created(InitiativeSerializer(selectors.initiative_detail(user=request.user, pk=initiative.pk)).data,
                            initiative)

    @extend_schema(summary="Move the initiative through recognition (initiative_advance)",
                   request=InitiativeAdvanceSerializer,
                   parameters=[IF_MATCH], responses={200: InitiativeSerializer, **PRECONDITION_RESPONSES})
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        if not access.can_move_recognition(request.user):
            raise exceptions.PermissionDenied()
        initiative = self.get_object()
        self.expected_version(request, initiative)
        data = InitiativeAdvanceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        moved = services.initiative_advance(initiative=initiative, actor=request.user, **data.validated_data)
        return self.written(Response(InitiativeSerializer(self.get_object()).data), moved)


class NominationSerializer(serializers.ModelSerializer):
    sites = serializers.SerializerMethodField()

    class Meta:
        model = ReplicationNomination
        fields = ["id", "initiative", "unit", "year", "nominated_on", "reason", "status", "sites"]

    def get_sites(self, nomination) -> list[dict]:
        return [{"id": site.pk, "place_kind": site.place_kind, "place_name": site.place_name,
                 "started_on": site.started_on, "status": site.status,
                 "updates": [{"on": update.on, "percent": update.percent, "benefit": update.benefit,
                              "people_reached": update.people_reached, "units_reached": update.units_reached}
                             for update in site.updates.all()]}
                for site in nomination.sites.all()]


class NominationCreateSerializer(serializers.Serializer):
    initiative = serializers.PrimaryKeyRelatedField(queryset=Initiative.objects.all(),
                                                    help_text="An initiative of provincial (cấp tỉnh) scope.")
    year = serializers.IntegerField(min_value=2021, max_value=2100)
    on = serializers.DateField(required=False, allow_null=True, default=None, help_text="Day nominated (default "
                                                                                         "today).")
    justification = serializers.CharField(required=False, allow_blank=True, default="",
                                          help_text="Giải trình: required beyond the unit's target for the year.")
    school_levels = serializers.ListField(child=serializers.ChoiceField(choices=SchoolLevel.choices),
                                          required=False, default=list)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class NominationAdvanceSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(choices=NominationStatus.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class SiteAddSerializer(serializers.ModelSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")

    class Meta:
        model = ReplicationSite
        fields = ["place_kind", "place_name", "responsible_person", "started_on", "reason"]


def _for_edit(request, selector, pk):
    """The nomination or site the caller's unit works on: a role that never writes is refused (403), another
    unit's record is a 404, as on the pages."""
    if not access.is_writing_officer(request.user):
        raise exceptions.PermissionDenied()
    return selector(user=request.user, pk=_pk(pk))


@extend_schema_view(
    list=extend_schema(summary="Nominations for replication (đăng ký nhân rộng) with their sites and progress",
                       parameters=[OpenApiParameter("year", int)]),
    retrieve=extend_schema(summary="One nomination; its ETag is its version (its sites included)"),
    create=extend_schema(summary="Nominate an initiative for replication by the caller's unit (nomination_create)",
                         request=NominationCreateSerializer, responses={201: NominationSerializer, **CREATE_RESPONSES}),
)
class NominationViewSet(Versioned, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = ReplicationNomination.objects.none()
    serializer_class = NominationSerializer
    pagination_class = IdCursor
    version_related = ("sites",)

    def get_queryset(self):
        if not access.can_read(self.request.user):
            raise exceptions.PermissionDenied()
        nominations = ReplicationNomination.objects.prefetch_related(
            Prefetch("sites", queryset=ReplicationSite.objects.prefetch_related(
                Prefetch("updates", queryset=ProgressUpdate.objects.order_by("on", "pk")))))
        raw = self.request.query_params.get("year", "")
        if raw:
            year = int_param(raw)  # "²" is a digit to str.isdigit(), not to int()
            if year is None:
                raise exceptions.ValidationError({"year": [_("Năm không hợp lệ.")]})
            nominations = nominations.filter(year=year)
        return nominations

    def answer(self, nomination):
        return NominationSerializer(self.get_queryset().get(pk=nomination.pk)).data

    def create(self, request, *args, **kwargs):
        if not access.is_writing_officer(request.user):
            raise exceptions.PermissionDenied()
        data = NominationCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        nomination = services.nomination_create(actor=request.user, unit=directory_access.unit_scope(request.user),
                                                **data.validated_data)
        return self.created(self.answer(nomination), nomination)

    @extend_schema(summary="Move the nomination to its next status (nomination_advance)",
                   request=NominationAdvanceSerializer,
                   parameters=[IF_MATCH], responses={200: NominationSerializer, **PRECONDITION_RESPONSES})
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        nomination = _for_edit(request, selectors.nomination_for_edit, pk)
        self.expected_version(request, nomination)
        data = NominationAdvanceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        moved = services.nomination_advance(nomination=nomination, actor=request.user, **data.validated_data)
        return self.written(Response(self.answer(moved)), moved)

    @extend_schema(summary="Add a site (địa điểm nhân rộng) to the nomination (site_add); answers the nomination",
                   request=SiteAddSerializer,
                   parameters=[IF_MATCH], responses={201: NominationSerializer, **PRECONDITION_RESPONSES})
    @action(detail=True, methods=["post"])
    def sites(self, request, pk=None):
        nomination = _for_edit(request, selectors.nomination_for_edit, pk)
        self.expected_version(request, nomination)
        data = SiteAddSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.site_add(actor=request.user, nomination=nomination, **data.validated_data)
        return self.created(self.answer(nomination), nomination)


class ProgressSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgressUpdate
        fields = ["on", "percent", "note", "decrease_reason", "benefit", "people_reached", "units_reached"]


class SiteSerializer(serializers.ModelSerializer):
    updates = ProgressSerializer(many=True, read_only=True)

    class Meta:
        model = ReplicationSite
        fields = ["id", "nomination", "place_kind", "place_name", "responsible_person", "started_on", "status",
                  "abandon_reason", "updates"]


class SiteAdvanceSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(choices=SiteStatus.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="",
                                   help_text="Required to abandon (dừng triển khai) a site.")


@extend_schema_view(retrieve=extend_schema(summary="One replication site (địa điểm nhân rộng) with its progress; "
                                                   "its ETag is its version (its progress included)"))
class SiteViewSet(Versioned, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = ReplicationSite.objects.none()
    serializer_class = SiteSerializer
    version_related = ("updates",)

    def get_queryset(self):
        if not access.can_read(self.request.user):
            raise exceptions.PermissionDenied()
        return ReplicationSite.objects.prefetch_related(
            Prefetch("updates", queryset=ProgressUpdate.objects.order_by("on", "pk")))

    def answer(self, site):
        return SiteSerializer(self.get_queryset().get(pk=site.pk)).data

    @extend_schema(summary="Move the site to its next status (site_advance)", request=SiteAdvanceSerializer,
                   parameters=[IF_MATCH], responses={200: SiteSerializer, **PRECONDITION_RESPONSES})
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        site = _for_edit(request, selectors.site_for_edit, pk)
        self.expected_version(request, site)
        data = SiteAdvanceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        moved = services.site_advance(actor=request.user, site=site, **data.validated_data)
        return self.written(Response(self.answer(moved)), moved)

    @extend_schema(summary="Record progress (cập nhật tiến độ) at the site (progress_record); answers the site",
                   request=ProgressSerializer,
                   parameters=[IF_MATCH], responses={201: SiteSerializer, **PRECONDITION_RESPONSES})
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        site = _for_edit(request, selectors.site_for_edit, pk)
        self.expected_version(request, site)
        data = ProgressSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.progress_record(actor=request.user, site=site, **data.validated_data)
        return self.created(self.answer(site), site)


class ReplicationBoardView(APIView):
    """GET /api/replication/<year>/ — each unit of the year's plan, its nominations and its state."""

    @extend_schema(summary="The replication board (bảng nhân rộng) of a year",
                   parameters=[OpenApiParameter("year", int, OpenApiParameter.PATH)],
                   responses={200: OpenApiTypes.OBJECT})
    def get(self, request, year: str):
        if not access.can_read(request.user):
            raise exceptions.PermissionDenied()
        year = int_param(year)
        if year is None or not 2021 <= year <= timezone.localdate().year + 1:
            raise exceptions.NotFound()
        rows = selectors.replication_quota(year=year)
        return Response({"year": year, "units": [{
            "unit": row.unit.pk, "name": row.unit.name, "nominations": row.count, "target_min": row.target_min,
            "target_ideal": row.target_ideal, "state": row.state,
            "initiatives": [nomination.initiative_id for nomination in row.nominations],
        } for row in rows]})
