from datetime import date
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from manifattura.models import PAGE_SIZE, Sector, Service
from tests.factories import MunicipioFactory

from .factories import make_area, make_case, make_news, make_space

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def titles(response):
    return [item.title for item in response.context["page_obj"]]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_news_newest_first_and_paginated(client, minisite):
    index = minisite["news"]
    for day in range(1, PAGE_SIZE + 3):
        make_news(index, f"Notizia {day}", date=date(2026, 10, day))
    first = client.get(index.url)
    assert titles(first)[0] == f"Notizia {PAGE_SIZE + 2}"
    assert len(titles(first)) == PAGE_SIZE
    second = client.get(index.url, {"page": 2})
    assert titles(second) == ["Notizia 2", "Notizia 1"]
    assert client.get(index.url, {"page": "abc"}).status_code == 200


def test_news_filter_by_area_and_tag_keeps_filters_in_pagination(client, minisite):
    index = minisite["news"]
    spaces = make_area(minisite["home"], "Spazi della città", "spazi-della-citta")
    school = make_area(minisite["home"], "Educazione", "educazione")
    make_news(index, "Bando spazi", area=spaces, tags=["periferie"])
    make_news(index, "Spazi e makers", area=spaces, tags=["makers"])
    make_news(index, "Scuole", area=school, tags=["makers"])
    assert set(titles(client.get(index.url, {"area": "spazi-della-citta"}))) == {
        "Bando spazi",
        "Spazi e makers",
    }
    assert set(titles(client.get(index.url, {"tag": "makers"}))) == {"Spazi e makers", "Scuole"}
    assert titles(client.get(index.url, {"area": "spazi-della-citta", "tag": "makers"})) == [
        "Spazi e makers"
    ]
    empty = client.get(index.url, {"area": "educazione", "tag": "periferie"})
    assert titles(empty) == []
    assert "Nessuna notizia corrisponde" in empty.content.decode()


def test_news_listing_query_count_does_not_grow(client, minisite):
    index = minisite["news"]
    area = make_area(minisite["home"])
    for number in range(2):
        make_news(index, f"Notizia {number}", area=area, tags=["a", "b"])
    few = queries_for(client, index.url)
    for number in range(2, 8):
        make_news(index, f"Notizia {number}", area=area, tags=["c", f"t{number}"])
    assert queries_for(client, index.url) <= few


def test_rss_feed_is_valid_and_lists_news(client, minisite):
    area = make_area(minisite["home"])
    make_news(minisite["news"], "Nasce Manifattura Milano", area=area, tags=["programma"])
    response = client.get(minisite["news"].url + "rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    item = channel.find("item")
    assert item.findtext("title") == "Nasce Manifattura Milano"
    assert item.findtext("link").endswith("/manifattura/notizie/nasce-manifattura-milano/")
    categories = [c.text for c in item.findall("category")]
    assert area.title in categories and "programma" in categories


def test_atom_feed_is_valid(client, minisite):
    make_news(minisite["news"], "Nasce Manifattura Milano")
    response = client.get(minisite["news"].url + "atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}entry/{ATOM}title").text == "Nasce Manifattura Milano"


def test_news_index_advertises_its_feeds(client, minisite):
    html = client.get(minisite["news"].url).content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'type="application/atom+xml"' in html


def test_company_cases_filter_by_sector_and_municipio(client, minisite):
    index = minisite["cases"]
    nine, five = MunicipioFactory(number=9), MunicipioFactory(number=5)
    make_case(index, "Bottega Isola", Sector.DESIGN, nine)
    make_case(index, "Stampa Vigentino", Sector.DIGITAL_FABRICATION, five)
    make_case(index, "Sartoria Isola", Sector.FASHION, nine)
    assert set(titles(client.get(index.url, {"municipio": 9}))) == {
        "Bottega Isola",
        "Sartoria Isola",
    }
    assert titles(client.get(index.url, {"sector": "fashion", "municipio": 9})) == [
        "Sartoria Isola"
    ]
    assert titles(client.get(index.url, {"sector": "food"})) == []


def test_empty_listings_explain_themselves(client, minisite):
    assert "Non sono ancora stati pubblicati casi aziendali" in (
        client.get(minisite["cases"].url).content.decode()
    )


def test_spaces_search_and_filters(client, minisite):
    index = minisite["spaces"]
    printing = Service.objects.create(name="Stampa 3D", slug="stampa-3d")
    coworking = Service.objects.create(name="Coworking", slug="coworking")
    nine, five = MunicipioFactory(number=9), MunicipioFactory(number=5)
    make_space(index, "MHUMA", [printing, coworking], nine, "Via Massimo d'Azeglio, Milano")
    make_space(index, "Smart City Lab", [coworking], five, "Via Ripamonti, Milano")
    assert titles(client.get(index.url, {"service": "stampa-3d"})) == ["MHUMA"]
    assert titles(client.get(index.url, {"municipio": 5})) == ["Smart City Lab"]
    assert titles(client.get(index.url, {"q": "ripamonti"})) == ["Smart City Lab"]
    assert titles(client.get(index.url, {"q": "coworking"})) == ["MHUMA", "Smart City Lab"]
    assert titles(client.get(index.url, {"q": "stampa", "municipio": 5})) == []


def test_spaces_listing_has_map_data_and_links_without_js(client, minisite):
    make_space(minisite["spaces"], "Smart City Lab")
    response = client.get(minisite["spaces"].url)
    html = response.content.decode()
    assert 'id="spaces-map-data"' in html
    assert "openstreetmap.org/?mlat=45.438500" in html
    assert response.context["map_points"][0]["title"] == "Smart City Lab"


def test_spaces_listing_query_count_does_not_grow(client, minisite):
    index = minisite["spaces"]
    services = [Service.objects.create(name=f"Servizio {n}", slug=f"s{n}") for n in range(3)]
    municipio = MunicipioFactory(number=9)
    make_space(index, "Spazio 0", services, municipio)
    few = queries_for(client, index.url)
    for number in range(1, 6):
        make_space(index, f"Spazio {number}", services, municipio)
    assert queries_for(client, index.url) <= few


def test_company_cases_listing_query_count_does_not_grow(client, minisite):
    index = minisite["cases"]
    municipio = MunicipioFactory(number=9)
    make_case(index, "Impresa 0", Sector.DESIGN, municipio)
    few = queries_for(client, index.url)
    for number in range(1, 6):
        make_case(index, f"Impresa {number}", Sector.FOOD, MunicipioFactory(number=number))
    assert queries_for(client, index.url) <= few


def test_minisite_home_query_count_does_not_grow_with_content(client, minisite):
    home = minisite["home"]
    make_area(home, "Area 0", "area-0")
    make_news(minisite["news"], "Notizia 0")
    few = queries_for(client, home.url)
    for number in range(1, 5):
        make_area(home, f"Area {number}", f"area-{number}")
        make_news(minisite["news"], f"Notizia {number}")
    assert queries_for(client, home.url) <= few
