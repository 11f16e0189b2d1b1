from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from wagtail.contrib.search_promotions.models import Query

from cms.forms import SearchForm
from cms.search import run_search

SEARCH_RESULTS_PER_PAGE = 10


def search(request):
    """Pages and participation together, faceted by kind, Municipio and year."""
    form = SearchForm(request.GET)
    search_query = form.query()
    context = {"form": form, "search_query": search_query, "hits": []}
    if search_query:
        context.update(run_search(request, search_query))
        Query.get(search_query).add_hit()
    context["page_obj"] = Paginator(context["hits"], SEARCH_RESULTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "cms/search.html", context)


@cache_control(max_age=86400, public=True)
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    return render(request, "robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain")


def favicon(request):
    return redirect(static("cms/favicon.svg"), permanent=True)
