"""The plugin's personal parts: what a consultation or proposal page shows its reader alone.

Each filler gets every key of its kind on the page and answers with a few queries in all
(see `proposals.personal`)."""

import functools
import uuid
from datetime import UTC, datetime
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.template.loader import get_template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from proposals.forms import ProposalFilterForm
from proposals.models import ConsultationPage, Follow, Proposal, Support
from proposals.personal import csrf_context, filler, remembered
from proposals.rules import permission_for, remember_supports
from proposals.users import is_moderator

TARGET_MODELS = {"proposta": Proposal, "consultazione": ConsultationPage}


def objects(request, model, pks):
    """`model` instances by pk, loaded once per request with what the permissions read."""
    known = remembered(request)
    missing = {int(pk) for pk in pks} - {pk for (kind, pk) in known if kind is model}
    if missing:
        if model is Proposal:
            queryset = Proposal.objects.select_related("consultation", "author")
            queryset = queryset.prefetch_related("consultation__phases")
        else:
            queryset = ConsultationPage.objects.live().prefetch_related("phases")
        for obj in queryset.filter(pk__in=missing):
            known[(model, obj.pk)] = obj
    return {pk: known.get((model, int(pk))) for pk in pks}


def target(request, kind, pk):
    return objects(request, TARGET_MODELS[kind], [pk])[pk]


class ProposalState(NamedTuple):
    support_count: int
    threshold_reached: bool
    supported: bool


def proposal_states(request, proposal_ids):
    """{id: ProposalState} of these proposals, read fresh (the page itself is shared) in one
    query per request; whether the reader supports each is remembered for the rules."""
    memo = request.__dict__.setdefault("_personal_proposal_states", {})
    missing = [pk for pk in proposal_ids if pk not in memo]
    if missing:
        user = request.user
        reader = user.pk if user.is_authenticated else None
        for pk, count, reached, supported in read_states(missing, reader):
            memo[pk] = ProposalState(count, bool(reached), bool(supported))
        if reader is not None:
            remember_supports(user, {pk: memo[pk].supported for pk in missing if pk in memo})
    return {pk: memo.get(pk, ProposalState(0, False, False)) for pk in proposal_ids}


