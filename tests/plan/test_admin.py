import pytest
from django.urls import reverse

from cms.plan import models
from tests.plan import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def add_url(model, parent):
    meta = model._meta
    return reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])


def test_staff_can_open_the_editor_of_every_page_type(staff_client, home_page, plan, atlas, zones):
    platform = f.publish(
        plan, models.PlatformPage(title="Milano metropoli facile", aim="Semplificare")
    )
    zone_index = zones["nord-ovest"].get_parent()
    for model, parent in [
        (models.PlatformPage, plan),
        (models.StrategicProjectPage, plan),
        (models.StrategicProjectPage, platform),
        (models.ZonePage, zone_index),
        (models.RegenerationProjectPage, atlas),
    ]:
        assert staff_client.get(add_url(model, parent)).status_code == 200, model
    for page in [plan, platform, zone_index, zones["nord-ovest"], atlas]:
        response = staff_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page


def test_staff_manage_the_vocabularies_and_municipalities(staff_client, municipalities, terms):
    for model in [models.Municipality, models.Localisation, models.InterventionKind]:
        meta = model._meta
        url = reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:list")
        response = staff_client.get(url)
        assert response.status_code == 200
        assert staff_client.get(url + "?export=csv").status_code == 200


def test_staff_create_a_regeneration_project_from_the_editor(
    staff_client, atlas, municipalities, terms
):
    data = {
        "title": "Cascina Gogna",
        "slug": "cascina-gogna",
        "intro": "Recupero di una cascina.",
        "municipality": municipalities["rho"].pk,
        "kind": terms["lavori"].pk,
        "critical_ambits": [terms["sociale"].pk],
        "latitude": "45.5289",
        "longitude": "9.3746",
        "area_geojson": f.square(9.37, 45.52),
        "body-count": "0",
        "phases-TOTAL_FORMS": "1",
        "phases-INITIAL_FORMS": "0",
        "phases-MIN_NUM_FORMS": "0",
        "phases-MAX_NUM_FORMS": "1000",
        "phases-0-label": "FASE I",
        "phases-0-description": "Recupero",
        "phases-0-status": "planned",
        "phases-0-ORDER": "1",
        "actors-TOTAL_FORMS": "0",
        "actors-INITIAL_FORMS": "0",
        "actors-MIN_NUM_FORMS": "0",
        "actors-MAX_NUM_FORMS": "1000",
        "indicators-TOTAL_FORMS": "0",
        "indicators-INITIAL_FORMS": "0",
        "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "1000",
        "action-publish": "publish",
    }

    response = staff_client.post(add_url(models.RegenerationProjectPage, atlas), data)

    assert response.status_code == 302, response.context["form"].errors
    page = models.RegenerationProjectPage.objects.get(slug="cascina-gogna")
    assert page.live
    assert list(page.critical_ambits.all()) == [terms["sociale"]]
    assert page.phases.get().label == "FASE I"


def test_editor_rejects_works_without_an_area(staff_client, atlas, municipalities, terms):
    data = {
        "title": "Senza area",
        "slug": "senza-area",
        "municipality": municipalities["rho"].pk,
        "kind": terms["lavori"].pk,
        "body-count": "0",
        **{
            f"{prefix}-{key}": value
            for prefix in ("phases", "actors", "indicators")
            for key, value in [
                ("TOTAL_FORMS", "0"),
                ("INITIAL_FORMS", "0"),
                ("MIN_NUM_FORMS", "0"),
                ("MAX_NUM_FORMS", "1000"),
            ]
        },
    }

    response = staff_client.post(add_url(models.RegenerationProjectPage, atlas), data)

    assert response.status_code == 200
    assert "area_geojson" in response.context["form"].errors
    assert not models.RegenerationProjectPage.objects.filter(slug="senza-area").exists()
