"""The site search (/cerca/): pages and participation together, only what everyone may see,
faceted by kind, Municipio and year."""

import datetime
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.search.index import get_indexed_models

from events.models import EventPage, ProgrammeItem, Speaker
from proposals.assembly.models import Cycle, Recommendation
from proposals.models import Proposal
from proposals.phases import PhaseKind
from proposals.responses.models import Response
from proposals.responses.services import hand_to_city
from tests.assembly.factories import CycleFactory, RecommendationFactory
from tests.events.factories import make_event
from tests.events.factories import make_index as make_event_index
from tests.factories import MunicipioFactory
from tests.manifattura.factories import call_around, make_minisite, make_news
from tests.plan.factories import MunicipalityFactory, atlas_page, regeneration_project
from tests.proposals.factories import ProposalFactory, make_consultation
from tests.responses.factories import publish

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming needs PostgreSQL's text search"
)


def search(client, q, **params):
    response = client.get("/cerca/", {"q": q, **params})
    assert response.status_code == 200
    return response


def titles(response):
    return [hit.title for hit in response.context["page_obj"]]


def kinds(response):
    return {hit.kind for hit in response.context["page_obj"]}


def facet(response, name):
    return {option["value"]: option["count"] for option in response.context[f"{name}_facet"]}


def proposal(title, **fields):
    fields.setdefault("body", "<p>Una proposta per i quartieri.</p>")
    return ProposalFactory(title=title, **fields)


def recommendation(title, status=Recommendation.Status.READY):
    cycle = Cycle.objects.first() or CycleFactory()
    return RecommendationFactory(title=title, status=status, cycle=cycle)


def event_with_speaker(home_page, name, **fields):
    event = make_event(make_event_index(home_page), title="Un patto con i Municipi", **fields)
    speaker = Speaker.objects.create(name=name, organisation="Politecnico di Milano")
    event.programme_items = [
        ProgrammeItem(
            time=datetime.time(17, 30),
            title="Lectio introduttiva",
            speakers=[("speaker", {"speaker": speaker, "role": "keynote"})],
        )
    ]
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


# What a resident looks for


@pytest.mark.django_db
def test_a_speakers_name_finds_their_event(client, home_page):
    event = event_with_speaker(home_page, "Antonella Bruzzese")

    response = search(client, "Bruzzese")

    assert titles(response) == [event.title]
    assert kinds(response) == {"event"}
    assert 'href="/eventi/' in response.content.decode()


@pytest.mark.django_db
def test_a_proposals_words_find_it(client, home_page):
    proposal("Tetti verdi sulle scuole comunali")
    proposal("Più piste ciclabili")

    assert titles(search(client, "tetti verdi")) == ["Tetti verdi sulle scuole comunali"]


@pytest.mark.django_db
def test_fontanelle_finds_the_proposal_and_the_atlas_project(client, home_page):
    proposal("Più fontanelle e ombra nei parchi di quartiere")
    atlas = atlas_page(home_page)
    regeneration_project(
        atlas, MunicipalityFactory(), title="Piazza d'acqua", intro="Nuove fontanelle in piazza"
    )

    response = search(client, "fontanelle")

    assert set(titles(response)) == {
        "Più fontanelle e ombra nei parchi di quartiere",
        "Piazza d'acqua",
    }
    assert kinds(response) == {"proposal", "atlas_project"}


@pytest.mark.django_db
def test_consultations_answers_recommendations_news_and_calls_are_found(client, home_page):
    consultation = make_consultation(
        PhaseKind.INSTITUTIONAL_RESPONSE, title="Quartieri freschi", intro="Ombra e verde d'estate"
    )
    answered = proposal("Cortili freschi nelle scuole", consultation=consultation)
    publish(
        hand_to_city(answered, reason=Response.Reason.THRESHOLD),
        answer="<p>Il Comune accoglie la proposta dei cortili freschi.</p>",
    )
    recommendation("Cortili freschi aperti al quartiere")
    minisite = make_minisite(home_page)
    make_news(minisite["news"], "Cortili freschi in fabbrica")
    call_around(minisite["calls"], "Bando cortili freschi", -1, 10)

    response = search(client, "freschi")

    assert kinds(response) == {
        "consultation",
        "proposal",
        "answer",
        "recommendation",
        "manifattura_news",
        "manifattura_call",
    }


