"""One chat client for OpenAI, Azure OpenAI and any OpenAI-compatible server, over ``openai``.

Streaming chat completions with tool calls, a timeout on every request, the client's own
retries with backoff (it honours ``Retry-After``), and every failure mapped to an ``LLMError``
whose message a person can act on.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


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

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message, status=429)
        self.retry_after = retry_after


class ServerError(LLMError):
    kind = "server_error"


class Timeout(LLMError):
    kind = "timeout"


class Unreachable(LLMError):
    kind = "unreachable"


class ContextTooLong(LLMError):
    kind = "context_too_long"


class ToolsUnsupported(LLMError):
    kind = "tools_unsupported"


class StreamInterrupted(LLMError):
    kind = "stream_interrupted"


class BadResponse(LLMError):
    kind = "bad_response"


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


def _retry_after(error: openai.APIStatusError) -> float | None:
    value = error.response.headers.get("retry-after")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _server_message(error: openai.APIStatusError) -> str:
    body = error.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return str(inner["message"])
        if isinstance(inner, str):
            return inner
    return str(error.message)


def map_error(error: BaseException, config: ModelConfig) -> LLMError:
    """Turn what the openai client or httpx raised into an ``LLMError`` for a person."""
    import httpx
    import openai

    if isinstance(error, LLMError):
        return error
    where = config.where
    if isinstance(error, openai.APITimeoutError):
        return Timeout(
            f"The model server at {where} did not answer within {config.timeout:g} seconds. "
            "It may be busy or loading the model; try again, or raise the timeout in settings."
        )
    if isinstance(error, openai.APIConnectionError):
        cause = error.__cause__ or error
        return Unreachable(
            f"Cannot reach the model server at {where} ({type(cause).__name__}: {cause}). "
            "Check that it is running and the address is right."
        )
    if isinstance(error, openai.APIStatusError):
        status = error.status_code
        detail = _server_message(error)
        lowered = detail.lower()
        if status == 401:
            return AuthenticationFailed(
                f"The model server refused the API key (401: {detail}). "
                "Enter a valid key in Settings → Model.",
                status=status,
            )
        if status == 403:
            return PermissionDenied(
                f"The API key is not allowed to use this model or server (403: {detail}).",
                status=status,
            )
        if status == 404:
            return ModelNotFound(
                f"The server at {where} does not know the model {config.model!r} (404: "
                f"{detail}). Choose a model it lists in Settings → Model.",
                status=status,
            )
        if status == 429:
            wait = _retry_after(error)
            hint = f"try again in {wait:g} seconds" if wait else "try again in a moment"
            return RateLimited(
                f"The model server is rate limiting requests (429: {detail}); {hint}.",
                retry_after=wait,
            )
        if status in (400, 413, 422):
            code = str(getattr(error, "code", "") or "")
            if code == "context_length_exceeded" or ("context" in lowered and (
                "length" in lowered or "long" in lowered or "window" in lowered
            )):
                return ContextTooLong(
                    "The conversation is longer than the model can read "
                    f"({status}: {detail}). Start a new conversation or shorten the message.",
                    status=status,
                )
            if "tool" in lowered and ("support" in lowered or "not" in lowered):
                return ToolsUnsupported(
                    f"The model {config.model!r} does not support tool calls ({detail}). "
                    "Choose a model that does, or use slash commands such as /help.",
                    status=status,
                )
            return BadResponse(f"The model server rejected the request ({status}: {detail}).",
                               status=status)
        if status >= 500:
            return ServerError(
                f"The model server at {where} had an error ({status}: {detail}). "
                "Try again in a moment.",
                status=status,
            )
        return BadResponse(f"The model server answered {status}: {detail}", status=status)
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
        return BadResponse(f"The model server sent something that is not valid JSON ({error}).")
    return LLMError(f"The model call failed: {type(error).__name__}: {error}")


class ChatStream:
    """One streaming completion: iterate for ``TextChunk``s and a final ``Completion``.

    ``cancel()`` may be called from any thread; the iteration then ends with ``Cancelled``.
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
            return
        # Wake the reading thread without closing the socket under it: closing it here would
        # free the descriptor, a new connection could reuse it, and the reader would then wait
        # on that other connection. shutdown() keeps the descriptor; the reader sees the end of
        # the stream and closes the response itself (in __iter__).
        with contextlib.suppress(Exception):
            network = response.response.extensions.get("network_stream")
            sock = network.get_extra_info("socket") if network is not None else None
            if sock is not None:
                sock.shutdown(socket.SHUT_RDWR)
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
        try:
            stream = self._client.raw.chat.completions.create(**self._request, stream=True)
            self._response = stream
            if self.cancelled:
                stream.close()
                raise Cancelled("Stopped.")
            for chunk in stream:
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
        except Cancelled:
            raise
        except Exception as error:
            if self.cancelled:
                raise Cancelled("Stopped.") from error
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
