from django.contrib.auth import views as auth_views
from django.urls import path

from directory import import_views, lookalikes, views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("units/", views.unit_list, name="unit_list"),
    path("units/export/<str:fmt>/", views.unit_export, name="unit_export"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/export/<str:fmt>/", views.organisation_export, name="organisation_export"),
    path("units/reorganisation/", views.reorganisation, name="reorganisation"),
    path("lookalikes/", lookalikes.lookalike_report, name="lookalikes"),
    path("imports/", import_views.import_index, name="import_index"),
    path("imports/<slug:slug>/", import_views.import_upload, name="import_upload"),
    path("imports/<slug:slug>/confirm/", import_views.import_confirm, name="import_confirm"),
    path("imports/<slug:slug>/template.xlsx", import_views.import_template, name="import_template"),
]
