"""The scripted OpenAI-compatible server, exercised with the real ``openai`` client."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from openai.types.chat import ChatCompletionChunk, ChatCompletionMessageParam

from tests.support.openai_server import (
    NO_REPLY_MESSAGE,
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

REPO_ROOT = Path(__file__).resolve().parents[2]
MODEL = "test-model"
MESSAGES: list[ChatCompletionMessageParam] = [{"role": "user", "content": "Hello there"}]


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as srv:
        yield srv
    assert srv.errors == []


@pytest.fixture
def client(server: ScriptedServer) -> Iterator[openai.OpenAI]:
    with openai.OpenAI(base_url=server.base_url, api_key="test-key", max_retries=0) as c:
        yield c


def stream_chunks(client: openai.OpenAI, **kwargs: Any) -> list[ChatCompletionChunk]:
    with client.chat.completions.create(
        model=MODEL, messages=MESSAGES, stream=True, **kwargs
    ) as stream:
        return list(stream)


def drain(stream: Iterable[ChatCompletionChunk], into: list[str]) -> None:
    for chunk in stream:
        into.append(chunk.choices[0].delta.content or "")


def server_threads(server: ScriptedServer) -> list[threading.Thread]:
    """Threads (accept loop + connections) still running for this server."""
    port = server.base_url.split(":")[-1].split("/")[0]
    prefix = f"scripted-openai-{port}"
    return [t for t in threading.enumerate() if t.name.split("-conn-")[0] == prefix]


# ---- text ------------------------------------------------------------------------------


def test_streamed_text_arrives_in_chunks(server: ScriptedServer, client: openai.OpenAI) -> None:
    server.enqueue(Text(["Hel", "lo", " world"]))

    chunks = stream_chunks(client)

    assert [c.object for c in chunks] == ["chat.completion.chunk"] * 4
    assert {c.model for c in chunks} == {MODEL}
    assert len({c.id for c in chunks}) == 1
    contents = [c.choices[0].delta.content for c in chunks]
    assert contents == ["Hel", "lo", " world", None]
    assert chunks[0].choices[0].delta.role == "assistant"
    assert [c.choices[0].finish_reason for c in chunks] == [None, None, None, "stop"]
    assert "".join(c or "" for c in contents) == "Hello world"


def test_stream_include_usage_sends_usage_chunk(
    server: ScriptedServer, client: openai.OpenAI
) -> None:
    server.enqueue(Text(["a", "b"]))

    chunks = stream_chunks(client, stream_options={"include_usage": True})

    assert chunks[-1].choices == []
    assert chunks[-1].usage is not None
    assert chunks[-1].usage.completion_tokens == 2
    assert chunks[-2].choices[0].finish_reason == "stop"
    assert all(c.usage is None for c in chunks[:-1])


def test_text_delay_paces_chunks(server: ScriptedServer, client: openai.OpenAI) -> None:
    server.enqueue(Text(["a", "b", "c"], delay=0.05))
    arrivals: list[float] = []

    with client.chat.completions.create(model=MODEL, messages=MESSAGES, stream=True) as stream:
        start = time.monotonic()
        for _chunk in stream:
            arrivals.append(time.monotonic() - start)

    # Three delayed content chunks, each >= 50 ms after the previous one (with some slack).
    assert arrivals[2] - arrivals[0] >= 0.08


def test_non_streaming_text(server: ScriptedServer, client: openai.OpenAI) -> None:
    server.enqueue(Text(["Hel", "lo"]))

    completion = client.chat.completions.create(model=MODEL, messages=MESSAGES)

    assert completion.object == "chat.completion"
    assert completion.model == MODEL
    assert completion.choices[0].message.role == "assistant"
    assert completion.choices[0].message.content == "Hello"
    assert completion.choices[0].finish_reason == "stop"
    assert completion.usage is not None
    assert "stream" not in server.requests[0].body


# ---- tool calls ------------------------------------------------------------------------


def test_tool_calls_stream_and_reassemble(server: ScriptedServer, client: openai.OpenAI) -> None:
    server.enqueue(
        ToolCalls(
            [
                Call("get_weather", '{"city": "Paris"}'),
                Call("lookup", '{"q": "x"}', id="custom-id"),
            ],
            text="Let me check.",
        )
    )

    chunks = stream_chunks(client)

    assert chunks[0].choices[0].delta.content == "Let me check."
    assert chunks[-1].choices[0].finish_reason == "tool_calls"
    calls: dict[int, dict[str, str]] = {}
    pieces: dict[int, int] = {}
    for chunk in chunks:
        for tc in chunk.choices[0].delta.tool_calls or []:
            assert tc.function is not None
            if tc.index not in calls:
                # First chunk of a call: id, type, name and empty arguments.
                assert tc.id is not None
                assert tc.type == "function"
                assert tc.function.arguments == ""
                calls[tc.index] = {"id": tc.id, "name": tc.function.name or "", "args": ""}
                pieces[tc.index] = 0
            else:
                # Later chunks: only index + arguments.
                assert tc.id is None
                assert tc.function.name is None
                calls[tc.index]["args"] += tc.function.arguments or ""
                pieces[tc.index] += 1

    assert calls == {
        0: {"id": "call_1", "name": "get_weather", "args": '{"city": "Paris"}'},
        1: {"id": "custom-id", "name": "lookup", "args": '{"q": "x"}'},
    }
    assert all(n >= 2 for n in pieces.values())


def test_tool_call_arguments_are_sent_raw(server: ScriptedServer, client: openai.OpenAI) -> None:
    server.enqueue(ToolCalls([Call("f", '{"city": "Par')]))

    chunks = stream_chunks(client)

    args = "".join(
        tc.function.arguments or ""
        for c in chunks
        for tc in c.choices[0].delta.tool_calls or []
        if tc.function is not None
    )
    assert args == '{"city": "Par'


def test_non_streaming_tool_calls(server: ScriptedServer, client: openai.OpenAI) -> None:
    server.enqueue(ToolCalls([Call("f", "{}"), Call("g", "not json", id="x")]))

    completion = client.chat.completions.create(model=MODEL, messages=MESSAGES, stream=False)

    choice = completion.choices[0]
    assert choice.finish_reason == "tool_calls"
    assert choice.message.content is None
    assert choice.message.tool_calls is not None
    got = [
        (tc.id, tc.function.name, tc.function.arguments)
        for tc in choice.message.tool_calls
        if tc.type == "function"
    ]
    assert got == [("call_1", "f", "{}"), ("x", "g", "not json")]


# ---- models ----------------------------------------------------------------------------


def test_models_list() -> None:
    with (
        ScriptedServer(models=["a-model", "b-model"]) as srv,
        openai.OpenAI(base_url=srv.base_url, api_key="k", max_retries=0) as c,
    ):
        models = c.models.list()
        assert [m.id for m in models.data] == ["a-model", "b-model"]
        assert {m.owned_by for m in models.data} == {"scripted"}
        assert srv.requests == []  # only chat completions are recorded


def test_unknown_model_is_not_found_and_keeps_queue(
    server: ScriptedServer, client: openai.OpenAI
) -> None:
    server.enqueue(Text(["kept"]))

    with pytest.raises(openai.NotFoundError) as excinfo:
        client.chat.completions.create(model="gpt-nope", messages=MESSAGES, stream=True)

    assert excinfo.value.code == "model_not_found"
    assert server.pending == 1
    assert len(server.requests) == 1
    assert stream_chunks(client)[0].choices[0].delta.content == "kept"


# ---- faults ----------------------------------------------------------------------------


def test_401_is_authentication_error(server: ScriptedServer, client: openai.OpenAI) -> None:
    server.enqueue(Fault(401, "Incorrect API key provided", code="invalid_api_key"))

    with pytest.raises(openai.AuthenticationError) as excinfo:
        client.chat.completions.create(model=MODEL, messages=MESSAGES, stream=True)

    assert excinfo.value.status_code == 401
    assert excinfo.value.code == "invalid_api_key"
    assert "Incorrect API key provided" in excinfo.value.message


def test_429_with_retry_after_is_retried() -> None:
    with (
        ScriptedServer() as srv,
        openai.OpenAI(base_url=srv.base_url, api_key="test-key", max_retries=1) as c,
    ):
        srv.enqueue(Fault(429, "Rate limit reached", headers={"Retry-After": "1"}), Text(["ok"]))

        start = time.monotonic()
        completion = c.chat.completions.create(model=MODEL, messages=MESSAGES)
        elapsed = time.monotonic() - start

        assert completion.choices[0].message.content == "ok"
        assert len(srv.requests) == 2
        retry_counts = [r.headers.get("x-stainless-retry-count") for r in srv.requests]
        assert retry_counts == ["0", "1"]
        assert elapsed >= 0.9  # the client honoured Retry-After: 1
        assert srv.errors == []


def test_500_is_internal_server_error(server: ScriptedServer, client: openai.OpenAI) -> None:
    server.enqueue(Fault(500, "boom"))

    with pytest.raises(openai.InternalServerError) as excinfo:
        client.chat.completions.create(model=MODEL, messages=MESSAGES, stream=True)

    assert excinfo.value.status_code == 500
    assert excinfo.value.type == "server_error"


def test_empty_queue_fails_loudly(server: ScriptedServer, client: openai.OpenAI) -> None:
    with pytest.raises(openai.InternalServerError, match=NO_REPLY_MESSAGE):
        client.chat.completions.create(model=MODEL, messages=MESSAGES)
    assert len(server.requests) == 1


# ---- slow / broken streams -------------------------------------------------------------


def test_slow_first_byte_times_out_and_stop_is_prompt(server: ScriptedServer) -> None:
    server.enqueue(SlowFirstByte(30.0, Text(["too late"])))

    with (
        openai.OpenAI(base_url=server.base_url, api_key="k", max_retries=0, timeout=0.5) as c,
        pytest.raises(openai.APITimeoutError),
    ):
        c.chat.completions.create(model=MODEL, messages=MESSAGES, stream=True)

    start = time.monotonic()
    server.stop()
    assert time.monotonic() - start < 1.0
    assert server_threads(server) == []


def test_slow_first_byte_then_replies(server: ScriptedServer, client: openai.OpenAI) -> None:
    server.enqueue(SlowFirstByte(0.1, Text(["late"])))

    start = time.monotonic()
    chunks = stream_chunks(client)

    assert time.monotonic() - start >= 0.1
    assert chunks[0].choices[0].delta.content == "late"


def test_cut_stream_raises_remote_protocol_error(
    server: ScriptedServer, client: openai.OpenAI
) -> None:
    server.enqueue(CutStream(["partial ", "answer"]))
    received: list[str] = []

    # The openai client does NOT wrap errors raised while iterating a stream: the
    # truncated chunked body surfaces as httpx.RemoteProtocolError ("peer closed connection
    # without sending complete message body (incomplete chunked read)"), not openai.APIError.
    with (
        client.chat.completions.create(model=MODEL, messages=MESSAGES, stream=True) as stream,
        pytest.raises(httpx.RemoteProtocolError, match="incomplete chunked read"),
    ):
        drain(stream, received)

    assert received == ["partial ", "answer"]


def test_bad_chunk_raises_json_decode_error(server: ScriptedServer, client: openai.OpenAI) -> None:
    server.enqueue(BadChunk())
    received: list[str] = []

    # The SSE decoder json.loads() each event's data and does not wrap the failure: the
    # client raises json.JSONDecodeError (a ValueError), not an openai.* exception.
    with (
        client.chat.completions.create(model=MODEL, messages=MESSAGES, stream=True) as stream,
        pytest.raises(json.JSONDecodeError),
    ):
        drain(stream, received)

    assert received == ["partial"]


def test_hold_released_from_another_thread(server: ScriptedServer, client: openai.OpenAI) -> None:
    release = threading.Event()
    server.enqueue(Hold(["first"], release))
    received: list[ChatCompletionChunk] = []
    got_first = threading.Event()
    failures: list[BaseException] = []

    def consume() -> None:
        try:
            with client.chat.completions.create(
                model=MODEL, messages=MESSAGES, stream=True
            ) as stream:
                for chunk in stream:
                    received.append(chunk)
                    got_first.set()
        except BaseException as exc:  # surfaced in the main thread below
            failures.append(exc)
            got_first.set()

    consumer = threading.Thread(target=consume)
    consumer.start()
    try:
        assert got_first.wait(5.0)
        time.sleep(0.1)  # give a wrongly-unblocked stream the chance to show up
        assert len(received) == 1
        assert consumer.is_alive()
    finally:
        release.set()
        consumer.join(5.0)

    assert failures == []
    assert not consumer.is_alive()
    assert [c.choices[0].delta.content for c in received] == ["first", None]
    assert received[-1].choices[0].finish_reason == "stop"


def test_stop_finishes_a_held_stream(server: ScriptedServer, client: openai.OpenAI) -> None:
    server.enqueue(Hold(["first"], threading.Event()))  # never released

    with client.chat.completions.create(model=MODEL, messages=MESSAGES, stream=True) as stream:
        first = next(stream)
        start = time.monotonic()
        server.stop()
        rest = list(stream)

    assert time.monotonic() - start < 1.0
    assert first.choices[0].delta.content == "first"
    assert [c.choices[0].finish_reason for c in rest] == ["stop"]
    assert server_threads(server) == []


def test_stop_is_prompt_with_idle_keep_alive_connection(
    server: ScriptedServer, client: openai.OpenAI
) -> None:
    server.enqueue(Text(["a"]))
    stream_chunks(client)  # leaves a pooled keep-alive connection open to the server

    start = time.monotonic()
    server.stop()

    assert time.monotonic() - start < 1.0
    assert server_threads(server) == []


# ---- recording -------------------------------------------------------------------------


def test_requests_are_recorded(server: ScriptedServer, client: openai.OpenAI) -> None:
    server.enqueue(Text(["one"]), Text(["two"]))

    stream_chunks(client)
    client.chat.completions.create(model=MODEL, messages=MESSAGES, temperature=0.5)
    server.wait_for_requests(2)

    first, second = server.requests
    assert first.path == "/v1/chat/completions"
    assert first.headers["authorization"] == "Bearer test-key"
    assert first.headers["content-type"] == "application/json"
    assert first.body["model"] == MODEL
    assert first.body["messages"] == MESSAGES
    assert first.body["stream"] is True
    assert second.body["temperature"] == 0.5
    assert "stream" not in second.body


def test_wait_for_requests_times_out(server: ScriptedServer) -> None:
    with pytest.raises(AssertionError, match="expected 1 chat-completion request"):
        server.wait_for_requests(1, timeout=0.05)


def test_wait_for_requests_wakes_on_arrival(server: ScriptedServer, client: openai.OpenAI) -> None:
    release = threading.Event()
    server.enqueue(Hold([], release))
    done = threading.Event()

    def call() -> None:
        try:
            client.chat.completions.create(model=MODEL, messages=MESSAGES)
        finally:
            done.set()

    caller = threading.Thread(target=call)
    caller.start()
    try:
        server.wait_for_requests(1)  # the request is recorded before the (held) reply
        assert not done.is_set()
    finally:
        release.set()
        caller.join(5.0)
    assert done.is_set()


# ---- command line ----------------------------------------------------------------------


def test_command_line_demo_server() -> None:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.support.openai_server",
            "--port",
            "0",
            "--delay",
            "0",
            "--reply",
            "Some **markdown** answer",
        ],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        base_url = proc.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:")
        assert base_url.endswith("/v1")
        with openai.OpenAI(base_url=base_url, api_key="k", max_retries=0) as c:
            for _ in range(2):  # the same answer, every time
                with c.chat.completions.create(
                    model=MODEL, messages=MESSAGES, stream=True
                ) as stream:
                    words = [ch.choices[0].delta.content for ch in stream]
                assert words == ["Some ", "**markdown** ", "answer", None]
    finally:
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert err == ""
