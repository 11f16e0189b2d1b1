"""Builders for mini-site pages: each creates a live page under its parent."""

from datetime import timedelta

from django.utils import timezone

from manifattura.models import (
    AreaPage,
    CallIndexPage,
    CallPage,
    CallType,
    CompanyCaseIndexPage,
    CompanyCasePage,
    CompanySize,
    ManifatturaFormField,
    ManifatturaFormPage,
    ManifatturaHomePage,
    NewsIndexPage,
    NewsPage,
    Sector,
    SpaceIndexPage,
    SpaceKind,
    SpacePage,
)


def add_page(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_minisite(city_home):
    home = add_page(
        city_home,
        ManifatturaHomePage(title="Manifattura Milano", slug="manifattura", intro="Obiettivo"),
    )
    return {
        "home": home,
        "news": add_page(home, NewsIndexPage(title="Notizie", slug="notizie", show_in_menus=True)),
        "cases": add_page(
            home,
            CompanyCaseIndexPage(title="Casi aziendali", slug="casi", show_in_menus=True),
        ),
        "calls": add_page(
            home, CallIndexPage(title="Bandi e opportunità", slug="bandi", show_in_menus=True)
        ),
        "spaces": add_page(home, SpaceIndexPage(title="Spazi", slug="spazi", show_in_menus=True)),
    }


def make_area(home, title="Spazi della città", slug=None):
    return add_page(
        home, AreaPage(title=title, slug=slug or title.lower().replace(" ", "-"), intro="x")
    )


def make_news(index, title, date=None, area=None, tags=(), slug=None):
    page = NewsPage(
        title=title,
        slug=slug or title.lower().replace(" ", "-"),
        date=date or timezone.localdate(),
        author="Redazione",
        area=area,
        intro=f"Sommario di {title}",
    )
    page.tags.add(*tags)
    return add_page(index, page)


def make_call(index, title, opens_at, closes_at, call_type=CallType.SPACE_ASSIGNMENT, slug=None):
    return add_page(
        index,
        CallPage(
            title=title,
            slug=slug or title.lower().replace(" ", "-"),
            call_type=call_type,
            intro="Un bando",
            opens_at=opens_at,
            closes_at=closes_at,
            eligibility="<p>Imprese</p>",
            how_to_apply="<p>On line</p>",
        ),
    )


def call_around(index, title, days_open, days_close, **kwargs):
    now = timezone.now()
    return make_call(
        index, title, now + timedelta(days=days_open), now + timedelta(days=days_close), **kwargs
    )


def make_case(index, title, sector=Sector.DESIGN, municipio=None):
    return add_page(
        index,
        CompanyCasePage(
            title=title,
            slug=title.lower().replace(" ", "-"),
            company_name=title,
            sector=sector,
            size=CompanySize.MICRO,
            municipio=municipio,
            products="Arredi su misura",
        ),
    )


def make_space(index, title, services=(), municipio=None, address="Via Ripamonti, Milano"):
    page = SpacePage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        kind=SpaceKind.FABLAB,
        intro="Un laboratorio",
        address=address,
        municipio=municipio,
        latitude="45.438500",
        longitude="9.205500",
    )
    page.services = list(services)
    return add_page(index, page)


def make_form_page(home, to_address="redazione@example.org"):
    return add_page(
        home,
        ManifatturaFormPage(
            title="Raccolta input",
            slug="raccolta-input",
            to_address=to_address,
            from_address="partecipa@example.org",
            subject="Nuovo contributo",
            form_fields=[
                ManifatturaFormField(
                    sort_order=0, label="Email", field_type="email", required=True
                ),
                ManifatturaFormField(
                    sort_order=1, label="Il tuo contributo", field_type="multiline", required=True
                ),
            ],
        ),
    )
