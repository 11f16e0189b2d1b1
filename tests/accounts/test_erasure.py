"""Deleting an account erases the person from every app (issue 16 §5)."""

import json
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_q.models import OrmQ, Task
from django_q.tasks import async_task
from wagtail.contrib.forms.models import FormSubmission
from wagtail.log_actions import log

from events.models import Registration
from proposals.assembly.models import Attendance, BallotParticipation, Membership, PoolPerson
from proposals.emails import NotificationEmail
from proposals.models import Follow, Notification, Proposal, Support
from proposals.outbox.models import Message
from tests.assembly.factories import (
    CycleFactory,
    MembershipFactory,
    PlenaryFactory,
    PoolPersonFactory,
    RecommendationFactory,
)
from tests.events.factories import RegistrationFactory, make_event, make_index
from tests.factories import PASSWORD, UserFactory
from tests.manifattura.factories import make_form_page, make_minisite
from tests.proposals.factories import (
    CommentFactory,
    ProposalFactory,
    SupportFactory,
    make_consultation,
)

pytestmark = pytest.mark.django_db

FIRST_NAME, LAST_NAME, NICKNAME = "Ottavia", "Brambillasca", "ottavia_b42"
EMAIL = "ottavia.brambillasca@example.org"
SECOND_EMAIL = "o.b.milano@example.net"
TRACES = [FIRST_NAME, LAST_NAME, NICKNAME, EMAIL, SECOND_EMAIL]


@pytest.fixture
def person(db):
    user = UserFactory(email=EMAIL, first_name=FIRST_NAME, last_name=LAST_NAME, nickname=NICKNAME)
    EmailAddress.objects.create(user=user, email=SECOND_EMAIL, verified=True, primary=False)
    return user


def delete_account(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/profilo/elimina/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    return response


def rows_of_every_table():
    """Every value of every column of every table, as text."""
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            if model._meta.proxy or not model._meta.managed:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(model._meta.db_table)}")
            for row in cursor.fetchall():
                yield model._meta.label, " ".join(str(value) for value in row)


def decoded_rows():
    """What the database keeps encoded: session data and the task queue's pickles."""
    for session in Session.objects.all():
        yield "sessions.Session (decoded)", json.dumps(session.get_decoded())
    for queued in OrmQ.objects.all():
        yield "django_q.OrmQ (decoded)", repr(queued.task)
    for task in Task.objects.all():
        yield "django_q.Task (decoded)", repr((task.args, task.kwargs, task.result))


def traces_left():
    found = []
    for label, text in [*rows_of_every_table(), *decoded_rows()]:
        lowered = text.lower()
        found += [(label, trace) for trace in TRACES if trace.lower() in lowered]
    return found


