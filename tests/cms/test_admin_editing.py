import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import StandardPage

pytestmark = pytest.mark.django_db


def test_editor_creates_and_publishes_a_standard_page_in_the_admin(admin_client, home_page):
    data = nested_form_data(
        {
            "title": "Patti di collaborazione",
            "slug": "patti-di-collaborazione",
            "intro": "Come cittadini e Comune curano insieme i beni comuni.",
            "body": streamfield(
                [
                    ("heading", {"text": "Che cosa sono", "level": "h2"}),
                    ("paragraph", rich_text("<p>Accordi tra cittadini e Comune.</p>")),
                ]
            ),
            "action-publish": "publish",
        }
    )

    response = admin_client.post(f"/admin/pages/add/cms/standardpage/{home_page.pk}/", data)

    assert response.status_code == 302
    page = StandardPage.objects.get(slug="patti-di-collaborazione")
    assert page.live
    assert page.body[0].value["text"] == "Che cosa sono"
    assert admin_client.get("/patti-di-collaborazione/").status_code == 200


def test_editor_saves_a_draft_and_previews_it(admin_client, home_page):
    data = nested_form_data(
        {
            "title": "Bozza di pagina",
            "slug": "bozza-di-pagina",
            "intro": "",
            "body": streamfield([]),
        }
    )
    admin_client.post(f"/admin/pages/add/cms/standardpage/{home_page.pk}/", data)
    page = Page.objects.get(slug="bozza-di-pagina")

    assert not page.live
    preview = admin_client.get(f"/admin/pages/{page.pk}/edit/preview/")
    assert preview.status_code == 200


def test_editor_edits_navigation_settings(admin_client, site):
    response = admin_client.get(f"/admin/settings/cms/navigationsettings/{site.pk}/")
    assert response.status_code == 200
