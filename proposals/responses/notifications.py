"""Tell the author and the followers that the City published its answer.

A citizen proposal goes through the plugin's notifications (a row per person, then an immediate
email or the daily digest, as each person chose). Any other answered item (an assembly
recommendation) names its people with `target.get_notification_recipients()` and gets an email.
"""

from django.apps import apps

from proposals.emails import Email
from proposals.notifications import followers_of, notify
from proposals.users import notification_frequency


def notify_answer_published(response):
    target = response.target
    if target is None:
        return
    proposal_model = apps.get_model("proposals", "Proposal")
    if isinstance(target, proposal_model):
        _notify_proposal_people(target)
    elif callable(getattr(target, "get_notification_recipients", None)):
        AnswerPublishedEmail.send(response_id=response.pk)


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
    template_prefix = "responses/emails/answer_published"

    def __init__(self, response_id):
        from proposals.responses.models import Response

        self.response = Response.objects.select_related("state", "office").get(pk=response_id)

    def get_recipients(self):
        if not self.response.is_answered:
            return []
        people = self.response.target.get_notification_recipients()
        return [u for u in _unique_active(people) if notification_frequency(u) != "none"]

    def get_context(self):
        from proposals.emails import absolute_url

        return {"response": self.response, "url": absolute_url(self.response.get_target_url())}