# Only what everyone may see


@pytest.mark.django_db
def test_drafts_hidden_proposals_and_private_consultations_are_not_found(client, citizen):
    proposal("Orti pubblici condivisi")
    proposal("Orti nella bozza", status=Proposal.Status.DRAFT)
    proposal("Orti nascosti", status=Proposal.Status.HIDDEN)
    proposal("Orti ritirati", status=Proposal.Status.WITHDRAWN)
    private = make_consultation(title="Consultazione riservata")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    proposal("Orti riservati", consultation=private)
    client.force_login(citizen)

    assert sorted(titles(search(client, "orti"))) == ["Orti pubblici condivisi", "Orti ritirati"]


@pytest.mark.django_db
def test_unpublished_answers_recommendation_drafts_and_unpublished_pages_are_not_found(
    client, home_page
):
    hand_to_city(proposal("Panchine all'ombra"), reason=Response.Reason.THRESHOLD)
    recommendation("Panchine nei cortili", status=Recommendation.Status.DRAFT)
    draft_event = make_event(make_event_index(home_page), title="Panchine in festa")
    draft_event.unpublish()

    assert titles(search(client, "panchine")) == ["Panchine all'ombra"]


@pytest.mark.django_db
def test_an_answer_to_a_proposal_of_a_private_consultation_is_not_found(client, home_page):
    private = make_consultation(PhaseKind.INSTITUTIONAL_RESPONSE, title="Consultazione riservata")
    answered = proposal("Fontane riservate", consultation=private)
    publish(hand_to_city(answered, reason=Response.Reason.THRESHOLD), answer="<p>Fontane sì.</p>")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    assert titles(search(client, "fontane")) == []


# The index


def test_update_index_covers_the_plugins_models():
    indexed = get_indexed_models()

    assert {Proposal, Response, Recommendation} <= set(indexed)


@pytest.mark.django_db
def test_a_saved_change_is_found_at_once(client, home_page):
    item = proposal("Alberi in via Padova")

    item.title = "Aiuole in via Padova"
    item.save()

    assert titles(search(client, "aiuole")) == ["Aiuole in via Padova"]
    assert titles(search(client, "alberi")) == []


@pytest.mark.django_db
def test_a_speaker_added_on_a_later_publish_is_found(client, home_page):
    event = make_event(make_event_index(home_page), title="Assemblea cittadina")
    assert titles(search(client, "Gandolfi")) == []

    speaker = Speaker.objects.create(name="Marta Gandolfi")
    event.programme_items = [
        ProgrammeItem(
            time=datetime.time(18, 0),
            title="Apertura",
            speakers=[("speaker", {"speaker": speaker, "role": "speaker"})],
        )
    ]
    event.save_revision().publish()

    assert titles(search(client, "Gandolfi")) == ["Assemblea cittadina"]


# Facets, pages and the empty state


@pytest.fixture
def municipi(db):
    return MunicipioFactory(number=2), MunicipioFactory(number=8)


def scoped(municipio):
    return {"scope": municipio}


