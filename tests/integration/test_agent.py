"""The agent loop end to end: the real openai client against the scripted server on loopback."""

from __future__ import annotations

import dataclasses
import json
import threading
from typing import Any

import pytest

from desktop_assistant.app import Services
from desktop_assistant.assistant.agent import (
    ConfirmationNeeded,
    Event,
    TextDelta,
    ToolCallProposed,
    ToolResultEvent,
    Turn,
    TurnDone,
    TurnError,
)
from desktop_assistant.assistant.tools import Effect, tool
from tests.support.openai_server import (
    BadChunk,
    Call,
    CutStream,
    Fault,
    Hold,
    ScriptedServer,
    SlowFirstByte,
    Text,
    ToolCalls,
)


def run(turn: Turn, decide: str | None = None) -> list[Event]:
    """All events of a turn; ``decide`` answers confirmations with approve or refuse."""
    events = []
    for event in turn:
        if isinstance(event, ConfirmationNeeded) and decide is not None:
            getattr(event.request, decide)()
        events.append(event)
    return events


def text_of(events: list[Event]) -> str:
    return "".join(e.text for e in events if isinstance(e, TextDelta))


def done(events: list[Event]) -> TurnDone:
    last = events[-1]
    assert isinstance(last, TurnDone)
    return last


def error(events: list[Event]) -> TurnError:
    errors = [e for e in events if isinstance(e, TurnError)]
    assert len(errors) == 1, events
    return errors[0]


@pytest.fixture
def sent() -> list[dict[str, Any]]:
    return []


@pytest.fixture
def with_invite(services: Services, sent: list[dict[str, Any]]) -> Services:
    @tool(Effect.EXTERNAL, describe=lambda to, subject: f"Email an invitation to {to}: {subject}")
    def send_invitation(to: str, subject: str) -> str:
        """Send a meeting invitation by email."""
        sent.append({"to": to, "subject": subject})
        return f"Invitation sent to {to}."

    services.tools.register(send_invitation)
    return services


def test_streamed_answer_is_stored_in_history(services: Services, server: ScriptedServer) -> None:
    server.enqueue(Text(["Hello", ", ", "**world**", " 你好"]))
    turn = services.agent().start(None, "Say hello")
    events = run(turn)
    assert text_of(events) == "Hello, **world** 你好"
    assert done(events).reason == "complete"
    messages = services.history.messages(turn.conversation_id)
    assert [(m.role, m.content, m.status) for m in messages] == [
        ("user", "Say hello", "complete"),
        ("assistant", "Hello, **world** 你好", "complete"),
    ]
    assert messages[1].model == "test-model"
    assert services.history.conversation(turn.conversation_id).title == "Say hello"
    request = server.requests[0]
    assert request.headers["authorization"] == "Bearer test-key"
    assert request.body["stream"] is True
    assert request.body["messages"][0]["role"] == "system"
    assert request.body["messages"][-1] == {"role": "user", "content": "Say hello"}
    assert {t["function"]["name"] for t in request.body["tools"]} >= {"current_time", "remember"}


def test_earlier_messages_are_context_for_the_next_turn(
    services: Services, server: ScriptedServer
) -> None:
    server.enqueue(Text(["Noted."]), Text(["Blue."]))
    agent = services.agent()
    first = agent.start(None, "My favourite colour is blue.")
    run(first)
    run(agent.start(first.conversation_id, "What is my favourite colour?"))
    roles = [(m["role"], m.get("content")) for m in server.requests[1].body["messages"][1:]]
    assert roles == [
        ("user", "My favourite colour is blue."),
        ("assistant", "Noted."),
        ("user", "What is my favourite colour?"),
    ]


