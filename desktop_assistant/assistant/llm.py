"""One chat client for OpenAI, Azure OpenAI and any OpenAI-compatible server, over ``openai``.

Streaming chat completions with tool calls, a timeout on every request, the client's own
retries with backoff (it honours ``Retry-After``), and every failure mapped to an ``LLMError``
(``model_errors.py``) whose message a person can act on.
"""

from __future__ import annotations

import contextlib
import functools
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from desktop_assistant.assistant.model_errors import (
    EMPTY_PAGE,
    EMPTY_STREAM,
    LONGEST_RETRY_WAIT,
    MALFORMED_CHUNK,
    NOT_A_STREAM,
    BadResponse,
    Cancelled,
    NotConfigured,
    map_error,
    page_summary,
    retry_after,
    worded,
)

if TYPE_CHECKING:
    import httpx
    import openai

# Servers such as Ollama need no key, but the client insists on one; this is not a secret.
NO_KEY = "no-key-needed"


@dataclass(frozen=True)
class ModelConfig:
    """What the client needs to reach a model. ``api_key`` is never logged or stored here."""

    provider: str
    model: str
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 60.0
    max_retries: int = 2
    azure_api_version: str = "2024-10-21"
    mode: str = "cloud"  # the provider mode (assistant/privacy.py)
    company_hosts: str = ""

    @property
    def where(self) -> str:
        if self.base_url:
            return self.base_url
        return "api.openai.com" if self.provider == "openai" else "the configured server"


@dataclass(frozen=True)
class ToolCallRequest:
    """A tool call as the model sent it; ``arguments`` is the raw JSON text, possibly invalid."""

    id: str
    name: str
    arguments: str

    def as_message_part(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": "function",
            "function": {"name": self.name, "arguments": self.arguments},
        }


@dataclass(frozen=True)
class TextChunk:
    text: str


@dataclass(frozen=True)
class Completion:
    text: str
    tool_calls: list[ToolCallRequest]
    finish_reason: str | None


PREVIEW_BYTES = 64 * 1024


