"""Whole-page cache for anonymous visitors, invalidated by tags.

Only requests without any cookie are served from or stored in the cache: such a visitor has no
session, no messages and no CSRF token, so every one of them sees the same page. A response that
sets a cookie (a form's CSRF token, a session) is never stored.

A view opts in by tagging the request (`tag(request, "page:12")`): the tag's version is read at
that moment, before rendering, and stored with the page. Publishing a page bumps the `site` tag
(menus, listings and home sections change); a comment or proposal bumps only the tags of the
pages that show it. An entry whose tags moved on is a miss; every entry also expires after
`settings.PAGE_CACHE_SECONDS` (0 turns the cache off) so time-driven changes (a phase opening at
midnight) show within a minute.

Supports do not invalidate: near a deadline they arrive by the hundred a minute, and each would
throw away the copies of the busiest pages. The pages that show support counts are kept for
`settings.PAGE_CACHE_SUPPORT_SECONDS` at most instead, so a visitor sees counts at most that old;
whoever supports is logged in, never served from the cache, and sees their support at once.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import translation

SITE = "site"
PREFIX = "pagecache"
SITE_DATA_SECONDS = 24 * 3600
CACHED_URL_NAMES = {("proposals", "proposal_detail"): "proposal"}
PAGES_WITH_SUPPORT_COUNTS = ("HomePage", "ConsultationIndexPage", "ConsultationPage")


def version_key(tag):
    return f"{PREFIX}:v:{tag}"


def versions_of(tags):
    keys = {version_key(tag): tag for tag in tags}
    found = cache.get_many(list(keys))
    return {tag: found.get(key, 0) for key, tag in keys.items()}


def shared_page_versions(tags):
    """For the pages the participation plugin renders once for everyone: None (keep no copy)
    when the page cache is off, else the versions of their tags and of the `site` tag."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return None
    return versions_of([SITE, *tags])


def shared_page_served(request, tags):
    """A page kept by the participation plugin (the home, a consultation, a proposal) answered
    this request without its view: tag it as the view would have. They show support counts."""
    tag(request, *tags)
    expire_within(request, settings.PAGE_CACHE_SUPPORT_SECONDS)


def tag(request, *tags):
    """Mark the page being rendered as depending on `tags` (a no-op outside the cache)."""
    wanted = getattr(request, "page_cache_tags", None)
    if wanted is None:
        return
    missing = [name for name in tags if name not in wanted]
    wanted.update(versions_of(missing))


def expire_within(request, seconds):
    """Keep the page being rendered for at most `seconds` (a no-op outside the cache)."""
    if hasattr(request, "page_cache_seconds"):
        request.page_cache_seconds = min(request.page_cache_seconds, seconds)


def invalidate(*tags):
    """Move the tags on now, and again when the transaction commits: a page rendered in
    between read the data as it was before the change, under the new versions."""
    bump(tags)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: bump(tags))


def bump(tags):
    for name in tags:
        key = version_key(name)
        if not cache.add(key, 1, timeout=None):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=None)


def page_key(request, kind="page"):
    raw = f"{translation.get_language()}|{request.get_host()}|{request.get_full_path()}"
    return f"{PREFIX}:{kind}:{hashlib.sha256(raw.encode()).hexdigest()}"


def kept_until_site_changes(key, build):
    """`build()`'s result, kept under `key` until the `site` tag moves on (a page published,
    unpublished or moved, a snippet saved) or a day passes. Off with the page cache, whose
    conditions (a cache shared by every worker) it needs."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return build()
    versions = versions_of([SITE])
    entry = cache.get(key)
    if entry is not None and entry[0] == versions:
        return entry[1]
    value = build()
    cache.set(key, (versions, value), SITE_DATA_SECONDS)
    return value


def until_site_changes(request, kind, build):
    """`build()`'s result for this URL, for everyone (see `kept_until_site_changes`)."""
    return kept_until_site_changes(page_key(request, kind), build)


