"""What a proposal's reader is told and where they land: the report form, a draft's comments,
the focus after supporting, and the headings of comments."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from proposals.models import Proposal
from proposals.phases import PhaseKind
from tests.factories import UserFactory
from tests.proposals.factories import CommentFactory, ProposalFactory, make_consultation

pytestmark = pytest.mark.django_db


def it(message):
    with translation.override("it"):
        return translation.gettext(message)


def test_the_report_form_offers_the_reasons_with_none_preselected(client, site, citizen):
    proposal = ProposalFactory()
    client.force_login(citizen)

    html = client.get(reverse("proposals:report", args=["proposta", proposal.pk])).content.decode()

    assert "---------" not in html
    assert not re.search(r'name="reason" value=""', html)
    assert not re.search(r'name="reason"[^>]*checked', html)
    assert it("Why are you reporting it?") in html


def test_a_draft_says_comments_open_once_it_is_published(client, site, citizen):
    proposal = ProposalFactory(author=citizen, status=Proposal.Status.DRAFT, published_at=None)
    client.force_login(citizen)

    html = client.get(proposal.get_absolute_url()).content.decode()

    assert it("Comments open once the proposal is published.") in html
    assert it("This proposal takes no more comments.") not in html


@pytest.mark.usefixtures("page_cache")
def test_supporting_and_withdrawing_come_back_to_the_focused_button(live_site_settings, citizen):
    proposal = ProposalFactory(consultation=make_consultation(PhaseKind.SUPPORT_COLLECTION))
    client = Client()
    client.force_login(citizen)
    anchor = f"{proposal.get_absolute_url()}#support-{proposal.pk}"

    supported = client.post(reverse("proposals:proposal_support", args=[proposal.pk]))
    page = client.get(proposal.get_absolute_url()).content.decode()
    withdrawn = client.post(reverse("proposals:proposal_unsupport", args=[proposal.pk]))
    again = client.get(proposal.get_absolute_url()).content.decode()

    assert supported["Location"] == anchor == withdrawn["Location"]
    assert re.search(rf'<button type="submit" id="support-{proposal.pk}"', page)
    assert re.search(rf'<button type="submit" id="support-{proposal.pk}"', again)


def test_each_comment_and_reply_has_a_heading(client, site):
    proposal = ProposalFactory(consultation=make_consultation(PhaseKind.COMMENT_ROUND))
    author = UserFactory(nickname="marta_b")
    comment = CommentFactory(proposal=proposal, author=author)
    reply = CommentFactory(proposal=proposal, parent=comment, author=UserFactory(nickname="luca"))

    html = client.get(proposal.get_absolute_url()).content.decode()

    assert re.search(rf'<h3 [^>]*id="comment-{comment.pk}-heading">Commento di marta_b</h3>', html)
    assert re.search(rf'<h4 [^>]*id="comment-{reply.pk}-heading">Risposta di luca</h4>', html)
