"""The box the person writes in: Enter sends, Shift+Enter starts a new line, grows to 8 lines."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

INPUT_MAX_LINES = 8


class ChatInput(QPlainTextEdit):
    """Multi-line input: Enter sends, Shift+Enter starts a new line; grows up to 8 lines."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatInput")
        self.setAccessibleName(self.tr("Message"))
        self.setAccessibleDescription(self.tr(
            "Enter sends the message, Shift+Enter starts a new line"))
        self.setPlaceholderText(self.tr(
            "Message the assistant — Enter to send, Shift+Enter for a new line, /help for commands"
        ))
        self.setTabChangesFocus(True)
        self._scrolls = False
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._fit_height()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_height()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter) and not (
            event.modifiers() & QtCore.Qt.KeyboardModifier.ShiftModifier
        ):
            event.accept()
            self.submitted.emit()
            return
        super().keyPressEvent(event)

    def _fit_height(self, *_: object) -> None:
        needed = max(1, int(self.document().size().height()))
        lines = min(INPUT_MAX_LINES, needed)
        scrolls = needed > INPUT_MAX_LINES
        if scrolls != self._scrolls:  # starts off, by the style sheet (no Qt enum before paint)
            self._scrolls = scrolls
            policy = QtCore.Qt.ScrollBarPolicy
            self.setVerticalScrollBarPolicy(
                policy.ScrollBarAsNeeded if scrolls else policy.ScrollBarAlwaysOff
            )
        margins = self.contentsMargins()
        height = (
            lines * self.fontMetrics().lineSpacing()
            + 2 * int(self.document().documentMargin())
            + margins.top()
            + margins.bottom()
            + 4
        )
        self.setFixedHeight(height)
