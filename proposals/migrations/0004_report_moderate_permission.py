from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0003_comment_submission_token"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="report",
            options={
                "ordering": ["-created_at"],
                "permissions": [("moderate", "Can moderate proposals and comments on the site")],
                "verbose_name": "report",
                "verbose_name_plural": "reports",
            },
        ),
    ]