def make_active_everywhere(person, client, on_commit):
    """The person registers for events, sends input, sits in the assembly, proposes, comments,
    supports, follows, gets notified, has mail queued and is logged in on two devices."""
    event = make_event(make_index(client.home_page))
    past_event = make_event(client.home_page_index, starts_in=timedelta(days=-30))
    event.questions.create(label="Esigenze alimentari o di salute", kind="short_text")
    registration = RegistrationFactory(
        event=event,
        user=person,
        name=f"{FIRST_NAME} {LAST_NAME}",
        email=EMAIL,
        answers=[{"question": "Esigenze", "answer": f"Celiachia, chiedere di {FIRST_NAME}"}],
    )
    RegistrationFactory(
        event=past_event, name=f"{FIRST_NAME} B.", email=SECOND_EMAIL, checked_in_at=timezone.now()
    )
    log(registration, "wagtail.edit")  # staff corrected it in the admin

    form_page = make_form_page(make_minisite(client.home_page)["home"])
    with on_commit(execute=True):
        client.post(
            form_page.url,
            {"email": EMAIL, "il_tuo_contributo": f"Sono {FIRST_NAME} {LAST_NAME}, artigiana."},
        )

    cycle = CycleFactory()
    membership = MembershipFactory(
        person=PoolPersonFactory(
            cycle=cycle, first_name=FIRST_NAME, last_name=LAST_NAME, email=EMAIL, phone="3331234"
        ),
        user=person,
    )
    log(membership.person, "wagtail.edit")
    Attendance.objects.create(
        membership=membership, plenary=PlenaryFactory(cycle=cycle), present=True
    )
    BallotParticipation.objects.create(
        recommendation=RecommendationFactory(cycle=cycle), membership=membership
    )
    next_cycle = CycleFactory(year=2027)
    not_drawn = PoolPersonFactory(
        cycle=next_cycle, first_name=FIRST_NAME, last_name=LAST_NAME, email=SECOND_EMAIL
    )
    log(not_drawn, "wagtail.edit")

    consultation = make_consultation()
    own = ProposalFactory(consultation=consultation, author=person, title="Più panchine")
    ProposalFactory(consultation=consultation, author=person, status=Proposal.Status.DRAFT)
    other = ProposalFactory(consultation=consultation, title="Cortili aperti")
    CommentFactory(proposal=other, author=person, body="<p>Ottima idea.</p>")
    CommentFactory(proposal=own, body="<p>La sostengo.</p>")
    deleted_comment = CommentFactory(
        proposal=own,
        author=person,
        body=f"<p>Scrivetemi, {FIRST_NAME} {LAST_NAME}.</p>",
        deleted_at=timezone.now(),
    )
    log(deleted_comment, "wagtail.edit")
    SupportFactory(user=person, proposal=other)
    SupportFactory(proposal=other)
    SupportFactory(proposal=own)
    for proposal in (own, other):
        proposal.support_count = proposal.supports.count()
        proposal.save(update_fields=["support_count"])
    Follow.objects.create(user=person, target=other)
    notification = Notification.objects.create(
        recipient=person,
        kind=Notification.Kind.NEW_COMMENT,
        consultation=consultation,
        proposal=own,
    )
    NotificationEmail.send(notification_id=notification.pk)

    log(person, "wagtail.edit")
    client.post("/account/password/reset/", {"email": EMAIL})  # its email still to be sent
    async_task(
        "cms.emails.deliver_rendered",
        "Reimposta la password",
        f"Ciao {NICKNAME}",
        "",
        "partecipa@example.org",
        [EMAIL],
        sync=False,
    )
    async_task(
        "proposals.emails.deliver",
        "proposals.emails.DigestEmail",
        {"user_id": person.pk, "notification_ids": [1]},
        sync=False,
    )
    client.force_login(person)
    Client().force_login(person)
    return own, other


@pytest.fixture
def everywhere(person, client, home_page, django_capture_on_commit_callbacks):
    client.home_page = home_page
    client.home_page_index = make_index(home_page)
    return make_active_everywhere(person, client, django_capture_on_commit_callbacks)


def test_deleting_the_account_leaves_no_trace_of_the_person_in_any_table(
    client, person, everywhere, django_capture_on_commit_callbacks
):
    where = {label for label, _trace in traces_left()}
    assert where >= {
        "events.Registration",
        "wagtailforms.FormSubmission",
        "assembly.PoolPerson",
        "proposals.Comment",
        "accounts.User",
        "account.EmailAddress",
        "outbox.Message",
        "wagtailcore.ModelLogEntry",
        "django_q.OrmQ (decoded)",
    }

    delete_account(client, django_capture_on_commit_callbacks)

    assert traces_left() == []


def test_support_counts_stay_right_after_the_deletion(
    client, person, everywhere, django_capture_on_commit_callbacks
):
    own, other = everywhere

    delete_account(client, django_capture_on_commit_callbacks)

    for proposal, expected in ((own, 1), (other, 2)):
        proposal.refresh_from_db()
        assert (
            proposal.support_count == expected == Support.objects.filter(proposal=proposal).count()
        )


def test_the_deleted_persons_proposals_and_comments_read_deleted_user(
    client, person, everywhere, django_capture_on_commit_callbacks
):
    own, other = everywhere

    delete_account(client, django_capture_on_commit_callbacks)

    for proposal in (own, other):
        html = client.get(proposal.get_absolute_url()).content.decode()
        assert "utente cancellato" in html
        assert NICKNAME not in html


