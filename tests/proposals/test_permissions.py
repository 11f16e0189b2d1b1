"""Permission grids: role x phase x state for every action, checked both through the registered
rule (`rules.has_perm`, what views use, and `user.has_perm` for non-superusers) and through the
reason shown to people (`denial_reason`), which must agree."""

import pytest
import rules
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from proposals.groups import MODERATORS, ensure_role_groups
from proposals.models import Comment, Proposal, Support
from proposals.phases import PhaseKind
from proposals.rules import denial_reason, permission_for
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory, make_consultation

pytestmark = pytest.mark.django_db

PHASES = {
    "information": PhaseKind.INFORMATION,
    "comments": PhaseKind.COMMENT_ROUND,
    "proposals": PhaseKind.PROPOSAL_COLLECTION,
    "supports": PhaseKind.SUPPORT_COLLECTION,
    "closed": None,
}
STATES = ["draft", "published", "withdrawn", "hidden"]
ROLES = ["anonymous", "unverified", "citizen", "author", "moderator", "plain_staff"]
VERIFIED = {"citizen", "author", "moderator", "plain_staff"}
LOGGED_IN = {"unverified", "citizen", "author", "moderator", "plain_staff"}
PUBLIC = ("published", "withdrawn")


def moderator():
    user = UserFactory(is_staff=True)
    user.groups.add(ensure_role_groups()[MODERATORS])
    return user


@pytest.fixture
def world(site):
    author = UserFactory()
    users = {
        "anonymous": AnonymousUser(),
        "unverified": UserFactory(email_verified=False),
        "citizen": UserFactory(),
        "author": author,
        "moderator": moderator(),
        "plain_staff": UserFactory(is_staff=True),
    }
    consultations = {
        name: make_consultation(kind, proposals_per_user=10) for name, kind in PHASES.items()
    }
    proposals = {
        (phase, state): ProposalFactory(consultation=consultation, author=author, status=state)
        for phase, consultation in consultations.items()
        for state in STATES
    }
    return users, consultations, proposals


def check_grid(users, cases, action, expected):
    """`cases` maps a key to an object; `expected(role, key)` says whether it is allowed."""
    mismatches = []
    for role, user in users.items():
        for key, obj in cases.items():
            allowed = rules.has_perm(f"proposals.{action}", user, obj)
            reason = denial_reason(user, action, obj)
            want = expected(role, key)
            if allowed != want or (reason is None) != want:
                mismatches.append((role, key, allowed, reason))
            if user.is_authenticated and not user.is_superuser:
                assert user.has_perm(f"proposals.{action}", obj) == allowed
    assert mismatches == []


def test_add_proposal_grid(world):
    users, consultations, _proposals = world
    check_grid(
        users,
        consultations,
        "add_proposal",
        lambda role, phase: role in VERIFIED and phase == "proposals",
    )


def test_publish_proposal_grid(world):
    users, _consultations, proposals = world
    check_grid(
        users,
        proposals,
        "publish_proposal",
        lambda role, key: role == "author" and key == ("proposals", "draft"),
    )


def test_change_proposal_grid(world):
    users, _consultations, proposals = world
    check_grid(
        users,
        proposals,
        "change_proposal",
        lambda role, key: role == "author" and key[1] in ("draft", "published"),
    )


@translation.override("en")
def test_change_proposal_stops_at_first_support_or_answer(world):
    users, _consultations, proposals = world
    proposal = proposals[("supports", "published")]
    author = users["author"]
    assert author.has_perm("proposals.change_proposal", proposal)
    proposal.support_count = 1
    assert not author.has_perm("proposals.change_proposal", proposal)
    assert "first support" in denial_reason(author, "change_proposal", proposal)
    proposal.support_count = 0
    proposal.sent_to_city_at = proposal.published_at
    assert not author.has_perm("proposals.change_proposal", proposal)


def test_withdraw_proposal_grid(world):
    users, _consultations, proposals = world
    check_grid(
        users,
        proposals,
        "withdraw_proposal",
        lambda role, key: role == "author" and key[1] == "published",
    )


def test_support_proposal_grid(world):
    users, _consultations, proposals = world
    check_grid(
        users,
        proposals,
        "support_proposal",
        lambda role, key: role in VERIFIED - {"author"} and key == ("supports", "published"),
    )


