"""A member of the citizens' assembly checks in at the plenary and votes, in a real browser."""

from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from proposals.assembly.attendance import check_in
from proposals.assembly.models import BallotTally
from proposals.assembly.voting import open_vote
from tests.assembly.factories import (
    CycleFactory,
    MembershipFactory,
    PlenaryFactory,
    PoolPersonFactory,
    RecommendationFactory,
)
from tests.e2e.browser import E2E, italian, log_in, tick
from tests.factories import UserFactory

pytestmark = E2E


def test_member_checked_in_at_the_door_votes(page, context, live_server, site_content):
    cycle = CycleFactory(year=timezone.localdate().year)
    plenary = PlenaryFactory(cycle=cycle, date=timezone.localdate(), is_final=True)
    citizen = UserFactory(email="chiara.ferri@example.org", nickname="ChiaraDiCrescenzago")
    member = MembershipFactory(
        person=PoolPersonFactory(cycle=cycle, first_name="Chiara", last_name="Ferri"),
        user=citizen,
    )
    check_in(member, plenary)  # by the staff at the door
    item = open_vote(RecommendationFactory(cycle=cycle, title="Cortili scolastici verdi"), plenary)
    log_in(context, live_server.url, citizen)

    page.goto("/")
    page.get_by_role("link", name=italian("Discover the assembly")).click()
    page.get_by_role("link", name=italian("Members' area: check in and vote")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(italian("Members' area"))
    expect(page.get_by_role("main")).to_contain_text(
        italian("You are checked in at today's session.")
    )

    page.get_by_role("link", name=italian("Vote"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cortili scolastici verdi")
    with translation.override("it"):
        yes = translation.pgettext("ballot", "Yes")
    tick(page, yes)
    page.get_by_role("button", name=italian("Cast my vote")).click()
    expect(page.get_by_role("status")).to_contain_text(italian("Your vote has been recorded."))
    expect(
        page.get_by_role("listitem").filter(has_text="Cortili scolastici verdi")
    ).to_contain_text(italian("vote recorded"))
    tally = BallotTally.objects.get(pk=item.pk)
    assert (tally.yes, tally.no, tally.abstain) == (1, 0, 0)


def test_member_checked_in_at_the_door_votes_with_the_keyboard_only(
    page, context, live_server, site_content
):
    from tests.e2e.keyboard import activate, press, tab_to

    cycle = CycleFactory(year=timezone.localdate().year)
    plenary = PlenaryFactory(cycle=cycle, date=timezone.localdate(), is_final=True)
    citizen = UserFactory(email="omar.haddad@example.org", nickname="OmarDiNiguarda")
    member = MembershipFactory(
        person=PoolPersonFactory(cycle=cycle, first_name="Omar", last_name="Haddad"),
        user=citizen,
    )
    check_in(member, plenary)  # by the staff at the door
    item = open_vote(RecommendationFactory(cycle=cycle, title="Alberi nei cortili"), plenary)
    log_in(context, live_server.url, citizen)

    page.goto("/")
    activate(page, page.get_by_role("link", name=italian("Discover the assembly")))
    activate(page, page.get_by_role("link", name=italian("Members' area: check in and vote")))
    activate(page, page.get_by_role("link", name=italian("Vote"), exact=True))
    with translation.override("it"):
        yes = translation.pgettext("ballot", "Yes")
        no = translation.pgettext("ballot", "No")
    # Tab enters the radio group on its first choice; the arrow keys move between choices.
    tab_to(page, page.get_by_label(yes, exact=True))
    press(page, "Space")
    press(page, "ArrowDown")
    expect(page.get_by_label(no, exact=True)).to_be_checked()
    activate(page, page.get_by_role("button", name=italian("Cast my vote")))

    expect(page.get_by_role("status")).to_contain_text(italian("Your vote has been recorded."))
    tally = BallotTally.objects.get(pk=item.pk)
    assert (tally.yes, tally.no, tally.abstain) == (0, 1, 0)


def test_operator_hands_the_kiosk_to_a_member_who_votes(page, context, live_server, site_content):
    cycle = CycleFactory(year=timezone.localdate().year)
    plenary = PlenaryFactory(cycle=cycle, date=timezone.localdate(), is_final=True)
    for first_name, last_name in [("Chiara", "Ferri"), ("Omar", "Haddad"), ("Luca", "Sala")]:
        check_in(
            MembershipFactory(
                person=PoolPersonFactory(cycle=cycle, first_name=first_name, last_name=last_name)
            ),
            plenary,
        )
    item = open_vote(RecommendationFactory(cycle=cycle, title="Cortili scolastici verdi"), plenary)
    log_in(context, live_server.url, UserFactory(is_staff=True, is_superuser=True))

    page.goto(reverse("assembly_admin:vote", args=[item.pk]))
    page.get_by_role("link", name=italian("Open the voting kiosk of the plenary")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(italian("Voting kiosk"))
    page.get_by_role("link", name="Cortili scolastici verdi").click()
    page.get_by_label(italian("Search by name")).fill("haddad")
    page.get_by_role("main").get_by_role("button", name=italian("Search")).click()
    expect(page.get_by_role("button", name="Ferri Chiara")).to_have_count(0)
    page.get_by_role("button", name="Haddad Omar").click()

    ballot_of = italian("Ballot of %(name)s") % {"name": "Omar Haddad"}
    expect(page.get_by_text(ballot_of)).to_be_visible()
    with translation.override("it"):
        no = translation.pgettext("ballot", "No")
    tick(page, no)
    page.get_by_role("button", name=italian("Cast my vote")).click()

    expect(page.get_by_role("status")).to_have_text(
        italian("Vote recorded. Please hand the device back to the operator.")
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(italian("Voting kiosk"))
    expect(page.get_by_role("radio")).to_have_count(0)
    tally = BallotTally.objects.get(pk=item.pk)
    assert (tally.yes, tally.no, tally.abstain) == (0, 1, 0)

    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text(italian("Voting kiosk"))
    expect(page.get_by_role("radio")).to_have_count(0)
    expect(page.get_by_text("Omar Haddad")).to_have_count(0)
    page.get_by_role("link", name="Cortili scolastici verdi").click()
    expect(page.get_by_role("button", name="Haddad Omar")).to_have_count(0)
    expect(page.get_by_role("button", name="Ferri Chiara")).to_be_visible()
