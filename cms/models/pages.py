from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms import cache
from cms.blocks import BaseStreamBlock
from proposals import personal

HOME_SECTIONS_HOOK = "register_home_section"


class HomePage(Page):
    """The root of the public site. Apps add "what is on" sections through a Wagtail hook."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = [make_section(request) for make_section in hooks.get_hooks(HOME_SECTIONS_HOOK)]
        context["home_sections"] = sorted(
            (section for section in sections if section), key=lambda s: s.get("order", 100)
        )
        return context

    def serve(self, request, *args, **kwargs):
        """The same for every reader but for their personal parts (account menu, messages):
        rendered once for everyone (`proposals.personal`), anew every few seconds for the
        counts its sections show, or when what it shows changes."""
        serve = super().serve
        if not personal.shares_page(request, self):
            return serve(request, *args, **kwargs)
        until = timezone.now() + timedelta(seconds=settings.PAGE_CACHE_SUPPORT_SECONDS)
        return personal.serve_shared(
            request,
            lambda reader: serve(reader, *args, **kwargs),
            cache.tags_for_page(self),
            until=until,
        )


class StandardPage(Page):
    """A general editorial page: institutional information, legal pages, how-tos."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
