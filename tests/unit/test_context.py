"""Context: stored history becomes valid chat messages, trimmed oldest first."""

from desktop_assistant.assistant.context import (
    NO_RESULT,
    as_chat_messages,
    estimate_tokens,
    trim_to_budget,
)
from desktop_assistant.history import Message

CALL = {"id": "c1", "type": "function", "function": {"name": "t", "arguments": "{}"}}


def message(mid: int, role: str, content: str = "", **extra: object) -> Message:
    return Message(id=mid, conversation_id=1, role=role, content=content, **extra)  # type: ignore[arg-type]


def test_dangling_tool_calls_get_a_stand_in_result_and_empty_errors_are_dropped() -> None:
    history = [
        message(1, "user", "hi"),
        message(2, "assistant", "", status="error"),
        message(3, "assistant", "", tool_calls=[CALL], status="cancelled"),
    ]
    chat = as_chat_messages(history)
    assert chat == [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": None, "tool_calls": [CALL]},
        {"role": "tool", "tool_call_id": "c1", "content": NO_RESULT},
    ]


def test_trimming_drops_whole_oldest_exchanges_and_keeps_the_latest() -> None:
    chat = []
    for index in range(10):
        chat.append({"role": "user", "content": f"question {index} " + "x" * 400})
        chat.append({"role": "assistant", "content": None, "tool_calls": [CALL]})
        chat.append({"role": "tool", "tool_call_id": "c1", "content": "result"})
    trimmed = trim_to_budget("system", chat, budget_tokens=400)
    assert trimmed[0] == {"role": "system", "content": "system"}
    assert trimmed[1]["role"] == "user"
    assert trimmed[-1]["role"] == "tool"
    assert trimmed[-3]["content"].startswith("question 9")
    assert 2 < len(trimmed) < len(chat)
    huge = [{"role": "user", "content": "y" * 100_000}]
    assert trim_to_budget("s", huge, budget_tokens=10)[1:] == huge


def test_chinese_counts_about_a_token_per_character() -> None:
    assert estimate_tokens("会议室") >= 3
    assert estimate_tokens("a" * 400) < 120
