"""A citizen makes, previews, publishes, edits and withdraws a proposal; others support it."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from proposals import signals
from proposals.models import Follow, Proposal, Support
from proposals.phases import PhaseKind
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory, make_consultation
from tests.proposals.files import image_bytes, pdf_bytes

pytestmark = pytest.mark.django_db

PDF = pdf_bytes()
PNG = image_bytes("PNG")


def it(message):
    with translation.override("it"):
        return translation.gettext(message)


def proposal_data(consultation, **overrides):
    data = {
        "title": "Più alberi in via Padova",
        "body": "Piantare cento alberi lungo via Padova per fare ombra d'estate.",
        "theme": consultation.themes.first().pk,
        "submission_token": str(uuid.uuid4()),
        "action": "draft",
    }
    data.update(overrides)
    return data


@pytest.fixture
def consultation(site):
    return make_consultation(PhaseKind.PROPOSAL_COLLECTION)


def create_url(consultation):
    return reverse("proposals:proposal_create", args=[consultation.pk])


def test_anonymous_visitor_is_sent_to_log_in(client, consultation):
    response = client.get(create_url(consultation))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_unconfirmed_citizen_is_told_to_confirm_email(client, consultation, unverified_citizen):
    client.force_login(unverified_citizen)
    response = client.get(create_url(consultation))
    assert response.status_code == 403
    assert it("Confirm your email address first.") in response.content.decode()


def test_outside_the_proposal_phase_the_form_is_refused_with_the_reason(client, site, citizen):
    consultation = make_consultation(PhaseKind.COMMENT_ROUND)
    client.force_login(citizen)
    response = client.get(create_url(consultation))
    assert response.status_code == 403
    assert it("This consultation does not collect proposals.") in response.content.decode()


def test_draft_preview_then_publish(client, consultation, citizen):
    client.force_login(citizen)
    response = client.post(create_url(consultation), proposal_data(consultation))
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url()
    assert proposal.status == Proposal.Status.DRAFT
    assert Follow.objects.filter(user=citizen, object_id=proposal.pk).exists()

    preview = client.get(proposal.get_absolute_url())
    assert preview.status_code == 200
    assert "Più alberi in via Padova" in preview.content.decode()

    other = UserFactory()
    client.force_login(other)
    assert client.get(proposal.get_absolute_url()).status_code == 404

    client.force_login(citizen)
    client.post(reverse("proposals:proposal_publish", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.PUBLISHED
    assert proposal.published_at is not None
    client.logout()
    assert client.get(proposal.get_absolute_url()).status_code == 200


def test_publish_straight_away(client, consultation, citizen):
    client.force_login(citizen)
    client.post(create_url(consultation), proposal_data(consultation, action="publish"))
    assert Proposal.objects.get().status == Proposal.Status.PUBLISHED


def test_double_submit_creates_one_proposal(client, consultation, citizen):
    client.force_login(citizen)
    data = proposal_data(consultation, action="publish")
    first = client.post(create_url(consultation), data)
    second = client.post(create_url(consultation), data)
    assert Proposal.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_same_title_twice_gets_a_clear_message(client, consultation, citizen):
    client.force_login(citizen)
    client.post(create_url(consultation), proposal_data(consultation))
    response = client.post(create_url(consultation), proposal_data(consultation))
    assert response.status_code == 200
    assert it("You already have a proposal with this title.") in response.content.decode()
    assert Proposal.objects.count() == 1


def test_empty_and_too_long_text_is_refused(client, consultation, citizen):
    client.force_login(citizen)
    response = client.post(create_url(consultation), proposal_data(consultation, body="   "))
    assert response.status_code == 200
    response = client.post(create_url(consultation), proposal_data(consultation, body="x " * 5000))
    assert response.status_code == 200
    assert Proposal.objects.count() == 0


def test_proposal_limit_per_citizen(client, site, citizen):
    consultation = make_consultation(PhaseKind.PROPOSAL_COLLECTION, proposals_per_user=1)
    client.force_login(citizen)
    client.post(create_url(consultation), proposal_data(consultation))
    response = client.post(create_url(consultation), proposal_data(consultation, title="Altro"))
    assert response.status_code == 403
    assert Proposal.objects.count() == 1


def test_text_is_sanitised_on_the_server(client, consultation, citizen):
    client.force_login(citizen)
    body = (
        "Ombra per tutti <script>alert('x')</script> nelle strade del quartiere.\n\n"
        '<a href="javascript:alert(1)">clic</a> <a href="https://www.comune.milano.it">sito</a>'
        ' <img src=x onerror="alert(1)"> <b onclick="x()">grassetto</b>'
    )
    title = "Alberi <em>subito</em> <script>alert(1)</script>"
    client.post(create_url(consultation), proposal_data(consultation, body=body, title=title))
    proposal = Proposal.objects.get()
    assert proposal.title == "Alberi subito"
    assert "<script" not in proposal.body and "alert" not in proposal.body
    assert "javascript:" not in proposal.body and "onerror" not in proposal.body
    assert "onclick" not in proposal.body and "<img" not in proposal.body
    assert 'rel="nofollow noopener ugc"' in proposal.body
    assert proposal.body.startswith("<p>")


def test_attachments_are_checked_by_content(client, consultation, citizen):
    client.force_login(citizen)
    files = [
        SimpleUploadedFile("piano.pdf", PDF, content_type="application/pdf"),
        SimpleUploadedFile("foto.png", PNG, content_type="image/png"),
    ]
    client.post(create_url(consultation), {**proposal_data(consultation), "attachments": files})
    proposal = Proposal.objects.get()
    assert sorted(a.kind for a in proposal.attachments.all()) == ["image", "pdf"]


def test_fake_pdf_is_refused(client, consultation, citizen):
    client.force_login(citizen)
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(
        create_url(consultation), {**proposal_data(consultation), "attachments": [fake]}
    )
    assert response.status_code == 200
    assert Proposal.objects.count() == 0


def test_too_large_attachment_is_refused(client, consultation, citizen, settings):
    settings.PROPOSALS_ATTACHMENT_MAX_BYTES = 100
    client.force_login(citizen)
    big = SimpleUploadedFile("grande.pdf", PDF + b" " * 200, content_type="application/pdf")
    response = client.post(
        create_url(consultation), {**proposal_data(consultation), "attachments": [big]}
    )
    assert response.status_code == 200
    assert Proposal.objects.count() == 0


def test_location_needs_both_coordinates(client, consultation, citizen):
    client.force_login(citizen)
    response = client.post(create_url(consultation), proposal_data(consultation, latitude="45.48"))
    assert response.status_code == 200
    client.post(
        create_url(consultation),
        proposal_data(consultation, latitude="45.486", longitude="9.218"),
    )
    proposal = Proposal.objects.get()
    assert str(proposal.latitude) == "45.486000"
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "openstreetmap.org/?mlat=45.486000" in page


def test_edit_until_first_support(client, site, citizen):
    consultation = make_consultation(PhaseKind.SUPPORT_COLLECTION)
    proposal = ProposalFactory(consultation=consultation, author=citizen)
    client.force_login(citizen)
    edit_url = reverse("proposals:proposal_edit", args=[proposal.pk])
    data = proposal_data(consultation, title="Titolo corretto", action="save")
    assert client.post(edit_url, data).status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Titolo corretto"

    supporter = UserFactory()
    client.force_login(supporter)
    client.post(reverse("proposals:proposal_support", args=[proposal.pk]))
    client.force_login(citizen)
    response = client.post(edit_url, {**data, "title": "Ancora diverso"})
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.title == "Titolo corretto"


def test_someone_else_cannot_edit(client, consultation, citizen):
    proposal = ProposalFactory(consultation=consultation)
    client.force_login(citizen)
    response = client.get(reverse("proposals:proposal_edit", args=[proposal.pk]))
    assert response.status_code == 403


def test_withdrawn_proposal_stays_visible_and_takes_no_supports(client, site, citizen):
    consultation = make_consultation(PhaseKind.SUPPORT_COLLECTION)
    proposal = ProposalFactory(consultation=consultation, author=citizen)
    client.force_login(citizen)
    assert client.get(reverse("proposals:proposal_withdraw", args=[proposal.pk])).status_code == 405
    client.post(reverse("proposals:proposal_withdraw", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN

    supporter = UserFactory()
    client.force_login(supporter)
    page = client.get(proposal.get_absolute_url())
    assert page.status_code == 200
    assert (
        it("The author withdrew this proposal: it takes no more supports.") in page.content.decode()
    )
    response = client.post(reverse("proposals:proposal_support", args=[proposal.pk]))
    assert response.status_code == 403
    assert Support.objects.count() == 0


def test_support_and_withdraw_support(client, site, citizen):
    consultation = make_consultation(PhaseKind.SUPPORT_COLLECTION)
    proposal = ProposalFactory(consultation=consultation)
    client.force_login(citizen)
    support_url = reverse("proposals:proposal_support", args=[proposal.pk])
    before = timezone.now()
    client.post(support_url)
    client.post(support_url)  # a double click counts once
    proposal.refresh_from_db()
    assert proposal.support_count == 1 == Support.objects.count()
    assert before <= Support.objects.get().created_at <= timezone.now()
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert 'aria-valuenow="1"' in page

    client.post(reverse("proposals:proposal_unsupport", args=[proposal.pk]))
    client.post(reverse("proposals:proposal_unsupport", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.support_count == 0 == Support.objects.count()


def test_anonymous_support_goes_to_login_and_page_says_so(client, site):
    consultation = make_consultation(PhaseKind.SUPPORT_COLLECTION)
    proposal = ProposalFactory(consultation=consultation)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert it("Log in to support.") in page
    response = client.post(reverse("proposals:proposal_support", args=[proposal.pk]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_support_limit_per_citizen(client, site, citizen):
    consultation = make_consultation(PhaseKind.SUPPORT_COLLECTION, supports_per_user=1)
    first, second = (
        ProposalFactory(consultation=consultation),
        ProposalFactory(consultation=consultation),
    )
    client.force_login(citizen)
    client.post(reverse("proposals:proposal_support", args=[first.pk]))
    response = client.post(reverse("proposals:proposal_support", args=[second.pk]))
    assert response.status_code == 403
    assert Support.objects.filter(user=citizen).count() == 1


def test_threshold_is_marked_and_announced_once(
    client, site, django_capture_on_commit_callbacks, mailoutbox
):
    consultation = make_consultation(PhaseKind.SUPPORT_COLLECTION, support_threshold=2)
    author = UserFactory()
    proposal = ProposalFactory(consultation=consultation, author=author)
    Follow.objects.create(user=author, target=proposal)
    received = []

    def listener(sender, proposal, **kwargs):
        received.append(proposal.pk)

    signals.support_threshold_reached.connect(listener)
    try:
        for _ in range(3):
            client.force_login(UserFactory())
            with django_capture_on_commit_callbacks(execute=True):
                client.post(reverse("proposals:proposal_support", args=[proposal.pk]))
        client.post(reverse("proposals:proposal_unsupport", args=[proposal.pk]))
        client.force_login(UserFactory())
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("proposals:proposal_support", args=[proposal.pk]))
    finally:
        signals.support_threshold_reached.disconnect(listener)
    proposal.refresh_from_db()
    assert proposal.threshold_reached_at is not None
    assert received == [proposal.pk]
    assert [m.to for m in mailoutbox] == [[author.email]]
    assert proposal.title in mailoutbox[0].subject


def test_rate_limit_on_new_proposals(client, consultation, citizen, settings):
    settings.PROPOSALS_RATE_LIMITS = {"proposal": (1, 3600), "comment": (5, 60), "report": (5, 60)}
    consultation.proposals_per_user = 10
    consultation.save()
    client.force_login(citizen)
    client.post(create_url(consultation), proposal_data(consultation))
    response = client.post(create_url(consultation), proposal_data(consultation, title="Altra"))
    assert response.status_code == 200
    assert it("You are creating proposals too fast: try again later.") in response.content.decode()
    assert Proposal.objects.count() == 1


def test_csrf_is_enforced(site, citizen):
    from django.test import Client

    consultation = make_consultation(PhaseKind.SUPPORT_COLLECTION)
    proposal = ProposalFactory(consultation=consultation)
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    response = client.post(reverse("proposals:proposal_support", args=[proposal.pk]))
    assert response.status_code == 403
    assert Support.objects.count() == 0
