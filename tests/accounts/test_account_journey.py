import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from cms.accounts.models import User
from tests.factories import PASSWORD, MunicipioFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "un-altra-password-2026"


def link_in(message):
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


def sign_up(client, on_commit, email="giulia@example.org"):
    with on_commit(execute=True):
        return client.post(
            "/account/signup/",
            {
                "email": email,
                "nickname": "giulia_m9",
                "privacy": "on",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )


def test_citizen_signs_up_confirms_email_and_is_logged_in(
    client, home_page, django_capture_on_commit_callbacks
):
    response = sign_up(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    user = User.objects.get(email="giulia@example.org")
    assert user.nickname == "giulia_m9"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["giulia@example.org"]

    confirm_url = link_in(mail.outbox[0])
    assert client.get(confirm_url).status_code == 200
    response = client.post(confirm_url)

    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.get("/account/profilo/").status_code == 200


def test_sign_up_without_privacy_consent_is_refused_with_a_message(client, home_page):
    response = client.post(
        "/account/signup/",
        {"email": "a@example.org", "nickname": "a", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 200
    assert "Devi accettare l&#x27;informativa sulla privacy" in response.content.decode()
    assert not User.objects.filter(email="a@example.org").exists()


def test_unconfirmed_citizen_cannot_log_in(
    client, unverified_citizen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/account/login/", {"login": unverified_citizen.email, "password": PASSWORD}
        )

    assert response.status_code == 302
    assert response["Location"] == "/account/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1


def test_citizen_logs_in_and_out(client, citizen):
    response = client.post("/account/login/", {"login": citizen.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(citizen.pk)

    client.post("/account/logout/")
    assert "_auth_user_id" not in client.session


def test_citizen_resets_a_forgotten_password(client, citizen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/password/reset/", {"email": citizen.email})
    assert len(mail.outbox) == 1

    form_url = client.get(link_in(mail.outbox[0]))["Location"]
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)


def test_citizen_edits_the_profile(client, citizen):
    municipio = MunicipioFactory(number=8, name="Fiera, Gallaratese, Quarto Oggiaro")
    client.force_login(citizen)

    response = client.post(
        "/account/profilo/",
        {
            "first_name": "Maria",
            "last_name": "Bianchi",
            "nickname": "maria_q8",
            "municipio": municipio.pk,
            "notification_frequency": "daily",
        },
    )

    assert response.status_code == 302
    citizen.refresh_from_db()
    assert (citizen.nickname, citizen.municipio, citizen.notification_frequency) == (
        "maria_q8",
        municipio,
        "daily",
    )


def test_profile_needs_a_nickname(client, citizen):
    client.force_login(citizen)
    response = client.post("/account/profilo/", {"nickname": "", "notification_frequency": "daily"})
    assert response.status_code == 200
    citizen.refresh_from_db()
    assert citizen.nickname != ""


def test_profile_requires_login(client, db):
    response = client.get("/account/profilo/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_citizen_downloads_all_personal_data(client, citizen):
    client.force_login(citizen)

    response = client.post("/account/profilo/esporta/")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == citizen.email
    assert data["account"]["nickname"] == citizen.nickname


def test_citizen_deletes_the_account_and_personal_data_is_erased(client, citizen):
    client.force_login(citizen)
    email = citizen.email

    response = client.post("/account/profilo/elimina/", {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 302
    citizen.refresh_from_db()
    assert not citizen.is_active
    assert citizen.email != email
    assert citizen.nickname == citizen.first_name == citizen.last_name == ""
    assert citizen.public_name == "utente cancellato"
    assert not EmailAddress.objects.filter(email=email).exists()
    assert "_auth_user_id" not in client.session


def test_account_deletion_with_wrong_password_changes_nothing(client, citizen):
    client.force_login(citizen)

    response = client.post("/account/profilo/elimina/", {"password": "wrong", "confirm": "on"})

    assert response.status_code == 200
    assert "La password non è corretta." in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.is_active
