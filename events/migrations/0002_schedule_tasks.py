import datetime
from zoneinfo import ZoneInfo

from django.db import migrations

SCHEDULES = [
    # (name, function, hour in Milan time)
    ("events: day-before reminders", "events.tasks.send_event_reminders", 9),
    ("events: anonymise old registrations", "events.tasks.anonymise_event_registrations", 3),
]


def next_run_at(hour):
    milan = ZoneInfo("Europe/Rome")
    now = datetime.datetime.now(milan)
    run = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    return run if run > now else run + datetime.timedelta(days=1)


def create_schedules(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for name, func, hour in SCHEDULES:
        Schedule.objects.update_or_create(
            name=name,
            defaults={"func": func, "schedule_type": "D", "repeats": -1, "next_run": next_run_at(hour)},
        )


def delete_schedules(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.filter(name__in=[name for name, _func, _hour in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedules, delete_schedules)]
