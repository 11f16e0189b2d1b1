"""Who may do what, role by role: every job has its own permission (through its group) and
`is_staff` alone grants nothing. Each action is done the way a person does it (a page, a form,
an email), for every role."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from proposals.assembly.attendance import check_in
from proposals.assembly.models import BallotParticipation
from proposals.assembly.voting import open_vote
from proposals.emails import ReportFiledEmail
from proposals.groups import ASSEMBLY_MANAGERS, KIOSK_OPERATORS, MODERATORS, ensure_role_groups
from proposals.models import Comment, Follow, Proposal, Report, Support
from proposals.phases import PhaseKind
from proposals.responses.permissions import EDITORS
from tests.assembly.factories import (
    CycleFactory,
    MembershipFactory,
    PlenaryFactory,
    PoolPersonFactory,
    RecommendationFactory,
)
from tests.factories import UserFactory
from tests.proposals.factories import CommentFactory, ProposalFactory, make_consultation

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "citizen",
    "plain_staff",
    "answer_staff",
    "moderator",
    "assembly_manager",
    "kiosk_operator",
    "superuser",
]
ROLE_GROUPS = {
    "answer_staff": EDITORS,
    "moderator": MODERATORS,
    "assembly_manager": ASSEMBLY_MANAGERS,
    "kiosk_operator": KIOSK_OPERATORS,
}


def make_person(role):
    """A person in `role`, as the demo has them: staff who use the admin have `is_staff`."""
    if role == "anonymous":
        return None
    if role == "superuser":
        return UserFactory(is_staff=True, is_superuser=True)
    user = UserFactory(is_staff=role not in ("citizen", "kiosk_operator"))
    if role in ROLE_GROUPS:
        ensure_role_groups()
        user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
    return user


def make_assembly_vote():
    """An open vote at today's plenary, and a member checked in at the door."""
    plenary = PlenaryFactory(cycle=CycleFactory(), date=timezone.localdate(), is_final=True)
    item = open_vote(RecommendationFactory(cycle=plenary.cycle), plenary)
    member = MembershipFactory(person=PoolPersonFactory(cycle=plenary.cycle))
    check_in(member, plenary)
    return plenary, item, member


def kiosk_url(plenary, name, *args):
    return reverse(
        f"proposals:assembly:{name}", args=[plenary.cycle.assembly.slug, plenary.pk, *args]
    )


def opens_assembly_admin(client, user, site):
    return client.get(reverse("assembly_admin:index")).status_code == 200


def operates_kiosk(client, user, site):
    plenary, _item, _member = make_assembly_vote()
    return client.get(kiosk_url(plenary, "kiosk")).status_code == 200


def casts_kiosk_ballot(client, user, site):
    plenary, item, member = make_assembly_vote()
    client.post(kiosk_url(plenary, "kiosk_voters", item.pk), {"membership": member.pk})
    page = client.get(kiosk_url(plenary, "kiosk_ballot")).content.decode()
    token = re.search(r'name="handover" value="([^"]*)"', page)
    data = {"choice": "yes", "handover": token.group(1) if token else ""}
    client.post(kiosk_url(plenary, "kiosk_ballot"), data)
    return BallotParticipation.objects.filter(recommendation=item, membership=member).exists()


def reads_others_draft(client, user, site):
    draft = ProposalFactory(status=Proposal.Status.DRAFT, published_at=None)
    response = client.get(draft.get_absolute_url())
    return response.status_code == 200 and draft.title in response.content.decode()


def reads_hidden_proposal(client, user, site):
    hidden = ProposalFactory(status=Proposal.Status.HIDDEN)
    response = client.get(hidden.get_absolute_url())
    return response.status_code == 200 and hidden.title in response.content.decode()


def deletes_others_comment(client, user, site):
    comment = CommentFactory(proposal=ProposalFactory(consultation=make_consultation()))
    client.post(reverse("proposals:comment_delete", args=[comment.pk]))
    return Comment.objects.get(pk=comment.pk).deleted_at is not None


def hides_comment_in_admin(client, user, site):
    comment = CommentFactory(proposal=ProposalFactory(consultation=make_consultation()))
    url = reverse("wagtailsnippets_proposals_comment:edit", args=[comment.pk])
    client.post(url, {"body": comment.body, "position": comment.position, "is_hidden": "on"})
    return Comment.objects.get(pk=comment.pk).is_hidden


