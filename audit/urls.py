from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path("", views.log, name="log"),
    path("events/<int:seq>/", views.event, name="event"),
    path("records/<str:model>/<str:object_id>/", views.timeline, name="timeline"),
    path("people/<int:pk>/", views.person, name="person"),
    path("imports/", views.batches, name="batches"),
    path("imports/<int:pk>/", views.batch, name="batch"),
    path("export.<str:fmt>", views.export, name="export"),
    path("verification/", views.verification, name="verification"),
]
