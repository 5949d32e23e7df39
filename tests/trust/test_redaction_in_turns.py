"""Redaction in real turns: the scripted server (standing in for a cloud model) never sees
the person's email addresses, phone numbers or keys, and what comes back is restored: the
answer on screen and in history, and tool arguments, so drafts reach the real address."""

from __future__ import annotations

import dataclasses
import json

import pytest

from desktop_assistant.app import Services
from desktop_assistant.assistant.agent import ConfirmationNeeded, Redacted, TextDelta
from desktop_assistant.assistant.redacted_client import (
    PLACEHOLDER_NOTE,
    RedactingClient,
    describe_redaction,
)
from tests.support.openai_server import Call, CutStream, ScriptedServer, Text, ToolCalls

ADDRESS = "finance@corp.example"
MOBILE = "13812345678"
KEY = "sk-proj-Zt8Qm2Lk9Xv4Rb7Nc3Wd6Hf1Jg5Py0Ua"


@pytest.fixture
def redacting(services: Services) -> Services:
    # The scripted server is on loopback; redact_local treats it like a cloud server.
    services.settings = dataclasses.replace(services.settings, redact_local=True)
    return services


def sent_text(server: ScriptedServer) -> str:
    return "\n".join(json.dumps(r.body, ensure_ascii=False) for r in server.requests)


def test_cloud_mode_redacts_only_outside_the_company_network(services: Services) -> None:
    assert not services.redacts()  # loopback is this computer
    services.settings = dataclasses.replace(
        services.settings, base_url="https://llm.vendor.example/v1")
    assert services.redacts()
    services.settings = dataclasses.replace(services.settings, redact_cloud=False)
    assert not services.redacts()
    services.settings = dataclasses.replace(
        services.settings, redact_cloud=True, provider_mode="off")
    assert not services.redacts()


def test_the_model_sees_placeholders_and_the_person_sees_values(
    redacting: Services, server: ScriptedServer
) -> None:
    server.enqueue(
        ToolCalls([Call("draft_email", json.dumps({
            "to": ["[EMAIL_1]"], "subject": "Budget",
            "body": "Please call me on [PHONE_1].",
        }))]),
        # The placeholder arrives split across chunks, as streamed tokens do.
        Text(["I drafted it to [EMA", "IL_1]; they can call ", "【PHONE_1】."]),
    )
    agent = redacting.agent()
    assert isinstance(redacting.client(), RedactingClient)
    turn = agent.start(None, f"Email {ADDRESS} about the budget; my mobile is {MOBILE}. "
                             f"Our key {KEY} expired.")
    events = list(turn)

    everything_sent = sent_text(server)
    for value in (ADDRESS, MOBILE, KEY):
        assert value not in everything_sent
    first = server.requests[0].body["messages"]
    assert "[EMAIL_1]" in first[-1]["content"]
    assert "[PHONE_1]" in first[-1]["content"]
    assert "[API_KEY_1]" in first[-1]["content"]
    assert PLACEHOLDER_NOTE in first[0]["content"]

    shown = "".join(e.text for e in events if isinstance(e, TextDelta))
    assert shown == f"I drafted it to {ADDRESS}; they can call {MOBILE}."
    # Said once (the second request replaced nothing new), and audited by category only.
    notes = [e.categories for e in events if isinstance(e, Redacted)]
    assert notes == [{"email": 1, "phone": 1, "api_key": 1}]
    audited = [e for e in redacting.history.audit_entries() if e.tool == "redaction"]
    assert [e.arguments for e in audited] == [{"categories": notes[0]}]
    assert ADDRESS not in json.dumps([vars(e) for e in audited], ensure_ascii=False, default=str)
    stored = redacting.history.messages(turn.conversation_id)
    assert stored[0].content.startswith(f"Email {ADDRESS}")
    assert stored[-1].content == shown
    draft = redacting.mail.drafts_for_conversation(turn.conversation_id)[0].draft
    assert draft.to == (ADDRESS,)
    assert f"call me on {MOBILE}" in draft.body
    # The tool's result goes back to the model redacted too.
    second = server.requests[1].body["messages"]
    assert ADDRESS not in json.dumps(second, ensure_ascii=False)


def test_an_external_action_is_confirmed_with_the_real_recipient(
    redacting: Services, server: ScriptedServer
) -> None:
    from desktop_assistant.assistant.tools import Effect, tool

    invited: list[str] = []

    @tool(Effect.EXTERNAL, describe=lambda to: f"Send a meeting invitation to {to}")
    def send_invitation(to: str) -> str:
        """Send a meeting invitation by email."""
        invited.append(to)
        return f"Invitation sent to {to}."

    redacting.tools.register(send_invitation)
    server.enqueue(ToolCalls([Call("send_invitation", '{"to": "[EMAIL_1]"}')]), Text(["Done."]))
    summaries = []
    for event in redacting.agent().start(None, f"Invite {ADDRESS} to Friday's review"):
        if isinstance(event, ConfirmationNeeded):
            summaries.append(event.request.summary)
            event.request.approve()
    assert summaries == [f"Send a meeting invitation to {ADDRESS}"]
    assert invited == [ADDRESS]
    entry = redacting.history.audit_entries()
    assert any(ADDRESS in json.dumps(e.arguments) for e in entry)


def test_a_cut_stream_keeps_what_was_held_back(
    redacting: Services, server: ScriptedServer
) -> None:
    server.enqueue(CutStream(["Write to [EMAIL_1"]))
    turn = redacting.agent().start(None, f"Who handles {ADDRESS}?")
    events = list(turn)
    shown = "".join(e.text for e in events if isinstance(e, TextDelta))
    assert shown == f"Write to {ADDRESS}"  # the held-back placeholder, restored
    assert redacting.history.messages(turn.conversation_id)[-1].content == shown


def test_describe_redaction_for_people() -> None:
    assert describe_redaction({"email": 2, "phone": 1, "iban": 0}) == (
        "2 email addresses and 1 phone number")
    assert describe_redaction({"api_key": 1}) == "1 API key or password"
