"""The chat says when personal data was replaced by placeholders, and shows the real values."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtWidgets import QLabel

from tests.gui.driving import send
from tests.support.openai_server import Text


def test_a_redacted_turn_says_so_and_shows_the_real_address(
    qtbot: Any, window: Any, server: Any, services: Any
) -> None:
    services.settings = dataclasses.replace(services.settings, redact_local=True)
    server.enqueue(Text(["I will write to ", "[EMAIL_1]", " today."]))

    send(qtbot, window, "Please write to finance@corp.example about the budget")

    assert "finance@corp.example" not in str(server.requests[0].body)
    answer = window.chat.bubbles()[-1]
    assert answer.text() == "I will write to finance@corp.example today."
    notes = window.chat.findChildren(QLabel, "privacyNote")
    assert len(notes) == 1
    assert "replaced 1 email address with placeholders" in notes[0].text()


def test_no_note_when_nothing_was_replaced(
    qtbot: Any, window: Any, server: Any, services: Any
) -> None:
    services.settings = dataclasses.replace(services.settings, redact_local=True)
    server.enqueue(Text(["Hello."]))
    send(qtbot, window, "Hello there")
    assert window.chat.findChildren(QLabel, "privacyNote") == []