def test_what_only_the_person_saw_is_gone_and_what_they_published_stays(
    client, person, everywhere, django_capture_on_commit_callbacks
):
    delete_account(client, django_capture_on_commit_callbacks)

    assert not Proposal.objects.filter(status=Proposal.Status.DRAFT).exists()
    assert Proposal.objects.filter(author=person, title="Più panchine").exists()
    assert not Follow.objects.filter(user=person).exists()
    assert not Notification.objects.filter(recipient=person).exists()
    assert not FormSubmission.objects.exists()
    assert not Session.objects.exists()
    assert not OrmQ.objects.exists()
    assert not Message.objects.filter(key__startswith="manifattura.submission:").exists()
    assert not Message.objects.filter(key__contains="NotificationEmail").exists()


def test_assembly_records_keep_only_the_nameless_membership(
    client, person, everywhere, django_capture_on_commit_callbacks
):
    delete_account(client, django_capture_on_commit_callbacks)

    membership = Membership.objects.get()
    assert membership.user is None
    assert not membership.active and membership.lapsed_at
    assert membership.attendances.count() == 1
    assert BallotParticipation.objects.filter(membership=membership).count() == 1
    drawn = membership.person
    assert (drawn.first_name, drawn.last_name, drawn.email, drawn.phone) == ("", "", "", "")
    assert drawn.external_id and drawn.age_band == "25-44"
    assert not drawn.consents_to_publication
    assert not PoolPerson.objects.filter(cycle__year=2027).exists()


def test_event_registrations_keep_their_figures_and_free_the_seat(
    client, person, home_page, django_capture_on_commit_callbacks
):
    event = make_event(make_index(home_page), capacity=1)
    RegistrationFactory(event=event, user=person, email=EMAIL)
    waiting = RegistrationFactory(
        event=event, status=Registration.Status.WAITLISTED, waitlisted_at=timezone.now()
    )
    client.force_login(person)

    delete_account(client, django_capture_on_commit_callbacks)

    erased = event.registrations.get(anonymised_at__isnull=False)
    assert (erased.name, erased.email, erased.user, erased.answers) == ("", "", None, [])
    assert erased.status == Registration.Status.CANCELLED
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_only_addresses_the_person_confirmed_reach_data_not_linked_to_the_account(
    client, person, home_page, django_capture_on_commit_callbacks
):
    EmailAddress.objects.create(user=person, email="non.mia@example.org", verified=False)
    event = make_event(make_index(home_page))
    someone_else = RegistrationFactory(
        event=event, name="Altra persona", email="non.mia@example.org"
    )
    client.force_login(person)

    delete_account(client, django_capture_on_commit_callbacks)

    someone_else.refresh_from_db()
    assert someone_else.name == "Altra persona"
    assert someone_else.anonymised_at is None


def test_other_peoples_sessions_and_queued_mail_are_kept(
    client, person, django_capture_on_commit_callbacks
):
    other = UserFactory()
    other_device = Client()
    other_device.force_login(other)
    async_task(
        "cms.emails.deliver_rendered",
        "Oggetto",
        "Testo",
        "",
        "partecipa@example.org",
        [other.email],
        sync=False,
    )
    client.force_login(person)

    delete_account(client, django_capture_on_commit_callbacks)

    assert other_device.get("/account/profilo/").status_code == 200
    assert [queued.task["args"][-1] for queued in OrmQ.objects.all()] == [[other.email]]


def test_a_failure_in_any_app_erases_nothing(
    client, person, home_page, monkeypatch, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(event=make_event(make_index(home_page)), user=person)
    client.force_login(person)

    def broken(user):
        raise RuntimeError("the assembly's erasure failed")

    monkeypatch.setattr("proposals.assembly.privacy.erase_personal_data", broken)
    with pytest.raises(RuntimeError):
        delete_account(client, django_capture_on_commit_callbacks)

    registration.refresh_from_db()
    person.refresh_from_db()
    assert registration.user == person and registration.anonymised_at is None
    assert person.is_active and person.email == EMAIL
