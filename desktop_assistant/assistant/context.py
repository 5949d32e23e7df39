"""Turning stored history into the messages sent to the model, trimmed to fit its context."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from desktop_assistant.analysis import cjk_runs
from desktop_assistant.history import Message

NO_RESULT = "(No result: the turn was stopped before this tool ran.)"


def estimate_tokens(text: str) -> int:
    """A rough count: about one token per CJK character and per four other characters."""
    cjk = sum(len(run) for run in cjk_runs(text))
    return cjk + (len(text) - cjk + 3) // 4 + 1


def _message_tokens(message: dict[str, Any]) -> int:
    return estimate_tokens(json.dumps(message, ensure_ascii=False)) + 4


def as_chat_messages(history: Sequence[Message]) -> list[dict[str, Any]]:
    """Stored messages in OpenAI's format, each tool call paired with a tool result.

    Assistant messages with neither text nor tool calls (an error before any text) are left
    out, and a tool call whose result was never stored gets a stand-in result, so the model
    always sees a valid conversation.
    """
    chat: list[dict[str, Any]] = []
    answered = {m.tool_call_id for m in history if m.role == "tool"}
    for message in history:
        if message.role == "user":
            chat.append({"role": "user", "content": message.content})
        elif message.role == "assistant":
            if not message.content and not message.tool_calls:
                continue
            entry: dict[str, Any] = {"role": "assistant", "content": message.content or None}
            if message.tool_calls:
                entry["tool_calls"] = message.tool_calls
            chat.append(entry)
            for call in message.tool_calls:
                if call["id"] not in answered:
                    chat.append({"role": "tool", "tool_call_id": call["id"], "content": NO_RESULT})
        elif message.role == "tool":
            chat.append(
                {"role": "tool", "tool_call_id": message.tool_call_id, "content": message.content}
            )
    return chat


def trim_to_budget(
    system: str, chat: list[dict[str, Any]], budget_tokens: int
) -> list[dict[str, Any]]:
    """The system prompt and as many of the latest exchanges as fit in ``budget_tokens``.

    An exchange runs from a user message to the next one, so tool calls are never split from
    their results. The latest exchange is always kept.
    """
    starts = [i for i, m in enumerate(chat) if m["role"] == "user"]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    exchanges = [chat[a:b] for a, b in zip(starts, [*starts[1:], len(chat)], strict=True)]
    used = estimate_tokens(system)
    kept: list[list[dict[str, Any]]] = []
    for exchange in reversed(exchanges):
        size = sum(_message_tokens(m) for m in exchange)
        if kept and used + size > budget_tokens:
            break
        kept.append(exchange)
        used += size
    messages: list[dict[str, Any]] = [{"role": "system", "content": system}]
    for exchange in reversed(kept):
        messages.extend(exchange)
    return messages
