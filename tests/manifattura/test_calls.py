from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from icalendar import Calendar

from manifattura.models import CallStatus, CallType, call_status

from .factories import call_around, make_call

pytestmark = pytest.mark.django_db

ROME = ZoneInfo("Europe/Rome")
OPENS = datetime(2026, 12, 1, 9, 0, tzinfo=ROME)
CLOSES = datetime(2027, 1, 31, 12, 0, tzinfo=ROME)
SECOND = timedelta(seconds=1)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (OPENS - SECOND, CallStatus.UPCOMING),
        (OPENS, CallStatus.OPEN),
        (OPENS + SECOND, CallStatus.OPEN),
        (CLOSES - timedelta(days=7) - SECOND, CallStatus.OPEN),
        (CLOSES - timedelta(days=7), CallStatus.CLOSING_SOON),
        (CLOSES - SECOND, CallStatus.CLOSING_SOON),
        (CLOSES, CallStatus.CLOSED),
        (CLOSES + SECOND, CallStatus.CLOSED),
    ],
)
def test_status_around_the_boundaries(minisite, now, expected):
    call = make_call(minisite["calls"], "Bando spazi", OPENS, CLOSES)
    with time_machine.travel(now, tick=False):
        assert call_status(OPENS, CLOSES, now, 7) == expected
        fresh = type(call).objects.get(pk=call.pk)
        assert fresh.status == expected
        annotated = minisite["calls"].calls().get(pk=call.pk)
        assert annotated.status == expected


def test_closing_soon_days_is_configured_on_the_index(minisite):
    index = minisite["calls"]
    index.closing_soon_days = 30
    index.save()
    call = make_call(index, "Bando", OPENS, CLOSES)
    with time_machine.travel(CLOSES - timedelta(days=20), tick=False):
        assert type(call).objects.get(pk=call.pk).status == CallStatus.CLOSING_SOON
        assert index.calls().get().status == CallStatus.CLOSING_SOON


def test_badge_shows_the_status(client, minisite):
    call = make_call(minisite["calls"], "Bando", OPENS, CLOSES)
    with time_machine.travel(OPENS - timedelta(days=1), tick=False):
        html = client.get(call.url).content.decode()
    assert "call-status-upcoming" in html
    assert "In arrivo" in html


def test_listing_shows_open_calls_first_then_upcoming_then_closed(client, minisite):
    index = minisite["calls"]
    closed_long_ago = call_around(index, "Chiuso da tempo", -90, -60)
    closed_recently = call_around(index, "Chiuso da poco", -30, -1)
    upcoming = call_around(index, "In arrivo", 10, 40)
    open_late = call_around(index, "Aperto a lungo", -5, 60)
    closing_soon = call_around(index, "In scadenza", -20, 3)
    response = client.get(index.url)
    titles = [call.title for call in response.context["page_obj"]]
    assert titles == [
        closing_soon.title,
        open_late.title,
        upcoming.title,
        closed_recently.title,
        closed_long_ago.title,
    ]


def test_listing_filters_by_status_and_type(client, minisite):
    index = minisite["calls"]
    call_around(index, "Spazi aperto", -5, 60, call_type=CallType.SPACE_ASSIGNMENT)
    call_around(index, "Investimenti aperto", -5, 60, call_type=CallType.INVESTMENT_SUPPORT)
    call_around(index, "Spazi chiuso", -50, -10, call_type=CallType.SPACE_ASSIGNMENT)

    def titles(query):
        return {c.title for c in client.get(index.url, query).context["page_obj"]}

    assert titles({"status": "open"}) == {"Spazi aperto", "Investimenti aperto"}
    assert titles({"status": "closed"}) == {"Spazi chiuso"}
    assert titles({"type": "space_assignment"}) == {"Spazi aperto", "Spazi chiuso"}
    assert titles({"status": "open", "type": "space_assignment"}) == {"Spazi aperto"}
    assert titles({"status": "upcoming"}) == set()


def test_bad_filter_value_is_ignored_with_a_message(client, minisite):
    call_around(minisite["calls"], "Spazi aperto", -5, 60)
    response = client.get(minisite["calls"].url, {"status": "nonsense"})
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 1
    assert "Alcuni filtri non erano validi" in response.content.decode()


def test_empty_filter_result_shows_an_empty_state(client, minisite):
    response = client.get(minisite["calls"].url, {"status": "upcoming"})
    assert "Nessun bando corrisponde a questi filtri" in response.content.decode()


def test_listing_query_count_does_not_grow_with_rows(
    client, minisite, django_assert_max_num_queries
):
    index = minisite["calls"]
    for number in range(3):
        call_around(index, f"Bando {number}", -5, 60 + number)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(index.url)
    for number in range(3, 9):
        call_around(index, f"Bando {number}", -5, 60 + number)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(index.url)


def test_deadline_downloads_as_a_valid_ics_with_rome_time_zone(client, minisite):
    call = make_call(minisite["calls"], "Bando investimenti", OPENS, CLOSES)
    response = client.get(call.ics_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    timezones = list(calendar.walk("VTIMEZONE"))
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Rome"]
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == CLOSES
    assert event["DTSTART"].params["TZID"] == "Europe/Rome"
    assert "Bando investimenti" in str(event["SUMMARY"])
    assert str(event["URL"]).endswith(call.url)
    assert list(event.walk("VALARM"))


def test_call_must_close_after_opening(minisite):
    from django.core.exceptions import ValidationError

    from manifattura.models import CallPage

    call = CallPage(
        title="x",
        slug="x",
        call_type=CallType.OTHER,
        intro="x",
        opens_at=CLOSES,
        closes_at=OPENS,
        eligibility="x",
        how_to_apply="x",
    )
    with pytest.raises(ValidationError):
        call.clean()


def test_minisite_home_shows_only_open_calls_with_their_calendar_link(client, minisite):
    open_call = call_around(minisite["calls"], "Bando aperto", -5, 30)
    call_around(minisite["calls"], "Bando chiuso", -60, -30)
    call_around(minisite["calls"], "Bando futuro", 10, 30)
    response = client.get(minisite["home"].url)
    assert [call.title for call in response.context["open_calls"]] == ["Bando aperto"]
    html = response.content.decode()
    assert open_call.ics_url in html
    assert "Bando chiuso" not in html


def test_call_page_shows_dates_in_rome_time_with_italian_month_names(client, minisite):
    call = make_call(minisite["calls"], "Bando", OPENS, CLOSES)
    html = client.get(call.url).content.decode()
    assert "martedì 1 dicembre 2026, 09:00" in html
    assert "domenica 31 gennaio 2027, 12:00" in html
