from django.urls import path

from . import kiosk_views, views

app_name = "assembly"

urlpatterns = [
    path("invito/<uuid:token>/", views.accept_invitation, name="invitation"),
    path("<slug:slug>/", views.assembly_detail, name="detail"),
    path("<slug:slug>/area-membri/", views.member_area, name="member_area"),
    path("<slug:slug>/voto/<proposals_id:pk>/", views.vote, name="vote"),
    path("<slug:slug>/postazione/<proposals_id:pk>/", kiosk_views.idle, name="kiosk"),
    path(
        "<slug:slug>/postazione/<proposals_id:pk>/voto/<proposals_id:item_pk>/",
        kiosk_views.choose_voter,
        name="kiosk_voters",
    ),
    path(
        "<slug:slug>/postazione/<proposals_id:pk>/scheda/", kiosk_views.ballot, name="kiosk_ballot"
    ),
    path("<slug:slug>/postazione/<proposals_id:pk>/ingresso/", kiosk_views.door, name="kiosk_door"),
    path(
        "<slug:slug>/raccomandazioni/<proposals_id:pk>/",
        views.recommendation_detail,
        name="recommendation",
    ),
    path("<slug:slug>/report/<proposals_id:year>/", views.report_detail, name="report"),
]
