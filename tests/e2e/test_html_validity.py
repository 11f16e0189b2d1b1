"""The Nu Html Checker finds no error in any public page type, in both languages.

The server's HTML (before any script runs) of every entry of `tests/e2e/pages.py` is collected
with the test client and checked in one run of the checker.
"""

from django.test import Client

from tests.e2e.browser import E2E, store_in_session
from tests.e2e.pages import FEATURE_STATES, LANGUAGES, PAGE_STATES, load_demo_content, prepare
from tests.e2e.states import fetch_with_client
from tests.e2e.vnu import describe_errors, html_errors

pytestmark = E2E


def test_every_page_type_is_valid_html(site_content):
    load_demo_content(set(FEATURE_STATES))
    documents = {}
    for state in PAGE_STATES:
        path, user, session = prepare(state.page_type)
        for language, prefix in LANGUAGES:
            client = Client()
            if user:
                client.force_login(user)
                store_in_session(client, session)
            response = fetch_with_client(client, state, prefix + path)
            name = f"{state.name} [{language}] {response.request['PATH_INFO']}"
            assert response.status_code == state.status, f"{name} answered {response.status_code}"
            documents[name] = response.content.decode()
    errors = {name: messages for name, messages in html_errors(documents).items() if messages}
    assert not errors, "The Nu Html Checker found errors:\n" + "\n".join(
        f"{name}\n{describe_errors(messages)}" for name, messages in errors.items()
    )
