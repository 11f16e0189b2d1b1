"""Who hears about what. Rows are created in the caller's transaction; emails go after commit.

Each person chooses immediate emails, a daily digest or nothing (`notification_frequency`)."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from proposals.users import notification_frequency


def followers_of(target):
    from proposals.models import Follow

    content_type = ContentType.objects.get_for_model(target)
    user_ids = Follow.objects.filter(content_type=content_type, object_id=target.pk).values(
        "user_id"
    )
    return get_user_model()._default_manager.filter(pk__in=user_ids, is_active=True)


def notify(recipients, kind, **targets):
    """Record one notification per recipient and email those who want it immediately."""
    from proposals.emails import NotificationEmail
    from proposals.models import Notification

    created = []
    for recipient in recipients:
        frequency = notification_frequency(recipient)
        if frequency == "none":
            continue
        notification = Notification.objects.create(recipient=recipient, kind=kind, **targets)
        created.append(notification)
        if frequency == "immediate":
            NotificationEmail.send(notification_id=notification.pk)
    return created


def comment_posted(comment):
    from proposals.models import Notification

    replied_to = None
    if comment.parent_id and comment.parent.author_id != comment.author_id:
        replied_to = comment.parent.author
        notify(
            [replied_to],
            Notification.Kind.REPLY,
            comment=comment,
            proposal=comment.proposal,
            consultation=comment.consultation,
        )
    excluded = {comment.author_id, replied_to.pk if replied_to else None}
    followers = [u for u in followers_of(comment.target) if u.pk not in excluded]
    notify(
        followers,
        Notification.Kind.NEW_COMMENT,
        comment=comment,
        proposal=comment.proposal,
        consultation=comment.consultation,
    )


def threshold_reached(proposal):
    from proposals.models import Notification

    notify(
        followers_of(proposal),
        Notification.Kind.THRESHOLD_REACHED,
        proposal=proposal,
        consultation=proposal.consultation,
    )


def proposal_answered(proposal):
    """For whatever publishes the City's answer (the responses sub-app): tell the followers."""
    from proposals.models import Notification

    notify(
        followers_of(proposal),
        Notification.Kind.ANSWERED,
        proposal=proposal,
        consultation=proposal.consultation,
    )


def phase_started(phase):
    from proposals.models import Notification

    consultation = phase.page
    notify(
        followers_of(consultation),
        Notification.Kind.PHASE_STARTED,
        phase=phase,
        consultation=consultation,
    )


def report_filed(report):
    from proposals.emails import ReportFiledEmail

    ReportFiledEmail.send(report_id=report.pk)
