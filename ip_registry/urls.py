from django.urls import path

from ip_registry import views

app_name = "ip"

urlpatterns = [
    path("assets/", views.asset_list, name="asset_list"),
    path("assets/new/", views.asset_create, name="asset_create"),
    path("assets/export/<str:fmt>/", views.asset_export, name="asset_export"),
    path("deadlines/export/<str:fmt>/", views.deadline_export, name="deadline_export"),
    path("growing-areas/export/<str:fmt>/", views.growing_area_export, name="growing_area_export"),
    path("assets/<int:pk>/", views.asset_detail, name="asset_detail"),
    path("assets/<int:pk>/edit/", views.asset_update, name="asset_update"),
    path("assets/<int:pk>/applications/new/", views.application_create, name="application_create"),
    path("assets/<int:pk>/documents/new/", views.document_upload, name="document_upload"),
    path("assets/<int:pk>/infringements/new/", views.infringement_create, name="infringement_create"),
    path("assets/<int:pk>/growing-areas/new/", views.growing_area_create, name="growing_area_create"),
    path("applications/", views.application_list, name="application_list"),
    path("applications/export/<str:fmt>/", views.application_export, name="application_export"),
    path("infringements/", views.infringement_list, name="infringement_list"),
    path("infringements/export/<str:fmt>/", views.infringement_export, name="infringement_export"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/advance/<str:to_status>/", views.application_advance, name="application_advance"),
    path("applications/<int:pk>/oppositions/new/", views.opposition_create, name="opposition_create"),
    path("applications/<int:pk>/opinions/new/", views.opinion_create, name="opinion_create"),
    path("oppositions/<int:pk>/reply/", views.opposition_reply, name="opposition_reply"),
    path("oppositions/<int:pk>/decide/", views.opposition_decide, name="opposition_decide"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("targets/", views.targets, name="targets"),
    path("documents/<int:pk>/download/", views.document_download, name="document_download"),
    path("documents/<int:pk>/withdraw/", views.document_withdraw, name="document_withdraw"),
    path("infringements/<int:pk>/steps/new/", views.infringement_step_create, name="infringement_step_create"),
    path("infringements/<int:pk>/close/", views.infringement_close, name="infringement_close"),
    path("growing-areas/", views.growing_area_list, name="growing_area_list"),
]
