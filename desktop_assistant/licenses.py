"""The third-party components the app ships and their licences, as the About dialog lists them.

``resources/licenses/third_party.json`` and the texts beside it are written by
``resources/licenses/collect.py`` from the installed packages (the bundle carries the same
files). This module only reads them; a missing or damaged list gives an empty one, so the
About dialog still opens.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from desktop_assistant.resources import resource_path

LIST_FILE = "third_party.json"
APP_LICENSE = "MIT"
"""The app's own licence (pyproject.toml's ``license``)."""


@dataclass(frozen=True)
class Component:
    """One bundled third-party component."""

    name: str
    version: str
    license: str
    homepage: str
    texts: tuple[str, ...]
    """Licence files, relative to ``resources/licenses``."""

    @property
    def lgpl(self) -> bool:
        """Whether it is (or may be) used under the LGPL, which asks that people can replace
        it with their own build: the one-folder bundle keeps such components as separate
        files (shared libraries, modules) for that."""
        return "LGPL" in self.license.upper()

    @property
    def source(self) -> str:
        """Where its source for this version is published."""
        return f"https://pypi.org/project/{self.name}/{self.version}/#files"

    def license_text(self) -> str:
        """Its licence files, one after the other, each under its file name ("" if none)."""
        parts = []
        for relative in self.texts:
            path = resource_path("licenses", relative)
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            parts.append(f"==> {path.name} <==\n\n{text.strip()}\n")
        return "\n\n".join(parts)


def bundled_components() -> list[Component]:
    """The components in the list, sorted by name (case-insensitive)."""
    try:
        document = json.loads(resource_path("licenses", LIST_FILE).read_text(encoding="utf-8"))
        entries = document["components"]
        components = [Component(name=str(entry["name"]), version=str(entry["version"]),
                                license=str(entry["license"]), homepage=str(entry["homepage"]),
                                texts=tuple(str(text) for text in entry["texts"]))
                      for entry in entries]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return sorted(components, key=lambda component: component.name.lower())
