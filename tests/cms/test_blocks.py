import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cms.blocks import BaseStreamBlock

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", list(BaseStreamBlock.base_blocks))
def test_every_block_has_a_template_icon_description_and_renders_its_preview(name):
    block = BaseStreamBlock.base_blocks[name]
    Image.objects.create(title="Acquario Civico", file=get_test_image_file())

    assert block.meta.template.startswith("cms/blocks/")
    assert block.meta.icon and block.meta.description
    block.render(block.get_preview_value())


def test_image_block_renders_alt_text_and_caption():
    image = Image.objects.create(title="Acquario Civico", file=get_test_image_file())
    block = BaseStreamBlock.base_blocks["image"]
    value = block.to_python(
        {"image": image.pk, "alt_text": "La facciata", "caption": "Viale Gadio"}
    )

    html = block.render(value)

    assert 'alt="La facciata"' in html
    assert "<figcaption" in html and "Viale Gadio" in html
