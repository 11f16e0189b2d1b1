import pytest


@pytest.mark.django_db
def test_home_page_renders_in_italian_with_bootstrap_italia(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="it">' in html
    assert "bootstrap-italia.min.css" in html
    assert "Salta al contenuto principale" in html
