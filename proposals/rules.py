"""Who may do what, as small predicates composed per action (role, then phase, then object).

Each action is an ordered list of requirements. The permission is all of them; the reason shown
to a person is the message of the first one that fails. Views check `user.has_perm(...)` and
templates ask `permission_for(...)`, so what the page says always matches the rule.
"""

from datetime import timedelta
from typing import NamedTuple

import rules
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from proposals import conf
from proposals.phases import COMMENTS, PROPOSALS, SUPPORTS
from proposals.users import has_confirmed_email, is_moderator


class Requirement(NamedTuple):
    predicate: rules.Predicate
    message: object  # a string, or a callable (user, obj) -> string


def consultation_of(obj):
    from proposals.models import ConsultationPage

    if isinstance(obj, ConsultationPage):
        return obj
    return obj.consultation


def format_day(moment):
    return date_format(timezone.localtime(moment), "j F Y")


# Role


@rules.predicate
def is_logged_in(user):
    return user.is_authenticated


@rules.predicate
def email_confirmed(user):
    return has_confirmed_email(user)


@rules.predicate
def moderates(user):
    return is_moderator(user)


@rules.predicate
def is_author(user, obj):
    return user.is_authenticated and obj.author_id == user.pk


# Phase


def phase_allows(capability, opens, closed, never):
    predicate = rules.Predicate(
        lambda user, obj: consultation_of(obj).allows(capability),
        name=f"phase_allows_{capability}",
    )

    def reason(user, obj):
        consultation = consultation_of(obj)
        upcoming = consultation.next_phase_allowing(capability)
        if upcoming is not None:
            return opens % {"date": format_day(upcoming.start)}
        past = consultation.last_phase_allowing(capability)
        if past is not None:
            return closed % {"date": format_day(past.end)}
        return never

    return Requirement(predicate, reason)


# Object state


@rules.predicate
def is_draft(user, proposal):
    return proposal.status == proposal.Status.DRAFT


@rules.predicate
def is_published(user, proposal):
    return proposal.status == proposal.Status.PUBLISHED


@rules.predicate
def is_editable_status(user, proposal):
    return proposal.status in (proposal.Status.DRAFT, proposal.Status.PUBLISHED)


@rules.predicate
def has_no_supports(user, proposal):
    return proposal.support_count == 0


@rules.predicate
def is_not_answered(user, proposal):
    return proposal.answered_at is None and proposal.sent_to_city_at is None


@rules.predicate
def target_accepts_comments(user, target):
    from proposals.models import Proposal

    return not isinstance(target, Proposal) or target.status == Proposal.Status.PUBLISHED


def remember_supports(user, supported_by_proposal_id):
    """Tell `supports_proposal` what this request already read: {proposal id: supported}."""
    known = getattr(user, "_proposals_supported", {})
    known.update(supported_by_proposal_id)
    user._proposals_supported = known


@rules.predicate
def supports_proposal(user, proposal):
    if not user.is_authenticated:
        return False
    known = getattr(user, "_proposals_supported", {})
    if proposal.pk in known:
        return known[proposal.pk]
    return proposal.supports.filter(user=user).exists()


@rules.predicate
def under_proposal_limit(user, consultation):
    if not user.is_authenticated:
        return False
    return consultation.proposals.filter(author=user).count() < consultation.proposals_per_user


@rules.predicate
def under_support_limit(user, proposal):
    limit = proposal.consultation.supports_per_user
    if not limit or not user.is_authenticated:
        return True
    used = user.proposal_supports.filter(proposal__consultation=proposal.consultation_id).count()
    return used < limit


@rules.predicate
def is_not_deleted(user, comment):
    return comment.deleted_at is None


@rules.predicate
def within_edit_window(user, comment):
    window = timedelta(minutes=conf.get("PROPOSALS_COMMENT_EDIT_MINUTES"))
    return timezone.now() - comment.created_at <= window


@rules.predicate
def not_reported_yet(user, target):
    from django.contrib.contenttypes.models import ContentType

    from proposals.models import Report

    return not Report.objects.filter(
        reporter=user,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
    ).exists()


@rules.predicate
def is_public_proposal(user, proposal):
    return proposal.is_public


# A draft is its author's alone; moderators see what was published, hidden or not.
may_view_proposal = is_public_proposal | is_author | (moderates & ~is_draft)


@rules.predicate
def is_visible(user, target):
    """Whether `user` may see `target` (a proposal, a comment or a consultation) at all, so that
    no form, list or message names something hidden from them."""
    from proposals.models import Comment, Proposal

    if isinstance(target, Proposal):
        return may_view_proposal.test(user, target)
    if isinstance(target, Comment):
        if target.is_hidden and not (is_author.test(user, target) or moderates.test(user)):
            return False
        return target.proposal is None or may_view_proposal.test(user, target.proposal)
    return True


# Requirements with their messages

