"""What the participation plugin holds about a person: their data export and its erasure."""

from django.db import transaction
from wagtail.log_actions import registry as log_registry

from proposals import outbox
from proposals.emails import NotificationEmail
from proposals.models import (
    Comment,
    Follow,
    Notification,
    Proposal,
    ProposalAttachment,
    Report,
    Support,
)
from proposals.outbox.models import Message


def iso(moment):
    return moment.isoformat() if moment else None


def export_personal_data(user):
    return {
        "participation": {
            "proposals": [
                {
                    "consultation": p.consultation.title,
                    "title": p.title,
                    "text": p.body,
                    "status": p.status,
                    "created_at": iso(p.created_at),
                    "published_at": iso(p.published_at),
                }
                for p in Proposal.objects.filter(author=user).select_related("consultation")
            ],
            "supports": [
                {"proposal": s.proposal.title, "created_at": iso(s.created_at)}
                for s in Support.objects.filter(user=user).select_related("proposal")
            ],
            "comments": [
                {
                    "on": str(c.target),
                    "text": c.body,
                    "position": c.position,
                    "created_at": iso(c.created_at),
                    "deleted_at": iso(c.deleted_at),
                }
                for c in Comment.objects.filter(author=user).select_related(
                    "proposal", "consultation"
                )
            ],
            "reports": [
                {"reason": r.reason, "note": r.note, "created_at": iso(r.created_at)}
                for r in Report.objects.filter(reporter=user)
            ],
            "follows": [str(f.target) for f in Follow.objects.filter(user=user)],
        }
    }


def erase_personal_data(user):
    """What the person published stays, shown as by a deleted user (the host erases the account
    row, which keeps supports counted and discussions whole); what was not public goes: drafts,
    the text of comments they deleted, follows and notifications."""
    drafts = Proposal.objects.filter(author=user, status=Proposal.Status.DRAFT)
    delete_files_on_commit(ProposalAttachment.objects.filter(proposal__in=drafts))
    drafts.delete()
    deleted_comments = Comment.objects.filter(author=user, deleted_at__isnull=False)
    deleted_comments.update(body="")
    for comment in deleted_comments:
        relabel_logs(comment)
    Follow.objects.filter(user=user).delete()
    notifications = Notification.objects.filter(recipient=user)
    forget_notification_emails(notifications.values_list("pk", flat=True))
    notifications.delete()


def relabel_logs(instance, label=None):
    """The admin's history names an entry as it read when staff acted on it: after erasure, as
    it reads now (or `label`, for a row about to be deleted)."""
    log_registry.get_logs_for_instance(instance).update(label=label or str(instance))


def forget_notification_emails(notification_ids):
    """Their emails still to be sent, which could no longer find what they announce."""
    path = f"{NotificationEmail.__module__}.{NotificationEmail.__qualname__}"
    keys = [outbox.key_for(path, {"notification_id": pk}) for pk in notification_ids]
    Message.objects.filter(key__in=keys).delete()


def delete_files_on_commit(attachments):
    for attachment in attachments:
        stored = attachment.file
        transaction.on_commit(lambda stored=stored: stored.delete(save=False))
