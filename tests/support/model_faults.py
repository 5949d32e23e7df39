"""The model-server fault matrix: each way a model server can fail, run through the real app.

One ``FaultCase`` scripts a fault (on the scripted server, or an address where nothing
listens, a name that does not resolve, a certificate nobody trusts) and says what the person
must be told. ``run_case`` runs one turn into the fault through ``Services`` and the real
``openai`` client, then shows the app is still usable: a Retry of the same message, then a
next message, both against a working server. It returns what it saw as an ``Outcome``;
``tests/trust/test_model_faults.py`` asserts on it and ``benchmarks/fault_matrix.py`` prints
it as a table.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import socket
import ssl
import tempfile
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_assistant.app import Services
from desktop_assistant.assistant.agent import (
    Event,
    TextDelta,
    ToolResultEvent,
    Turn,
    TurnDone,
    TurnError,
    TurnStarted,
)
from tests.support.openai_server import (
    BadChunk,
    Call,
    CutStream,
    Fault,
    RawBody,
    Reply,
    ScriptedServer,
    SlowFirstByte,
    Text,
    ToolCalls,
    Truncated,
)

QUESTION = "What does the travel policy say?"
RETRY_ANSWER = "The travel policy allows economy class."
NEXT_QUESTION = "Thanks. And the expense form?"
NEXT_ANSWER = "Use form E-12."
WITHOUT_TOOL = "Sorry, let me answer without it."

PROXY_PAGE = (
    "<html><head><title>502 Bad Gateway</title></head>"
    "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
)
TOO_LONG = "This model's maximum context length is 8192 tokens. Please reduce the length."


@dataclass(frozen=True)
class FaultCase:
    """One fault and what the person must see.

    ``endpoint``: where the faulty turn goes: ``scripted`` (the scripted server, answering
    ``replies``), ``refused`` (a port where nothing listens), ``dns`` (a name under
    ``.invalid``, RFC 6761) or ``tls`` (the scripted server over HTTPS with a certificate
    this computer does not trust; the Retry then trusts its CA through SSL_CERT_FILE).
    ``kind`` None: the fault is absorbed (client retries, tool errors) and the turn completes.
    """

    name: str
    replies: tuple[Reply, ...] = ()
    kind: str | None = None
    words: tuple[str, ...] = ()  # in the message, case-insensitive
    requests: int | None = None  # chat requests the faulty turn made; None: not fixed
    partial: str = ""  # the text streamed before the fault, kept in history
    reason: str = "error"
    settings: dict[str, Any] = field(default_factory=dict)
    endpoint: str = "scripted"
    history: int = 0  # earlier exchanges in the conversation (long ones)
    tool_errors: tuple[str, ...] = ()  # words in the tool results fed back to the model


@dataclass
class Outcome:
    """What one case did, for the test to assert and the benchmark to print."""

    case: FaultCase
    errors: list[TurnError] = field(default_factory=list)
    reason: str = ""
    streamed: str = ""
    stored: list[tuple[str, str, str]] = field(default_factory=list)  # after the fault
    stored_after: list[tuple[str, str, str]] = field(default_factory=list)  # after recovery
    tool_results: list[ToolResultEvent] = field(default_factory=list)
    requests: int = 0
    sent: list[list[dict[str, Any]]] = field(default_factory=list)  # every request's messages
    retry_text: str = ""
    retry_reason: str = ""
    next_text: str = ""
    next_reason: str = ""
    tls_failures: int = 0
    seconds: float = 0.0
    crashed: str | None = None  # the traceback, if anything raised out of the agent

    @property
    def kind(self) -> str | None:
        return self.errors[0].kind if self.errors else None

    @property
    def message(self) -> str:
        return self.errors[0].message if self.errors else ""

    @property
    def partial_kept(self) -> bool:
        """The person's message is stored once, and the answer as far as it came."""
        if not self.stored or self.stored[0][:2] != ("user", QUESTION):
            return False
        answers = [content for role, content, _ in self.stored if role == "assistant"]
        return not self.case.partial or self.case.partial in answers

    @property
    def recovered(self) -> bool:
        return (self.retry_text == RETRY_ANSWER and self.retry_reason == "complete"
                and self.next_text == NEXT_ANSWER and self.next_reason == "complete")