LOGGED_IN = {
    "add_proposal": _("Log in to make a proposal."),
    "support_proposal": _("Log in to support."),
    "add_comment": _("Log in to comment."),
    "report": _("Log in to report."),
    "follow": _("Log in to follow."),
}
CONFIRMED = Requirement(email_confirmed, _("Confirm your email address first."))
OWN_PROPOSAL = Requirement(is_author, _("Only the author can do this."))
PROPOSALS_OPEN = phase_allows(
    PROPOSALS,
    _("New proposals open on %(date)s."),
    _("New proposals closed on %(date)s."),
    _("This consultation does not collect proposals."),
)
SUPPORTS_OPEN = phase_allows(
    SUPPORTS,
    _("Supports open on %(date)s."),
    _("Supports closed on %(date)s."),
    _("This consultation does not collect supports."),
)
COMMENTS_OPEN = phase_allows(
    COMMENTS,
    _("Comments open on %(date)s."),
    _("Comments closed on %(date)s."),
    _("Comments are not open in this consultation."),
)


def logged_in(action):
    return Requirement(is_logged_in, LOGGED_IN.get(action, _("Log in first.")))


def limit_message(message, limit):
    return lambda user, obj: message % {"limit": limit(obj)}


ACTIONS = {
    "add_proposal": [
        logged_in("add_proposal"),
        CONFIRMED,
        PROPOSALS_OPEN,
        Requirement(
            under_proposal_limit,
            limit_message(
                _("You have reached the limit of %(limit)s proposals in this consultation."),
                lambda consultation: consultation.proposals_per_user,
            ),
        ),
    ],
    "publish_proposal": [
        logged_in("publish_proposal"),
        OWN_PROPOSAL,
        Requirement(is_draft, _("This proposal is already published.")),
        CONFIRMED,
        PROPOSALS_OPEN,
    ],
    "change_proposal": [
        logged_in("change_proposal"),
        OWN_PROPOSAL,
        Requirement(is_editable_status, _("This proposal can no longer be edited.")),
        Requirement(has_no_supports, _("A proposal cannot be edited after its first support.")),
        Requirement(is_not_answered, _("A proposal cannot be edited once the City has it.")),
    ],
    "withdraw_proposal": [
        logged_in("withdraw_proposal"),
        OWN_PROPOSAL,
        Requirement(is_published, _("Only a published proposal can be withdrawn.")),
    ],
    "support_proposal": [
        logged_in("support_proposal"),
        CONFIRMED,
        Requirement(is_published, _("This proposal does not take supports.")),
        Requirement(~is_author, _("You cannot support your own proposal.")),
        SUPPORTS_OPEN,
        Requirement(~supports_proposal, _("You already support this proposal.")),
        Requirement(
            under_support_limit,
            limit_message(
                _("You have used all your %(limit)s supports in this consultation."),
                lambda proposal: proposal.consultation.supports_per_user,
            ),
        ),
    ],
    "unsupport_proposal": [
        logged_in("support_proposal"),
        Requirement(supports_proposal, _("You do not support this proposal.")),
        SUPPORTS_OPEN,
    ],
    "add_comment": [
        logged_in("add_comment"),
        CONFIRMED,
        Requirement(target_accepts_comments, _("This proposal takes no more comments.")),
        COMMENTS_OPEN,
    ],
    "change_comment": [
        logged_in("change_comment"),
        Requirement(is_author, _("Only the author can edit this comment.")),
        Requirement(is_not_deleted, _("This comment was deleted.")),
        Requirement(
            within_edit_window,
            lambda user, comment: (
                _("Comments can be edited for %(minutes)s minutes.")
                % {"minutes": conf.get("PROPOSALS_COMMENT_EDIT_MINUTES")}
            ),
        ),
    ],
    "delete_comment": [
        logged_in("delete_comment"),
        Requirement(is_author | moderates, _("Only the author can delete this comment.")),
        Requirement(is_not_deleted, _("This comment was already deleted.")),
    ],
    "report": [
        logged_in("report"),
        CONFIRMED,
        Requirement(is_visible, _("This is not public.")),
        Requirement(~is_author, _("You cannot report your own contribution.")),
        Requirement(not_reported_yet, _("You have already reported this.")),
    ],
    "follow": [
        logged_in("follow"),
        CONFIRMED,
        Requirement(is_visible, _("This is not public.")),
    ],
    "view_proposal": [Requirement(may_view_proposal, _("This proposal is not public."))],
}


@rules.predicate
def has_object(user, obj):
    """Object permissions never apply model-wide: Wagtail's model checks fall through to the
    model backend (staff permissions) instead."""
    return obj is not None


def combine(requirements):
    predicate = has_object
    for requirement in requirements:
        predicate = predicate & requirement.predicate
    return predicate


for action, requirements in ACTIONS.items():
    rules.add_perm(f"proposals.{action}", combine(requirements))


def denial_reason(user, action, obj):
    """Why `user` may not do `action` on `obj` (None when they may): the first failing rule."""
    for requirement in ACTIONS[action]:
        if not requirement.predicate.test(user, obj):
            message = requirement.message
            return str(message(user, obj) if callable(message) else message)
    return None


class Permission(NamedTuple):
    allowed: bool
    reason: str | None
    needs_login: bool


def permission_for(user, action, obj):
    reason = denial_reason(user, action, obj)
    return Permission(reason is None, reason, reason is not None and not user.is_authenticated)
