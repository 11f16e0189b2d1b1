"""The city-scale data set at a tiny scale: counts, counters and a consistent page tree."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F
from wagtail.models import Page

from cms.perf.seed import Counts
from events.models import EventPage, Registration
from proposals.models import Comment, ConsultationPage, Proposal, Support

SCALE = 0.001


@pytest.fixture
def seeded(home_page):
    out = StringIO()
    call_command(
        "seed_city_scale", seed=42, scale=SCALE, skip_index=True, skip_demo=True, stdout=out
    )
    return out.getvalue()


def test_it_makes_the_requested_counts_and_says_so(seeded):
    counts = Counts.at_scale(SCALE)
    assert ConsultationPage.objects.live().count() == counts.consultations
    assert Proposal.objects.count() == counts.proposals
    assert Support.objects.count() == counts.supports
    assert Comment.objects.count() == counts.comments
    assert EventPage.objects.filter(slug__regex=r"-\d+$").count() == counts.events
    assert Registration.objects.count() >= counts.registrations
    assert "supports: 1,000" in seeded
    assert "Done in" in seeded


def test_support_counters_match_the_supports(seeded):
    mismatched = Proposal.objects.annotate(real=Count("supports")).exclude(support_count=F("real"))
    assert not mismatched.exists()
    assert not Support.objects.filter(
        proposal__status__in=[Proposal.Status.DRAFT, Proposal.Status.HIDDEN]
    ).exists()


def test_threshold_marks_match_the_counts(seeded):
    for proposal in Proposal.objects.select_related("consultation"):
        reached = proposal.support_count >= proposal.consultation.support_threshold
        assert (proposal.threshold_reached_at is not None) == reached


def test_the_page_tree_is_consistent(seeded):
    assert Page.find_problems() == ([], [], [], [], [])
    event = EventPage.objects.live().order_by("-pk").first()
    assert event.url.endswith(f"/{event.slug}/")


def test_the_same_seed_gives_the_same_data(home_page):
    call_command(
        "seed_city_scale", seed=7, scale=SCALE, skip_index=True, skip_demo=True, stdout=StringIO()
    )
    first = list(Proposal.objects.order_by("pk").values_list("title", "support_count"))
    assert len(first) == Counts.at_scale(SCALE).proposals
    with pytest.raises(CommandError):
        call_command(
            "seed_city_scale",
            seed=7,
            scale=SCALE,
            skip_index=True,
            skip_demo=True,
            stdout=StringIO(),
        )
