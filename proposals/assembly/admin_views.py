"""Staff screens of the assembly in the Wagtail admin: the cycle's dashboard, pool import, the
draw and its progress, the calendar, the attendance register, substitutions, votes and the
delivery of the annual report."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from proposals import conf

from .attendance import record_attendance
from .emails import invite
from .forms import OpenVoteForm, PoolImportForm, RegisterForm, SelectionForm, SubstituteForm
from .models import AnnualReport, Cycle, Membership, Plenary, Recommendation, SelectionRun
from .plenaries import generate_calendar
from .pool_import import HEADER, PoolImportError, import_pool
from .reports import DeliveryError, deliver_report
from .substitution import SubstitutionError, rank_substitutes, step_in
from .tasks import start_selection
from .voting import BallotError, close_vote, open_vote

# Longer than the task queue's timeout: such a run's worker is gone.
STALE_RUN = datetime.timedelta(hours=1)  # longer than the draw's task may run


class StaffMixin(WagtailAdminTemplateMixin):
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("assembly.manage_assembly"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [
            *super().get_breadcrumbs_items(),
            {"url": reverse("assembly_admin:index"), "label": _("Citizens' assembly")},
        ]
        cycle = getattr(self, "cycle", None)
        if cycle:
            items.append(
                {"url": reverse("assembly_admin:cycle", args=[cycle.pk]), "label": str(cycle)}
            )
        return [*items, {"url": "", "label": self.get_page_title()}]


class CycleMixin(StaffMixin):
    def dispatch(self, request, *args, **kwargs):
        self.cycle = get_object_or_404(Cycle.objects.select_related("assembly"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def cycle_url(self):
        return reverse("assembly_admin:cycle", args=[self.cycle.pk])


class IndexView(StaffMixin, TemplateView):
    page_title = gettext_lazy("Citizens' assembly")
    template_name = "assembly/admin/index.html"

    def get_breadcrumbs_items(self):
        return [
            *WagtailAdminTemplateMixin.get_breadcrumbs_items(self),
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        cycles = Cycle.objects.select_related("assembly").annotate(
            pool_size=Count("pool", distinct=True),
            member_count=Count("memberships", filter=Q(memberships__role="member"), distinct=True),
        )
        return super().get_context_data(cycles=cycles, **kwargs)


class CycleDashboardView(CycleMixin, TemplateView):
    template_name = "assembly/admin/cycle.html"

    def get_page_title(self):
        return str(self.cycle)

    def get_breadcrumbs_items(self):
        return StaffMixin.get_breadcrumbs_items(self)[:-1]

    def get_context_data(self, **kwargs):
        cycle = self.cycle
        memberships = cycle.memberships.all()
        return super().get_context_data(
            cycle=cycle,
            pool_size=cycle.pool.count(),
            quotas=cycle.quotas.all(),
            runs=cycle.selection_runs.all()[:5],
            member_count=memberships.with_vote().count(),
            waiting_count=memberships.waiting_substitutes().count(),
            lapsed=memberships.filter(active=False, replacement__isnull=True).select_related(
                "person"
            ),
            plenaries=cycle.plenaries.annotate(
                present_count=Count("attendances", filter=Q(attendances__present=True))
            ),
            recommendations=cycle.recommendations.select_related("group", "plenary"),
            report=AnnualReport.objects.filter(cycle=cycle).first(),
            **kwargs,
        )


class PoolImportView(CycleMixin, FormView):
    form_class = PoolImportForm
    template_name = "assembly/admin/pool_import.html"
    page_title = gettext_lazy("Import the pool")

    def get_context_data(self, **kwargs):
        return super().get_context_data(header=",".join(HEADER), cycle=self.cycle, **kwargs)

    def form_valid(self, form):
        try:
            count = import_pool(self.cycle, form.cleaned_data["file"].read())
        except PoolImportError as error:
            return self.render_to_response(
                self.get_context_data(form=form, import_errors=error.errors)
            )
        messages.success(self.request, _("%(count)d people added to the pool.") % {"count": count})
        return redirect(self.cycle_url())


class SelectionView(CycleMixin, FormView):
    form_class = SelectionForm
    template_name = "assembly/admin/selection.html"
    page_title = gettext_lazy("Stratified draw")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            cycle=self.cycle,
            algorithm=conf.get("PROPOSALS_ASSEMBLY_ALGORITHM"),
            leximin_minutes=round(conf.get("PROPOSALS_ASSEMBLY_LEXIMIN_SECONDS") / 60),
            **kwargs,
        )

    def form_valid(self, form):
        cycle = self.cycle
        if cycle.has_selection:
            messages.error(self.request, _("The draw for this cycle has already been made."))
            return redirect(self.cycle_url())
        unfinished = cycle.selection_runs.filter(status__in=["pending", "running"])
        unfinished.filter(created_at__lt=timezone.now() - STALE_RUN).update(
            status=SelectionRun.Status.FAILED, error=_("The task stopped before the end.")
        )
        if unfinished.exists():
            messages.error(self.request, _("A draw is already running for this cycle."))
            return redirect(self.cycle_url())
        run = start_selection(cycle, form.cleaned_data["seed"], self.request.user)
        return redirect("assembly_admin:run", pk=run.pk)


class RunView(StaffMixin, TemplateView):
    template_name = "assembly/admin/run.html"
    fragment_template = "assembly/admin/run_progress.html"

    def dispatch(self, request, *args, **kwargs):
        self.run = get_object_or_404(
            SelectionRun.objects.select_related("cycle__assembly"), pk=kwargs["pk"]
        )
        self.cycle = self.run.cycle
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Draw with seed %(seed)s") % {"seed": self.run.seed}

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return [self.fragment_template]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        run = self.run
        probabilities = []
        if run.report.get("probabilities"):
            names = dict(self.cycle.pool.values_list("external_id", "last_name"))
            probabilities = sorted(
                (person_id, names.get(person_id, ""), value)
                for person_id, value in run.report["probabilities"].items()
            )
        return super().get_context_data(run=run, probabilities=probabilities, **kwargs)


class CalendarView(CycleMixin, View):
    def post(self, request, pk):
        created = generate_calendar(self.cycle)
        messages.success(
            request,
            _("%(count)d plenary sessions added to the calendar.") % {"count": len(created)},
        )
        return redirect(self.cycle_url())


class InvitationsView(CycleMixin, View):
    def post(self, request, pk):
        memberships = self.cycle.memberships.filter(active=True).select_related("person")
        count = invite(memberships)
        messages.success(request, _("%(count)d invitations queued for sending.") % {"count": count})
        return redirect(self.cycle_url())


class RegisterView(StaffMixin, FormView):
    template_name = "assembly/admin/register.html"
    form_class = RegisterForm

    def dispatch(self, request, *args, **kwargs):
        self.plenary = get_object_or_404(Plenary.objects.select_related("cycle"), pk=kwargs["pk"])
        self.cycle = self.plenary.cycle
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Attendance register of %(date)s") % {
            "date": self.plenary.date.strftime("%d/%m/%Y")
        }

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        present = self.plenary.attendances.filter(present=True).values_list("membership", flat=True)
        return {**kwargs, "plenary": self.plenary, "initial": {"present": list(present)}}

    def form_valid(self, form):
        lapsed = record_attendance(self.plenary, [m.pk for m in form.cleaned_data["present"]])
        messages.success(self.request, _("Attendance register saved."))
        for membership in lapsed:
            messages.warning(
                self.request,
                _("%(name)s has lapsed under the absence rule: choose a substitute.")
                % {"name": membership.person.full_name},
            )
        return redirect("assembly_admin:cycle", pk=self.cycle.pk)


class SubstituteView(StaffMixin, FormView):
    template_name = "assembly/admin/substitute.html"
    form_class = SubstituteForm
    page_title = gettext_lazy("Choose a substitute")

    def dispatch(self, request, *args, **kwargs):
        self.lapsed = get_object_or_404(
            Membership.objects.select_related("person", "cycle"), pk=kwargs["pk"]
        )
        self.cycle = self.lapsed.cycle
        self.ranked = rank_substitutes(self.lapsed)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "ranked": self.ranked}

    def get_context_data(self, **kwargs):
        return super().get_context_data(lapsed=self.lapsed, ranked=self.ranked, **kwargs)

    def form_valid(self, form):
        try:
            substitute = step_in(form.cleaned_data["substitute"], self.lapsed)
        except SubstitutionError as error:
            messages.error(self.request, str(error))
            return redirect("assembly_admin:cycle", pk=self.cycle.pk)
        messages.success(
            self.request,
            _("%(name)s now holds the vote.") % {"name": substitute.person.full_name},
        )
        return redirect("assembly_admin:cycle", pk=self.cycle.pk)


class VoteView(StaffMixin, FormView):
    template_name = "assembly/admin/vote.html"
    form_class = OpenVoteForm

    def dispatch(self, request, *args, **kwargs):
        self.item = get_object_or_404(
            Recommendation.objects.select_related("cycle__assembly", "plenary"), pk=kwargs["pk"]
        )
        self.cycle = self.item.cycle
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Vote: %(title)s") % {"title": self.item.title}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "cycle": self.cycle}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            item=self.item, ballots=self.item.participations.count(), **kwargs
        )

    def post(self, request, *args, **kwargs):
        if "close" in request.POST:
            try:
                close_vote(self.item)
            except BallotError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("The vote is closed and its result published."))
            return redirect("assembly_admin:vote", pk=self.item.pk)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            open_vote(self.item, form.cleaned_data["plenary"])
        except BallotError as error:
            messages.error(self.request, str(error))
        else:
            messages.success(self.request, _("The vote is open."))
        return redirect("assembly_admin:vote", pk=self.item.pk)


class DeliverReportView(StaffMixin, View):
    def post(self, request, pk):
        report = get_object_or_404(AnnualReport, pk=pk)
        try:
            deliver_report(report)
        except DeliveryError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The annual report has been delivered to the City."))
        return redirect("assembly_admin:cycle", pk=report.cycle_id)
