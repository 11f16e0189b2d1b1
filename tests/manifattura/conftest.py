import pytest

from .factories import make_minisite


@pytest.fixture
def minisite(home_page):
    return make_minisite(home_page)
