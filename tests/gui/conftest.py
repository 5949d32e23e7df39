"""GUI fixtures: the main window on the scripted server, and no worker left behind.

Every GUI test ends by stopping what the window runs and waiting for every worker thread;
a test that leaves one running fails (as napari's do). Unexpected worker errors, which the
window would show in its banner, fail the test too unless it takes them with
``reported_errors``.

A window started as the app starts it (``launch``) polls the reminders after its first
paint, and would add the daily briefing's "Today" conversation whenever a test runs on a
weekday morning: such tests use ``no_briefing``.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from desktop_assistant.ui import workers


@pytest.fixture
def no_briefing(home: Path) -> None:
    """No daily briefing: a settings file with ``briefing_time = ""``."""
    config = home / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.toml").write_text('briefing_time = ""\n', encoding="utf-8")


@pytest.fixture
def short_folder() -> Iterator[Path]:
    """A folder with a short path, for Unix sockets (whose paths must stay under ~100 bytes;
    pytest's temporary folders can be longer)."""
    folder = Path(tempfile.mkdtemp(prefix="da-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def reported_errors() -> Iterator[list[str]]:
    """What workers reported as unexpected errors; must be empty at the end unless cleared."""
    seen: list[str] = []
    workers.errors.reported.connect(seen.append)
    yield seen
    workers.errors.reported.disconnect(seen.append)
    assert seen == [], f"Unexpected worker errors: {seen}"


@pytest.fixture(autouse=True)
def no_workers_left(qapp: QApplication) -> Iterator[None]:
    """Fail a test that leaves a worker thread running; flush what they queued. A window
    started as the app starts it (``launch``) keeps a clock and a tray running even once
    closed (close-to-tray): they are stopped here first."""
    yield
    for widget in QApplication.topLevelWidgets():
        background = getattr(widget, "background", None)
        if background is not None:
            background.shutdown()
    finished = workers.wait_for_workers(timeout=10.0)
    left = [t.objectName() for t in workers.running_workers()]
    QApplication.processEvents()
    assert finished, f"Worker threads still running after the test: {left}"


@pytest.fixture
def bare_services(home: Any) -> Iterator[Any]:
    """Services with no model configured (first run)."""
    from desktop_assistant.app import Services

    built = Services.from_environment()
    yield built
    built.close()


def _build_window(qtbot: Any, services: Any) -> Iterator[Any]:
    from desktop_assistant.ui.main_window import MainWindow

    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.shutdown()
    assert workers.wait_for_workers(timeout=10.0)
    QApplication.processEvents()


@pytest.fixture
def window(qtbot: Any, services: Any) -> Iterator[Any]:
    """The main window, talking to the scripted server."""
    yield from _build_window(qtbot, services)


@pytest.fixture
def bare_window(qtbot: Any, bare_services: Any) -> Iterator[Any]:
    """The main window with no model configured."""
    yield from _build_window(qtbot, bare_services)
