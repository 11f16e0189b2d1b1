"""A logged-in person reaches every part of their account from the header and from each account
page, and the emails they get name the site."""

import pytest
from django.core import mail
from django.utils import translation

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ACCOUNT_PAGES = [
    "/account/profilo/",
    "/account/email/",
    "/account/password/change/",
    "/account/profilo/elimina/",
]
MY_PARTICIPATION = "/partecipa/la-mia-partecipazione/"


@pytest.mark.parametrize("path", ACCOUNT_PAGES)
def test_every_account_page_links_to_the_other_account_pages(client, citizen, home_page, path):
    client.force_login(citizen)

    html = client.get(path).content.decode()

    for link in [*ACCOUNT_PAGES, MY_PARTICIPATION]:
        assert f'href="{link}"' in html


def test_the_header_account_menu_links_to_my_participation_and_names_the_profile_link(
    client, citizen, home_page
):
    client.force_login(citizen)

    html = client.get("/").content.decode()

    assert f'href="{MY_PARTICIPATION}"' in html
    with translation.override("it"):
        assert translation.gettext("Your profile:") in html  # read on phones, where no name shows


def test_the_sign_up_confirmation_email_names_the_site(
    client, home_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/account/signup/",
            {
                "email": "giulia@example.org",
                "nickname": "giulia_m9",
                "privacy": "on",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )

    (message,) = mail.outbox
    assert "Milano Partecipa" in message.subject
    assert "Ciao da Milano Partecipa!" in message.body
    assert " su ." not in message.body and "da !" not in message.body
