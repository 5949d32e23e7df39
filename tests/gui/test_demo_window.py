"""The window on the demo workspace: the welcome conversation is listed and reads as the app's
own note, not as an answer a model wrote."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_assistant.app import Services
from desktop_assistant.demo import use_demo_workspace, welcome_conversation
from desktop_assistant.settings import Paths
from desktop_assistant.ui import workers
from desktop_assistant.ui.main_window import MainWindow


@pytest.fixture
def demo_services(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home: Path) -> Iterator[Any]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    environ = {**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
    use_demo_workspace(environ)
    monkeypatch.setenv("DESKTOP_ASSISTANT_HOME", environ["DESKTOP_ASSISTANT_HOME"])
    monkeypatch.setenv("DESKTOP_ASSISTANT_DEMO", "1")
    services = Services(Paths.resolve(environ))
    yield services
    services.close()


@pytest.fixture
def demo_window(qtbot: Any, demo_services: Any) -> Iterator[Any]:
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.shutdown()
    assert workers.wait_for_workers(timeout=10.0)
    QApplication.processEvents()


def test_the_demo_window_shows_the_welcome_conversation(qtbot: Any, demo_window: Any) -> None:
    sidebar, chat = demo_window.sidebar, demo_window.chat
    assert sidebar.titles() == ["Welcome to the demo"]
    welcome = welcome_conversation()
    assert welcome is not None

    rect = sidebar.list.visualItemRect(sidebar.list.item(0))
    qtbot.mouseClick(sidebar.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    qtbot.waitUntil(lambda: chat.conversation_id == welcome)
    [bubble] = chat.bubbles()
    assert bubble.role == "assistant"
    assert bubble.ai_label is None  # no model wrote it
    assert "Things to try" in bubble.text()
    assert "Find a time next week for an hour with Wang Fang and Li Lei" in bubble.text()
    assert not bubble.isHidden()


def test_the_demo_says_so_in_its_title_and_opens_on_the_welcome(
    qtbot: Any, demo_window: Any, demo_services: Any
) -> None:
    from desktop_assistant.ui.application import open_demo_welcome

    assert demo_window.windowTitle() == "Desktop Assistant (demo)"
    open_demo_welcome(demo_window, demo_services)  # what the app does after its first paint
    qtbot.waitUntil(lambda: demo_window.chat.conversation_id == welcome_conversation())
    assert "Things to try" in demo_window.chat.bubbles()[0].text()
