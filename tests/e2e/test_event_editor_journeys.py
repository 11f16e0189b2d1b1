"""An editor publishes an event with its programme in the Wagtail admin, in a real browser."""

import re
from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from events.models import EventPage
from tests.e2e.browser import E2E, field, italian
from tests.events.factories import make_index
from tests.factories import PASSWORD, UserFactory

pytestmark = E2E


def test_editor_publishes_an_event_with_a_programme_that_appears_on_the_index(
    page, site_content, settings
):
    # As in the standard page journey: autosave would race the Publish click.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    index = make_index(site_content)
    editor = UserFactory(email="redazione.eventi@comune.milano.it", nickname="Redazione eventi")
    editor.groups.add(Group.objects.get(name="Moderators"))
    start = timezone.localtime() + timedelta(days=20)

    # The admin sends staff to the site's one login form (allauth), by email.
    page.goto("/admin/")
    page.get_by_label("Email").fill(editor.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Accedi").click()
    page.goto(f"/admin/pages/{index.pk}/")
    page.get_by_role("link", name="Aggiungi pagina figlio", exact=True).first.click()

    page.get_by_role("textbox", name="Titolo*").fill("Forum dei giovani del Municipio 8")
    page.get_by_role("textbox", name=field(italian("summary").capitalize())).fill(
        "Ragazze e ragazzi del Municipio 8 discutono di spazi e sport con la Giunta."
    )
    page.get_by_role("textbox", name=field(italian("starts at").capitalize())).fill(
        start.strftime("%Y-%m-%d 17:00")
    )
    page.get_by_role("textbox", name=field(italian("ends at").capitalize())).fill(
        start.strftime("%Y-%m-%d 19:00")
    )
    page.keyboard.press("Escape")
    page.get_by_role("button", name=re.compile(italian("Programme item"), re.IGNORECASE)).click()
    programme = page.locator("[id^=inline_child_programme_items]").first
    programme.get_by_role("textbox", name=field(italian("time").capitalize())).fill("17:30")
    programme.get_by_role("textbox", name=field(italian("title").capitalize())).fill(
        "Saluti del Presidente"
    )
    page.keyboard.press("Escape")

    page.get_by_role("button", name="Altre azioni").click()
    page.get_by_role("button", name="Pubblica").click()
    expect(page.get_by_role("status")).to_contain_text("creata e pubblicata")
    event = EventPage.objects.get(title="Forum dei giovani del Municipio 8")
    assert event.live
    assert [item.title for item in event.programme_items.all()] == ["Saluti del Presidente"]

    page.goto("/")
    page.get_by_role("link", name=italian("All events")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(index.title)
    page.get_by_role("link", name="Forum dei giovani del Municipio 8").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forum dei giovani del Municipio 8")
    expect(page.get_by_text("Saluti del Presidente")).to_be_visible()
