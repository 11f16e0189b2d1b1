"""Every public page type of the site, for the accessibility and HTML validity checks.

Each feature adds its page types here with one entry: a name, the Italian path (or a function
that creates what the page needs and returns its path), whether a citizen must be logged in to
see it, the expected status, and, for forms, the values that put the form in its error state.
`test_accessibility.py` runs axe-core on each entry in Italian and English, in the browser;
`test_html_validity.py` runs the Nu Html Checker on the same pages.

Path functions run inside the test, with Italian active, after the foundation's demo content is loaded
(`tests.e2e.browser.load_site_content`), so they can look that content up or use factories.
"""

from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.urls import reverse
from django.utils import translation

from cms.models import StandardPage
from tests.factories import UserFactory
from tests.responses.factories import published_example

# Language code and URL prefix: Italian is the default language and has none.
LANGUAGES = [("it", ""), ("en", "/en")]


@dataclass(frozen=True)
class PageType:
    name: str
    path: str | Callable[[], str]
    logged_in: bool = False
    status: int = 200
    invalid_form: dict | None = None


def standard_page_path(slug):
    return lambda: StandardPage.objects.get(slug=slug).url


def italian_url(name, *args):
    return reverse(name, args=args)


def email_confirmation_path():
    address = EmailAddress.objects.get(user=UserFactory(email_verified=False))
    return italian_url("account_confirm_email", EmailConfirmationHMAC(address).key)


def password_reset_key_path():
    user = UserFactory()
    return italian_url(
        "account_reset_password_from_key",
        user_pk_to_url_str(user),
        default_token_generator.make_token(user),
    )


PAGE_TYPES = [
    PageType("home", "/"),
    PageType("standard page", standard_page_path("come-partecipare")),
    PageType("accessibility statement", standard_page_path("dichiarazione-di-accessibilita")),
    PageType("search", "/cerca/"),
    PageType("search results", "/cerca/?q=partecipare"),
    PageType("search without results", "/cerca/?q=zzzzz"),
    PageType("not found", "/pagina-che-non-esiste/", status=404),
    PageType(
        "login",
        "/account/login/",
        invalid_form={"login": "nessuno@example.org", "password": "password-sbagliata"},
    ),
    PageType("sign-up", "/account/signup/", invalid_form={}),
    PageType("verification sent", "/account/confirm-email/"),
    PageType("email confirmation", email_confirmation_path),
    PageType("password reset", "/account/password/reset/", invalid_form={"email": "non-valida"}),
    PageType("password reset sent", "/account/password/reset/done/"),
    PageType(
        "new password",
        password_reset_key_path,
        invalid_form={"password1": "corta", "password2": "diversa"},
    ),
    PageType("profile", "/account/profilo/", logged_in=True, invalid_form={"nickname": ""}),
    PageType("email addresses", "/account/email/", logged_in=True),
    PageType(
        "password change",
        "/account/password/change/",
        logged_in=True,
        invalid_form={"oldpassword": "sbagliata"},
    ),
    PageType("delete account", "/account/profilo/elimina/", logged_in=True, invalid_form={}),
    PageType("logout", "/account/logout/", logged_in=True),
    PageType(
        "City answers", lambda: published_example() and italian_url("proposals:responses_overview")
    ),
    PageType("City answers of a dossier", lambda: published_example().dossier.get_overview_url()),
    PageType("answer dossier", lambda: published_example().dossier.get_absolute_url()),
    PageType("City answer", lambda: published_example().get_absolute_url()),
]


@dataclass(frozen=True)
class PageState:
    """A page type as first shown, or with its form submitted with invalid values."""

    page_type: PageType
    invalid_form: dict | None = None

    @property
    def name(self):
        suffix = " with form errors" if self.invalid_form is not None else ""
        return self.page_type.name + suffix

    @property
    def status(self):
        return 200 if self.invalid_form is not None else self.page_type.status


PAGE_STATES = [
    state
    for page_type in PAGE_TYPES
    for state in [PageState(page_type)]
    + ([PageState(page_type, page_type.invalid_form)] if page_type.invalid_form is not None else [])
]


def prepare(page_type):
    """Create what the page needs; return its Italian path and the user to log in (or None)."""
    with translation.override("it"):
        path = page_type.path() if callable(page_type.path) else page_type.path
    return path, UserFactory() if page_type.logged_in else None
