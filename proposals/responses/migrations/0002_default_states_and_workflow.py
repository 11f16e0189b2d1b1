from django.db import migrations

STATES = [
    ("ricevuta", "Ricevuta", 10, False, False),
    ("in-valutazione", "In valutazione", 20, False, False),
    ("accolta", "Accolta", 30, True, True),
    ("parzialmente-accolta", "Parzialmente accolta", 40, True, True),
    ("non-accolta", "Non accolta", 50, True, False),
    ("gia-in-atto", "Già in atto", 60, True, False),
]

WORKFLOW_NAME = "Risposta del Comune"
TASKS = [
    ("Revisione da parte di una seconda persona", "Risposte: revisione"),
    ("Approvazione del dirigente", "Risposte: approvazione"),
]
EDITORS_GROUP = "Risposte: redazione"


def create_states(apps, schema_editor):
    ResponseState = apps.get_model("responses", "ResponseState")
    for slug, name, order, is_final, accepted in STATES:
        ResponseState.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "sort_order": order,
                "is_final": is_final,
                "counts_as_accepted": accepted,
            },
        )


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    ApprovalTask = apps.get_model("responses", "SecondPersonApprovalTask")

    response_type, _ = ContentType.objects.get_or_create(app_label="responses", model="response")
    if WorkflowContentType.objects.filter(content_type=response_type).exists():
        return
    task_type, _ = ContentType.objects.get_or_create(
        app_label="responses", model="secondpersonapprovaltask"
    )
    Group.objects.get_or_create(name=EDITORS_GROUP)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    for order, (task_name, group_name) in enumerate(TASKS):
        group, _ = Group.objects.get_or_create(name=group_name)
        task = ApprovalTask.objects.filter(name=task_name).first()
        if task is None:
            task = ApprovalTask.objects.create(name=task_name, content_type=task_type)
        task.groups.add(group)
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, sort_order=order)
    WorkflowContentType.objects.create(content_type=response_type, workflow=workflow)


class Migration(migrations.Migration):
    dependencies = [
        ("responses", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_states, migrations.RunPython.noop),
        migrations.RunPython(create_workflow, migrations.RunPython.noop),
    ]
