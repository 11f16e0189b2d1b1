"""Deadlines of calls as iCalendar files, with the Europe/Rome time zone spelled out."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

TIME_ZONE = "Europe/Rome"


def deadline_calendar(call, request):
    rome = ZoneInfo(TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//Comune di Milano//Manifattura Milano//IT")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"manifattura-call-{call.pk}-deadline@{request.get_host()}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", call.closes_at.astimezone(rome))
    event.add("summary", _("Deadline: %(title)s") % {"title": call.title})
    event.add("description", call.intro)
    event.add("url", call.get_full_url(request))
    event.add("transp", "TRANSPARENT")
    reminder = Alarm()
    reminder.add("action", "DISPLAY")
    reminder.add("description", _("Deadline tomorrow: %(title)s") % {"title": call.title})
    reminder.add("trigger", timedelta(days=-1))
    event.add_component(reminder)
    calendar.add_component(event)
    deadline_day = call.closes_at.date()
    calendar.add_missing_timezones(
        first_date=deadline_day - timedelta(days=366), last_date=deadline_day + timedelta(days=366)
    )
    return calendar


def deadline_response(call, request):
    response = HttpResponse(
        deadline_calendar(call, request).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="scadenza-{call.slug}.ics"'
    return response
