"""Settings of the responses sub-app, with defaults so a host site need not define them."""

from django.conf import settings


def term_months():
    """Months the City has to answer, from the moment an item is handed to it."""
    return getattr(settings, "PROPOSALS_RESPONSE_TERM_MONTHS", 2)


def due_soon_days():
    """How many days before the due date an open item is listed as due soon."""
    return getattr(settings, "PROPOSALS_RESPONSE_DUE_SOON_DAYS", 14)
