import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms import views

# Every login goes through allauth's view (rate limits, confirmed email only): Wagtail's login
# forms, for the admin and for private pages, send there with their `next`.
to_allauth_login = RedirectView.as_view(pattern_name="account_login", query_string=True)

urlpatterns = [
    path("admin/login/", to_allauth_login),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon),
]

if settings.DEBUG:
    from django.views.static import serve as serve_media

    # Citizens' attachments are kept outside MEDIA_ROOT and served by the plugin's view, which
    # checks who may see them; a proposals/ folder left in MEDIA_ROOT is never served from here.
    media_prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns += [
        re_path(
            rf"^{media_prefix}(?!proposals/)(?P<path>.*)$",
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += i18n_patterns(
    path("account/", include("allauth.urls")),
    path("account/", include("cms.accounts.urls")),
    path("cerca/", views.search, name="search"),
    path("", include("cms.plan.urls")),
    path("", include("events.urls")),
    path("", include("manifattura.urls")),
    path("", include("proposals.urls")),
    path("_util/login/", to_allauth_login),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
