"""Initiatives over the REST API: initiatives (sáng kiến) with their authors and council votes, an action that
moves one through recognition, and the replication board (bảng nhân rộng) of a year.

The confidential part is returned only to whom the page shows it; every write needs If-Match.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from directory.api import IF_MATCH, PRECONDITION_RESPONSES, IdCursor, Versioned
from initiatives import access, forms, selectors, services
from initiatives.models import (
    CouncilVote,
    Initiative,
    InitiativeAuthor,
    ProgressUpdate,
    ReplicationNomination,
    ReplicationSite,
)
from initiatives.workflow import InitiativeStatus


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
)
class InitiativeViewSet(Versioned, viewsets.ReadOnlyModelViewSet):
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
        try:
            pk = int(self.kwargs["pk"])
        except ValueError:
            raise Http404 from None
        return selectors.initiative_detail(user=self.request.user, pk=pk)

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
        return [{"place_kind": site.place_kind, "place_name": site.place_name, "started_on": site.started_on,
                 "status": site.status,
                 "updates": [{"on": update.on, "percent": update.percent, "benefit": update.benefit,
                              "people_reached": update.people_reached, "units_reached": update.units_reached}
                             for update in site.updates.all()]}
                for site in nomination.sites.all()]


@extend_schema_view(list=extend_schema(summary="Nominations for replication (đăng ký nhân rộng) with their "
                                               "sites and progress",
                                       parameters=[OpenApiParameter("year", int)]))
class NominationViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = ReplicationNomination.objects.none()
    serializer_class = NominationSerializer
    pagination_class = IdCursor

    def get_queryset(self):
        if not access.can_read(self.request.user):
            raise exceptions.PermissionDenied()
        nominations = ReplicationNomination.objects.prefetch_related(
            Prefetch("sites", queryset=ReplicationSite.objects.prefetch_related(
                Prefetch("updates", queryset=ProgressUpdate.objects.order_by("on", "pk")))))
        year = self.request.query_params.get("year", "")
        if year:
            if not year.isdigit():
                raise exceptions.ValidationError({"year": [_("Năm không hợp lệ.")]})
            nominations = nominations.filter(year=int(year))
        return nominations


class ReplicationBoardView(APIView):
    """GET /api/replication/<year>/ — each unit of the year's plan, its nominations and its state."""

    @extend_schema(summary="The replication board (bảng nhân rộng) of a year",
                   parameters=[OpenApiParameter("year", int, OpenApiParameter.PATH)],
                   responses={200: OpenApiTypes.OBJECT})
    def get(self, request, year: str):
        if not access.can_read(request.user):
            raise exceptions.PermissionDenied()
        if not year.isdigit() or not 2021 <= int(year) <= timezone.localdate().year + 1:
            raise exceptions.NotFound()
        year = int(year)
        rows = selectors.replication_quota(year=year)
        return Response({"year": year, "units": [{
            "unit": row.unit.pk, "name": row.unit.name, "nominations": row.count, "target_min": row.target_min,
            "target_ideal": row.target_ideal, "state": row.state,
            "initiatives": [nomination.initiative_id for nomination in row.nominations],
        } for row in rows]})
