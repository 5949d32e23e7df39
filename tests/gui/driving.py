"""Driving the window as a person would: typing, pressing Enter, waiting on signals."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel

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


def click_link(qtbot: Any, label: QLabel, href: str) -> None:
    """Move the mouse over ``label`` until it is over the link to ``href``, and click there."""
    hovered: list[str] = []
    label.linkHovered.connect(hovered.append)
    try:
        for y in range(2, label.height(), 4):
            for x in range(2, label.width(), 6):
                point = QPointF(x, y)
                move = QMouseEvent(QEvent.Type.MouseMove, point, label.mapToGlobal(point),
                                   Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                   Qt.KeyboardModifier.NoModifier)
                QApplication.sendEvent(label, move)
                if hovered and hovered[-1] == href:
                    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
                    return
    finally:
        label.linkHovered.disconnect(hovered.append)
    raise AssertionError(f"No link to {href} in {label.text()!r}")


class LinkOpener(QObject):
    """Takes the links QDesktopServices would open for a scheme, instead of opening them."""

    opened = Signal(QUrl)

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open_url(self, url: QUrl) -> None:
        self.urls.append(url)
        self.opened.emit(url)

    @classmethod
    @contextmanager
    def taking(cls, scheme: str) -> Iterator[LinkOpener]:
        opener = cls()
        QDesktopServices.setUrlHandler(scheme, opener, "open_url")
        try:
            yield opener
        finally:
            QDesktopServices.unsetUrlHandler(scheme)
