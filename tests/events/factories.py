from datetime import timedelta

import factory
from django.utils import timezone

from events.models import EventIndexPage, EventPage, Registration

PRIVACY = "<p>Il Comune di Milano tratta i dati per gestire l'iscrizione.</p>"


def make_index(home_page):
    index = EventIndexPage.objects.child_of(home_page).first()
    if index:
        return index
    return home_page.add_child(instance=EventIndexPage(title="Eventi", slug="eventi"))


def make_event(index, *, title="Assemblea di quartiere", starts_in=timedelta(days=10), **fields):
    start = fields.pop("start", (timezone.now() + starts_in).replace(second=0, microsecond=0))
    defaults = {
        "summary": "Un incontro pubblico nel Municipio.",
        "end": start + timedelta(hours=2),
        "venue_name": "Sala consiliare",
        "venue_address": "via Guerzoni 38, Milano",
        "registration_enabled": True,
        "capacity": 10,
        "waitlist_enabled": True,
        "privacy_text": PRIVACY,
    }
    defaults.update(fields)
    slug = fields.pop("slug", None) or f"evento-{EventPage.objects.count() + 1}"
    return index.add_child(instance=EventPage(title=title, slug=slug, start=start, **defaults))


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    name = factory.Sequence(lambda n: f"Persona {n}")
    email = factory.Sequence(lambda n: f"persona{n}@example.org")
    consent_at = factory.LazyFunction(timezone.now)
    status = Registration.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
