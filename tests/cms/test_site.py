import subprocess
import sys

import pytest
from django.core.management import call_command

from cms.accounts.models import User
from cms.models import Municipio, NavigationSettings, SiteContactSettings, StandardPage

pytestmark = pytest.mark.django_db


def test_demo_content_loads_twice_without_changes(django_capture_on_commit_callbacks):
    call_command("load_demo", verbosity=0)
    counts = (StandardPage.objects.count(), Municipio.objects.count(), User.objects.count())

    call_command("load_demo", verbosity=0)

    assert (StandardPage.objects.count(), Municipio.objects.count(), User.objects.count()) == counts
    assert Municipio.objects.get(number=1).name == "Centro storico"
    assert Municipio.objects.count() == 9
    assert User.objects.get(email="admin@milanopartecipa.local").is_superuser


def test_footer_shows_contacts_and_legal_links_from_site_settings(client, site):
    call_command("load_demo", verbosity=0)

    html = client.get("/").content.decode()

    assert "Piazza della Scala 2, 20121 Milano" in html
    assert "protocollo@postacert.comune.milano.it" in html
    assert "Informativa privacy" in html
    assert "Dichiarazione di accessibilità" in html
    assert "Cookie policy" in html


def test_main_menu_comes_from_navigation_settings(client, site):
    navigation = NavigationSettings.for_site(site)
    navigation.main_menu = [
        ("link", {"label": "Eventi nei Municipi", "page": None, "url": "/eventi/"})
    ]
    navigation.save()

    html = client.get("/").content.decode()

    assert '<a class="nav-link" href="/eventi/"><span>Eventi nei Municipi</span></a>' in html


def test_site_contact_settings_are_editable_in_the_admin(admin_client, site):
    url = f"/admin/settings/cms/sitecontactsettings/{site.pk}/"
    assert admin_client.get(url).status_code == 200
    SiteContactSettings.for_site(site)


def test_site_speaks_italian_by_default_and_english_on_request(client, home_page):
    italian = client.get("/").content.decode()
    english = client.get("/en/").content.decode()

    assert '<html lang="it">' in italian and "Salta al contenuto principale" in italian
    assert '<html lang="en">' in english and "Skip to main content" in english
    assert 'href="/en/" lang="en" hreflang="en"' in italian


def test_search_finds_published_pages_only(client, home_page):
    published = StandardPage(
        title="Bilancio partecipativo", slug="bilancio", intro="Proposte dei Municipi"
    )
    home_page.add_child(instance=published)
    published.save_revision().publish()
    draft = StandardPage(title="Bilancio segreto", slug="bilancio-bozza", live=False)
    home_page.add_child(instance=draft)

    response = client.get("/cerca/", {"q": "bilancio"})

    results = list(response.context["page_obj"])
    assert [page.title for page in results] == ["Bilancio partecipativo"]
    assert "1 risultato per “bilancio”" in response.content.decode()


def test_search_with_no_results_says_so(client, home_page):
    response = client.get("/cerca/", {"q": "zzzz"})
    assert "Nessuna pagina corrisponde alla ricerca" in response.content.decode()


def test_sitemap_and_robots(client, home_page):
    sitemap = client.get("/sitemap.xml")
    robots = client.get("/robots.txt")

    assert sitemap.status_code == 200 and b"<urlset" in sitemap.content
    assert robots["Content-Type"].startswith("text/plain")
    assert b"Sitemap: http://testserver/sitemap.xml" in robots.content
    assert b"Disallow: /admin/" in robots.content


def test_not_found_page_is_in_the_site_style(client, home_page):
    response = client.get("/non-esiste/")

    assert response.status_code == 404
    assert "Pagina non trovata" in response.content.decode()
    assert "bootstrap-italia.min.css" in response.content.decode()


def test_favicon_is_served(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("cms/favicon.svg")


def test_editor_manages_municipi_in_the_admin(admin_client):
    Municipio.objects.create(number=4, name="Vittoria, Forlanini")

    response = admin_client.get("/admin/snippets/cms/municipio/")

    assert response.status_code == 200
    assert "Vittoria, Forlanini" in response.content.decode()


def test_admin_speaks_italian(admin_client):
    response = admin_client.get("/admin/")
    assert '<html lang="it"' in response.content.decode()


def test_production_settings_pass_the_deploy_checks():
    env = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "a-production-like-secret-key-with-enough-entropy-7f3a9c2e1b",
        "ALLOWED_HOSTS": "partecipa.comune.milano.it",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
