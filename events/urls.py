from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("iscrizioni/conferma/<str:token>/", views.confirm, name="confirm"),
    path("iscrizioni/gestisci/<str:token>/", views.manage, name="manage"),
    path("iscrizioni/reinvia/", views.resend, name="resend"),
    path("eventi/calendario.ics", views.calendar_feed, name="feed"),
    path(
        "eventi/calendario/municipio-<id:municipio_number>.ics",
        views.calendar_feed,
        name="municipio_feed",
    ),
    path("eventi/calendario/evento-<id:pk>.ics", views.event_ics, name="event_ics"),
]
