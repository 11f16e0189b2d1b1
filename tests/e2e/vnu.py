"""Validate HTML documents with the Nu Html Checker (npm `vnu-jar`), one Java run per batch."""

import json
import subprocess
import tempfile
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

from django.conf import settings

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def html_errors(documents):
    """Map each document's name to the checker's errors about it (an empty list when valid)."""
    names = {}
    with tempfile.TemporaryDirectory() as folder:
        for index, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"{index}.html"
            path.write_text(html, encoding="utf-8")
            names[path.name] = name
        result = subprocess.run(
            ["java", "-jar", str(VNU_JAR), "--errors-only", "--exit-zero-always"]
            + ["--format", "json", *sorted(str(Path(folder) / file) for file in names)],
            capture_output=True,
            text=True,
            check=True,
        )
    errors = {name: [] for name in documents}
    for message in json.loads(result.stderr)["messages"]:
        errors[names[PurePosixPath(urlparse(message["url"]).path).name]].append(message)
    return errors


def describe_errors(messages):
    return "\n".join(
        f"- line {message.get('lastLine', '?')}: {message['message']}\n"
        f"    {message.get('extract', '').strip()}"
        for message in messages
    )