def read_states(proposal_ids, user_id):
    """Rows (id, support count, threshold reached, supported by the user). In SQL: on every
    shared page, the ORM would take four times as long to build this one query."""
    placeholders = ", ".join(["%s"] * len(proposal_ids))
    sql = (
        "SELECT p.id, p.support_count, p.threshold_reached_at IS NOT NULL, EXISTS("
        f"SELECT 1 FROM {Support._meta.db_table} s WHERE s.proposal_id = p.id AND s.user_id = %s"
        f") FROM {Proposal._meta.db_table} p WHERE p.id IN ({placeholders})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id, *proposal_ids])
        return cursor.fetchall()


def reader_follows(request, target):
    """Whether the reader follows `target`, in SQL as `read_states`, once per request."""
    user = request.user
    if not user.is_authenticated:
        return False
    key = (ContentType.objects.get_for_model(target).pk, target.pk)
    memo = request.__dict__.setdefault("_personal_follows", {})
    if key not in memo:
        sql = (
            f"SELECT EXISTS(SELECT 1 FROM {Follow._meta.db_table} "
            "WHERE user_id = %s AND content_type_id = %s AND object_id = %s)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [user.pk, *key])
            memo[key] = bool(cursor.fetchone()[0])
    return memo[key]


def render(request, template, **context):
    context.update(request=request, user=request.user, **csrf_context(request))
    return get_template(template).render(context)


def permissions(user, obj, *actions):
    return {f"can_{action}": permission_for(user, action, obj) for action in actions}


# Proposal lists


def card_states(request, keys):
    states = proposal_states(request, [int(key) for key in keys])
    return {key: states[int(key)] for key in keys}


@filler("support_count")
def support_count(request, keys):
    counts = {}
    for key, state in card_states(request, keys).items():
        text = ngettext("%(counter)s support", "%(counter)s supports", state.support_count)
        counts[key] = text % {"counter": state.support_count}
    return counts


@filler("card_badges")
def card_badges(request, keys):
    """Each card's badges; there are four kinds of cards, each rendered once."""
    template = get_template("proposals/parts/card_badges.html")

    @functools.cache
    def badges(threshold_reached, supported):
        context = {"threshold_reached": threshold_reached, "supported": supported}
        return template.render(context).strip()

    return {
        key: badges(state.threshold_reached, state.supported)
        for key, state in card_states(request, keys).items()
    }


@filler("personal_filters")
def personal_filters(request, keys):
    fields = ProposalFilterForm.base_fields
    html = render(
        request,
        "proposals/parts/personal_filters.html",
        mine=bool(request.GET.get("mine")),
        supported=bool(request.GET.get("supported")),
        mine_label=fields["mine"].label,
        supported_label=fields["supported"].label,
    )
    return dict.fromkeys(keys, html)


@filler("propose")
def propose(request, keys):
    parts = {}
    for key, consultation in objects(request, ConsultationPage, keys).items():
        parts[key] = render(
            request,
            "proposals/parts/propose.html",
            consultation=consultation,
            can_propose=permission_for(request.user, "add_proposal", consultation),
        )
    return parts


# A proposal


def with_fresh_counts(request, proposals):
    """`proposals` (kept with a shared page, or loaded) with their counters read fresh."""
    states = proposal_states(request, [proposal.pk for proposal in proposals.values()])
    for proposal in proposals.values():
        proposal.support_count = states[proposal.pk].support_count
    return proposals, states


def support_anchor(proposal):
    """Where supporting and withdrawing come back to: the support box's button keeps the focus."""
    return f"{proposal.get_absolute_url()}#support-{proposal.pk}"


@filler("support_box")
def support_box(request, keys):
    proposals, states = with_fresh_counts(request, objects(request, Proposal, keys))
    return {
        key: render(
            request,
            "proposals/parts/support_box.html",
            proposal=proposal,
            supported=states[proposal.pk].supported,
            threshold_reached=states[proposal.pk].threshold_reached,
            **permissions(request.user, proposal, "support_proposal", "unsupport_proposal"),
        )
        for key, proposal in proposals.items()
    }


@filler("proposal_actions")
def proposal_actions(request, keys):
    actions = ("change_proposal", "withdraw_proposal", "report", "follow")
    proposals, _states = with_fresh_counts(request, objects(request, Proposal, keys))
    return {
        key: render(
            request,
            "proposals/parts/proposal_actions.html",
            proposal=proposal,
            following=reader_follows(request, proposal),
            **permissions(request.user, proposal, *actions),
        )
        for key, proposal in proposals.items()
    }


def for_each_target(request, keys, template, context):
    """One part per key `<kind>.<pk>` (kind as in the URLs: `consultazione`, `proposta`), made
    from `template` with the target, its kind and `context(target)`."""
    parts = {}
    for key in keys:
        kind, pk = key.split(".")
        obj = target(request, kind, pk)
        parts[key] = render(request, template, kind=kind, target=obj, **context(obj))
    return parts


@filler("follow")
def follow(request, keys):
    def context(followed):
        following = reader_follows(request, followed)
        return {"following": following, **permissions(request.user, followed, "follow")}

    return for_each_target(request, keys, "proposals/includes/follow_button.html", context)


# Discussions


@filler("comment_form")
def comment_form(request, keys):
    def context(discussed):
        return {
            "can_comment": permission_for(request.user, "add_comment", discussed),
            "submission_token": uuid.uuid4(),
        }

    return for_each_target(request, keys, "proposals/parts/comment_form.html", context)


THREAD = "__thread__"
TOKEN = "__token__"


@filler("reply_form")
def reply_form(request, keys):
    """Keys are `<kind>.<pk>.<comment pk>`: a reply form under each thread, if one may comment.
    The forms of a discussion differ only by the thread they answer, so each is made once."""
    parts = dict.fromkeys(keys, "")
    if not request.user.is_authenticated:
        return parts
    forms = {}
    for key in keys:
        kind, pk, comment_pk = key.split(".")
        if (kind, pk) not in forms:
            forms[(kind, pk)] = reply_form_for(request, kind, target(request, kind, pk))
        parts[key] = forms[(kind, pk)].replace(THREAD, comment_pk).replace(TOKEN, str(uuid.uuid4()))
    return parts


def reply_form_for(request, kind, discussed):
    allowed = permission_for(request.user, "add_comment", discussed)
    if not allowed.allowed:
        return ""
    return render(
        request,
        "proposals/parts/reply_form.html",
        kind=kind,
        target=discussed,
        comment={"pk": THREAD},
        can_comment=allowed,
        submission_token=TOKEN,
    )


@filler("comment_actions")
def comment_actions(request, keys):
    """Edit and delete on one's own comments (moderators delete any), report on the others'.

    Keys are `<comment pk>.<author pk>.<created at, Unix time>`: all the rules read of a comment
    the page shows (deleted or hidden ones have no actions), so no query is needed."""
    parts = dict.fromkeys(keys, "")
    user = request.user
    if not user.is_authenticated:
        return parts
    moderator = is_moderator(user)
    report_link = None
    for key in keys:
        comment = comment_from_key(key)
        others = comment.author_id != user.pk
        if others and not moderator:  # the common case: one link, made once
            report_link = report_link or format_html(
                '<a href="{}">{}</a>',
                reverse("proposals:report", args=["commento", PK]),
                _("Report"),
            )
            parts[key] = report_link.replace(str(PK), str(comment.pk))
            continue
        parts[key] = render(
            request,
            "proposals/parts/comment_actions.html",
            comment=comment,
            can_edit=permission_for(user, "change_comment", comment),
            can_delete=permission_for(user, "delete_comment", comment),
            can_report=others,
        )
    return parts


PK = 9_876_543_210  # stands for a comment's pk in a link made once for all


class KeyedComment(NamedTuple):
    """What the rules and the template read of a comment shown on a page."""

    pk: int
    author_id: int | None
    created_at: datetime
    deleted_at: None = None


def comment_from_key(key):
    comment_pk, author_pk, created = key.split(".")
    return KeyedComment(
        int(comment_pk),
        int(author_pk) if author_pk.isdigit() else None,
        datetime.fromtimestamp(int(created), tz=UTC),
    )
