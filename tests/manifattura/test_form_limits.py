import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from .factories import make_form_page

pytestmark = pytest.mark.django_db


def send(client, page, capture, email="bottega@example.org"):
    with capture(execute=True):
        return client.post(page.url, {"email": email, "il_tuo_contributo": "Servono spazi."})


def test_input_form_is_limited_per_email_address(
    client, minisite, settings, django_capture_on_commit_callbacks
):
    settings.SITE_RATE_LIMITS = {"manifattura_form": ("100/h", "2/h")}
    page = make_form_page(minisite["home"])
    for _attempt in range(2):
        send(client, page, django_capture_on_commit_callbacks)

    response = send(client, page, django_capture_on_commit_callbacks)

    assert "manifattura/form_page.html" in [t.name for t in response.templates]
    assert "troppe volte" in response.content.decode()
    assert FormSubmission.objects.count() == 2
    assert len(mail.outbox) == 2
    send(client, page, django_capture_on_commit_callbacks, email="altra@example.org")
    assert FormSubmission.objects.count() == 3


def test_input_form_is_limited_per_ip_address(
    client, minisite, settings, django_capture_on_commit_callbacks
):
    settings.SITE_RATE_LIMITS = {"manifattura_form": ("1/h", "100/h")}
    page = make_form_page(minisite["home"])
    send(client, page, django_capture_on_commit_callbacks, email="uno@example.org")

    response = send(client, page, django_capture_on_commit_callbacks, email="due@example.org")

    assert "troppe volte" in response.content.decode()
    assert FormSubmission.objects.count() == 1
