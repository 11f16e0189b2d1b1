"""An attendee registers for an event, in a real browser, from the home page."""

from pathlib import Path
from urllib.parse import urlsplit

from django.core import mail
from icalendar import Calendar
from playwright.sync_api import expect

from events.models import EventPage, RegistrationQuestion
from tests.e2e.browser import E2E, field, italian, link_in_last_email, tick
from tests.events.factories import make_event, make_index

pytestmark = E2E


def test_attendee_registers_confirms_downloads_the_calendar_and_cancels(page, site_content):
    event = make_event(make_index(site_content), title="Laboratorio sul verde di Gorla", capacity=3)
    RegistrationQuestion.objects.create(page=event, label="Esigenze di accessibilità")

    page.goto("/")
    page.get_by_role("link", name="Laboratorio sul verde di Gorla").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Laboratorio sul verde di Gorla")
    page.get_by_label(field(italian("First and last name"))).fill("Lucia Ferrari")
    page.get_by_label(field("Email")).fill("lucia.ferrari@example.org")
    page.get_by_label(field("Esigenze di accessibilità")).fill("Accesso con sedia a rotelle")
    tick(page, italian("I have read the privacy terms above and accept them"))
    page.get_by_role("button", name=italian("Register"), exact=True).click()

    assert mail.outbox[-1].to == ["lucia.ferrari@example.org"]
    page.goto(path_of(link_in_last_email("/iscrizioni/conferma/")))
    page.get_by_role("button", name=italian("Confirm my registration")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(italian("Your registration"))
    assert seats_left(event) == 2

    with page.expect_download() as download:
        page.get_by_role("link", name=italian("Add to your calendar (.ics)")).click()
    calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
    assert calendar.name == "VCALENDAR"
    summaries = [str(item["SUMMARY"]) for item in calendar.walk("VEVENT")]
    assert summaries == ["Laboratorio sul verde di Gorla"]

    page.goto(path_of(link_in_last_email("/iscrizioni/gestisci/")))
    page.get_by_role("button", name=italian("Cancel my registration")).click()
    expect(page.get_by_text(italian("Your registration has been cancelled."))).to_be_visible()
    assert seats_left(event) == 3


def path_of(link):
    """The emails link to the site's configured host; the browser opens the same path here."""
    return urlsplit(link).path


def seats_left(event):
    return EventPage.objects.get(pk=event.pk).seats_left
