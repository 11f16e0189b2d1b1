"""Bad input to the events' public URLs gets a 404 or a message; floods of emails are limited;
no answer tells whether an address is registered."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from events.models import Registration
from tests.events.factories import RegistrationFactory, make_event
from tests.factories import MunicipioFactory

pytestmark = pytest.mark.django_db

TOO_LARGE_ID = 2**63


def register(client, event, capture, email="giulia@example.org"):
    data = {"name": "Giulia Bianchi", "email": email, "consent": "on"}
    with capture(execute=True):
        return client.post(event.url, data)


def resend(client, event, capture, email, follow=True):
    with capture(execute=True):
        return client.post(
            reverse("events:resend"), {"event": event.pk, "email": email}, follow=follow
        )


def without(text, *words):
    """The page without the given words and without its CSRF tokens, which differ every time."""
    for word in words:
        text = text.replace(word, "")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)


def test_listing_ignores_filters_that_are_not_valid(client, event_index):
    event = make_event(event_index, municipio=MunicipioFactory(number=2))
    for query in ["municipio=²", "municipio=99999999999999999999999", "mese=2026-13", "mese=%00"]:
        response = client.get(f"{event_index.url}?{query}")
        assert response.status_code == 200
        assert event.title in response.content.decode(), query


def test_listing_filters_by_month(client, event_index, event):
    month = event.start.strftime("%Y-%m")
    assert event.title in client.get(event_index.url, {"mese": month}).content.decode()
    assert event.title not in client.get(event_index.url, {"mese": "2001-01"}).content.decode()
    assert client.get(event_index.url, {"mese": "9999-12"}).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        f"/eventi/calendario/evento-{TOO_LARGE_ID}.ics",
        f"/eventi/calendario/evento-{TOO_LARGE_ID - 1}.ics",
        f"/eventi/calendario/municipio-{TOO_LARGE_ID}.ics",
        f"/partecipa/consultazioni/{TOO_LARGE_ID}/proposte.csv",
        f"/partecipa/consultazioni/{TOO_LARGE_ID}/proposte.json",
        f"/partecipa/proposte/{TOO_LARGE_ID}/",
    ],
)
def test_ids_too_large_for_any_table_are_not_found(client, home_page, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("event_id", ["abc", str(TOO_LARGE_ID), ""])
def test_resend_for_an_event_that_cannot_exist_is_not_found(client, event, event_id):
    response = client.post(reverse("events:resend"), {"event": event_id, "email": "a@example.org"})
    assert response.status_code == 404


def test_resend_to_an_invalid_address_says_so_and_sends_nothing(
    client, event, django_capture_on_commit_callbacks
):
    RegistrationFactory(event=event, email="giulia@example.org")
    response = resend(client, event, django_capture_on_commit_callbacks, "giulia\x00@example.org")
    assert response.status_code == 200
    assert "Inserisci un indirizzo email valido" in response.content.decode()
    assert mail.outbox == []


def test_resend_answers_the_same_for_a_registered_and_an_unknown_address(
    client, event, django_capture_on_commit_callbacks
):
    RegistrationFactory(event=event, email="giulia@example.org")
    known = resend(client, event, django_capture_on_commit_callbacks, "giulia@example.org")
    assert len(mail.outbox) == 1
    unknown = resend(client, event, django_capture_on_commit_callbacks, "nessuno@example.org")
    assert len(mail.outbox) == 1

    assert known.status_code == unknown.status_code == 200
    assert "abbiamo inviato di nuovo" in known.content.decode()
    assert without(known.content.decode(), "giulia@example.org") == without(
        unknown.content.decode(), "nessuno@example.org"
    )


def test_registering_answers_the_same_for_a_registered_and_a_new_address(
    client, event, django_capture_on_commit_callbacks
):
    RegistrationFactory(event=event, email="giulia@example.org")
    known = register(client, event, django_capture_on_commit_callbacks, "giulia@example.org")
    new = register(client, event, django_capture_on_commit_callbacks, "marco@example.org")

    assert known.status_code == new.status_code == 200
    assert [t.name for t in known.templates] == [t.name for t in new.templates]
    assert without(known.content.decode(), "giulia@example.org") == without(
        new.content.decode(), "marco@example.org"
    )
    assert event.registrations.filter(email="giulia@example.org").count() == 1
    assert sorted(message.to[0] for message in mail.outbox) == [
        "giulia@example.org",
        "marco@example.org",
    ]


def test_registrations_are_limited_per_email_address(
    client, event, settings, django_capture_on_commit_callbacks
):
    settings.SITE_RATE_LIMITS = {"event_registration": ("100/h", "2/h")}
    for _attempt in range(2):
        register(client, event, django_capture_on_commit_callbacks)
    sent = len(mail.outbox)

    response = register(client, event, django_capture_on_commit_callbacks)

    assert "troppe volte" in response.content.decode()
    assert len(mail.outbox) == sent
    assert Registration.objects.count() == 1


def test_registrations_are_limited_per_ip_address(
    client, event, settings, django_capture_on_commit_callbacks
):
    settings.SITE_RATE_LIMITS = {"event_registration": ("2/h", "100/h")}
    register(client, event, django_capture_on_commit_callbacks, "uno@example.org")
    register(client, event, django_capture_on_commit_callbacks, "due@example.org")

    response = register(client, event, django_capture_on_commit_callbacks, "tre@example.org")

    assert "troppe volte" in response.content.decode()
    assert not Registration.objects.filter(email="tre@example.org").exists()
    assert len(mail.outbox) == 2
    register(
        Client(REMOTE_ADDR="10.0.0.2"), event, django_capture_on_commit_callbacks, "tre@example.org"
    )
    assert Registration.objects.filter(email="tre@example.org").exists()


def test_resending_is_limited_per_email_address(
    client, event, settings, django_capture_on_commit_callbacks
):
    settings.SITE_RATE_LIMITS = {"registration_resend": ("100/h", "1/h")}
    resend(client, event, django_capture_on_commit_callbacks, "giulia@example.org")
    RegistrationFactory(event=event, email="giulia@example.org")

    response = resend(client, event, django_capture_on_commit_callbacks, "giulia@example.org")

    assert "troppe volte" in response.content.decode()
    assert mail.outbox == []
