"""The conversation's transcript: a scrolling, centred column of bubbles and cards.

``ChatView`` builds on it with the input and the turns. New rows keep the view at the bottom
while the person is there; once they scroll up to read, it stays where they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_assistant.ui.cards import USER_BUBBLE_MAX_WIDTH, MessageBubble

if TYPE_CHECKING:
    from desktop_assistant.app import Services

COLUMN_MAX_WIDTH = 860
STICK_TO_BOTTOM_PX = 40


class Transcript(QWidget):
    """The messages and cards of one conversation, in a column that scrolls."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._bubbles: list[MessageBubble] = []
        self._cards: list[QWidget] = []
        self._rows: list[QWidget] = []
        self._stick_to_bottom = True

        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("chatScroll")
        self.scroll_area.setAccessibleName(self.tr("Conversation"))
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # No sideways scrolling: the style sheet's qproperty-horizontalScrollBarPolicy.
        canvas = QWidget()
        canvas.setObjectName("chatCanvas")
        centering = QHBoxLayout(canvas)
        centering.setContentsMargins(24, 20, 24, 20)
        self._column = QWidget()
        self._column.setObjectName("chatColumn")
        self._column.setMaximumWidth(COLUMN_MAX_WIDTH)
        self._column_layout = QVBoxLayout(self._column)
        self._column_layout.setContentsMargins(0, 0, 0, 0)
        self._column_layout.setSpacing(14)
        self._empty = QLabel(self.tr(
            "<h2>How can I help?</h2>"
            "<p>Ask about your meetings, documents, emails and reminders.<br>"
            "Type <b>/help</b> for commands that work without a model.</p>"
        ))
        self._empty.setObjectName("emptyState")
        # Centred by the style sheet's qproperty-alignment.
        self._empty.setWordWrap(True)
        self._thinking = QLabel(self.tr("Thinking…"))
        self._thinking.setObjectName("thinking")
        self._thinking.hide()
        self._column_layout.addWidget(self._empty)
        self._column_layout.addWidget(self._thinking)
        self._column_layout.addStretch(1)
        centering.addStretch(0)
        centering.addWidget(self._column, 1)
        centering.addStretch(0)
        self.scroll_area.setWidget(canvas)
        bar = self.scroll_area.verticalScrollBar()
        bar.rangeChanged.connect(self._follow_bottom)
        bar.valueChanged.connect(self._note_scroll)

        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(0)
        self.layout_.addWidget(self.scroll_area, 1)

    def bubbles(self) -> list[MessageBubble]:
        return list(self._bubbles)

    def cards(self) -> list[QWidget]:
        return list(self._cards)

    def _clear(self) -> None:
        for row in self._rows:
            row.hide()
            row.setParent(None)
            row.deleteLater()
        self._rows.clear()
        self._bubbles.clear()
        self._cards.clear()
        self._thinking.hide()

    def _update_empty(self) -> None:
        self._empty.setVisible(not self._rows)

    def _add_row(self, widget: QWidget, *, right: bool = False) -> None:
        row = QWidget()
        row.setObjectName("messageRow")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        if right:
            layout.addStretch(1)
            widget.setMaximumWidth(USER_BUBBLE_MAX_WIDTH)
            widget.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        layout.addWidget(widget, 0 if right else 1)
        index = self._column_layout.indexOf(self._thinking)
        self._column_layout.insertWidget(index, row)
        self._rows.append(row)
        self._update_empty()

    def _add_bubble(self, bubble: MessageBubble) -> MessageBubble:
        self._add_row(bubble, right=bubble.role == "user")
        self._bubbles.append(bubble)
        bubble.link_clicked.connect(self._open_link)
        return bubble

    def _open_link(self, link: str) -> None:
        """A link in a message: web links open in the browser, cited documents in their app."""
        from desktop_assistant.ui.document_links import open_link

        open_link(self._services, link, context=self)

    def _add_card(self, card: QWidget) -> None:
        self._add_row(card)
        self._cards.append(card)

    # Scrolling ----------------------------------------------------------------------------

    def _note_scroll(self, value: int) -> None:
        bar = self.scroll_area.verticalScrollBar()
        self._stick_to_bottom = value >= bar.maximum() - STICK_TO_BOTTOM_PX

    def _follow_bottom(self, _minimum: int, maximum: int) -> None:
        if self._stick_to_bottom:
            self.scroll_area.verticalScrollBar().setValue(maximum)

    def scroll_to_bottom(self) -> None:
        self._stick_to_bottom = True
        bar = self.scroll_area.verticalScrollBar()
        bar.setValue(bar.maximum())
