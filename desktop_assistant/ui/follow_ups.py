"""What an answer brings below it in the chat: buttons for the free times it found, an editable
card for the email it drafted.

The chat asks here after every tool result and every answer, as they arrive and when a stored
conversation is shown again. Loaded with the first answer, not before the window has painted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_assistant.ui.draft_card import DraftCard
from desktop_assistant.ui.slot_choices import SlotChoices

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.ui.cards import FollowUp


def after_tool_result(services: Services, tool: str, content: str, ok: bool) -> list[FollowUp]:
    found: list[FollowUp | None] = [
        SlotChoices.for_tool_result(tool, content, ok),
        DraftCard.for_tool_result(services, tool, content, ok),
    ]
    return [card for card in found if card is not None]


def after_answer(services: Services, question: str, answer: str) -> list[FollowUp]:
    """For an answer to ``question`` (slash commands answer without a model)."""
    found: list[FollowUp | None] = [
        SlotChoices.for_free_command(question, answer),
        DraftCard.for_command(services, question, answer),
    ]
    return [card for card in found if card is not None]
