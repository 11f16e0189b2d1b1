"""Citizens' attachments: accepted for what the whole file proves to be, stored privately.

A PDF must parse from start to end; an image must decode completely and is re-encoded, so what
is stored is pixels written by Pillow, without the upload's metadata or anything hidden around
them. Files are stored under a name the site chooses, in a storage outside MEDIA_ROOT, and
served only by `proposals.attachment_views`, which checks who may see the proposal.
"""

import os
import secrets
import warnings
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.storage import FileSystemStorage, storages
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.functional import LazyObject
from PIL import Image, ImageOps
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from proposals import conf

PDF = "application/pdf"
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
# The structure of a PDF is parsed (cross-references, page tree) but its content streams are
# never decoded: a small file could inflate to gigabytes there.
PDF_MAX_PAGES = 500
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", PDF: "pdf"}

# Pillow refuses (by a warning, then an error) images above this: a process-wide guard for any
# decoder; attachments are checked against PROPOSALS_ATTACHMENT_MAX_PIXELS before decoding.
Image.MAX_IMAGE_PIXELS = 50_000_000


class RejectedUpload(Exception):
    """The upload is not what it must be; the form turns this into a message."""


class TooManyPixels(RejectedUpload):
    pass


@dataclass
class CheckedFile:
    content: bytes
    content_type: str

    @property
    def kind(self):
        return "pdf" if self.content_type == PDF else "image"


class PrivateStorage(LazyObject):
    """The storage alias PROPOSALS_ATTACHMENT_STORAGE, or, when the host has not configured
    it, a folder beside MEDIA_ROOT (never inside it, so whatever serves /media/ cannot reach
    it) with no public URL."""

    def _setup(self):
        alias = conf.get("PROPOSALS_ATTACHMENT_STORAGE")
        if alias in settings.STORAGES:
            self._wrapped = storages[alias]
            return
        media_root = os.path.normpath(os.fspath(settings.MEDIA_ROOT))
        self._wrapped = FileSystemStorage(location=f"{media_root}-private", base_url="/-/")


private_storage = PrivateStorage()


def attachment_storage():
    return private_storage


def attachment_path(attachment, filename):
    """A random name with the extension of the type the content proved; `filename` is the
    uploaded name and is deliberately ignored."""
    extension = EXTENSIONS[attachment.content_type]
    return f"proposals/{secrets.token_urlsafe(18)}.{extension}"


def checked_file(upload):
    """The content to store for `upload` (a file object) and its type, or RejectedUpload."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return checked_pdf(upload)
    return checked_image(upload)


def checked_pdf(upload):
    try:
        reader = PdfReader(upload, strict=True)
        if reader.is_encrypted or not 0 < len(reader.pages) <= PDF_MAX_PAGES:
            raise RejectedUpload
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise RejectedUpload from error
    upload.seek(0)
    return CheckedFile(upload.read(), PDF)


def checked_image(upload):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload, formats=list(IMAGE_FORMATS)) as image:
                width, height = image.size
                if width * height > conf.get("PROPOSALS_ATTACHMENT_MAX_PIXELS"):
                    raise TooManyPixels
                image.load()
                return reencoded(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise TooManyPixels from error
    except (OSError, ValueError, SyntaxError, EOFError) as error:
        raise RejectedUpload from error


def reencoded(image):
    """The image's pixels (first frame, turned upright) written anew, without metadata."""
    image_format = image.format
    upright = ImageOps.exif_transpose(image)
    if image_format == "JPEG":
        upright = upright.convert("L" if upright.mode in ("1", "L") else "RGB")
        options = {"quality": 88}
    elif image_format == "PNG":
        if upright.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
            upright = upright.convert("RGBA")
        options = {}
    else:
        upright = upright.convert("RGBA" if "A" in upright.getbands() else "RGB")
        options = {"quality": 88}
    output = BytesIO()
    upright.save(output, format=image_format, icc_profile=None, exif=b"", **options)
    return CheckedFile(output.getvalue(), IMAGE_FORMATS[image_format])


def legacy_content(attachment):
    """What a row stored before content types were recorded may serve: its file checked now, as
    a new upload would be; RejectedUpload when it is not a PDF or an image (or is missing)."""
    try:
        with attachment.file.open("rb") as stored:
            return checked_file(stored)
    except FileNotFoundError as error:
        raise RejectedUpload from error


class AttachmentRequestLimit(FileUploadHandler):
    """Refuses a proposal form whose body is larger than its attachments may be, before any of
    it is read (a 400, as Django answers for DATA_UPLOAD_MAX_MEMORY_SIZE). Listed first in the
    host's FILE_UPLOAD_HANDLERS; each file's own limit is then checked by the form on its size."""

    FORM_FIELDS_BYTES = 1024 * 1024
    VIEWS = {"proposal_create", "proposal_edit"}

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        match = getattr(self.request, "resolver_match", None)
        if match is None or match.url_name not in self.VIEWS or "proposals" not in match.namespaces:
            return None
        limit = (
            conf.get("PROPOSALS_ATTACHMENT_MAX_BYTES")
            * conf.get("PROPOSALS_ATTACHMENTS_PER_PROPOSAL")
            + self.FORM_FIELDS_BYTES
        )
        if content_length > limit:
            raise RequestDataTooBig("A proposal with its attachments is larger than allowed.")
        return None

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None
