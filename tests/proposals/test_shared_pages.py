"""Consultation and proposal pages are rendered once for everyone; each reader's own parts (the
account menu, their support, their comments' links, CSRF tokens, messages) are filled in per
request (proposals.personal). The site speaks Italian by default, as the assertions do."""

import re
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from proposals import personal, views
from proposals.groups import MODERATORS, ensure_role_groups
from proposals.models import Proposal, Support
from proposals.phases import PhaseKind
from tests.factories import UserFactory
from tests.proposals.factories import (
    CommentFactory,
    ProposalFactory,
    SupportFactory,
    make_consultation,
)

pytestmark = pytest.mark.usefixtures("page_cache")


@pytest.fixture
def proposal(live_site_settings):
    consultation = make_consultation(PhaseKind.SUPPORT_COLLECTION)
    return ProposalFactory(consultation=consultation, title="Più alberi in via Padova")


def reader(user=None, **options):
    client = Client(**options)
    if user is not None:
        client.force_login(user)
    return client


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def csrf_token_in(html, action):
    form = re.search(
        rf'<form method="post" action="{re.escape(action)}"[^>]*>(.*?)</form>', html, re.S
    )
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form[1])[1]


def test_citizens_share_one_render_of_a_proposal_and_each_sees_their_own_support(proposal, citizen):
    other = UserFactory(nickname="giovanna")
    SupportFactory(proposal=proposal, user=citizen)
    url = proposal.get_absolute_url()
    with mock.patch.object(views, "render_proposal", wraps=views.render_proposal) as render:
        mine = page(reader(citizen), url)
        theirs = page(reader(other), url)
        anonymous = page(reader(), url)
    assert render.call_count == 1
    assert "Hai dato il tuo sostegno a questa proposta." in mine and citizen.nickname in mine
    assert (
        "Hai dato il tuo sostegno a questa proposta." not in theirs
        and citizen.nickname not in theirs
    )
    assert reverse("proposals:proposal_support", args=[proposal.pk]) in theirs
    assert "giovanna" in theirs
    assert "Accedi per sostenere." in anonymous
    assert "csrfmiddlewaretoken" not in anonymous


def test_the_csrf_token_filled_in_a_shared_page_is_the_readers_own(proposal, citizen):
    page(reader(UserFactory()), proposal.get_absolute_url())  # someone else renders it first
    client = reader(citizen, enforce_csrf_checks=True)
    html = page(client, proposal.get_absolute_url())
    action = reverse("proposals:proposal_support", args=[proposal.pk])
    response = client.post(action, {"csrfmiddlewaretoken": csrf_token_in(html, action)})
    assert response.status_code == 302
    assert Support.objects.filter(proposal=proposal, user=citizen).exists()
    assert "Grazie per il tuo sostegno." in page(client, proposal.get_absolute_url())


def test_support_counts_are_fresh_on_a_list_rendered_before(proposal, citizen):
    url = proposal.consultation.url
    assert "0 sostegni" in page(reader(), url)
    reader(citizen).post(reverse("proposals:proposal_support", args=[proposal.pk]))
    html = page(reader(citizen), url)
    assert "1 sostegno" in html and "La sostieni" in html
    assert "La sostieni" not in page(reader(UserFactory()), url)


def test_own_comments_have_edit_and_delete_and_the_others_a_report_link(proposal, citizen):
    comment = CommentFactory(proposal=proposal, author=citizen, consultation=proposal.consultation)
    edit = reverse("proposals:comment_edit", args=[comment.pk])
    report = reverse("proposals:report", args=["commento", comment.pk])
    url = proposal.get_absolute_url()
    other = page(reader(UserFactory()), url)
    mine = page(reader(citizen), url)
    anonymous = page(reader(), url)
    assert edit in mine and report not in mine
    assert report in other and edit not in other
    assert edit not in anonymous and report not in anonymous


def test_a_new_comment_shows_to_everyone_at_once(proposal, citizen):
    url = proposal.get_absolute_url()
    page(reader(citizen), url)
    CommentFactory(proposal=proposal, consultation=proposal.consultation, body="<p>Sì, grazie</p>")
    assert "Sì, grazie" in page(reader(citizen), url)


