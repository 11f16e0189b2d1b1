"""Shared pieces of the browser tests: how Chromium runs, the site's content, logging in."""

import re
from io import StringIO
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import translation
from playwright.sync_api import expect

from cms import demo

CHROMIUM_PATH = "/usr/bin/chromium"
# Without the background-networking flags Chromium's own connections are refused in CI and it
# stalls; the live server is on 127.0.0.1 and needs none of them.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

E2E = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DEMO_OPTIONS = {
    "admin_email": "redazione@milanopartecipa.local",
    "admin_password": "milano-partecipa-redazione",
}


def load_site_content():
    """The foundation's demo content, as `manage.py load_demo` creates it for the City site."""
    command = SimpleNamespace(stdout=StringIO())
    demo.load(command, DEMO_OPTIONS)
    return demo.ensure_home_page()


def log_in(context, base_url, user, session=None):
    """Give the browser a session of `user`, holding `session`, without the login form."""
    client = Client()
    client.force_login(user, backend=settings.AUTHENTICATION_BACKENDS[-1])
    store_in_session(client, session or {})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def store_in_session(client, values):
    """Put `values` in the session of a logged-in test client."""
    session = client.session
    session.update(values)
    session.save()


def in_language(language, msgid):
    """A message as the site shows it in `language` (the msgid if it is not translated yet)."""
    with translation.override(language):
        return translation.gettext(msgid)


def italian(msgid):
    return in_language("it", msgid)


def field(text):
    """The accessible name of a form field labelled `text` (crispy-forms marks required ones *)."""
    return re.compile(rf"^\s*{re.escape(text)}\s*\*?\s*$")


def link_in_last_email(path_fragment):
    """The link containing `path_fragment` in the last email sent by the site."""
    message = mail.outbox[-1]
    return re.search(rf"https?://\S*{re.escape(path_fragment)}\S*", message.body).group(0)


def tick(page, label):
    """Tick a checkbox as a person does: Bootstrap Italia draws it on its label, which they click."""
    checkbox = page.get_by_label(field(label))
    page.get_by_text(field(label)).click()
    expect(checkbox).to_be_checked()
