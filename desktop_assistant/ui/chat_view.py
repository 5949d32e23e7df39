"""The chat panel: the conversation's bubbles and cards, streaming answers, and the input.

A turn runs in a ``TurnWorker``; its events arrive here as signals. Streamed text is
re-rendered at most every ``RENDER_INTERVAL_MS`` so long answers stay smooth. Stop cancels the
turn and finalizes the bubble at once; the worker winds down on its own. Slash commands run
the same services without a model, in a worker too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_assistant.i18n import QT_TRANSLATE_NOOP
from desktop_assistant.ui.cards import (
    ConfirmationCard,
    MessageBubble,
    ToolCallCard,
    stored_arguments,
)
from desktop_assistant.ui.chat_input import ChatInput
from desktop_assistant.ui.status import restyle
from desktop_assistant.ui.transcript import COLUMN_MAX_WIDTH, Transcript
from desktop_assistant.ui.workers import TurnWorker, run_task

if TYPE_CHECKING:
    from desktop_assistant.app import CommandReply, Services
    from desktop_assistant.assistant.agent import ConfirmationNeeded, ToolResultEvent, Turn
    from desktop_assistant.history import Message
    from desktop_assistant.ui.cards import FollowUp


def _follow_ups() -> Any:
    """``ui.follow_ups``, loaded when the first answer is shown (not before the window has
    painted: its cards cost about 10 ms to load)."""
    from desktop_assistant.ui import follow_ups

    return follow_ups


RENDER_INTERVAL_MS = 50

# A conversation whose last answer ended like this offers Retry when it is opened.
RETRYABLE_STATUSES = frozenset({"error", "interrupted"})
# Errors whose fix is in Settings: the error offers to open them.
SETTINGS_KINDS = frozenset({
    "not_configured", "authentication", "permission", "model_not_found", "endpoint_refused",
    "model_off", "tools_unsupported",
})

# Why an answer is unfinished; shown through status_text().
STATUS_TEXT = {
    "cancelled": QT_TRANSLATE_NOOP("ChatView", "Stopped"),
    "interrupted": QT_TRANSLATE_NOOP(
        "ChatView", "Interrupted: the answer was cut off when the app stopped"),
    "error": QT_TRANSLATE_NOOP("ChatView", "Not finished"),
    "streaming": QT_TRANSLATE_NOOP("ChatView", "Still being written"),
    "step_limit": QT_TRANSLATE_NOOP("ChatView", "Stopped at the step limit"),
    "time_limit": QT_TRANSLATE_NOOP("ChatView", "Stopped at the time limit"),
}


def status_text(status: str | None) -> str | None:
    """What an answer's bubble says about a ``status`` (None when it is complete), in the
    interface language; a status without words of its own is shown as it is."""
    if not status or status == "complete":
        return None
    known = STATUS_TEXT.get(status)
    return QCoreApplication.translate("ChatView", known) if known else status


@dataclass
class _ActiveTurn:
    worker: TurnWorker
    text: str
    live: MessageBubble | None = None
    pieces: list[str] = field(default_factory=list)
    tool_cards: dict[str, ToolCallCard] = field(default_factory=dict)
    confirmations: list[ConfirmationCard] = field(default_factory=list)
    privacy_note: QLabel | None = None


class ChatView(Transcript):
    """The conversation on screen and the box to write in."""

    #: A turn or command created or changed this conversation (the sidebar refreshes).
    conversation_changed = Signal(int)
    busy_changed = Signal(bool)
    #: An error's "Open settings" was clicked (the window opens Settings).
    settings_requested = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("chatView")
        self._conversation_id: int | None = None
        self._active: _ActiveTurn | None = None
        self._command_running = False
        self._generation = 0  # changes whenever another conversation is shown
        self._retry_buttons: list[QPushButton] = []

        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_INTERVAL_MS)
        self._render_timer.timeout.connect(self._render_live)

        self.input = ChatInput()
        self.input.submitted.connect(self.send)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setObjectName("sendButton")
        self.send_button.setAccessibleName(self.tr("Send"))
        self.send_button.setAccessibleDescription(self.tr("Send the message to the assistant"))
        self.send_button.clicked.connect(self._send_or_stop)
        composer = QFrame()
        composer.setObjectName("composer")
        composer_layout = QHBoxLayout(composer)
        composer_layout.setContentsMargins(12, 8, 8, 8)
        composer_layout.setSpacing(8)
        composer_layout.addWidget(self.input, 1)
        send_column = QVBoxLayout()  # the button stays at the bottom as the input grows
        send_column.addStretch(1)
        send_column.addWidget(self.send_button)
        composer_layout.addLayout(send_column)
        composer_row = QHBoxLayout()
        composer_row.setContentsMargins(24, 4, 24, 18)
        composer_row.addWidget(composer, 1)
        composer.setMaximumWidth(COLUMN_MAX_WIDTH)

        self.layout_.addLayout(composer_row)
        self.setFocusProxy(self.input)

    # State -------------------------------------------------------------------------------

    @property
    def conversation_id(self) -> int | None:
        return self._conversation_id

    @property
    def busy(self) -> bool:
        """True while a turn runs (Send is Stop) or a command is being answered."""
        return self._active is not None or self._command_running

    @property
    def turn_running(self) -> bool:
        return self._active is not None

    def _update_controls(self) -> None:
        running = self._active is not None
        self.send_button.setText(self.tr("Stop") if running else self.tr("Send"))
        self.send_button.setAccessibleName(self.tr("Stop") if running else self.tr("Send"))
        self.send_button.setAccessibleDescription(
            self.tr("Stop the answer being written") if running
            else self.tr("Send the message to the assistant"))
        self.send_button.setProperty("stop", running)
        restyle(self.send_button)
        self.send_button.setEnabled(not self._command_running)
        self.busy_changed.emit(self.busy)

    # Showing conversations ----------------------------------------------------------------

    def new_conversation(self) -> None:
        """An empty chat; the conversation is created when the first message is sent."""
        self._stop(notify=False)
        self._show(None, [])
        self.input.setFocus()

    def load_conversation(self, conversation_id: int) -> None:
        """Show a stored conversation (stopping a turn that is running)."""
        self._stop(notify=False)
        self._show(conversation_id, self._services.history.messages(conversation_id))

    def _show(self, conversation_id: int | None, messages: list[Message]) -> None:
        self._generation += 1
        self._clear()
        self._conversation_id = conversation_id
        self._stick_to_bottom = True
        results = {m.tool_call_id: m for m in messages if m.role == "tool" and m.tool_call_id}
        shown_results: set[str] = set()
        question = ""
        for message in messages:
            if message.role == "user":
                self._add_bubble(MessageBubble("user", message.content))
                question = message.content
            elif message.role == "assistant":
                self._show_assistant(message, results, shown_results)
                self._offer(_follow_ups().after_answer(self._services, question,
                                                       message.content))
                question = ""
            elif message.role == "tool" and message.tool_call_id not in shown_results:
                card = ToolCallCard(message.tool_name or "tool", "")
                card.set_result(message.content, not message.content.startswith("Error:"))
                self._add_card(card)
        last = messages[-1] if messages else None
        if (last is not None and last.role == "assistant" and last.status in RETRYABLE_STATUSES
                and self._bubbles and self._bubbles[-1].role != "user"):
            self._offer_retry(self._bubbles[-1])
        self._update_empty()

    def _show_assistant(
        self, message: Message, results: dict[str, Message], shown_results: set[str]
    ) -> None:
        status = status_text(message.status) if message.status in STATUS_TEXT else None
        if message.content or (status and message.status != "error"):
            bubble = MessageBubble(
                "assistant", message.content, ai=message.ai_written, model=message.model
            )
            bubble.set_status(status)
            self._add_bubble(bubble)
        if message.status == "error" and message.error:
            self._add_bubble(MessageBubble("error", message.error))
        for call in message.tool_calls:
            function = call.get("function", {})
            call_id = str(call.get("id", ""))
            card = ToolCallCard(str(function.get("name", "tool")),
                                stored_arguments(str(function.get("arguments", ""))))
            result = results.get(call_id)
            if result is not None:
                shown_results.add(call_id)
                card.set_result(result.content, not result.content.startswith("Error:"))
            else:
                card.set_result(self.tr("No result was recorded."), False)
            self._add_card(card)
            if result is not None:
                self._offer(_follow_ups().after_tool_result(
                    self._services, card.tool, result.content,
                    not result.content.startswith("Error:")))

    def _clear(self) -> None:
        self._render_timer.stop()
        self._retry_buttons.clear()
        super()._clear()

    # Sending ------------------------------------------------------------------------------

    def _send_or_stop(self) -> None:
        if self._active is not None:
            self.stop()
        else:
            self.send()

    def send(self, text: str | None = None) -> None:
        """Send ``text`` (else what is in the input): a slash command, or a turn with the model."""
        typed = text is None
        text = self.input.toPlainText() if text is None else text
        if not text.strip() or self.busy:
            return
        self.scroll_to_bottom()
        services = self._services
        if services.commands.is_command(text):
            if typed:
                self.input.clear()  # a failed command gives it back
            self._run_command(text)
            return
        if self._conversation_id is None:
            import sqlite3

            # Created here so the sidebar shows it at once; the agent titles it from the text.
            try:
                self._conversation_id = services.history.create_conversation().id
            except sqlite3.Error as error:  # db.StorageError: full disk, busy, read-only …
                self._add_bubble(MessageBubble("error", getattr(error, "message", None)
                                               or str(error)))
                return  # what was typed stays in the input
            self.conversation_changed.emit(self._conversation_id)
        if typed:
            self.input.clear()
        conversation_id = self._conversation_id
        self._add_bubble(MessageBubble("user", text))
        self._start_turn(lambda: services.agent().start(conversation_id, text), text)

    def retry(self) -> None:
        """Answer the person's last message again, after an answer that failed."""
        conversation_id = self._conversation_id
        if conversation_id is None or self.busy:
            return
        self.scroll_to_bottom()
        services = self._services
        self._start_turn(lambda: services.agent().retry(conversation_id), "")

    def _start_turn(self, start: Callable[[], Turn], text: str) -> None:
        for button in self._retry_buttons:
            button.hide()
        self._retry_buttons.clear()
        worker = TurnWorker(start, cleanup=self._services.release_thread)
        worker.turn_event.connect(self._on_event)
        worker.failed.connect(self._on_worker_failed)
        worker.finished.connect(self._on_worker_finished)
        self._active = _ActiveTurn(worker, text)
        self._thinking.show()
        self._update_controls()
        worker.begin()

    def stop(self) -> None:
        """Cancel the running turn and finalize what is on screen now, without waiting."""
        self._stop(notify=True)

    def _stop(self, *, notify: bool) -> None:
        active = self._active
        if active is None:
            return
        active.worker.cancel()
        self._finish_live("cancelled")
        for confirmation in active.confirmations:
            confirmation.mark_stopped()
        for card in active.tool_cards.values():
            card.mark_stopped()
        self._end_turn(notify=notify)

    def shutdown(self) -> None:
        """Stop what runs, before the window closes."""
        self._stop(notify=False)

    def _end_turn(self, *, notify: bool = True) -> None:
        self._render_timer.stop()
        self._thinking.hide()
        self._active = None
        self._update_controls()
        if notify and self._conversation_id is not None:
            self.conversation_changed.emit(self._conversation_id)

    def _restore_input(self, text: str) -> None:
        if not self.input.toPlainText().strip():
            self.input.setPlainText(text)
            cursor = self.input.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            self.input.setTextCursor(cursor)

    # Turn events --------------------------------------------------------------------------

    def _is_current(self, sender: QObject | None) -> bool:
        return self._active is not None and sender is self._active.worker

    def _on_event(self, event: object) -> None:
        if not self._is_current(self.sender()):
            return
        from desktop_assistant.assistant.agent import (
            ConfirmationNeeded,
            Redacted,
            TextDelta,
            ToolCallProposed,
            ToolResultEvent,
            TurnDone,
            TurnError,
            TurnStarted,
        )

        if isinstance(event, TextDelta):
            self._on_text(event.text)
        elif isinstance(event, TurnStarted):
            if event.conversation_id != self._conversation_id:
                self._conversation_id = event.conversation_id
            self.conversation_changed.emit(event.conversation_id)
        elif isinstance(event, ToolCallProposed):
            self._on_tool_call(event.call_id, event.tool, event.effect, event.arguments)
        elif isinstance(event, ConfirmationNeeded):
            self._on_confirmation(event)
        elif isinstance(event, ToolResultEvent):
            self._on_tool_result(event)
        elif isinstance(event, TurnError):
            self._on_turn_error(event.kind, event.message)
        elif isinstance(event, Redacted):
            self._on_redacted(event.categories)
        elif isinstance(event, TurnDone):
            reason = event.reason
            self._finish_live(None if reason in ("complete", "error") else reason)
            self._end_turn()

    def _on_text(self, text: str) -> None:
        active = self._active
        assert active is not None
        if active.live is None:
            self._thinking.hide()
            settings = self._services.settings
            active.live = self._add_bubble(
                MessageBubble("assistant", "", ai=True, model=settings.model or None)
            )
        active.pieces.append(text)
        if not self._render_timer.isActive():
            self._render_timer.start()

    def _render_live(self) -> None:
        active = self._active
        if active is not None and active.live is not None:
            active.live.set_text("".join(active.pieces))

    def _finish_live(self, status: str | None) -> None:
        """Render the live bubble's last text and mark why it ended (None: complete)."""
        active = self._active
        if active is None or active.live is None:
            return
        self._render_timer.stop()
        bubble = active.live
        bubble.set_text("".join(active.pieces))
        bubble.set_status(status_text(status))
        active.live = None
        active.pieces = []

    def _on_tool_call(
        self, call_id: str, tool: str, effect: str, arguments: dict[str, Any]
    ) -> None:
        active = self._active
        assert active is not None
        self._finish_live(None)
        card = ToolCallCard(tool, arguments, effect)
        active.tool_cards[call_id] = card
        self._add_card(card)

    def _on_confirmation(self, event: ConfirmationNeeded) -> None:
        active = self._active
        assert active is not None
        self._thinking.hide()
        card = ConfirmationCard(event.request)
        card.decided.connect(self._thinking.show)
        proposed = active.tool_cards.get(event.request.call_id)
        if proposed is not None:
            proposed.set_waiting()
        active.confirmations.append(card)
        self._add_card(card)
        self.scroll_to_bottom()

    def _on_tool_result(self, event: ToolResultEvent) -> None:
        active = self._active
        assert active is not None
        card = active.tool_cards.get(event.call_id)
        if card is None:
            card = ToolCallCard(event.tool, "")
            active.tool_cards[event.call_id] = card
            self._add_card(card)
        card.set_result(event.content, event.ok, event.approval, event.undo)
        if event.undo is not None:
            card.undo_requested.connect(lambda: self._run_undo(card))
        self._offer(_follow_ups().after_tool_result(self._services, event.tool, event.content,
                                                    event.ok))
        self._thinking.show()

    def _on_redacted(self, categories: dict[str, int]) -> None:
        """Say, above the answer, that personal data left the machine only as placeholders."""
        from desktop_assistant.assistant.redacted_client import redaction_notice

        active = self._active
        assert active is not None
        if active.privacy_note is None:
            active.privacy_note = QLabel()
            active.privacy_note.setObjectName("privacyNote")
            active.privacy_note.setWordWrap(True)
            self._add_row(active.privacy_note)
        active.privacy_note.setText(redaction_notice(categories))
        active.privacy_note.setAccessibleName(active.privacy_note.text())

    def _on_turn_error(self, kind: str, message: str) -> None:
        """The turn failed after the person's message was stored: say why, offer Retry (and
        Settings when the fix is there); the input stays as it is."""
        self._thinking.hide()
        self._finish_live("error")
        bubble = self._add_bubble(MessageBubble("error", message))
        if kind in SETTINGS_KINDS:
            settings = bubble.add_action(self.tr("Open settings"), "errorSettingsButton")
            settings.clicked.connect(lambda: self.settings_requested.emit())
        if kind != "model_off":
            self._offer_retry(bubble)

    def _offer_retry(self, bubble: MessageBubble) -> None:
        button = bubble.add_action(self.tr("Retry"), "retryButton")
        button.setToolTip(self.tr("Ask the model again for an answer to your last message"))
        button.clicked.connect(self.retry)
        self._retry_buttons.append(button)

    def _on_error(self, message: str) -> None:
        """The turn could not run at all: say why and give the person their text back."""
        active = self._active
        assert active is not None
        self._thinking.hide()
        self._finish_live("error")
        self._add_bubble(MessageBubble("error", message))
        if active.text:
            self._restore_input(active.text)

    def _on_worker_failed(self, message: str) -> None:
        if not self._is_current(self.sender()):
            return
        assert self._active is not None
        self._on_error(message)

    def _on_worker_finished(self) -> None:
        # Normally TurnDone ended the turn already; this covers a worker that ended without.
        if not self._is_current(self.sender()):
            return
        self._finish_live("interrupted")
        self._end_turn()

    # What answers bring: times to pick, drafts to edit --------------------------------------

    def _offer(self, follow_ups: list[FollowUp]) -> None:
        """Show cards below an answer; they wait while the chat is busy."""
        for card in follow_ups:
            card.send_requested.connect(self.send)
            card.prefill_requested.connect(self.prefill)
            self.busy_changed.connect(card.set_busy)
            card.set_busy(self.busy)
            self._add_card(card)

    def prefill(self, text: str, select_from: int = 0, select_to: int = 0) -> None:
        """Put ``text`` in the input for the person to finish, with a part of it selected."""
        self.input.setPlainText(text)
        cursor = self.input.textCursor()
        cursor.setPosition(select_from)
        cursor.setPosition(max(select_from, select_to), cursor.MoveMode.KeepAnchor)
        self.input.setTextCursor(cursor)
        self.input.setFocus()

    def _run_undo(self, card: ToolCallCard) -> None:
        undo = card.undo
        if undo is None:
            return
        run_task(
            undo,
            on_result=lambda said: card.show_undone(str(said)),
            on_error=lambda error: card.show_undo_failed(str(error)),
            context=card,
            cleanup=self._services.release_thread,
            description=f"undoing {card.tool}",
        )

    # Slash commands -----------------------------------------------------------------------

    def _run_command(self, text: str) -> None:
        services = self._services
        conversation_id = self._conversation_id
        generation = self._generation
        self._add_bubble(MessageBubble("user", text))
        self._command_running = True
        self._update_controls()

        def done(reply: CommandReply) -> None:
            self._command_running = False
            self._update_controls()
            if generation == self._generation:
                self._conversation_id = reply.conversation_id
                answer = reply.answer
                self._add_bubble(
                    MessageBubble(
                        "assistant", answer.content, ai=answer.ai_written, model=answer.model
                    )
                )
                self._offer(_follow_ups().after_answer(services, text, answer.content))
            self.conversation_changed.emit(reply.conversation_id)

        def failed(error: Exception) -> None:
            self._command_running = False
            self._update_controls()
            if generation == self._generation:
                self._add_bubble(MessageBubble(
                    "error", self.tr("The command failed: {error}").format(error=error)))
                self._restore_input(text)

        run_task(
            lambda: services.run_command(conversation_id, text),
            on_result=done,
            on_error=failed,
            context=self,
            cleanup=services.release_thread,
            description="running the command",
        )
