"""A published answer is readable the moment it counts: at once, or when the consultation's
phases show answers, never later than its due date; its people hear of it once, when they can
read it; the figures agree with what a reader can open (issue 18)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import PageViewRestriction

from proposals import outbox
from proposals import services as proposal_services
from proposals.models import Notification, Phase
from proposals.phases import PhaseKind
from proposals.responses.dashboard import deadlines_by_office
from proposals.responses.models import Response, start_of
from proposals.responses.services import hand_to_city
from proposals.responses.stats import summary
from tests.assembly.factories import RecommendationFactory
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory, make_consultation
from tests.responses.factories import publish

ANSWER = "<p>Pianteremo quaranta alberi in via Padova.</p>"


def answered_notifications():
    return Notification.objects.filter(kind=Notification.Kind.ANSWERED).count()


def handed_proposal(consultation):
    proposal = ProposalFactory(consultation=consultation, title="Più alberi in via Padova")
    proposal_services.follow(UserFactory(), proposal)
    return proposal, hand_to_city(proposal, reason=Response.Reason.SENT_BY_STAFF)


def holding_back_until(days):
    """A consultation collecting supports now, whose answer phase opens in `days` days."""
    consultation = make_consultation(PhaseKind.SUPPORT_COLLECTION)
    opens = timezone.now() + timedelta(days=days)
    Phase.objects.create(
        page=consultation,
        kind=PhaseKind.INSTITUTIONAL_RESPONSE,
        start=opens,
        end=opens + timedelta(days=5),
    )
    return consultation, opens


def publish_answer(response, capture):
    with capture(execute=True):
        return publish(response, answer=ANSWER, office_name="Direzione Verde e Ambiente")


def surfaces(proposal, response):
    return [
        proposal.get_absolute_url(),
        "/risposte/",
        response.get_absolute_url(),
        response.dossier.get_absolute_url(),
    ]


def pages_showing_the_answer(client, proposal, response):
    """Where the answer's text, or on the list of answers its link, is shown."""
    link = f'href="{response.get_absolute_url()}"'
    shown = []
    for url in surfaces(proposal, response):
        page = client.get(url)
        html = page.content.decode()
        if page.status_code == 200 and ("quaranta alberi" in html or link in html):
            shown.append(url)
    return shown


def readable_everywhere(client, proposal, response):
    return pages_showing_the_answer(client, proposal, response) == surfaces(proposal, response)


def readable_nowhere(client, proposal, response):
    return pages_showing_the_answer(client, proposal, response) == []


@pytest.mark.django_db
def test_an_answer_in_an_answer_phase_is_readable_on_every_surface_at_once(
    client, site, django_capture_on_commit_callbacks
):
    proposal, response = handed_proposal(make_consultation(PhaseKind.INSTITUTIONAL_RESPONSE))

    response = publish_answer(response, django_capture_on_commit_callbacks)

    assert pages_showing_the_answer(client, proposal, response) == surfaces(proposal, response)
    export = client.get("/risposte/export.csv").content.decode()
    assert "quaranta alberi" in export
    assert answered_notifications() == 2
    assert proposal.__class__.objects.get(pk=proposal.pk).answered_at == response.answered_at


@pytest.mark.django_db
def test_a_held_back_answer_is_read_and_notified_once_when_its_phase_opens(
    client, site, django_capture_on_commit_callbacks
):
    consultation, opens = holding_back_until(days=20)
    proposal, response = handed_proposal(consultation)

    response = publish_answer(response, django_capture_on_commit_callbacks)

    assert pages_showing_the_answer(client, proposal, response) == []
    assert "quaranta alberi" not in client.get("/risposte/export.csv").content.decode()
    assert outbox.drain() == 0
    assert answered_notifications() == 0
    assert proposal.__class__.objects.get(pk=proposal.pk).answered_at is None
    with time_machine.travel(opens + timedelta(minutes=1), tick=False):
        assert readable_everywhere(client, proposal, response)
        assert outbox.drain() == 1  # the answer's fan-out; then the emails it recorded
        outbox.drain()
    with time_machine.travel(opens + timedelta(days=1), tick=False):
        assert outbox.drain() == 0
    assert answered_notifications() == 2


