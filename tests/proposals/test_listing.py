"""The consultation page lists proposals with filters and sorts; pages, exports, home section."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse

from proposals.models import Proposal, Support
from proposals.phases import PhaseKind
from proposals.wagtail_hooks import open_consultations_section
from tests.factories import MunicipioFactory, UserFactory
from tests.proposals.factories import (
    CommentFactory,
    ProposalFactory,
    make_consultation,
    make_index,
)

pytestmark = pytest.mark.django_db


def titles(response):
    return [p.title for p in response.context["proposals"]]


@pytest.fixture
def consultation(site):
    return make_consultation(PhaseKind.SUPPORT_COLLECTION)


def test_filters(client, consultation, citizen):
    fresh, cool = consultation.themes.all()
    municipio = MunicipioFactory(number=2)
    mine = ProposalFactory(
        consultation=consultation, author=citizen, title="Tetti verdi", theme=cool
    )
    supported = ProposalFactory(consultation=consultation, title="Ombra in piazza", theme=fresh)
    supported.scope = municipio
    supported.save()
    Support.objects.create(user=citizen, proposal=supported)
    ProposalFactory(consultation=consultation, title="Bozza", status=Proposal.Status.DRAFT)
    withdrawn = ProposalFactory(
        consultation=consultation, title="Ritirata", status=Proposal.Status.WITHDRAWN
    )
    client.force_login(citizen)
    url = consultation.url
    assert sorted(titles(client.get(url))) == ["Ombra in piazza", "Ritirata", "Tetti verdi"]
    assert titles(client.get(url, {"theme": cool.pk})) == [mine.title]
    assert titles(client.get(url, {"mine": "on"})) == [mine.title]
    assert titles(client.get(url, {"supported": "on"})) == [supported.title]
    assert titles(client.get(url, {"q": "piazza"})) == [supported.title]
    assert titles(client.get(url, {"status": "withdrawn"})) == [withdrawn.title]
    choices = client.get(url).context["filter_form"].fields["scope"].choices
    scope_key = next(key for key, label in choices if label == str(municipio))
    assert titles(client.get(url, {"scope": scope_key})) == [supported.title]


def test_sorts(client, consultation):
    popular = ProposalFactory(consultation=consultation, title="Popolare", support_count=9)
    discussed = ProposalFactory(consultation=consultation, title="Discussa")
    CommentFactory.create_batch(3, proposal=discussed)
    newest = ProposalFactory(consultation=consultation, title="Ultima")
    assert titles(client.get(consultation.url, {"sort": "supported"}))[0] == popular.title
    assert titles(client.get(consultation.url, {"sort": "commented"}))[0] == discussed.title
    assert titles(client.get(consultation.url))[0] == newest.title


def test_random_order_is_stable_within_a_session(client, consultation, settings):
    settings.PROPOSALS_PAGE_SIZE = 4
    ProposalFactory.create_batch(12, consultation=consultation)
    first = titles(client.get(consultation.url, {"sort": "random"}))
    again = titles(client.get(consultation.url, {"sort": "random"}))
    second_page = titles(client.get(consultation.url, {"sort": "random", "page": 2}))
    assert first == again
    assert not set(first) & set(second_page)


def test_invalid_filters_are_ignored_with_a_message(client, consultation):
    ProposalFactory(consultation=consultation)
    response = client.get(consultation.url, {"sort": "nonsense", "theme": "999"})
    assert response.status_code == 200
    assert len(titles(response)) == 1


def test_listing_query_count_does_not_grow(
    client, consultation, citizen, django_assert_num_queries
):
    municipio = MunicipioFactory(number=3)

    def add(count):
        for proposal in ProposalFactory.create_batch(count, consultation=consultation):
            proposal.scope = municipio
            proposal.save()
            CommentFactory(proposal=proposal)
            Support.objects.create(user=citizen, proposal=proposal)

    client.force_login(citizen)
    add(5)
    client.get(consultation.url)  # warm caches (site, content types)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as five:
        client.get(consultation.url, {"sort": "supported"})
    add(45)
    with django_assert_num_queries(len(five.captured_queries)):
        response = client.get(consultation.url, {"sort": "supported"})
    assert len(response.context["proposals"]) == 12


def test_pagination(client, consultation, settings):
    settings.PROPOSALS_PAGE_SIZE = 5
    ProposalFactory.create_batch(7, consultation=consultation)
    response = client.get(consultation.url, {"page": 2, "sort": "supported"})
    assert len(titles(response)) == 2
    html = response.content.decode()
    assert "sort=supported" in html and 'aria-current="page"' in html


def test_detail_shows_nickname_not_real_name(client, consultation):
    author = UserFactory(first_name="Giulia", last_name="Bianchi", nickname="giuliab")
    proposal = ProposalFactory(consultation=consultation, author=author)
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert "giuliab" in html
    assert "Bianchi" not in html
    assert "{% block" not in html
    assert len(re.findall(r"<h1[ >]", html)) == 1


def test_open_data_without_personal_data(client, consultation):
    author = UserFactory(nickname="segreto", email="privato@example.org")
    ProposalFactory(consultation=consultation, author=author, title="Alberi", support_count=4)
    ProposalFactory(consultation=consultation, author=author, status=Proposal.Status.DRAFT)
    csv_response = client.get(reverse("proposals:open_data_csv", args=[consultation.pk]))
    assert csv_response["Content-Type"].startswith("text/csv")
    content = csv_response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [row["title"] for row in rows] == ["Alberi"]
    assert rows[0]["supports"] == "4"
    json_response = client.get(reverse("proposals:open_data_json", args=[consultation.pk]))
    data = json.loads(json_response.content)
    assert data["proposals"][0]["title"] == "Alberi"
    for text in (content, json_response.content.decode()):
        assert "segreto" not in text and "privato@" not in text and "author" not in text


def test_my_participation(client, consultation, citizen):
    draft = ProposalFactory(
        consultation=consultation, author=citizen, status="draft", title="Mia bozza"
    )
    supported = ProposalFactory(consultation=consultation, title="Sostenuta")
    Support.objects.create(user=citizen, proposal=supported)
    CommentFactory(proposal=supported, author=citizen, body="<p>Il mio commento</p>")
    client.force_login(citizen)
    client.post(reverse("proposals:follow", args=["consultazione", consultation.pk]))
    response = client.get(reverse("proposals:my_participation"))
    html = response.content.decode()
    assert draft.title in html and supported.title in html
    assert "Il mio commento" in html and consultation.title in html
    client.logout()
    assert client.get(reverse("proposals:my_participation")).status_code == 302


def test_index_groups_and_filters_consultations(client, site):
    open_one = make_consultation(PhaseKind.COMMENT_ROUND, title="Aperta")
    closed = make_consultation(None, title="Chiusa")
    closed.phases.all().delete()
    municipio = MunicipioFactory(number=5)
    open_one.scope = municipio
    open_one.save()
    index = make_index()
    response = client.get(index.url)
    assert [c.title for c in response.context["open_consultations"]] == ["Aperta"]
    assert [c.title for c in response.context["upcoming_consultations"]] == ["Chiusa"]
    scope = next(key for key, label in response.context["scope_choices"] if label == str(municipio))
    filtered = client.get(index.url, {"ambito": scope})
    assert [c.title for c in filtered.context["open_consultations"]] == ["Aperta"]
    assert client.get(index.url, {"tema": "Nessuno"}).context["open_consultations"] == []


def test_home_section_lists_open_consultations(client, site, rf):
    make_consultation(PhaseKind.COMMENT_ROUND, title="Clima")
    make_consultation(None, title="Futura").phases.all().delete()
    section = open_consultations_section(rf.get("/"))
    assert [c.title for c in section["consultations"]] == ["Clima"]
    html = client.get("/").content.decode()
    assert "Clima" in html


def test_home_section_empty_state(client, site):
    html = client.get("/").content.decode()
    assert "home-section" in html
