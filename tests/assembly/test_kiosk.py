"""The voting kiosk of a plenary: an operator hands the device to a member, who casts a secret
ballot; the hand-over serves one ballot, for a few minutes."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from proposals.assembly.attendance import check_in
from proposals.assembly.kiosk import HANDOVER_SESSION_KEY
from proposals.assembly.models import BallotParticipation, BallotTally, Membership
from proposals.assembly.voting import cast_ballot, close_vote, open_vote
from tests.assembly.factories import (
    CycleFactory,
    MembershipFactory,
    PlenaryFactory,
    PoolPersonFactory,
    RecommendationFactory,
)
from tests.factories import UserFactory


def shown(response, msgid):
    """Whether the page shows this message, in English or in Italian."""
    with translation.override("it"):
        italian = translation.gettext(msgid)
    page = response.content.decode()
    return msgid in page or italian in page


@pytest.fixture
def plenary(db):
    return PlenaryFactory(cycle=CycleFactory(), is_final=True)


@pytest.fixture
def item(plenary):
    return open_vote(
        RecommendationFactory(cycle=plenary.cycle, title="Cortili scolastici verdi"), plenary
    )


def kiosk_operator():
    """A polling-station account: the kiosk permission and nothing else."""
    account = UserFactory()
    account.user_permissions.add(Permission.objects.get(codename="operate_kiosk"))
    return account


@pytest.fixture
def operator(client, db):
    client.force_login(kiosk_operator())
    return client


def submit(operator, plenary, data, **kwargs):
    """Post the ballot page the kiosk shows now, with the hand-over token it carries."""
    page = operator.get(ballot_url(plenary)).content.decode()
    token = re.search(r'name="handover" value="([^"]*)"', page)
    if token:
        data = {**data, "handover": token.group(1)}
    return operator.post(ballot_url(plenary), data, **kwargs)


def present_member(plenary, last_name="Ferri", **kwargs):
    person = PoolPersonFactory(cycle=plenary.cycle, first_name="Chiara", last_name=last_name)
    membership = MembershipFactory(person=person, **kwargs)
    check_in(membership, plenary)
    return membership


def idle_url(plenary):
    return reverse("proposals:assembly:kiosk", args=[plenary.cycle.assembly.slug, plenary.pk])


def voters_url(item):
    slug = item.cycle.assembly.slug
    return reverse("proposals:assembly:kiosk_voters", args=[slug, item.plenary_id, item.pk])


def ballot_url(plenary):
    slug = plenary.cycle.assembly.slug
    return reverse("proposals:assembly:kiosk_ballot", args=[slug, plenary.pk])


def tally_of(item):
    tally = BallotTally.objects.get(pk=item.pk)
    return tally.yes, tally.no, tally.abstain


def test_operator_hands_over_and_the_member_votes(operator, plenary, item):
    member = present_member(plenary)
    assert "Cortili scolastici verdi" in operator.get(idle_url(plenary)).content.decode()
    assert "Ferri Chiara" in operator.get(voters_url(item)).content.decode()

    response = operator.post(voters_url(item), {"membership": member.pk})
    assert response.status_code == 302 and response.url == ballot_url(plenary)
    ballot = operator.get(ballot_url(plenary))
    assert "Chiara Ferri" in ballot.content.decode() and 'value="yes"' in ballot.content.decode()

    response = submit(operator, plenary, {"choice": "no"}, follow=True)
    assert response.redirect_chain[-1][0] == idle_url(plenary)
    assert shown(response, "Vote recorded. Please hand the device back to the operator.")
    page = response.content.decode()
    assert 'value="no"' not in page and 'name="choice"' not in page
    assert tally_of(item) == (0, 1, 0)
    assert BallotParticipation.objects.filter(recommendation=item, membership=member).exists()
    assert HANDOVER_SESSION_KEY not in operator.session
    assert "Ferri Chiara" not in operator.get(voters_url(item)).content.decode()


def test_the_hand_over_serves_one_ballot(operator, plenary, item):
    member = present_member(plenary)
    operator.post(voters_url(item), {"membership": member.pk})
    submit(operator, plenary, {"choice": "yes"})

    back = operator.get(ballot_url(plenary), follow=True)
    assert back.redirect_chain[-1][0] == idle_url(plenary)
    assert shown(back, "Nobody holds the kiosk: hand it over to the next member.")
    assert "Chiara Ferri" not in back.content.decode()
    again = submit(operator, plenary, {"choice": "no"})
    assert again.status_code == 302 and again.url == idle_url(plenary)
    assert tally_of(item) == (1, 0, 0)


def test_an_expired_hand_over_is_refused(operator, plenary, item):
    member = present_member(plenary)
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        operator.post(voters_url(item), {"membership": member.pk})
    with time_machine.travel(now + datetime.timedelta(minutes=6), tick=False):
        response = submit(operator, plenary, {"choice": "yes"}, follow=True)
    assert shown(response, "Nobody holds the kiosk: hand it over to the next member.")
    assert tally_of(item) == (0, 0, 0)
    assert not BallotParticipation.objects.exists()


def test_cancelling_records_nothing_and_ends_the_hand_over(operator, plenary, item):
    member = present_member(plenary)
    operator.post(voters_url(item), {"membership": member.pk})
    response = submit(operator, plenary, {"cancel": "1"}, follow=True)
    assert shown(response, "Ballot cancelled: nothing was recorded.")
    assert HANDOVER_SESSION_KEY not in operator.session
    submit(operator, plenary, {"choice": "yes"})
    assert tally_of(item) == (0, 0, 0)


def test_a_ballot_left_without_a_choice_keeps_the_hand_over(operator, plenary, item):
    member = present_member(plenary)
    operator.post(voters_url(item), {"membership": member.pk})
    response = submit(operator, plenary, {})
    assert response.status_code == 200 and "Chiara Ferri" in response.content.decode()
    submit(operator, plenary, {"choice": "abstain"})
    assert tally_of(item) == (0, 0, 1)


def test_who_cannot_vote_is_not_offered_and_refused_if_forced(operator, plenary, item):
    absent = MembershipFactory(person=PoolPersonFactory(cycle=plenary.cycle, last_name="Assente"))
    substitute = present_member(plenary, "Supplente", role=Membership.Role.SUBSTITUTE)
    by_phone = present_member(plenary, "Telefono")
    cast_ballot(item, by_phone, "yes")
    page = operator.get(voters_url(item)).content.decode()
    for membership in (absent, substitute, by_phone):
        assert membership.person.last_name not in page
        response = operator.post(voters_url(item), {"membership": membership.pk})
        assert response.status_code == 200
        assert shown(
            response,
            "This member cannot vote on this item: not checked in with a vote at this "
            "plenary, or already voted.",
        )
        assert HANDOVER_SESSION_KEY not in operator.session
    assert tally_of(item) == (1, 0, 0)


def test_a_member_who_voted_by_phone_meanwhile_is_refused(operator, plenary, item):
    member = present_member(plenary)
    operator.post(voters_url(item), {"membership": member.pk})
    cast_ballot(item, member, "yes")
    assert shown(operator.get(ballot_url(plenary)), "You have already voted on this item.")
    response = submit(operator, plenary, {"choice": "no"}, follow=True)
    assert shown(response, "You have already voted on this item.")
    assert tally_of(item) == (1, 0, 0)


def test_a_vote_closed_during_the_hand_over_is_refused(operator, plenary, item):
    member = present_member(plenary)
    operator.post(voters_url(item), {"membership": member.pk})
    cast_ballot(item, present_member(plenary, last_name="Galli"), "no")
    close_vote(item)
    response = submit(operator, plenary, {"choice": "yes"}, follow=True)
    assert shown(response, "This vote is not open.")
    assert tally_of(item) == (0, 1, 0)
    closed = operator.get(voters_url(item), follow=True)
    assert closed.redirect_chain[-1][0] == idle_url(plenary)


def test_the_operator_searches_members_by_name(operator, plenary, item):
    present_member(plenary, "Ferri")
    present_member(plenary, "Haddad")
    page = operator.get(voters_url(item), {"q": "chiara hadd"}).content.decode()
    assert "Haddad Chiara" in page and "Ferri Chiara" not in page


def test_only_kiosk_operators_operate_the_kiosk(client, plenary, item, citizen):
    member = present_member(plenary)
    urls = [idle_url(plenary), voters_url(item), ballot_url(plenary)]
    for url in urls:
        assert client.get(url).status_code == 302
        assert "/login/" in client.post(url, {"membership": member.pk}).url
    client.force_login(citizen)
    for url in urls:
        assert client.get(url).status_code == 403
        assert client.post(url, {"membership": member.pk, "choice": "yes"}).status_code == 403
    assert HANDOVER_SESSION_KEY not in client.session
    assert tally_of(item) == (0, 0, 0)


def test_hand_over_needs_the_csrf_token(plenary, item):
    member = present_member(plenary)
    client = Client(enforce_csrf_checks=True)
    client.force_login(kiosk_operator())
    assert client.post(voters_url(item), {"membership": member.pk}).status_code == 403
    assert HANDOVER_SESSION_KEY not in client.session


def test_kiosk_pages_are_never_cached(operator, plenary, item):
    operator.post(voters_url(item), {"membership": present_member(plenary).pk})
    for url in (idle_url(plenary), voters_url(item), ballot_url(plenary)):
        assert "no-store" in operator.get(url)["Cache-Control"]


def test_idle_screen_and_voters_list_take_constant_queries(
    operator, plenary, item, django_assert_num_queries
):
    present_member(plenary)
    counts = {}
    for url in (idle_url(plenary), voters_url(item)):
        operator.get(url)  # the first request also warms caches up
        with CaptureQueriesContext(connection) as queries:
            operator.get(url)
        counts[url] = len(queries)
    open_vote(RecommendationFactory(cycle=plenary.cycle), plenary)
    for index in range(10):
        present_member(plenary, f"Rossi{index}")
    for url, count in counts.items():
        with django_assert_num_queries(count):
            operator.get(url)


def test_the_admin_vote_page_links_to_the_kiosk(client, staff_user, plenary, item):
    client.force_login(staff_user)
    page = client.get(reverse("assembly_admin:vote", args=[item.pk])).content.decode()
    assert idle_url(plenary) in page


def test_a_kiosk_account_runs_the_kiosk_and_nothing_else(client, plenary, item):
    kiosk_account = UserFactory()
    kiosk_account.user_permissions.add(Permission.objects.get(codename="operate_kiosk"))
    client.force_login(kiosk_account)

    assert client.get(idle_url(plenary)).status_code == 200
    assert client.get(reverse("wagtailadmin_home")).status_code == 302