def test_unsupport_proposal_grid(world):
    users, _consultations, proposals = world
    for role in ("citizen", "moderator"):
        for proposal in proposals.values():
            Support.objects.create(user=users[role], proposal=proposal)
    check_grid(
        users,
        proposals,
        "unsupport_proposal",
        lambda role, key: role in {"citizen", "moderator"} and key[0] == "supports",
    )


def test_add_comment_on_proposal_grid(world):
    users, _consultations, proposals = world
    check_grid(
        users,
        proposals,
        "add_comment",
        lambda role, key: (
            role in VERIFIED
            and key[1] == "published"
            and key[0] in ("comments", "proposals", "supports")
        ),
    )


def test_add_comment_on_consultation_grid(world):
    users, consultations, _proposals = world
    check_grid(
        users,
        consultations,
        "add_comment",
        lambda role, phase: role in VERIFIED and phase in ("comments", "proposals", "supports"),
    )


def test_report_grid(world):
    users, _consultations, proposals = world
    check_grid(
        users,
        proposals,
        "report",
        lambda role, key: (
            role in VERIFIED - {"author"}
            and (key[1] in PUBLIC or (role == "moderator" and key[1] == "hidden"))
        ),
    )


def test_follow_grid(world):
    users, consultations, proposals = world
    check_grid(users, consultations, "follow", lambda role, key: role in VERIFIED)
    check_grid(
        users,
        proposals,
        "follow",
        lambda role, key: (
            role in VERIFIED
            and (
                key[1] in PUBLIC or role == "author" or (role == "moderator" and key[1] == "hidden")
            )
        ),
    )


def test_view_proposal_grid(world):
    users, _consultations, proposals = world
    check_grid(
        users,
        proposals,
        "view_proposal",
        lambda role, key: (
            key[1] in PUBLIC or role == "author" or (role == "moderator" and key[1] == "hidden")
        ),
    )


def test_comment_edit_and_delete_grid(world):
    users, consultations, _proposals = world
    comment = Comment.objects.create(
        consultation=consultations["comments"], author=users["author"], body="<p>Ciao</p>"
    )
    cases = {"fresh": comment}
    check_grid(users, cases, "change_comment", lambda role, key: role == "author")
    check_grid(users, cases, "delete_comment", lambda role, key: role in {"author", "moderator"})


@translation.override("en")
def test_reasons_tell_people_what_to_do(world):
    users, consultations, proposals = world
    proposal = proposals[("proposals", "published")]
    assert denial_reason(users["anonymous"], "support_proposal", proposal) == "Log in to support."
    assert "Confirm your email" in denial_reason(users["unverified"], "support_proposal", proposal)
    # The only support phase of this consultation is none: say so; a later one: say when.
    reason = denial_reason(users["citizen"], "support_proposal", proposal)
    assert reason == "This consultation does not collect supports."
    closed = consultations["closed"]
    assert denial_reason(users["citizen"], "add_proposal", closed) == (
        "This consultation does not collect proposals."
    )


@translation.override("en")
def test_reason_gives_the_opening_date(world):
    users, _consultations, proposals = world
    proposal = proposals[("proposals", "published")]
    consultation = proposal.consultation
    upcoming = consultation.sorted_phases()[-1]
    upcoming.kind = PhaseKind.SUPPORT_COLLECTION
    upcoming.save()
    consultation = type(consultation).objects.get(pk=consultation.pk)
    proposal = Proposal.objects.get(pk=proposal.pk)
    reason = denial_reason(users["citizen"], "support_proposal", proposal)
    assert reason.startswith("Supports open on ")
    assert str(upcoming.start.year) in reason


def test_a_citizen_may_support_as_soon_as_they_confirm_their_email_and_not_after_removing_it(db):
    proposal = ProposalFactory(consultation=make_consultation(PhaseKind.SUPPORT_COLLECTION))
    user = UserFactory(email_verified=False)

    def may_support():  # each request loads the user anew
        reader = type(user).objects.get(pk=user.pk)
        return permission_for(reader, "support_proposal", proposal).allowed

    assert not may_support()
    address = EmailAddress.objects.get(user=user)
    address.verified = True
    address.save()
    assert may_support()
    address.delete()
    assert not may_support()
