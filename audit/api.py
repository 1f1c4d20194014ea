"""The audit log over the API: read-only, scoped and filtered as the pages are, newest first."""

from __future__ import annotations

import json

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from audit import masking
from audit.forms import LogFilterForm
from audit.models import AuditEvent
from audit.selectors import log_page
from directory import access
from directory.pages import int_param


class CanReadHistory(permissions.BasePermission):
    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS and access.can_read_history(request.user)


class AuditEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor_username")
    changes = serializers.SerializerMethodField()

    class Meta:
        model = AuditEvent
        fields = [
            "seq", "time", "model", "object_id", "object_label", "action", "history_type", "actor", "ip_address",
            "channel", "request_id", "reason", "changes", "history_model", "history_id", "row_digest", "batch",
            "unit", "prev_hash", "hash",
        ]

    def get_changes(self, event: AuditEvent) -> dict:
        hidden = self.context["hidden"].get(event.seq, masking.NOTHING)
        return masking.masked(json.loads(event.changes or "{}"), hidden)


# Every column the serializer reads, in the page's one query.
API_COLUMNS = tuple(field.attname for field in AuditEvent._meta.concrete_fields)


class AuditEventList(APIView):
    """GET /api/audit/events/?before=<seq>&person=&model=&action=&unit=&batch=&start=&end=&text="""

    permission_classes = [permissions.IsAuthenticated, CanReadHistory]

    @extend_schema(summary="The audit log (nhật ký), newest first, scoped to the caller's units",
                   responses={200: inline_serializer("AuditEventPage", {
                       "results": AuditEventSerializer(many=True), "next_before": serializers.IntegerField(
                           allow_null=True)})})
    def get(self, request):
        form = LogFilterForm(request.query_params or None, show_units=access.can_read_all_history(request.user))
        if request.query_params and not form.is_valid():
            return Response({"errors": form.errors}, status=400)
        page = log_page(request.user, form.filters(), before=int_param(request.query_params.get("before", "")),
                        columns=API_COLUMNS)
        hidden = masking.hidden_fields(request.user, page.events)
        return Response({
            "results": AuditEventSerializer(page.events, many=True, context={"hidden": hidden}).data,
            "next_before": page.older,
        })