def test_tool_call_runs_and_its_result_is_fed_back(
    services: Services, server: ScriptedServer
) -> None:
    server.enqueue(
        ToolCalls([Call("remember", json.dumps({"fact": "I prefer 会议 in the morning"}))]),
        Text(["I will remember that."]),
    )
    turn = services.agent().start(None, "Remember that I prefer morning meetings")
    events = run(turn)
    results = [e for e in events if isinstance(e, ToolResultEvent)]
    assert len(results) == 1
    assert results[0].ok
    assert results[0].undo is not None
    assert [m.text for m in services.memory.all()] == ["I prefer 会议 in the morning"]
    assert text_of(events) == "I will remember that."
    second = server.requests[1].body["messages"]
    assert second[-2]["tool_calls"][0]["function"]["name"] == "remember"
    assert second[-1]["role"] == "tool"
    assert second[-1]["tool_call_id"] == second[-2]["tool_calls"][0]["id"]
    assert "Remembered" in second[-1]["content"]
    assert "I prefer 会议 in the morning" in second[0]["content"]  # memories in the prompt
    audit = services.history.audit_entries()[0]
    assert (audit.tool, audit.effect, audit.approval, audit.outcome) == (
        "remember", "local", "automatic", "ok"
    )
    assert results[0].undo() == "Forgot: I prefer 会议 in the morning"
    assert services.memory.all() == []
    assert services.history.audit_entries()[0].outcome == "undone"


def test_external_tool_is_refused_without_confirmation(
    with_invite: Services, server: ScriptedServer, sent: list[dict[str, Any]]
) -> None:
    server.enqueue(
        ToolCalls([Call("send_invitation", '{"to": "boss@corp.example", "subject": "Q3"}')]),
        Text(["Understood, I did not send it."]),
    )
    events = run(with_invite.agent().start(None, "Invite my boss"), decide="refuse")
    confirmation = next(e for e in events if isinstance(e, ConfirmationNeeded))
    assert confirmation.request.summary == "Email an invitation to boss@corp.example: Q3"
    assert sent == []
    result = next(e for e in events if isinstance(e, ToolResultEvent))
    assert not result.ok
    assert "declined" in result.content
    fed_back = server.requests[1].body["messages"][-1]
    assert fed_back["role"] == "tool"
    assert "declined" in fed_back["content"]
    audit = with_invite.history.audit_entries()[0]
    assert (audit.approval, audit.outcome) == ("refused by the person", "refused")


def test_external_tool_runs_with_confirmation(
    with_invite: Services, server: ScriptedServer, sent: list[dict[str, Any]]
) -> None:
    server.enqueue(
        ToolCalls([Call("send_invitation", '{"to": "boss@corp.example", "subject": "Q3"}')]),
        Text(["Sent."]),
    )
    events = run(with_invite.agent().start(None, "Invite my boss"), decide="approve")
    assert sent == [{"to": "boss@corp.example", "subject": "Q3"}]
    assert text_of(events) == "Sent."
    assert with_invite.history.audit_entries()[0].approval == "approved by the person"


def test_confirmation_can_come_from_another_thread(
    with_invite: Services, server: ScriptedServer, sent: list[dict[str, Any]]
) -> None:
    server.enqueue(
        ToolCalls([Call("send_invitation", '{"to": "a@corp.example", "subject": "x"}')]),
        Text(["Done."]),
    )
    events = []
    for event in with_invite.agent().start(None, "Invite a"):
        events.append(event)
        if isinstance(event, ConfirmationNeeded):
            threading.Timer(0.05, event.request.approve).start()
    assert sent == [{"to": "a@corp.example", "subject": "x"}]
    assert done(events).reason == "complete"


def test_auto_approve_is_recorded_as_such(
    with_invite: Services, server: ScriptedServer, sent: list[dict[str, Any]]
) -> None:
    server.enqueue(
        ToolCalls([Call("send_invitation", '{"to": "a@corp.example", "subject": "x"}')]),
        Text(["Done."]),
    )
    events = run(with_invite.agent(auto_approve=True).start(None, "Invite a"))
    assert not any(isinstance(e, ConfirmationNeeded) for e in events)
    assert len(sent) == 1
    assert with_invite.history.audit_entries()[0].approval == "approved in advance (--yes)"


