from django.urls import include, path

from proposals import attachment_views, views

app_name = "proposals"

urlpatterns = [
    path("partecipa/proposte/<proposals_id:pk>/", views.proposal_detail, name="proposal_detail"),
    path("partecipa/allegati/<proposals_id:pk>/", attachment_views.attachment, name="attachment"),
    path(
        "partecipa/proposte/<proposals_id:pk>/modifica/", views.proposal_edit, name="proposal_edit"
    ),
    path(
        "partecipa/proposte/<proposals_id:pk>/pubblica/",
        views.proposal_publish,
        name="proposal_publish",
    ),
    path(
        "partecipa/proposte/<proposals_id:pk>/ritira/",
        views.proposal_withdraw,
        name="proposal_withdraw",
    ),
    path(
        "partecipa/proposte/<proposals_id:pk>/sostieni/",
        views.proposal_support,
        name="proposal_support",
    ),
    path(
        "partecipa/proposte/<proposals_id:pk>/ritira-sostegno/",
        views.proposal_unsupport,
        name="proposal_unsupport",
    ),
    path(
        "partecipa/consultazioni/<proposals_id:consultation_id>/nuova-proposta/",
        views.proposal_create,
        name="proposal_create",
    ),
    path(
        "partecipa/consultazioni/<proposals_id:consultation_id>/proposte.csv",
        views.open_data_csv,
        name="open_data_csv",
    ),
    path(
        "partecipa/consultazioni/<proposals_id:consultation_id>/proposte.json",
        views.open_data_json,
        name="open_data_json",
    ),
    path(
        "partecipa/commenti/<str:kind>/<proposals_id:pk>/nuovo/",
        views.comment_create,
        name="comment_create",
    ),
    path("partecipa/commenti/<proposals_id:pk>/", views.comment_permalink, name="comment"),
    path("partecipa/commenti/<proposals_id:pk>/modifica/", views.comment_edit, name="comment_edit"),
    path(
        "partecipa/commenti/<proposals_id:pk>/elimina/", views.comment_delete, name="comment_delete"
    ),
    path("partecipa/segnala/<str:kind>/<proposals_id:pk>/", views.report, name="report"),
    path("partecipa/segui/<str:kind>/<proposals_id:pk>/", views.follow, name="follow"),
    path("partecipa/la-mia-partecipazione/", views.my_participation, name="my_participation"),
    path("partecipa/disiscriviti/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("", include("proposals.responses.urls")),
    path("assemblea/", include("proposals.assembly.urls")),
]
