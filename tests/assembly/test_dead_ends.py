"""Members find their area, the kiosk tells members apart and keeps them on their ballot, and a
vote cannot be closed, or opened and closed from the item's form, outside the vote's actions."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from proposals.assembly.attendance import check_in
from proposals.assembly.models import Recommendation
from proposals.assembly.voting import BallotError, cast_ballot, close_vote, open_vote
from tests.assembly.factories import (
    CycleFactory,
    MembershipFactory,
    PlenaryFactory,
    PoolPersonFactory,
    RecommendationFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NO_BALLOTS = "No ballot has been cast yet: a vote without ballots cannot close."


def italian(msgid):
    with translation.override("it"):
        return translation.gettext(msgid)


@pytest.fixture
def plenary(db):
    return PlenaryFactory(cycle=CycleFactory(), is_final=True)


@pytest.fixture
def item(plenary):
    return open_vote(RecommendationFactory(cycle=plenary.cycle), plenary)


def present_member(plenary, external_id, **kwargs):
    person = PoolPersonFactory(
        cycle=plenary.cycle, first_name="Chiara", last_name="Ferri", external_id=external_id
    )
    membership = MembershipFactory(person=person, **kwargs)
    check_in(membership, plenary)
    return membership


@pytest.fixture
def operator(client, db):
    account = UserFactory()
    account.user_permissions.add(Permission.objects.get(codename="operate_kiosk"))
    client.force_login(account)
    return client


def test_a_logged_in_member_finds_their_area_on_the_assembly_page(client, plenary, citizen):
    present_member(plenary, "Q10001", user=citizen)
    client.force_login(citizen)

    html = client.get(plenary.cycle.assembly.get_absolute_url()).content.decode()

    assert reverse("proposals:assembly:member_area", args=[plenary.cycle.assembly.slug]) in html


def test_members_with_the_same_name_are_told_apart_at_the_kiosk(operator, plenary, item):
    present_member(plenary, "Q10001")
    present_member(plenary, "Q10002")
    slug = plenary.cycle.assembly.slug

    voters = operator.get(
        reverse("proposals:assembly:kiosk_voters", args=[slug, plenary.pk, item.pk])
    ).content.decode()

    assert "Q10001" in voters and "Q10002" in voters


def test_the_kiosk_shows_no_site_navigation(operator, plenary, item):
    slug = plenary.cycle.assembly.slug

    html = operator.get(reverse("proposals:assembly:kiosk", args=[slug, plenary.pk])).content
    html = html.decode()

    assert italian("Main menu") not in html
    assert italian("Log out") not in html
    assert 'id="footer"' not in html
    assert italian("Voting kiosk") in html


def test_a_vote_without_ballots_cannot_close(item):
    with pytest.raises(BallotError) as refusal:
        close_vote(item)

    assert str(refusal.value) in (NO_BALLOTS, italian(NO_BALLOTS))

    item.refresh_from_db()
    assert item.status == Recommendation.Status.VOTING


def test_staff_closing_a_vote_without_ballots_are_told_why(client, staff_user, item):
    client.force_login(staff_user)

    response = client.post(
        reverse("assembly_admin:vote", args=[item.pk]), {"close": "1"}, follow=True
    )

    assert italian(NO_BALLOTS) in response.content.decode()
    item.refresh_from_db()
    assert item.status == Recommendation.Status.VOTING


def test_a_vote_with_a_ballot_closes(plenary, item):
    cast_ballot(item, present_member(plenary, "Q10001"), "yes")

    assert close_vote(item).status == Recommendation.Status.CLOSED


def test_the_item_form_offers_only_the_statuses_before_the_vote(client, staff_user, plenary):
    client.force_login(staff_user)
    draft = RecommendationFactory(cycle=plenary.cycle)
    voting = open_vote(RecommendationFactory(cycle=plenary.cycle), plenary)

    draft_form = client.get(
        reverse("wagtailsnippets_assembly_recommendation:edit", args=[draft.pk])
    ).context["form"]
    voting_form = client.get(
        reverse("wagtailsnippets_assembly_recommendation:edit", args=[voting.pk])
    ).context["form"]

    assert [value for value, _label in draft_form.fields["status"].choices] == ["draft", "ready"]
    assert voting_form.fields["status"].disabled
