"""Attachments are served here, never from MEDIA_ROOT: whoever may not see the proposal (its
draft, a hidden proposal, a consultation restricted with Wagtail's privacy) gets a 404."""

import rules
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from proposals.attachments import EXTENSIONS, PDF, RejectedUpload, legacy_content
from proposals.models import ProposalAttachment
from proposals.restrictions import passes_view_restrictions

BROWSER_CACHE_SECONDS = 300


def may_see(request, proposal):
    """The rule of the proposal page, then the consultation page's view restrictions."""
    return rules.has_perm(
        "proposals.view_proposal", request.user, proposal
    ) and passes_view_restrictions(request, proposal.consultation)


@require_safe
def attachment(request, pk):
    attachment = get_object_or_404(
        ProposalAttachment.objects.select_related("proposal__consultation"),
        pk=pk,
        proposal__consultation__live=True,
    )
    if not may_see(request, attachment.proposal):
        raise Http404
    content, content_type = stored_content(attachment)
    response = FileResponse(
        content,
        content_type=content_type,
        as_attachment=content_type != PDF,
        filename=download_name(attachment, content_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    # A PDF shown inline runs in the site's origin: it may load and submit nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    patch_cache_control(response, private=True, max_age=BROWSER_CACHE_SECONDS)
    return response


def stored_content(attachment):
    """A file to stream and its recorded type; a row from before types were recorded is
    checked as a new upload would be, and is a 404 unless it proves to be an image or a PDF."""
    try:
        if not attachment.content_type:
            store_checked(attachment, legacy_content(attachment))
        return attachment.file.open("rb"), attachment.content_type
    except (FileNotFoundError, RejectedUpload):
        raise Http404 from None


def store_checked(attachment, checked):
    """Keep what the check produced, so a legacy row is checked only once."""
    unchecked = attachment.file.name
    attachment.content_type = checked.content_type
    attachment.file.save("checked", ContentFile(checked.content), save=False)
    attachment.save(update_fields=["content_type", "file"])
    attachment.file.storage.delete(unchecked)


def download_name(attachment, content_type):
    stem = slugify(attachment.title.rsplit(".", 1)[0])[:80] or "allegato"
    return f"{stem}.{EXTENSIONS[content_type]}"
