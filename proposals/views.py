"""Thin views: check the permission, call one service, render or redirect.

Anonymous visitors are sent to log in; people without the right get a 403 page that says why."""

import uuid

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from proposals import cached, parts, personal, ratelimit, services
from proposals.emails import user_from_unsubscribe_token
from proposals.forms import CommentForm, ProposalForm, ReportForm
from proposals.listing import (
    COMMENT_PAGE_PARAM,
    attach_scopes,
    comment_page,
    comment_page_number,
)
from proposals.models import Comment, ConsultationPage, Follow, Proposal
from proposals.opendata import open_data_rows
from proposals.restrictions import passes_view_restrictions, view_restriction_response
from proposals.rules import (
    consultation_of,
    denial_reason,
    is_visible,
    permission_for,
    remember_supports,
)
from proposals.spreadsheets import SafeDictWriter
from proposals.users import notification_frequency


def forbidden(request, reason):
    return render(request, "proposals/forbidden.html", {"reason": reason}, status=403)


def restricted(request, obj):
    """The response of the consultation's Wagtail privacy (password form, login), if any:
    what is in a restricted consultation is restricted as its page is."""
    return view_restriction_response(request, consultation_of(obj))


def check(request, action, obj):
    """None when allowed; otherwise the privacy response, the login redirect or the 403 page.

    The rule is tested directly (not `user.has_perm`) so superusers get no shortcut past the
    phases: an administrator cannot support outside a support phase either."""
    if refused := restricted(request, obj):
        return refused
    if rules.has_perm(f"proposals.{action}", request.user, obj):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return forbidden(request, denial_reason(request.user, action, obj))


def live_consultation(consultation_id):
    return get_object_or_404(ConsultationPage.objects.live(), pk=consultation_id)


def proposal_queryset():
    return Proposal.objects.select_related("consultation", "author", "theme").prefetch_related(
        "consultation__phases"
    )


# Proposals


def proposal_detail(request, pk):
    """A public proposal is rendered once for everyone; a draft or hidden one for its reader."""
    proposal = get_object_or_404(proposal_queryset().filter(consultation__live=True), pk=pk)
    if refused := restricted(request, proposal):
        return refused
    if not rules.has_perm("proposals.view_proposal", request.user, proposal):
        raise Http404
    personal.remember(request, proposal)
    private = proposal.consultation.get_view_restrictions().exists()
    if not proposal.is_public or private or not personal.shares(request):
        return render_proposal(request, proposal)
    tags = [f"proposal:{proposal.pk}", f"page:{proposal.consultation_id}"]
    return personal.serve_shared(
        request,
        lambda reader: render_proposal(reader, proposal),
        tags,
        keep=[proposal],  # its counters are read fresh by the parts that show them
        until=proposal.consultation.next_phase_change(),
    )


def render_proposal(request, proposal):
    attach_scopes([proposal])
    context = {
        "proposal": proposal,
        "consultation": proposal.consultation,
        "page": proposal.consultation,
        "attachments": proposal.attachments.all(),
        "comments": comment_page(request, proposal=proposal),
        "timeline": proposal_timeline(proposal),
    }
    if proposal.status == Proposal.Status.DRAFT:
        for action in ("change_proposal", "publish_proposal"):
            context[f"can_{action}"] = permission_for(request.user, action, proposal)
    return render(request, "proposals/proposal_detail.html", context)


def proposal_timeline(proposal):
    events = [
        (proposal.published_at, _("Published")),
        (proposal.threshold_reached_at, _("Support threshold reached")),
        (proposal.sent_to_city_at, _("Sent to the City for an answer")),
        (proposal.answered_at, _("The City answered")),
        (proposal.withdrawn_at, _("Withdrawn by the author")),
    ]
    return sorted(((when, label) for when, label in events if when), key=lambda e: e[0])


