import json

import pytest
from django.core.exceptions import ValidationError

from cms.models import HomePage, StandardPage
from cms.plan import models
from cms.plan.geo import parse_area
from tests.plan import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("child", "parent", "allowed"),
    [
        (models.StrategicPlanPage, HomePage, True),
        (models.StrategicPlanPage, StandardPage, False),
        (models.PlatformPage, models.StrategicPlanPage, True),
        (models.PlatformPage, HomePage, False),
        (models.StrategicProjectPage, models.StrategicPlanPage, True),
        (models.StrategicProjectPage, models.PlatformPage, True),
        (models.StrategicProjectPage, models.ZonePage, False),
        (models.ZoneIndexPage, models.StrategicPlanPage, True),
        (models.ZoneIndexPage, HomePage, False),
        (models.ZonePage, models.ZoneIndexPage, True),
        (models.ZonePage, models.StrategicPlanPage, False),
        (models.AtlasPage, HomePage, True),
        (models.AtlasPage, models.StrategicPlanPage, True),
        (models.RegenerationProjectPage, models.AtlasPage, True),
        (models.RegenerationProjectPage, HomePage, False),
        (models.RegenerationProjectPage, models.ZonePage, False),
        (StandardPage, models.ZonePage, False),
    ],
)
def test_parent_and_child_rules(child, parent, allowed):
    assert (child in parent.allowed_subpage_models()) is allowed
    assert (parent in child.allowed_parent_page_models()) is allowed


def test_only_one_strategic_plan_per_site(plan, home_page):
    assert not models.StrategicPlanPage.can_create_at(home_page)


