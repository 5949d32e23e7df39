"""The chat panel against the scripted model server: streaming, Stop, confirmations, errors."""

from __future__ import annotations

import sys
import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop_assistant.ui.cards import ConfirmationCard, ToolCallCard
from desktop_assistant.ui.workers import errors, run_task
from tests.gui.driving import TIMEOUT_MS, LinkOpener, click_link, send, start
from tests.support.openai_server import Call, Fault, Hold, Text, ToolCalls


def cards_of(window: Any, kind: type) -> list[Any]:
    return [card for card in window.chat.cards() if isinstance(card, kind)]


@pytest.fixture
def invitations(services: Any) -> list[str]:
    """An ``external`` tool, ``send_invitation(to)``, that records who was invited."""
    from desktop_assistant.assistant.tools import Effect, tool

    sent: list[str] = []

    @tool(Effect.EXTERNAL, describe=lambda to: f"Send a meeting invitation to {to}")
    def send_invitation(to: str) -> str:
        """Send a meeting invitation by email."""
        sent.append(to)
        return f"Invitation sent to {to}."

    services.tools.register(send_invitation)
    return sent


def test_enter_sends_and_the_answer_streams_into_a_bubble(
    qtbot: Any, window: Any, server: Any, services: Any
) -> None:
    server.enqueue(Text(["Hello", " there", ", **friend**", "!"]))

    send(qtbot, window, "Hi assistant")

    chat = window.chat
    user, answer = chat.bubbles()
    assert (user.role, user.text()) == ("user", "Hi assistant")
    assert answer.role == "assistant"
    assert answer.text() == "Hello there, **friend**!"
    assert answer.body.isVisible()
    assert answer.has_ai_label
    assert answer.status_text() == ""
    assert chat.input.toPlainText() == ""
    assert chat.send_button.text() == "Send"

    conversation = chat.conversation_id
    messages = services.history.messages(conversation)
    assert [(m.role, m.content, m.status) for m in messages] == [
        ("user", "Hi assistant", "complete"),
        ("assistant", "Hello there, **friend**!", "complete"),
    ]
    assert messages[1].ai_written
    assert server.requests[0].body["messages"][-1]["content"] == "Hi assistant"
    # The sidebar shows the new conversation, titled from the message, and selected.
    assert window.sidebar.titles() == ["Hi assistant"]
    assert window.sidebar.current_id() == conversation


