"""Retry after a failed answer: the person's message is answered again, not stored twice,
and the failed partial answer stays in history without being shown to the model again."""

from __future__ import annotations

import pytest

from desktop_assistant.app import Services
from desktop_assistant.assistant.agent import TextDelta, TurnDone, TurnError
from tests.support.openai_server import CutStream, Fault, ScriptedServer, Text


def test_retry_after_a_cut_stream_answers_the_same_message(
    services: Services, server: ScriptedServer
) -> None:
    server.enqueue(CutStream(["The policy says"]), Text(["The policy allows 5 days."]))
    agent = services.agent()
    first = list(agent.start(None, "How many days of leave?"))
    assert [e.kind for e in first if isinstance(e, TurnError)] == ["stream_interrupted"]
    conversation = first[-1].conversation_id if isinstance(first[-1], TurnDone) else None
    assert conversation is not None

    again = list(agent.retry(conversation))
    assert "".join(e.text for e in again if isinstance(e, TextDelta)) == (
        "The policy allows 5 days.")
    assert isinstance(again[-1], TurnDone)
    assert again[-1].reason == "complete"

    stored = [(m.role, m.content, m.status) for m in services.history.messages(conversation)]
    assert stored == [
        ("user", "How many days of leave?", "complete"),
        ("assistant", "The policy says", "error"),
        ("assistant", "The policy allows 5 days.", "complete"),
    ]
    sent = [(m["role"], m.get("content")) for m in server.requests[1].body["messages"][1:]]
    assert sent == [("user", "How many days of leave?")]


def test_retry_after_a_server_error_then_the_conversation_goes_on(
    services: Services, server: ScriptedServer
) -> None:
    server.enqueue(Fault(503, "overloaded"), Text(["Here."]), Text(["Sure."]))
    agent = services.agent()
    first = list(agent.start(None, "Find the travel policy"))
    assert [e.kind for e in first if isinstance(e, TurnError)] == ["server_error"]
    conversation = first[0].conversation_id  # TurnStarted
    list(agent.retry(conversation))
    list(agent.start(conversation, "Thanks, and the expense form?"))
    sent = [(m["role"], m.get("content")) for m in server.requests[2].body["messages"][1:]]
    assert sent == [
        ("user", "Find the travel policy"),
        ("assistant", "Here."),
        ("user", "Thanks, and the expense form?"),
    ]


def test_retry_without_a_message_says_so(services: Services) -> None:
    conversation = services.history.create_conversation("Empty").id
    with pytest.raises(ValueError, match="no message of yours"):
        services.agent().retry(conversation)
