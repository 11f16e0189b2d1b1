"""Move through a page with the keyboard only, checking that focus is always visible."""

MAX_TAB_STOPS = 60

FOCUS_STYLE = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  return {
    visible: outline || style.boxShadow !== "none",
    element: element.outerHTML.slice(0, 160),
  };
}"""


def press(page, key):
    """Press `key`; the element that has focus afterwards must show it."""
    page.keyboard.press(key)
    assert_focus_visible(page)


def assert_focus_visible(page):
    focus = page.evaluate(FOCUS_STYLE)
    assert focus is None or focus["visible"], f"No visible focus on {focus['element']}"


def tab_to(page, target, *, backwards=False):
    """Press Tab (or Shift+Tab) until `target` has focus, as a keyboard user does."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TAB_STOPS):
        press(page, key)
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{target} cannot be reached with {key} in {MAX_TAB_STOPS} stops")


def activate(page, target, key="Enter"):
    """Reach `target` with Tab and activate it with `key`, waiting for the next page."""
    tab_to(page, target)
    with page.expect_navigation():
        page.keyboard.press(key)
