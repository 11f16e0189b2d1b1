"""Helpers to build City answers on generic targets (auth groups stand in for proposals)."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from proposals.responses.models import Office, Response, ResponseState
from proposals.responses.services import hand_to_city


def make_target(name):
    return Group.objects.create(name=name)


def aware(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def handed(name, *, when=None, group=None, term_months=None):
    return hand_to_city(
        make_target(name),
        handed_at=when or timezone.now(),
        reason=Response.Reason.SENT_BY_STAFF,
        term_months=term_months,
        group=group,
    )


def state(slug):
    """A state of the migrated list (recreated if a transactional test flushed the tables)."""
    return ResponseState.objects.get_or_create(
        slug=slug, defaults={"name": slug.replace("-", " ").capitalize()}
    )[0]


def published_example():
    """A dossier with one published answer (with progress) and one overdue item, made once."""
    existing = Response.objects.filter(target_title="Comunità energetiche", live=True).first()
    if existing:
        return existing
    report = make_target("Report Annuale dei Lavori APCC 2025")
    handed("Tetti verdi", when=aware(2025, 1, 10), group=report)
    answer = publish(
        handed("Comunità energetiche", when=aware(2025, 1, 10), group=report),
        answer="<p>Il Comune accoglie la raccomandazione.</p>",
        office_name="Direzione Energia e Clima",
    )
    answer.progress.create(percentage=30, status="in_progress", note="Bando pubblicato.")
    return answer


def office(name="Direzione Verde e Ambiente"):
    return Office.objects.get_or_create(name=name)[0]


def publish(response, *, user=None, answer=None, state_slug="accolta", office_name=None, **fields):
    """Write the answer into a revision and publish it, as the workflow's last step does."""
    response = Response.objects.get(pk=response.pk)
    if answer is not None:
        response.answer = answer
    response.state = state(state_slug)
    if office_name:
        response.office = office(office_name)
    for name, value in fields.items():
        setattr(response, name, value)
    revision = response.save_revision(user=user)
    revision.publish(user=user)
    return Response.objects.get(pk=response.pk)
