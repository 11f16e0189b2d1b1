"""Attachments are accepted for what the whole file proves to be, stored under names the site
chooses, and served only to those who may see the proposal, as downloads with `nosniff`."""

import importlib
import io
import os
import struct
import uuid
import zipfile
import zlib

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from PIL import Image, ImageFile
from wagtail.documents import get_document_model
from wagtail.images.utils import get_allowed_image_extensions
from wagtail.models import PageViewRestriction

from proposals import conf
from proposals.attachments import attachment_storage
from proposals.models import Proposal, ProposalAttachment
from proposals.phases import PhaseKind
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory, make_consultation
from tests.proposals.files import image_bytes, pdf_bytes

pytestmark = pytest.mark.django_db

SCRIPT = b"<html><body><script>fetch('/admin/users/').then(r => r.text())</script></body></html>"


def it(message):
    with translation.override("it"):
        return translation.gettext(message)


@pytest.fixture
def consultation(site):
    return make_consultation(PhaseKind.PROPOSAL_COLLECTION)


def submit(client, consultation, *uploads):
    data = {
        "title": "Più alberi in via Padova",
        "body": "Piantare cento alberi lungo via Padova per fare ombra d'estate.",
        "theme": consultation.themes.first().pk,
        "submission_token": str(uuid.uuid4()),
        "action": "draft",
        "attachments": list(uploads),
    }
    url = reverse("proposals:proposal_create", args=[consultation.pk])
    return client.post(url, data)


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def png_with_size(width, height):
    """A tiny PNG whose header declares `width` x `height` pixels."""
    data = bytearray(image_bytes("PNG", size=(1, 1)))
    header = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    return bytes(data)


def zip_bytes():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("index.html", SCRIPT)
    return output.getvalue()


def attach(proposal, content, content_type, title="allegato.pdf"):
    kind = "pdf" if content_type == "application/pdf" else "image"
    return ProposalAttachment.objects.create(
        proposal=proposal,
        file=ContentFile(content, name="upload"),
        title=title,
        kind=kind,
        content_type=content_type,
        size=len(content),
    )


# What is accepted


