"""The site's URLs plus a minimal view: the machine's ceiling for the benchmark."""

from django.http import HttpResponse
from django.urls import path

from cms.urls import urlpatterns as site_urlpatterns

CEILING_BODY = b"<!doctype html><title>ok</title><p>ok</p>"


def ceiling(request):
    return HttpResponse(CEILING_BODY)


urlpatterns = [path("__ceiling__/", ceiling, name="bench_ceiling"), *site_urlpatterns]
