"""The command line as other tools use it: real processes, a real database, the scripted server."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from desktop_assistant import cli
from desktop_assistant.app import Services
from desktop_assistant.assistant.tools import Effect, tool
from tests.support.openai_server import Call, Fault, ScriptedServer, Text, ToolCalls


def assistant(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_assistant", *args],
        input=stdin, capture_output=True, text=True, timeout=60, env=os.environ.copy(),
    )


def test_ask_streams_the_answer_and_history_shows_it(model_env: ScriptedServer) -> None:
    model_env.enqueue(Text(["明天的", "会议室在三楼。"]), Text(["Second answer."]))
    first = assistant("ask", "会议室在哪里？")
    assert (first.returncode, first.stdout, first.stderr) == (0, "明天的会议室在三楼。\n", "")
    second = assistant("ask", "--conversation", "1", "--json", "And then?")
    events = [json.loads(line) for line in second.stdout.splitlines()]
    assert [e["type"] for e in events] == ["started", "text", "done"]
    assert events[0]["conversation_id"] == 1
    assert events[-1]["reason"] == "complete"

    listed = assistant("history", "list", "--json")
    assert [c["title"] for c in json.loads(listed.stdout)] == ["会议室在哪里？"]
    found = assistant("history", "search", "会议")
    assert found.returncode == 0
    assert "会议室在三楼" in found.stdout
    shown = assistant("history", "show", "1")
    assert "[AI] Second answer." in shown.stdout
    exported = json.loads(assistant("history", "export", "--format", "json").stdout)
    messages = exported["conversations"][0]["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "user", "assistant"]
    assert messages[1]["ai_written"] is True
    markdown = assistant("history", "export").stdout
    assert "## Assistant (AI-written, test-model)" in markdown


def test_errors_go_to_stderr_with_a_nonzero_exit(model_env: ScriptedServer) -> None:
    model_env.enqueue(*[Fault(401, "Incorrect API key")] * 3)
    result = assistant("ask", "Hello")
    assert result.returncode == 1
    assert result.stdout.strip() == ""
    assert "refused the API key" in result.stderr
    missing = assistant("history", "show", "42")
    assert missing.returncode == 1
    assert "There is no conversation 42" in missing.stderr
    usage = assistant("history", "frobnicate")
    assert usage.returncode == 2


def test_slash_commands_need_no_model() -> None:
    result = assistant("ask", "/remember", "I take tea, not coffee")
    assert result.returncode == 0
    assert result.stdout.startswith("Remembered (#1)")
    assert "I take tea" in assistant("ask", "/memories").stdout


def test_config_show_and_set_never_take_secrets(home: Path) -> None:
    assert assistant("config", "set", "model", "qwen2.5").returncode == 0
    shown = assistant("config", "show").stdout
    assert "model = 'qwen2.5'" in shown
    assert str(home) in shown
    refused = assistant("config", "set", "api_key", "sk-not-here")
    assert refused.returncode == 1
    assert "Unknown setting 'api_key'" in refused.stderr
    assert "sk-not-here" not in (home / "config" / "settings.toml").read_text()


@pytest.fixture
def cli_services(services: Services, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The CLI in this process, with an ``external`` test tool registered on its services."""
    sent: list[dict[str, Any]] = []

    @tool(Effect.EXTERNAL, describe=lambda to: f"Email an invitation to {to}")
    def send_invitation(to: str) -> str:
        """Send a meeting invitation."""
        sent.append({"to": to})
        return "sent"

    services.tools.register(send_invitation)
    services.close = lambda: None  # type: ignore[method-assign]
    monkeypatch.setattr(cli, "_services", lambda: services)
    return sent


def test_ask_refuses_external_actions_without_a_terminal(
    cli_services: list[dict[str, Any]], server: ScriptedServer,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", open(os.devnull))  # noqa: SIM115 - closed by pytest
    server.enqueue(ToolCalls([Call("send_invitation", '{"to": "x@corp.example"}')]),
                   Text(["Not sent."]))
    assert cli.main(["ask", "Invite x"]) == 0
    sys.stdin.close()
    assert cli_services == []
    err = capsys.readouterr().err
    assert "The assistant wants to: Email an invitation to x@corp.example" in err
    assert "Refused: no terminal to confirm on (use --yes to allow)." in err


def test_ask_yes_allows_external_actions(
    cli_services: list[dict[str, Any]], server: ScriptedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.enqueue(ToolCalls([Call("send_invitation", '{"to": "x@corp.example"}')]),
                   Text(["Sent."]))
    assert cli.main(["ask", "--yes", "--json", "Invite x"]) == 0
    assert cli_services == [{"to": "x@corp.example"}]
    types = [json.loads(line)["type"] for line in capsys.readouterr().out.splitlines()]
    assert types == ["started", "tool_call", "tool_result", "text", "done"]


def test_killed_mid_answer_loses_at_most_the_last_moment(
    model_env: ScriptedServer, home: Path
) -> None:
    """SIGKILL while the answer streams: the database is intact, the question and the
    checkpointed text are there, and nothing older than about a second is lost."""
    chunks = [f"part{index:02d} " for index in range(60)]
    model_env.enqueue(Text(chunks, delay=0.1))
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop_assistant", "ask", "Write a long answer, 请"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ.copy(),
    )
    assert process.stdout is not None
    received: list[tuple[float, str]] = []
    buffer = b""
    while len(received) < 25:
        byte = process.stdout.read(1)
        assert byte, process.stderr.read().decode() if process.stderr else ""
        buffer += byte
        if buffer.endswith(b" "):
            received.append((time.monotonic(), buffer.decode()))
            buffer = b""
    process.send_signal(signal.SIGKILL)
    killed_at = time.monotonic()
    process.wait(timeout=10)
    process.stdout.close()
    process.stderr.close()  # type: ignore[union-attr]

    database = home / "data" / "assistant.db"
    conn = sqlite3.connect(database)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = conn.execute("SELECT role, content, status FROM messages ORDER BY id").fetchall()
    conn.close()
    assert rows[0] == ("user", "Write a long answer, 请", "complete")
    role, content, status = rows[1]
    assert (role, status) == ("assistant", "streaming")
    printed = "".join(text for _, text in received)
    assert printed.startswith(content)
    older = "".join(text for at, text in received if killed_at - at > 1.2)
    assert content.startswith(older)
    assert len(content) >= len(older) > 0

    reopened = Services.from_environment()
    message = reopened.history.messages(1)[1]
    reopened.close()
    assert (message.status, message.content) == ("interrupted", content)