def proposal_create(request, consultation_id):
    consultation = live_consultation(consultation_id)
    if refused := check(request, "add_proposal", consultation):
        return refused
    form = ProposalForm(
        request.POST or None,
        request.FILES or None,
        consultation=consultation,
        initial={"submission_token": uuid.uuid4()},
    )
    if request.method == "POST" and form.is_valid():
        return save_new_proposal(request, consultation, form)
    return render(
        request,
        "proposals/proposal_form.html",
        {"form": form, "consultation": consultation, "page": consultation},
    )


def save_new_proposal(request, consultation, form):
    publish = request.POST.get("action") == "publish"
    try:
        proposal = services.create_proposal(
            request.user,
            consultation,
            form.proposal_data(),
            attachments=form.cleaned_data["attachments"],
            token=form.cleaned_data.get("submission_token") or uuid.uuid4(),
            publish=publish,
        )
    except services.DuplicateSubmission as duplicate:
        return redirect(duplicate.existing)
    except services.ActionRefused as refusal:
        form.add_error(None, str(refusal))
        return render(
            request,
            "proposals/proposal_form.html",
            {"form": form, "consultation": consultation, "page": consultation},
        )
    if publish:
        messages.success(request, _("Your proposal is published. Thank you!"))
    else:
        messages.info(request, _("Draft saved. This is a preview: only you can see it."))
    return redirect(proposal)


