"""Pages rendered once for everyone, with each reader's own parts filled in per request.

A proposal list or a proposal page is the same for every reader but for a few small parts: the
account menu, whether you support a proposal, the links on your own comments, the CSRF token in
each form. Rendering the whole page for every logged-in reader costs tens of milliseconds of CPU,
which the last hour before a support deadline cannot afford. So such a page is rendered as an
anonymous visitor sees it, with a marker where each personal part goes
(`{% personal "kind" key %}` in templates), kept in the cache, and every request fills in the
markers for its reader. A filler is called once per kind with every key of that kind on the page,
so filling costs a few queries whatever the number of markers.

`PersonalPartsMiddleware` fills the markers of every HTML page, shared or not (a draft, a staff
member's view, a personal filter, `PROPOSALS_SHARED_PAGES` off), so both show the same and a page
of twenty cards costs the same few queries as one. Where the middleware is not at work (a
template rendered outside a request), the tag calls the filler at once.

The host turns sharing on with `PROPOSALS_SHARED_PAGES` once its own templates mark their personal
parts (the account menu, messages) and register their fillers with `filler()`. It says how cached
copies are versioned with `PROPOSALS_SHARED_PAGE_VERSIONS`: the dotted path of a function from
tag names (`proposal:<id>`, `page:<consultation id>`) to their current versions, which its
invalidation moves on. Without one, shared pages are rendered on every request. A kept page
answers a request before URL routing; `PROPOSALS_SHARED_PAGE_SERVED`, the dotted path of a
function `(request, tags)`, tells the host what such a page shows, for its own caches.
"""

import functools
import hashlib
import math
import re
from collections import defaultdict
from copy import copy
from importlib import import_module

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.template.context_processors import csrf
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe

from proposals import conf

FILLERS = {}
KEY = re.compile(r"[\w.-]*\Z")


def filler(kind):
    """Register `function(request, keys) -> {key: html}` as the filler of `kind`."""

    def register(function):
        FILLERS[kind] = function
        return function

    return register


def remember(request, *objects):
    """Let the fillers of this request use these model instances without a query."""
    known = request.__dict__.setdefault("_personal_objects", {})
    known.update(((type(obj), obj.pk), obj) for obj in objects)


def remembered(request):
    """{(model, pk): instance} of what this request remembers."""
    return request.__dict__.setdefault("_personal_objects", {})


def csrf_context(request):
    """The CSRF token for every part of this response, masked once: as in a template rendered
    whole, where all forms share one (each masking reads 32 random bytes one at a time)."""
    if "_personal_csrf" not in request.__dict__:
        request._personal_csrf = csrf(request)
    return request._personal_csrf


def marker_prefix():
    return _marker_prefix(settings.SECRET_KEY)


@functools.cache
def _marker_prefix(secret):
    # Secret-derived, so text written by the public can never pass for a marker.
    digest = salted_hmac("proposals.personal", "marker", secret=secret).hexdigest()
    return f"<!--personal-{digest[:16]}"


def marker_pattern():
    return re.compile(re.escape(marker_prefix()) + r":(\w+):([\w.-]*)-->")


def part(request, kind, key):
    """The marker of a personal part, filled in by `PersonalPartsMiddleware` with all the others
    of the page at once; the part itself where the middleware is not at work."""
    if kind not in FILLERS or not KEY.match(key):
        raise ImproperlyConfigured(f"Unknown personal part {kind!r} or bad key {key!r}")
    if getattr(request, "fills_personal_parts", False):
        return mark_safe(f"{marker_prefix()}:{kind}:{key}-->")
    return mark_safe(FILLERS[kind](request, [key])[key])


def fill(request, html):
    pattern = marker_pattern()
    wanted = defaultdict(list)
    for kind, key in pattern.findall(html):
        wanted[kind].append(key)
    parts = {}
    for kind, keys in wanted.items():
        for key, value in FILLERS[kind](request, list(dict.fromkeys(keys))).items():
            parts[(kind, key)] = value
    return pattern.sub(lambda match: parts[(match[1], match[2])], html)


EDITOR_SESSION_KEY = "proposals_may_edit"


def is_editor(request):
    """Whether the reader may open the Wagtail admin, read once per session (two queries saved
    on every page), at login (`remember_editor`). Stale only towards rendering a page for them
    alone, which is always right: someone who gains the right mid-session sees the user bar
    here after logging in again."""
    user = request.user
    if not user.is_authenticated:
        return False
    if EDITOR_SESSION_KEY not in request.session:
        request.session[EDITOR_SESSION_KEY] = may_edit(user)
    return request.session[EDITOR_SESSION_KEY]


def may_edit(user):
    return user.has_perm("wagtailadmin.access_admin")


def remember_editor(sender, request, user, **kwargs):
    """On login, whose session is written anyway, rather than on the first page after it."""
    request.session[EDITOR_SESSION_KEY] = may_edit(user)


