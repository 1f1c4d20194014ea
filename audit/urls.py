from django.urls import path, re_path

from audit import views

app_name = "audit"

urlpatterns = [
    path("", views.log, name="log"),
    path("events/<int:seq>/", views.event, name="event"),
    re_path(r"^records/(?P<model>[a-z_]+\.[a-z_0-9]+)/(?P<object_id>[^/]+)/$", views.timeline, name="timeline"),
    path("people/<int:pk>/", views.person, name="person"),
    path("imports/", views.batches, name="batches"),
    path("imports/<int:pk>/", views.batch, name="batch"),
    re_path(r"^export\.(?P<fmt>csv|xlsx)$", views.export, name="export"),
    path("verification/", views.verification, name="verification"),
]
