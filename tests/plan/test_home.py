import pytest

from tests.plan import factories as f

pytestmark = pytest.mark.django_db


def test_home_shows_the_latest_regeneration_projects(client, atlas, municipalities):
    f.regeneration_project(atlas, municipalities["rho"], title="Ex scalo merci")
    f.regeneration_project(atlas, municipalities["pero"], title="Bozza nascosta", live=False)

    html = client.get("/").content.decode()

    assert "La rigenerazione nell'area metropolitana" in html
    assert "Ex scalo merci" in html
    assert "Bozza nascosta" not in html


def test_home_section_has_an_empty_state(client, atlas):
    html = client.get("/").content.decode()

    assert "Non c'è ancora alcun progetto di rigenerazione nell'atlante." in html


def test_no_home_section_without_an_atlas(client, home_page):
    assert "rigenerazione nell" not in client.get("/").content.decode()