@pytest.mark.parametrize(
    "name, content",
    [
        ("pagina.html", b"%PDF-1.7\n" + SCRIPT),
        ("pagina.html", b"\x89PNG\r\n\x1a\n" + SCRIPT),
        ("disegno.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("foto.png", image_bytes("PNG", size=(40, 40))[:60]),
        ("piano.pdf", zip_bytes()),
        ("piano.pdf", pdf_bytes()[:200]),
    ],
    ids=["pdf-magic-html", "png-magic-script", "svg", "truncated-png", "zip-as-pdf", "cut-pdf"],
)
def test_a_file_that_is_not_wholly_a_pdf_or_an_image_is_refused(
    client, consultation, citizen, name, content
):
    client.force_login(citizen)
    response = submit(client, consultation, upload(name, content))
    assert response.status_code == 200
    message = it("“%(name)s” is not a JPEG, PNG or WebP image or a PDF document that can be read.")
    assert escape(message % {"name": name}) in response.content.decode()
    assert not Proposal.objects.exists()
    assert not ProposalAttachment.objects.exists()


def test_an_image_declaring_too_many_pixels_is_refused_before_decoding(
    client, consultation, citizen, monkeypatch
):
    def never_decode(image):
        raise AssertionError("the image was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", never_decode)
    client.force_login(citizen)
    response = submit(client, consultation, upload("bomba.png", png_with_size(100_000, 100_000)))
    assert response.status_code == 200
    message = it("“%(name)s” has too many pixels: reduce it to at most %(count)s megapixels.")
    megapixels = conf.get("PROPOSALS_ATTACHMENT_MAX_PIXELS") // 1_000_000
    assert escape(message % {"name": "bomba.png", "count": megapixels}) in response.content.decode()
    assert not Proposal.objects.exists()


def test_an_attachment_over_the_size_limit_is_refused(client, consultation, citizen, settings):
    settings.PROPOSALS_ATTACHMENT_MAX_BYTES = 1000
    client.force_login(citizen)
    response = submit(client, consultation, upload("piano.pdf", pdf_bytes() + b" " * 1000))
    assert response.status_code == 200
    with translation.override("it"):
        limit = filesizeformat(1000)
    message = it("“%(name)s” is too large: the limit is %(limit)s.")
    assert message % {"name": "piano.pdf", "limit": limit} in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_request_larger_than_its_attachments_may_be_is_refused_before_it_is_read(
    client, consultation, citizen, settings
):
    settings.PROPOSALS_ATTACHMENT_MAX_BYTES = 1000
    settings.PROPOSALS_ATTACHMENTS_PER_PROPOSAL = 1
    client.force_login(citizen)
    response = submit(client, consultation, upload("piano.pdf", b"x" * (2 * 1024 * 1024)))
    assert response.status_code == 400
    assert it("The request could not be processed") in response.content.decode()
    assert not Proposal.objects.exists()


def test_an_image_is_stored_re_encoded_without_its_metadata_under_a_name_of_the_sites(
    client, consultation, citizen
):
    exif = Image.Exif()
    exif[0x010E] = "casa di Maria Rossi, via Padova 12"  # ImageDescription
    photo = image_bytes("JPEG", size=(32, 24), exif=exif.tobytes())
    client.force_login(citizen)
    submit(client, consultation, upload("../../foto di casa.html", photo))
    attachment = ProposalAttachment.objects.get()
    assert attachment.content_type == "image/jpeg" and attachment.kind == "image"
    assert attachment.title == "foto di casa.html"
    name = os.path.basename(attachment.file.name)
    assert name.endswith(".jpg") and "casa" not in name and "html" not in name
    stored = attachment.file.read()
    assert stored != photo and b"Maria Rossi" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (32, 24) and not image.getexif()


def test_a_pdf_is_stored_as_parsed_with_its_type(client, consultation, citizen):
    client.force_login(citizen)
    submit(client, consultation, upload("Piano del verde.PDF", pdf_bytes(pages=2)))
    attachment = ProposalAttachment.objects.get()
    assert attachment.content_type == "application/pdf" and attachment.kind == "pdf"
    assert attachment.file.name.endswith(".pdf") and "verde" not in attachment.file.name


def test_attachments_are_stored_outside_the_public_media_folder():
    location = os.path.realpath(attachment_storage().location)
    media_root = os.path.realpath(default_storage.location)
    assert os.path.commonpath([location, media_root]) != media_root


# How they are served


def test_the_proposal_page_links_attachments_through_the_checking_view(client, site):
    proposal = ProposalFactory()
    attachment = attach(proposal, image_bytes("PNG"), "image/png", title="foto.png")
    response = client.get(proposal.get_absolute_url())
    page = response.content.decode()
    url = reverse("proposals:attachment", args=[attachment.pk])
    assert f'src="{url}"' in page and f'href="{url}"' in page
    assert "/media/" not in page


def test_a_pdf_is_served_inline_an_image_as_a_download_both_with_nosniff(client, site):
    proposal = ProposalFactory()
    pdf = attach(proposal, pdf_bytes(), "application/pdf", title="Piano del verde.pdf")
    png = attach(proposal, image_bytes("PNG"), "image/png", title="<b>foto</b>.html")

    response = client.get(pdf.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="piano-del-verde.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == pdf_bytes()

    response = client.get(png.get_absolute_url())
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="bfotob.png"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_pdf_with_html_after_it_is_still_served_as_a_pdf(client, consultation, citizen):
    client.force_login(citizen)
    submit(client, consultation, upload("pagina.html", pdf_bytes() + SCRIPT))
    attachment = ProposalAttachment.objects.get()
    response = client.get(attachment.get_absolute_url())
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "reader, status",
    [("anonymous", 404), ("other citizen", 404), ("author", 200), ("moderator", None)],
)
@pytest.mark.parametrize("state", ["draft", "hidden"])
def test_a_draft_or_hidden_proposals_attachment_follows_the_proposal_pages_rule(
    client, site, staff_user, reader, status, state
):
    """Others get a 404; the author sees it; a moderator exactly when the proposal page shows."""
    proposal = ProposalFactory(status=state, published_at=None)
    attachment = attach(proposal, pdf_bytes(), "application/pdf")
    readers = {
        "other citizen": UserFactory(),
        "author": proposal.author,
        "moderator": staff_user,
    }
    if reader in readers:
        client.force_login(readers[reader])
    page_status = client.get(proposal.get_absolute_url()).status_code
    assert client.get(attachment.get_absolute_url()).status_code == (status or page_status)
    assert page_status == (status or page_status)


def test_a_consultation_restricted_with_wagtail_privacy_restricts_its_attachments(client, site):
    proposal = ProposalFactory()
    attachment = attach(proposal, pdf_bytes(), "application/pdf")
    PageViewRestriction.objects.create(
        page=proposal.consultation, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(attachment.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(attachment.get_absolute_url()).status_code == 200


def test_an_attachment_of_an_unpublished_consultation_is_not_found(client, site):
    proposal = ProposalFactory()
    attachment = attach(proposal, pdf_bytes(), "application/pdf")
    proposal.consultation.unpublish()
    client.force_login(proposal.author)
    assert client.get(attachment.get_absolute_url()).status_code == 404


# Rows stored before


def legacy_attachment(proposal, name, content):
    """A row as stored before: file in the public MEDIA_ROOT under the uploaded name, no type."""
    stored_name = default_storage.save(f"proposals/2025/05/{name}", ContentFile(content))
    attachment = ProposalAttachment.objects.create(
        proposal=proposal, title=name, kind="pdf", size=len(content), content_type=""
    )
    ProposalAttachment.objects.filter(pk=attachment.pk).update(file=stored_name)
    return ProposalAttachment.objects.get(pk=attachment.pk)


def move_files():
    migration = importlib.import_module("proposals.migrations.0002_attachment_private_storage")
    migration.move_files_to_private_storage(apps, None)


def test_old_files_leave_the_public_media_folder_and_are_checked_when_served(client, site):
    proposal = ProposalFactory()
    good = legacy_attachment(proposal, "piano.pdf", pdf_bytes())
    evil = legacy_attachment(proposal, "users.html", b"%PDF-1.4\n" + SCRIPT)

    move_files()

    for attachment in (good, evil):
        assert not default_storage.exists(attachment.file.name)
        attachment.refresh_from_db()
        assert attachment_storage().exists(attachment.file.name)
    response = client.get(good.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(evil.get_absolute_url()).status_code == 404
    assert client.get(proposal.get_absolute_url()).status_code == 200
    # Checked once: the row now records its type and serves the checked file.
    good.refresh_from_db()
    assert good.content_type == "application/pdf"
    assert good.file.name.endswith(".pdf") and "piano" not in good.file.name


def test_a_pdf_is_parsed_but_its_content_is_never_decoded_and_its_pages_are_capped(
    client, consultation
):
    from pypdf import PdfWriter

    from proposals.attachments import PDF_MAX_PAGES

    writer = PdfWriter()
    for _ in range(PDF_MAX_PAGES + 1):
        writer.add_blank_page(width=72, height=72)
    too_long = io.BytesIO()
    writer.write(too_long)
    client.force_login(UserFactory())
    response = submit(client, consultation, upload("lungo.pdf", too_long.getvalue()))
    assert response.status_code == 200
    assert not ProposalAttachment.objects.exists()


def test_an_inline_pdf_may_load_and_run_nothing(client, site):
    proposal = ProposalFactory()
    attachment = legacy_attachment(proposal, "piano.pdf", pdf_bytes())
    move_files()
    response = client.get(attachment.get_absolute_url())
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


# Staff's Wagtail documents and images


def test_a_staff_document_other_than_a_pdf_is_served_as_a_download_with_nosniff(client, site):
    document = get_document_model().objects.create(
        title="Nota", file=ContentFile(b"<script>alert(1)</script>", name="nota.txt")
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_staff_cannot_upload_html_or_svg_documents_nor_svg_images():
    from wagtail.documents.forms import get_document_form

    form_class = get_document_form(get_document_model())
    for name in ("pagina.html", "disegno.svg"):
        form = form_class(
            data={"title": name}, files={"file": SimpleUploadedFile(name, SCRIPT)}, user=None
        )
        assert not form.is_valid() and "file" in form.errors
    assert "svg" not in get_allowed_image_extensions()
