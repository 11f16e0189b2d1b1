"""The voting kiosk of a plenary on the public site: the operator's idle screen, the check-in of
members at the door and the choice of the member at the kiosk, then the secret ballot that member
casts on the device."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .attendance import check_in
from .forms import BallotForm, HandOverForm
from .kiosk import (
    ballot_token,
    current_handover,
    end_handover,
    hand_over,
    search_by_name,
    token_matches_handover,
    voters_left,
)
from .models import Membership, Plenary, Recommendation
from .voting import BallotError, cast_ballot, refusal_reason


def operator_only(view):
    """People with the kiosk permission; nothing a browser may keep once the next person stands
    at it."""
    view = permission_required("assembly.operate_kiosk", raise_exception=True)(never_cache(view))
    return login_required(view)


def _plenary(slug, pk):
    return get_object_or_404(
        Plenary.objects.select_related("cycle__assembly"), pk=pk, cycle__assembly__slug=slug
    )


def _back_to_idle(plenary):
    return redirect("proposals:assembly:kiosk", slug=plenary.cycle.assembly.slug, pk=plenary.pk)


@operator_only
def idle(request, slug, pk):
    plenary = _plenary(slug, pk)
    items = plenary.votes.filter(status=Recommendation.Status.VOTING)
    return render(request, "assembly/kiosk/idle.html", {"plenary": plenary, "items": items})


@operator_only
def choose_voter(request, slug, pk, item_pk):
    plenary = _plenary(slug, pk)
    item = get_object_or_404(plenary.votes.all(), pk=item_pk)
    if item.status != Recommendation.Status.VOTING:
        messages.error(request, _("This vote is not open."))
        return _back_to_idle(plenary)
    data = request.POST if request.method == "POST" else None
    form = HandOverForm(data, voters=voters_left(item))
    if form.is_valid():
        hand_over(request.session, item, form.cleaned_data["membership"])
        return redirect("proposals:assembly:kiosk_ballot", slug=slug, pk=plenary.pk)
    query = request.GET.get("q", "").strip()
    context = {
        "plenary": plenary,
        "item": item,
        "form": form,
        "query": query,
        "voters": search_by_name(voters_left(item), query),
    }
    return render(request, "assembly/kiosk/choose_voter.html", context)


@operator_only
def ballot(request, slug, pk):
    plenary = _plenary(slug, pk)
    handover = current_handover(request.session, plenary)
    if handover is None:
        messages.error(request, _("Nobody holds the kiosk: hand it over to the next member."))
        return _back_to_idle(plenary)
    if request.method == "POST" and not token_matches_handover(
        request.session, request.POST.get("handover")
    ):
        messages.error(
            request,
            _(
                "This ballot page was issued for an earlier hand-over of the kiosk: nothing was "
                "recorded. Hand the kiosk over to the member who is voting now."
            ),
        )
        return _back_to_idle(plenary)
    if request.method == "POST" and "cancel" in request.POST:
        end_handover(request.session)
        messages.info(request, _("Ballot cancelled: nothing was recorded."))
        return _back_to_idle(plenary)
    item, membership = handover
    form = BallotForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        end_handover(request.session)
        _cast(request, item, membership, form.cleaned_data["choice"])
        return _back_to_idle(plenary)
    context = {
        "plenary": plenary,
        "item": item,
        "membership": membership,
        "form": form,
        "handover_token": ballot_token(request.session),
        "reason": refusal_reason(item, membership),
    }
    return render(request, "assembly/kiosk/ballot.html", context)


@operator_only
def door(request, slug, pk):
    """The register at the door: staff record who has arrived, on the day of the plenary."""
    plenary = _plenary(slug, pk)
    if plenary.date != timezone.localdate():
        messages.error(request, _("Members are checked in only on the day of the plenary session."))
        return _back_to_idle(plenary)
    arriving = (
        Membership.objects.filter(cycle=plenary.cycle_id, active=True)
        .exclude(attendances__plenary=plenary, attendances__present=True)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )
    if request.method == "POST":
        membership = arriving.filter(pk=request.POST.get("membership") or 0).first()
        if membership is None:
            messages.error(
                request, _("This person is not an active member or is already checked in.")
            )
        else:
            check_in(membership, plenary)
            messages.success(
                request, _("%(name)s is checked in.") % {"name": membership.person.full_name}
            )
        return redirect("proposals:assembly:kiosk_door", slug=slug, pk=plenary.pk)
    query = request.GET.get("q", "").strip()
    context = {"plenary": plenary, "query": query, "arriving": search_by_name(arriving, query)}
    return render(request, "assembly/kiosk/door.html", context)


def _cast(request, item, membership, choice):
    try:
        cast_ballot(item, membership, choice)
    except BallotError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Vote recorded. Please hand the device back to the operator."))