@pytest.mark.django_db
def test_the_due_date_wins_over_a_later_answer_phase(
    client, site, django_capture_on_commit_callbacks
):
    consultation, opens = holding_back_until(days=90)
    proposal, response = handed_proposal(consultation)
    due = start_of(response.due_date)
    assert due < opens

    response = publish_answer(response, django_capture_on_commit_callbacks)

    assert response.visible_from() == due
    with time_machine.travel(due - timedelta(minutes=1), tick=False):
        assert readable_nowhere(client, proposal, response)
        assert outbox.drain() == 0
    with time_machine.travel(due + timedelta(minutes=1), tick=False):
        assert readable_everywhere(client, proposal, response)
        assert outbox.drain() == 1
    assert answered_notifications() == 2


@pytest.mark.django_db
def test_an_answer_phase_moved_later_after_publication_still_notifies_once_when_readable(
    site, django_capture_on_commit_callbacks
):
    consultation, opens = holding_back_until(days=20)
    proposal, response = handed_proposal(consultation)
    response = publish_answer(response, django_capture_on_commit_callbacks)
    later = opens + timedelta(days=10)
    Phase.objects.filter(page=consultation, kind=PhaseKind.INSTITUTIONAL_RESPONSE).update(
        start=later, end=later + timedelta(days=5)
    )

    with time_machine.travel(opens + timedelta(minutes=1), tick=False):
        outbox.drain()
    assert answered_notifications() == 0
    with time_machine.travel(later + timedelta(minutes=1), tick=False):
        outbox.drain()
        outbox.drain()
    assert answered_notifications() == 2


@pytest.mark.django_db
def test_staff_see_when_a_held_back_answer_becomes_visible(
    site, django_capture_on_commit_callbacks
):
    consultation, opens = holding_back_until(days=20)
    _proposal, response = handed_proposal(consultation)
    publish_answer(response, django_capture_on_commit_callbacks)

    [(_office, [row])] = deadlines_by_office()

    assert row.pk == response.pk
    assert row.shown_from == opens


@pytest.mark.django_db
def test_the_figures_count_what_readers_can_open(site, django_capture_on_commit_callbacks):
    consultation, _opens = holding_back_until(days=20)
    _proposal, held_back = handed_proposal(consultation)
    publish_answer(held_back, django_capture_on_commit_callbacks)
    overdue = ProposalFactory(consultation=consultation)
    hand_to_city(
        overdue,
        reason=Response.Reason.SENT_BY_STAFF,
        handed_at=timezone.now() - timedelta(days=90),
    )

    figures = summary(Response.objects.all())

    assert (figures["on_time"], figures["late"], figures["overdue"]) == (1, 0, 1)
    assert figures["median_days"] == 0


@pytest.mark.django_db
def test_a_dossier_answer_and_its_recommendation_link_to_each_other(
    client, site, django_capture_on_commit_callbacks
):
    recommendation = RecommendationFactory()
    response = hand_to_city(recommendation, reason=Response.Reason.ASSEMBLY_REPORT)
    response = publish_answer(response, django_capture_on_commit_callbacks)

    dossier_page = client.get(response.dossier.get_absolute_url()).content.decode()
    recommendation_page = client.get(recommendation.get_absolute_url()).content.decode()

    assert f'href="{recommendation.get_absolute_url()}"' in dossier_page
    assert f'href="{response.get_absolute_url()}"' in recommendation_page
    assert "quaranta alberi" in recommendation_page


@pytest.mark.django_db
def test_the_answer_to_a_proposal_of_a_private_consultation_is_as_private(
    client, site, django_capture_on_commit_callbacks
):
    consultation = make_consultation(PhaseKind.INSTITUTIONAL_RESPONSE)
    proposal, response = handed_proposal(consultation)
    response = publish_answer(response, django_capture_on_commit_callbacks)
    PageViewRestriction.objects.create(
        page=consultation, restriction_type=PageViewRestriction.PASSWORD, password="clima"
    )
    answer_page = client.get(response.get_absolute_url())
    assert "quaranta alberi" not in answer_page.content.decode()
    assert "password" in answer_page.content.decode().lower()
