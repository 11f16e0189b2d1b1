"""The block picker previews a block styled as on the site."""

import pytest
from django.urls import reverse

from cms.models.pages import HomePage

pytestmark = pytest.mark.django_db


def test_block_preview_renders_with_the_site_stylesheets(client, staff_user, site):
    client.force_login(staff_user)
    block = HomePage.body.field.stream_block.child_blocks["heading"]
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200
    page = response.content.decode()
    assert "bootstrap-italia" in page
    assert "cms/site" in page
    assert f"block-{block.name}" in page
