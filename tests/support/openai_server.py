"""A scripted, OpenAI-compatible HTTP server on loopback for tests and demos.

The real ``openai`` client (streaming, tool calls, retries, timeouts) talks to this server
over a real TCP socket; each test scripts the replies it wants::

    with ScriptedServer() as server:
        server.enqueue(Text(["Hel", "lo"]))
        client = openai.OpenAI(base_url=server.base_url, api_key="k", max_retries=0)
        ...

Every ``POST /v1/chat/completions`` consumes one enqueued reply (FIFO) and is recorded in
``server.requests`` before the reply is sent.  ``GET /v1/models`` lists ``models``.

Streaming responses use HTTP/1.1 chunked transfer encoding with one SSE event per HTTP
chunk, so ``CutStream`` (connection closed before the terminating zero-length chunk) shows
up in the client as an incomplete chunked body.

``ScriptedServer(tls=context)`` serves HTTPS with a server-side ``ssl.SSLContext`` (tests make
one with ``trustme``); a client that refuses the certificate is counted in
``server.tls_failures`` rather than reported as a handler error.

Standard library only.  Also runnable for manual demos::

    python -m tests.support.openai_server --port 8765 --reply "Some **markdown** answer"
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import json
import re
import signal
import socket
import ssl
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from types import FrameType, TracebackType
from typing import Any, Self

__all__ = [
    "BadChunk",
    "Call",
    "CutStream",
    "Fault",
    "Hold",
    "RawBody",
    "RecordedRequest",
    "Reply",
    "ScriptedServer",
    "SlowFirstByte",
    "Text",
    "ToolCalls",
    "Truncated",
]

NO_REPLY_MESSAGE = "scripted server: no reply enqueued"

# Errors raised when writing to / reading from a client that went away.  They are expected
# (e.g. the client timed out) and must not produce tracebacks on stderr.
_CONNECTION_ERRORS: tuple[type[BaseException], ...] = (
    BrokenPipeError,
    ConnectionResetError,
    ConnectionAbortedError,
    ssl.SSLEOFError,  # the same, over HTTPS
    ssl.SSLZeroReturnError,
)

# How often blocking waits (Hold) re-check the server's stop flag, in seconds.
_POLL_INTERVAL = 0.02


# --------------------------------------------------------------------------------------
# Reply kinds
# --------------------------------------------------------------------------------------


@dataclass
class Text:
    """Stream each chunk as one ``delta.content`` chunk (sleeping ``delay`` before each)."""

    chunks: list[str]
    delay: float = 0.0


@dataclass
class Call:
    """One tool call. ``arguments`` is sent as-is (it may be malformed JSON on purpose)."""

    name: str
    arguments: str
    id: str | None = None


@dataclass
class ToolCalls:
    """Stream tool calls the way OpenAI does, optionally preceded by a text chunk."""

    calls: list[Call]
    text: str = ""


@dataclass
class Fault:
    """Respond with an HTTP error status and an OpenAI-style JSON error body."""

    status: int
    message: str = "scripted fault"
    headers: dict[str, str] = field(default_factory=dict)
    code: str | None = None
    type: str | None = None


@dataclass
class SlowFirstByte:
    """Wait ``seconds`` before sending any byte, then behave as ``then``.

    If the server is stopped while waiting, the connection is closed without a response.
    """

    seconds: float
    then: Reply


@dataclass
class CutStream:
    """Send 200 + SSE headers and ``chunks``, then close the connection mid-body."""

    chunks: list[str]


@dataclass
class Hold:
    """Send ``chunks``, block until ``release`` is set (or the server stops), then finish."""

    chunks: list[str]
    release: threading.Event


@dataclass
class BadChunk:
    """Send one valid content chunk, then ``data: {not json``, then ``[DONE]``."""

    text: str = "partial"


@dataclass
class Truncated:
    """Stream ``chunks`` (then ``calls``, their arguments as given, typically cut short) and
    finish with ``finish_reason: "length"``: the answer hit the max tokens limit."""

    chunks: list[str]
    calls: list[Call] = field(default_factory=list)


@dataclass
class RawBody:
    """Answer ``status`` with ``body`` as-is, as a proxy or gateway would (an HTML error page,
    an empty 200)."""

    status: int
    body: str = ""
    content_type: str = "text/html; charset=utf-8"


Reply = (
    Text | ToolCalls | Fault | SlowFirstByte | CutStream | Hold | BadChunk | Truncated | RawBody
)


@dataclass
class RecordedRequest:
    """A chat-completion request as received (header names lowercased)."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]


# --------------------------------------------------------------------------------------
# Payload builders
# --------------------------------------------------------------------------------------


def _error_type_for(status: int) -> str:
    if status == 429:
        return "requests"
    if status >= 500:
        return "server_error"
    return "invalid_request_error"


def _error_body(message: str, type_: str, code: str | None) -> dict[str, Any]:
    return {"error": {"message": message, "type": type_, "code": code, "param": None}}


def _split_arguments(arguments: str) -> list[str]:
    """Split a raw argument string into 2-3 pieces (fewer only if it is shorter than 2)."""
    if len(arguments) < 2:
        return [arguments] if arguments else []
    size = max(1, -(-len(arguments) // 3))
    return [arguments[i : i + size] for i in range(0, len(arguments), size)]


def _word_chunks(text: str) -> list[str]:
    """Split text into word-sized chunks that concatenate back to ``text``."""
    return re.findall(r"\S+\s*|\s+", text)


def _prompt_tokens(body: dict[str, Any]) -> int:
    messages = body.get("messages")
    if not isinstance(messages, list):
        return 0
    return sum(len(str(m.get("content") or "").split()) for m in messages if isinstance(m, dict))


# --------------------------------------------------------------------------------------
# HTTP machinery
# --------------------------------------------------------------------------------------


class _HTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self, address: tuple[str, int], owner: ScriptedServer, tls: ssl.SSLContext | None
    ) -> None:
        self.owner = owner
        self.tls = tls
        self._conn_lock = threading.Lock()
        self._connections: dict[socket.socket, threading.Thread] = {}
        super().__init__(address, _Handler)

    def get_request(self) -> tuple[socket.socket, Any]:
        request, client_address = super().get_request()
        if self.tls is not None:
            # The handshake runs in the connection's thread (finish_request), so a client
            # that stalls or refuses the certificate never holds up the accepting thread.
            request = self.tls.wrap_socket(
                request, server_side=True, do_handshake_on_connect=False
            )
        return request, client_address

    def finish_request(self, request: Any, client_address: Any) -> None:
        if isinstance(request, ssl.SSLSocket):
            try:
                request.do_handshake()
            except OSError as error:  # ssl.SSLError included: the client refused us
                self.owner._record_tls_failure(error)
                return
        super().finish_request(request, client_address)

    def process_request(self, request: Any, client_address: Any) -> None:
        # Like ThreadingMixIn.process_request, but tracks each connection and its thread
        # so stop() can wake idle keep-alive handlers and wait for busy ones.
        thread = threading.Thread(
            target=self.process_request_thread,
            args=(request, client_address),
            name=f"scripted-openai-{self.server_address[1]}-conn-{client_address[1]}",
            daemon=True,
        )
        with self._conn_lock:
            self._connections[request] = thread
        thread.start()

    def shutdown_request(self, request: Any) -> None:
        with self._conn_lock:
            self._connections.pop(request, None)
        super().shutdown_request(request)

    def close_connections(self, timeout: float) -> None:
        """Wake handlers blocked reading the next request and wait for handler threads."""
        with self._conn_lock:
            connections = list(self._connections.items())
        for sock, _thread in connections:
            # SHUT_RD makes a blocked recv() return EOF while still allowing a busy
            # handler (e.g. a Hold finishing its stream) to write its remaining bytes.
            with contextlib.suppress(OSError):
                # The plain socket's shutdown: SSLSocket.shutdown would drop the TLS layer
                # and let a busy handler write its last bytes unencrypted.
                socket.socket.shutdown(sock, socket.SHUT_RD)
        deadline = time.monotonic() + timeout
        for _sock, thread in connections:
            thread.join(max(0.0, deadline - time.monotonic()))

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, _CONNECTION_ERRORS):
            return  # the client went away; nothing to report
        if exc is not None:
            self.owner.errors.append(exc)
        sys.stderr.write("scripted server: error while handling a request:\n")
        traceback.print_exc(file=sys.stderr)


class _GiveUpError(Exception):
    """Raised internally to abandon a request without sending anything."""


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ScriptedOpenAI/1.0"
    disable_nagle_algorithm = True
    server: _HTTPServer

    # ---- plumbing ---------------------------------------------------------------------

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep stderr quiet

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except _CONNECTION_ERRORS:
            self.close_connection = True
        except _GiveUpError:
            self.close_connection = True

    @property
    def _owner(self) -> ScriptedServer:
        return self.server.owner

    def _send_json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-request-id", self._owner._next_id("req_scripted"))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _send_error_json(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        type_: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        body = _error_body(message, type_ or _error_type_for(status), code)
        self._send_json(status, body, headers)

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    # ---- routing ----------------------------------------------------------------------

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0].rstrip("/")
        if path == "/v1/models":
            data = [
                {"id": m, "object": "model", "created": 0, "owned_by": "scripted"}
                for m in self._owner.models
            ]
            self._send_json(200, {"object": "list", "data": data})
        else:
            self._send_error_json(404, f"scripted server: no route GET {self.path}")

    def do_POST(self) -> None:
        raw = self._read_body()
        path = self.path.split("?", 1)[0].rstrip("/")
        if path != "/v1/chat/completions":
            self._send_error_json(404, f"scripted server: no route POST {self.path}")
            return
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = None
        if not isinstance(body, dict):
            # Not recorded: RecordedRequest.body is the parsed JSON object.
            self._send_error_json(400, "scripted server: request body is not a JSON object")
            return

        owner = self._owner
        headers = {name.lower(): value for name, value in self.headers.items()}
        owner._record(RecordedRequest(path=self.path, headers=headers, body=body))

        model = body.get("model")
        if model not in owner.models:
            self._send_error_json(
                404,
                f"The model `{model}` does not exist or you do not have access to it.",
                code="model_not_found",
            )
            return
        reply = owner._pop_reply()
        if reply is None:
            self._send_error_json(500, NO_REPLY_MESSAGE)
            return
        _ReplyWriter(self, body, owner).send(reply)


