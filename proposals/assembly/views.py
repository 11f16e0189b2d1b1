"""Public pages of the assembly and the members' area (presence and secret ballot)."""

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .forms import BallotForm
from .models import (
    AnnualReport,
    Assembly,
    BallotParticipation,
    Membership,
    Plenary,
    Recommendation,
)
from .voting import BallotError, cast_ballot, refusal_reason


def _cycle(assembly, year=None):
    cycles = assembly.cycles.all()
    cycle = cycles.filter(year=year).first() if year else cycles.order_by("-year").first()
    if cycle is None:
        raise Http404
    return cycle


def assembly_detail(request, slug):
    assembly = get_object_or_404(Assembly, slug=slug)
    cycle = assembly.cycles.order_by("-year").first()
    context = {"assembly": assembly, "cycle": cycle}
    if cycle:
        voting = Membership.objects.with_vote().filter(cycle=cycle)
        context.update(
            member_count=voting.count(),
            public_members=voting.filter(person__consents_to_publication=True)
            .select_related("person")
            .order_by("person__last_name", "person__first_name"),
            groups=cycle.groups.prefetch_related(
                Prefetch(
                    "coordinators",
                    queryset=Membership.objects.filter(
                        person__consents_to_publication=True
                    ).select_related("person"),
                    to_attr="public_coordinators",
                )
            ),
            plenaries=cycle.plenaries.all(),
            recommendations=cycle.recommendations.select_related("group", "tally"),
            report=AnnualReport.objects.filter(cycle=cycle, delivered_at__isnull=False).first(),
            membership=_membership(request.user, cycle),
        )
    return render(request, "assembly/assembly_detail.html", context)


def recommendation_detail(request, slug, pk):
    item = get_object_or_404(
        Recommendation.objects.select_related("cycle__assembly", "group", "plenary"),
        pk=pk,
        cycle__assembly__slug=slug,
    )
    tally = item.tally if item.results_published else None
    return render(request, "assembly/recommendation_detail.html", {"item": item, "tally": tally})


def report_detail(request, slug, year):
    report = get_object_or_404(
        AnnualReport.objects.select_related("cycle__assembly"),
        cycle__assembly__slug=slug,
        cycle__year=year,
        delivered_at__isnull=False,
    )
    notes = report.handover_notes.select_related("group")
    return render(
        request,
        "assembly/report_detail.html",
        {"report": report, "items": report.approved_items(), "notes": notes},
    )


def _membership(user, cycle):
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(cycle=cycle, user=user).select_related("person").first()


def _member_or_403(request, cycle):
    membership = _membership(request.user, cycle)
    if membership is None or not request.user.has_perm("assembly.take_part_in_cycle", cycle):
        raise PermissionDenied
    return membership


@login_required
def member_area(request, slug):
    assembly = get_object_or_404(Assembly, slug=slug)
    cycle = _cycle(assembly)
    membership = _member_or_403(request, cycle)
    today = Plenary.objects.filter(cycle=cycle, date=timezone.localdate()).first()
    checked_in = bool(today) and membership.attendances.filter(plenary=today, present=True).exists()
    voted = set(
        BallotParticipation.objects.filter(membership=membership).values_list(
            "recommendation_id", flat=True
        )
    )
    open_items = cycle.recommendations.filter(status=Recommendation.Status.VOTING)
    return render(
        request,
        "assembly/member_area.html",
        {
            "assembly": assembly,
            "cycle": cycle,
            "membership": membership,
            "today": today,
            "checked_in": checked_in,
            "open_items": [(item, item.pk in voted) for item in open_items],
        },
    )


@login_required
def vote(request, slug, pk):
    item = get_object_or_404(
        Recommendation.objects.select_related("cycle__assembly"), pk=pk, cycle__assembly__slug=slug
    )
    membership = _member_or_403(request, item.cycle)
    reason = refusal_reason(item, membership)
    form = BallotForm(request.POST or None)
    if request.method == "POST" and not reason and form.is_valid():
        try:
            cast_ballot(item, membership, form.cleaned_data["choice"])
        except BallotError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your vote has been recorded."))
        return redirect("proposals:assembly:member_area", slug=slug)
    status = 403 if reason else 200
    return render(
        request,
        "assembly/vote.html",
        {"item": item, "form": form, "reason": reason},
        status=status,
    )


@login_required
def accept_invitation(request, token):
    membership = get_object_or_404(
        Membership.objects.select_related("cycle__assembly", "person"), invitation_token=token
    )
    if membership.user_id and membership.user_id != request.user.pk:
        raise PermissionDenied
    if not EmailAddress.objects.filter(user=request.user, verified=True).exists():
        messages.error(request, _("Confirm your email address before linking your account."))
        return redirect("account_email")
    if request.method == "POST":
        linked = Membership.objects.filter(pk=membership.pk, user__isnull=True).update(
            user=request.user
        )
        if linked or membership.user_id == request.user.pk:
            messages.success(
                request, _("Your account is now linked to your place in the assembly.")
            )
        return redirect("proposals:assembly:member_area", slug=membership.cycle.assembly.slug)
    return render(request, "assembly/invitation.html", {"membership": membership})
