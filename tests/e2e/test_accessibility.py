"""axe-core finds no WCAG 2.0/2.1 A or AA violation on any public page type, in both languages.

The page types, and the forms in their error state, come from `tests/e2e/pages.py`.
"""

import pytest

from tests.e2e.axe import axe_violations, describe_violations
from tests.e2e.browser import E2E, log_in
from tests.e2e.pages import FEATURE_STATES, LANGUAGES, SITE_STATES, load_demo_content, prepare
from tests.e2e.states import open_in_browser

pytestmark = E2E


@pytest.mark.parametrize("state", SITE_STATES, ids=lambda state: state.name)
def test_page_has_no_wcag_violations(state, page, context, live_server, site_content):
    problems = wcag_problems(page, context, live_server.url, state)
    assert not problems, f"axe-core found WCAG violations on “{state.name}”:\n" + "\n".join(
        problems
    )


@pytest.mark.parametrize("label", FEATURE_STATES)
def test_feature_pages_have_no_wcag_violations(label, page, context, live_server, site_content):
    load_demo_content({label})
    problems = [
        problem
        for state in FEATURE_STATES[label]
        for problem in wcag_problems(page, context, live_server.url, state)
    ]
    assert not problems, f"axe-core found WCAG violations on {label} pages:\n" + "\n".join(problems)


def wcag_problems(page, context, base_url, state):
    """What axe-core reports on the page in this state, in each language."""
    path, user, session = prepare(state.page_type)
    if user:
        log_in(context, base_url, user, session)
    problems = []
    for language, prefix in LANGUAGES:
        response = open_in_browser(page, state, prefix + path)
        assert response.status == state.status, f"{prefix + path} answered {response.status}"
        assert page.locator("html").get_attribute("lang") == language
        violations = axe_violations(page)
        if violations:
            problems.append(f"{state.name}: {page.url}\n{describe_violations(violations)}")
    return problems
