"""The assembly's recommendations in a host site's search (the `register_search_kind` hook)."""

from django.utils.translation import gettext_lazy as _

from proposals.assembly.models import Recommendation
from proposals.search import search, search_kind, summary


def public_recommendations():
    """Every item past its draft: from "ready for the vote" on, it is the assembly's text."""
    return Recommendation.objects.exclude(status=Recommendation.Status.DRAFT).select_related(
        "cycle__assembly"
    )


def recommendation_kind(request, query):
    return search_kind(
        "recommendation",
        _("Assembly recommendations"),
        40,
        [recommendation_result(item) for item in search(public_recommendations(), query)],
    )


def recommendation_result(item):
    return {
        "title": item.title,
        "url": item.get_absolute_url(),
        "summary": summary(item.body),
        "date": item.closed_at,
        "place": None,
    }
