from io import StringIO

import pytest
from django.core.management import call_command

from cms.models import NavigationSettings
from cms.plan import models

pytestmark = pytest.mark.django_db


def object_counts():
    return {
        model.__name__: model.objects.count()
        for model in [
            models.StrategicPlanPage,
            models.PlatformPage,
            models.StrategicProjectPage,
            models.ZonePage,
            models.Municipality,
            models.AtlasPage,
            models.RegenerationProjectPage,
            models.ProjectPhase,
            models.ProjectActor,
            models.Indicator,
            models.Localisation,
            models.CriticalIssueAmbit,
        ]
    }


def test_demo_content_is_loaded_once(client):
    call_command("load_demo", stdout=StringIO())
    first = object_counts()
    call_command("load_demo", stdout=StringIO())

    assert object_counts() == first
    assert first["PlatformPage"] == 6
    assert models.StrategicProjectPage.objects.filter(project_type="strategic").count() == 10
    assert first["ZonePage"] == 8
    assert first["RegenerationProjectPage"] == 6
    assert set(
        models.RegenerationProjectPage.objects.values_list("municipality__name", flat=True)
    ) == {"Pogliano Milanese", "Castano Primo", "Pero", "Cornaredo", "Rho", "Bussero"}
    castano = models.RegenerationProjectPage.objects.get(municipality__name="Castano Primo")
    assert list(castano.phases.values_list("label", "status")) == [
        ("FASE I", "in_progress"),
        ("FASE II", "planned"),
        ("FASE III", "planned"),
    ]
    cornaredo = models.RegenerationProjectPage.objects.get(municipality__name="Cornaredo")
    assert "Fondazione Cariplo" in cornaredo.actors.values_list("name", flat=True)
    facile = models.PlatformPage.objects.get(slug="milano-metropoli-facile")
    assert {"+Community", "Soggetti aggregatori", "Knowledge territoriale"} <= set(
        facile.projects.values_list("title", flat=True)
    )
    nord_ovest = models.ZonePage.objects.get(slug="nord-ovest")
    assert nord_ovest.vocation == "Nord Ovest Milano hub della conoscenza e dell'innovazione"
    menu = NavigationSettings.objects.get().main_menu
    labels = [item.value["label"] for item in menu]
    assert labels.count("Piano strategico") == 1
    assert labels.count("Atlante rigenerazione") == 1
    assert client.get("/atlante-rigenerazione/").status_code == 200
    assert client.get("/piano-strategico/").status_code == 200
    assert_coordinates_in_the_metropolitan_area()


def assert_coordinates_in_the_metropolitan_area():
    for page in models.RegenerationProjectPage.objects.all():
        assert 45.2 < page.latitude < 45.7
        assert 8.6 < page.longitude < 9.6
        page.full_clean()
