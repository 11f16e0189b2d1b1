"""The anonymous page cache: hits for cookieless visitors, misses after what the page shows changes."""

from unittest import mock

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from proposals.models import Support
from proposals.phases import PhaseKind
from tests.factories import UserFactory
from tests.proposals.factories import CommentFactory, ProposalFactory, make_consultation

pytestmark = pytest.mark.usefixtures("page_cache")


@pytest.fixture
def proposal(live_site_settings):
    consultation = make_consultation(PhaseKind.SUPPORT_COLLECTION)
    consultation.save_revision().publish()
    return ProposalFactory(consultation=consultation)


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_second_anonymous_visit_is_served_from_the_cache_without_queries(
    client, proposal, django_assert_num_queries
):
    url = proposal.consultation.url
    assert fetch(client, url)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        hit = fetch(client, url)
    assert hit["X-Page-Cache"] == "hit"
    assert proposal.title in hit.content.decode()


def test_supports_reach_anonymous_copies_within_seconds_and_the_supporter_at_once(
    client, proposal, citizen, settings
):
    settings.PAGE_CACHE_SUPPORT_SECONDS = 10
    pages = [proposal.consultation.url, proposal.get_absolute_url()]
    supporter = type(client)()
    supporter.force_login(citizen)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for url in pages:
            fetch(client, url)
        supporter.post(reverse("proposals:proposal_support", args=[proposal.pk]))

        assert Support.objects.filter(proposal=proposal, user=citizen).exists()
        assert "X-Page-Cache" not in fetch(supporter, proposal.get_absolute_url())
        for url in pages:
            assert fetch(client, url)["X-Page-Cache"] == "hit"
        clock.shift(11)
        for url in pages:
            assert fetch(client, url)["X-Page-Cache"] == "miss"


def test_a_comment_invalidates_the_proposal_page(client, proposal):
    url = proposal.get_absolute_url()
    fetch(client, url)
    CommentFactory(proposal=proposal, body="<p>Serve anche una fontanella.</p>")
    response = fetch(client, url)
    assert response["X-Page-Cache"] == "miss"
    assert "Serve anche una fontanella." in response.content.decode()


def test_publishing_a_page_invalidates_every_page(client, proposal, home_page):
    fetch(client, home_page.url)
    fetch(client, proposal.consultation.url)
    consultation = proposal.consultation
    consultation.title = "Bilancio partecipativo – Municipio 8"
    consultation.save_revision().publish()
    assert fetch(client, home_page.url)["X-Page-Cache"] == "miss"
    response = fetch(client, consultation.url)
    assert "Bilancio partecipativo – Municipio 8" in response.content.decode()


def test_visitors_with_cookies_are_never_served_from_the_cache(client, proposal, citizen):
    url = proposal.consultation.url
    fetch(client, url)
    client.force_login(citizen)
    response = fetch(client, url)
    assert "X-Page-Cache" not in response
    assert response.context is not None


def test_the_cache_is_off_when_its_lifetime_is_zero(client, proposal, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = proposal.consultation.url
    fetch(client, url)
    assert "X-Page-Cache" not in fetch(client, url)


def test_a_deployment_drops_the_pages_kept_by_the_code_before_it(client, proposal):
    url = proposal.get_absolute_url()
    fetch(client, url)
    assert fetch(client, url)["X-Page-Cache"] == "hit"
    call_command("migrate", verbosity=0)
    assert fetch(client, url)["X-Page-Cache"] == "miss"


def test_the_home_page_is_rendered_once_for_every_reader_with_their_own_account_menu(
    proposal, citizen, home_page
):
    other = UserFactory(nickname="giovanna")
    with mock.patch.object(Page, "serve", autospec=True, side_effect=Page.serve) as render:
        pages = {}
        for user in (citizen, other):
            client = Client()
            client.force_login(user)
            pages[user.nickname] = fetch(client, "/").content.decode()
    assert render.call_count == 1
    assert citizen.nickname in pages[citizen.nickname] and "giovanna" not in pages[citizen.nickname]
    assert "giovanna" in pages["giovanna"] and citizen.nickname not in pages["giovanna"]
    assert proposal.consultation.title in pages["giovanna"]
