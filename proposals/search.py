"""What the plugin adds to a host site's search: consultations and proposals that everyone may see.

A host that wants them calls the Wagtail hook `register_search_kind`: each function takes the
request and the words looked for and returns a kind of result (see `search_kind`). Only what is
public to everyone is offered, never per reader: no draft or hidden proposal, nothing of a
consultation that is not live or that Wagtail's privacy restricts.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.search.backends import get_search_backend

from proposals.models import ConsultationPage, Proposal
from proposals.sanitize import text_of

# Each kind offers at most this many of its best matches; the host pages and facets them.
RESULTS_PER_KIND = 100
SUMMARY_WORDS = 30


def search_kind(kind, label, order, results, covers=()):
    """The shape a `register_search_kind` hook returns: `results` are dicts with a title, url,
    summary, date (a date or datetime, or None) and place (a "app_label.model:pk" key of the
    territorial scope, or None); `covers` names the page types the kind already searches."""
    return {"kind": kind, "label": label, "order": order, "results": results, "covers": covers}


def search(queryset, query):
    """The best matches in `queryset`, all the words required. PostgreSQL's backend takes only
    filters on the model's FilterFields, so those name every field the visibility rules use."""
    return get_search_backend().search(query, queryset, operator="and")[:RESULTS_PER_KIND]


def summary(text):
    return Truncator(text_of(text)).words(SUMMARY_WORDS)


def place_key(content_type_id, object_id):
    if content_type_id is None or object_id is None:
        return None
    content_type = ContentType.objects.get_for_id(content_type_id)
    return f"{content_type.app_label}.{content_type.model}:{object_id}"


def public_consultations():
    return ConsultationPage.objects.live().public()


def public_proposals():
    """Published and withdrawn proposals (both stay public) of public consultations."""
    return Proposal.objects.public().filter(consultation__in=public_consultations())


def proposal_kind(request, query):
    return search_kind(
        "proposal",
        _("Proposals"),
        20,
        [proposal_result(proposal) for proposal in search(public_proposals(), query)],
    )


def proposal_result(proposal):
    return {
        "title": proposal.title,
        "url": proposal.get_absolute_url(),
        "summary": summary(proposal.body),
        "date": proposal.published_at,
        "place": place_key(proposal.scope_content_type_id, proposal.scope_object_id),
    }


def consultation_kind(request, query):
    return search_kind(
        "consultation",
        _("Consultations"),
        10,
        [consultation_result(page, request) for page in search(public_consultations(), query)],
        covers=[ConsultationPage],
    )


def consultation_result(page, request):
    return {
        "title": page.title,
        "url": page.get_url(request),
        "summary": summary(page.intro or page.search_description),
        "date": page.first_published_at,
        "place": place_key(page.scope_content_type_id, page.scope_object_id),
    }
