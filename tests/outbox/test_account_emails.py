"""allauth's emails go through the outbox with ids only: the confirmation and password-reset
links are made in the task, so none sits in the outbox or in the task queue, and they work."""

import json
import re

import pytest
from django.core import mail
from django.utils import translation
from django_q.models import OrmQ, Task

from proposals import outbox
from proposals.outbox.models import Message
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "un-altra-password-2026"


def link_in(message):
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


def queued_text():
    """Everything the outbox and the task queue hold, as text."""
    rows = [json.dumps(m.payload) + m.key for m in Message.objects.all()]
    tasks = [str(t.args) + str(t.kwargs) for t in Task.objects.all()]
    broker = [str(q.payload) for q in OrmQ.objects.all()]
    return "\n".join(rows + tasks + broker)


def test_the_confirmation_link_is_made_in_the_task(client, home_page, monkeypatch):
    monkeypatch.setattr("django_q.tasks.async_task", lambda *args, **kwargs: None)  # queue down
    client.post(
        "/en/account/signup/",
        {
            "email": "giulia@example.org",
            "nickname": "giulia_m9",
            "privacy": "on",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert mail.outbox == []
    assert "confirm-email" not in queued_text()
    monkeypatch.undo()

    outbox.drain()

    (message,) = mail.outbox
    link = link_in(message)
    assert link.startswith("/en/account/confirm-email/")  # in the language of the request
    key = link.rstrip("/").rsplit("/", 1)[1]
    assert key not in queued_text()
    assert client.post(link).status_code == 302


def test_the_password_reset_link_is_made_in_the_task(client, citizen, monkeypatch):
    monkeypatch.setattr("django_q.tasks.async_task", lambda *args, **kwargs: None)
    with translation.override("it"):
        client.post("/account/password/reset/", {"email": citizen.email})
    assert "password/reset/key" not in queued_text()
    monkeypatch.undo()

    outbox.drain()

    (message,) = mail.outbox
    link = link_in(message)
    assert link.split("/")[-2] not in queued_text()
    form_url = client.get(link)["Location"]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)
