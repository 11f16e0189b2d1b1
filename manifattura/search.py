"""Manifattura Milano's news and calls in the site search."""

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from cms.search import search_results

from .models import CallPage, NewsPage


def page_results(pages, request, date_field):
    return [
        {
            "title": page.title,
            "url": page.get_url(request),
            "summary": Truncator(page.intro).words(30),
            "date": getattr(page, date_field),
            "place": None,
        }
        for page in pages
    ]


def news_kind(request, query):
    news = search_results(NewsPage.objects.live().public(), query)
    return {
        "kind": "manifattura_news",
        "label": _("Manifattura news"),
        "order": 70,
        "results": page_results(news, request, "date"),
        "covers": [NewsPage],
    }


def call_kind(request, query):
    calls = search_results(CallPage.objects.live().public(), query)
    return {
        "kind": "manifattura_call",
        "label": _("Manifattura calls"),
        "order": 80,
        "results": page_results(calls, request, "opens_at"),
        "covers": [CallPage],
    }