def test_a_personal_filter_is_rendered_for_its_reader_alone(proposal, citizen):
    own = ProposalFactory(consultation=proposal.consultation, author=citizen, title="La mia idea")
    url = f"{proposal.consultation.url}?mine=on"
    page(reader(UserFactory()), url)
    html = page(reader(citizen), url)
    assert own.title in html and proposal.title not in html


def test_editors_get_their_own_render_with_the_wagtail_user_bar(proposal, staff_user, citizen):
    page(reader(citizen), proposal.consultation.url)
    assert "wagtail-userbar" in page(reader(staff_user), proposal.consultation.url)
    assert "wagtail-userbar" not in page(reader(citizen), proposal.consultation.url)


def test_a_draft_is_never_shared(proposal, citizen):
    draft = ProposalFactory(
        consultation=proposal.consultation, author=citizen, status="draft", title="Bozza mia"
    )
    page(reader(UserFactory()), draft.get_absolute_url().replace(str(draft.pk), str(proposal.pk)))
    assert "Bozza mia" in page(reader(citizen), draft.get_absolute_url())
    assert reader().get(draft.get_absolute_url()).status_code == 404


def test_a_page_restricted_to_logged_in_readers_is_not_kept_for_everyone(proposal, citizen):
    consultation = proposal.consultation
    PageViewRestriction.objects.create(page=consultation, restriction_type="login")
    page(reader(citizen), consultation.url)
    page(reader(citizen), proposal.get_absolute_url())
    assert reader().get(consultation.url).status_code == 302
    assert reader(UserFactory()).get(proposal.get_absolute_url()).status_code == 200
    anonymous = reader()
    anonymous.cookies["consenso"] = "1"  # a cookie: not answered by the anonymous page cache
    assert anonymous.get(consultation.url).status_code == 302


def test_text_written_by_the_public_cannot_pass_for_a_personal_part(proposal, citizen):
    named = page(reader(citizen), proposal.get_absolute_url()).count(citizen.nickname)
    spoof = "<!--personal-0000000000000000:account:-->"
    CommentFactory(proposal=proposal, consultation=proposal.consultation, body=f"<p>{spoof}</p>")
    html = page(reader(citizen), proposal.get_absolute_url())
    assert named > 0 and html.count(citizen.nickname) == named


def test_a_shared_render_that_asks_for_a_csrf_token_outside_a_personal_part_fails(db):
    request = RequestFactory().get("/")
    request.user = UserFactory()
    request.session = {}

    def render(reader):
        get_token(reader)
        return mock.Mock(status_code=200, content=b"", charset="utf-8")

    with pytest.raises(ImproperlyConfigured):
        personal.render_for_everyone(request, render)


def test_a_moderator_can_delete_any_comment_on_a_shared_page(proposal, citizen):
    comment = CommentFactory(proposal=proposal, consultation=proposal.consultation)
    page(reader(citizen), proposal.get_absolute_url())
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(ensure_role_groups()[MODERATORS])
    html = page(reader(moderator), proposal.get_absolute_url())
    assert reverse("proposals:comment_delete", args=[comment.pk]) in html
    assert reverse("proposals:comment_delete", args=[comment.pk]) not in page(
        reader(citizen), proposal.get_absolute_url()
    )
    assert reverse("proposals:comment_delete", args=[comment.pk]) not in page(
        reader(UserFactory(is_staff=True)), proposal.get_absolute_url()
    )


def test_each_thread_gets_a_reply_form_answering_it(site, citizen, live_site_settings):
    consultation = make_consultation(PhaseKind.COMMENT_ROUND)
    threads = [
        CommentFactory(consultation=consultation, proposal=None, body=f"<p>Filo {n}</p>")
        for n in range(3)
    ]
    page(reader(), consultation.url)
    html = page(reader(citizen), consultation.url)
    for thread in threads:
        assert f'<input type="hidden" name="parent" value="{thread.pk}">' in html
        assert f'id="reply-{thread.pk}-body"' in html
    assert 'name="parent"' not in page(reader(), consultation.url)


def test_a_withdrawn_proposal_shows_as_withdrawn_to_everyone_at_once(proposal):
    url = proposal.get_absolute_url()
    page(reader(UserFactory()), url)
    reader(proposal.author).post(reverse("proposals:proposal_withdraw", args=[proposal.pk]))
    assert "Ritirata" in page(reader(UserFactory()), url)


