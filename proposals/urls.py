from django.urls import include, path

from proposals import attachment_views, views

app_name = "proposals"

urlpatterns = [
    path("partecipa/proposte/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("partecipa/allegati/<int:pk>/", attachment_views.attachment, name="attachment"),
    path("partecipa/proposte/<int:pk>/modifica/", views.proposal_edit, name="proposal_edit"),
    path("partecipa/proposte/<int:pk>/pubblica/", views.proposal_publish, name="proposal_publish"),
    path("partecipa/proposte/<int:pk>/ritira/", views.proposal_withdraw, name="proposal_withdraw"),
    path("partecipa/proposte/<int:pk>/sostieni/", views.proposal_support, name="proposal_support"),
    path(
        "partecipa/proposte/<int:pk>/ritira-sostegno/",
        views.proposal_unsupport,
        name="proposal_unsupport",
    ),
    path(
        "partecipa/consultazioni/<int:consultation_id>/nuova-proposta/",
        views.proposal_create,
        name="proposal_create",
    ),
    path(
        "partecipa/consultazioni/<int:consultation_id>/proposte.csv",
        views.open_data_csv,
        name="open_data_csv",
    ),
    path(
        "partecipa/consultazioni/<int:consultation_id>/proposte.json",
        views.open_data_json,
        name="open_data_json",
    ),
    path(
        "partecipa/commenti/<str:kind>/<int:pk>/nuovo/",
        views.comment_create,
        name="comment_create",
    ),
    path("partecipa/commenti/<int:pk>/", views.comment_permalink, name="comment"),
    path("partecipa/commenti/<int:pk>/modifica/", views.comment_edit, name="comment_edit"),
    path("partecipa/commenti/<int:pk>/elimina/", views.comment_delete, name="comment_delete"),
    path("partecipa/segnala/<str:kind>/<int:pk>/", views.report, name="report"),
    path("partecipa/segui/<str:kind>/<int:pk>/", views.follow, name="follow"),
    path("partecipa/la-mia-partecipazione/", views.my_participation, name="my_participation"),
    path("partecipa/disiscriviti/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("", include("proposals.responses.urls")),
    path("assemblea/", include("proposals.assembly.urls")),
]
