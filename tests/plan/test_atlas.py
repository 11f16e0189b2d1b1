import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.plan.models import RegenerationProjectPage
from tests.plan import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(atlas, municipalities, terms):
    """Three live projects with distinct taxonomy, and one draft that matches everything."""
    t = terms
    return {
        "scalo": f.regeneration_project(
            atlas,
            municipalities["rho"],
            title="Ex scalo merci",
            localisation=t["urbana"],
            action_ambit=t["ferroviario"],
            scale=t["sovracomunale"],
            kind=t["lavori"],
            area_geojson=f.square(9.04, 45.52),
            critical=[t["economico"]],
            phases=["completed", "in_progress"],
            actors=[("RFI", t["pubblico"]), ("Privati da attrarre", t["privati"])],
        ),
        "marconi": f.regeneration_project(
            atlas,
            municipalities["pero"],
            title="Ex scuola Marconi",
            localisation=t["urbana"],
            action_ambit=t["patrimonio"],
            scale=t["comunale"],
            kind=t["azioni"],
            latitude="45.510400",
            longitude="9.086300",
            critical=[t["sociale"], t["economico"]],
            phases=["planned"],
            actors=[("Comune di Pero", t["pubblico"])],
        ),
        "castanesi": f.regeneration_project(
            atlas,
            municipalities["castano-primo"],
            title="Casa dei Castanesi",
            localisation=t["periferica"],
            action_ambit=t["patrimonio"],
            scale=t["comunale"],
            kind=t["azioni"],
            critical=[t["sociale"]],
            phases=["in_progress", "planned"],
            actors=[("Associazioni castanesi", t["privati"])],
        ),
        "draft": f.regeneration_project(
            atlas,
            municipalities["rho"],
            title="Progetto in bozza",
            localisation=t["urbana"],
            action_ambit=t["patrimonio"],
            scale=t["comunale"],
            kind=t["azioni"],
            critical=[t["sociale"], t["economico"]],
            phases=["planned", "in_progress", "completed"],
            actors=[("Comune", t["pubblico"]), ("Privati", t["privati"])],
            live=False,
        ),
    }


def listed_titles(client, atlas, query=""):
    response = client.get(atlas.url + query)
    assert response.status_code == 200
    return {project.title for project in response.context["page_obj"].object_list}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Ex scalo merci", "Ex scuola Marconi", "Casa dei Castanesi"}),
        ("?zone=nord-ovest", {"Ex scalo merci", "Ex scuola Marconi"}),
        ("?zone=alto-milanese", {"Casa dei Castanesi"}),
        ("?municipality=pero", {"Ex scuola Marconi"}),
        ("?municipality=pero&municipality=rho", {"Ex scalo merci", "Ex scuola Marconi"}),
        ("?kind=lavori", {"Ex scalo merci"}),
        ("?kind=azioni", {"Ex scuola Marconi", "Casa dei Castanesi"}),
        ("?localisation=periferica", {"Casa dei Castanesi"}),
        ("?ambit=valorizzazione-patrimonio", {"Ex scuola Marconi", "Casa dei Castanesi"}),
        ("?ambit=recupero-ambito-ferroviario", {"Ex scalo merci"}),
        ("?critical=economico", {"Ex scalo merci", "Ex scuola Marconi"}),
        ("?critical=sociale", {"Ex scuola Marconi", "Casa dei Castanesi"}),
        ("?scale=sovracomunale", {"Ex scalo merci"}),
        ("?actor=privati", {"Ex scalo merci", "Casa dei Castanesi"}),
        ("?actor=pubblico", {"Ex scalo merci", "Ex scuola Marconi"}),
        ("?phase=completed", {"Ex scalo merci"}),
        ("?phase=planned", {"Ex scuola Marconi", "Casa dei Castanesi"}),
        ("?phase=in_progress", {"Ex scalo merci", "Casa dei Castanesi"}),
    ],
)
def test_each_facet_filters_the_list(client, atlas, projects, query, expected):
    assert listed_titles(client, atlas, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?zone=nord-ovest&critical=sociale", {"Ex scuola Marconi"}),
        ("?critical=sociale&actor=privati", {"Casa dei Castanesi"}),
        (
            "?critical=sociale&critical=economico&kind=azioni",
            {"Ex scuola Marconi", "Casa dei Castanesi"},
        ),
        ("?zone=nord-ovest&phase=planned&actor=pubblico", {"Ex scuola Marconi"}),
        (
            "?localisation=urbana&scale=comunale&ambit=valorizzazione-patrimonio",
            {"Ex scuola Marconi"},
        ),
        ("?zone=alto-milanese&kind=lavori", set()),
        ("?zone=nord-ovest&zone=alto-milanese&phase=completed", {"Ex scalo merci"}),
    ],
)
def test_facets_combine(client, atlas, projects, query, expected):
    assert listed_titles(client, atlas, query) == expected


def test_counts_show_what_each_term_would_give(client, atlas, projects):
    response = client.get(atlas.url + "?zone=nord-ovest")

    facets = {state.facet.param: state for state in response.context["facets"]}
    zone_counts = {c["value"]: c["count"] for c in facets["zone"].choices}
    critical_counts = {c["value"]: c["count"] for c in facets["critical"].choices}
    assert zone_counts == {"nord-ovest": 2, "alto-milanese": 1}
    assert critical_counts == {"sociale": 1, "economico": 2}
    assert facets["zone"].choices[0]["checked"] is True