def test_shift_enter_starts_a_new_line_instead_of_sending(qtbot: Any, window: Any) -> None:
    chat = window.chat
    one_line = chat.input.height()
    qtbot.keyClicks(chat.input, "first line")
    qtbot.keyClick(chat.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(chat.input, "second line")
    assert chat.input.toPlainText() == "first line\nsecond line"
    assert chat.input.height() > one_line  # the input grows with what is typed
    assert chat.bubbles() == []
    assert not chat.busy


def test_stop_finalizes_the_bubble_at_once_and_keeps_the_partial_answer(
    qtbot: Any, window: Any, server: Any, services: Any
) -> None:
    release = threading.Event()
    server.enqueue(Hold(["Partial ", "answer"], release))
    chat = window.chat
    try:
        start(qtbot, window, "Tell me a long story")
        assert chat.send_button.text() == "Stop"
        qtbot.waitUntil(
            lambda: len(chat.bubbles()) == 2 and "Partial" in chat.bubbles()[1].text(),
            timeout=TIMEOUT_MS,
        )

        qtbot.mouseClick(chat.send_button, Qt.MouseButton.LeftButton)

        # At once, while the server still holds the stream open:
        answer = chat.bubbles()[1]
        assert not chat.turn_running
        assert answer.status_text() == "Stopped"
        assert answer.text().startswith("Partial")
        assert chat.send_button.text() == "Send"
        assert chat.input.isEnabled()
        qtbot.keyClicks(chat.input, "next question")
        assert chat.input.toPlainText() == "next question"
    finally:
        release.set()

    def stored_as_cancelled() -> None:
        messages = services.history.messages(chat.conversation_id)
        assert messages[-1].status == "cancelled"
        assert messages[-1].content.startswith("Partial")

    qtbot.waitUntil(stored_as_cancelled, timeout=TIMEOUT_MS)


def test_allow_runs_the_external_tool_and_the_answer_follows(
    qtbot: Any, window: Any, server: Any, services: Any, invitations: list[str]
) -> None:
    server.enqueue(
        ToolCalls([Call("send_invitation", '{"to": "a@corp.example"}')]),
        Text(["Sent."]),
    )
    chat = window.chat
    start(qtbot, window, "Invite a@corp.example to the review")
    qtbot.waitUntil(lambda: cards_of(window, ConfirmationCard) != [], timeout=TIMEOUT_MS)
    card = cards_of(window, ConfirmationCard)[0]
    assert card.tool_label.text() == "send_invitation"
    assert card.summary.text() == "Send a meeting invitation to a@corp.example"
    assert invitations == []  # nothing runs before the person says yes
    allow = window.findChild(QPushButton, "allowButton")
    assert allow is card.allow_button
    assert allow.accessibleName() == "Allow"

    with qtbot.waitSignal(chat.busy_changed, timeout=TIMEOUT_MS,
                          check_params_cb=lambda busy: not busy):
        qtbot.mouseClick(allow, Qt.MouseButton.LeftButton)

    assert invitations == ["a@corp.example"]
    assert not card.pending
    assert card.decision.text().startswith("Allowed")
    tool_card = cards_of(window, ToolCallCard)[0]
    assert tool_card.result.text() == "Invitation sent to a@corp.example."
    assert tool_card.property("state") == "ok"
    assert chat.bubbles()[-1].text() == "Sent."
    assert services.history.audit_entries()[0].approval == "approved by the person"


def test_dont_allow_means_the_tool_does_not_run(
    qtbot: Any, window: Any, server: Any, services: Any, invitations: list[str]
) -> None:
    server.enqueue(
        ToolCalls([Call("send_invitation", '{"to": "a@corp.example"}')]),
        Text(["All right, I did not send it."]),
    )
    chat = window.chat
    start(qtbot, window, "Invite a@corp.example")
    qtbot.waitUntil(lambda: cards_of(window, ConfirmationCard) != [], timeout=TIMEOUT_MS)
    card = cards_of(window, ConfirmationCard)[0]

    with qtbot.waitSignal(chat.busy_changed, timeout=TIMEOUT_MS,
                          check_params_cb=lambda busy: not busy):
        qtbot.mouseClick(card.refuse_button, Qt.MouseButton.LeftButton)

    assert invitations == []
    assert card.decision.text().startswith("Not allowed")
    assert cards_of(window, ToolCallCard)[0].property("state") == "error"
    assert chat.bubbles()[-1].text() == "All right, I did not send it."
    entry = services.history.audit_entries()[0]
    assert (entry.tool, entry.outcome) == ("send_invitation", "refused")


def test_stop_while_a_confirmation_waits_runs_nothing(
    qtbot: Any, window: Any, server: Any, services: Any, invitations: list[str]
) -> None:
    server.enqueue(ToolCalls([Call("send_invitation", '{"to": "a@corp.example"}')]))
    start(qtbot, window, "Invite a@corp.example")
    qtbot.waitUntil(lambda: cards_of(window, ConfirmationCard) != [], timeout=TIMEOUT_MS)
    card = cards_of(window, ConfirmationCard)[0]

    assert window.stop_action.isEnabled()
    window.stop_action.trigger()

    assert not window.chat.turn_running
    assert not card.pending
    assert card.decision.text().startswith("Stopped")
    qtbot.waitUntil(lambda: services.history.audit_entries() != [], timeout=TIMEOUT_MS)
    assert services.history.audit_entries()[0].approval == "cancelled (turn stopped)"
    assert invitations == []


def test_undo_reverts_a_local_change_in_a_worker(
    qtbot: Any, window: Any, server: Any, services: Any
) -> None:
    server.enqueue(
        ToolCalls([Call("remember", '{"fact": "I prefer tea"}')]),
        Text(["I will remember that."]),
    )
    send(qtbot, window, "Remember that I prefer tea")
    assert [m.text for m in services.memory.all()] == ["I prefer tea"]
    card = cards_of(window, ToolCallCard)[0]
    assert card.undo_button.isVisible()

    qtbot.mouseClick(card.undo_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: card.property("state") == "undone", timeout=TIMEOUT_MS)
    assert "Undone: Forgot: I prefer tea" in card.result.text()
    assert not card.undo_button.isVisible()
    assert services.memory.all() == []


def test_a_refused_key_shows_the_reason_with_retry_and_settings(
    qtbot: Any, window: Any, server: Any, services: Any
) -> None:
    server.enqueue(Fault(401, "Incorrect API key provided"), Text(["Two meetings today."]))

    send(qtbot, window, "What is on my calendar?")

    chat = window.chat
    error = chat.bubbles()[-1]
    assert error.role == "error"
    assert "refused the API key" in error.text()
    assert "Incorrect API key provided" in error.text()
    assert chat.input.toPlainText() == ""  # stored, so Retry rather than the text again
    messages = services.history.messages(chat.conversation_id)
    assert messages[0].content == "What is on my calendar?"  # stored before the model call
    assert messages[-1].status == "error"
    settings = error.findChild(QPushButton, "errorSettingsButton")
    assert settings is not None
    chat.settings_requested.disconnect()  # the window would open a modal dialog
    with qtbot.waitSignal(chat.settings_requested, timeout=TIMEOUT_MS):
        qtbot.mouseClick(settings, Qt.MouseButton.LeftButton)

    retry = error.findChild(QPushButton, "retryButton")
    assert retry is not None
    assert not retry.isHidden()
    with qtbot.waitSignal(chat.busy_changed, timeout=TIMEOUT_MS,
                          check_params_cb=lambda busy: not busy):
        qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
    assert retry.isHidden()
    assert chat.bubbles()[-1].text() == "Two meetings today."
    stored = services.history.messages(chat.conversation_id)
    assert [(m.role, m.status) for m in stored] == [
        ("user", "complete"), ("assistant", "error"), ("assistant", "complete")]


def test_a_conversation_that_ended_in_an_error_offers_retry_when_opened(
    qtbot: Any, window: Any, server: Any, services: Any
) -> None:
    history = services.history
    conversation = history.create_conversation("Broken off").id
    history.add_message(conversation, "user", "Summarise the handbook")
    failed = history.add_message(conversation, "assistant", "", status="streaming", model="m")
    history.finish_message(failed.id, "The handbook", status="interrupted")
    server.enqueue(Text(["It covers leave and travel."]))
    window.sidebar.refresh()
    window.sidebar.list.setCurrentRow(0)

    chat = window.chat
    retry = chat.bubbles()[-1].findChild(QPushButton, "retryButton")
    assert retry is not None
    with qtbot.waitSignal(chat.busy_changed, timeout=TIMEOUT_MS,
                          check_params_cb=lambda busy: not busy):
        qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
    assert chat.bubbles()[-1].text() == "It covers leave and travel."
    sent = [m.get("content") for m in server.requests[0].body["messages"][1:]]
    assert sent == ["Summarise the handbook"]


def test_a_failed_turn_does_not_overwrite_what_was_typed_meanwhile(
    qtbot: Any, window: Any, server: Any
) -> None:
    server.enqueue(Fault(500, "The server is overloaded"))
    chat = window.chat
    start(qtbot, window, "First question")
    # The turn's events are delivered only once the event loop runs (in waitSignal).
    qtbot.keyClicks(chat.input, "typed while waiting")
    with qtbot.waitSignal(chat.busy_changed, timeout=TIMEOUT_MS,
                          check_params_cb=lambda busy: not busy):
        pass
    assert chat.input.toPlainText() == "typed while waiting"
    assert "The server is overloaded" in chat.bubbles()[-1].text()


def test_slash_commands_work_without_a_model(
    qtbot: Any, bare_window: Any, bare_services: Any
) -> None:
    chat = bare_window.chat
    send(qtbot, bare_window, "/time")
    question, answer = chat.bubbles()
    assert question.text() == "/time"
    assert answer.text().startswith("It is ")
    assert not answer.has_ai_label  # a command answered, not a model

    send(qtbot, bare_window, "/remember I prefer morning meetings")
    assert chat.bubbles()[-1].text().startswith("Remembered")
    assert [m.text for m in bare_services.memory.all()] == ["I prefer morning meetings"]
    messages = bare_services.history.messages(chat.conversation_id)
    assert [m.role for m in messages] == ["user", "assistant"] * 2
    assert bare_window.sidebar.titles() == ["/time"]


def test_without_a_model_a_message_says_how_to_set_one_up(
    qtbot: Any, bare_window: Any
) -> None:
    send(qtbot, bare_window, "Hello")
    error = bare_window.chat.bubbles()[-1]
    assert error.role == "error"
    assert "No model is configured" in error.text()
    assert error.findChild(QPushButton, "errorSettingsButton") is not None
    assert error.findChild(QPushButton, "retryButton") is not None


def test_messages_loaded_from_history_show_their_status(
    qtbot: Any, window: Any, services: Any
) -> None:
    history = services.history
    conversation = history.create_conversation("Earlier").id
    history.add_message(conversation, "user", "Question")
    stopped = history.add_message(conversation, "assistant", "", status="streaming", model="m")
    history.finish_message(stopped.id, "Half an", status="cancelled")
    cut = history.add_message(conversation, "assistant", "", status="streaming", model="m")
    history.finish_message(cut.id, "Cut off", status="interrupted")
    failed = history.add_message(conversation, "assistant", "", status="streaming", model="m")
    history.finish_message(failed.id, "", status="error", error="The server broke.")
    history.add_message(conversation, "assistant", "From a command")

    window.sidebar.refresh()
    window.sidebar.list.setCurrentRow(0)

    bubbles = window.chat.bubbles()
    assert [(b.role, b.text(), b.status_text()) for b in bubbles] == [
        ("user", "Question", ""),
        ("assistant", "Half an", "Stopped"),
        ("assistant", "Cut off", "Interrupted: the answer was cut off when the app stopped"),
        ("error", "The server broke.", ""),
        ("assistant", "From a command", ""),
    ]
    assert [b.has_ai_label for b in bubbles[1:3]] == [True, True]
    assert not bubbles[-1].has_ai_label


def test_assistant_markdown_is_rendered_selectable_and_links_open_externally(
    qtbot: Any, window: Any, server: Any
) -> None:
    server.enqueue(Text(["See [the handbook](https://intranet.example/handbook)."]))
    send(qtbot, window, "Where is the handbook?")
    body = window.chat.bubbles()[-1].body
    assert body.textFormat() == Qt.TextFormat.MarkdownText
    assert body.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    with LinkOpener.taking("https") as opener, qtbot.waitSignal(opener.opened) as opened:
        click_link(qtbot, body, "https://intranet.example/handbook")
    assert opened.args[0].toString() == "https://intranet.example/handbook"


def test_unexpected_worker_errors_are_shown_in_the_window(
    qtbot: Any, window: Any, reported_errors: list[str]
) -> None:
    with qtbot.waitSignal(errors.reported, timeout=TIMEOUT_MS):
        run_task(lambda: 1 / 0, description="dividing")
    assert window.banner.isVisible()
    assert "Dividing failed: division by zero" in window.banner.label.text()
    reported_errors.clear()


def test_many_signals_do_not_exhaust_none_or_true(qtbot: Any) -> None:
    """PySide6 6.12.0 drops a reference to None per C++ signal delivered to Python and one to
    True per ``emit()``; on Python 3.11 the interpreter then aborts. pyproject.toml excludes
    that release; this fails if an installed PySide6 leaks them again."""
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QScrollBar

    class Emitter(QObject):
        said = Signal(object)

    bar = QScrollBar()
    qtbot.addWidget(bar)
    bar.setRange(0, 10)
    seen: list[int] = []
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    bar.valueChanged.connect(lambda value: None)
    emitter = Emitter()
    emitter.said.connect(seen.append)
    for index in range(100_000):
        bar.setValue(index % 10)
        emitter.said.emit(index)
    assert len(seen) == 100_000
    assert none_before - sys.getrefcount(None) < 1000
    assert true_before - sys.getrefcount(True) < 1000


def test_the_view_follows_a_streaming_answer_from_the_bottom(
    qtbot: Any, window: Any, server: Any, services: Any
) -> None:
    history = services.history
    conversation = history.create_conversation("Long").id
    for index in range(30):
        history.add_message(conversation, "user", f"Question {index}")
        history.add_message(conversation, "assistant", f"Answer {index}", model="m")
    window.sidebar.refresh()
    window.sidebar.list.setCurrentRow(0)
    bar = window.chat.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: 0 < bar.maximum() == bar.value(), timeout=TIMEOUT_MS)

    release = threading.Event()
    server.enqueue(Hold(["A long answer.\n\n" * 40], release))
    try:
        start(qtbot, window, "And now?")
        first_maximum = bar.maximum()
        qtbot.waitUntil(
            lambda: "A long answer." in window.chat.bubbles()[-1].text()
            and bar.maximum() > first_maximum
            and bar.value() == bar.maximum(),
            timeout=TIMEOUT_MS,
        )
    finally:
        release.set()
    qtbot.waitUntil(lambda: not window.chat.busy, timeout=TIMEOUT_MS)
