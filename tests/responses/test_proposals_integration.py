"""The answer record follows the citizen proposal: clock, notifications, detail page, timeline."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from proposals import services as proposal_services
from proposals.models import Notification, Proposal
from proposals.phases import PhaseKind
from proposals.responses.models import Response
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory, make_consultation
from tests.responses.factories import aware, publish


@pytest.fixture
def proposal(home_page):
    consultation = make_consultation(
        phase_kind=PhaseKind.INSTITUTIONAL_RESPONSE, title="Milano più fresca", support_threshold=2
    )
    return ProposalFactory(consultation=consultation, title="Più alberi in via Padova")


def reach_threshold(proposal, django_capture_on_commit_callbacks):
    """As two supports would (the support phase itself is tested by the core plugin)."""
    Proposal.objects.filter(pk=proposal.pk).update(
        support_count=2, threshold_reached_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        proposal_services.threshold_reached(proposal)


def test_reaching_the_threshold_hands_the_proposal_to_the_city(
    proposal, django_capture_on_commit_callbacks
):
    with time_machine.travel(aware(2026, 12, 31), tick=False):
        reach_threshold(proposal, django_capture_on_commit_callbacks)
    response = Response.objects.get()
    assert response.target == proposal
    assert response.reason == Response.Reason.THRESHOLD
    assert response.due_date == datetime.date(2027, 2, 28)
    assert response.dossier.title == "Milano più fresca"


def test_staff_sending_uses_the_consultation_term(
    proposal, staff_user, django_capture_on_commit_callbacks
):
    proposal.consultation.response_term_months = 3
    proposal.consultation.save()
    with (
        time_machine.travel(aware(2026, 1, 31), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        proposal_services.send_to_city(staff_user, Proposal.objects.get(pk=proposal.pk))
    response = Response.objects.get()
    assert response.reason == Response.Reason.SENT_BY_STAFF
    assert response.due_date == datetime.date(2026, 4, 30)


def test_publishing_notifies_author_and_followers_exactly_once(
    proposal, django_capture_on_commit_callbacks
):
    follower = UserFactory()
    proposal_services.follow(follower, proposal)
    proposal_services.follow(proposal.author, proposal)
    reach_threshold(proposal, django_capture_on_commit_callbacks)
    response = Response.objects.get()
    mail.outbox.clear()
    Notification.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        response = publish(response, answer="<p>Pianteremo 40 alberi entro l'autunno.</p>")
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([proposal.author.email, follower.email])
    assert Notification.objects.filter(kind="answered").count() == 2
    proposal.refresh_from_db()
    assert proposal.answered_at == response.answered_at

    with django_capture_on_commit_callbacks(execute=True):
        response = publish(response, answer="<p>Correzione: 45 alberi.</p>")
    assert len(mail.outbox) == 2  # a correction without "notify again" stays quiet

    with django_capture_on_commit_callbacks(execute=True):
        response = publish(response, answer="<p>Correzione: 50 alberi.</p>", notify_again=True)
    assert len(mail.outbox) == 4
    assert not Response.objects.get(pk=response.pk).notify_again
    with django_capture_on_commit_callbacks(execute=True):
        publish(response, answer="<p>Refuso.</p>")
    assert len(mail.outbox) == 4


def test_the_edit_form_never_starts_with_notify_again_ticked(proposal, staff_user, client):
    from proposals.responses.services import hand_to_city

    response = hand_to_city(proposal, reason="threshold")
    response = publish(response, answer="<p>Sì.</p>", notify_again=True)
    client.force_login(staff_user)
    form = client.get(f"/admin/snippets/responses/response/edit/{response.pk}/").context["form"]
    assert form.initial["notify_again"] is False


def test_the_proposal_page_shows_the_answer_and_the_timeline(
    proposal, client, django_capture_on_commit_callbacks
):
    with time_machine.travel(aware(2026, 1, 10), tick=False):
        reach_threshold(proposal, django_capture_on_commit_callbacks)
    url = proposal.get_absolute_url()
    with time_machine.travel(aware(2026, 3, 20), tick=False):
        html = client.get(url).content.decode()
        assert "Consegnato al Comune il" in html
        assert "La risposta è in ritardo di 10 giorni." in html
    # Back to today, when the consultation's answer phase is open.
    response = publish(
        Response.objects.get(),
        answer="<p>Il Comune accoglie la proposta.</p>",
        office_name="Direzione Verde e Ambiente",
    )
    response.progress.create(percentage=40, status="in_progress", note="Primi 16 alberi.")
    html = client.get(url).content.decode()
    assert "La risposta del Comune" in html
    assert "Il Comune accoglie la proposta." in html
    assert "Direzione Verde e Ambiente" in html
    assert "Primi 16 alberi." in html
    assert "avanzamento: 40%" in html


def test_answers_stay_hidden_while_the_consultation_holds_them_back(
    home_page, client, django_capture_on_commit_callbacks
):
    consultation = make_consultation(phase_kind=PhaseKind.SUPPORT_COLLECTION)
    proposal = ProposalFactory(consultation=consultation)
    from proposals.responses.services import hand_to_city

    response = publish(hand_to_city(proposal, reason="threshold"), answer="<p>Riservata.</p>")
    assert "Riservata" not in client.get(proposal.get_absolute_url()).content.decode()
    assert "Riservata" not in client.get("/risposte/").content.decode()
    assert client.get(response.get_absolute_url()).status_code == 404
