"""Supports are never lost or doubled, even when many arrive at once (PostgreSQL only)."""

import pytest

from proposals import services
from proposals.models import Proposal, Support
from proposals.phases import PhaseKind
from tests.concurrency import on_postgresql, run_in_threads
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory, make_consultation

pytestmark = on_postgresql


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_supports_and_withdrawals_keep_the_count_exact(live_site):
    consultation = make_consultation(PhaseKind.SUPPORT_COLLECTION, support_threshold=10)
    proposal = ProposalFactory(consultation=consultation)
    supporters = [UserFactory() for _ in range(16)]
    early = supporters[:6]
    for user in early:
        services.support(user, proposal)

    jobs = []
    for user in supporters:
        jobs.append(lambda user=user: services.support(user, proposal))
        jobs.append(lambda user=user: services.support(user, proposal))  # double click
    for user in early:
        jobs.append(lambda user=user: services.unsupport(user, proposal))
    run_in_threads(jobs, expected=services.ActionRefused)

    proposal.refresh_from_db()
    rows = Support.objects.filter(proposal=proposal).count()
    assert proposal.support_count == rows
    assert len(supporters) - len(early) <= rows <= len(supporters)
    assert proposal.threshold_reached_at is not None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_withdrawal_racing_supports_takes_no_support_after_it(live_site):
    consultation = make_consultation(PhaseKind.SUPPORT_COLLECTION)
    proposal = ProposalFactory(consultation=consultation)
    supporters = [UserFactory() for _ in range(10)]
    jobs = [lambda user=user: services.support(user, proposal) for user in supporters]
    jobs.append(lambda: services.withdraw_proposal(proposal.author, proposal))
    run_in_threads(jobs, expected=services.ActionRefused)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN
    assert proposal.support_count == Support.objects.filter(proposal=proposal).count()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_citizen_supporting_many_proposals_at_once_stays_within_the_limit(live_site):
    consultation = make_consultation(PhaseKind.SUPPORT_COLLECTION, supports_per_user=2)
    proposals = [ProposalFactory(consultation=consultation) for _ in range(6)]
    citizen = UserFactory()
    run_in_threads(
        [lambda proposal=p: services.support(citizen, proposal) for p in proposals],
        expected=services.ActionRefused,
    )
    assert Support.objects.filter(user=citizen).count() == 2
    for proposal in proposals:
        proposal.refresh_from_db()
        assert proposal.support_count == Support.objects.filter(proposal=proposal).count()
