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
