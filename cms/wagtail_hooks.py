from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms import cache
from cms.models import Municipio


class MunicipioViewSet(SnippetViewSet):
    model = Municipio
    icon = "site"
    menu_label = _("Municipi")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["number", "name"]
    search_fields = ["name", "description"]
    ordering = ["number"]


register_snippet(MunicipioViewSet)


@hooks.register("before_serve_page")
def tag_page_for_cache(page, request, serve_args, serve_kwargs):
    cache.tag(request, *cache.tags_for_page(page))
    if cache.shows_support_counts(page):
        cache.expire_within(request, settings.PAGE_CACHE_SUPPORT_SECONDS)
