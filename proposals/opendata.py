"""The proposals of a consultation as open data: public facts only, no personal data."""

from proposals.models import Proposal
from proposals.sanitize import text_of


def open_data_rows(consultation):
    proposals = (
        consultation.proposals.public()
        .select_related("theme")
        .with_comment_count()
        .order_by("published_at", "pk")
    )
    return [
        {
            "id": proposal.pk,
            "title": proposal.title,
            "text": text_of(proposal.body),
            "theme": proposal.theme.name if proposal.theme else "",
            "status": proposal.status,
            "withdrawn": proposal.status == Proposal.Status.WITHDRAWN,
            "latitude": str(proposal.latitude) if proposal.latitude is not None else "",
            "longitude": str(proposal.longitude) if proposal.longitude is not None else "",
            "supports": proposal.support_count,
            "comments": proposal.comment_count,
            "published_at": proposal.published_at.isoformat() if proposal.published_at else "",
            "threshold_reached_at": (
                proposal.threshold_reached_at.isoformat() if proposal.threshold_reached_at else ""
            ),
            "url": proposal.get_absolute_url(),
        }
        for proposal in proposals
    ]
