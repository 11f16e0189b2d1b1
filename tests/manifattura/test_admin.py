import pytest

from manifattura.models import Service

from .factories import call_around, make_area, make_case, make_form_page, make_news, make_space

pytestmark = pytest.mark.django_db


def test_staff_can_open_the_editor_of_every_page_type(client, staff_user, minisite):
    client.force_login(staff_user)
    home = minisite["home"]
    pages = [
        home,
        make_area(home),
        make_news(minisite["news"], "Notizia", tags=["makers"]),
        call_around(minisite["calls"], "Bando", -5, 30),
        make_case(minisite["cases"], "Bottega"),
        make_space(minisite["spaces"], "Spazio"),
        make_form_page(home),
        *minisite.values(),
    ]
    for page in pages:
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page
        preview = client.get(f"/admin/pages/{page.pk}/edit/preview/")
        assert preview.status_code == 200, page


def test_staff_can_open_the_add_form_of_every_child_type(client, staff_user, minisite):
    client.force_login(staff_user)
    for parent_key, model in [
        ("home", "areapage"),
        ("home", "principlepage"),
        ("home", "manifatturaformpage"),
        ("news", "newspage"),
        ("cases", "companycasepage"),
        ("calls", "callpage"),
        ("spaces", "spacepage"),
    ]:
        parent = minisite[parent_key]
        response = client.get(f"/admin/pages/add/manifattura/{model}/{parent.pk}/")
        assert response.status_code == 200, model


def test_services_vocabulary_is_managed_as_a_snippet(client, staff_user):
    Service.objects.create(name="Stampa 3D", slug="stampa-3d")
    client.force_login(staff_user)
    response = client.get("/admin/snippets/manifattura/service/")
    assert response.status_code == 200
    assert "Stampa 3D" in response.content.decode()
    export = client.get("/admin/snippets/manifattura/service/?export=csv")
    assert export.status_code == 200
    assert b"stampa-3d" in b"".join(export.streaming_content)
