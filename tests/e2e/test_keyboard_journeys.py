"""The sign-up and login journeys work with the keyboard alone, with focus always visible.

Only Tab, Shift+Tab, Enter, Space and typing are used; every element that receives focus on
the way must show it (an outline or a shadow).
"""

from django.core import mail
from playwright.sync_api import expect

from tests.e2e.browser import E2E, field, italian, link_in_last_email
from tests.e2e.keyboard import activate, press, tab_to
from tests.factories import PASSWORD, UserFactory

pytestmark = E2E


def test_citizen_signs_up_with_the_keyboard_only(page, site_content):
    page.goto("/")
    activate(page, page.get_by_role("link", name=italian("Log in")))
    activate(page, page.get_by_role("main").get_by_role("link", name="Registrati"))

    tab_to(page, page.get_by_label(field("Email")))
    page.keyboard.type("luca.galli@example.org")
    press(page, "Tab")
    page.keyboard.type("LucaDiGorla")
    press(page, "Tab")
    press(page, "Space")
    press(page, "Tab")
    page.keyboard.type(PASSWORD)
    press(page, "Tab")
    page.keyboard.type(PASSWORD)
    expect(page.get_by_label(field(italian("Public nickname")))).to_have_value("LucaDiGorla")
    expect(
        page.get_by_label(
            field(italian("I have read the privacy notice and agree to the processing of my data"))
        )
    ).to_be_checked()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(italian("Verify Your Email Address"))
    assert mail.outbox[-1].to == ["luca.galli@example.org"]
    page.goto(link_in_last_email("/account/confirm-email/"))
    activate(page, page.get_by_role("button", name=italian("Confirm")), key="Space")
    expect(page.get_by_role("link", name="LucaDiGorla")).to_be_visible()


def test_citizen_logs_in_with_the_keyboard_only(page, site_content):
    UserFactory(email="sara.colombo@example.org", nickname="SaraDiLorenteggio")
    page.goto("/")
    activate(page, page.get_by_role("link", name=italian("Log in")))

    email = page.get_by_label(field("Email"))
    tab_to(page, email)
    page.keyboard.type("sara.colombo@example.or")
    press(page, "Tab")
    page.keyboard.type(PASSWORD)
    tab_to(page, email, backwards=True)
    page.keyboard.press("End")
    page.keyboard.type("g")
    expect(email).to_have_value("sara.colombo@example.org")
    tab_to(page, page.get_by_label(field(italian("Password")), exact=True))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_role("link", name="SaraDiLorenteggio")).to_be_visible()


def test_attendee_registers_for_an_event_with_the_keyboard_only(page, site_content):
    from events.models import Registration
    from tests.events.factories import make_event, make_index

    make_event(make_index(site_content), title="Laboratorio sul verde di Crescenzago", capacity=5)
    page.goto("/")
    activate(page, page.get_by_role("link", name="Laboratorio sul verde di Crescenzago").first)

    tab_to(page, page.get_by_label(field(italian("First and last name"))))
    page.keyboard.type("Lucia Ferrari")
    tab_to(page, page.get_by_label(field("Email")))
    page.keyboard.type("lucia.ferrari@example.org")
    consent = page.get_by_label(
        field(italian("I have read the privacy terms above and accept them"))
    )
    tab_to(page, consent)
    press(page, "Space")
    expect(consent).to_be_checked()
    activate(page, page.get_by_role("button", name=italian("Register"), exact=True))

    assert mail.outbox[-1].to == ["lucia.ferrari@example.org"]
    assert Registration.objects.get().email == "lucia.ferrari@example.org"


def test_citizen_supports_a_proposal_with_the_keyboard_only(
    page, context, live_server, site_content
):
    from proposals.models import Proposal, Support
    from proposals.phases import PhaseKind
    from tests.e2e.browser import log_in
    from tests.proposals.factories import ProposalFactory, make_consultation

    consultation = make_consultation(PhaseKind.SUPPORT_COLLECTION, title="Piazze aperte 2027")
    ProposalFactory(
        consultation=consultation,
        title="Panchine e alberi in piazza Dergano",
        status=Proposal.Status.PUBLISHED,
    )
    citizen = UserFactory(email="anna.villa@example.org", nickname="AnnaDiDergano")
    log_in(context, live_server.url, citizen)

    page.goto("/")
    activate(page, page.get_by_role("link", name="Piazze aperte 2027").first)
    activate(page, page.get_by_role("link", name="Panchine e alberi in piazza Dergano"))
    activate(page, page.get_by_role("button", name=italian("Support"), exact=True), key="Space")

    expect(page.get_by_role("status")).to_contain_text(italian("Thank you for your support."))
    assert Support.objects.filter(user=citizen).count() == 1


def test_citizen_publishes_a_proposal_with_the_keyboard_only(
    page, context, live_server, site_content
):
    from proposals.models import Proposal
    from proposals.phases import PhaseKind
    from tests.e2e.browser import log_in
    from tests.proposals.factories import make_consultation

    make_consultation(PhaseKind.PROPOSAL_COLLECTION, title="Idee per il Municipio 2")
    citizen = UserFactory(email="marco.riva@example.org", nickname="MarcoDiGreco")
    log_in(context, live_server.url, citizen)

    page.goto("/")
    activate(page, page.get_by_role("link", name="Idee per il Municipio 2").first)
    activate(page, page.get_by_role("link", name=italian("Make a proposal")))
    tab_to(page, page.get_by_label(field(italian("title").capitalize())))
    page.keyboard.type("Un orto condiviso alla Martesana")
    tab_to(page, page.get_by_label(field(italian("text").capitalize())))
    page.keyboard.type(
        "Un orto di quartiere lungo il Naviglio Martesana, curato dai residenti con le scuole "
        "della zona, aperto a chi vuole imparare a coltivare."
    )
    theme = page.get_by_label(field(italian("theme").capitalize()))
    tab_to(page, theme)
    press(page, "ArrowDown")
    expect(theme).not_to_have_value("")
    activate(page, page.get_by_role("button", name=italian("Publish"), exact=True))

    expect(page.get_by_role("heading", level=1)).to_have_text("Un orto condiviso alla Martesana")
    proposal = Proposal.objects.get(title="Un orto condiviso alla Martesana")
    assert proposal.status == Proposal.Status.PUBLISHED
