"""Staff read Wagtail's default workflow in Italian once the demo is loaded."""

import pytest
from wagtail.models import Task, Workflow

from cms.demo import translate_default_workflow

pytestmark = pytest.mark.django_db


def test_default_workflow_and_task_are_named_in_italian(site):
    Workflow.objects.get_or_create(name="Moderators approval")
    Task.objects.get_or_create(name="Moderators approval")
    translate_default_workflow()
    assert Workflow.objects.filter(name="Approvazione dei moderatori").exists()
    assert Task.objects.filter(name="Approvazione dei moderatori").exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
