"""The regeneration atlas's projects in the site search."""

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from cms.plan.models import RegenerationProjectPage
from cms.search import search_results


def atlas_project_kind(request, query):
    projects = search_results(RegenerationProjectPage.objects.live().public(), query)
    return {
        "kind": "atlas_project",
        "label": _("Atlas projects"),
        "order": 60,
        "results": [
            {
                "title": project.title,
                "url": project.get_url(request),
                "summary": Truncator(project.intro).words(30),
                "date": project.last_published_at,
                "place": None,
            }
            for project in projects
        ],
        "covers": [RegenerationProjectPage],
    }