class _ReplyWriter:
    """Writes one scripted reply to one request."""

    def __init__(self, handler: _Handler, body: dict[str, Any], owner: ScriptedServer) -> None:
        self.h = handler
        self.owner = owner
        self.stop = owner._stop
        self.body = body
        self.model = str(body.get("model"))
        self.stream = body.get("stream") is True
        options = body.get("stream_options")
        self.include_usage = isinstance(options, dict) and options.get("include_usage") is True
        self.id = owner._next_id("chatcmpl-scripted")
        self.created = int(time.time())
        self.completion_tokens = 0

    # ---- dispatch ---------------------------------------------------------------------

    def send(self, reply: Reply) -> None:
        if isinstance(reply, Fault):
            headers = dict(reply.headers)
            self.h._send_error_json(
                reply.status, reply.message, code=reply.code, type_=reply.type, headers=headers
            )
        elif isinstance(reply, SlowFirstByte):
            if self.stop.wait(reply.seconds):
                raise _GiveUpError  # server stopping: give up without a response
            self.send(reply.then)
        elif isinstance(reply, Text):
            self._text(reply)
        elif isinstance(reply, ToolCalls):
            self._tool_calls(reply)
        elif isinstance(reply, CutStream):
            self._cut(reply)
        elif isinstance(reply, Hold):
            self._hold(reply)
        elif isinstance(reply, BadChunk):
            self._bad_chunk(reply)
        elif isinstance(reply, Truncated):
            self._truncated(reply)
        elif isinstance(reply, RawBody):
            self._raw_body(reply)
        else:  # pragma: no cover - defensive
            raise TypeError(f"unknown reply kind: {reply!r}")

    # ---- reply kinds ------------------------------------------------------------------

    def _text(self, reply: Text) -> None:
        if not self.stream:
            if reply.delay > 0:
                self.stop.wait(reply.delay * len(reply.chunks))
            self._completion("".join(reply.chunks), None, "stop", len(reply.chunks))
            return
        self._start_stream()
        for piece in reply.chunks:
            if reply.delay > 0:
                self.stop.wait(reply.delay)
            self._content_chunk(piece)
        self._finish_stream("stop")

    def _tool_calls(self, reply: ToolCalls) -> None:
        calls = [(call, call.id or f"call_{i}") for i, call in enumerate(reply.calls, start=1)]
        if not self.stream:
            tool_calls = [
                {
                    "id": call_id,
                    "type": "function",
                    "function": {"name": call.name, "arguments": call.arguments},
                }
                for call, call_id in calls
            ]
            tokens = len(calls) + (1 if reply.text else 0)
            self._completion(reply.text or None, tool_calls, "tool_calls", tokens)
            return
        self._start_stream()
        if reply.text:
            self._content_chunk(reply.text)
        self._stream_calls(reply.calls)
        self._finish_stream("tool_calls")

    def _stream_calls(self, reply_calls: list[Call]) -> None:
        calls = [(call, call.id or f"call_{i}") for i, call in enumerate(reply_calls, start=1)]
        for index, (call, call_id) in enumerate(calls):
            head = {
                "index": index,
                "id": call_id,
                "type": "function",
                "function": {"name": call.name, "arguments": ""},
            }
            self._delta_chunk(self._with_role({"content": None, "tool_calls": [head]}))
            for piece in _split_arguments(call.arguments):
                self._delta_chunk(
                    {"tool_calls": [{"index": index, "function": {"arguments": piece}}]}
                )

    def _cut(self, reply: CutStream) -> None:
        if not self.stream:
            # Promise a full JSON body, send half of it, then close.
            data = json.dumps(self._completion_payload("".join(reply.chunks), None, "stop", 0))
            encoded = data.encode()
            self.h.send_response(200)
            self.h.send_header("Content-Type", "application/json")
            self.h.send_header("Content-Length", str(len(encoded)))
            self.h.end_headers()
            self.h.wfile.write(encoded[: len(encoded) // 2])
        else:
            self._start_stream()
            for piece in reply.chunks:
                self._content_chunk(piece)
        # No terminating zero-length chunk / no complete body: closing the socket now
        # leaves the client with an incomplete HTTP message.
        self.h.close_connection = True

    def _hold(self, reply: Hold) -> None:
        if self.stream:
            self._start_stream()
            for piece in reply.chunks:
                self._content_chunk(piece)
        while not reply.release.wait(_POLL_INTERVAL):
            if self.stop.is_set():
                break
        if self.stream:
            self._finish_stream("stop")
        else:
            self._completion("".join(reply.chunks), None, "stop", len(reply.chunks))

    def _bad_chunk(self, reply: BadChunk) -> None:
        if not self.stream:
            data = b"{not json"
            self.h.send_response(200)
            self.h.send_header("Content-Type", "application/json")
            self.h.send_header("Content-Length", str(len(data)))
            self.h.end_headers()
            self.h.wfile.write(data)
            return
        self._start_stream()
        self._content_chunk(reply.text)
        self._write_event(b"{not json")
        self._write_event(b"[DONE]")
        self._end_chunked()

    def _truncated(self, reply: Truncated) -> None:
        if not self.stream:
            self._completion("".join(reply.chunks), None, "length", len(reply.chunks))
            return
        self._start_stream()
        for piece in reply.chunks:
            self._content_chunk(piece)
        self._stream_calls(reply.calls)
        self._finish_stream("length")

    def _raw_body(self, reply: RawBody) -> None:
        data = reply.body.encode()
        self.h.send_response(reply.status)
        self.h.send_header("Content-Type", reply.content_type)
        self.h.send_header("Content-Length", str(len(data)))
        self.h.end_headers()
        self.h.wfile.write(data)

    # ---- non-streaming ----------------------------------------------------------------

    def _completion_payload(
        self,
        content: str | None,
        tool_calls: list[dict[str, Any]] | None,
        finish_reason: str,
        completion_tokens: int,
    ) -> dict[str, Any]:
        message: dict[str, Any] = {"role": "assistant", "content": content, "refusal": None}
        if tool_calls:
            message["tool_calls"] = tool_calls
        return {
            "id": self.id,
            "object": "chat.completion",
            "created": self.created,
            "model": self.model,
            "choices": [
                {
                    "index": 0,
                    "message": message,
                    "logprobs": None,
                    "finish_reason": finish_reason,
                }
            ],
            "usage": self._usage(completion_tokens),
        }

    def _completion(
        self,
        content: str | None,
        tool_calls: list[dict[str, Any]] | None,
        finish_reason: str,
        completion_tokens: int,
    ) -> None:
        payload = self._completion_payload(content, tool_calls, finish_reason, completion_tokens)
        self.h._send_json(200, payload)

    def _usage(self, completion_tokens: int) -> dict[str, int]:
        prompt = _prompt_tokens(self.body)
        return {
            "prompt_tokens": prompt,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt + completion_tokens,
        }

    # ---- streaming --------------------------------------------------------------------

    def _start_stream(self) -> None:
        h = self.h
        h.send_response(200)
        h.send_header("Content-Type", "text/event-stream; charset=utf-8")
        h.send_header("Cache-Control", "no-cache")
        h.send_header("Transfer-Encoding", "chunked")
        h.send_header("x-request-id", self.owner._next_id("req_scripted"))
        h.end_headers()

    def _write_http_chunk(self, data: bytes) -> None:
        self.h.wfile.write(b"%X\r\n%s\r\n" % (len(data), data))

    def _end_chunked(self) -> None:
        self.h.wfile.write(b"0\r\n\r\n")

    def _write_event(self, data: bytes) -> None:
        self._write_http_chunk(b"data: " + data + b"\n\n")

    def _chunk_object(self, choices: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "id": self.id,
            "object": "chat.completion.chunk",
            "created": self.created,
            "model": self.model,
            "system_fingerprint": None,
            "choices": choices,
        }

    def _with_role(self, delta: dict[str, Any]) -> dict[str, Any]:
        # The first delta of a response carries the role, as OpenAI's does.
        if self.completion_tokens == 0:
            return {"role": "assistant", **delta}
        return delta

    def _delta_chunk(self, delta: dict[str, Any], finish_reason: str | None = None) -> None:
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}
        self._write_event(json.dumps(self._chunk_object([choice])).encode())
        self.completion_tokens += 1

    def _content_chunk(self, content: str) -> None:
        self._delta_chunk(self._with_role({"content": content}))

    def _finish_stream(self, finish_reason: str) -> None:
        tokens = self.completion_tokens
        self._delta_chunk({}, finish_reason)
        if self.include_usage:
            usage_chunk = self._chunk_object([])
            usage_chunk["usage"] = self._usage(tokens)
            self._write_event(json.dumps(usage_chunk).encode())
        self._write_event(b"[DONE]")
        self._end_chunked()


# --------------------------------------------------------------------------------------
# Public server
# --------------------------------------------------------------------------------------


class ScriptedServer:
    """An OpenAI-compatible server on 127.0.0.1 answering with scripted replies."""

    def __init__(
        self,
        models: Sequence[str] = ("test-model",),
        *,
        port: int = 0,
        fallback: Reply | None = None,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.models: list[str] = list(models)
        #: Reply used (without being consumed) when the queue is empty; None = 500 error.
        self.fallback: Reply | None = fallback
        self.requests: list[RecordedRequest] = []
        #: Unexpected exceptions raised while handling requests (connection drops excluded).
        self.errors: list[BaseException] = []
        #: TLS handshakes that failed (e.g. the client did not trust the certificate).
        self.tls_failures: list[OSError] = []
        self.base_url = ""
        self._tls = tls
        self._port = port
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._replies: deque[Reply] = deque()
        self._counter = 0
        self._stop = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ---- lifecycle --------------------------------------------------------------------

    def start(self) -> Self:
        if self._httpd is not None:
            raise RuntimeError("ScriptedServer already started")
        self._stop.clear()
        httpd = _HTTPServer(("127.0.0.1", self._port), self, self._tls)
        self._httpd = httpd
        port = httpd.server_address[1]
        scheme = "https" if self._tls is not None else "http"
        self.base_url = f"{scheme}://127.0.0.1:{port}/v1"
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"scripted-openai-{port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, thread = self._httpd, self._thread
        if httpd is None:
            return
        self._stop.set()  # wakes SlowFirstByte / Hold / delays
        httpd.shutdown()  # stop accepting; returns once serve_forever has exited
        httpd.close_connections(timeout=2.0)
        httpd.server_close()
        if thread is not None:
            thread.join(2.0)
        self._httpd = None
        self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # ---- scripting --------------------------------------------------------------------

    def enqueue(self, *replies: Reply) -> None:
        with self._lock:
            self._replies.extend(replies)

    def clear(self) -> int:
        """Drop the replies not consumed yet; returns how many there were."""
        with self._lock:
            dropped = len(self._replies)
            self._replies.clear()
            return dropped

    @property
    def pending(self) -> int:
        """Number of enqueued replies not consumed yet."""
        with self._lock:
            return len(self._replies)

    def wait_for_requests(self, n: int, timeout: float = 5.0) -> None:
        with self._cond:
            if not self._cond.wait_for(lambda: len(self.requests) >= n, timeout):
                raise AssertionError(
                    f"expected {n} chat-completion request(s) within {timeout}s, "
                    f"got {len(self.requests)}"
                )

    def wait_for_tls_failures(self, n: int, timeout: float = 5.0) -> None:
        """Wait until ``n`` TLS handshakes have failed (the client hangs up first, so the
        server may notice a moment after the client has reported the error)."""
        with self._cond:
            if not self._cond.wait_for(lambda: len(self.tls_failures) >= n, timeout):
                raise AssertionError(
                    f"expected {n} failed TLS handshake(s) within {timeout}s, "
                    f"got {len(self.tls_failures)}"
                )

    # ---- used by the handler ----------------------------------------------------------

    def _record(self, request: RecordedRequest) -> None:
        with self._cond:
            self.requests.append(request)
            self._cond.notify_all()

    def _record_tls_failure(self, error: OSError) -> None:
        with self._cond:
            self.tls_failures.append(error)
            self._cond.notify_all()

    def _pop_reply(self) -> Reply | None:
        with self._lock:
            if self._replies:
                return self._replies.popleft()
            return self.fallback

    def _next_id(self, prefix: str) -> str:
        with self._lock:
            self._counter += 1
            return f"{prefix}-{self._counter}"


# --------------------------------------------------------------------------------------
# Command line (manual demos / screenshots)
# --------------------------------------------------------------------------------------


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.support.openai_server",
        description="Serve a fixed streamed answer for every chat-completion request.",
    )
    parser.add_argument(
        "--port", type=int, default=8765, help="port on 127.0.0.1 (0 = any free port)"
    )
    parser.add_argument(
        "--reply",
        default="Hello from the **scripted** server.",
        help="answer text, streamed word by word",
    )
    parser.add_argument("--delay", type=float, default=0.04, help="seconds between words")
    parser.add_argument(
        "--model",
        action="append",
        dest="models",
        metavar="NAME",
        help="model id to accept (repeatable; default: test-model)",
    )
    args = parser.parse_args(None if argv is None else list(argv))

    fallback = Text(_word_chunks(args.reply), delay=args.delay)
    server = ScriptedServer(args.models or ["test-model"], port=args.port, fallback=fallback)
    done = threading.Event()

    def request_exit(signum: int, frame: FrameType | None) -> None:
        done.set()

    # Exit cleanly on Ctrl+C and on SIGTERM (also when SIGINT is ignored, as it is for
    # background jobs started from a non-interactive shell).
    signal.signal(signal.SIGINT, request_exit)
    signal.signal(signal.SIGTERM, request_exit)
    server.start()
    print(server.base_url, flush=True)
    try:
        while not done.wait(0.5):
            pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
