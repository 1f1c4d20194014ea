from django.urls import path

from ip_registry import public_views

app_name = "public"

urlpatterns = [
    path("", public_views.register, name="register"),
    path("assets/<int:pk>/", public_views.asset, name="asset"),
    path("documents/<int:pk>/", public_views.document, name="document"),
    path("growing-areas/", public_views.growing_areas, name="growing_areas"),
]

api_urlpatterns = ([
    path("assets/", public_views.public_asset_list, name="assets"),
    # Any id: the view answers 404 in JSON, as the API does, rather than the site's HTML page.
    path("assets/<str:pk>/", public_views.public_asset_detail, name="asset"),
], "api_public")
