from django.urls import path

from cms.accounts import views

app_name = "accounts"

urlpatterns = [
    path("profilo/", views.profile, name="profile"),
    path("profilo/esporta/", views.export_data, name="export"),
    path("profilo/elimina/", views.delete_account, name="delete"),
]
