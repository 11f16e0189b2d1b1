from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from cms.forms import SearchForm

SEARCH_RESULTS_PER_PAGE = 10


def search(request):
    form = SearchForm(request.GET)
    search_query = form.query()
    results = Page.objects.none()
    if search_query:
        results = Page.objects.live().public().specific().search(search_query)
        Query.get(search_query).add_hit()
    page_obj = Paginator(results, SEARCH_RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "cms/search.html",
        {"form": form, "search_query": search_query, "page_obj": page_obj},
    )


@cache_control(max_age=86400, public=True)
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    return render(request, "robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain")


def favicon(request):
    return redirect(static("cms/favicon.svg"), permanent=True)
