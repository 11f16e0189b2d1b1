"""Objects that many requests read and few change, kept in the cache under the host's tags
(`PROPOSALS_SHARED_PAGE_VERSIONS`, as the shared pages are): read anew once a tag moves on."""

from django.core.cache import cache

from proposals import conf
from proposals.models import ConsultationPage
from proposals.personal import versions_of


def live_consultation(pk):
    """The live consultation with its phases, or None. Loading a page with its phases costs
    four times what a proposal does, and a support needs both."""
    versions = versions_of([f"page:{pk}"])  # before loading: a change meanwhile makes it stale
    if versions is None:
        return load_consultation(pk)
    key = f"proposals:consultation:{pk}"
    entry = cache.get(key)
    if entry is not None and entry[0] == versions:
        return entry[1]
    consultation = load_consultation(pk)
    if consultation is not None:
        cache.set(key, (versions, consultation), conf.get("PROPOSALS_SHARED_PAGE_SECONDS"))
    return consultation


def load_consultation(pk):
    return ConsultationPage.objects.live().prefetch_related("phases").filter(pk=pk).first()
