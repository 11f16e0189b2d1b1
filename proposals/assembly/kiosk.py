"""The voting kiosk of a plenary, run like a polling station.

A staff operator hands the kiosk to the member standing at it: the hand-over names one member and
one item, lives in the operator's session for a few minutes and serves one ballot. Casting the
ballot or cancelling it ends the hand-over, so the next person can neither vote as the previous one
nor go back to their ballot. Each ballot page carries a signed token of its own hand-over: a page
left open (or brought back) after the kiosk was handed to someone else is refused, never counted
as the next member's vote.
"""

import datetime
import secrets

from django.core import signing
from django.db.models import Q
from django.utils import timezone

from .models import Membership, Recommendation

HANDOVER_SESSION_KEY = "assembly_kiosk_handover"
HANDOVER_LIFETIME = datetime.timedelta(minutes=5)
BALLOT_TOKEN_SALT = "proposals.assembly.kiosk.ballot"


def voters_left(item):
    """Members checked in with a vote at the item's plenary who have not voted on it yet."""
    return (
        Membership.objects.with_vote()
        .filter(
            cycle=item.cycle_id,
            attendances__plenary=item.plenary_id,
            attendances__present=True,
        )
        .exclude(ballot_participations__recommendation=item)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )


def search_by_name(memberships, query):
    """The memberships whose first or last name contains each word of the query."""
    for word in query.split():
        memberships = memberships.filter(
            Q(person__first_name__icontains=word) | Q(person__last_name__icontains=word)
        )
    return memberships


def hand_over(session, item, membership):
    expires_at = timezone.now() + HANDOVER_LIFETIME
    session[HANDOVER_SESSION_KEY] = {
        "item": item.pk,
        "membership": membership.pk,
        "expires_at": expires_at.timestamp(),
        "nonce": secrets.token_urlsafe(16),
    }


def _handover_key(handover):
    return [handover.get("nonce"), handover["membership"], handover["item"]]


def ballot_token(session):
    """The token a ballot page carries: this hand-over's member and item, signed."""
    return signing.dumps(_handover_key(session[HANDOVER_SESSION_KEY]), salt=BALLOT_TOKEN_SALT)


def token_matches_handover(session, token):
    """Whether a submitted ballot page was issued for the hand-over holding the kiosk now."""
    handover = session.get(HANDOVER_SESSION_KEY)
    if handover is None or not token:
        return False
    try:
        issued_for = signing.loads(token, salt=BALLOT_TOKEN_SALT, max_age=HANDOVER_LIFETIME)
    except signing.BadSignature:
        return False
    return issued_for == _handover_key(handover)


def current_handover(session, plenary):
    """The (item, membership) holding this plenary's kiosk, or None if nobody or expired."""
    handover = session.get(HANDOVER_SESSION_KEY)
    if handover is None or handover["expires_at"] <= timezone.now().timestamp():
        return None
    item = Recommendation.objects.filter(pk=handover["item"], plenary=plenary).first()
    membership = (
        Membership.objects.filter(pk=handover["membership"]).select_related("person").first()
    )
    if item is None or membership is None:
        return None
    return item, membership


def end_handover(session):
    session.pop(HANDOVER_SESSION_KEY, None)
