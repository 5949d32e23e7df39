"""The architecture's import rule: only ui/ and app.py may import Qt."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "desktop_assistant"
ALLOWED = ("ui/", "app.py")


def qt_imports(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        if any(name == "PySide6" or name.startswith(("PySide6.", "shiboken6")) for name in names):
            lines.append(node.lineno)
    return lines


def test_nothing_outside_ui_and_app_imports_pyside6() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith(ALLOWED):
            continue
        offenders += [f"{relative}:{line}" for line in qt_imports(path)]
    assert offenders == []


def test_the_brain_and_cli_load_without_qt() -> None:
    code = (
        "import sys, desktop_assistant.cli, desktop_assistant.app, "
        "desktop_assistant.assistant.agent, desktop_assistant.assistant.builtin_tools; "
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
