"""Shared pieces of the browser tests: how Chromium runs, the site's content, logging in."""

from io import StringIO
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

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

EDITOR_EMAIL = "redazione@milanopartecipa.local"
EDITOR_PASSWORD = "milano-partecipa-redazione"


def load_site_content():
    """The foundation's demo content, as `manage.py load_demo` creates it for the City site."""
    command = SimpleNamespace(stdout=StringIO())
    demo.load(command, {"admin_email": EDITOR_EMAIL, "admin_password": EDITOR_PASSWORD})
    return demo.ensure_home_page()


def log_in(context, base_url, user):
    """Give the browser a session of `user` without going through the login form."""
    client = Client()
    client.force_login(user, backend=settings.AUTHENTICATION_BACKENDS[-1])
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def in_language(language, msgid):
    """A message as the site shows it in `language` (the msgid if it is not translated yet)."""
    with translation.override(language):
        return translation.gettext(msgid)


def italian(msgid):
    return in_language("it", msgid)