def shares(request):
    """Whether this request may be answered from a page rendered for everyone.

    Editors see Wagtail's user bar, which is theirs alone, so they get their own render; so do
    previews (Wagtail's dummy requests run the middleware for the page's own URL)."""
    return (
        conf.get("PROPOSALS_SHARED_PAGES")
        and request.method in ("GET", "HEAD")
        and not getattr(request, "is_preview", False)
        and not getattr(request, "is_dummy", False)
        and not is_editor(request)
    )


def shares_page(request, page):
    """Whether this request may get the Wagtail `page` rendered for everyone: never a page
    restricted by Wagtail's privacy, which a kept copy would serve before the check."""
    return shares(request) and not page.get_view_restrictions().exists()


def anonymous_twin(request):
    """A copy of `request` as an anonymous visitor without cookies would make it."""
    twin = copy(request)
    twin.user = AnonymousUser()
    twin.COOKIES = {}
    twin.META = {k: v for k, v in request.META.items() if not k.startswith("CSRF_COOKIE")}
    twin.session = import_module(settings.SESSION_ENGINE).SessionStore()
    twin._messages = ()
    return twin


def render_for_everyone(request, render):
    twin = anonymous_twin(request)
    response = render(twin)
    if hasattr(response, "render"):
        response.render()
    if "CSRF_COOKIE" in twin.META:
        raise ImproperlyConfigured(
            "A shared page asked for a CSRF token outside a personal part: "
            "put the form inside {% personal %}."
        )
    return response


def cache_key(request):
    raw = f"{translation.get_language()}|{request.get_host()}|{request.get_full_path()}"
    return f"proposals:shared:{hashlib.sha256(raw.encode()).hexdigest()}"


def versions_of(tags):
    versions_path = conf.get("PROPOSALS_SHARED_PAGE_VERSIONS")
    return import_string(versions_path)(tags) if versions_path else None


def kept_entry(request, versions=None):
    """(tags, html) of the stored copy of this URL's page for everyone, if its tags have not
    moved on (`versions`: theirs, when the caller has just read them); the objects kept with it
    are remembered for the fillers."""
    entry = cache.get(cache_key(request))
    if entry is None:
        return None
    tags, kept_versions, html, kept = entry
    if kept_versions != (versions_of(tags) if versions is None else versions):
        return None
    remember(request, *kept)
    return tags, html


def lifetime(until):
    """Seconds to keep a shared page: the longest life, or less when it changes by itself at
    `until` (a phase opening or closing)."""
    seconds = conf.get("PROPOSALS_SHARED_PAGE_SECONDS")
    if until is not None:
        seconds = min(seconds, math.ceil((until - timezone.now()).total_seconds()))
    return max(seconds, 1)


def shared_html(request, render, tags, keep, until=None):
    """The page as everyone sees it, from the cache when its tags have not moved on."""
    versions = versions_of(tags)  # read before rendering: a change meanwhile makes it stale
    if versions is not None and (found := kept_entry(request, versions)) is not None:
        return found[1]
    response = render_for_everyone(request, render)
    if response.status_code != 200:
        return None
    html = response.content.decode(response.charset)
    if versions is not None:
        entry = (tags, versions, html, keep)
        cache.set(cache_key(request), entry, lifetime(until))
    return html


def serve_shared(request, render, tags, keep=(), until=None):
    """`render(request)`, rendered once for everyone and filled in for this reader.

    `tags` name what the page shows, for the host's invalidation. `keep` are model instances
    the fillers need, kept with the page; only what those tags cover, since they are not read
    again while the copy lasts. `until` is when the page changes by itself, if it does. A page
    that does not render with status 200 for everyone is rendered for this reader alone."""
    html = shared_html(request, render, tags, keep, until)
    if html is None:
        return render(request)
    return HttpResponse(html)


class PersonalPartsMiddleware:
    """Fills in the personal parts of every HTML page, all of a kind at once; answers a request
    for a page already kept for everyone without routing it to its view.

    Only pages a view chose to share are ever stored (never a draft, a restricted page or a
    personal list), so finding this URL's copy with its tags current is enough. The host learns
    the tags of a page answered so through `PROPOSALS_SHARED_PAGE_SERVED`, as it would from the
    view, for its own caches. Goes after the session, authentication and messages middleware,
    which the fillers use."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.fills_personal_parts = True
        response = self.kept_page(request) or self.get_response(request)
        if "text/html" in response.get("Content-Type", "") and not response.streaming:
            response.content = fill(request, response.content.decode(response.charset))
        return response

    @staticmethod
    def kept_page(request):
        if request.method not in ("GET", "HEAD") or not conf.get("PROPOSALS_SHARED_PAGES"):
            return None
        found = kept_entry(request)
        if found is None or not shares(request):
            return None
        tags, html = found
        if served_path := conf.get("PROPOSALS_SHARED_PAGE_SERVED"):
            import_string(served_path)(request, tags)
        return HttpResponse(html)
