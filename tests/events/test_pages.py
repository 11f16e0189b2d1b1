from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from cms.models import HomePage, StandardPage
from events.models import EventIndexPage, EventPage, RegistrationState
from tests.events.factories import RegistrationFactory, make_event
from tests.factories import MunicipioFactory

pytestmark = pytest.mark.django_db
MILAN = ZoneInfo("Europe/Rome")


def test_events_index_lives_under_the_home_page_and_holds_only_events():
    assert EventIndexPage.can_create_at(HomePage()) is True
    assert EventIndexPage.can_create_at(StandardPage()) is False
    assert EventPage.can_create_at(EventIndexPage()) is True
    assert EventPage.can_create_at(HomePage()) is False
    assert EventPage.allowed_subpage_models() == []


def test_event_must_end_after_it_starts(event_index):
    page = EventPage(
        title="Rovescio",
        slug="rovescio",
        summary="x",
        start=timezone.now(),
        end=timezone.now() - timedelta(hours=1),
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "end" in error.value.message_dict


def test_listing_shows_upcoming_events_first_then_past_ones(client, event_index):
    past = make_event(event_index, title="Passato recente", starts_in=-timedelta(days=3))
    older = make_event(event_index, title="Passato remoto", starts_in=-timedelta(days=30))
    later = make_event(event_index, title="Fra un mese", starts_in=timedelta(days=30))
    soon = make_event(event_index, title="Domani", starts_in=timedelta(days=1))

    response = client.get(event_index.url)

    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [soon, later, past, older]


def test_listing_filters_by_municipio_and_city_wide(client, event_index):
    nine = MunicipioFactory(number=9)
    in_nine = make_event(event_index, title="Niguarda", municipio=nine)
    city = make_event(event_index, title="Tutta la città")

    assert list(client.get(event_index.url, {"municipio": "9"}).context["page_obj"]) == [in_nine]
    assert list(client.get(event_index.url, {"municipio": "citta"}).context["page_obj"]) == [city]
    unfiltered = client.get(event_index.url, {"municipio": "nonsense"})
    assert unfiltered.context["page_obj"].paginator.count == 2


def test_listing_filters_by_month_in_milan_time(client, event_index):
    # 00:30 on 1 December in Milan is still 30 November in UTC.
    december = make_event(event_index, start=datetime(2026, 12, 1, 0, 30, tzinfo=MILAN))
    make_event(event_index, start=datetime(2026, 11, 30, 20, 0, tzinfo=MILAN))

    response = client.get(event_index.url, {"mese": "2026-12"})

    assert list(response.context["page_obj"]) == [december]
    assert 'value="2026-12" selected' in response.content.decode()


def test_listing_is_paginated_without_a_query_per_event(client, event_index):
    for number in range(12):
        event = make_event(event_index, title=f"Evento {number}")
        RegistrationFactory(event=event)
    client.get(event_index.url)  # creates the site settings rows once

    with CaptureQueriesContext(connection) as full_page:
        first = client.get(event_index.url)
    with CaptureQueriesContext(connection) as short_page:
        second = client.get(event_index.url, {"page": 2})

    assert len(first.context["page_obj"]) == 9
    assert len(second.context["page_obj"]) == 3
    assert len(full_page) == len(short_page)
    assert "9 posti disponibili" in first.content.decode()


def test_listing_has_an_empty_state(client, event_index):
    response = client.get(event_index.url, {"municipio": "3"})
    assert "Nessun evento corrisponde a questi filtri" in response.content.decode()


def test_event_page_shows_when_where_map_and_status(client, event_index):
    event = make_event(
        event_index,
        start=datetime(2026, 12, 12, 10, 0, tzinfo=MILAN),
        latitude="45.473060",
        longitude="9.178890",
        capacity=3,
    )
    RegistrationFactory(event=event)
    with time_in_milan(2026, 11, 22):
        response = client.get(event.url)
    html = response.content.decode()
    assert "12 dicembre 2026".lower() in html.lower()
    assert "dalle 10:00 alle 12:00" in html
    assert "https://www.openstreetmap.org/?mlat=45.473060&amp;mlon=9.178890" in html
    assert "Iscrizioni aperte: 2 posti disponibili" in html
    assert 'name="consent"' in html


def time_in_milan(*args):
    import time_machine

    return time_machine.travel(datetime(*args, 12, 0, tzinfo=MILAN), tick=False)


@pytest.mark.parametrize(
    ("fields", "registrations", "state", "text"),
    [
        ({}, 0, RegistrationState.OPEN, "Iscrizioni aperte"),
        ({"capacity": 1}, 1, RegistrationState.WAITLIST, "lista d'attesa aperta"),
        ({"capacity": 1, "waitlist_enabled": False}, 1, RegistrationState.FULL, "Completo"),
        ({"opens_in": timedelta(days=2)}, 0, RegistrationState.NOT_YET_OPEN, "Iscrizioni dal"),
        ({"closes_in": -timedelta(hours=1)}, 0, RegistrationState.CLOSED, "Iscrizioni chiuse"),
        ({"starts_in": -timedelta(days=2)}, 0, RegistrationState.OVER, "Evento concluso"),
        ({"registration_enabled": False}, 0, RegistrationState.NONE, "Ingresso libero"),
    ],
)
def test_registration_status_badge(client, event_index, fields, registrations, state, text):
    now = timezone.now()
    if "opens_in" in fields:
        fields["registration_opens_at"] = now + fields.pop("opens_in")
    if "closes_in" in fields:
        fields["registration_closes_at"] = now + fields.pop("closes_in")
    event = make_event(event_index, **fields)
    RegistrationFactory.create_batch(registrations, event=event)

    assert event.registration_state() == state
    html = client.get(event.url).content.decode()
    assert text in html
    assert ('name="consent"' in html) == (state in {"open", "waitlist"})


def test_home_page_lists_upcoming_events(client, event_index):
    upcoming = make_event(event_index, title="Laboratorio di quartiere")
    make_event(event_index, title="Incontro passato", starts_in=-timedelta(days=5))

    html = client.get("/").content.decode()

    assert "Prossimi eventi" in html
    assert upcoming.title in html
    assert "Incontro passato" not in html


def test_home_page_events_empty_state(client, home_page):
    assert "Non ci sono eventi in programma" in client.get("/").content.decode()


def test_demo_loads_the_seed_event_with_its_programme_and_speakers(client, home_page):
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())

    event = EventPage.objects.get(title="Un patto con i Municipi per Milano, Bene Comune")
    assert timezone.localtime(event.start) == datetime(2025, 12, 11, 17, 0, tzinfo=MILAN)
    assert timezone.localtime(event.end) == datetime(2025, 12, 11, 19, 30, tzinfo=MILAN)
    assert event.venue_name == "Sala Vitnam, Acquario Civico"
    assert [item.title for item in event.programme_items.all()] == [
        "Accrediti e Benvenuto",
        "Saluti Istituzionali",
        "Lectio Introduttiva",
        "Dialogo tra Esperienze",
        "Interventi dal pubblico e dibattito aperto",
        "Saluti finali e brindisi conclusivo",
    ]
    roles = {entry["speaker"].name: entry["roles"] for entry in event.speakers_with_roles}
    assert len(roles) == 9
    assert [str(role) for role in roles["Elena Taverna"]] == ["Moderazione"]
    assert [str(role) for role in roles["Aureliano Capri"]] == ["Sintesi visuale"]
    assert EventPage.objects.count() == 3
    assert EventPage.objects.live().upcoming().count() == 2

    html = client.get(event.url).content.decode()
    assert "Giuseppe Sala" in html and "Sintesi visuale" in html
    assert "Evento concluso" in html
    assert Page.objects.filter(slug="eventi").count() == 1
