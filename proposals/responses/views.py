"""Public pages on the City's answers: overview, per-dossier figures, the dossier, exports."""

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.rich_text import expand_db_html

from proposals.responses import stats
from proposals.responses.models import Dossier, Office, Response, ResponseState
from proposals.responses.pdf import render_dossier_pdf
from proposals.restrictions import view_restriction_response
from proposals.spreadsheets import SafeWriter

PAGE_SIZE = 20


class AnswerFilterForm(forms.Form):
    state = forms.ModelChoiceField(
        label=_("State"),
        queryset=ResponseState.objects.all(),
        required=False,
        empty_label=_("All states"),
    )
    office = forms.ModelChoiceField(
        label=_("Responsible office"),
        queryset=Office.objects.all(),
        required=False,
        empty_label=_("All offices"),
    )


def _scope(dossier):
    queryset = Response.objects.all()
    return queryset.filter(dossier=dossier) if dossier else queryset


def overview(request, slug=None):
    dossier = get_object_or_404(Dossier, slug=slug) if slug else None
    scope = _scope(dossier)
    today = timezone.localdate()
    form = AnswerFilterForm(request.GET or None)
    answered = scope.public_answers().select_related("state", "office")
    if form.is_valid():
        if form.cleaned_data["state"]:
            answered = answered.filter(state=form.cleaned_data["state"])
        if form.cleaned_data["office"]:
            answered = answered.filter(office=form.cleaned_data["office"])
    answered = answered.order_by("-answered_at", "pk")
    open_items = scope.unanswered().prefetch_related("target")
    context = {
        "dossier": dossier,
        "form": form,
        "figures": stats.summary(scope, today),
        "overdue": open_items.filter(due_date__lt=today).order_by("due_date", "pk"),
        "awaiting": open_items.filter(due_date__gte=today).order_by("due_date", "pk"),
        "page_obj": Paginator(answered, PAGE_SIZE).get_page(request.GET.get("page")),
        "monitoring": stats.monitoring(scope) if dossier else None,
    }
    if dossier is None:
        context["dossiers"] = _dossiers_with_figures(today)
    return render(request, "responses/overview.html", context)


def _dossiers_with_figures(today):
    figures = stats.per_dossier(Response.objects.filter(dossier__isnull=False), today)
    dossiers = list(Dossier.objects.filter(pk__in=figures.keys()).order_by("-created_at"))
    for dossier in dossiers:
        dossier.figures = figures[dossier.pk]
    return dossiers


def detail(request, pk):
    response = get_object_or_404(
        Response.objects.public_answers().select_related("state", "office", "dossier"), pk=pk
    )
    consultation = getattr(response.target, "consultation", None)
    if consultation and (refused := view_restriction_response(request, consultation)):
        return refused
    return render(
        request,
        "responses/detail.html",
        {"response": response, "target": response.target, "progress": response.progress.all()},
    )


def _dossier_context(slug):
    dossier = get_object_or_404(Dossier, slug=slug)
    responses = (
        dossier.responses.public_answers()
        .select_related("state", "office")
        .prefetch_related("progress", "target")
        .order_by("target_title", "pk")
    )
    return {
        "dossier": dossier,
        "responses": responses,
        "awaiting": dossier.responses.unanswered().order_by("due_date", "pk"),
        "figures": stats.summary(dossier.responses.all()),
    }


def dossier(request, slug):
    return render(request, "responses/dossier.html", _dossier_context(slug))


def dossier_pdf(request, slug):
    context = _dossier_context(slug)
    pdf = render_dossier_pdf(**context, base_url=request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"dossier-di-risposta-{context['dossier'].slug}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


EXPORT_HEADER = [
    _("Item"),
    _("Dossier"),
    _("Handed to the City"),
    _("Due date"),
    _("Status"),
    _("Answered"),
    _("State"),
    _("Responsible office"),
    _("Answer"),
]


def export_csv(request, slug=None):
    """Open data: every item handed to the City; answer fields only once published."""
    dossier = get_object_or_404(Dossier, slug=slug) if slug else None
    rows = _scope(dossier).with_deadline_status().select_related("state", "office", "dossier")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="risposte-del-comune.csv"'
    writer = SafeWriter(response)
    writer.writerow([str(title) for title in EXPORT_HEADER])
    readable = set(rows.public_answers().values_list("pk", flat=True))
    for row in rows.order_by("handed_at", "pk"):
        writer.writerow(_export_row(row, row.pk in readable))
    return response


def _export_row(row, public):
    status = _("answered late") if row.db_late else _("answered on time")
    if not row.db_answered:
        status = _("overdue") if row.db_overdue else _("awaiting answer")
    answer = [
        timezone.localdate(row.answered_at).isoformat() if row.db_answered else "",
        row.state.name if public else "",
        row.office.name if public and row.office else "",
        strip_tags(expand_db_html(row.answer)) if public else "",
    ]
    return [
        row.target_title,
        row.dossier.title if row.dossier else "",
        timezone.localdate(row.handed_at).isoformat(),
        row.due_date.isoformat(),
        str(status),
        *answer,
    ]
