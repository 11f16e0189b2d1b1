from io import StringIO
from types import SimpleNamespace

import pytest

from cms import demo

AGID_HEADINGS = [
    "Stato di conformità",
    "Contenuti non accessibili",
    "Redazione della dichiarazione di accessibilità",
    "Meccanismo di feedback e recapiti",
    "Procedura di attuazione",
]


@pytest.mark.django_db
def test_demo_accessibility_statement_follows_agid_model_and_describes_the_tests(client):
    options = {"admin_email": "admin@example.org", "admin_password": "una-password-2026"}
    demo.load(SimpleNamespace(stdout=StringIO()), options)

    response = client.get("/dichiarazione-di-accessibilita/")

    assert response.status_code == 200
    html = response.content.decode()
    for heading in AGID_HEADINGS:
        assert f'<h2 class="mt-4">{heading}</h2>' in html
    for tested in ["axe-core", "WCAG 2.0 e 2.1", "Nu Html Checker", "soltanto la tastiera"]:
        assert tested in html
    assert "Difensore civico per il digitale" in html
    assert 'href="/dichiarazione-di-accessibilita/"' in html  # linked from every footer
