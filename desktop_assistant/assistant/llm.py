"""One chat client for OpenAI, Azure OpenAI and any OpenAI-compatible server, over ``openai``.

Streaming chat completions with tool calls, a timeout on every request, the client's own
retries with backoff (it honours ``Retry-After``), and every failure mapped to an ``LLMError``
whose message a person can act on: what happened, in words, and what to do about it.
"""

from __future__ import annotations

import contextlib
import email.utils
import functools
import html
import re
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

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


class LLMError(Exception):
    """A model call that failed, with a message a person can act on."""

    kind = "error"

    def __init__(
        self, message: str, *, status: int | None = None, detail: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        #: What the server itself said, when it said something (already in ``message``).
        self.detail = detail


class NotConfigured(LLMError):
    kind = "not_configured"


class AuthenticationFailed(LLMError):
    kind = "authentication"


class PermissionDenied(LLMError):
    kind = "permission"


class ModelNotFound(LLMError):
    kind = "model_not_found"


class RateLimited(LLMError):
    kind = "rate_limited"

    def __init__(
        self, message: str, *, retry_after: float | None = None, detail: str | None = None
    ) -> None:
        super().__init__(message, status=429, detail=detail)
        self.retry_after = retry_after


class ServerError(LLMError):
    kind = "server_error"


class Timeout(LLMError):
    kind = "timeout"


class Unreachable(LLMError):
    kind = "unreachable"


class TLSFailed(LLMError):
    """The secure connection failed: most often a certificate this computer does not trust."""

    kind = "tls"


class ContextTooLong(LLMError):
    kind = "context_too_long"


class ToolsUnsupported(LLMError):
    kind = "tools_unsupported"


class StreamInterrupted(LLMError):
    kind = "stream_interrupted"


class BadResponse(LLMError):
    kind = "bad_response"


class AnswerTruncated(LLMError):
    """The model stopped because the answer reached its length limit (max tokens)."""

    kind = "answer_truncated"


class AnswerFiltered(LLMError):
    """The provider's content filter stopped the answer."""

    kind = "answer_filtered"


class Cancelled(LLMError):
    kind = "cancelled"


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


DETAIL_CHARS = 300


# A rate limit asking to wait longer than this is not retried: the person hears when to retry.
LONGEST_RETRY_WAIT = 10.0


def retry_after(headers: httpx.Headers) -> float | None:
    """Seconds the server asks us to wait: ``retry-after-ms`` (OpenAI's), or ``Retry-After``
    in seconds or as an HTTP date; as the openai client reads them."""
    with contextlib.suppress(TypeError, ValueError):
        return max(0.0, float(headers.get("retry-after-ms")) / 1000)
    value = headers.get("retry-after")
    if value is None:
        return None
    with contextlib.suppress(ValueError):
        return max(0.0, float(value))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _how_long(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:g} seconds"
    return f"about {round(seconds / 60)} minutes"


def page_summary(text: str) -> str:
    """A web page (a proxy's error page) in a few words: its title, else its text."""
    found = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    words = found.group(1) if found else re.sub(r"<[^>]*>", " ", text)
    words = " ".join(html.unescape(words).split())
    return words if len(words) <= 80 else words[:79] + "…"


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html", "<head", "<body", "<title"))


def _server_message(error: openai.APIStatusError) -> str:
    body = error.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return _shorten(str(inner["message"]))
        if isinstance(inner, str):
            return _shorten(inner)
    text = error.response.text if body is None or isinstance(body, str) else str(body)
    if _looks_like_html(text):
        return f"a web page saying “{page_summary(text)}”"
    return _shorten(text.strip()) or "no details"


def _shorten(text: str) -> str:
    return text if len(text) <= DETAIL_CHARS else text[: DETAIL_CHARS - 1] + "…"


def _why(status: int) -> str:
    if status in (502, 504):
        return "; a gateway or proxy in front of it got no good answer from the model server"
    if status == 503:
        return "; it is overloaded or down for maintenance"
    return ""


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The error and what caused it, down the chain (openai -> httpx -> httpcore -> OSError)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _connection_error(error: BaseException, config: ModelConfig) -> LLMError:
    """Say why the connection failed: a certificate, a name, nothing listening, or other."""
    where = config.where
    causes = list(_causes(error))
    for cause in causes:
        if isinstance(cause, ssl.SSLCertVerificationError):
            reason = cause.verify_message or cause.reason or str(cause)
            return TLSFailed(
                f"The model server at {where} presented a certificate this computer does not "
                f"trust ({reason}). If your company inspects HTTPS traffic or runs its own "
                "certificate authority, ask IT for the company CA certificate and point the "
                "SSL_CERT_FILE environment variable at it; otherwise check the address in "
                "Settings → Model.",
                detail=str(cause),
            )
    for cause in causes:
        if isinstance(cause, ssl.SSLError):
            return TLSFailed(
                f"The secure (TLS) connection to the model server at {where} failed "
                f"({cause.reason or cause}). Check that the address uses https:// only if the "
                "server speaks HTTPS; a company proxy may also need its CA certificate "
                "(SSL_CERT_FILE).",
                detail=str(cause),
            )
    last = causes[-1]
    if any(isinstance(cause, socket.gaierror) for cause in causes):
        from desktop_assistant.assistant.privacy import endpoint_host

        host = endpoint_host(config.provider, config.base_url)
        return Unreachable(
            f"Cannot reach the model server at {where}: the name {host!r} was not found "
            "(DNS lookup failed). Check the address in Settings → Model, and if it is a "
            "company server, that you are on the company network or VPN.",
            detail=str(last),
        )
    if any(isinstance(cause, ConnectionRefusedError) for cause in causes):
        return Unreachable(
            f"Cannot reach the model server at {where}: nothing is accepting connections "
            "there (connection refused). Check that the server is running and the port is "
            "right.",
            detail=str(last),
        )
    cause = error.__cause__ or error
    return Unreachable(
        f"Cannot reach the model server at {where} ({type(cause).__name__}: {cause}). "
        "Check that it is running and the address is right.",
        detail=str(cause),
    )


def map_error(error: BaseException, config: ModelConfig) -> LLMError:
    """Turn what the openai client or httpx raised into an ``LLMError`` for a person."""
    import httpx
    import openai

    if isinstance(error, LLMError):
        return error
    where = config.where
    if isinstance(error, openai.APITimeoutError):
        # The client retries a timeout, so the person waited this long each time.
        tries = f" ({config.max_retries + 1} attempts)" if config.max_retries else ""
        return Timeout(
            f"The model server at {where} did not answer within {config.timeout:g} "
            f"seconds{tries}. It may be busy or loading the model; try again, or raise the "
            "timeout in settings."
        )
    if isinstance(error, openai.APIConnectionError):
        return _connection_error(error, config)
    if isinstance(error, openai.APIStatusError):
        status = error.status_code
        detail = _server_message(error)
        lowered = detail.lower()
        if status == 401:
            return AuthenticationFailed(
                f"The model server refused the API key (401: {detail}). "
                "Enter a valid key in Settings → Model.",
                status=status, detail=detail,
            )
        if status == 403:
            return PermissionDenied(
                f"The API key is not allowed to use this model or server (403: {detail}). "
                "Ask whoever manages the key for access, or choose another model in "
                "Settings → Model.",
                status=status, detail=detail,
            )
        if status == 404:
            return ModelNotFound(
                f"The server at {where} does not know the model {config.model!r} (404: "
                f"{detail}). Choose a model it lists in Settings → Model.",
                status=status, detail=detail,
            )
        if status == 429:
            wait = retry_after(error.response.headers)
            hint = f"try again in {_how_long(wait)}" if wait else "try again in a moment"
            return RateLimited(
                f"The model server is rate limiting requests (429: {detail}); {hint}.",
                retry_after=wait, detail=detail,
            )
        if status in (400, 413, 422):
            code = str(getattr(error, "code", "") or "")
            if code == "context_length_exceeded" or ("context" in lowered and (
                "length" in lowered or "long" in lowered or "window" in lowered
            )):
                return ContextTooLong(
                    "The conversation is longer than the model can read "
                    f"({status}: {detail}). Start a new conversation or shorten the message.",
                    status=status, detail=detail,
                )
            if "tool" in lowered and ("support" in lowered or "not" in lowered):
                return ToolsUnsupported(
                    f"The model {config.model!r} does not support tool calls ({detail}). "
                    "Choose a model that does, or use slash commands such as /help.",
                    status=status, detail=detail,
                )
            return BadResponse(f"The model server rejected the request ({status}: {detail}).",
                               status=status, detail=detail)
        if status >= 500:
            return ServerError(
                f"The model server at {where} had an error ({status}: {detail}){_why(status)}. "
                "Try again in a moment.",
                status=status, detail=detail,
            )
        return BadResponse(f"The model server answered {status}: {detail}", status=status,
                           detail=detail)
    if isinstance(error, httpx.TimeoutException):
        return Timeout(
            f"The model server at {where} stopped sending the answer for more than "
            f"{config.timeout:g} seconds. What arrived is kept."
        )
    if isinstance(error, httpx.TransportError | openai.APIError):
        return StreamInterrupted(
            f"The connection to {where} broke in the middle of the answer ({error}). "
            "What arrived is kept; try again."
        )
    if isinstance(error, ValueError):
        return BadResponse(
            f"The model server at {where} sent something that is not valid JSON ({error}). "
            "A proxy in between may be changing the answers; try again."
        )
    return LLMError(f"The model call failed: {type(error).__name__}: {error}")


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
    return BadResponse(
        f"The model server at {where} answered with a web page instead of a model answer "
        f"(HTTP {response.status_code}: “{page_summary(text) or 'empty page'}”). A proxy or "
        "gateway in between may be failing or asking you to sign in; try again in a moment, "
        "or check the address in Settings → Model.",
        status=response.status_code, detail=page_summary(text),
    )


def _empty_stream(response: httpx.Response, where: str) -> BadResponse:
    kind = response.headers.get("content-type") or "no content type"
    return BadResponse(
        f"The model server at {where} ended its answer without sending any of it "
        f"(HTTP {response.status_code}, {kind}). A proxy in between may have cut it off, or "
        "the server may not support streaming; try again, or check the address in "
        "Settings → Model.",
        status=response.status_code,
    )


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
                raise BadResponse(
                    f"The model server at {config.where} sent a malformed chunk in the middle "
                    f"of its answer (not valid JSON: {error}). What arrived is kept; try again, "
                    "and if it keeps happening, the server or a proxy in between is damaging "
                    "its answers.",
                    detail=str(error),
                ) from error
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
