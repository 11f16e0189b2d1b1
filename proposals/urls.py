from django.urls import include, path

app_name = "proposals"

urlpatterns = [
    path("assemblea/", include("proposals.assembly.urls")),
]
