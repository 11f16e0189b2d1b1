import pytest
from wagtail.models import Page

from cms.demo import add_menu_link
from cms.models import HomePage, StandardPage
from manifattura.models import (
    AreaPage,
    CallIndexPage,
    CallPage,
    CompanyCaseIndexPage,
    CompanyCasePage,
    ManifatturaFormPage,
    ManifatturaHomePage,
    NewsIndexPage,
    NewsPage,
    PrinciplePage,
    SpaceIndexPage,
    SpacePage,
)
from proposals.models import ConsultationIndexPage

from .factories import add_page, make_area, make_news

pytestmark = pytest.mark.django_db

CHILDREN_OF_HOME = {
    ConsultationIndexPage,
    AreaPage,
    PrinciplePage,
    NewsIndexPage,
    CompanyCaseIndexPage,
    CallIndexPage,
    SpaceIndexPage,
    ManifatturaFormPage,
}
INDEX_CHILD = {
    NewsIndexPage: NewsPage,
    CompanyCaseIndexPage: CompanyCasePage,
    CallIndexPage: CallPage,
    SpaceIndexPage: SpacePage,
}


def test_the_minisite_home_lives_only_under_the_city_home(home_page):
    assert ManifatturaHomePage.can_create_at(home_page)
    standard = add_page(home_page, StandardPage(title="Info", slug="info"))
    assert not ManifatturaHomePage.can_create_at(standard)
    assert not ManifatturaHomePage.can_create_at(Page.get_first_root_node())


def test_only_one_minisite_home(minisite, home_page):
    assert not ManifatturaHomePage.can_create_at(home_page)


def test_minisite_home_allows_exactly_its_section_pages(minisite):
    home = minisite["home"]
    allowed = set(ManifatturaHomePage.allowed_subpage_models())
    assert allowed == CHILDREN_OF_HOME
    assert AreaPage.can_create_at(home) and PrinciplePage.can_create_at(home)
    assert StandardPage not in allowed
    assert HomePage not in allowed


@pytest.mark.parametrize("index_model", list(INDEX_CHILD))
def test_each_index_takes_only_its_own_items_and_exists_once(minisite, index_model):
    index = index_model.objects.get()
    assert set(index_model.allowed_subpage_models()) == {INDEX_CHILD[index_model]}
    assert not index_model.can_create_at(minisite["home"])
    for other_index, child in INDEX_CHILD.items():
        if other_index is not index_model:
            assert not child.can_create_at(index)


@pytest.mark.parametrize("leaf", [AreaPage, PrinciplePage, *INDEX_CHILD.values()])
def test_items_have_no_children(leaf):
    assert leaf.allowed_subpage_models() == []


def test_items_cannot_be_created_outside_the_minisite(home_page):
    for model in [AreaPage, NewsPage, CallPage, SpacePage, CompanyCasePage, NewsIndexPage]:
        assert not model.can_create_at(home_page)


def test_every_page_type_renders_with_its_template(client, minisite):
    area = make_area(minisite["home"])
    news = make_news(minisite["news"], "Prima notizia", area=area, tags=["makers"])
    for page, template in [
        (minisite["home"], "manifattura/manifattura_home_page.html"),
        (area, "manifattura/topic_page.html"),
        (minisite["news"], "manifattura/news_index_page.html"),
        (news, "manifattura/news_page.html"),
        (minisite["cases"], "manifattura/company_case_index_page.html"),
        (minisite["calls"], "manifattura/call_index_page.html"),
        (minisite["spaces"], "manifattura/space_index_page.html"),
    ]:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert template in [t.name for t in response.templates]
        assert response.content.decode().count("<h1") == 1


def test_minisite_has_its_own_brand_and_navigation(client, site, minisite):
    add_menu_link(site, "Come partecipare", "/come-partecipare/")
    add_menu_link(site, "Eventi", "/eventi/")
    html = client.get(minisite["news"].url).content.decode()
    nav = html[
        html.index("data-minisite-nav") : html.index("</ul>", html.index("data-minisite-nav"))
    ]
    assert 'href="/manifattura/notizie/"' in nav
    assert 'aria-current="page"' in nav
    assert 'href="/manifattura/bandi/"' in nav
    assert "/eventi/" not in html
    assert "Come partecipare" not in html
    assert '<div class="it-brand-title">Manifattura Milano</div>' in html
    assert '<a href="/manifattura/">' in html


def test_main_site_keeps_its_own_navigation(client, site, minisite):
    add_menu_link(site, "Eventi", "/eventi/")
    html = client.get("/").content.decode()
    assert "/eventi/" in html
    assert "data-minisite-nav" not in html
    assert '<div class="it-brand-title">Milano Partecipa</div>' in html


def test_pages_hidden_from_menus_stay_out_of_the_minisite_nav(client, minisite):
    make_area(minisite["home"], "Comunicazione")
    html = client.get(minisite["home"].url).content.decode()
    nav = html[
        html.index("data-minisite-nav") : html.index("</ul>", html.index("data-minisite-nav"))
    ]
    assert "/manifattura/comunicazione/" not in nav
    assert "/manifattura/comunicazione/" in html  # listed among the areas on the home


def test_blocks_have_templates_icons_and_previews():
    from manifattura.blocks import ManifatturaStreamBlock

    stream = ManifatturaStreamBlock()
    for name in ["key_figures", "timeline"]:
        block = stream.child_blocks[name]
        assert block.meta.template and block.meta.icon and block.meta.description
        assert block.render(block.get_preview_value())
    figures = stream.child_blocks["key_figures"].render(
        stream.child_blocks["key_figures"].get_preview_value()
    )
    assert "36.000" in figures and "350.000" in figures
