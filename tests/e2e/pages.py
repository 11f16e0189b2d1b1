"""Every public page type of the site, for the accessibility and HTML validity checks.

Each feature adds its page types here with one entry: a name, the Italian path (or a function
that creates what the page needs and returns its path), whether a citizen (or a member of staff)
must be logged in to see it, what their session must hold, the expected status, for forms the
values that put the form in its error state, and the label of the app whose demo content
(`<app>/demo.py`) the page shows.
`test_accessibility.py` runs axe-core on each entry in Italian and English, in the browser;
`test_html_validity.py` runs the Nu Html Checker on the same pages.

Path functions run inside the test, with Italian active, after the foundation's demo content
(`tests.e2e.browser.load_site_content`) and the entry's app demo content are loaded, so they can
look that content up or use factories.
"""

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from io import StringIO
from types import SimpleNamespace

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from cms.models import StandardPage
from tests.e2e.browser import DEMO_OPTIONS
from tests.factories import UserFactory
from tests.responses.factories import published_example

# Language code and URL prefix: Italian is the default language and has none.
LANGUAGES = [("it", ""), ("en", "/en")]


@dataclass(frozen=True)
class PageType:
    name: str
    path: str | Callable[[], str]
    logged_in: bool = False
    staff: bool = False
    session: Callable[[], dict] | None = None
    status: int = 200
    invalid_form: dict | None = None
    demo: str | None = None


def standard_page_path(slug):
    return lambda: StandardPage.objects.get(slug=slug).url


def first_live_page(model):
    """The path of the first live page of `model` ("app_label.ModelName") in the page tree."""
    return lambda: apps.get_model(model).objects.live().order_by("path").first().url


def first_object(model, **filters):
    return lambda: apps.get_model(model).objects.filter(**filters).first().get_absolute_url()


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


def open_event():
    from events.models import RegistrationQuestion
    from tests.events.factories import make_event, make_index

    home = Site.objects.get(is_default_site=True).root_page.specific
    event = make_event(make_index(home), title="Laboratorio di quartiere", attendance_mode="hybrid")
    RegistrationQuestion.objects.create(page=event, label="Esigenze di accessibilità")
    return event


def event_registration_path(purpose):
    def path():
        from events import tokens
        from events.models import Registration
        from tests.events.factories import RegistrationFactory

        status = Registration.Status.PENDING if purpose == "confirm" else "confirmed"
        registration = RegistrationFactory(event=open_event(), status=status)
        token = getattr(tokens, f"make_{purpose}_token")(registration)
        return italian_url(f"events:{purpose}", token)

    return path


def new_proposal_path():
    from proposals.phases import PhaseKind
    from tests.proposals.factories import make_consultation

    consultation = make_consultation(PhaseKind.PROPOSAL_COLLECTION, title="Piazze aperte 2027")
    return italian_url("proposals:proposal_create", consultation.pk)


def kiosk_item():
    """An open vote at the demo's final plenary, where the demo's voters are checked in."""
    from proposals.assembly.models import Recommendation
    from proposals.assembly.voting import open_vote

    item = Recommendation.objects.filter(status=Recommendation.Status.VOTING).first()
    if item is None:
        ready = Recommendation.objects.filter(status=Recommendation.Status.READY).first()
        item = open_vote(ready, ready.cycle.plenaries.get(is_final=True))
    return item


def kiosk_path(name, for_item=False):
    def path():
        item = kiosk_item()
        args = [item.cycle.assembly.slug, item.plenary_id] + ([item.pk] if for_item else [])
        return italian_url(f"proposals:assembly:{name}", *args)

    return path


def kiosk_handover():
    """The kiosk handed over to the first member who can still vote on the open item."""
    from proposals.assembly.kiosk import hand_over, voters_left

    item = kiosk_item()
    session = {}
    hand_over(session, item, voters_left(item).first())
    return session