def site_data(request, name, build):
    """`build()`'s result for every page of this site in this language: for parts made only of
    site settings, menus and snippets (see `kept_until_site_changes`)."""
    host = request.get_host()
    return kept_until_site_changes(
        f"{PREFIX}:site:{name}:{translation.get_language()}|{host}", build
    )


def is_cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.COOKIES
        and not request.path.startswith(("/admin/", "/documents/", "/static/", "/media/"))
    )


def is_cacheable_response(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        entry = cache.get(key)
        if entry is not None:
            versions, status, headers, content = entry
            if versions_of(versions) == versions:
                return self.cached_response(status, headers, content)
        request.page_cache_tags = versions_of([SITE])
        request.page_cache_seconds = settings.PAGE_CACHE_SECONDS
        response = self.get_response(request)
        if len(request.page_cache_tags) > 1 and is_cacheable_response(response):
            headers = {k: v for k, v in response.items() if k.lower() != "content-length"}
            entry = (request.page_cache_tags, response.status_code, headers, response.content)
            cache.set(key, entry, request.page_cache_seconds)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def cached_response(status, headers, content):
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        prefix = CACHED_URL_NAMES.get((match.namespace, match.url_name))
        if prefix and "pk" in view_kwargs:
            tag(request, f"{prefix}:{view_kwargs['pk']}")
            expire_within(request, settings.PAGE_CACHE_SUPPORT_SECONDS)


def _model_name(page):
    return page.specific_class.__name__ if page.specific_class else ""


def shows_support_counts(page):
    return _model_name(page) in PAGES_WITH_SUPPORT_COUNTS


def tags_for_page(page):
    """What a Wagtail page shows beyond itself: the home and the indexes aggregate others."""
    tags = [f"page:{page.pk}"]
    model = _model_name(page)
    if model in ("HomePage", "ConsultationIndexPage"):
        tags.append("proposals")
    if model in ("HomePage", "EventIndexPage"):
        tags.append("events")
    return tags


def on_page_change(**kwargs):
    invalidate(SITE)


def on_proposal_change(instance, **kwargs):
    invalidate(f"page:{instance.consultation_id}", f"proposal:{instance.pk}", "proposals")


def on_comment_change(instance, **kwargs):
    tags = [f"page:{instance.consultation_id}"]
    if instance.proposal_id:
        tags.append(f"proposal:{instance.proposal_id}")
    invalidate(*tags)


def on_registration_change(instance, **kwargs):
    invalidate(f"page:{instance.event_id}", "events")


def on_restriction_change(**kwargs):
    """A page made private must leave the caches at once, with the pages beneath it."""
    invalidate(SITE)


def on_deploy(**kwargs):
    """Every deployment runs `migrate`: pages kept by the code before it (their templates, their
    personal parts' markers) must not outlive it."""
    invalidate(SITE)


def on_any_save(sender, **kwargs):
    """Snippets (Municipi, vocabularies, speakers) and site settings show on many pages.

    Only saves: a catch-all delete receiver would stop Django's fast deletes everywhere. A deleted
    snippet shows until the pages expire.
    """
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.snippets.models import get_snippet_models

    if sender in settings_registry or sender in get_snippet_models():
        invalidate(SITE)


def connect_signals():
    from django.apps import apps
    from django.db.models.signals import post_delete, post_migrate, post_save
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from events.models import Registration
    from proposals.models import Comment, Proposal
    from proposals.signals import shown_changed

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(on_page_change, dispatch_uid="pagecache-pages")
    for signal in (post_save, post_delete):
        signal.connect(
            on_restriction_change, sender=PageViewRestriction, dispatch_uid="pagecache-privacy"
        )
    post_save.connect(on_any_save, dispatch_uid="pagecache-snippets")
    cms_app = apps.get_app_config("cms")
    post_migrate.connect(on_deploy, sender=cms_app, dispatch_uid="pagecache-deploy")
    handlers = {
        Proposal: on_proposal_change,
        Comment: on_comment_change,
        Registration: on_registration_change,
    }
    for model, handler in handlers.items():
        for signal in (post_save, post_delete, shown_changed):
            signal.connect(handler, sender=model, dispatch_uid=f"pagecache-{model.__name__}")
