"""What the chat shows: message bubbles, and cards for what the assistant did or asks to do.

``MessageBubble`` is one message: the person's, the assistant's (Markdown, with an "AI" label
when a model wrote it) or an error. ``ConfirmationCard`` asks before an ``external`` action
(a calendar, a mailbox, other people) with exactly what will happen, and hands the answer to
the waiting turn. ``ToolCallCard`` shows a call, its arguments and its result, with Undo for
``local`` changes. A ``FollowUp`` is what an answer brings below it (times to pick, an email
draft to edit); ``follow_ups`` makes them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QSize, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_assistant.i18n import QT_TRANSLATE_NOOP
from desktop_assistant.ui.status import restyle, set_state

if TYPE_CHECKING:
    from desktop_assistant.assistant.agent import ConfirmationRequest

USER_BUBBLE_MAX_WIDTH = 620
BUBBLE_PADDING = 16
USER_TEXT_MAX_WIDTH = USER_BUBBLE_MAX_WIDTH - 2 * BUBBLE_PADDING
MAX_ARGUMENT_CHARS = 80
MAX_RESULT_CHARS = 600

# Shown through QCoreApplication.translate("ToolCallCard", …) when a card is made.
EFFECT_LABELS = {
    "read": QT_TRANSLATE_NOOP("ToolCallCard", "Looked up"),
    "local": QT_TRANSLATE_NOOP("ToolCallCard", "Changed your data"),
    "external": QT_TRANSLATE_NOOP("ToolCallCard", "Action"),
    "unknown": QT_TRANSLATE_NOOP("ToolCallCard", "Tool"),
}


def compact_arguments(arguments: dict[str, Any]) -> str:
    """``to="a@corp.example", count=2`` with long values shortened."""
    import json

    parts = []
    for key, value in arguments.items():
        shown = json.dumps(value, ensure_ascii=False, default=str)
        if len(shown) > MAX_ARGUMENT_CHARS:
            shown = shown[: MAX_ARGUMENT_CHARS - 1] + "…"
        parts.append(f"{key}={shown}")
    return ", ".join(parts)


def stored_arguments(raw: str) -> dict[str, Any] | str:
    """A stored call's arguments: the JSON object, or the text as the model sent it."""
    import json

    try:
        parsed = json.loads(raw) if raw.strip() else {}
    except ValueError:
        return raw
    return parsed if isinstance(parsed, dict) else raw


