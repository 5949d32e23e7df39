"""Model-server faults (issue 7): every way the model server can fail ends in a clear message,
the person's message and the partial answer kept, and a Retry (then a next message) that works.

Each case runs through ``Services`` and the real ``openai`` client against the scripted server
on loopback (or an address where nothing listens, a ``.invalid`` name, an untrusted HTTPS
certificate). The matrix itself lives in ``tests/support/model_faults.py``, shared with
``benchmarks/fault_matrix.py``.
"""

from __future__ import annotations

import dataclasses
import email.utils
import threading
import time
from collections.abc import Iterator

import httpx
import openai
import pytest

from desktop_assistant.app import Services
from desktop_assistant.assistant.agent import Event, TextDelta, TurnDone, TurnError
from desktop_assistant.assistant.llm import ModelConfig
from desktop_assistant.assistant.model_errors import RateLimited, map_error
from tests.support.model_faults import (
    NEXT_ANSWER,
    NEXT_QUESTION,
    PROXY_PAGE,
    QUESTION,
    RETRY_ANSWER,
    FaultCase,
    Outcome,
    case_list,
    https_server,
    request_size,
    run_case,
    unanswered_tool_calls,
)
from tests.support.openai_server import Hold, ScriptedServer, SlowFirstByte, Text

CASES = case_list()


@pytest.fixture(autouse=True)
def no_thread_left_hanging() -> Iterator[None]:
    """Every thread a test started (the servers' included) has ended once it is over."""
    before = set(threading.enumerate())
    yield
    for thread in set(threading.enumerate()) - before:
        thread.join(10)
        assert not thread.is_alive(), f"thread left hanging: {thread.name}"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_fault_is_told_kept_and_retried(
    services: Services, server: ScriptedServer, case: FaultCase
) -> None:
    outcome = run_case(services, server, case)
    assert outcome.crashed is None, outcome.crashed

    # What the person is told.
    assert outcome.reason == case.reason
    assert [e.kind for e in outcome.errors] == ([case.kind] if case.kind else [])
    for words in case.words:
        assert words.lower() in outcome.message.lower(), (words, outcome.message)

    # What is kept: the person's message, and the answer as far as it came.
    assert outcome.stored[0] == ("user", QUESTION, "complete")
    assert outcome.streamed == case.partial
    answers = [(content, status) for role, content, status in outcome.stored
               if role == "assistant"]
    if case.reason == "error":
        assert answers[-1] == (case.partial, "error")
    else:
        assert answers[-1][0] == case.partial
    assert outcome.partial_kept

    # What the server saw.
    if case.requests is not None:
        assert outcome.requests == case.requests

    # The app is still usable: Retry answers the same message, the next one goes on.
    assert (outcome.retry_text, outcome.retry_reason) == (RETRY_ANSWER, "complete")
    assert (outcome.next_text, outcome.next_reason) == (NEXT_ANSWER, "complete")
    assert outcome.recovered
    asked = [content for role, content, _ in outcome.stored_after if role == "user"]
    retried = [QUESTION] if case.kind else [QUESTION, QUESTION]  # Retry stores nothing new
    assert asked == [*retried, NEXT_QUESTION]
    for messages in outcome.sent:
        assert unanswered_tool_calls(messages) == []
    last = outcome.sent[-1]
    assert last[-1] == {"role": "user", "content": NEXT_QUESTION}
    assert {"role": "assistant", "content": RETRY_ANSWER} in last


def outcome_of(services: Services, server: ScriptedServer, name: str) -> Outcome:
    case = next(case for case in CASES if case.name == name)
    outcome = run_case(services, server, case)
    assert outcome.crashed is None, outcome.crashed
    return outcome


# What the matrix cannot say in words -------------------------------------------------------


def test_the_retry_reaches_the_untrusted_server_once_its_ca_is_trusted(
    services: Services, server: ScriptedServer
) -> None:
    """The TLS fault is real: the same server answers once SSL_CERT_FILE names its CA."""
    outcome = outcome_of(services, server, "TLS certificate not trusted")
    assert outcome.tls_failures == 1  # the client hung up during the handshake
    assert len(outcome.sent) == 2  # the retry and the next message, over HTTPS


