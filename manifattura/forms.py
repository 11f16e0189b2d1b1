"""GET filter forms of the mini-site listings: each narrows a queryset and works without JavaScript."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from cms import ratelimit
from cms.models import Municipio

from .models import (
    AreaPage,
    CallStatus,
    CallType,
    NewsPageTag,
    Sector,
    Service,
)


class FilterForm(forms.Form):
    """Applies only the fields that are valid, so one bad value never hides the whole list."""

    prefix_id = "filter"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.prefix_id}-%s")
        super().__init__(*args, **kwargs)

    def filter(self, queryset):
        if not self.is_bound:
            return queryset
        self.is_valid()
        for name, value in self.cleaned_data.items():
            if value:
                queryset = getattr(self, f"filter_{name}")(queryset, value)
        return queryset

    @property
    def is_filtered(self):
        return self.is_bound and any(getattr(self, "cleaned_data", {}).values())


def with_empty(choices, label):
    return [("", label), *choices]


class NewsFilterForm(FilterForm):
    prefix_id = "news-filter"
    area = forms.ModelChoiceField(
        label=_("Area of intervention"),
        queryset=AreaPage.objects.none(),
        required=False,
        empty_label=_("All areas"),
        to_field_name="slug",
    )
    tag = forms.ChoiceField(label=_("Tag"), required=False)

    def __init__(self, *args, index, **kwargs):
        super().__init__(*args, **kwargs)
        home = index.get_parent()
        self.fields["area"].queryset = AreaPage.objects.child_of(home).live().order_by("path")
        used_tags = (
            Tag.objects.filter(
                pk__in=NewsPageTag.objects.filter(
                    content_object__path__startswith=index.path, content_object__live=True
                ).values("tag_id")
            )
            .order_by("name")
            .values_list("slug", "name")
        )
        self.fields["tag"].choices = with_empty(list(used_tags), _("All tags"))

    def filter_area(self, queryset, area):
        return queryset.filter(area=area)

    def filter_tag(self, queryset, tag):
        return queryset.filter(tags__slug=tag)


class CompanyCaseFilterForm(FilterForm):
    prefix_id = "case-filter"
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=with_empty(Sector.choices, _("All sectors"))
    )
    municipio = forms.ModelChoiceField(
        label=_("Municipio"),
        queryset=Municipio.objects.all(),
        required=False,
        empty_label=_("All Municipi"),
        to_field_name="number",
    )

    def filter_sector(self, queryset, sector):
        return queryset.filter(sector=sector)

    def filter_municipio(self, queryset, municipio):
        return queryset.filter(municipio=municipio)


class CallFilterForm(FilterForm):
    prefix_id = "call-filter"
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=with_empty(CallStatus.choices, _("Any status")),
    )
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=with_empty(CallType.choices, _("All types"))
    )

    def filter_status(self, queryset, status):
        return queryset.filter(current_status=status)

    def filter_type(self, queryset, call_type):
        return queryset.filter(call_type=call_type)


class SpaceFilterForm(FilterForm):
    prefix_id = "space-filter"
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    service = forms.ModelChoiceField(
        label=_("Service"),
        queryset=Service.objects.all(),
        required=False,
        empty_label=_("All services"),
        to_field_name="slug",
    )
    municipio = forms.ModelChoiceField(
        label=_("Municipio"),
        queryset=Municipio.objects.all(),
        required=False,
        empty_label=_("All Municipi"),
        to_field_name="number",
    )

    def filter_q(self, queryset, text):
        words = text.split()
        for word in words:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(intro__icontains=word)
                | Q(address__icontains=word)
                | Q(services__name__icontains=word)
            )
        return queryset.distinct()

    def filter_service(self, queryset, service):
        return queryset.filter(services=service)

    def filter_municipio(self, queryset, municipio):
        return queryset.filter(municipio=municipio)


def refused_as_flood(request, form):
    """Count a valid input form against the rate limits; over them, the form says so."""
    emails = [
        value
        for name, value in form.cleaned_data.items()
        if isinstance(form.fields[name], forms.EmailField) and value
    ]
    if ratelimit.exceeded(request, "manifattura_form", email=emails[0] if emails else ""):
        form.add_error(None, ratelimit.TOO_MANY_ATTEMPTS)
        return True
    return False
