from io import StringIO

from proposals.assembly import demo
from proposals.assembly.models import (
    AnnualReport,
    BallotParticipation,
    Membership,
    Plenary,
    PoolPerson,
    Recommendation,
)


class Command:
    stdout = StringIO()


def _snapshot():
    return [
        model.objects.count()
        for model in (PoolPerson, Membership, Plenary, Recommendation, BallotParticipation)
    ]


def test_demo_is_complete_and_idempotent(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(Command(), {})
    first = _snapshot()
    assert first[1] == 110
    assert Membership.objects.filter(role="member").count() == 90
    assert Plenary.objects.filter(date__year=2026).count() == 8
    closed = Recommendation.objects.filter(status="closed").select_related("tally")
    assert sorted(item.tally.approved for item in closed) == [False, True]
    assert AnnualReport.objects.get().delivered_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(Command(), {})
    assert _snapshot() == first