def proposal_edit(request, pk):
    proposal = get_object_or_404(proposal_queryset(), pk=pk)
    if refused := check(request, "change_proposal", proposal):
        return refused
    form = ProposalForm(
        request.POST or None,
        request.FILES or None,
        instance=proposal,
        consultation=proposal.consultation,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_proposal(
                request.user,
                proposal,
                form.proposal_data(),
                attachments=form.cleaned_data["attachments"],
            )
        except services.ActionRefused as refusal:
            return forbidden(request, str(refusal))
        if request.POST.get("action") == "publish":
            return proposal_publish(request, pk)
        messages.success(request, _("Your changes are saved."))
        return redirect(proposal)
    context = {
        "form": form,
        "proposal": proposal,
        "consultation": proposal.consultation,
        "page": proposal.consultation,
    }
    return render(request, "proposals/proposal_form.html", context)


def simple_action(action, service, success_message, already_message):
    """A POST-only view that runs `service(user, proposal)` once and goes back to the proposal."""

    @require_POST
    def view(request, pk):
        proposal = get_object_or_404(proposal_queryset(), pk=pk)
        if refused := check(request, action, proposal):
            return refused
        try:
            done = service(request.user, proposal)
        except services.ActionRefused as refusal:
            return forbidden(request, str(refusal))
        messages.success(request, success_message) if done else messages.info(
            request, already_message
        )
        return redirect(proposal)

    return view


proposal_publish = simple_action(
    "publish_proposal",
    services.publish_proposal,
    gettext_lazy("Your proposal is published. Thank you!"),
    gettext_lazy("This proposal was already published."),
)
proposal_withdraw = simple_action(
    "withdraw_proposal",
    services.withdraw_proposal,
    gettext_lazy("Your proposal is withdrawn. It stays visible, marked as withdrawn."),
    gettext_lazy("This proposal was already withdrawn."),
)


def supported_proposal(pk):
    """The proposal with its consultation (kept in the cache: the busiest write of a deadline
    reads it), or 404 if either is missing or not live."""
    proposal = get_object_or_404(Proposal, pk=pk)
    consultation = cached.live_consultation(proposal.consultation_id)
    if consultation is None:
        raise Http404
    proposal.consultation = consultation
    return proposal


@require_POST
def proposal_support(request, pk):
    """The service checks the rules under the citizen's lock, so the view does not repeat them."""
    proposal = supported_proposal(pk)
    if refused := restricted(request, proposal):
        return refused
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        supported = services.support(request.user, proposal)
    except services.ActionRefused as refusal:
        return forbidden(request, str(refusal))
    if supported:
        messages.success(request, _("Thank you for your support."))
    else:
        messages.info(request, _("You already support this proposal."))
    return redirect(parts.support_anchor(proposal))


@require_POST
def proposal_unsupport(request, pk):
    proposal = supported_proposal(pk)
    if refused := restricted(request, proposal):
        return refused
    if request.user.is_authenticated:
        if not proposal.supports.filter(user=request.user).exists():
            messages.info(request, _("You do not support this proposal."))
            return redirect(parts.support_anchor(proposal))
        remember_supports(request.user, {proposal.pk: True})  # the rules need not ask again
    if refused := check(request, "unsupport_proposal", proposal):
        return refused
    if services.unsupport(request.user, proposal):
        messages.success(request, _("Your support is withdrawn."))
    else:  # a parallel request withdrew it a moment ago
        messages.info(request, _("You do not support this proposal."))
    return redirect(parts.support_anchor(proposal))


# Comments


def comment_target(kind, pk):
    if kind == "proposta":
        return get_object_or_404(proposal_queryset(), pk=pk)
    if kind == "consultazione":
        return live_consultation(pk)
    raise Http404


def target_url(target):
    return target.get_absolute_url() if isinstance(target, Proposal) else target.url


@require_GET
def comment_permalink(request, pk):
    comment = get_object_or_404(
        Comment.objects.select_related("parent", "proposal", "consultation"), pk=pk
    )
    if refused := restricted(request, comment):
        return refused
    page = comment_page_number(comment)
    query = f"?{COMMENT_PAGE_PARAM}={page}" if page > 1 else ""
    return redirect(f"{target_url(comment.target)}{query}#comment-{comment.pk}")


@require_POST
def comment_create(request, kind, pk):
    target = comment_target(kind, pk)
    if refused := check(request, "add_comment", target):
        return refused
    form = CommentForm(request.POST)
    parent = None
    if form.is_valid() and form.cleaned_data.get("parent"):
        parent = Comment.objects.filter(pk=form.cleaned_data["parent"]).first()
    if not form.is_valid():
        errors = " ".join(str(e) for errs in form.errors.values() for e in errs)
        messages.error(request, _("Your comment was not posted: %(errors)s") % {"errors": errors})
        return redirect(f"{target_url(target)}#comments")
    try:
        comment = services.add_comment(
            request.user,
            target,
            form.cleaned_data["body"],
            form.cleaned_data["position"],
            parent=parent,
            token=form.cleaned_data.get("submission_token"),
        )
    except services.RateLimited as refusal:
        messages.error(request, str(refusal))
        return redirect(f"{target_url(target)}#comments")
    except services.ActionRefused as refusal:
        return forbidden(request, str(refusal))
    messages.success(request, _("Your comment is posted."))
    return redirect(comment.get_absolute_url())


def comment_edit(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("proposal", "consultation"), pk=pk)
    if refused := check(request, "change_comment", comment):
        return refused
    form = CommentForm(request.POST or None, instance=comment)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_comment(
                request.user, comment, form.cleaned_data["body"], form.cleaned_data["position"]
            )
        except services.ActionRefused as refusal:
            return forbidden(request, str(refusal))
        messages.success(request, _("Your comment is updated."))
        return redirect(comment.get_absolute_url())
    return render(request, "proposals/comment_form.html", {"form": form, "comment": comment})


@require_POST
def comment_delete(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("proposal", "consultation"), pk=pk)
    if comment.deleted_at:
        return redirect(comment.get_absolute_url())
    if refused := check(request, "delete_comment", comment):
        return refused
    services.delete_comment(request.user, comment)
    messages.success(request, _("Your comment is deleted."))
    return redirect(comment.get_absolute_url())


# Reports and follows


def report_target(kind, pk):
    if kind == "proposta":
        return get_object_or_404(proposal_queryset(), pk=pk)
    if kind == "commento":
        return get_object_or_404(Comment.objects.select_related("proposal", "consultation"), pk=pk)
    raise Http404


def report(request, kind, pk):
    target = report_target(kind, pk)
    if refused := check(request, "report", target):
        return refused
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow(request.user, "report"):
            form.add_error(None, _("You have sent too many reports: try again later."))
        else:
            try:
                services.report(
                    request.user, target, form.cleaned_data["reason"], form.cleaned_data["note"]
                )
            except services.ActionRefused as refusal:
                return forbidden(request, str(refusal))
            messages.success(request, _("Thank you: the moderators will review your report."))
            return redirect(target.get_absolute_url())
    return render(request, "proposals/report_form.html", {"form": form, "target": target})


@require_POST
def follow(request, kind, pk):
    target = comment_target(kind, pk)
    if refused := check(request, "follow", target):
        return refused
    if request.POST.get("action") == "unfollow":
        services.unfollow(request.user, target)
        messages.success(request, _("You no longer follow this."))
    else:
        services.follow(request.user, target)
        messages.success(request, _("You follow this now: we will tell you what happens."))
    return redirect(target_url(target))


# My participation


FREQUENCIES = {
    "immediate": gettext_lazy("immediately"),
    "daily": gettext_lazy("once a day, as a digest"),
    "none": gettext_lazy("never"),
}


@login_required
def my_participation(request):
    user = request.user
    proposals = list(
        Proposal.objects.filter(author=user).select_related("consultation").order_by("-created_at")
    )
    supported = (
        Proposal.objects.public()
        .filter(supports__user=user)
        .select_related("consultation")
        .order_by("-supports__created_at")
    )
    on_visible_targets = (
        Q(proposal__isnull=True)
        | Q(proposal__status__in=[Proposal.Status.PUBLISHED, Proposal.Status.WITHDRAWN])
        | Q(proposal__author=user)
    )
    comments = (
        Comment.objects.filter(on_visible_targets, author=user, deleted_at__isnull=True)
        .select_related("proposal", "consultation")
        .order_by("-created_at")[:50]
    )
    context = {
        "my_proposals": proposals,
        "supported_proposals": supported,
        "my_comments": comments,
        "followed": followed_by(request),
        "frequency": FREQUENCIES.get(notification_frequency(user), ""),
    }
    return render(request, "proposals/my_participation.html", context)


def followed_by(request):
    """What the reader follows and may still see: a proposal hidden since, or a consultation
    made private since, is not named."""
    follows = (
        Follow.objects.filter(user=request.user)
        .select_related("content_type")
        .order_by("-created_at")
    )
    targets = [f.target for f in follows if f.target is not None]
    return [
        target
        for target in targets
        if is_visible.test(request.user, target)
        and passes_view_restrictions(request, consultation_of(target))
    ]


# Open data


@require_GET
def open_data_csv(request, consultation_id):
    consultation = live_consultation(consultation_id)
    if refused := restricted(request, consultation):
        return refused
    rows = open_data_rows(consultation)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="proposte-{consultation.slug}.csv"'
    response.write("\ufeff")
    writer = SafeDictWriter(response, fieldnames=list(rows[0]) if rows else ["id"])
    writer.writeheader()
    writer.writerows(rows)
    return response


@require_GET
def open_data_json(request, consultation_id):
    consultation = live_consultation(consultation_id)
    if refused := restricted(request, consultation):
        return refused
    data = {
        "consultation": {"id": consultation.pk, "title": consultation.title},
        "proposals": open_data_rows(consultation),
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'inline; filename="proposte-{consultation.slug}.json"'
    return response


# Unsubscribe


@csrf_exempt  # the signed token is the credential; mail clients POST here for one-click
def unsubscribe(request, token):
    user = user_from_unsubscribe_token(token)
    if user is None:
        return render(request, "proposals/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        stop_emails(user)
        return render(request, "proposals/unsubscribe.html", {"done": True})
    return render(request, "proposals/unsubscribe.html", {"token": token})


def stop_emails(user):
    if hasattr(user, "notification_frequency"):
        type(user)._default_manager.filter(pk=user.pk).update(notification_frequency="none")
    else:
        Follow.objects.filter(user=user).delete()