def case_list() -> list[FaultCase]:
    """Every model-server fault of issue 7, in the order a person might meet them."""
    tool_then_answer = (Text([WITHOUT_TOOL]),)
    return [
        FaultCase("connection refused", endpoint="refused", kind="unreachable",
                  words=("cannot reach", "connection refused", "running"), requests=0),
        FaultCase("DNS failure", endpoint="dns", kind="unreachable",
                  words=("model-server.invalid", "not found", "dns", "address", "vpn"),
                  requests=0, settings={"provider_mode": "cloud"}),
        FaultCase("TLS certificate not trusted", endpoint="tls", kind="tls",
                  words=("certificate", "does not trust", "company ca", "ssl_cert_file"),
                  requests=0),
        FaultCase("401 bad API key", (Fault(401, "Incorrect API key provided"),),
                  kind="authentication", words=("refused the api key", "settings → model"),
                  requests=1),
        FaultCase("403 forbidden", (Fault(403, "Project does not have access"),),
                  kind="permission", words=("not allowed", "ask", "access"), requests=1),
        FaultCase("404 unknown model", kind="model_not_found", requests=1,
                  words=("does not know the model 'gpt-17'", "settings → model"),
                  settings={"model": "gpt-17"}),
        FaultCase("429 Retry-After, retried, then ok",
                  (Fault(429, "slow down", headers={"Retry-After": "0.2"}),
                   Text(["Fine ", "now."])),
                  requests=2, reason="complete", partial="Fine now.",
                  settings={"max_retries": 1}),
        FaultCase("429 Retry-After, retries exhausted",
                  (Fault(429, "slow down", headers={"Retry-After": "0.2"}),) * 2,
                  kind="rate_limited", words=("rate limiting", "try again in 0.2 seconds"),
                  requests=2, settings={"max_retries": 1}),
        FaultCase("429 Retry-After 2 minutes",
                  (Fault(429, "quota", headers={"Retry-After": "120"}),),
                  kind="rate_limited", words=("rate limiting", "try again in about 2 minutes"),
                  requests=1, settings={"max_retries": 2}),  # too long to wait: not retried
        FaultCase("429 without Retry-After", (Fault(429, "slow down"),), kind="rate_limited",
                  words=("rate limiting", "try again in a moment"), requests=1),
        FaultCase("500 server error", (Fault(500, "boom"),), kind="server_error",
                  words=("had an error (500", "boom", "try again"), requests=1),
        FaultCase("500, retried, then ok", (Fault(500, "boom"), Text(["Recovered by itself."])),
                  requests=2, reason="complete", partial="Recovered by itself.",
                  settings={"max_retries": 1}),
        FaultCase("502 proxy page", (RawBody(502, PROXY_PAGE),), kind="server_error",
                  words=("502", "web page", "502 bad gateway", "gateway or proxy", "try again"),
                  requests=1),
        FaultCase("503 unavailable", (Fault(503, "overloaded"),), kind="server_error",
                  words=("503", "overloaded", "try again"), requests=1),
        FaultCase("200 proxy page", (RawBody(200, PROXY_PAGE),), kind="bad_response",
                  words=("web page instead of a model answer", "502 bad gateway", "proxy"),
                  requests=1),
        FaultCase("200 empty body", (RawBody(200, "", "application/json"),),
                  kind="bad_response", words=("without sending any", "proxy", "try again"),
                  requests=1),
        FaultCase("first byte after the timeout",
                  (SlowFirstByte(3.0, Text(["too late"])),) * 2, kind="timeout",
                  words=("did not answer within 0.3 seconds", "2 attempts", "try again",
                         "timeout"),
                  requests=2, settings={"request_timeout": 0.3, "max_retries": 1}),
        FaultCase("stream cut mid-answer", (CutStream(["The policy ", "allows "]),),
                  kind="stream_interrupted", partial="The policy allows ",
                  words=("broke in the middle", "what arrived is kept", "try again"),
                  requests=1),
        FaultCase("invalid JSON in a chunk", (BadChunk("The policy "),), kind="bad_response",
                  partial="The policy ",
                  words=("malformed chunk", "not valid json", "what arrived is kept"),
                  requests=1),
        FaultCase("tool arguments not JSON",
                  (ToolCalls([Call("remember", '{"fact": "unterminated')]), *tool_then_answer),
                  requests=2, reason="complete", partial=WITHOUT_TOOL,
                  tool_errors=("not valid JSON",)),
        FaultCase("tool arguments of the wrong type",
                  (ToolCalls([Call("remember", '{"fact": ["a", "list"]}')]),
                   *tool_then_answer),
                  requests=2, reason="complete", partial=WITHOUT_TOOL,
                  tool_errors=("Invalid arguments for remember",)),
        FaultCase("unknown tool",
                  (ToolCalls([Call("launch_rockets", "{}")]), *tool_then_answer),
                  requests=2, reason="complete", partial=WITHOUT_TOOL,
                  tool_errors=("There is no tool named 'launch_rockets'",)),
        FaultCase("tools forever",
                  tuple(ToolCalls([Call("current_time", "{}")]) for _ in range(3)),
                  kind="step_limit", reason="step_limit", requests=3,
                  words=("stopped after 3 tool steps", "ask again"),
                  settings={"max_steps": 3}),
        FaultCase("message alone too long for the context",
                  (Fault(400, TOO_LONG, code="context_length_exceeded"),),
                  kind="context_too_long", requests=1,
                  words=("your message is longer than the model can read", "8192",
                         "shorten", "settings → model")),
        FaultCase("long history, then message too long",
                  (Fault(400, TOO_LONG, code="context_length_exceeded"),) * 12,
                  kind="context_too_long", history=30,
                  words=("your message is longer than the model can read",
                         "even without the earlier conversation")),
        FaultCase("answer cut off at max tokens", (Truncated(["The policy ", "allows eco"]),),
                  kind="answer_truncated", partial="The policy allows eco",
                  words=("cut off", "length limit", "what arrived is kept", "continue"),
                  requests=1),
        FaultCase("tool call cut off at max tokens",
                  (Truncated(["Noting it. "], calls=[Call("remember", '{"fact": "I like t')]),),
                  kind="answer_truncated", partial="Noting it. ",
                  words=("cut off", "length limit", "tool call", "nothing was run"),
                  requests=1),
        FaultCase("2 MB answer", (Text(_huge_answer()),), requests=1, reason="complete",
                  partial="".join(_huge_answer())),
    ]


