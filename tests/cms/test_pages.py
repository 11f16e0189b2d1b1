from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from cms.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

BODY = [
    ("heading", {"text": "Il Patto", "level": "h2"}),
    ("paragraph", "<p>Un tempo di <b>lavoro collettivo</b>.</p>"),
    ("quote", {"text": "Milano, Bene Comune", "attribution": "Comune di Milano"}),
    (
        "call_to_action",
        {
            "title": "Partecipa",
            "text": "",
            "button_label": "Vai",
            "page": None,
            "url": "https://www.comune.milano.it",
        },
    ),
]


def add_standard_page(parent, **kwargs):
    page = StandardPage(title="Chi siamo", slug="chi-siamo", body=BODY, **kwargs)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_page_types_follow_the_tree_rules(home_page):
    assert HomePage.allowed_parent_page_models() == [Page]
    assert not HomePage.can_create_at(Page.get_first_root_node()), "only one home page"
    assert not HomePage.can_create_at(home_page)
    assert StandardPage.can_create_at(home_page)
    standard = add_standard_page(home_page)
    assert StandardPage.can_create_at(standard)


def test_standard_page_renders_its_streamfield_body(client, home_page):
    add_standard_page(home_page, intro="Chi siamo e come lavoriamo")

    response = client.get("/chi-siamo/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h2 class="mt-4">Il Patto</h2>' in html
    assert "<b>lavoro collettivo</b>" in html
    assert "Milano, Bene Comune" in html
    assert 'href="https://www.comune.milano.it"' in html
    assert 'aria-label="Percorso di navigazione"' in html


def test_draft_pages_are_not_public(client, home_page):
    page = StandardPage(title="Bozza", slug="bozza", live=False)
    home_page.add_child(instance=page)
    page.save_revision()

    assert client.get("/bozza/").status_code == 404


def test_scheduled_page_goes_live_at_its_publication_time(client, home_page, time_machine):
    page = StandardPage(title="Programmata", slug="programmata", live=False)
    home_page.add_child(instance=page)
    go_live = timezone.now() + timedelta(days=1)
    page.go_live_at = go_live
    page.save_revision().publish()
    assert client.get("/programmata/").status_code == 404

    time_machine.move_to(go_live + timedelta(minutes=1))
    call_command("publish_scheduled")

    assert client.get("/programmata/").status_code == 200


def test_home_page_collects_sections_registered_by_apps(client, home_page):
    from wagtail import hooks

    def upcoming(request):
        return {"template": "cms/tests/section.html", "order": 1, "title": "In programma"}

    with hooks.register_temporarily("register_home_section", upcoming):
        response = client.get("/")

    assert response.context["home_sections"][0]["title"] == "In programma"


def test_home_page_has_an_empty_state_when_no_section_is_registered(client, home_page, settings):
    from wagtail import hooks

    with hooks.register_temporarily("register_home_section", lambda request: None):
        response = client.get("/")

    assert response.status_code == 200
