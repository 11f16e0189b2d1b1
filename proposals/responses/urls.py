from django.urls import path

from proposals.responses import views

urlpatterns = [
    path("risposte/", views.overview, name="responses_overview"),
    path("risposte/export.csv", views.export_csv, name="responses_export"),
    path("risposte/risposta/<proposals_id:pk>/", views.detail, name="responses_detail"),
    path("risposte/<slug:slug>/", views.overview, name="responses_overview_dossier"),
    path("risposte/<slug:slug>/export.csv", views.export_csv, name="responses_export_dossier"),
    path("risposte/<slug:slug>/dossier/", views.dossier, name="responses_dossier"),
    path("risposte/<slug:slug>/dossier.pdf", views.dossier_pdf, name="responses_dossier_pdf"),
]
