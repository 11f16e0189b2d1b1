from django.core.files.storage import default_storage
from django.db import migrations, models

import proposals.attachments


def move_files_to_private_storage(apps, schema_editor):
    """Files stored before were in the public MEDIA_ROOT: move them where only the attachment
    view reads them. Their content type stays empty, so the view checks them as it serves."""
    attachment_model = apps.get_model("proposals", "ProposalAttachment")
    private = proposals.attachments.attachment_storage()
    for attachment in attachment_model.objects.filter(content_type="").iterator():
        name = attachment.file.name
        if not name or not default_storage.exists(name):
            continue
        with default_storage.open(name, "rb") as public_file:
            stored_name = private.save(name, public_file)
        if stored_name != name:
            attachment_model.objects.filter(pk=attachment.pk).update(file=stored_name)
        default_storage.delete(name)


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="proposalattachment",
            name="content_type",
            field=models.CharField(
                blank=True, editable=False, max_length=50, verbose_name="content type"
            ),
        ),
        migrations.AlterField(
            model_name="proposalattachment",
            name="file",
            field=models.FileField(
                max_length=200,
                storage=proposals.attachments.attachment_storage,
                upload_to=proposals.attachments.attachment_path,
                verbose_name="file",
            ),
        ),
        migrations.RunPython(move_files_to_private_storage, migrations.RunPython.noop),
    ]
