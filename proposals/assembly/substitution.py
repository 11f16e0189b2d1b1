"""Choosing who takes the vote of a lapsed member: the system proposes, staff decide."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Feature, Membership, Quota


class SubstitutionError(Exception):
    pass


def _voting_counts(cycle, without):
    counts = {}
    voters = Membership.objects.with_vote().filter(cycle=cycle).exclude(pk=without.pk)
    for membership in voters.select_related("person"):
        for feature, value in membership.person.feature_values().items():
            counts[(feature, value)] = counts.get((feature, value), 0) + 1
    return counts


def _quota_misses(counts, quotas):
    """How far the voting members are from the quotas, summed over every value."""
    misses = 0
    for quota in quotas:
        count = counts.get((quota.feature, quota.value), 0)
        misses += max(0, quota.minimum - count) + max(0, count - quota.maximum)
    return misses


def rank_substitutes(lapsed):
    """Waiting substitutes, best first: fewest quota misses once they step in, then most features
    shared with the lapsed member, then the draw's priority."""
    quotas = list(Quota.objects.filter(cycle=lapsed.cycle))
    base = _voting_counts(lapsed.cycle, without=lapsed)
    lapsed_values = lapsed.person.feature_values()
    ranked = []
    candidates = Membership.objects.waiting_substitutes().filter(cycle=lapsed.cycle)
    for substitute in candidates.select_related("person"):
        values = substitute.person.feature_values()
        counts = dict(base)
        for key in values.items():
            counts[key] = counts.get(key, 0) + 1
        shared = sum(1 for feature in Feature.values if values[feature] == lapsed_values[feature])
        ranked.append(
            (_quota_misses(counts, quotas), -shared, substitute.priority or 0, substitute)
        )
    ranked.sort(key=lambda row: row[:3])
    return [row[3] for row in ranked]


def propose_substitute(lapsed):
    ranked = rank_substitutes(lapsed)
    return ranked[0] if ranked else None


@transaction.atomic
def step_in(substitute, lapsed):
    """Give the lapsed member's vote to the substitute."""
    lapsed = Membership.objects.select_for_update().get(pk=lapsed.pk)
    substitute = Membership.objects.select_for_update().get(pk=substitute.pk)
    if lapsed.active or lapsed.role == Membership.Role.SUBSTITUTE and not lapsed.stepped_in_at:
        raise SubstitutionError(_("Only a lapsed member's vote can pass to a substitute."))
    if Membership.objects.filter(replaced_membership=lapsed).exists():
        raise SubstitutionError(_("This member has already been replaced."))
    waiting = Membership.objects.waiting_substitutes().filter(cycle=lapsed.cycle)
    if not waiting.filter(pk=substitute.pk).exists():
        raise SubstitutionError(_("This substitute is not available."))
    substitute.stepped_in_at = timezone.now()
    substitute.replaced_membership = lapsed
    substitute.save(update_fields=["stepped_in_at", "replaced_membership"])
    return substitute
