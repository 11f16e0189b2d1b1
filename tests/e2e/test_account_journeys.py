"""A citizen's account, in a real browser, from the home page, by visible labels and roles."""

import json
from pathlib import Path

from django.core import mail
from playwright.sync_api import expect

from cms.accounts.models import User
from tests.e2e.browser import E2E, field, italian, link_in_last_email, tick
from tests.factories import PASSWORD, UserFactory

pytestmark = E2E

NEW_PASSWORD = "nuova-password-dei-navigli-2026"


def test_citizen_signs_up_confirms_edits_profile_exports_data_and_logs_out(page, site_content):
    page.goto("/")
    page.get_by_role("link", name=italian("Log in")).click()
    page.get_by_role("main").get_by_role("link", name="Registrati").click()

    page.get_by_label(field("Email")).fill("giulia.bianchi@example.org")
    page.get_by_label(field(italian("Public nickname"))).fill("GiuliaDelNaviglio")
    page.get_by_label(field(italian("Password")), exact=True).fill(PASSWORD)
    page.get_by_label(field(italian("Password (again)"))).fill(PASSWORD)
    tick(page, italian("I have read the privacy notice and agree to the processing of my data"))
    page.get_by_role("button", name=italian("Sign Up")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(italian("Verify Your Email Address"))
    assert mail.outbox[-1].to == ["giulia.bianchi@example.org"]
    page.goto(link_in_last_email("/account/confirm-email/"))
    page.get_by_role("button", name=italian("Confirm")).click()

    page.get_by_role("link", name="GiuliaDelNaviglio").click()
    page.get_by_label(field(italian("first name").capitalize())).fill("Giulia")
    page.get_by_label(field(italian("Public nickname"))).fill("Giulia dei Navigli")
    page.get_by_role("button", name=italian("Save")).click()
    expect(page.get_by_role("status")).to_contain_text(italian("Your profile has been saved."))

    with page.expect_download() as download:
        page.get_by_role("button", name=italian("Download my data")).click()
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert "giulia.bianchi@example.org" in json.dumps(exported)
    assert "Giulia dei Navigli" in json.dumps(exported)

    page.get_by_role("button", name=italian("Log out")).click()
    expect(page.get_by_role("link", name=italian("Log in"))).to_be_visible()
    user = User.objects.get(email="giulia.bianchi@example.org")
    assert (user.first_name, user.nickname) == ("Giulia", "Giulia dei Navigli")


def test_citizen_logs_in_from_the_home_page(page, site_content):
    UserFactory(email="marco.verdi@example.org", nickname="MarcoDiBaggio")
    page.goto("/")
    page.get_by_role("link", name=italian("Log in")).click()
    page.get_by_label(field("Email")).fill("marco.verdi@example.org")
    page.get_by_label(field(italian("Password")), exact=True).fill("password-sbagliata")
    page.get_by_role("button", name=italian("Sign In")).click()
    expect(
        page.get_by_text(
            italian("The email address and/or password you specified are not correct.")
        )
    ).to_be_visible()

    page.get_by_label(field(italian("Password")), exact=True).fill(PASSWORD)
    page.get_by_role("button", name=italian("Sign In")).click()
    expect(page.get_by_role("link", name="MarcoDiBaggio")).to_be_visible()
    assert page.url.endswith("/")


def test_citizen_resets_a_forgotten_password(page, site_content):
    UserFactory(email="anna.neri@example.org", nickname="AnnaDiNiguarda")
    page.goto("/")
    page.get_by_role("link", name=italian("Log in")).click()
    page.get_by_role("link", name=italian("Forgot your password?")).click()
    page.get_by_label(field("Email")).fill("anna.neri@example.org")
    page.get_by_role("button", name=italian("Reset My Password")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(italian("Password Reset"))

    assert mail.outbox[-1].to == ["anna.neri@example.org"]
    page.goto(link_in_last_email("/account/password/reset/key/"))
    page.get_by_label(field(italian("New Password")), exact=True).fill(NEW_PASSWORD)
    page.get_by_label(field(italian("New Password (again)"))).fill(NEW_PASSWORD)
    page.get_by_role("button", name=italian("Change Password")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(italian("Change Password"))

    page.get_by_role("link", name=italian("Log in")).click()
    page.get_by_label(field("Email")).fill("anna.neri@example.org")
    page.get_by_label(field(italian("Password")), exact=True).fill(NEW_PASSWORD)
    page.get_by_role("button", name=italian("Sign In")).click()
    expect(page.get_by_role("link", name="AnnaDiNiguarda")).to_be_visible()
