"""Events in the site search, found also by the names of their speakers.

The search index is written when a page's row is saved, before its programme (a child
relation) is: an event is indexed again once published, and when one of its speakers changes.
"""

from django.db.models.signals import post_save
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.models import ReferenceIndex
from wagtail.search import index
from wagtail.signals import page_published

from cms.search import search_results
from events.models import EventPage, Speaker


def event_kind(request, query):
    events = search_results(EventPage.objects.live().public(), query)
    return {
        "kind": "event",
        "label": _("Events"),
        "order": 50,
        "results": [
            {
                "title": event.title,
                "url": event.get_url(request),
                "summary": Truncator(event.summary).words(30),
                "date": event.start,
                "place": f"cms.municipio:{event.municipio_id}" if event.municipio_id else None,
            }
            for event in events
        ],
        "covers": [EventPage],
    }


def index_with_programme(sender, instance, **kwargs):
    index.insert_or_update_object(instance)


def index_events_of_speaker(sender, instance, raw=False, **kwargs):
    if raw:
        return
    references = ReferenceIndex.get_references_to(instance).values_list("object_id", flat=True)
    for event in EventPage.objects.filter(pk__in=[int(pk) for pk in references]):
        index.insert_or_update_object(event)


def connect():
    page_published.connect(index_with_programme, sender=EventPage)
    post_save.connect(index_events_of_speaker, sender=Speaker)
