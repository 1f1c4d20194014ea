from django.urls import path

from audit.api import AuditEventList

app_name = "api"

urlpatterns = [
    path("audit/events/", AuditEventList.as_view(), name="audit_events"),
]
