"""iCalendar (RFC 5545) files for single events and subscribable feeds, with the Milan time zone."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

PRODID = "-//Comune di Milano//Milano Partecipa//IT"


def absolute_url(path):
    return path if urlsplit(path).scheme else settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def build_calendar(events, name, method="PUBLISH"):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    events = list(events)
    for event in events:
        calendar.add_component(build_event(event))
    if events:
        # Only the time-zone transitions the events need, not fifty years of them.
        calendar.add_missing_timezones(
            first_date=min(event.start for event in events).date() - timedelta(days=366),
            last_date=max(event.end for event in events).date() + timedelta(days=366),
        )
    return calendar.to_ical()


def build_event(page):
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "milanopartecipa"
    local_tz = timezone.get_default_timezone()
    url = absolute_url(page.get_url())
    event = Event()
    event.add("uid", f"event-{page.pk}@{host}")
    event.add("dtstamp", timezone.now())
    event.add("last-modified", page.last_published_at or timezone.now())
    event.add("dtstart", timezone.localtime(page.start, local_tz))
    event.add("dtend", timezone.localtime(page.end, local_tz))
    event.add("summary", page.title)
    event.add("description", f"{strip_tags(page.summary)}\n\n{url}")
    event.add("url", url)
    location = ", ".join(part for part in (page.venue_name, page.venue_address) if part)
    if location:
        event.add("location", location)
    if page.latitude is not None and page.longitude is not None:
        event.add("geo", (float(page.latitude), float(page.longitude)))
    if page.municipio_id:
        event.add("categories", [str(page.municipio)])
    event.add(
        "organizer",
        f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}",
        parameters={"cn": page.organiser},
    )
    event.add("status", "CONFIRMED")
    return event