def events_index_path(suffix=""):
    return lambda: first_live_page("events.EventIndexPage")() + suffix


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
    # Events
    PageType("events index", events_index_path(), demo="events"),
    PageType("events index without results", events_index_path("?municipio=3"), demo="events"),
    PageType(
        "past event with programme and speakers",
        events_index_path("un-patto-con-i-municipi-per-milano-bene-comune/"),
        demo="events",
    ),
    PageType(
        "event open for registration", lambda: open_event().url, invalid_form={}, demo="events"
    ),
    PageType("event registration to confirm", event_registration_path("confirm"), demo="events"),
    PageType(
        "event registration with check-in QR code",
        event_registration_path("manage"),
        demo="events",
    ),
    # Strategic plan and regeneration atlas
    PageType("strategic plan", first_live_page("plan.StrategicPlanPage"), demo="plan"),
    PageType("plan platform", first_live_page("plan.PlatformPage"), demo="plan"),
    PageType("strategic project", first_live_page("plan.StrategicProjectPage"), demo="plan"),
    PageType("zones", first_live_page("plan.ZoneIndexPage"), demo="plan"),
    PageType("zone", first_live_page("plan.ZonePage"), demo="plan"),
    PageType("regeneration atlas", first_live_page("plan.AtlasPage"), demo="plan"),
    PageType("regeneration project", first_live_page("plan.RegenerationProjectPage"), demo="plan"),
    # Manifattura Milano
    PageType(
        "manifattura home", first_live_page("manifattura.ManifatturaHomePage"), demo="manifattura"
    ),
    PageType("manifattura area", first_live_page("manifattura.AreaPage"), demo="manifattura"),
    PageType(
        "manifattura principle", first_live_page("manifattura.PrinciplePage"), demo="manifattura"
    ),
    PageType("manifattura news", first_live_page("manifattura.NewsIndexPage"), demo="manifattura"),
    PageType("manifattura article", first_live_page("manifattura.NewsPage"), demo="manifattura"),
    PageType(
        "company cases", first_live_page("manifattura.CompanyCaseIndexPage"), demo="manifattura"
    ),
    PageType("calls", first_live_page("manifattura.CallIndexPage"), demo="manifattura"),
    PageType("call", first_live_page("manifattura.CallPage"), demo="manifattura"),
    PageType("spaces", first_live_page("manifattura.SpaceIndexPage"), demo="manifattura"),
    PageType("space", first_live_page("manifattura.SpacePage"), demo="manifattura"),
    PageType("input form", first_live_page("manifattura.ManifatturaFormPage"), demo="manifattura"),
    # Participation: consultations, proposals, the City's answers, the citizens' assembly
    PageType("consultations", first_live_page("proposals.ConsultationIndexPage"), demo="proposals"),
    PageType("consultation", first_live_page("proposals.ConsultationPage"), demo="proposals"),
    PageType("proposal", first_object("proposals.Proposal", status="published"), demo="proposals"),
    PageType("new proposal", new_proposal_path, logged_in=True, invalid_form={}, demo="proposals"),
    PageType("City's answers", "/risposte/", demo="proposals"),
    PageType("City's answers of a dossier", lambda: published_example().dossier.get_overview_url()),
    PageType("answer dossier", lambda: published_example().dossier.get_absolute_url()),
    PageType("City's answer", lambda: published_example().get_absolute_url()),
    PageType("citizens' assembly", first_object("assembly.Assembly"), demo="assembly"),
    PageType("voting kiosk", kiosk_path("kiosk"), staff=True, demo="assembly"),
    PageType(
        "voting kiosk: member at the kiosk",
        kiosk_path("kiosk_voters", for_item=True),
        staff=True,
        invalid_form={"membership": "0"},
        demo="assembly",
    ),
    PageType(
        "voting kiosk: ballot",
        kiosk_path("kiosk_ballot"),
        staff=True,
        session=kiosk_handover,
        invalid_form={},
        demo="assembly",
    ),
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


def states_of(page_types):
    return [
        state
        for page_type in page_types
        for state in [PageState(page_type)]
        + (
            [PageState(page_type, page_type.invalid_form)]
            if page_type.invalid_form is not None
            else []
        )
    ]


PAGE_STATES = states_of(PAGE_TYPES)
# The foundation's pages are checked one test each; a feature's pages share one test, so that its
# demo content is loaded once.
SITE_STATES = [state for state in PAGE_STATES if state.page_type.demo is None]
FEATURE_STATES = {
    label: [state for state in PAGE_STATES if state.page_type.demo == label]
    for label in dict.fromkeys(page_type.demo for page_type in PAGE_TYPES if page_type.demo)
}


def load_demo_content(labels):
    """Run the demo loaders of the apps with these labels, in INSTALLED_APPS order."""
    command = SimpleNamespace(stdout=StringIO())
    for app_config in apps.get_app_configs():
        if app_config.label in labels:
            import_module(f"{app_config.name}.demo").load(command, DEMO_OPTIONS)


def prepare(page_type):
    """Create what the page needs; return its Italian path, the user to log in (or None) and what
    their session holds."""
    with translation.override("it"):
        path = page_type.path() if callable(page_type.path) else page_type.path
        session = page_type.session() if page_type.session else {}
    logged_in = page_type.logged_in or page_type.staff
    # Staff pages need their role's permission, not only is_staff: an administrator has them all.
    staff = {"is_staff": True, "is_superuser": True} if page_type.staff else {}
    return path, UserFactory(**staff) if logged_in else None, session