@pytest.mark.parametrize(
    ("arguments", "name", "expected"),
    [
        ('{"fact": "unterminated', "remember", "not valid JSON"),
        ('{"facts": "x"}', "remember", "Invalid arguments for remember"),
        ("{}", "launch_rockets", "There is no tool named 'launch_rockets'"),
    ],
)
def test_bad_tool_calls_go_back_to_the_model_as_errors(
    services: Services, server: ScriptedServer, arguments: str, name: str, expected: str
) -> None:
    server.enqueue(ToolCalls([Call(name, arguments)]), Text(["Sorry, let me fix that."]))
    events = run(services.agent().start(None, "Remember something"))
    result = next(e for e in events if isinstance(e, ToolResultEvent))
    assert not result.ok
    assert expected in result.content
    assert server.requests[1].body["messages"][-1]["content"].startswith("Error: ")
    assert done(events).reason == "complete"
    assert services.memory.all() == []


def test_a_tool_that_raises_is_an_answer_not_a_crash(
    services: Services, server: ScriptedServer
) -> None:
    @tool(Effect.READ)
    def flaky() -> str:
        """Always fails."""
        raise RuntimeError("disk on fire")

    services.tools.register(flaky)
    server.enqueue(ToolCalls([Call("flaky", "{}")]), Text(["That tool failed."]))
    events = run(services.agent().start(None, "try it"))
    result = next(e for e in events if isinstance(e, ToolResultEvent))
    assert result.content == "Error: flaky failed: RuntimeError: disk on fire"
    assert done(events).reason == "complete"


def test_steps_are_capped(services: Services, server: ScriptedServer) -> None:
    services.settings = dataclasses.replace(services.settings, max_steps=3)
    server.enqueue(*[ToolCalls([Call("current_time", "{}")]) for _ in range(3)])
    events = run(services.agent().start(None, "loop forever"))
    assert [e.tool for e in events if isinstance(e, ToolCallProposed)] == ["current_time"] * 3
    assert error(events).kind == "step_limit"
    assert done(events).reason == "step_limit"
    assert len(server.requests) == 3


# Faults: each becomes a clear error, the partial answer kept -----------------------------------


@pytest.mark.parametrize(
    ("fault", "kind", "words"),
    [
        (Fault(401, "Incorrect API key provided"), "authentication", "refused the API key"),
        (Fault(403, "no access"), "permission", "not allowed"),
        (Fault(429, "slow down", headers={"Retry-After": "7"}), "rate_limited",
         "try again in 7 seconds"),
        (Fault(500, "boom"), "server_error", "had an error (500"),
        (Fault(400, "This model's maximum context length is 8192 tokens",
               code="context_length_exceeded"), "context_too_long", "longer than the model"),
        (Fault(400, "registry.ollama.ai/library/gemma does not support tools"),
         "tools_unsupported", "does not support tool calls"),
    ],
)
def test_http_faults_become_readable_errors(
    services: Services, server: ScriptedServer, fault: Fault, kind: str, words: str
) -> None:
    server.enqueue(*[fault] * 6)
    turn = services.agent().start(None, "Hello?")
    events = run(turn)
    assert error(events).kind == kind
    assert words in error(events).message
    assert done(events).reason == "error"
    messages = services.history.messages(turn.conversation_id)
    assert messages[0].content == "Hello?"
    assert messages[-1].status == "error"
    assert words in (messages[-1].error or "")


def test_unknown_model_is_named(services: Services, server: ScriptedServer) -> None:
    services.settings = dataclasses.replace(services.settings, model="gpt-17")
    events = run(services.agent().start(None, "Hello?"))
    assert error(events).kind == "model_not_found"
    assert "'gpt-17'" in error(events).message


def test_429_with_retry_after_is_retried_by_the_client(
    services: Services, server: ScriptedServer
) -> None:
    services.settings = dataclasses.replace(services.settings, max_retries=1)
    server.enqueue(Fault(429, "slow down", headers={"Retry-After": "0.2"}), Text(["Fine now."]))
    events = run(services.agent().start(None, "Hello?"))
    assert text_of(events) == "Fine now."
    assert len(server.requests) == 2


def test_slow_first_byte_times_out(services: Services, server: ScriptedServer) -> None:
    services.settings = dataclasses.replace(services.settings, request_timeout=0.3)
    server.enqueue(SlowFirstByte(3.0, Text(["too late"])))
    events = run(services.agent().start(None, "Hello?"))
    assert error(events).kind == "timeout"
    assert "did not answer within 0.3 seconds" in error(events).message


