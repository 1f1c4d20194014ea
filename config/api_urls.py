"""The REST API: its resources, its OpenAPI schema and its documentation (served offline)."""

from csp.constants import NONCE
from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from audit.api import AuditEventList
from directory.api import OrganisationViewSet, UnitViewSet
from initiatives.api import InitiativeViewSet, NominationViewSet, ReplicationBoardView, SiteViewSet
from ip_registry.api import (
    ApplicationViewSet,
    AssetViewSet,
    GrowingAreaViewSet,
    InfringementViewSet,
    ProductViewSet,
    TargetProgressView,
)
from reports.api import ReportViewSet

app_name = "api"

router = DefaultRouter()
router.include_root_view = False
router.include_format_suffixes = False  # one address per resource: JSON
router.register("units", UnitViewSet, basename="unit")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("assets", AssetViewSet, basename="asset")
router.register("applications", ApplicationViewSet, basename="application")
router.register("growing-areas", GrowingAreaViewSet, basename="growing-area")
router.register("infringements", InfringementViewSet, basename="infringement")
router.register("products", ProductViewSet, basename="product")
router.register("initiatives", InitiativeViewSet, basename="initiative")
router.register("nominations", NominationViewSet, basename="nomination")
router.register("sites", SiteViewSet, basename="site")
router.register("reports", ReportViewSet, basename="report")

# Swagger UI and ReDoc run one inline script each: those two pages, and only they, get a nonce for it.
with_nonce = csp_update({"script-src": [NONCE], "style-src": [NONCE]})

urlpatterns = [
    path("", include(router.urls)),
    path("targets/", TargetProgressView.as_view(), name="targets"),
    path("replication/<str:year>/", ReplicationBoardView.as_view(), name="replication"),
    path("audit/events/", AuditEventList.as_view(), name="audit_events"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", with_nonce(SpectacularSwaggerView.as_view(url_name="api:schema")), name="docs"),
    path("redoc/", with_nonce(SpectacularRedocView.as_view(url_name="api:schema")), name="redoc"),
]
