"""Who may do what in the assembly.

Managing the assembly (`assembly.manage_assembly`) and running the kiosk (`assembly.operate_kiosk`)
are model permissions granted through groups, checked by Django's model backend: `is_staff`
alone grants neither."""

import rules

from .models import Membership


@rules.predicate
def is_cycle_participant(user, cycle):
    if not user.is_authenticated or cycle is None:
        return False
    return Membership.objects.filter(cycle=cycle, user=user, active=True).exists()


@rules.predicate
def holds_a_vote(user, recommendation):
    if not user.is_authenticated or recommendation is None:
        return False
    memberships = Membership.objects.with_vote().filter(cycle=recommendation.cycle_id, user=user)
    return memberships.exists()


rules.add_perm("assembly.take_part_in_cycle", is_cycle_participant)
rules.add_perm("assembly.vote_recommendation", holds_a_vote)
