"""The plugin's admin views: exports in local time, proposals without their drafts."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.snippets.views.snippets import DeleteView, EditView, IndexView

from proposals.models import Proposal


def local_datetime_text(value):
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def local_naive_datetime(value):
    return timezone.make_naive(value) if timezone.is_aware(value) else value


class LocalTimeExportMixin:
    """Dates and times in the site's time zone (Wagtail writes them in UTC)."""

    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        datetime.datetime: {
            SpreadsheetExportMixin.FORMAT_CSV: local_datetime_text,
            SpreadsheetExportMixin.FORMAT_XLSX: local_naive_datetime,
        },
    }


class LocalTimeSnippetIndexView(LocalTimeExportMixin, IndexView):
    pass


class WithoutDraftsMixin:
    """A draft is its author's alone: no admin view opens one."""

    def get_queryset(self):
        return Proposal.objects.exclude(status=Proposal.Status.DRAFT)


class ProposalEditView(WithoutDraftsMixin, EditView):
    pass


class ProposalDeleteView(WithoutDraftsMixin, DeleteView):
    pass
