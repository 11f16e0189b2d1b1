import threading

import pytest
from django.db import connection

from proposals.assembly.attendance import check_in
from proposals.assembly.models import (
    BallotParticipation,
    BallotTally,
    Membership,
    Recommendation,
    is_approved,
)
from proposals.assembly.voting import BallotError, cast_ballot, close_vote, open_vote
from tests.assembly.factories import (
    CycleFactory,
    MembershipFactory,
    PlenaryFactory,
    PoolPersonFactory,
    RecommendationFactory,
)


@pytest.mark.parametrize(
    ("yes", "present", "approved"),
    [
        (60, 90, True),
        (59, 90, False),
        (2, 3, True),
        (1, 3, False),
        (40, 60, True),
        (39, 59, False),  # 39/59 is just under two thirds
        (40, 59, True),
        (0, 0, False),
    ],
)
def test_two_thirds_boundary(yes, present, approved):
    assert is_approved(yes, present) is approved


@pytest.fixture
def voting(db):
    cycle = CycleFactory()
    plenary = PlenaryFactory(cycle=cycle, is_final=True)
    item = open_vote(RecommendationFactory(cycle=cycle), plenary)
    return cycle, plenary, item


def _present_member(cycle, plenary, **kwargs):
    membership = MembershipFactory(person=PoolPersonFactory(cycle=cycle), **kwargs)
    check_in(membership, plenary)
    return membership


def test_one_ballot_per_member_and_counters_only(voting):
    cycle, plenary, item = voting
    member = _present_member(cycle, plenary)
    cast_ballot(item, member, "yes")
    with pytest.raises(BallotError):
        cast_ballot(item, member, "no")
    tally = BallotTally.objects.get(recommendation=item)
    assert (tally.yes, tally.no, tally.abstain) == (1, 0, 0)
    assert BallotParticipation.objects.filter(recommendation=item).count() == 1


def test_who_cannot_vote(voting):
    cycle, plenary, item = voting
    absent = MembershipFactory(person=PoolPersonFactory(cycle=cycle))
    substitute = _present_member(cycle, plenary, role=Membership.Role.SUBSTITUTE)
    for membership in (absent, substitute):
        with pytest.raises(BallotError):
            cast_ballot(item, membership, "yes")
    with pytest.raises(BallotError):
        cast_ballot(item, _present_member(cycle, plenary), "maybe")
    assert BallotTally.objects.get(recommendation=item).present == 0


def test_stepped_in_substitute_votes(voting):
    cycle, plenary, item = voting
    lapsed = MembershipFactory(person=PoolPersonFactory(cycle=cycle), active=False)
    substitute = _present_member(cycle, plenary, role=Membership.Role.SUBSTITUTE)
    from proposals.assembly.substitution import step_in

    step_in(substitute, lapsed)
    cast_ballot(item, substitute, "abstain")
    assert BallotTally.objects.get(recommendation=item).abstain == 1


def test_closed_vote_refuses_ballots_and_publishes(voting):
    cycle, plenary, item = voting
    members = [_present_member(cycle, plenary) for _ in range(3)]
    for member, choice in zip(members, ["yes", "yes", "abstain"], strict=True):
        cast_ballot(item, member, choice)
    assert not item.results_published
    item = close_vote(item)
    assert item.results_published and item.tally.approved
    with pytest.raises(BallotError):
        cast_ballot(item, _present_member(cycle, plenary), "no")


def test_ballot_tables_hold_nothing_that_links_voter_and_choice(db):
    participation = {f.column: f for f in BallotParticipation._meta.concrete_fields}
    assert set(participation) == {"id", "recommendation_id", "membership_id"}
    assert participation["id"].get_internal_type() == "UUIDField"
    assert not BallotParticipation._meta.ordering
    tally = {f.column for f in BallotTally._meta.concrete_fields}
    assert tally == {"recommendation_id", "yes", "no", "abstain"}
    with connection.cursor() as cursor:
        for model in (BallotParticipation, BallotTally):
            columns = connection.introspection.get_table_description(cursor, model._meta.db_table)
            names = {column.name for column in columns}
            assert not names & {"created_at", "timestamp", "choice", "voted_at", "created"}
    # choices live in no row that names a member
    tally_links = {f.related_model for f in BallotTally._meta.concrete_fields if f.is_relation}
    assert tally_links == {Recommendation}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_ballots_on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    cycle = CycleFactory()
    plenary = PlenaryFactory(cycle=cycle, is_final=True)
    item = open_vote(RecommendationFactory(cycle=cycle), plenary)
    members = [_present_member(cycle, plenary) for _ in range(12)]
    choices = ["yes"] * 8 + ["no"] * 3 + ["abstain"]
    errors = []

    def vote(member, choice):
        try:
            for _attempt in range(2):  # each member tries twice, concurrently
                try:
                    cast_ballot(item, member, choice)
                except BallotError:
                    errors.append(member.pk)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=vote, args=(m, c))
        for m, c in zip(members, choices, strict=True)
        for _copy in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    tally = BallotTally.objects.get(recommendation=item)
    assert (tally.yes, tally.no, tally.abstain) == (8, 3, 1)
    assert BallotParticipation.objects.filter(recommendation=item).count() == 12
    assert len(errors) == 12 * 4 - 12


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_closed_tally_was_last_written_by_the_closing_transaction_on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("transaction ids and VACUUM are PostgreSQL's")
    cycle = CycleFactory()
    plenary = PlenaryFactory(cycle=cycle, is_final=True)
    item = open_vote(RecommendationFactory(cycle=cycle), plenary)
    for choice in ("yes", "no", "yes"):
        cast_ballot(item, _present_member(cycle, plenary), choice)

    close_vote(item)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT xmin::text FROM assembly_ballotparticipation WHERE recommendation_id = %s",
            [item.pk],
        )
        ballot_transactions = [int(row[0]) for row in cursor.fetchall()]
        cursor.execute(
            "SELECT xmin::text FROM assembly_ballottally WHERE recommendation_id = %s", [item.pk]
        )
        tally_transaction = int(cursor.fetchone()[0])
        cursor.execute(
            "SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = 'assembly_ballottally'"
        )
        (last_vacuum,) = cursor.fetchone()
    # A ballot's transaction (and its savepoint) ids sit next to each other: a tally version
    # written by a ballot would point at its voter.
    assert len(ballot_transactions) == 3
    assert tally_transaction > max(ballot_transactions)
    assert last_vacuum is not None