def _shut(stream: Any) -> None:
    """Wake a thread reading ``stream`` (an httpcore network stream) with end-of-stream.

    shutdown() keeps the descriptor (closing it under the reader could hand the number to a
    new connection); the plain socket's shutdown, because SSLSocket.shutdown drops its TLS
    state under a reader that is still using it.
    """
    with contextlib.suppress(Exception):
        sock = stream.get_extra_info("socket")
        if sock is not None and sock.fileno() != -1:
            socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Connections:
    """Keeps Stop prompt while the ``openai`` client is still sending a request, waiting for
    the first byte or about to retry; its httpx event hooks see every request and response.

    - httpcore reports each new connection through the ``trace`` request extension, so Stop
      can wake a read that waits for the first byte before there is a response to close. A
      client runs one stream at a time (the agent builds one client per turn), so waking all
      its connections wakes that one.
    - A request about to be sent (a retry included) after Stop fails at once with an
      ``OpenAIError``, which openai raises without retrying.
    - openai sleeps through a ``Retry-After`` of up to two minutes, deaf to Stop; longer than
      ``LONGEST_RETRY_WAIT`` is not retried (``x-should-retry``): the person is told when to
      try again instead.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._streams: list[Any] = []
        self.active: ChatStream | None = None

    def watch(self, request: httpx.Request) -> None:
        active = self.active
        if active is not None and active.cancelled:
            import openai

            raise openai.APIConnectionError(message="Stopped.", request=request)
        request.extensions["trace"] = self._trace

    @staticmethod
    def limit_retry_wait(response: httpx.Response) -> None:
        wait = retry_after(response.headers)
        if wait is not None and wait > LONGEST_RETRY_WAIT:
            response.headers["x-should-retry"] = "false"

    def _trace(self, event: str, info: dict[str, Any]) -> None:
        if event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            with self._lock:
                self._streams = [s for s in self._streams if _is_open(s)]
                self._streams.append(info["return_value"])
        elif event != "http11.receive_response_headers.started":
            return
        active = self.active
        if active is not None and active.cancelled:  # Stop came while connecting
            self.wake()

    def wake(self) -> None:
        with self._lock:
            streams = list(self._streams)
        for stream in streams:
            _shut(stream)


def _is_open(stream: Any) -> bool:
    with contextlib.suppress(Exception):
        sock = stream.get_extra_info("socket")
        return sock is not None and sock.fileno() != -1
    return False


def _not_a_stream(response: httpx.Response, where: str) -> BadResponse:
    """A web page where a streamed answer should be: a proxy or gateway answered instead."""
    data = b""
    for part in response.iter_bytes():
        data += part
        if len(data) >= PREVIEW_BYTES:
            break
    text = data.decode(response.encoding or "utf-8", errors="replace")
    page = page_summary(text)
    return BadResponse(NOT_A_STREAM, status=response.status_code, detail=page, where=where,
                       code=response.status_code,
                       page=(page, page) if page else worded(EMPTY_PAGE))


def _empty_stream(response: httpx.Response, where: str) -> BadResponse:
    kind = response.headers.get("content-type") or "no content type"
    return BadResponse(EMPTY_STREAM, status=response.status_code, where=where,
                       code=response.status_code, content_type=kind)


class ChatStream:
    """One streaming completion: iterate for ``TextChunk``s and a final ``Completion``.

    ``cancel()`` may be called from any thread, also while the server has not answered yet;
    the iteration then ends with ``Cancelled``.
    """

    def __init__(self, client: ChatClient, request: dict[str, Any]) -> None:
        self._client = client
        self._request = request
        self._cancelled = threading.Event()
        self._response: Any = None

    def cancel(self) -> None:
        self._cancelled.set()
        response = self._response
        if response is None:
            # Still connecting or waiting for the first byte: wake the blocked read.
            self._client._connections.wake()
            return
        # Wake the reading thread without closing the socket under it: closing it here would
        # free the descriptor, a new connection could reuse it, and the reader would then wait
        # on that other connection. shutdown() keeps the descriptor; the reader sees the end of
        # the stream and closes the response itself (in __iter__).
        network = None
        with contextlib.suppress(Exception):
            network = response.response.extensions.get("network_stream")
        if network is not None and _is_open(network):
            _shut(network)
            return
        with contextlib.suppress(Exception):
            response.close()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def __iter__(self) -> Iterator[TextChunk | Completion]:
        config = self._client.config
        text: list[str] = []
        calls: dict[int, dict[str, str]] = {}
        finish_reason: str | None = None
        chunks = 0
        connections = self._client._connections
        try:
            raw = self._client.raw
            connections.active = self
            try:
                stream = raw.chat.completions.create(**self._request, stream=True)
            finally:
                connections.active = None
            self._response = stream
            if self.cancelled:
                stream.close()
                raise Cancelled("Stopped.")
            if stream.response.headers.get("content-type", "").startswith("text/html"):
                raise _not_a_stream(stream.response, config.where)
            for chunk in stream:
                chunks += 1
                if self.cancelled:
                    raise Cancelled("Stopped.")
                if not chunk.choices:
                    continue
                choice = chunk.choices[0]
                delta = choice.delta
                if delta is not None and delta.content:
                    text.append(delta.content)
                    yield TextChunk(delta.content)
                for part in (delta.tool_calls or []) if delta is not None else []:
                    call = calls.setdefault(part.index, {"id": "", "name": "", "arguments": ""})
                    if part.id:
                        call["id"] = part.id
                    if part.function is not None:
                        call["name"] += part.function.name or ""
                        call["arguments"] += part.function.arguments or ""
                if choice.finish_reason:
                    finish_reason = choice.finish_reason
            if not chunks:
                raise _empty_stream(stream.response, config.where)
        except Cancelled:
            raise
        except Exception as error:
            if self.cancelled:
                raise Cancelled("Stopped.") from error
            if isinstance(error, ValueError) and self._response is not None:
                raise BadResponse(MALFORMED_CHUNK, detail=str(error), where=config.where,
                                  error=error) from error
            raise map_error(error, config) from error
        finally:
            response, self._response = self._response, None
            if response is not None:
                with contextlib.suppress(Exception):
                    response.close()
        tool_calls = [
            ToolCallRequest(
                id=call["id"] or f"call_{index}", name=call["name"], arguments=call["arguments"]
            )
            for index, call in sorted(calls.items())
        ]
        yield Completion("".join(text), tool_calls, finish_reason)


@functools.cache
def _http_client_class() -> type[httpx.Client]:
    """openai's default httpx client, closed when dropped as the one openai makes for itself
    is (a turn's client is left to the garbage collector). Built on first use: importing
    openai costs startup time."""
    import openai

    class HttpClient(openai.DefaultHttpxClient):
        def __del__(self) -> None:
            with contextlib.suppress(Exception):
                if not self.is_closed:
                    self.close()

    return HttpClient


class ChatModel(Protocol):
    """What a turn needs of a client: ``ChatClient``, or one that wraps it
    (``redacted_client.RedactingClient``)."""

    config: ModelConfig

    def stream_chat(
        self, messages: list[dict[str, Any]], tools: list[dict[str, Any]] | None = None
    ) -> Any: ...


class ChatClient:
    """The ``openai`` client for one configured model and server."""

    def __init__(self, config: ModelConfig) -> None:
        from desktop_assistant.assistant.privacy import model_access_problem

        refused = model_access_problem(
            config.mode, config.provider, config.base_url, config.company_hosts
        )
        if refused is not None:
            raise refused
        if not config.model:
            raise NotConfigured("No model is configured. Open Settings → Model to choose one.")
        self.config = config
        self._raw: openai.OpenAI | None = None
        self._connections = _Connections()

    @property
    def raw(self) -> openai.OpenAI:
        if self._raw is None:
            self._raw = self._build()
        return self._raw

    def _build(self) -> openai.OpenAI:
        import httpx
        import openai

        config = self.config
        timeout = httpx.Timeout(config.timeout, connect=min(10.0, config.timeout))
        if config.provider == "azure":
            if not config.base_url:
                raise NotConfigured("Azure OpenAI needs the resource's endpoint URL in settings.")
            if not config.api_key:
                raise NotConfigured("Azure OpenAI needs an API key; enter it in Settings → Model.")
            return openai.AzureOpenAI(
                azure_endpoint=config.base_url,
                api_key=config.api_key,
                api_version=config.azure_api_version,
                timeout=timeout,
                max_retries=config.max_retries,
                http_client=self._http_client(timeout),
            )
        if config.provider == "openai" and not config.api_key:
            raise NotConfigured(
                "OpenAI needs an API key: enter it in Settings → Model or set OPENAI_API_KEY."
            )
        return openai.OpenAI(
            base_url=config.base_url or None,
            api_key=config.api_key or NO_KEY,
            timeout=timeout,
            max_retries=config.max_retries,
            http_client=self._http_client(timeout),
        )

    def _http_client(self, timeout: httpx.Timeout) -> httpx.Client:
        """openai's default httpx client, reporting its connections so Stop can wake them."""
        return _http_client_class()(
            timeout=timeout,
            event_hooks={"request": [self._connections.watch],
                         "response": [self._connections.limit_retry_wait]},
        )

    def stream_chat(
        self, messages: list[dict[str, Any]], tools: list[dict[str, Any]] | None = None
    ) -> ChatStream:
        request: dict[str, Any] = {"model": self.config.model, "messages": messages}
        if tools:
            request["tools"] = tools
        return ChatStream(self, request)

    def list_models(self) -> list[str]:
        """Model names the server offers (``/models``), sorted."""
        try:
            page = self.raw.models.list()
            return sorted(model.id for model in page)
        except Exception as error:
            raise map_error(error, self.config) from error

    def test_connection(self) -> str:
        """Check the server, the key and the model with a one-word request; say what works."""
        try:
            self.raw.chat.completions.create(
                model=self.config.model,
                messages=[{"role": "user", "content": "Reply with the word: ok"}],
                max_tokens=5,
            )
        except Exception as error:
            raise map_error(error, self.config) from error
        return f"Connected to {self.config.where}; the model {self.config.model!r} answered."

    def close(self) -> None:
        if self._raw is not None:
            self._raw.close()
            self._raw = None
