from django.urls import path

from initiatives import views

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_list, name="initiative_list"),
    path("new/", views.initiative_create, name="initiative_create"),
    path("export/<str:fmt>/", views.initiative_export, name="initiative_export"),
    path("<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path("<int:pk>/edit/", views.initiative_update, name="initiative_update"),
    path("<int:pk>/advance/<str:to_status>/", views.initiative_advance, name="initiative_advance"),
    path("<int:pk>/votes/new/", views.vote_create, name="vote_create"),
    path("<int:pk>/nominate/", views.nomination_create, name="nomination_create"),
    path("<int:pk>/attachments/new/", views.attachment_upload, name="attachment_upload"),
    path("<int:pk>/payments/new/", views.payment_create, name="payment_create"),
    path("attachments/<int:pk>/download/", views.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/withdraw/", views.attachment_withdraw, name="attachment_withdraw"),
    path("replication/", views.replication_board, name="replication_board"),
    path("replication/<int:year>/", views.replication_board, name="replication_board"),
    path("replication/<int:year>/unit/<int:unit_pk>/", views.unit_year, name="unit_year"),
    path("hand-over/", views.hand_over, name="hand_over"),
    path("nominations/", views.nomination_list, name="nomination_list"),
    path("nominations/export/<str:fmt>/", views.nomination_export, name="nomination_export"),
    path("nominations/<int:pk>/sites/new/", views.site_create, name="site_create"),
    path("nominations/<int:pk>/status/<str:to_status>/", views.nomination_advance, name="nomination_advance"),
    path("sites/<int:pk>/progress/new/", views.progress_create, name="progress_create"),
    path("sites/<int:pk>/status/<str:to_status>/", views.site_advance, name="site_advance"),
]
