import pytest

from cms.plan.blocks import AgendaActionBlock, MeasurementBlock, ProcessPhaseBlock


@pytest.mark.parametrize("block_class", [ProcessPhaseBlock, AgendaActionBlock, MeasurementBlock])
def test_every_block_renders_its_preview(block_class):
    block = block_class()
    meta = block.meta

    html = block.render(block.get_preview_value())

    assert meta.icon and meta.template and meta.description
    assert html.strip()


def test_agenda_action_shows_the_theme_label():
    block = AgendaActionBlock()

    html = block.render(block.to_python({"theme": "mobility", "title": "TPL", "description": ""}))

    assert "Mobilità" in html or "Mobility" in html
    assert "mobility" not in html
