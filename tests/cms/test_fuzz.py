"""Arbitrary input at every public GET parameter, id in a URL and public form: never a 5xx.

Each target gets a bounded number of examples (hypothesis), on one data set built once per test,
so that the file runs on SQLite and PostgreSQL in about a minute once the database exists.
"""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from cms.forms import SearchForm
from cms.plan.facets import FACETS
from events.forms import EventFilterForm, RegistrationForm
from events.models import RegistrationQuestion
from manifattura import forms as manifattura_forms
from proposals.forms import ProposalFilterForm
from proposals.responses.views import AnswerFilterForm
from tests.events.factories import make_event, make_index
from tests.factories import MunicipioFactory, UserFactory
from tests.manifattura.factories import make_form_page, make_minisite
from tests.plan.factories import atlas_page
from tests.proposals.factories import CommentFactory, ProposalFactory, make_consultation

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=15,
    # The same examples on every run, so that CI's verdict does not depend on the draw.
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

any_text = st.text(st.characters(blacklist_categories=["Cs"]), max_size=60)
huge_number = st.integers(min_value=-(2**80), max_value=2**80).map(str)
known_troublemakers = st.sampled_from(
    ["\x00", "a\x00b", "²", "٣", "9" * 30, "-1", "1e999", "NaN", "%", "'\"", "9999-12", "0000-00"]
)
very_long = st.tuples(st.text(min_size=1, max_size=3), st.integers(1000, 4000)).map(
    lambda parts: parts[0] * parts[1]
)
nasty = st.one_of(any_text, huge_number, known_troublemakers, very_long)


def query(names):
    return st.fixed_dictionaries({}, optional=dict.fromkeys(names, nasty))


def form_data(valid):
    """A form's valid values, each of which may be replaced by nasty input."""
    return st.fixed_dictionaries(
        {name: st.one_of(st.just(value), nasty) for name, value in valid.items()}
    )


def field_names(form_class):
    return list(form_class.base_fields)


def assert_never_5xx(client, method, url, data=None):
    response = getattr(client, method)(url, data)
    assert response.status_code < 500, (method, url, data)


def fuzz(client, method, url, inputs):
    """Send `inputs` (a strategy of query or form data) to the URL, a bounded number of times."""

    @EXAMPLES
    @given(data=inputs)
    def check(data):
        note(f"{method} {url}")
        assert_never_5xx(client, method, url, data)

    check()


def fuzz_urls(client, urls):
    @EXAMPLES
    @given(url=urls)
    def check(url):
        assert_never_5xx(client, "get", url)

    check()


@pytest.fixture
def site_data(home_page):
    municipio = MunicipioFactory(number=3)
    events = make_index(home_page)
    event = make_event(events, municipio=municipio)
    RegistrationQuestion.objects.create(page=event, label="Organizzazione", kind="short_text")
    consultation = make_consultation()
    proposal = ProposalFactory(consultation=consultation)
    comment = CommentFactory(consultation=consultation, proposal=proposal)
    atlas = atlas_page(home_page)
    minisite = make_minisite(home_page)
    form_page = make_form_page(minisite["home"])
    return {
        "event": event,
        "events": events,
        "consultation": consultation,
        "proposal": proposal,
        "comment": comment,
        "atlas": atlas,
        "minisite": minisite,
        "form_page": form_page,
    }


def get_targets(data):
    atlas_url = data["atlas"].url
    atlas_params = [facet.param for facet in FACETS] + ["page"]
    minisite = data["minisite"]
    return [
        (reverse("search"), field_names(SearchForm) + ["page"]),
        (data["events"].url, field_names(EventFilterForm) + ["page"]),
        (
            data["consultation"].url,
            field_names(ProposalFilterForm) + ["sort", "page", "commenti"],
        ),
        (data["consultation"].get_parent().url, ["tema", "ambito"]),
        (data["proposal"].get_absolute_url(), ["commenti"]),
        (reverse("proposals:responses_overview"), field_names(AnswerFilterForm) + ["page"]),
        (reverse("proposals:responses_export"), field_names(AnswerFilterForm)),
        (atlas_url, atlas_params),
        (atlas_url + "csv/", atlas_params),
        (atlas_url + "geojson/", atlas_params),
        (minisite["news"].url, ["area", "tag", "page"]),
        (minisite["cases"].url, field_names(manifattura_forms.CompanyCaseFilterForm) + ["page"]),
        (minisite["calls"].url, field_names(manifattura_forms.CallFilterForm) + ["page"]),
        (minisite["spaces"].url, field_names(manifattura_forms.SpaceFilterForm) + ["page"]),
    ]


ID_URLS = [
    "/eventi/calendario/evento-{}.ics",
    "/eventi/calendario/municipio-{}.ics",
    "/partecipa/consultazioni/{}/proposte.csv",
    "/partecipa/consultazioni/{}/proposte.json",
    "/partecipa/proposte/{}/",
    "/partecipa/commenti/{}/",
    "/risposte/risposta/{}/",
]


def test_get_parameters_never_answer_5xx(client, site_data):
    for url, names in get_targets(site_data):
        fuzz(client, "get", url, query(names))


def test_ids_in_urls_never_answer_5xx(client, site_data):
    numbers = st.one_of(st.integers(0, 2**80), st.sampled_from([2**31, 2**63 - 1, 2**63]))
    for template in ID_URLS:
        fuzz_urls(client, numbers.map(template.format))


def test_public_forms_never_answer_5xx(client, site_data):
    event = site_data["event"]
    question = event.questions.get()
    valid_registration = {
        "name": "Giulia Bianchi",
        "email": "giulia@example.org",
        "consent": "on",
        RegistrationForm.question_field_name(question): "Amici di Niguarda",
    }
    forms = [
        (event.url, valid_registration),
        (reverse("events:resend"), {"event": str(event.pk), "email": "giulia@example.org"}),
        (site_data["form_page"].url, {"email": "bottega@example.org", "il_tuo_contributo": "Idea"}),
        (
            reverse("account_signup"),
            {
                "email": "nuovo@example.org",
                "password1": "una-password-sicura-2026",
                "password2": "una-password-sicura-2026",
                "nickname": "nuovo",
                "privacy": "on",
            },
        ),
    ]
    for url, valid in forms:
        fuzz(client, "post", url, form_data(valid))


def test_search_as_a_citizen_never_answers_5xx(client, site_data):
    client.force_login(UserFactory())
    fuzz(client, "get", reverse("search"), query(["q", "page"]))
