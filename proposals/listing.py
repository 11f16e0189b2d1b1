"""Context for the consultation pages: filters, sorts and threads, with a fixed number of queries."""

import random
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import F, OuterRef, Prefetch, Q, prefetch_related_objects
from django.db.models.functions import Mod
from django.utils import timezone

from proposals import conf
from proposals.forms import ProposalFilterForm
from proposals.models import (
    Comment,
    ConsultationPage,
    Proposal,
    Support,
    Theme,
    count_subquery,
)
from proposals.scope import scope_choices, scope_from_key

RANDOM_SEED_KEY = "proposals_random_seed"
LARGE_PRIME = 2147483647


def random_seed(request):
    """A seed kept in the session, so the random order stays the same while paging."""
    if RANDOM_SEED_KEY not in request.session:
        request.session[RANDOM_SEED_KEY] = random.randint(1, 1_000_000)
    return request.session[RANDOM_SEED_KEY]


def scope_lookup(scope):
    return {
        "scope_content_type": ContentType.objects.get_for_model(scope),
        "scope_object_id": scope.pk,
    }


def filter_proposals(consultation, request):
    form = ProposalFilterForm(request.GET or None, consultation=consultation)
    proposals = (
        consultation.proposals.public()
        .select_related("author", "theme", "scope_content_type")
        .with_comment_count()
    )
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("q"):
        proposals = proposals.filter(Q(title__icontains=data["q"]) | Q(body__icontains=data["q"]))
    if data.get("theme"):
        proposals = proposals.filter(theme=data["theme"])
    if data.get("scope"):
        scope = scope_from_key(data["scope"])
        proposals = proposals.filter(**scope_lookup(scope))
    status = data.get("status")
    if status == "published":
        proposals = proposals.filter(status=Proposal.Status.PUBLISHED)
    elif status == "withdrawn":
        proposals = proposals.filter(status=Proposal.Status.WITHDRAWN)
    elif status == "threshold":
        proposals = proposals.filter(threshold_reached_at__isnull=False)
    if request.user.is_authenticated:
        if data.get("mine"):
            proposals = proposals.filter(author=request.user)
        if data.get("supported"):
            proposals = proposals.filter(
                pk__in=Support.objects.filter(user=request.user).values("proposal_id")
            )
    return form, sort_proposals(proposals, data.get("sort") or "recent", request)


def sort_proposals(proposals, sort, request):
    if sort == "supported":
        return proposals.order_by("-support_count", "-published_at", "-pk")
    if sort == "commented":
        return proposals.order_by("-comment_count", "-published_at", "-pk")
    if sort == "random":
        seed = random_seed(request)
        return proposals.annotate(shuffle=Mod(F("pk") * seed, LARGE_PRIME)).order_by(
            "shuffle", "pk"
        )
    return proposals.order_by("-published_at", "-pk")


def attach_scopes(proposals):
    """Resolve each proposal's scope with one query per scope model, not one per proposal."""
    wanted = {}
    for proposal in proposals:
        if proposal.scope_content_type_id:
            wanted.setdefault(proposal.scope_content_type, set()).add(proposal.scope_object_id)
    found = {}
    for content_type, ids in wanted.items():
        model = content_type.model_class()
        for obj in model._default_manager.filter(pk__in=ids):
            found[(content_type.pk, obj.pk)] = obj
    for proposal in proposals:
        proposal.scope_display = found.get(
            (proposal.scope_content_type_id, proposal.scope_object_id)
        )


COMMENT_PAGE_PARAM = "commenti"


def comment_page(request, **filters):
    """One page of a discussion: top-level comments, oldest first, each with its replies."""
    replies = Comment.objects.select_related("author").order_by("created_at", "pk")
    threads = (
        Comment.objects.filter(parent=None, **filters)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "pk")
    )
    paginator = Paginator(threads, conf.get("PROPOSALS_COMMENT_THREADS_PER_PAGE"))
    return paginator.get_page(request.GET.get(COMMENT_PAGE_PARAM))


def comment_page_number(comment):
    """The page of its discussion where a comment (or the thread it replies to) is shown."""
    root = comment.parent or comment
    earlier = Comment.objects.filter(
        parent=None, proposal_id=root.proposal_id, consultation_id=root.consultation_id
    ).filter(Q(created_at__lt=root.created_at) | Q(created_at=root.created_at, pk__lt=root.pk))
    return earlier.count() // conf.get("PROPOSALS_COMMENT_THREADS_PER_PAGE") + 1


def is_personal_listing(request):
    """A list that depends on who asks: their own proposals or supports, or their random order."""
    return bool(
        request.GET.get("mine")
        or request.GET.get("supported")
        or request.GET.get("sort") == "random"
    )


def changes_by_itself_at(page, request):
    """When a consultation page's list changes without a save: when a phase opens or closes,
    or soon when it is sorted by supports, which supports reorder."""
    moments = [page.next_phase_change()]
    if request.GET.get("sort") == "supported":
        seconds = conf.get("PROPOSALS_SUPPORT_ORDER_SECONDS")
        moments.append(timezone.now() + timedelta(seconds=seconds))
    return min(filter(None, moments), default=None)


def consultation_context(page, request):
    prefetch_related_objects([page], "phases")  # the phases decide most of what the page shows
    form, proposals = filter_proposals(page, request)
    page_obj = Paginator(proposals, conf.get("PROPOSALS_PAGE_SIZE")).get_page(
        request.GET.get("page")
    )
    for proposal in page_obj.object_list:
        proposal.consultation = page
    attach_scopes(page_obj.object_list)
    return {
        "filter_form": form,
        "page_obj": page_obj,
        "proposals": page_obj.object_list,
        "phases": page.sorted_phases(),
        "current_phase": page.current_phase(),
        "comments": comment_page(request, consultation=page, proposal=None),
        "comment_count": page.comments.filter(
            proposal=None, deleted_at__isnull=True, is_hidden=False
        ).count(),
        "scope_display": page.scope,
    }


def consultation_index_context(index, request):
    public = Proposal.objects.public().filter(consultation=OuterRef("pk"))
    consultations = (
        ConsultationPage.objects.live()
        .child_of(index)
        .prefetch_related("phases", "themes", "scope")
        .annotate(public_proposals=count_subquery(public))
        .order_by("-first_published_at")
    )
    theme = request.GET.get("tema", "").strip()
    if theme:
        consultations = consultations.filter(themes__name=theme).distinct()
    scope = request.GET.get("ambito", "")
    try:
        scope_object = scope_from_key(scope)
    except ValueError:
        scope_object = None
    if scope_object is not None:
        consultations = consultations.filter(**scope_lookup(scope_object))
    groups = {"open": [], "upcoming": [], "closed": []}
    for consultation in consultations:
        groups[consultation.status].append(consultation)
    all_themes = sorted(
        set(
            Theme.objects.filter(page__in=ConsultationPage.objects.live().child_of(index))
            .values_list("name", flat=True)
            .distinct()
        )
    )
    return {
        "open_consultations": groups["open"],
        "upcoming_consultations": groups["upcoming"],
        "closed_consultations": groups["closed"],
        "theme_choices": all_themes,
        "selected_theme": theme,
        "scope_choices": scope_choices(),
        "selected_scope": scope if scope_object else "",
    }