def test_plan_page_shows_phases_platforms_and_projects(client, plan):
    plan.phases = [("phase", {"title": "Innesco", "period": "2015", "description": ""})]
    plan.monitoring = "<p>Aggiornamento annuale del Piano.</p>"
    plan.save_revision().publish()
    platform = f.publish(
        plan, models.PlatformPage(title="Milano metropoli facile", aim="Semplificare")
    )
    f.publish(plan, models.StrategicProjectPage(title="RE.MIX", number=1, platform=platform))

    response = client.get(plan.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Innesco" in html
    assert "Milano metropoli facile" in html
    assert "1. RE.MIX" in html
    assert "Aggiornamento annuale del Piano." in html
    assert html.count("<h1") == 1


def test_project_under_a_platform_takes_that_platform(client, plan):
    platform = f.publish(
        plan, models.PlatformPage(title="Milano metropoli facile", aim="Semplificare")
    )
    project = f.publish(
        platform,
        models.StrategicProjectPage(
            title="+Community",
            project_type="operational",
            responsible_office="Settore Innovazione",
            status="in_progress",
        ),
    )

    assert project.platform == platform
    response = client.get(platform.url)
    assert "+Community" in response.content.decode()
    project_html = client.get(project.url).content.decode()
    assert "Settore Innovazione" in project_html
    assert "Milano metropoli facile" in project_html


def test_project_shows_zones_updates_and_related_pages(client, plan, zones, home_page):
    event = home_page.add_child(instance=StandardPage(title="Incontro pubblico RE.MIX"))
    draft = home_page.add_child(instance=StandardPage(title="Bozza riservata", live=False))
    project = models.StrategicProjectPage(title="RE.MIX", number=1)
    project.zones = [zones["nord-ovest"]]
    project.updates = [
        models.StrategicProjectUpdate(date="2020-05-04", title="Presentazione del progetto")
    ]
    project.related_pages = [models.RelatedPage(page=event), models.RelatedPage(page=draft)]
    f.publish(plan, project)

    html = client.get(project.url).content.decode()

    assert "Nord Ovest" in html
    assert "Presentazione del progetto" in html
    assert 'datetime="2020-05-04"' in html
    assert "Incontro pubblico RE.MIX" in html
    assert "Bozza riservata" not in html


def test_zone_lists_its_projects_and_municipalities(
    client, atlas, zones, municipalities, terms, plan
):
    strategic = models.StrategicProjectPage(title="Parco metropolitano e Idroscalo", number=2)
    strategic.zones = [zones["nord-ovest"]]
    f.publish(plan, strategic)
    f.regeneration_project(atlas, municipalities["rho"], title="Ex scalo merci")
    f.regeneration_project(atlas, municipalities["castano-primo"], title="Casa dei Castanesi")
    f.regeneration_project(atlas, municipalities["pero"], title="Progetto in bozza", live=False)

    html = client.get(zones["nord-ovest"].url).content.decode()

    assert "Ex scalo merci" in html
    assert "Parco metropolitano e Idroscalo" in html
    assert "Casa dei Castanesi" not in html
    assert "Progetto in bozza" not in html
    assert "Rho" in html and "Pero" in html


def test_regeneration_project_shows_zone_platform_phases_and_kpi(
    client, atlas, plan, municipalities, terms
):
    platform = f.publish(
        plan, models.PlatformPage(title="Milano metropoli sostenibile", aim="Rigenerare")
    )
    remix = f.publish(
        plan, models.StrategicProjectPage(title="RE.MIX", number=1, platform=platform)
    )
    page = models.RegenerationProjectPage(
        title="Casa dei Castanesi",
        municipality=municipalities["castano-primo"],
        kind=terms["lavori"],
        area_geojson=f.square(8.77, 45.55),
        strategic_project=remix,
    )
    page.phases = [
        models.ProjectPhase(label="FASE I", description="Manutenzione", status="in_progress")
    ]
    page.actors = [
        models.ProjectActor(name="Comune di Castano Primo", actor_type=terms["pubblico"])
    ]
    page.indicators = [
        models.Indicator(
            name="Fasi completate",
            unit="fasi",
            baseline=0,
            target=4,
            measurements=[
                ("measurement", {"date": "2020-05-04", "value": "1", "note": ""}),
                ("measurement", {"date": "2021-05-04", "value": "2", "note": ""}),
            ],
        )
    ]
    f.publish(atlas, page)

    html = client.get(page.url).content.decode()

    assert "Alto Milanese" in html
    assert "Milano metropoli sostenibile" in html
    assert "RE.MIX" in html
    assert "FASE I" in html
    assert "Comune di Castano Primo" in html
    assert 'aria-valuenow="50"' in html
    assert 'id="project-feature"' in html
    indicator = page.indicators.get()
    assert indicator.latest["value"] == 2
    assert indicator.progress_percent == 50


def test_works_need_an_area_and_actions_have_none(atlas, municipalities, terms):
    works = models.RegenerationProjectPage(
        title="Lavori", slug="lavori", municipality=municipalities["rho"], kind=terms["lavori"]
    )
    with pytest.raises(ValidationError) as error:
        works.full_clean()
    assert "area_geojson" in error.value.message_dict

    action = models.RegenerationProjectPage(
        title="Azioni",
        slug="azioni",
        municipality=municipalities["rho"],
        kind=terms["azioni"],
        area_geojson=f.square(9.0, 45.5),
    )
    with pytest.raises(ValidationError) as error:
        action.full_clean()
    assert "area_geojson" in error.value.message_dict


def test_point_needs_both_coordinates(atlas, municipalities):
    page = models.RegenerationProjectPage(
        title="Punto", slug="punto", municipality=municipalities["rho"], latitude="45.5"
    )
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "longitude" in error.value.message_dict


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        '{"type": "Point", "coordinates": [9.1, 45.5]}',
        '{"type": "Polygon", "coordinates": [[[9.1, 45.5], [9.2, 45.5], [9.1, 45.5]]]}',
        '{"type": "Polygon", "coordinates": [[[9.1, 45.5], [9.2, 45.5], [9.2, 45.6], [9.1, 45.6]]]}',
        '{"type": "Polygon", "coordinates": [[[9.1, 95.5], [9.2, 45.5], [9.2, 45.6], [9.1, 95.5]]]}',
        '{"type": "Polygon", "coordinates": [[["9.1", 45.5], [9.2, 45.5], [9.2, 45.6], ["9.1", 45.5]]]}',
    ],
)
def test_invalid_areas_are_rejected(text):
    with pytest.raises(ValidationError):
        parse_area(text)


def test_valid_multipolygon_is_accepted():
    ring = [[9.1, 45.5], [9.2, 45.5], [9.2, 45.6], [9.1, 45.5]]
    geometry = parse_area(json.dumps({"type": "MultiPolygon", "coordinates": [[ring]]}))
    assert geometry["type"] == "MultiPolygon"


def test_zone_index_lists_zones_with_project_counts(client, atlas, zones, municipalities):
    f.regeneration_project(atlas, municipalities["rho"])
    f.regeneration_project(atlas, municipalities["pero"])
    f.regeneration_project(atlas, municipalities["pero"], live=False)
    index = zones["nord-ovest"].get_parent()

    html = client.get(index.url).content.decode()

    assert "2 progetti di rigenerazione" in html or "2 regeneration projects" in html
    assert 'data-geojson-url="/piano-strategico/zone-omogenee/geojson/"' in html


def test_regeneration_project_links_related_consultations(client, atlas, municipalities, home_page):
    consultation = home_page.add_child(instance=StandardPage(title="Consultazione sul quartiere"))
    page = models.RegenerationProjectPage(
        title="Ex scalo merci", municipality=municipalities["rho"]
    )
    page.related_pages = [models.RegenerationRelatedPage(page=consultation)]
    f.publish(atlas, page)

    html = client.get(page.url).content.decode()

    assert "Consultazione sul quartiere" in html
