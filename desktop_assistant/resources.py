"""Where the files under ``resources/`` are: beside the package when run from a checkout, inside
the bundle when frozen by PyInstaller (``sys._MEIPASS``; pyinstaller.spec copies them there)."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """``resource_path("translations", "desktop_assistant_zh_CN.qm")``: the file's path (it may
    not exist; callers that can do without it check)."""
    return resource_root().joinpath(*parts)
