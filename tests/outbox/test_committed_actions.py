"""A committed action never answers 500: its email is recorded with it, and a result page that
fails to render afterwards is logged and replaced by a redirect with a message."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail

from events import views
from events.models import Registration
from proposals.outbox.models import Message
from tests.events.factories import make_event, make_index

pytestmark = pytest.mark.django_db

FORM = {"name": "Giulia Bianchi", "email": "giulia.bianchi@example.org", "consent": "on"}


@pytest.fixture
def event(home_page):
    return make_event(make_index(home_page))


def test_a_registration_whose_page_fails_to_render_redirects_to_the_event(
    client, event, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    real_render = views.render

    def failing_render(request, template, *args, **kwargs):
        if template == "events/registration_pending.html":
            raise RuntimeError("template engine down")
        return real_render(request, template, *args, **kwargs)

    monkeypatch.setattr(views, "render", failing_render)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(event.url, FORM)

    assert answer.status_code == 302 and answer.url == event.url
    assert Registration.objects.filter(email="giulia.bianchi@example.org").count() == 1
    assert len(mail.outbox) == 1  # the confirmation email is sent all the same
    assert "failed to render" in caplog.text
    (said,) = get_messages(answer.wsgi_request)
    assert "giulia.bianchi@example.org" in str(said)


def test_a_registration_records_its_email_in_the_same_transaction(client, event, monkeypatch):
    monkeypatch.setattr("django_q.tasks.async_task", lambda *args, **kwargs: None)

    client.post(event.url, FORM)

    registration = Registration.objects.get()
    row = Message.objects.get()
    assert row.payload["ids"] == {"registration_id": registration.pk}
    assert row.status == Message.Status.PENDING
