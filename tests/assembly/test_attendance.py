import pytest
from hypothesis import given
from hypothesis import strategies as st

from proposals.assembly.attendance import lapses_after, record_attendance
from proposals.assembly.models import Membership
from proposals.assembly.substitution import (
    SubstitutionError,
    propose_substitute,
    rank_substitutes,
    step_in,
)
from tests.assembly.factories import (
    CycleFactory,
    MembershipFactory,
    PlenaryFactory,
    PoolPersonFactory,
)

P, A = True, False


@pytest.mark.parametrize(
    ("sequence", "lapses_at"),
    [
        ([P] * 8, None),
        ([A, P, A, P, A, P, P, P], None),  # three absences, none consecutive
        ([A, A, P, A, P, P, P, P], None),  # three absences, two consecutive
        ([A, P, A, P, A, P, A, P], 6),  # fourth non-consecutive absence
        ([A, A, A, P, P, P, P, P], 2),  # third consecutive absence
        ([P, A, A, P, A, A, P, P], 5),  # fourth absence, two in a row twice
        ([P, P, P, P, P, P, A, A], None),
        ([P, P, P, P, P, A, A, A], 7),
        ([A, A, P, A, A], 4),
    ],
)
def test_absence_rule_table(sequence, lapses_at):
    assert lapses_after(sequence) == lapses_at


@given(st.lists(st.booleans(), max_size=12))
def test_absence_rule_properties(presences):
    position = lapses_after(presences)
    absences = presences.count(False)
    longest_run = max(
        (len(run) for run in "".join("P" if p else "A" for p in presences).split("P")), default=0
    )
    if absences <= 3 and longest_run <= 2:
        assert position is None
    else:
        assert position is not None
        before = presences[: position + 1]
        assert before[-1] is False
        assert lapses_after(before[:-1]) is None


@pytest.fixture
def cycle(db):
    return CycleFactory()


def test_register_lapses_member_at_third_consecutive_absence(cycle):
    member = MembershipFactory(person=PoolPersonFactory(cycle=cycle))
    other = MembershipFactory(person=PoolPersonFactory(cycle=cycle))
    plenaries = [PlenaryFactory(cycle=cycle) for _ in range(3)]
    for plenary in plenaries[:2]:
        assert record_attendance(plenary, present_ids=[other.pk]) == []
    lapsed = record_attendance(plenaries[2], present_ids=[other.pk])
    assert lapsed == [member]
    member.refresh_from_db()
    assert not member.active and member.lapsed_at is not None
    other.refresh_from_db()
    assert other.active


def test_waiting_substitutes_never_lapse(cycle):
    substitute = MembershipFactory(
        person=PoolPersonFactory(cycle=cycle), role=Membership.Role.SUBSTITUTE, priority=1
    )
    for _ in range(4):
        record_attendance(PlenaryFactory(cycle=cycle), present_ids=[])
    substitute.refresh_from_db()
    assert substitute.active


def _quota(cycle, feature, value, low, high):
    return cycle.quotas.create(feature=feature, value=value, minimum=low, maximum=high)


def test_proposal_keeps_the_quotas(cycle):
    _quota(cycle, "age_band", "16-24", 1, 2)
    _quota(cycle, "age_band", "25-44", 1, 2)
    young = MembershipFactory(person=PoolPersonFactory(cycle=cycle, age_band="16-24"))
    MembershipFactory(person=PoolPersonFactory(cycle=cycle, age_band="25-44"))
    adult_sub = MembershipFactory(
        person=PoolPersonFactory(cycle=cycle, age_band="25-44"), role="substitute", priority=1
    )
    young_sub = MembershipFactory(
        person=PoolPersonFactory(cycle=cycle, age_band="16-24"), role="substitute", priority=2
    )
    Membership.objects.filter(pk=young.pk).update(active=False)
    young.refresh_from_db()
    assert propose_substitute(young) == young_sub
    assert rank_substitutes(young) == [young_sub, adult_sub]


def test_step_in_gives_the_vote_once(cycle):
    lapsed = MembershipFactory(person=PoolPersonFactory(cycle=cycle), active=False)
    first = MembershipFactory(person=PoolPersonFactory(cycle=cycle), role="substitute", priority=1)
    second = MembershipFactory(person=PoolPersonFactory(cycle=cycle), role="substitute", priority=2)
    assert not first.has_vote
    step_in(first, lapsed)
    first.refresh_from_db()
    assert first.has_vote and first.replaced_membership == lapsed
    with pytest.raises(SubstitutionError):
        step_in(second, lapsed)


def test_an_active_member_cannot_be_replaced(cycle):
    member = MembershipFactory(person=PoolPersonFactory(cycle=cycle))
    substitute = MembershipFactory(person=PoolPersonFactory(cycle=cycle), role="substitute")
    with pytest.raises(SubstitutionError):
        step_in(substitute, member)
