"""The City's answers page says why it lists nothing: no answer yet, or none for the filters."""

import pytest

from proposals.responses.models import ResponseState

pytestmark = pytest.mark.django_db


def test_without_answers_or_filters_the_page_says_none_is_published_yet(client, home_page):
    html = client.get("/risposte/").content.decode()

    assert "Il Comune non ha ancora pubblicato alcuna risposta." in html
    assert "corrisponde ai filtri" not in html


def test_with_a_filter_that_matches_nothing_the_page_offers_to_clear_it(client, home_page):
    state = ResponseState.objects.first()

    html = client.get("/risposte/", {"state": state.pk}).content.decode()

    assert "Nessuna risposta pubblicata corrisponde ai filtri." in html
    assert 'href="/risposte/"' in html
