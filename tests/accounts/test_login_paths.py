"""Every login path (the site's, the Wagtail admin's, Wagtail's private pages') has the same
rules: allauth's rate limits and no login before the email address is confirmed."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

WRONG_PASSWORD = "non-e-la-password-2026"
WAGTAIL_LOGIN_PATHS = ["/admin/login/", "/_util/login/"]


def login_form_behind(client, path):
    """Where a Wagtail login path leads, and the `next` it keeps."""
    response = client.get(f"{path}?next=/admin/")
    assert response.status_code == 302
    return response.url


def log_in(client, path, email, password):
    return client.post(path, {"login": email, "password": password}, follow=True)


def is_logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("path", WAGTAIL_LOGIN_PATHS)
def test_wagtail_login_paths_lead_to_the_site_login_keeping_next(client, path):
    assert login_form_behind(client, path) == f"{reverse('account_login')}?next=/admin/"


@pytest.mark.parametrize("path", WAGTAIL_LOGIN_PATHS)
def test_posting_credentials_to_a_wagtail_login_path_logs_nobody_in(client, path):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.post(path, {"username": staff.email, "password": PASSWORD})
    assert not is_logged_in(client)


def test_the_admin_sends_anonymous_visitors_to_the_site_login(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_an_unconfirmed_staff_account_cannot_log_in_to_the_admin(client):
    staff = UserFactory(is_staff=True, is_superuser=True, email_verified=False)
    form = login_form_behind(client, "/admin/login/")
    log_in(client, form, staff.email, PASSWORD)
    assert not is_logged_in(client)
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_a_confirmed_staff_account_logs_in_and_reaches_the_admin(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    form = login_form_behind(client, "/admin/login/")
    response = log_in(client, form, staff.email, PASSWORD)
    assert is_logged_in(client)
    assert response.redirect_chain[-1][0] == "/admin/"


def test_failed_admin_logins_lock_out_further_attempts(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    form = login_form_behind(client, "/admin/login/")
    for _attempt in range(5):
        log_in(client, form, staff.email, WRONG_PASSWORD)
    response = log_in(client, form, staff.email, PASSWORD)
    assert not is_logged_in(client)
    assert (
        response.status_code == 429
        or "Too many" in response.content.decode()
        or ("Troppi" in response.content.decode())
    )