@pytest.mark.django_db
def test_facets_count_and_filter_by_kind_municipio_and_year(client, home_page, municipi):
    two, eight = municipi
    proposal("Giardini in Municipio 2", **scoped(two))
    proposal("Giardini in Municipio 8", **scoped(eight))
    old = proposal("Giardini d'altri tempi", **scoped(eight))
    Proposal.objects.filter(pk=old.pk).update(published_at=timezone.now() - timedelta(days=800))
    make_event(make_event_index(home_page), title="Festa dei giardini", municipio=eight)
    this_year = timezone.localdate().year
    two_years_ago = timezone.localdate(timezone.now() - timedelta(days=800)).year

    everything = search(client, "giardini")
    assert facet(everything, "kind") == {"proposal": 3, "event": 1}
    assert facet(everything, "municipio") == {two.pk: 1, eight.pk: 3}
    assert facet(everything, "year")[two_years_ago] == 1

    in_eight = search(client, "giardini", municipio=eight.pk)
    assert len(titles(in_eight)) == 3
    assert facet(in_eight, "kind") == {"proposal": 2, "event": 1}
    assert facet(in_eight, "municipio") == {two.pk: 1, eight.pk: 3}

    proposals_in_eight = search(client, "giardini", municipio=eight.pk, kind="proposal")
    assert sorted(titles(proposals_in_eight)) == [
        "Giardini d'altri tempi",
        "Giardini in Municipio 8",
    ]

    this_year_only = search(client, "giardini", kind="proposal", year=this_year)
    assert sorted(titles(this_year_only)) == ["Giardini in Municipio 2", "Giardini in Municipio 8"]
    html = this_year_only.content.decode()
    assert 'name="kind" id="facet-kind-proposal" value="proposal" checked' in html
    assert "Rimuovi i filtri" in html


@pytest.mark.django_db
def test_facet_values_that_name_nothing_are_ignored(client, home_page):
    proposal("Piazze aperte")

    response = search(client, "piazze", kind="nonesiste", municipio="²", year="9" * 5000)

    assert titles(response) == ["Piazze aperte"]


@pytest.mark.django_db
def test_results_are_paginated(client, home_page):
    consultation = make_consultation()
    for number in range(12):
        proposal(f"Fioriere numero {number}", consultation=consultation)

    first = search(client, "fioriere")
    second = search(client, "fioriere", page=2)

    assert len(titles(first)) == 10 and len(titles(second)) == 2
    assert set(titles(first)).isdisjoint(titles(second))
    assert "12 risultati per “fioriere”" in first.content.decode()


@pytest.mark.django_db
def test_the_empty_states(client, home_page):
    proposal("Piazze aperte")

    assert "Nessuna pagina corrisponde" in search(client, "zzzz").content.decode()
    filtered = search(client, "piazze", kind="event").content.decode()
    assert "Nessuna pagina corrisponde" in filtered and "Rimuovi i filtri" in filtered
    assert "Cerca pagine, consultazioni" in client.get("/cerca/").content.decode()


@pytest.mark.django_db
def test_the_search_answers_in_a_bounded_number_of_queries(
    client, home_page, municipi, django_assert_max_num_queries
):
    def add_one_of_each(number):
        proposal(f"Verde numero {number}", scope=municipi[0])
        make_event(make_event_index(home_page), title=f"Verde in festa {number}")
        recommendation(f"Verde {number}")

    add_one_of_each(0)
    search(client, "verde")  # warms the caches every request shares (site, content types)
    for number in range(1, 8):
        add_one_of_each(number)

    with django_assert_max_num_queries(30):
        response = search(client, "verde")

    assert len(response.context["page_obj"].paginator.object_list) == 24


# PostgreSQL: Italian stemming, accents folded


@postgresql_only
@pytest.mark.django_db
def test_a_word_finds_its_other_forms(client, home_page):
    proposal("Tetti verdi sulle scuole comunali")

    assert titles(search(client, "scuola")) == ["Tetti verdi sulle scuole comunali"]


@postgresql_only
@pytest.mark.django_db
def test_accents_do_not_matter(client, home_page):
    proposal("Una città più fresca")

    assert titles(search(client, "citta")) == ["Una città più fresca"]


@pytest.mark.django_db
def test_a_renamed_speaker_is_found_under_the_new_name(client, home_page):
    event = event_with_speaker(home_page, "Antonella Bruzzese")
    speaker = Speaker.objects.get(name="Antonella Bruzzese")

    speaker.name = "Antonella Bruzzese Rossi"
    speaker.save()

    assert titles(search(client, "Rossi")) == [event.title]