def _shorten(text: str, limit: int = MAX_RESULT_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label(text: str, object_name: str, *, selectable: bool = True) -> QLabel:
    label = QLabel(text)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    if selectable:
        label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return label


def card_button(text: str, object_name: str, accessible_name: str = "") -> QPushButton:
    """A button on a card or under a message: Tab reaches it and Enter (as well as Space)
    presses it, as in a dialog (outside dialogs Qt's buttons ignore Enter unless they are
    auto-default)."""
    button = QPushButton(text)
    button.setObjectName(object_name)
    button.setAccessibleName(accessible_name or text.replace("&", ""))
    button.setAutoDefault(True)
    return button


class FollowUp(QFrame):
    """A card below an answer that the person acts on. It may ask the chat to send a message
    (``send_requested``) or to fill in the input (``prefill_requested``: the text and the part
    of it to select); ``set_busy`` tells it whether a turn is running."""

    send_requested = Signal(str)
    prefill_requested = Signal(str, int, int)

    def set_busy(self, busy: bool) -> None:
        """Nothing to wait for, by default."""


class BubbleText(QLabel):
    """A wrapping label; with ``hug``, as wide as its longest line (up to the bubble's limit)
    instead of QLabel's guess, so short messages get snug bubbles."""

    def __init__(self, hug: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hug = hug

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        if not self._hug or not self.text():
            return hint
        metrics = self.fontMetrics()
        natural = max(metrics.horizontalAdvance(line) for line in self.text().splitlines()) + 4
        width = min(natural, USER_TEXT_MAX_WIDTH)
        return QSize(width, self.heightForWidth(width))


class MessageBubble(QFrame):
    """One message: the person's (plain text, right), the assistant's (Markdown, left), or an
    error. Text is selectable; a clicked link is handed to ``link_clicked`` (the chat opens it,
    checking file links first)."""

    link_clicked = Signal(str)

    def __init__(
        self,
        role: str,
        text: str = "",
        *,
        ai: bool = False,
        model: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.role = role
        self._text = ""
        self._actions: QHBoxLayout | None = None
        self.setObjectName(f"{role}Bubble")
        # A screen reader says who wrote it; the description (below) carries the message.
        self.setAccessibleName(self._author(role, ai))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(BUBBLE_PADDING, 10, BUBBLE_PADDING, 10)
        layout.setSpacing(4)

        self.ai_label: QLabel | None = None
        if role in ("assistant", "error"):
            header = QHBoxLayout()
            header.setSpacing(6)
            name = QLabel(self.tr("Assistant") if role == "assistant"
                          else self.tr("Something went wrong"))
            name.setObjectName("bubbleHeader")
            header.addWidget(name)
            if ai:
                self.ai_label = QLabel(self.tr("AI", "the badge on answers a model wrote"))
                self.ai_label.setObjectName("aiBadge")
                self.ai_label.setToolTip(
                    self.tr("Written by a language model ({model})").format(model=model)
                    if model else self.tr("Written by a language model")
                )
                self.ai_label.setAccessibleName(self.tr("Written by AI"))
                header.addWidget(self.ai_label)
            header.addStretch(1)
            layout.addLayout(header)

        self.body = BubbleText(hug=role == "user")
        self.body.setObjectName("bubbleText")
        self.body.setWordWrap(True)
        formats = QtCore.Qt.TextFormat
        self.body.setTextFormat(
            formats.MarkdownText if role == "assistant" else formats.PlainText
        )
        self.body.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextBrowserInteraction)
        self.body.setOpenExternalLinks(False)
        self.body.linkActivated.connect(self.link_clicked)
        self.body.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.body)

        self.status = QLabel()
        self.status.setObjectName("bubbleStatus")
        self.status.setWordWrap(True)
        self.status.hide()
        layout.addWidget(self.status)
        self.set_text(text)

    def _author(self, role: str, ai: bool) -> str:
        if role == "user":
            return self.tr("You")
        if role == "assistant":
            return self.tr("Assistant (AI)") if ai else self.tr("Assistant")
        return self.tr("Error")

    def text(self) -> str:
        """The message as written (Markdown source for the assistant)."""
        return self._text

    def set_text(self, text: str) -> None:
        self._text = text
        self.body.setText(text)
        self.body.setVisible(bool(text))
        self.setAccessibleDescription(text[:500])

    def set_status(self, text: str | None) -> None:
        self.status.setText(text or "")
        self.status.setVisible(bool(text))

    def status_text(self) -> str:
        """Why the message is unfinished ("Stopped", …), or "" for a complete one."""
        return self.status.text()

    def add_action(self, text: str, object_name: str) -> QPushButton:
        """A button under the message, such as Retry under an answer that failed."""
        if self._actions is None:
            self._actions = QHBoxLayout()
            self._actions.setSpacing(8)
            self._actions.addStretch(1)
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.addLayout(self._actions)
        button = card_button(text, object_name)
        self._actions.insertWidget(self._actions.count() - 1, button)
        return button

    @property
    def has_ai_label(self) -> bool:
        return self.ai_label is not None


class ConfirmationCard(QFrame):
    """Asks "Allow" or "Don't allow" for one ``external`` tool call, then shows the answer."""

    decided = Signal(bool)

    def __init__(self, request: ConfirmationRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request = request
        self.setObjectName("confirmationCard")
        self.setAccessibleName(self.tr("Confirm action: {tool}").format(tool=request.tool))
        self.setAccessibleDescription(request.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)

        self.title = _label(self.tr("The assistant asks before it acts"), "cardTitle",
                            selectable=False)
        self.tool_label = _label(request.tool, "cardTool")
        self.summary = _label(request.summary, "confirmationSummary")
        self.summary.setAccessibleName(self.tr("What will happen"))
        self.decision = _label("", "confirmationDecision", selectable=False)
        self.decision.hide()

        self.allow_button = card_button(self.tr("Allow"), "allowButton")
        self.allow_button.setAccessibleDescription(request.summary)
        self.refuse_button = card_button(self.tr("Don't allow"), "refuseButton")
        self.refuse_button.setAccessibleDescription(request.summary)
        self.allow_button.clicked.connect(self.allow)
        self.refuse_button.clicked.connect(self.refuse)

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.allow_button)
        buttons.addWidget(self.refuse_button)
        buttons.addStretch(1)

        layout.addWidget(self.title)
        layout.addWidget(self.tool_label)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.decision)

    @property
    def pending(self) -> bool:
        return self.allow_button.isEnabled()

    def allow(self) -> None:
        if not self.pending:
            return
        self.request.approve()
        self._show_decision(self.tr("Allowed. Running it now…"), "allowed")
        self.decided.emit(True)

    def refuse(self) -> None:
        if not self.pending:
            return
        self.request.refuse()
        self._show_decision(self.tr("Not allowed. Nothing was done."), "refused")
        self.decided.emit(False)

    def mark_stopped(self) -> None:
        """The turn was stopped before an answer: nothing will run."""
        if self.pending:
            self._show_decision(self.tr("Stopped. Nothing was done."), "refused")

    def _show_decision(self, text: str, state: str) -> None:
        self.allow_button.setEnabled(False)
        self.refuse_button.setEnabled(False)
        self.allow_button.hide()
        self.refuse_button.hide()
        self.decision.setText(text)
        self.setAccessibleDescription(text)
        self.decision.setProperty("state", state)
        self.decision.show()
        set_state(self, state)


