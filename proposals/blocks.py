"""StreamField blocks of the consultation description. The plugin brings its own blocks so it
does not depend on the host site's."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=160)

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "proposals/blocks/heading.html"
        preview_value = {"text": "Gli ambiti del Piano Aria e Clima"}
        description = _("A section heading (level 2)")


class TextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "document-link", "ol", "ul"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "proposals/blocks/text.html"
        preview_value = (
            "<p>Il Piano Aria e Clima è lo strumento del Comune di Milano per ridurre "
            "l'inquinamento atmosferico e rispondere all'emergenza climatica.</p>"
        )
        description = _("Formatted text with links and lists")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        required=False,
        help_text=_("Describe the image for people who cannot see it. Leave empty if decorative."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "proposals/blocks/image.html"
        description = _("An image with caption and alternative text")


class DocumentsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=160, required=False)
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("Document")), label=_("Documents"))

    class Meta:
        icon = "doc-full"
        label = _("Documents and materials")
        template = "proposals/blocks/documents.html"
        preview_value = {"title": "Materiali della consultazione", "documents": []}
        description = _("A list of downloadable documents")


class ConsultationStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = TextBlock()
    image = ImageBlock()
    documents = DocumentsBlock()