def test_a_trusted_https_server_answers_from_the_first_message(
    services: Services, server: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with https_server() as (secure, ca_file):
        monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
        services.settings = dataclasses.replace(services.settings, base_url=secure.base_url)
        secure.enqueue(Text(["Over ", "HTTPS."]))
        events = list(services.agent().start(None, QUESTION))
        assert "".join(e.text for e in events if isinstance(e, TextDelta)) == "Over HTTPS."
        assert secure.tls_failures == []
        assert secure.base_url.startswith("https://")


def test_stop_in_the_middle_of_an_https_answer_keeps_the_text(
    services: Services, server: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    with https_server() as (secure, ca_file):
        monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
        services.settings = dataclasses.replace(services.settings, base_url=secure.base_url,
                                                request_timeout=3600.0)
        secure.enqueue(Hold(["Partial ", "answer"], release))
        turn = services.agent().start(None, QUESTION)
        events: list[Event] = []
        for event in turn:
            events.append(event)
            if isinstance(event, TextDelta) and event.text == "answer":
                turn.cancel()
        release.set()
    assert isinstance(events[-1], TurnDone)
    assert events[-1].reason == "cancelled"
    last = services.history.messages(turn.conversation_id)[-1]
    assert (last.content, last.status) == ("Partial answer", "cancelled")
    assert secure.errors == []


def test_tools_forever_leaves_a_valid_history(services: Services, server: ScriptedServer) -> None:
    outcome = outcome_of(services, server, "tools forever")
    tool_rows = [row for row in outcome.stored if row[0] == "tool"]
    assert len(tool_rows) == 3
    # The retry sent every call of the stopped loop with its result.
    retry_request = outcome.sent[3]
    assert sum(len(m.get("tool_calls") or []) for m in retry_request) == 3
    assert unanswered_tool_calls(retry_request) == []


@pytest.mark.parametrize("name", ["tool arguments not JSON", "tool arguments of the wrong type",
                                  "unknown tool"])
def test_bad_tool_calls_are_answered_as_tool_errors(
    services: Services, server: ScriptedServer, name: str
) -> None:
    outcome = outcome_of(services, server, name)
    (result,) = outcome.tool_results
    assert not result.ok
    (words,) = outcome.case.tool_errors
    assert words in result.content
    fed_back = outcome.sent[1][-1]
    assert fed_back["role"] == "tool"
    assert fed_back["content"].startswith("Error: ")
    assert services.memory.all() == []


def test_the_history_is_halved_until_only_the_latest_message_is_left(
    services: Services, server: ScriptedServer
) -> None:
    outcome = outcome_of(services, server, "long history, then message too long")
    faulty = outcome.sent[: outcome.requests]
    sizes = [len(messages) for messages in faulty]
    assert sizes == sorted(sizes, reverse=True)
    assert len(set(sizes)) == len(sizes) > 2  # shorter every time
    assert [m["role"] for m in faulty[-1]] == ["system", "user"]
    assert faulty[-1][-1]["content"] == QUESTION


def test_a_2_mb_answer_is_stored_and_left_out_of_later_requests(
    services: Services, server: ScriptedServer
) -> None:
    outcome = outcome_of(services, server, "2 MB answer")
    huge = outcome.case.partial
    assert len(huge.encode()) > 2_000_000
    assert ("assistant", huge, "complete") in outcome.stored
    assert request_size(outcome.sent[-1]) < 100_000  # the context budget drops it


def test_stop_while_waiting_for_the_first_byte_ends_the_turn(
    services: Services, server: ScriptedServer
) -> None:
    """Stop does not wait for the request timeout (here an hour) to end the turn."""
    services.settings = dataclasses.replace(services.settings, request_timeout=3600.0)
    server.enqueue(SlowFirstByte(3600.0, Text(["too late"])))
    turn = services.agent().start(None, QUESTION)
    events: list[Event] = []
    worker = threading.Thread(target=lambda: events.extend(turn), name="turn")
    worker.start()
    server.wait_for_requests(1)
    turn.cancel()
    worker.join(30)
    assert not worker.is_alive(), "Stop did not end a turn waiting for its first byte"
    last = events[-1]
    assert isinstance(last, TurnDone)
    assert last.reason == "cancelled"
    assert not any(isinstance(e, TurnError) for e in events)
    stored = services.history.messages(turn.conversation_id)
    assert [(m.role, m.status) for m in stored] == [("user", "complete"),
                                                    ("assistant", "cancelled")]
    server.enqueue(Text([RETRY_ANSWER]))
    again = list(services.agent().retry(turn.conversation_id))
    assert "".join(e.text for e in again if isinstance(e, TextDelta)) == RETRY_ANSWER


def test_a_tool_call_cut_off_at_max_tokens_is_not_run(
    services: Services, server: ScriptedServer
) -> None:
    outcome = outcome_of(services, server, "tool call cut off at max tokens")
    assert outcome.tool_results == []
    assert services.memory.all() == []
    assert all("tool_calls" not in m for m in outcome.sent[1])  # nothing half-made stored


def _request() -> httpx.Request:
    return httpx.Request("POST", "https://llm.corp.example/v1/chat/completions")


def test_retry_after_as_an_http_date_is_read() -> None:
    when = email.utils.formatdate(time.time() + 300, usegmt=True)
    response = httpx.Response(429, headers={"Retry-After": when}, request=_request())
    error = openai.RateLimitError("slow down", response=response, body=None)
    mapped = map_error(error, ModelConfig("compatible", "m"))
    assert isinstance(mapped, RateLimited)
    assert mapped.retry_after is not None
    assert 290 < mapped.retry_after <= 300
    assert "try again in about 5 minutes" in mapped.message


def test_a_proxy_page_is_summed_up_not_pasted() -> None:
    page = PROXY_PAGE.replace("502 Bad Gateway", "403 Forbidden")
    response = httpx.Response(403, text=page, request=_request())
    error = openai.PermissionDeniedError("forbidden", response=response, body=page)
    message = map_error(error, ModelConfig("compatible", "m")).message
    assert "a web page saying “403 Forbidden”" in message
    assert "<html>" not in message
