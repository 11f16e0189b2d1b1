"""Side effects exactly once (issue 17), under faults and concurrency (those on PostgreSQL).

The hand-over to the City is recorded with the threshold mark and survives a queue that is
down or a handler that fails; a worker killed mid-batch loses and doubles nothing; the same
comment sent ten times is stored once; twenty parallel withdrawals answer "withdrawn" once."""

import uuid
from datetime import timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from proposals import conf, outbox, services
from proposals.emails import NotificationEmail
from proposals.models import Comment, Notification, Proposal, Support
from proposals.outbox.models import Message
from proposals.phases import PhaseKind
from proposals.responses.models import Response
from tests.concurrency import on_postgresql, run_in_threads
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory, make_consultation


def queue_down(*args, **kwargs):
    raise ConnectionError("broker unreachable")


@pytest.fixture
def proposal_at_the_threshold(live_site):
    """One support short of the threshold, followed by three people."""
    consultation = make_consultation(PhaseKind.SUPPORT_COLLECTION, support_threshold=2)
    proposal = ProposalFactory(consultation=consultation)
    services.support(UserFactory(), proposal)
    for follower in UserFactory.create_batch(3):
        services.follow(follower, proposal)
    return proposal


def support_through_the_site(proposal):
    client = Client()
    client.force_login(UserFactory())
    return client.post(reverse("proposals:proposal_support", args=[proposal.pk]))


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_queue_down_after_the_threshold_loses_no_hand_over(
    proposal_at_the_threshold, monkeypatch
):
    proposal = proposal_at_the_threshold
    monkeypatch.setattr("django_q.tasks.async_task", queue_down)

    answer = support_through_the_site(proposal)

    assert answer.status_code == 302  # committed, so never a 500
    assert Proposal.objects.get(pk=proposal.pk).threshold_reached_at is not None
    assert not Response.objects.exists()
    monkeypatch.undo()

    outbox.drain()
    outbox.drain()

    response = Response.objects.get()
    assert response.handed_at == Proposal.objects.get(pk=proposal.pk).threshold_reached_at
    assert Notification.objects.filter(kind=Notification.Kind.THRESHOLD_REACHED).count() == 3
    assert len(mail.outbox) == 3


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failing_hand_over_is_retried_and_happens_once(proposal_at_the_threshold, monkeypatch):
    proposal = proposal_at_the_threshold

    def database_timeout(proposal_id):
        raise TimeoutError("canceling statement due to statement timeout")

    monkeypatch.setattr(services, "announce_threshold", database_timeout)
    answer = support_through_the_site(proposal)
    monkeypatch.undo()

    assert answer.status_code == 302
    row = Message.objects.get(key=f"proposals.threshold_reached:{proposal.pk}")
    assert row.status == Message.Status.PENDING and "statement timeout" in row.last_error
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        outbox.drain()
        outbox.drain()

    assert Response.objects.count() == 1
    assert Notification.objects.filter(kind=Notification.Kind.THRESHOLD_REACHED).count() == 3
    assert len(mail.outbox) == 3


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_batch_delivers_each_email_once(live_site, monkeypatch):
    proposal = ProposalFactory(consultation=make_consultation(PhaseKind.SUPPORT_COLLECTION))
    people = UserFactory.create_batch(150)
    monkeypatch.setattr("django_q.tasks.async_task", queue_down)
    with transaction.atomic():
        notifications = Notification.objects.bulk_create(
            Notification(recipient=user, kind=Notification.Kind.ANSWERED, proposal=proposal)
            for user in people
        )
        NotificationEmail.send_many([{"notification_id": n.pk} for n in notifications])
    monkeypatch.undo()
    killed = Message.objects.order_by("pk").values_list("pk", flat=True)[:60]
    Message.objects.filter(pk__in=list(killed)).update(  # claimed, then the worker was killed
        status=Message.Status.SENDING, attempts=1, lease_until=timezone.now() - timedelta(seconds=1)
    )

    run_in_threads([outbox.drain] * 3)  # three workers re-driving at once

    recipients = [message.to[0] for message in mail.outbox]
    assert len(recipients) == 150
    assert sorted(recipients) == sorted(user.email for user in people)
    assert Message.objects.filter(status=Message.Status.SENT).count() == 150


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_identical_comment_posts_store_one_comment(live_site):
    consultation = make_consultation(PhaseKind.SUPPORT_COLLECTION)
    proposal = ProposalFactory(consultation=consultation)
    follower = UserFactory()
    services.follow(follower, proposal)
    author = UserFactory()
    form = {"body": "Serve più ombra.", "position": "neutral", "submission_token": uuid.uuid4()}
    url = reverse("proposals:comment_create", args=["proposta", proposal.pk])

    def post():
        client = Client()
        client.force_login(author)
        return client.post(url, form).status_code

    statuses = run_in_threads([post] * 10)

    assert statuses == [302] * 10
    assert Comment.objects.filter(author=author).count() == 1
    assert Notification.objects.filter(recipient=follower).count() == 1
    assert [m.to for m in mail.outbox].count([follower.email]) == 1


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_parallel_withdrawals_answer_withdrawn_once(live_site):
    proposal = ProposalFactory(consultation=make_consultation(PhaseKind.SUPPORT_COLLECTION))
    citizen = UserFactory()
    services.support(citizen, proposal)
    url = reverse("proposals:proposal_unsupport", args=[proposal.pk])

    def withdraw():
        client = Client()
        client.force_login(citizen)
        answer = client.post(url)
        return [str(message) for message in get_messages(answer.wsgi_request)]

    answers = run_in_threads([withdraw] * 20)

    said = [text for messages in answers for text in messages]
    assert said.count("Il tuo sostegno è ritirato.") == 1
    assert said.count("Non sostieni questa proposta.") == 19
    assert not Support.objects.exists()
    assert Proposal.objects.get(pk=proposal.pk).support_count == 0


def proposal_form(consultation, token, title="Più alberi in via Padova"):
    return {
        "title": title,
        "body": "Piantare cento alberi lungo via Padova per fare ombra d'estate.",
        "theme": consultation.themes.first().pk,
        "submission_token": token,
        "action": "draft",
    }


@pytest.mark.django_db
def test_a_proposal_form_sent_again_does_not_spend_the_rate_limit(client, site, citizen):
    consultation = make_consultation(PhaseKind.PROPOSAL_COLLECTION)
    url = reverse("proposals:proposal_create", args=[consultation.pk])
    client.force_login(citizen)
    form = proposal_form(consultation, uuid.uuid4())
    limit, _window = conf.get("PROPOSALS_RATE_LIMITS")["proposal"]

    for _ in range(limit + 2):
        assert client.post(url, form).status_code == 302

    other = client.post(url, proposal_form(consultation, uuid.uuid4(), title="Una panchina"))
    assert other.status_code == 302
    assert Proposal.objects.filter(author=citizen).count() == 2


@pytest.mark.django_db
def test_a_comment_form_sent_again_does_not_spend_the_rate_limit(client, site, citizen):
    proposal = ProposalFactory(consultation=make_consultation(PhaseKind.SUPPORT_COLLECTION))
    url = reverse("proposals:comment_create", args=["proposta", proposal.pk])
    client.force_login(citizen)
    form = {"body": "Serve più ombra.", "position": "neutral", "submission_token": uuid.uuid4()}
    limit, _window = conf.get("PROPOSALS_RATE_LIMITS")["comment"]

    for _ in range(limit + 2):
        client.post(url, form)
    client.post(url, {**form, "body": "E più panchine.", "submission_token": uuid.uuid4()})

    assert Comment.objects.filter(author=citizen).count() == 2