def receives_moderation_email(client, user, site):
    proposal = ProposalFactory(consultation=make_consultation(PhaseKind.SUPPORT_COLLECTION))
    report = Report.objects.create(reporter=UserFactory(), target=proposal, reason="spam")
    return user is not None and user.email in ReportFiledEmail(report.pk).get_recipients()


def drafts_answers(client, user, site):
    return client.get(reverse("wagtailsnippets_responses_response:list")).status_code == 200


ACTIONS = {
    "open assembly admin": (opens_assembly_admin, {"assembly_manager", "superuser"}),
    "operate kiosk": (operates_kiosk, {"kiosk_operator", "superuser"}),
    "cast kiosk ballot": (casts_kiosk_ballot, {"kiosk_operator", "superuser"}),
    # A draft is its author's alone, whoever the reader.
    "read others' draft": (reads_others_draft, set()),
    "read hidden proposal": (reads_hidden_proposal, {"moderator", "superuser"}),
    "delete others' comment": (deletes_others_comment, {"moderator", "superuser"}),
    "hide comment in admin": (hides_comment_in_admin, {"moderator", "superuser"}),
    "receive moderation email": (receives_moderation_email, {"moderator", "superuser"}),
    "answer drafting": (drafts_answers, {"answer_staff", "superuser"}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_each_role_does_only_its_own_job(client, site, action, role):
    does, allowed = ACTIONS[action]
    user = make_person(role)
    if user is not None:
        client.force_login(user)
    assert does(client, user, site) == (role in allowed)


# Reports and follows


LONG_AGO = timezone.now() - timedelta(days=30)


def report_as(client, user, target, kind="proposta"):
    client.force_login(user)
    return client.post(reverse("proposals:report", args=[kind, target.pk]), {"reason": "spam"})


@pytest.fixture
def proposal(site):
    return ProposalFactory(
        consultation=make_consultation(PhaseKind.SUPPORT_COLLECTION), title="Più alberi in Bovisa"
    )


def test_unconfirmed_accounts_can_neither_report_nor_follow(client, proposal):
    unconfirmed = UserFactory(email_verified=False)
    assert report_as(client, unconfirmed, proposal).status_code == 403
    follow = client.post(reverse("proposals:follow", args=["proposta", proposal.pk]))
    assert follow.status_code == 403
    assert not Report.objects.exists() and not Follow.objects.exists()


def test_three_fresh_confirmed_accounts_reporting_do_not_hide_a_proposal(client, proposal):
    for _ in range(3):
        assert report_as(client, UserFactory(), proposal).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.PUBLISHED
    assert Report.objects.filter(reviewed_at__isnull=True).count() == 3  # for the moderators


def test_reports_of_long_standing_accounts_hide_pending_review(client, proposal):
    for _ in range(3):
        report_as(client, UserFactory(date_joined=LONG_AGO), proposal)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.HIDDEN


def test_showing_an_item_again_closes_its_open_reports(client, proposal):
    for _ in range(3):
        report_as(client, UserFactory(date_joined=LONG_AGO), proposal)
    moderator = make_person("moderator")
    client.force_login(moderator)
    url = reverse("wagtail_bulk_action", args=["proposals", "proposal", "restore"])
    client.post(f"{url}?id={proposal.pk}&next=/admin/")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.PUBLISHED
    assert not Report.objects.filter(reviewed_at__isnull=True).exists()
    assert set(Report.objects.values_list("reviewed_by", flat=True)) == {moderator.pk}

    report_as(client, UserFactory(date_joined=LONG_AGO), proposal)  # one more is not three
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.PUBLISHED


# Titles of what a reader may not see are never named


@pytest.mark.parametrize("status", [Proposal.Status.DRAFT, Proposal.Status.HIDDEN])
def test_the_report_form_does_not_name_what_the_reader_cannot_see(client, status):
    unseen = ProposalFactory(status=status, title="Titolo riservato")
    client.force_login(UserFactory())
    response = client.get(reverse("proposals:report", args=["proposta", unseen.pk]))
    assert response.status_code == 403
    assert "Titolo riservato" not in response.content.decode()


def test_a_hidden_comment_is_not_quoted_in_the_report_form(client, proposal):
    comment = CommentFactory(proposal=proposal, body="<p>Testo nascosto</p>", is_hidden=True)
    client.force_login(UserFactory())
    response = client.get(reverse("proposals:report", args=["commento", comment.pk]))
    assert response.status_code == 403
    assert "Testo nascosto" not in response.content.decode()


def test_others_drafts_cannot_be_followed(client):
    draft = ProposalFactory(status=Proposal.Status.DRAFT, title="Titolo riservato")
    client.force_login(UserFactory())
    response = client.post(reverse("proposals:follow", args=["proposta", draft.pk]))
    assert response.status_code == 403
    assert not Follow.objects.exists()


def test_my_participation_forgets_what_was_hidden_since(client, proposal):
    citizen = UserFactory()
    Follow.objects.create(user=citizen, target=proposal)
    Support.objects.create(user=citizen, proposal=proposal)
    CommentFactory(proposal=proposal, author=citizen)
    url = reverse("proposals:my_participation")
    client.force_login(citizen)
    assert "Più alberi in Bovisa" in client.get(url).content.decode()
    Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.HIDDEN)
    assert "Più alberi in Bovisa" not in client.get(url).content.decode()


# A consultation made private with Wagtail is private everywhere


def restrict(consultation, **fields):
    return PageViewRestriction.objects.create(page=consultation, **fields)


def proposal_actions(proposal):
    """Every way to reach a proposal or act on it: (method, url, data)."""
    consultation_id = proposal.consultation_id
    return [
        ("get", proposal.get_absolute_url(), {}),
        ("post", reverse("proposals:proposal_support", args=[proposal.pk]), {}),
        ("post", reverse("proposals:comment_create", args=["proposta", proposal.pk]), COMMENT),
        ("post", reverse("proposals:report", args=["proposta", proposal.pk]), {"reason": "spam"}),
        ("post", reverse("proposals:follow", args=["proposta", proposal.pk]), {}),
        ("get", reverse("proposals:open_data_csv", args=[consultation_id]), {}),
        ("get", reverse("proposals:open_data_json", args=[consultation_id]), {}),
    ]


COMMENT = {"body": "Un commento", "position": "neutral"}


def nothing_was_done():
    return not (
        Support.objects.exists()
        or Comment.objects.exists()
        or Report.objects.exists()
        or Follow.objects.exists()
    )


@pytest.fixture
def open_proposal(site):
    consultation = make_consultation(PhaseKind.SUPPORT_COLLECTION)  # supports and comments
    return ProposalFactory(consultation=consultation, title="Proposta riservata")


def test_a_password_protected_consultation_asks_for_its_password_everywhere(client, open_proposal):
    restrict(open_proposal.consultation, restriction_type="password", password="segreto")
    client.force_login(UserFactory())
    for method, url, data in proposal_actions(open_proposal):
        response = getattr(client, method)(url, data)
        assert response.status_code == 200, url  # the password form, as for the page
        assert 'name="password"' in response.content.decode()
        assert "Proposta riservata" not in response.content.decode(), url
    assert nothing_was_done()


def test_the_password_opens_the_proposals_too(client, open_proposal):
    restriction = restrict(open_proposal.consultation, restriction_type="password", password="s3")
    client.force_login(UserFactory())
    url = reverse(
        "wagtailcore_authenticate_with_password",
        args=[restriction.pk, open_proposal.consultation_id],
    )
    client.post(url, {"password": "s3", "return_url": open_proposal.get_absolute_url()})
    response = client.get(open_proposal.get_absolute_url())
    assert "Proposta riservata" in response.content.decode()
    client.post(reverse("proposals:proposal_support", args=[open_proposal.pk]))
    assert Support.objects.filter(proposal=open_proposal).exists()


def test_a_login_restricted_consultation_sends_visitors_to_log_in(client, open_proposal):
    restrict(open_proposal.consultation, restriction_type="login")
    for method, url, data in proposal_actions(open_proposal):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302 and "/account/login/" in response.url, url
    assert nothing_was_done()


def test_a_group_restricted_consultation_refuses_people_outside_its_groups(client, open_proposal):
    restriction = restrict(open_proposal.consultation, restriction_type="groups")
    restriction.groups.add(Group.objects.create(name="Consiglio di Municipio 4"))
    client.force_login(UserFactory())
    for method, url, data in proposal_actions(open_proposal):
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, url
        assert "Proposta riservata" not in response.content.decode()
    assert nothing_was_done()


@pytest.mark.parametrize(
    "role, official", [("plain_staff", False), ("answer_staff", False), ("moderator", True)]
)
def test_only_moderators_comment_with_the_official_badge(client, proposal, role, official):
    client.force_login(make_person(role))
    client.post(reverse("proposals:comment_create", args=["proposta", proposal.pk]), COMMENT)
    assert Comment.objects.get().is_official == official
