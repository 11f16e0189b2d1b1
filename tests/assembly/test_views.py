import datetime

import pytest
import time_machine
from django.urls import reverse

from proposals.assembly.attendance import check_in
from proposals.assembly.models import BallotTally, Membership
from proposals.assembly.voting import close_vote, open_vote
from tests.assembly.factories import (
    CycleFactory,
    MembershipFactory,
    PlenaryFactory,
    PoolPersonFactory,
    RecommendationFactory,
)

FINAL_DAY = datetime.date(2026, 10, 10)


@pytest.fixture
def setup(db, citizen):
    cycle = CycleFactory()
    plenary = PlenaryFactory(cycle=cycle, date=FINAL_DAY, is_final=True)
    member = MembershipFactory(
        person=PoolPersonFactory(cycle=cycle, first_name="Chiara", last_name="Ferri"), user=citizen
    )
    MembershipFactory(
        person=PoolPersonFactory(
            cycle=cycle, first_name="Nascosto", last_name="Segreto", consents_to_publication=False
        )
    )
    item = open_vote(RecommendationFactory(cycle=cycle, title="Cortili scolastici verdi"), plenary)
    return cycle, plenary, member, item


def test_public_page_shows_only_consenting_names(client, setup):
    cycle, _plenary, _member, _item = setup
    response = client.get(reverse("proposals:assembly:detail", args=[cycle.assembly.slug]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Chiara Ferri" in content
    assert "Segreto" not in content
    assert "Cortili scolastici verdi" in content
    assert 'datetime="2026-10-10"' in content


def test_results_hidden_until_closing(client, setup, citizen):
    cycle, plenary, member, item = setup
    BallotTally.objects.filter(pk=item.pk).update(yes=7, no=1, abstain=1)
    url = item.get_absolute_url()
    before = client.get(url).content.decode()
    assert "Present at the vote" not in before and "Presenti al voto" not in before
    close_vote(item)
    after = client.get(url).content.decode()
    assert "Presenti al voto" in after or "Present at the vote" in after
    assert ">7<" in after


def test_member_checked_in_at_the_door_votes_once(client, setup, citizen):
    cycle, plenary, member, item = setup
    client.force_login(citizen)
    slug = cycle.assembly.slug
    with time_machine.travel(datetime.datetime(2026, 10, 10, 9, 0), tick=False):
        assert (
            client.get(reverse("proposals:assembly:vote", args=[slug, item.pk])).status_code == 403
        )
        check_in(member, plenary)  # by the staff at the door
        response = client.post(
            reverse("proposals:assembly:vote", args=[slug, item.pk]), {"choice": "no"}, follow=True
        )
        page = response.content.decode()
        assert "vote recorded" in page or "voto registrato" in page
        assert "Your vote has been recorded" in page or "Il tuo voto è stato registrato" in page
        again = client.post(
            reverse("proposals:assembly:vote", args=[slug, item.pk]), {"choice": "yes"}
        )
        assert again.status_code == 403
    tally = BallotTally.objects.get(pk=item.pk)
    assert (tally.yes, tally.no, tally.abstain) == (0, 1, 0)


def test_member_area_permissions(client, setup, django_user_model):
    cycle, _plenary, _member, _item = setup
    url = reverse("proposals:assembly:member_area", args=[cycle.assembly.slug])
    assert client.get(url).status_code == 302
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_invitation_links_the_account(client, db):
    from tests.factories import UserFactory

    membership = MembershipFactory(person=PoolPersonFactory())
    user = UserFactory()
    client.force_login(user)
    url = reverse("proposals:assembly:invitation", args=[membership.invitation_token])
    assert client.get(url).status_code == 200
    client.post(url)
    assert Membership.objects.get(pk=membership.pk).user == user
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_home_section_and_privacy_export(client, setup, citizen, home_page):
    cycle, plenary, member, item = setup
    response = client.get("/")
    assert "Assemblea Permanente dei Cittadini sul Clima" in response.content.decode()
    from proposals.assembly.privacy import export_personal_data

    data = export_personal_data(citizen)["assembly_memberships"][0]
    assert data["year"] == 2026 and data["questionnaire"]["last_name"] == "Ferri"
    assert "choice" not in str(data)


def test_invitation_needs_a_confirmed_email(client, unverified_citizen):
    membership = MembershipFactory(person=PoolPersonFactory())
    client.force_login(unverified_citizen)
    url = reverse("proposals:assembly:invitation", args=[membership.invitation_token])
    response = client.post(url)
    assert response.status_code == 302
    assert Membership.objects.get(pk=membership.pk).user is None
