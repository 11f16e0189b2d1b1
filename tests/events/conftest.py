import pytest

from tests.events.factories import make_event, make_index


@pytest.fixture
def event_index(home_page):
    return make_index(home_page)


@pytest.fixture
def event(event_index):
    return make_event(event_index)
