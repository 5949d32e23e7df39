"""Every way a model call can fail, as an ``LLMError`` whose message a person can act on.

``map_error`` turns what the ``openai`` client, httpx or the TLS layer raised into one of
the kinds below: what happened, in words, and what to do about it (a key to fix, a server to
start, a certificate authority to trust, a time to retry). ``llm.py`` raises them.
"""

from __future__ import annotations

import contextlib
import email.utils
import html
import re
import socket
import ssl
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx
    import openai

    from desktop_assistant.assistant.llm import ModelConfig


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
