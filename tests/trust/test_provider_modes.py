"""Provider modes: cloud sends anywhere, local-only only to this computer or the company
network, off sends nothing (slash commands still answer)."""

from __future__ import annotations

import dataclasses

import pytest

from desktop_assistant.app import Services
from desktop_assistant.assistant.agent import TextDelta, TurnDone, TurnError
from desktop_assistant.assistant.privacy import (
    EndpointRefused,
    ModelOff,
    endpoint_host,
    invalid_company_hosts,
    is_company_host,
    model_access_problem,
)
from desktop_assistant.assistant.providers import check_connection
from tests.support.openai_server import ScriptedServer, Text


@pytest.mark.parametrize(
    ("host", "company", "allowed"),
    [
        ("127.0.0.1", "", True),
        ("::1", "", True),
        ("localhost", "", True),
        ("10.20.30.40", "", True),
        ("192.168.1.5", "", True),
        ("172.16.0.9", "", True),
        ("llm.internal", "", True),
        ("gpu-box.lan", "", True),
        ("api.openai.com", "", False),
        ("8.8.8.8", "", False),
        ("myresource.openai.azure.com", "", False),
        ("llm.corp.example", "corp.example", True),
        ("corp.example", "*.corp.example", True),
        ("evilcorp.example", "corp.example", False),
        ("corp.example.attacker.net", "corp.example", False),
        ("100.64.3.2", "100.64.0.0/10", True),
        ("100.64.3.2", "", False),
    ],
)
def test_company_hosts(host: str, company: str, allowed: bool) -> None:
    assert is_company_host(host, company) is allowed


def test_endpoint_host_reads_urls_and_defaults_to_openai() -> None:
    assert endpoint_host("openai", None) == "api.openai.com"
    assert endpoint_host("compatible", "http://127.0.0.1:11434/v1") == "127.0.0.1"
    assert endpoint_host("compatible", "HTTPS://LLM.Corp.Example./v1") == "llm.corp.example"
    assert endpoint_host("compatible", "[::1]:8000") == "::1"


def test_invalid_company_hosts_are_named() -> None:
    assert invalid_company_hosts("corp.example, 10.0.0.0/8, bad/host, ex ample") == [
        "bad/host", "ex ample"]


def test_modes_decide_what_may_be_called() -> None:
    assert model_access_problem("cloud", "openai", None) is None
    off = model_access_problem("off", "compatible", "http://127.0.0.1:1/v1")
    assert isinstance(off, ModelOff)
    assert "/help" in off.message
    refused = model_access_problem("local_only", "openai", None)
    assert isinstance(refused, EndpointRefused)
    assert "api.openai.com" in refused.message
    assert "Settings → Privacy" in refused.message
    assert model_access_problem("local_only", "azure", "https://x.openai.azure.com") is not None
    assert model_access_problem("local_only", "compatible", "http://localhost:11434/v1") is None


def test_local_only_talks_to_a_loopback_server(services: Services, server: ScriptedServer) -> None:
    services.settings = dataclasses.replace(services.settings, provider_mode="local_only")
    server.enqueue(Text(["fine"]))
    events = list(services.agent().start(None, "hello"))
    assert "".join(e.text for e in events if isinstance(e, TextDelta)) == "fine"


def test_local_only_refuses_a_cloud_server_without_connecting(
    services: Services, server: ScriptedServer
) -> None:
    services.settings = dataclasses.replace(
        services.settings, provider_mode="local_only", provider="compatible",
        base_url="https://llm.vendor.example/v1",
    )
    turn = services.agent().start(None, "Summarise the salary review")
    events = list(turn)
    errors = [e for e in events if isinstance(e, TurnError)]
    assert [e.kind for e in errors] == ["endpoint_refused"]
    assert "llm.vendor.example" in errors[0].message
    assert isinstance(events[-1], TurnDone)
    assert events[-1].reason == "error"
    assert server.requests == []
    # What the person wrote is kept all the same.
    kept = services.history.messages(turn.conversation_id)[0]
    assert kept.content == "Summarise the salary review"
    with pytest.raises(EndpointRefused):
        check_connection(services.model_config())


def test_off_sends_nothing_but_slash_commands_answer(
    services: Services, server: ScriptedServer
) -> None:
    services.settings = dataclasses.replace(services.settings, provider_mode="off")
    events = list(services.agent().start(None, "hello"))
    assert [e.kind for e in events if isinstance(e, TurnError)] == ["model_off"]
    assert server.requests == []
    reply = services.run_command(None, "/help")
    assert "/remind" in reply.answer.content