def test_stream_cut_mid_answer_keeps_the_partial_answer(
    services: Services, server: ScriptedServer
) -> None:
    server.enqueue(CutStream(["The budget ", "limit is "]))
    turn = services.agent().start(None, "What is the limit?")
    events = run(turn)
    assert text_of(events) == "The budget limit is "
    assert error(events).kind == "stream_interrupted"
    assert "What arrived is kept" in error(events).message
    last = services.history.messages(turn.conversation_id)[-1]
    assert (last.content, last.status) == ("The budget limit is ", "error")


def test_invalid_json_in_a_chunk_is_a_clear_error(
    services: Services, server: ScriptedServer
) -> None:
    server.enqueue(BadChunk("partial"))
    turn = services.agent().start(None, "Hello?")
    events = run(turn)
    assert text_of(events) == "partial"
    assert error(events).kind in {"bad_response", "stream_interrupted"}
    assert services.history.messages(turn.conversation_id)[-1].content == "partial"


def test_unreachable_server(services: Services, model_env: ScriptedServer) -> None:
    services.settings = dataclasses.replace(services.settings, base_url="http://127.0.0.1:9/v1")
    events = run(services.agent().start(None, "Hello?"))
    assert error(events).kind == "unreachable"
    assert "Cannot reach the model server at http://127.0.0.1:9/v1" in error(events).message


def test_not_configured_says_where_to_configure(services: Services) -> None:
    services.settings = dataclasses.replace(services.settings, model="", provider="")
    turn = services.agent().start(None, "Hello?")
    events = run(turn)
    assert error(events).kind == "not_configured"
    assert services.history.messages(turn.conversation_id)[0].content == "Hello?"


def test_context_too_long_is_retried_with_a_shorter_history(
    services: Services, server: ScriptedServer
) -> None:
    agent = services.agent()
    conversation = services.history.create_conversation().id
    for index in range(30):
        services.history.add_message(conversation, "user", f"old question {index} " + "x" * 2000)
        services.history.add_message(conversation, "assistant", f"old answer {index}", model="m")
    server.enqueue(Fault(400, "maximum context length exceeded", code="context_length_exceeded"),
                   Text(["Short answer."]))
    events = run(agent.start(conversation, "New question"))
    assert text_of(events) == "Short answer."
    first, second = (len(r.body["messages"]) for r in server.requests)
    assert second < first
    assert server.requests[1].body["messages"][-1]["content"] == "New question"


def test_cancel_stops_a_held_stream_and_keeps_the_text(
    services: Services, server: ScriptedServer
) -> None:
    release = threading.Event()
    server.enqueue(Hold(["Partial ", "answer"], release))
    turn = services.agent().start(None, "Tell me a long story")
    events: list[Event] = []
    for event in turn:
        events.append(event)
        if isinstance(event, TextDelta) and text_of(events) == "Partial answer":
            turn.cancel()
    release.set()
    assert done(events).reason == "cancelled"
    last = services.history.messages(turn.conversation_id)[-1]
    assert (last.content, last.status) == ("Partial answer", "cancelled")


def test_cancel_while_waiting_for_confirmation(
    with_invite: Services, server: ScriptedServer, sent: list[dict[str, Any]]
) -> None:
    server.enqueue(
        ToolCalls([Call("send_invitation", '{"to": "a@corp.example", "subject": "x"}')])
    )
    turn = with_invite.agent().start(None, "Invite a")
    events = []
    for event in turn:
        events.append(event)
        if isinstance(event, ConfirmationNeeded):
            turn.cancel()
    assert sent == []
    assert done(events).reason == "cancelled"
    assert with_invite.history.audit_entries()[0].approval == "cancelled (turn stopped)"


def test_deleting_the_conversation_mid_turn_ends_it_quietly(
    services: Services, server: ScriptedServer
) -> None:
    release = threading.Event()
    server.enqueue(Hold(["Half an answer"], release))
    turn = services.agent().start(None, "Tell me")
    events: list[Event] = []
    for event in turn:
        events.append(event)
        if isinstance(event, TextDelta):
            services.history.delete_conversation(turn.conversation_id)
            release.set()
    assert done(events).reason == "cancelled"
    assert not services.history.has_conversation(turn.conversation_id)
