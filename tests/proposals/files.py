"""Real files (and crafted fakes) to upload as proposal attachments."""

from io import BytesIO

from PIL import Image
from pypdf import PdfWriter


def pdf_bytes(pages=1):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    output = BytesIO()
    writer.write(output)
    return output.getvalue()


def image_bytes(image_format="PNG", size=(4, 3), **options):
    output = BytesIO()
    Image.new("RGB", size, "green").save(output, format=image_format, **options)
    return output.getvalue()
