"""The City's published answers in a host site's search (the `register_search_kind` hook)."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from proposals.models import Proposal
from proposals.responses.models import Response
from proposals.search import place_key, public_proposals, search, search_kind, summary


def readable_answers():
    """Answers the public may read now, leaving out those to a proposal nobody may see (a
    draft, a hidden one, one of a restricted consultation)."""
    proposal_type = ContentType.objects.get_for_model(Proposal)
    unseen = Proposal.objects.exclude(pk__in=public_proposals().values("pk")).values("pk")
    return Response.objects.public_answers().exclude(
        content_type=proposal_type, target_id__in=unseen
    )


def answer_kind(request, query):
    answers = list(search(readable_answers(), query))
    scopes = proposal_scopes(answers)
    return search_kind(
        "answer",
        _("City answers"),
        30,
        [answer_result(answer, scopes.get(answer.target_id)) for answer in answers],
    )


def proposal_scopes(answers):
    """The territorial scope of each answered proposal, by id, in one query."""
    proposal_type = ContentType.objects.get_for_model(Proposal)
    ids = [answer.target_id for answer in answers if answer.content_type_id == proposal_type.pk]
    rows = Proposal.objects.filter(pk__in=ids).values_list(
        "pk", "scope_content_type_id", "scope_object_id"
    )
    return {pk: place_key(content_type_id, object_id) for pk, content_type_id, object_id in rows}


def answer_result(answer, place):
    return {
        "title": answer.target_title,
        "url": answer.get_absolute_url(),
        "summary": summary(answer.answer),
        "date": answer.answered_at,
        "place": place,
    }
