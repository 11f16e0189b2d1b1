"""Run axe-core (npm `axe-core`) in the browser and describe its violations for a person."""

from functools import cache
from pathlib import Path

from django.conf import settings

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

RUN_AXE = """tags => axe.run(document, {
  runOnly: {type: "tag", values: tags},
  resultTypes: ["violations"],
}).then(results => results.violations)"""


@cache
def axe_source():
    return (Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js").read_text()


def axe_violations(page):
    """The WCAG 2.0/2.1 A and AA violations on the page as it is now in the browser."""
    # Evaluated through the browser's debugging protocol: the page's Content-Security-Policy
    # (no inline script) would refuse it as a script tag.
    page.evaluate(axe_source())
    return page.evaluate(RUN_AXE, WCAG_TAGS)


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}: {first_reason(node)}")
    return "\n".join(lines)


def first_reason(node):
    checks = node["any"][:1] + node["all"] + node["none"]
    return "; ".join(check["message"] for check in checks) or node["failureSummary"]
