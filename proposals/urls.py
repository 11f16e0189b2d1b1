from django.urls import include, path

app_name = "proposals"

urlpatterns = [
    path("", include("proposals.responses.urls")),
]
