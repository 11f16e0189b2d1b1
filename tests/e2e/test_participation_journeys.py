"""A confirmed citizen takes part in a consultation, in a real browser, from the home page."""

from playwright.sync_api import expect

from proposals.models import Comment, Follow, Proposal, Support
from proposals.phases import PhaseKind
from tests.e2e.browser import E2E, field, italian, log_in
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory, make_consultation

pytestmark = E2E


def test_citizen_proposes_publishes_supports_comments_and_follows(
    page, context, live_server, site_content
):
    consultation = make_consultation(
        PhaseKind.PROPOSAL_COLLECTION, title="Bilancio partecipativo 2027"
    )
    # This consultation collects proposals and supports at the same time.
    consultation.phases.filter(kind=PhaseKind.PROPOSAL_COLLECTION).update(allow_supports=True)
    other = ProposalFactory(
        consultation=consultation,
        title="Una biblioteca di condominio a Quarto Oggiaro",
        status=Proposal.Status.PUBLISHED,
    )
    citizen = UserFactory(email="paolo.rossi@example.org", nickname="PaoloDiLorenteggio")
    log_in(context, live_server.url, citizen)

    page.goto("/")
    page.get_by_role("link", name="Bilancio partecipativo 2027").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bilancio partecipativo 2027")
    page.get_by_role("link", name=italian("Make a proposal")).click()
    page.get_by_label(field(italian("title").capitalize())).fill("Fontanelle nei parchi")
    page.get_by_label(field(italian("text").capitalize())).fill(
        "Installare fontanelle d'acqua potabile nei parchi del Municipio 6, "
        "perché d'estate chi fa sport o porta i bambini possa bere senza comprare bottiglie."
    )
    page.get_by_label(field(italian("theme").capitalize())).select_option(label="Milano più fresca")
    page.get_by_role("button", name=italian("Publish"), exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(
        italian("Your proposal is published. Thank you!")
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Fontanelle nei parchi")
    assert Proposal.objects.get(title="Fontanelle nei parchi").status == Proposal.Status.PUBLISHED

    page.get_by_role("link", name="Bilancio partecipativo 2027").first.click()
    page.get_by_role("link", name="Una biblioteca di condominio a Quarto Oggiaro").click()
    page.get_by_role("button", name=italian("Support"), exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(italian("Thank you for your support."))

    page.get_by_role("button", name=italian("Follow"), exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(
        italian("You follow this now: we will tell you what happens.")
    )
    expect(page.get_by_role("button", name=italian("Stop following"))).to_be_visible()

    page.get_by_label(field(italian("Your comment"))).fill("Ottima idea, darei una mano.")
    page.get_by_role("button", name=italian("Post comment")).click()
    expect(page.get_by_role("status")).to_contain_text(italian("Your comment is posted."))
    expect(page.get_by_text("Ottima idea, darei una mano.")).to_be_visible()

    assert Support.objects.filter(user=citizen, proposal=other).exists()
    assert Comment.objects.filter(author=citizen, body__contains="Ottima idea").exists()
    assert Follow.objects.filter(user=citizen, object_id=other.pk).exists()
