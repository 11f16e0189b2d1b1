"""Bring a page of the registry into one of its states, in the browser or with the test client."""

from html.parser import HTMLParser

SUBMIT_INVALID_FORM = """values => {
  const names = Object.keys(values);
  const form = [...document.querySelectorAll("main form[method=post]")]
    .find(candidate => names.every(name => candidate.elements[name]));
  form.noValidate = true;
  for (const [name, value] of Object.entries(values)) {
    const field = form.elements[name];
    if (field.type === "checkbox") { field.checked = Boolean(value); } else { field.value = value; }
  }
  form.requestSubmit();
}"""


def open_in_browser(page, state, path):
    """Show the page in the browser; submit its form with the state's invalid values if any."""
    response = page.goto(path)
    if state.invalid_form is not None:
        with page.expect_navigation() as navigation:
            page.evaluate(SUBMIT_INVALID_FORM, state.invalid_form)
        response = navigation.value
    return response


def fetch_with_client(client, state, path):
    """The server's HTML for the page in this state, as the test client receives it; a form is
    sent as a browser would, with its hidden fields (a kiosk ballot's hand-over token)."""
    response = client.get(path, follow=True)
    if state.invalid_form is not None:
        data = {**hidden_fields(response.content.decode()), **state.invalid_form}
        response = client.post(response.request["PATH_INFO"], data)
    return response


class HiddenFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden" and attrs.get("name"):
            self.values[attrs["name"]] = attrs.get("value") or ""


def hidden_fields(html):
    parser = HiddenFields()
    parser.feed(html)
    return parser.values