class ToolCallCard(QFrame):
    """One tool call: its name and arguments, then its result or error, and maybe Undo."""

    undo_requested = Signal()

    def __init__(
        self,
        tool: str,
        arguments: dict[str, Any] | str,
        effect: str = "unknown",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tool = tool
        self.effect = effect
        self._undo: Callable[[], str] | None = None
        self.setObjectName("toolCallCard")
        self.setAccessibleName(self.tr("Tool call: {tool}").format(tool=tool))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(4)

        shown = arguments if isinstance(arguments, str) else compact_arguments(arguments)
        heading = QHBoxLayout()
        heading.setSpacing(8)
        kind = EFFECT_LABELS.get(effect, EFFECT_LABELS["unknown"])
        self.kind = _label(QCoreApplication.translate("ToolCallCard", kind), "cardKind",
                           selectable=False)
        self.kind.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.call = _label(f"{tool}({shown})", "toolCall")
        heading.addWidget(self.kind)
        heading.addWidget(self.call, 1)
        self.result = _label(self.tr("Running…"), "toolResult")
        self.undo_button = card_button(self.tr("Undo"), "undoButton",
                                       self.tr("Undo {tool}").format(tool=tool))
        self.undo_button.hide()
        self.undo_button.clicked.connect(self._undo_clicked)
        bottom = QHBoxLayout()
        bottom.addWidget(self.result, 1)
        bottom.addWidget(self.undo_button, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        layout.addLayout(heading)
        layout.addLayout(bottom)

    @property
    def undo(self) -> Callable[[], str] | None:
        return self._undo

    def set_result(
        self, content: str, ok: bool, approval: str = "", undo: Callable[[], str] | None = None
    ) -> None:
        self.result.setText(_shorten(content))
        self.result.setToolTip(content if len(content) > MAX_RESULT_CHARS else "")
        set_state(self, "ok" if ok else "error")
        restyle(self.result)
        self._undo = undo if ok else None
        self.undo_button.setVisible(self._undo is not None)
        self.undo_button.setEnabled(self._undo is not None)

    def set_waiting(self) -> None:
        """The call waits for the person's answer on the confirmation card."""
        self.result.setText(self.tr("Waiting for your answer…"))

    def mark_stopped(self) -> None:
        if self.property("state") is None:
            self.result.setText(self.tr("Stopped."))

    def _undo_clicked(self) -> None:
        self.undo_button.setEnabled(False)
        self.undo_button.setText(self.tr("Undoing…"))
        self.undo_requested.emit()

    def show_undone(self, said: str) -> None:
        """The undo ran; show what it said."""
        self._undo = None
        self.undo_button.hide()
        self.result.setText(self.tr("{result}\nUndone: {said}").format(
            result=self.result.text(), said=said))
        set_state(self, "undone")

    def show_undo_failed(self, message: str) -> None:
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setEnabled(True)
        self.result.setText(self.tr("{result}\nCould not undo: {message}").format(
            result=self.result.text(), message=message))
