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
    return ResponseState.objects.get(slug=slug)


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
