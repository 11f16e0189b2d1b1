"""An editor works in the Wagtail admin, in Italian, in a real browser."""

import re

from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.models import Page

from tests.e2e.browser import E2E, field, italian
from tests.factories import PASSWORD, UserFactory

pytestmark = E2E


def test_editor_creates_and_publishes_a_standard_page(page, site_content, settings):
    # Autosave would race the Publish click (it may create the page a moment before): the
    # journey is about publishing, so it runs without autosave.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    # Wagtail's "Moderators" may publish; plain "Editors" only submit pages to moderation.
    editor = UserFactory(email="redazione.municipio5@comune.milano.it", nickname="Redazione M5")
    editor.groups.add(Group.objects.get(name="Moderators"))

    # The admin sends staff to the site's one login form (allauth), by email.
    page.goto("/admin/")
    page.get_by_label("Email").fill(editor.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Accedi").click()

    page.get_by_role("button", name="Pagine").click()
    page.get_by_role("link", name=site_content.title, exact=True).click()
    page.get_by_role("link", name="Aggiungi pagina figlio", exact=True).click()
    page.get_by_role("link", name=italian("standard page").capitalize(), exact=True).click()

    page.get_by_role("textbox", name="Titolo*").fill("Orti condivisi nel Municipio 5")
    body = page.get_by_role("region", name=field(italian("body").capitalize()))
    body.get_by_role("button", name="Inserisci un blocco").click()
    page.get_by_role("option", name=italian("Heading"), exact=True).click()
    heading = body.get_by_role("region", name=re.compile(f"^{italian('Heading')}"))
    heading.get_by_role("textbox", name=field(italian("Text"))).fill("Come iscriversi")
    body.get_by_role("button", name="Inserisci un blocco").last.click()
    page.get_by_role("option", name=italian("Text"), exact=True).click()
    paragraph = body.get_by_role("region", name=re.compile(f"^{italian('Text')}"))
    paragraph.get_by_role("textbox").click()
    page.keyboard.type("Le iscrizioni agli orti di via Ripamonti aprono il 12 gennaio 2027.")
    # The rich text editor copies what was typed into the form a moment later: wait for it.
    expect(paragraph.locator("input[type=hidden]")).to_have_value(re.compile("Ripamonti"))

    page.get_by_role("button", name="Altre azioni").click()
    page.get_by_role("button", name="Pubblica").click()
    expect(page.get_by_role("status")).to_contain_text("creata e pubblicata")
    assert Page.objects.get(title="Orti condivisi nel Municipio 5").live

    page.get_by_role("status").get_by_role("link", name="Guarda live").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Orti condivisi nel Municipio 5")
    expect(page.get_by_role("heading", name="Come iscriversi", level=2)).to_be_visible()
    expect(page.get_by_text("Le iscrizioni agli orti di via Ripamonti")).to_be_visible()
