import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from wagtail.models import WorkflowState

from proposals.responses.models import Response
from tests.factories import UserFactory
from tests.responses.factories import handed, state


def member_of(*group_names, **extra):
    user = UserFactory(is_staff=True, **extra)
    for name in group_names:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def people(db):
    return {
        "editor": member_of("Risposte: redazione", "Risposte: revisione"),
        "reviewer": member_of("Risposte: revisione"),
        "director": member_of("Risposte: approvazione"),
    }


def submit(response, user, answer):
    response = Response.objects.get(pk=response.pk)
    response.answer = answer
    response.state = state("parzialmente-accolta")
    response.save()
    response.save_revision(user=user)
    response.get_workflow().start(response, user)
    return Response.objects.get(pk=response.pk)


@pytest.mark.django_db
def test_the_response_workflow_is_installed_with_two_tasks():
    workflow = Response().get_workflow()
    assert workflow.name == "Risposta del Comune"
    assert [task.name for task in workflow.tasks] == [
        "Revisione da parte di una seconda persona",
        "Approvazione del dirigente",
    ]


@pytest.mark.django_db
def test_draft_goes_through_review_and_approval_before_publication(people):
    response = submit(handed("Zone 30 nei quartieri"), people["editor"], "<p>Motivazione.</p>")
    assert response.workflow_in_progress
    assert not response.live

    task_state = response.current_workflow_task_state
    task_state.approve(user=people["reviewer"])
    response = Response.objects.get(pk=response.pk)
    assert response.current_workflow_task.name == "Approvazione del dirigente"
    assert not response.live

    response.current_workflow_task_state.approve(user=people["director"])
    response = Response.objects.get(pk=response.pk)
    assert response.live
    assert response.answered_at is not None
    assert response.answer == "<p>Motivazione.</p>"
    assert response.current_workflow_state is None
    assert WorkflowState.objects.filter(status="approved").count() == 1


@pytest.mark.django_db
def test_the_submitter_cannot_review_their_own_answer(people):
    response = submit(handed("Piste ciclabili"), people["editor"], "<p>Testo.</p>")
    task = response.current_workflow_task
    assert task.get_actions(response, people["editor"]) == []
    assert task.get_actions(response, people["reviewer"])
    with pytest.raises(PermissionDenied):
        task.on_action(response.current_workflow_task_state, people["editor"], "approve")
    assert Response.objects.get(pk=response.pk).current_workflow_task.pk == task.pk


@pytest.mark.django_db
def test_rejection_sends_the_answer_back_without_publishing(people):
    response = submit(handed("Tetti verdi"), people["editor"], "<p>Bozza.</p>")
    response.current_workflow_task_state.reject(user=people["reviewer"])
    response = Response.objects.get(pk=response.pk)
    assert not response.live
    assert response.answered_at is None
    assert response.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES


@pytest.mark.django_db
def test_revision_history_keeps_every_version_and_the_clock(people):
    response = handed("Mercati rionali")
    due = response.due_date
    from tests.responses.factories import publish

    publish(response, answer="<p>Prima versione.</p>")
    published = publish(response, answer="<p>Versione corretta.</p>")
    assert published.revisions.count() == 2
    first, second = published.revisions.order_by("created_at")
    assert "Prima versione" in first.content["answer"]
    assert published.due_date == due
    assert published.answered_at is not None


@pytest.mark.django_db
def test_staff_can_edit_and_compare_revisions_in_the_admin(client, staff_user):
    from tests.responses.factories import publish

    response = publish(handed("Orti urbani"), answer="<p>Uno.</p>")
    response = publish(response, answer="<p>Due.</p>")
    client.force_login(staff_user)
    edit = client.get(f"/admin/snippets/responses/response/edit/{response.pk}/")
    assert edit.status_code == 200
    first, second = response.revisions.order_by("created_at")
    compare = client.get(
        f"/admin/snippets/responses/response/history/{response.pk}/revisions/compare/"
        f"{first.pk}...{second.pk}/"
    )
    assert compare.status_code == 200
    refused = client.get("/admin/snippets/responses/response/add/")
    assert refused.status_code == 302 and refused.url == "/admin/"


@pytest.mark.django_db
def test_answer_html_is_sanitised_on_save():
    response = handed("Sicurezza")
    response.answer = '<p onclick="x()">Ok<script>alert(1)</script></p>'
    response.save()
    response.refresh_from_db()
    assert response.answer == "<p>Ok</p>"