def test_a_deleted_comment_leaves_the_shared_page_at_once(proposal, citizen):
    comment = CommentFactory(
        proposal=proposal, author=citizen, consultation=proposal.consultation, body="<p>Ops</p>"
    )
    url = proposal.get_absolute_url()
    assert "Ops" in page(reader(UserFactory()), url)
    reader(citizen).post(reverse("proposals:comment_delete", args=[comment.pk]))
    assert "Ops" not in page(reader(UserFactory()), url)


def test_a_comment_hidden_by_reports_leaves_the_shared_page_at_once(proposal, settings):
    settings.PROPOSALS_REPORTS_TO_HIDE = 1
    comment = CommentFactory(
        proposal=proposal, consultation=proposal.consultation, body="<p>Insulto</p>"
    )
    url = proposal.get_absolute_url()
    assert "Insulto" in page(reader(UserFactory()), url)
    report = reverse("proposals:report", args=["commento", comment.pk])
    long_standing = UserFactory(date_joined=timezone.now() - timedelta(days=30))
    reader(long_standing).post(report, {"reason": "offensive"})
    assert "Insulto" not in page(reader(UserFactory()), url)


def test_a_shared_page_is_kept_until_a_phase_of_its_consultation_closes(proposal, settings):
    settings.PROPOSALS_SHARED_PAGE_SECONDS = 30 * 24 * 3600
    url = proposal.get_absolute_url()
    with mock.patch.object(views, "render_proposal", wraps=views.render_proposal) as render:
        page(reader(UserFactory()), url)
        with time_machine.travel(timezone.now() + timedelta(days=9)):
            page(reader(UserFactory()), url)  # nine days on, the support phase is still open
        assert render.call_count == 1
        with time_machine.travel(timezone.now() + timedelta(days=10, minutes=1)):
            page(reader(UserFactory()), url)  # the support phase closed: rendered anew
        assert render.call_count == 2


def test_a_list_sorted_by_supports_is_reordered_within_a_minute(proposal, citizen, settings):
    settings.PROPOSALS_SHARED_PAGE_SECONDS = 24 * 3600
    other = ProposalFactory(consultation=proposal.consultation, title="Panchine in piazza Leonardo")
    url = f"{proposal.consultation.url}?sort=supported"
    page(reader(citizen), url)
    SupportFactory(proposal=other, user=UserFactory())
    Proposal.objects.filter(pk=other.pk).update(support_count=1)
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        html = page(reader(citizen), url)
    assert html.index(other.title) < html.index(proposal.title)


def test_a_visitor_without_cookies_gets_the_kept_copy_which_their_cache_keeps_by_its_tags(
    proposal, citizen
):
    url = proposal.get_absolute_url()
    page(reader(citizen), url)
    with mock.patch.object(views, "get_object_or_404", wraps=views.get_object_or_404) as view:
        response = reader().get(url)
        assert view.call_count == 0  # answered before routing, without the view
    assert response["X-Page-Cache"] == "miss"  # stored in the anonymous page cache
    assert reader().get(url)["X-Page-Cache"] == "hit"
    CommentFactory(proposal=proposal, consultation=proposal.consultation, body="<p>Nuovo</p>")
    assert "Nuovo" in page(reader(), url)


MARK = 'bg-success">Soglia raggiunta<'


def test_the_threshold_mark_shows_on_kept_pages_as_soon_as_a_support_reaches_it(citizen, site):
    consultation = make_consultation(PhaseKind.SUPPORT_COLLECTION, support_threshold=1)
    proposal = ProposalFactory(consultation=consultation)
    pages = [consultation.url, proposal.get_absolute_url()]
    for url in pages:
        assert MARK not in page(reader(UserFactory()), url)
    reader(citizen).post(reverse("proposals:proposal_support", args=[proposal.pk]))
    for url in pages:
        assert MARK in page(reader(UserFactory()), url)


def test_a_consultation_kept_in_the_cache_takes_no_support_once_unpublished(proposal, citizen):
    support = reverse("proposals:proposal_support", args=[proposal.pk])
    assert reader(citizen).post(support).status_code == 302
    proposal.consultation.unpublish()
    assert reader(UserFactory()).post(support).status_code == 404
    assert Support.objects.filter(proposal=proposal).count() == 1
