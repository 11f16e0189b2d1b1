from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from tests.events.factories import make_event
from tests.factories import MunicipioFactory

pytestmark = pytest.mark.django_db
MILAN = ZoneInfo("Europe/Rome")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_single_event_downloads_as_ics_with_time_zone(client, event_index):
    event = make_event(
        event_index,
        title="Un patto con i Municipi",
        start=datetime(2026, 12, 11, 17, 0, tzinfo=MILAN),
        end=datetime(2026, 12, 11, 19, 30, tzinfo=MILAN),
        latitude="45.473060",
        longitude="9.178890",
    )
    response = client.get(reverse("events:event_ics", args=[event.pk]))

    assert 'filename="' in response["Content-Disposition"]
    calendar = parse(response)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    (timezone_component,) = calendar.walk("VTIMEZONE")
    assert timezone_component["TZID"] == "Europe/Rome"
    (vevent,) = calendar.walk("VEVENT")
    assert vevent.decoded("DTSTART") == datetime(2026, 12, 11, 17, 0, tzinfo=MILAN)
    assert vevent.decoded("DTEND") == datetime(2026, 12, 11, 19, 30, tzinfo=MILAN)
    assert vevent["DTSTART"].to_ical() == b"20261211T170000"
    assert str(vevent["UID"]).startswith(f"event-{event.pk}@")
    assert "DTSTAMP" in vevent
    assert str(vevent["LOCATION"]) == "Sala consiliare, via Guerzoni 38, Milano"
    assert vevent["URL"] == f"http://testserver{event.url}"


def test_feed_lists_only_upcoming_published_events(client, event_index):
    upcoming = make_event(event_index, title="In arrivo")
    make_event(event_index, title="Concluso", starts_in=-timedelta(days=2))
    draft = make_event(event_index, title="Bozza")
    draft.unpublish()

    calendar = parse(client.get(reverse("events:feed")))

    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == [upcoming.title]
    assert calendar.walk("VTIMEZONE")


def test_municipio_feed_lists_only_its_events(client, event_index):
    three, four = MunicipioFactory(number=3), MunicipioFactory(number=4)
    make_event(event_index, title="Lambrate", municipio=three)
    make_event(event_index, title="Forlanini", municipio=four)

    calendar = parse(client.get(reverse("events:municipio_feed", args=[3])))

    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Lambrate"]
    assert "Municipio 3" in str(calendar["X-WR-CALNAME"])
    assert client.get(reverse("events:municipio_feed", args=[8])).status_code == 404


def test_unpublished_event_has_no_ics(client, event):
    event.unpublish()
    assert client.get(reverse("events:event_ics", args=[event.pk])).status_code == 404
