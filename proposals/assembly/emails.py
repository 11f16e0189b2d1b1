"""The assembly's emails. The plugin sends its own mail (it does not use the site's email classes):
templates `assembly/emails/<name>_subject.txt` and `_body.txt`, recorded in the outbox and
rendered in its task from ids."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from proposals import outbox

from .models import Membership


def send_invitation(membership_id):
    membership = Membership.objects.select_related("person", "cycle__assembly").get(
        pk=membership_id
    )
    if not membership.person.email or membership.user_id:
        return
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("proposals:assembly:invitation", args=[membership.invitation_token])
        context = {
            "membership": membership,
            "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path,
        }
        subject = render_to_string("assembly/emails/invitation_subject.txt", context).strip()
        body = render_to_string("assembly/emails/invitation_body.txt", context)
    send_mail(subject, body, None, [membership.person.email])


def invite(memberships):
    """Record one invitation per membership with an email and no account yet, at most one a
    day per person (a second click the same day sends nothing twice); returns how many."""
    ids = [m.pk for m in memberships if m.person.email and not m.user_id]
    today = timezone.localdate().isoformat()
    outbox.record_many(
        "proposals.assembly.emails.send_invitation",
        [(f"assembly.invitation:{pk}:{today}", {"membership_id": pk}) for pk in ids],
    )
    return len(ids)
