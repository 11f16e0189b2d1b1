"""Who hears about what. A change records one outbox row ("fan out notification X") in its
transaction; the row's handler, in a task, writes a notification per person and an email row
for each who wants it immediately. No request waits for the followers.

Each person chooses immediate emails, a daily digest or nothing (`notification_frequency`)."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from proposals import outbox
from proposals.users import moderators, notification_frequency


def followers_of(target):
    from proposals.models import Follow

    content_type = ContentType.objects.get_for_model(target)
    user_ids = Follow.objects.filter(content_type=content_type, object_id=target.pk).values(
        "user_id"
    )
    return get_user_model()._default_manager.filter(pk__in=user_ids, is_active=True)


def notify(recipients, kind, **targets):
    """Record one notification per recipient and an email row for those who want it at once.
    Called by outbox handlers, which run once per occasion."""
    from proposals.emails import NotificationEmail
    from proposals.models import Notification

    wanted = [(r, notification_frequency(r)) for r in recipients]
    created = Notification.objects.bulk_create(
        [
            Notification(recipient=recipient, kind=kind, **targets)
            for recipient, frequency in wanted
            if frequency != "none"
        ],
        batch_size=500,
    )
    immediate = {recipient.pk for recipient, frequency in wanted if frequency == "immediate"}
    NotificationEmail.send_many(
        [{"notification_id": n.pk} for n in created if n.recipient_id in immediate]
    )
    return created


def comment_posted(comment):
    outbox.record(
        "proposals.notifications.fan_out_comment",
        f"proposals.comment_posted:{comment.pk}",
        comment_id=comment.pk,
    )


def fan_out_comment(comment_id):
    from proposals.models import Comment, Notification

    comment = Comment.objects.select_related("parent__author").get(pk=comment_id)
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


def phase_started(phase):
    outbox.record(
        "proposals.notifications.fan_out_phase_started",
        f"proposals.phase_started:{phase.pk}",
        phase_id=phase.pk,
    )


def fan_out_phase_started(phase_id):
    from proposals.models import Notification, Phase

    phase = Phase.objects.select_related("page").get(pk=phase_id)
    consultation = phase.page
    notify(
        followers_of(consultation),
        Notification.Kind.PHASE_STARTED,
        phase=phase,
        consultation=consultation,
    )


def moderation_recipients():
    """Email addresses told of every report: moderators only, never all staff."""
    return [user.email for user in moderators() if user.email]


def report_filed(report):
    from proposals.emails import ReportFiledEmail

    ReportFiledEmail.send(report_id=report.pk)