def _huge_answer() -> list[str]:
    line = "The travel policy, clause by clause: economy class, receipts, 差旅 报销.\n"
    chunk = line * 64  # about 5 KB
    return [chunk] * (2_000_000 // len(chunk.encode()) + 1)


# Running a case ----------------------------------------------------------------------------


def closed_port() -> int:
    """A port on loopback where nothing listens (bound, then closed again)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def https_server() -> Iterator[tuple[ScriptedServer, Path]]:
    """The scripted server over HTTPS, with a certificate from a fresh CA (``trustme``) that
    this computer does not trust until SSL_CERT_FILE names the CA's file, yielded with it."""
    import trustme

    authority = trustme.CA(organization_name="Example Corp internal CA")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    with tempfile.TemporaryDirectory() as folder:
        ca_file = Path(folder) / "company-ca.pem"
        authority.cert_pem.write_to_path(str(ca_file))
        with ScriptedServer(models=["test-model"], tls=context) as server:
            yield server, ca_file


@contextlib.contextmanager
def environment(name: str, value: str) -> Iterator[None]:
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


def run_case(services: Services, server: ScriptedServer, case: FaultCase) -> Outcome:
    """Run ``case`` against ``services`` (configured for ``server``); never raises."""
    outcome = Outcome(case)
    with contextlib.ExitStack() as stack:
        try:
            _run(services, server, case, outcome, stack)
        except Exception:
            outcome.crashed = traceback.format_exc()
    return outcome


def _run(
    services: Services, server: ScriptedServer, case: FaultCase, outcome: Outcome,
    stack: contextlib.ExitStack,
) -> None:
    good = services.settings
    target, before = server, len(server.requests)
    base_url = good.base_url
    if case.endpoint == "refused":
        base_url = f"http://127.0.0.1:{closed_port()}/v1"
    elif case.endpoint == "dns":
        base_url = "http://model-server.invalid/v1"
    elif case.endpoint == "tls":
        target, ca_file = stack.enter_context(https_server())
        base_url = target.base_url
    target.enqueue(*case.replies)
    conversation = _long_history(services, case.history) if case.history else None
    services.settings = dataclasses.replace(good, base_url=base_url, **case.settings)
    agent = services.agent()  # with the case's limits (max_steps)
    started = time.perf_counter()
    events = _events(agent.start(conversation, QUESTION))
    outcome.seconds = time.perf_counter() - started
    services.settings = dataclasses.replace(good, base_url=base_url)
    if case.endpoint in ("refused", "dns"):  # the person corrects the address
        services.settings = good
    outcome.errors = [e for e in events if isinstance(e, TurnError)]
    outcome.tool_results = [e for e in events if isinstance(e, ToolResultEvent)]
    outcome.streamed = "".join(e.text for e in events if isinstance(e, TextDelta))
    last = events[-1]
    outcome.reason = last.reason if isinstance(last, TurnDone) else f"no TurnDone: {last!r}"
    first = events[0]
    assert isinstance(first, TurnStarted), first
    conversation = first.conversation_id
    outcome.stored = _stored(services, conversation, first.user_message_id)
    outcome.requests = len(target.requests) - before
    if case.endpoint == "tls":
        target.wait_for_tls_failures(1)
        outcome.tls_failures = len(target.tls_failures)
        stack.enter_context(environment("SSL_CERT_FILE", str(ca_file)))  # IT's company CA
    target.clear()  # replies a shorter fault did not use

    target.enqueue(Text([RETRY_ANSWER]), Text([NEXT_ANSWER]))
    # The Retry button; with nothing to retry, the person asks the same again.
    retry = agent.retry(conversation) if outcome.errors else agent.start(conversation, QUESTION)
    again = _events(retry)
    outcome.retry_text = "".join(e.text for e in again if isinstance(e, TextDelta))
    outcome.retry_reason = _reason(again)
    following = _events(agent.start(conversation, NEXT_QUESTION))
    outcome.next_text = "".join(e.text for e in following if isinstance(e, TextDelta))
    outcome.next_reason = _reason(following)
    outcome.sent = [r.body["messages"] for r in target.requests[before:]]
    outcome.stored_after = _stored(services, conversation, first.user_message_id)
    services.settings = good


def _stored(services: Services, conversation: int, since: int) -> list[tuple[str, str, str]]:
    """The conversation from the person's message ``since`` on."""
    return [(m.role, m.content, m.status)
            for m in services.history.messages(conversation) if m.id >= since]


def _long_history(services: Services, exchanges: int) -> int:
    conversation = services.history.create_conversation("Earlier").id
    for index in range(exchanges):
        services.history.add_message(conversation, "user", f"old question {index} " + "x" * 2000)
        services.history.add_message(conversation, "assistant", f"old answer {index}", model="m")
    return conversation


def _events(turn: Turn) -> list[Event]:
    return list(turn)


def _reason(events: list[Event]) -> str:
    last = events[-1] if events else None
    return last.reason if isinstance(last, TurnDone) else f"no TurnDone: {last!r}"


def unanswered_tool_calls(messages: list[dict[str, Any]]) -> list[str]:
    """Tool call ids in ``messages`` (as sent to the model) with no tool result after them."""
    missing: list[str] = []
    for index, message in enumerate(messages):
        for call in message.get("tool_calls") or []:
            answered = any(m.get("role") == "tool" and m.get("tool_call_id") == call["id"]
                           for m in messages[index + 1:])
            if not answered:
                missing.append(call["id"])
    return missing


def request_size(messages: list[dict[str, Any]]) -> int:
    return len(json.dumps(messages, ensure_ascii=False).encode())
