from wagtail.signals import page_published

from events import search, services
from events.models import EventPage


def give_new_seats_to_the_waiting_list(sender, instance, **kwargs):
    services.fill_free_seats(instance.pk)


def connect():
    page_published.connect(give_new_seats_to_the_waiting_list, sender=EventPage)
    search.connect()
