"""Settings of the participation plugin, each with a default so a host site can omit them."""

from django.conf import settings

DEFAULTS = {
    # Models that can be a consultation's or a proposal's territorial scope ("app_label.Model").
    "PROPOSALS_SCOPE_MODELS": ["cms.Municipio"],
    # Page types under which a consultation index may be created; None means anywhere.
    "PROPOSALS_INDEX_PARENT_PAGE_TYPES": None,
    # Unreviewed reports after which a proposal or comment is hidden pending review.
    "PROPOSALS_REPORTS_TO_HIDE": 3,
    # Only reports from accounts at least this old count towards that (see services.report).
    "PROPOSALS_REPORTER_MIN_AGE_DAYS": 14,
    # Minutes during which the author may edit a comment.
    "PROPOSALS_COMMENT_EDIT_MINUTES": 15,
    # Per user: (how many, in how many seconds).
    "PROPOSALS_RATE_LIMITS": {
        "proposal": (5, 3600),
        "comment": (20, 600),
        "report": (20, 3600),
    },
    "PROPOSALS_ATTACHMENT_MAX_BYTES": 5 * 1024 * 1024,
    "PROPOSALS_ATTACHMENTS_PER_PROPOSAL": 5,
    # Images larger than this (width x height) are refused before they are decoded.
    "PROPOSALS_ATTACHMENT_MAX_PIXELS": 25_000_000,
    # Alias in STORAGES where attachments are kept; when the host does not define it, a folder
    # beside MEDIA_ROOT ("<MEDIA_ROOT>-private"). Never a location served publicly.
    "PROPOSALS_ATTACHMENT_STORAGE": "proposals_attachments",
    "PROPOSALS_PAGE_SIZE": 12,
    # Top-level comments per page of a discussion, each with all its replies.
    "PROPOSALS_COMMENT_THREADS_PER_PAGE": 20,
    # Serve consultation and proposal pages rendered once for everyone, with each reader's own
    # parts filled in per request (proposals.personal, whose PersonalPartsMiddleware a host adds
    # after its session, authentication and messages middleware). Only for a host whose base
    # template marks its personal parts (account menu, messages) with {% personal %}.
    "PROPOSALS_SHARED_PAGES": False,
    # Dotted path of a function from cache tags to their versions; None: no cached copies.
    "PROPOSALS_SHARED_PAGE_VERSIONS": None,
    # Dotted path of a function (request, tags), called when a kept page answers a request
    # without its view, so the host's own caches learn what the page shows; None: nothing.
    "PROPOSALS_SHARED_PAGE_SERVED": None,
    # Longest life of a cached shared page. What it shows is invalidated by its tags, and it
    # is dropped when a phase of its consultation opens or closes; this bounds the rest.
    "PROPOSALS_SHARED_PAGE_SECONDS": 3600,
    # Longest life of a shared list sorted by supports: supports reorder it without a save.
    "PROPOSALS_SUPPORT_ORDER_SECONDS": 60,
    # The assembly's draw: "leximin" (needs a Gurobi licence, see the README) or "maximin".
    "PROPOSALS_ASSEMBLY_ALGORITHM": "leximin",
    # Longest LEXIMIN run for one draw (members, then substitutes) before falling back to MAXIMIN.
    "PROPOSALS_ASSEMBLY_LEXIMIN_SECONDS": 20 * 60,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
