"""The plugin's personal parts: what a consultation or proposal page shows its reader alone.

Each filler gets every key of its kind on the page and answers with a few queries in all
(see `proposals.personal`)."""

from django.template.context_processors import csrf
from django.template.loader import get_template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from proposals.forms import ProposalFilterForm
from proposals.models import Comment, ConsultationPage, Proposal, Support
from proposals.personal import filler, remembered
from proposals.rules import permission_for, remember_supports
from proposals.services import is_following
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


def supported_ids(user, proposal_ids):
    """Which of these proposals `user` supports, remembered on the user for the permission
    rules of the rest of the request."""
    if not user.is_authenticated:
        return set()
    supports = Support.objects.filter(user=user, proposal_id__in=proposal_ids)
    supported = set(supports.values_list("proposal_id", flat=True))
    remember_supports(user, {pk: pk in supported for pk in proposal_ids})
    return supported


def render(request, template, **context):
    context.update(request=request, user=request.user, **csrf(request))
    return get_template(template).render(context)


def permissions(user, obj, *actions):
    return {f"can_{action}": permission_for(user, action, obj) for action in actions}


# Proposal lists


def card_state(request, keys):
    """Each card's support count and threshold mark, read fresh: the list itself is shared."""
    memo = request.__dict__.setdefault("_personal_card_state", {})
    missing = [int(key) for key in keys if int(key) not in memo]
    rows = Proposal.objects.filter(pk__in=missing).values_list(
        "pk", "support_count", "threshold_reached_at"
    )
    memo.update((pk, (count, reached)) for pk, count, reached in rows)
    return {key: memo.get(int(key), (0, None)) for key in keys}


@filler("support_count")
def support_count(request, keys):
    counts = {}
    for key, (count, _reached) in card_state(request, keys).items():
        text = ngettext("%(counter)s support", "%(counter)s supports", count)
        counts[key] = text % {"counter": count}
    return counts


@filler("card_badges")
def card_badges(request, keys):
    state = card_state(request, keys)
    supported = supported_ids(request.user, [int(key) for key in keys])
    template = get_template("proposals/parts/card_badges.html")
    return {
        key: template.render(
            {"threshold_reached": state[key][1] is not None, "supported": int(key) in supported}
        ).strip()
        for key in keys
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


@filler("support_box")
def support_box(request, keys):
    proposals = objects(request, Proposal, keys)
    supported = supported_ids(request.user, [proposal.pk for proposal in proposals.values()])
    return {
        key: render(
            request,
            "proposals/parts/support_box.html",
            proposal=proposal,
            supported=proposal.pk in supported,
            **permissions(request.user, proposal, "support_proposal", "unsupport_proposal"),
        )
        for key, proposal in proposals.items()
    }


@filler("proposal_actions")
def proposal_actions(request, keys):
    actions = ("change_proposal", "withdraw_proposal", "report", "follow")
    return {
        key: render(
            request,
            "proposals/parts/proposal_actions.html",
            proposal=proposal,
            following=is_following(request.user, proposal),
            **permissions(request.user, proposal, *actions),
        )
        for key, proposal in objects(request, Proposal, keys).items()
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
        following = is_following(request.user, followed)
        return {"following": following, **permissions(request.user, followed, "follow")}

    return for_each_target(request, keys, "proposals/includes/follow_button.html", context)


# Discussions


@filler("comment_form")
def comment_form(request, keys):
    def context(discussed):
        return {"can_comment": permission_for(request.user, "add_comment", discussed)}

    return for_each_target(request, keys, "proposals/parts/comment_form.html", context)


THREAD = "__thread__"


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
        parts[key] = forms[(kind, pk)].replace(THREAD, comment_pk)
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
    )


@filler("comment_actions")
def comment_actions(request, keys):
    """Edit and delete on one's own comments (moderators delete any), report on the others'."""
    parts = dict.fromkeys(keys, "")
    user = request.user
    if not user.is_authenticated:
        return parts
    moderator = is_moderator(user)
    for comment in Comment.objects.filter(pk__in=[int(key) for key in keys]):
        others = comment.author_id != user.pk
        if others and not moderator:  # the common case, without a template
            url = reverse("proposals:report", args=["commento", comment.pk])
            parts[str(comment.pk)] = format_html('<a href="{}">{}</a>', url, _("Report"))
            continue
        parts[str(comment.pk)] = render(
            request,
            "proposals/parts/comment_actions.html",
            comment=comment,
            can_edit=permission_for(user, "change_comment", comment),
            can_delete=permission_for(user, "delete_comment", comment),
            can_report=others,
        )
    return parts
