"""Driving the window as a person would: typing, pressing Enter, waiting on signals."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

TIMEOUT_MS = 10_000


def send(qtbot: Any, window: Any, text: str) -> None:
    """Type ``text`` into the input and press Enter; wait until the turn or command is over."""
    chat = window.chat
    qtbot.keyClicks(chat.input, text)
    with qtbot.waitSignal(chat.busy_changed, timeout=TIMEOUT_MS,
                          check_params_cb=lambda busy: not busy):
        qtbot.keyClick(chat.input, Qt.Key.Key_Return)


def start(qtbot: Any, window: Any, text: str) -> None:
    """Type ``text`` and press Enter; return as soon as the turn runs."""
    qtbot.keyClicks(window.chat.input, text)
    qtbot.keyClick(window.chat.input, Qt.Key.Key_Return)
    assert window.chat.turn_running
