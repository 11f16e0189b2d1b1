"""Tell the author and the followers that the City published its answer.

A citizen proposal goes through the plugin's notifications (a row per person, then an immediate
email or the daily digest, as each person chose). Any other answered item (an assembly
recommendation) names its people with `target.get_notification_recipients()` and gets an email.
"""

from django.apps import apps

from proposals import outbox
from proposals.emails import Email
from proposals.notifications import followers_of, notify
from proposals.users import notification_frequency


def notify_answer_published(response, key_suffix=""):
    """Record, in the publishing transaction, that the answer's people must hear of it when
    they can read it: once per published revision (a correction that asks to notify again is a
    new revision)."""
    outbox.record(
        "proposals.responses.notifications.tell_answer_published",
        f"responses.answer_published:{response.pk}:{response.live_revision_id}{key_suffix}",
        not_before=response.visible_from(),
        response_id=response.pk,
    )


def tell_answer_published(response_id):
    """The outbox's handler: a notification per person, or an email per recipient.

    If the consultation's phases changed since and still hold the answer back, the handler
    hands over to one row for the new moment, so the people still hear of it once."""
    from proposals.responses.models import Response
    from proposals.responses.services import mark_target_answered

    response = Response.objects.get(pk=response_id)
    if not response.is_answered:
        return
    if not response.is_public_answer:
        notify_answer_published(response, key_suffix=f"@{response.visible_from().isoformat()}")
        return
    target = response.target
    if target is None:
        return
    mark_target_answered(target, response.answered_at)
    proposal_model = apps.get_model("proposals", "Proposal")
    if isinstance(target, proposal_model):
        _notify_proposal_people(target)
    elif callable(getattr(target, "get_notification_recipients", None)):
        recipients = AnswerPublishedEmail.recipients_of(response)
        AnswerPublishedEmail.send_many(
            [{"response_id": response.pk, "user_id": user.pk} for user in recipients],
            key_suffix=f"@{response.live_revision_id}",
        )


def _notify_proposal_people(proposal):
    from proposals.models import Notification

    people = [proposal.author, *followers_of(proposal)]
    notify(
        _unique_active(people),
        Notification.Kind.ANSWERED,
        proposal=proposal,
        consultation=proposal.consultation,
    )


def _unique_active(users):
    seen = set()
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        if getattr(user, "deleted_at", None):
            continue
        seen.add(user.pk)
        yield user


class AnswerPublishedEmail(Email):
    """To one of the people of an answered item other than a proposal."""

    template_prefix = "responses/emails/answer_published"

    def __init__(self, response_id, user_id):
        from django.contrib.auth import get_user_model

        from proposals.responses.models import Response

        self.response = Response.objects.select_related("state", "office").get(pk=response_id)
        self.user = get_user_model()._default_manager.get(pk=user_id)

    @staticmethod
    def recipients_of(response):
        if not response.is_public_answer:
            return []
        people = response.target.get_notification_recipients()
        return [u for u in _unique_active(people) if notification_frequency(u) != "none"]

    def get_recipients(self):
        return [self.user] if self.user in self.recipients_of(self.response) else []

    def get_context(self):
        from proposals.emails import absolute_url

        return {"response": self.response, "url": absolute_url(self.response.get_target_url())}
