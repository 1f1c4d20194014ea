from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("dashboard/", views.dashboard_page, name="dashboard"),
    path("<int:year>/", views.index, name="index"),
    path("<int:year>/remind/", views.remind, name="remind"),
    path("<int:year>/province/", views.report_detail, name="province_report"),
    path("<int:year>/province/edit/", views.report_edit, name="province_report_edit"),
    path("<int:year>/province/advance/<str:to_status>/", views.report_advance, name="province_report_advance"),
    path("<int:year>/province/download/<str:fmt>/", views.report_download, name="province_report_download"),
    path("<int:year>/units/<int:unit_pk>/", views.report_detail, name="unit_report"),
    path("<int:year>/units/<int:unit_pk>/edit/", views.report_edit, name="unit_report_edit"),
    path("<int:year>/units/<int:unit_pk>/advance/<str:to_status>/", views.report_advance,
         name="unit_report_advance"),
    path("<int:year>/units/<int:unit_pk>/download/<str:fmt>/", views.report_download, name="unit_report_download"),
]
