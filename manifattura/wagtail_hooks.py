from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models.pages import HOME_SECTIONS_HOOK
from cms.search import SEARCH_KINDS_HOOK

from . import search
from .models import ManifatturaHomePage, Service, latest_news


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "cogs"
    menu_label = _("Space services")
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    list_export = ["name", "slug", "description"]
    ordering = ["name"]


register_snippet(ServiceViewSet)


@hooks.register(HOME_SECTIONS_HOOK)
def manifattura_news_section(request):
    """The City home shows the latest news of the Manifattura Milano mini-site."""
    minisite = ManifatturaHomePage.objects.live().first()
    if minisite is None:
        return None
    return {
        "template": "manifattura/home_section.html",
        "order": 40,
        "minisite": minisite,
        "news": list(latest_news(minisite)[:3]),
    }


hooks.register(SEARCH_KINDS_HOOK, search.news_kind)
hooks.register(SEARCH_KINDS_HOOK, search.call_kind)
