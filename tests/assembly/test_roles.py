"""The assembly's jobs: presence is recorded by the staff at the door, a kiosk ballot counts only
for the hand-over it was issued for, and the admin shows the back office only to its managers."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.admin.menu import admin_menu

from proposals.assembly.attendance import check_in
from proposals.assembly.models import Attendance, BallotParticipation, BallotTally
from proposals.assembly.voting import open_vote
from proposals.groups import ASSEMBLY_MANAGERS, KIOSK_OPERATORS, MODERATORS, ensure_role_groups
from tests.assembly.factories import (
    CycleFactory,
    MembershipFactory,
    PlenaryFactory,
    PoolPersonFactory,
    RecommendationFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PLENARY_DAY = datetime.date(2026, 10, 10)


def member_of(group_name, **flags):
    ensure_role_groups()
    user = UserFactory(**flags)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def shown(response, msgid):
    with translation.override("it"):
        italian = translation.gettext(msgid)
    page = response.content.decode()
    return msgid in page or italian in page


@pytest.fixture
def plenary(db):
    return PlenaryFactory(cycle=CycleFactory(), date=PLENARY_DAY, is_final=True)


@pytest.fixture
def item(plenary):
    return open_vote(RecommendationFactory(cycle=plenary.cycle), plenary)


@pytest.fixture
def operator(client, db):
    client.force_login(member_of(KIOSK_OPERATORS))
    return client


def person(plenary, last_name):
    return MembershipFactory(
        person=PoolPersonFactory(cycle=plenary.cycle, first_name="Chiara", last_name=last_name)
    )


def kiosk_url(plenary, name, *args):
    return reverse(
        f"proposals:assembly:{name}", args=[plenary.cycle.assembly.slug, plenary.pk, *args]
    )


def ballot_page_token(operator, plenary):
    page = operator.get(kiosk_url(plenary, "kiosk_ballot")).content.decode()
    return re.search(r'name="handover" value="([^"]*)"', page).group(1)


def tally_of(item):
    tally = BallotTally.objects.get(pk=item.pk)
    return tally.yes, tally.no, tally.abstain


# Presence


def test_members_cannot_check_themselves_in(client, plenary):
    member = person(plenary, "Ferri")
    member.user = UserFactory()
    member.save()
    client.force_login(member.user)
    with pytest.raises(NoReverseMatch):
        reverse("proposals:assembly:check_in", args=[plenary.cycle.assembly.slug, plenary.pk])
    with time_machine.travel(datetime.datetime(2026, 10, 10, 9, 0), tick=False):
        area = client.get(
            reverse("proposals:assembly:member_area", args=[plenary.cycle.assembly.slug])
        )
        client.post(f"/assemblea/{plenary.cycle.assembly.slug}/presenza/{plenary.pk}/")
    assert 'name="membership"' not in area.content.decode()
    assert not Attendance.objects.filter(membership=member).exists()


def test_staff_at_the_door_check_members_in_on_the_day(operator, plenary):
    arriving = person(plenary, "Ferri")
    person(plenary, "Haddad")
    door = kiosk_url(plenary, "kiosk_door")
    with time_machine.travel(datetime.datetime(2026, 10, 10, 9, 0), tick=False):
        page = operator.get(door, {"q": "ferr"}).content.decode()
        assert "Ferri Chiara" in page and "Haddad" not in page
        response = operator.post(door, {"membership": arriving.pk}, follow=True)
        with translation.override("it"):
            message = translation.gettext("%(name)s is checked in.") % {"name": "Chiara Ferri"}
        assert message in response.content.decode()
        assert "Ferri Chiara" not in operator.get(door).content.decode()
    assert Attendance.objects.get(membership=arriving, plenary=plenary).present


def test_the_door_opens_only_on_the_day_of_the_plenary(operator, plenary):
    member = person(plenary, "Ferri")
    with time_machine.travel(datetime.datetime(2026, 10, 9, 9, 0), tick=False):
        response = operator.post(
            kiosk_url(plenary, "kiosk_door"), {"membership": member.pk}, follow=True
        )
    assert shown(response, "Members are checked in only on the day of the plenary session.")
    assert not Attendance.objects.filter(membership=member).exists()


@pytest.mark.parametrize(
    "role",
    ["citizen", "plain_staff", "moderator", "assembly_manager"],
)
def test_only_kiosk_operators_work_the_door(client, plenary, role):
    users = {
        "citizen": lambda: UserFactory(),
        "plain_staff": lambda: UserFactory(is_staff=True),
        "moderator": lambda: member_of(MODERATORS, is_staff=True),
        "assembly_manager": lambda: member_of(ASSEMBLY_MANAGERS, is_staff=True),
    }
    member = person(plenary, "Ferri")
    client.force_login(users[role]())
    with time_machine.travel(datetime.datetime(2026, 10, 10, 9, 0), tick=False):
        response = client.post(kiosk_url(plenary, "kiosk_door"), {"membership": member.pk})
    assert response.status_code == 403
    assert not Attendance.objects.filter(membership=member).exists()


# The kiosk ballot belongs to its hand-over


def test_a_ballot_page_submitted_after_the_next_hand_over_is_refused(operator, plenary, item):
    first, second = person(plenary, "Ferri"), person(plenary, "Haddad")
    for membership in (first, second):
        check_in(membership, plenary)
    operator.post(kiosk_url(plenary, "kiosk_voters", item.pk), {"membership": first.pk})
    first_page_token = ballot_page_token(operator, plenary)
    operator.post(kiosk_url(plenary, "kiosk_voters", item.pk), {"membership": second.pk})

    response = operator.post(
        kiosk_url(plenary, "kiosk_ballot"),
        {"choice": "yes", "handover": first_page_token},
        follow=True,
    )
    assert shown(
        response,
        "This ballot page was issued for an earlier hand-over of the kiosk: nothing was "
        "recorded. Hand the kiosk over to the member who is voting now.",
    )
    assert tally_of(item) == (0, 0, 0)
    assert not BallotParticipation.objects.exists()

    operator.post(
        kiosk_url(plenary, "kiosk_ballot"),
        {"choice": "no", "handover": ballot_page_token(operator, plenary)},
    )
    assert tally_of(item) == (0, 1, 0)
    assert list(BallotParticipation.objects.values_list("membership", flat=True)) == [second.pk]


@pytest.mark.parametrize("token", [None, "", "forged:token"])
def test_a_ballot_without_its_signed_token_is_refused(operator, plenary, item, token):
    member = person(plenary, "Ferri")
    check_in(member, plenary)
    operator.post(kiosk_url(plenary, "kiosk_voters", item.pk), {"membership": member.pk})
    data = {"choice": "yes"} if token is None else {"choice": "yes", "handover": token}
    operator.post(kiosk_url(plenary, "kiosk_ballot"), data)
    assert tally_of(item) == (0, 0, 0)


# The admin menu


def menu_labels(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return [str(item.label) for item in admin_menu.menu_items_for_request(request)]


@pytest.mark.parametrize(
    "role, sees_assembly, sees_participation",
    [
        ("answer_staff", False, False),
        ("moderator", False, True),
        ("assembly_manager", True, False),
        ("superuser", True, True),
    ],
)
def test_admin_menu_shows_each_role_its_own_screens(role, sees_assembly, sees_participation):
    from proposals.responses.permissions import EDITORS

    users = {
        "answer_staff": lambda: member_of(EDITORS, is_staff=True),
        "moderator": lambda: member_of(MODERATORS, is_staff=True),
        "assembly_manager": lambda: member_of(ASSEMBLY_MANAGERS, is_staff=True),
        "superuser": lambda: UserFactory(is_staff=True, is_superuser=True),
    }
    with translation.override("en"):
        labels = menu_labels(users[role]())
    assert ("Citizens' assembly" in labels) == sees_assembly
    assert ("Participation" in labels) == sees_participation