def test_unknown_filter_values_are_ignored_with_a_message(client, atlas, projects):
    response = client.get(atlas.url + "?zone=atlantide&kind=lavori")

    assert {p.title for p in response.context["page_obj"].object_list} == {"Ex scalo merci"}
    assert response.context["ignored_filters"] == ["atlantide"]
    assert 'role="alert"' in response.content.decode()


def test_filter_form_works_without_javascript(client, atlas, projects):
    html = client.get(atlas.url + "?kind=lavori").content.decode()

    assert f'<form method="get" action="{atlas.url}"' in html
    assert 'name="kind" value="lavori"' in html
    assert 'type="submit"' in html
    assert 'href="/atlante-rigenerazione/geojson/?kind=lavori"' in html
    assert 'href="/atlante-rigenerazione/csv/?kind=lavori"' in html
    assert "Progetto in bozza" not in html


def test_list_is_paginated_keeping_the_filters(client, atlas, municipalities, terms):
    for number in range(13):
        f.regeneration_project(
            atlas, municipalities["rho"], title=f"Progetto {number:02}", kind=terms["azioni"]
        )

    first = client.get(atlas.url + "?kind=azioni")
    second = client.get(atlas.url + "?kind=azioni&page=2")

    assert len(first.context["page_obj"].object_list) == 12
    assert len(second.context["page_obj"].object_list) == 1
    assert "?kind=azioni&amp;page=2" in first.content.decode()


def add_projects(atlas, municipalities, terms, count):
    for _ in range(count):
        f.regeneration_project(
            atlas,
            municipalities["pero"],
            localisation=terms["urbana"],
            action_ambit=terms["patrimonio"],
            scale=terms["comunale"],
            kind=terms["lavori"],
            area_geojson=f.square(9.08, 45.51),
            critical=[terms["sociale"], terms["economico"]],
            phases=["planned", "in_progress"],
            actors=[("Comune di Pero", terms["pubblico"]), ("Impresa", terms["privati"])],
        )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "suffix",
    [
        "",
        "?critical=sociale&zone=nord-ovest&phase=planned",
        "geojson/",
        "geojson/?actor=privati",
        "csv/",
    ],
)
def test_query_count_does_not_grow_with_projects(client, atlas, municipalities, terms, suffix):
    url = atlas.url + suffix
    add_projects(atlas, municipalities, terms, 2)
    client.get(url)
    few = count_queries(client, url)

    add_projects(atlas, municipalities, terms, 4)
    many = count_queries(client, url)

    assert many == few
    assert few < 40


def test_zone_pages_do_not_query_per_project(client, atlas, zones, municipalities, terms):
    add_projects(atlas, municipalities, terms, 2)
    zone_url = zones["nord-ovest"].url
    index_url = zones["nord-ovest"].get_parent().url
    client.get(zone_url)
    few = [count_queries(client, url) for url in (zone_url, index_url, index_url + "geojson/")]

    add_projects(atlas, municipalities, terms, 4)

    assert [
        count_queries(client, url) for url in (zone_url, index_url, index_url + "geojson/")
    ] == few


def test_municipality_facet_does_not_reveal_draft_projects(client, atlas, municipalities):
    f.regeneration_project(atlas, municipalities["rho"], title="Pubblicato")
    f.regeneration_project(atlas, municipalities["pero"], title="Bozza", live=False)

    response = client.get(atlas.url)

    facets = {state.facet.param: state for state in response.context["facets"]}
    assert [choice["value"] for choice in facets["municipality"].choices] == ["rho"]


def test_geojson_is_built_once_until_a_project_is_published(client, settings, projects, citizen):
    settings.PAGE_CACHE_SECONDS = 60
    client.force_login(citizen)  # the map's visitors carry cookies: no whole-page cache
    url = projects["scalo"].get_parent().url + "geojson/"
    first = client.get(url)

    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)

    assert again.content == first.content
    project_table = RegenerationProjectPage._meta.db_table
    assert not [q for q in queries if project_table in q["sql"]]
    project = projects["scalo"]
    project.title = "Ex scalo merci di Rho"
    project.save_revision().publish()
    assert "Ex scalo merci di Rho" in client.get(url).content.decode()


def test_facet_counts_are_counted_once_until_a_project_is_published(
    client, settings, projects, citizen
):
    settings.PAGE_CACHE_SECONDS = 60
    client.force_login(citizen)
    url = projects["scalo"].get_parent().url
    client.get(url)  # creates the site settings rows, which counts as a change of the site
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        client.get(url)

    assert not [q for q in queries if "COUNT(DISTINCT" in q["sql"]]
    scale = projects["scalo"].scale
    before = scale_count(client.get(url), scale)
    project = projects["marconi"]
    project.scale = scale
    project.save_revision().publish()
    assert scale_count(client.get(url), scale) == before + 1


def scale_count(response, scale):
    (facet,) = [state for state in response.context["facets"] if state.facet.param == "scale"]
    return {choice["value"]: choice["count"] for choice in facet.choices}[scale.slug]
