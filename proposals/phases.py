"""Phase types and what each allows by default. Staff can override each flag per phase."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PhaseKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    COMMENT_ROUND = "comments", _("Comment round")
    PROPOSAL_COLLECTION = "proposals", _("Proposal collection")
    SUPPORT_COLLECTION = "supports", _("Support collection")
    DELIBERATION = "deliberation", _("Deliberation")
    INSTITUTIONAL_RESPONSE = "response", _("Institutional response")
    MONITORING = "monitoring", _("Monitoring")


# The capabilities a phase can grant.
COMMENTS = "comments"
PROPOSALS = "proposals"
SUPPORTS = "supports"
ANSWERS = "answers"

CAPABILITY_LABELS = {
    COMMENTS: _("Comments"),
    PROPOSALS: _("New proposals"),
    SUPPORTS: _("Supports"),
    ANSWERS: _("Answers visible"),
}

DEFAULT_CAPABILITIES = {
    PhaseKind.INFORMATION: set(),
    PhaseKind.COMMENT_ROUND: {COMMENTS},
    PhaseKind.PROPOSAL_COLLECTION: {PROPOSALS, COMMENTS},
    PhaseKind.SUPPORT_COLLECTION: {SUPPORTS, COMMENTS},
    PhaseKind.DELIBERATION: set(),
    PhaseKind.INSTITUTIONAL_RESPONSE: {ANSWERS},
    PhaseKind.MONITORING: {ANSWERS, COMMENTS},
}


def validate_phases_do_not_overlap(phases):
    """Raise ValidationError when a phase ends before it starts or two phases overlap.

    `phases` are objects with `start`, `end` and a readable `str()` (saved or not)."""
    from django.core.exceptions import ValidationError

    dated = sorted((p for p in phases if p.start and p.end), key=lambda p: p.start)
    for phase in dated:
        if phase.end <= phase.start:
            raise ValidationError(
                _("The phase “%(phase)s” must end after it starts.") % {"phase": phase}
            )
    for earlier, later in zip(dated, dated[1:], strict=False):
        if later.start < earlier.end:
            raise ValidationError(
                _("The phases “%(first)s” and “%(second)s” overlap.")
                % {"first": earlier, "second": later}
            )
