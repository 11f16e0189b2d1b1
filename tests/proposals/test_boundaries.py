"""The participation plugin imports nothing from the host site's apps."""

import ast
from pathlib import Path

import proposals

FORBIDDEN = ("cms", "events", "manifattura")


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_plugin_imports_nothing_from_the_site():
    root = Path(proposals.__file__).parent
    offending = [
        (str(path.relative_to(root)), module)
        for path in root.rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] in FORBIDDEN
    ]
    assert offending == []


def test_plugin_templates_use_no_site_template_tags_or_includes():
    root = Path(proposals.__file__).parent / "templates"
    for path in root.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "cms_tags" not in text, path
        assert 'include "includes/' not in text, path
