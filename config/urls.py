from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from ip_registry.public_urls import api_urlpatterns as public_api

urlpatterns = [
    path("admin/", admin.site.urls),
    # Open to anonymous visitors, so the log-in page itself can be read in English.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("ip/", include("ip_registry.urls")),
    path("initiatives/", include("initiatives.urls")),
    path("audit/", include("audit.urls")),
    path("reports/", include("reports.urls")),
    # The public register: open without log-in (with the log-in page and the language switch, the only
    # addresses that are).
    path("public/", include("ip_registry.public_urls")),
    path("api/public/", include(public_api)),
    path("api/", include("config.api_urls")),
    path("", include("directory.urls")),
]
