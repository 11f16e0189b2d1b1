"""Publishing an answer notifies once and stamps the first answer date once, even when several
people publish or approve it at the same moment (issue 17)."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.actions.publish_revision import PublishRevisionAction
from wagtail.models import ModelLogEntry, TaskState

from proposals import services as proposal_services
from proposals.models import Notification, Proposal
from proposals.outbox.models import Message
from proposals.phases import PhaseKind
from proposals.responses.models import Response
from proposals.responses.services import hand_to_city
from tests.concurrency import on_postgresql, run_in_threads
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory, make_consultation
from tests.responses.factories import handed, state


def answered_proposal():
    """A proposal handed to the City, with an author and a follower, and its drafted answer."""
    consultation = make_consultation(PhaseKind.INSTITUTIONAL_RESPONSE, support_threshold=2)
    proposal = ProposalFactory(consultation=consultation)
    proposal_services.follow(proposal.author, proposal)
    proposal_services.follow(UserFactory(), proposal)
    response = hand_to_city(proposal, reason=Response.Reason.THRESHOLD)
    response.answer = "<p>Pianteremo 40 alberi.</p>"
    response.state = state("accolta")
    response.save()
    return proposal, response.save_revision()


def answered_notifications():
    return Notification.objects.filter(kind=Notification.Kind.ANSWERED).count()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publication_from_a_copy_read_earlier_notifies_nobody_again(live_site):
    """Two directors opened the answer; the second publishes after the first."""
    proposal, revision = answered_proposal()
    first, second = PublishRevisionAction(revision), PublishRevisionAction(revision)

    first.execute()
    answered_at = Response.objects.get().answered_at
    second.execute()

    assert answered_notifications() == 2
    assert len(mail.outbox) == 2
    assert Response.objects.get().answered_at == answered_at
    assert Proposal.objects.get(pk=proposal.pk).answered_at == answered_at


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_publications_of_one_answer_notify_once(live_site):
    """Two directors, three tabs each, all press publish at once."""
    proposal, revision = answered_proposal()
    actions = [PublishRevisionAction(revision) for _ in range(6)]

    run_in_threads([action.execute for action in actions])

    assert answered_notifications() == 2
    assert len(mail.outbox) == 2
    assert Message.objects.filter(key__startswith="responses.answer_published:").count() == 1
    response = Response.objects.get()
    assert response.answered_at is not None
    assert Proposal.objects.get(pk=proposal.pk).answered_at == response.answered_at


def member_of(group_name):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_approvals_of_one_task_act_once(live_site):
    editor = member_of("Risposte: redazione")
    response = handed("Zone 30 nei quartieri")
    response.answer = "<p>Motivazione.</p>"
    response.state = state("accolta")
    response.save()
    response.save_revision(user=editor)
    response.get_workflow().start(response, editor)
    response = Response.objects.get(pk=response.pk)
    response.current_workflow_task_state.approve(user=member_of("Risposte: revisione"))
    response = Response.objects.get(pk=response.pk)
    task, task_state = response.current_workflow_task, response.current_workflow_task_state
    directors = [member_of("Risposte: approvazione") for _ in range(6)]

    run_in_threads(
        [lambda d=director: task.on_action(task_state, d, "approve") for director in directors]
    )

    assert TaskState.objects.filter(task=task, status=TaskState.STATUS_APPROVED).count() == 1
    approvals = ModelLogEntry.objects.filter(action="wagtail.workflow.approve")
    assert approvals.count() == 2  # the reviewer's and one director's
    assert ModelLogEntry.objects.filter(action="wagtail.publish").count() == 1
    assert Message.objects.filter(key__startswith="responses.answer_published:").count() == 1
