"""Every way a model call can fail, as an ``LLMError`` whose message a person can act on.

``map_error`` turns what the ``openai`` client, httpx or the TLS layer raised into one of
the kinds below: what happened, in words, and what to do about it (a key to fix, a server to
start, a certificate authority to trust, a time to retry). ``llm.py`` raises them.

Each message is a template marked for translation (``QT_TRANSLATE_NOOP("ModelErrors", …)``)
with ``str.format`` fields: ``str(error)`` is the English sentence (for logs and tests) and
``error.message`` the same sentence in the interface language, which the chat shows and keeps
with the failed answer. A field may itself be a pair (English, translated), from ``worded``.
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
from typing import TYPE_CHECKING, Any

from desktop_assistant.i18n import QT_TRANSLATE_NOOP, Worded, translate
from desktop_assistant.i18n import worded as i18n_worded

if TYPE_CHECKING:
    import httpx
    import openai

    from desktop_assistant.assistant.llm import ModelConfig


def worded(template: str, **fields: object) -> Worded:
    """``i18n.worded`` in the "ModelErrors" context."""
    return i18n_worded("ModelErrors", template, **fields)


class LLMError(Exception):
    """A model call that failed, with a message a person can act on.

    ``message`` is either a finished English sentence, or a template marked with
    ``QT_TRANSLATE_NOOP("ModelErrors", …)`` filled from ``fields``. ``str(error)`` stays in
    English; ``error.message`` is in the interface language (``shown`` gives it ready-made).
    """

    kind = "error"

    def __init__(
        self, message: str, *, status: int | None = None, detail: str | None = None,
        shown: str | None = None, **fields: object,
    ) -> None:
        english, translated = worded(message, **fields) if fields else (
            message, translate("ModelErrors", message))
        super().__init__(english)
        # The sentence for the person, in the interface language.
        self.message = shown if shown is not None else translated
        self.status = status
        # What the server itself said, when it said something (already in ``message``).
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
        self, message: str, *, retry_after: float | None = None, detail: str | None = None,
        **fields: Any,
    ) -> None:
        super().__init__(message, status=429, detail=detail, **fields)
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


def _how_long(seconds: float) -> Worded:
    if seconds < 90:
        return worded(QT_TRANSLATE_NOOP("ModelErrors", "{seconds} seconds"),
                      seconds=f"{seconds:g}")
    return worded(QT_TRANSLATE_NOOP("ModelErrors", "about {minutes} minutes"),
                  minutes=round(seconds / 60))


def page_summary(text: str) -> str:
    """A web page (a proxy's error page) in a few words: its title, else its text."""
    found = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    words = found.group(1) if found else re.sub(r"<[^>]*>", " ", text)
    words = " ".join(html.unescape(words).split())
    return words if len(words) <= 80 else words[:79] + "…"


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html", "<head", "<body", "<title"))


def _server_message(error: openai.APIStatusError) -> Worded:
    """What the server said (its own words, in both languages), or a web page's title."""
    body = error.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return _as_said(_shorten(str(inner["message"])))
        if isinstance(inner, str):
            return _as_said(_shorten(inner))
    text = error.response.text if body is None or isinstance(body, str) else str(body)
    if _looks_like_html(text):
        return worded(QT_TRANSLATE_NOOP("ModelErrors", "a web page saying “{title}”"),
                      title=page_summary(text))
    if not text.strip():
        return worded(QT_TRANSLATE_NOOP("ModelErrors", "no details"))
    return _as_said(_shorten(text.strip()))


def _as_said(text: str) -> Worded:
    return text, text


def _shorten(text: str) -> str:
    return text if len(text) <= DETAIL_CHARS else text[: DETAIL_CHARS - 1] + "…"


def _server_failed(status: int, where: str, said: Worded) -> ServerError:
    if status in (502, 504):
        template = QT_TRANSLATE_NOOP(
            "ModelErrors",
            "The model server at {where} had an error ({code}: {said}); a gateway or proxy in "
            "front of it got no good answer from the model server. Try again in a moment.")
    elif status == 503:
        template = QT_TRANSLATE_NOOP(
            "ModelErrors",
            "The model server at {where} had an error ({code}: {said}); it is overloaded or "
            "down for maintenance. Try again in a moment.")
    else:
        template = QT_TRANSLATE_NOOP(
            "ModelErrors",
            "The model server at {where} had an error ({code}: {said}). Try again in a moment.")
    return ServerError(template, status=status, detail=said[0], where=where, code=status,
                       said=said)


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
                QT_TRANSLATE_NOOP(
                    "ModelErrors",
                    "The model server at {where} presented a certificate this computer does "
                    "not trust ({reason}). If your company inspects HTTPS traffic or runs its "
                    "own certificate authority, ask IT for the company CA certificate and point "
                    "the SSL_CERT_FILE environment variable at it; otherwise check the address "
                    "in Settings → Model."),
                detail=str(cause), where=where, reason=reason,
            )
    for cause in causes:
        if isinstance(cause, ssl.SSLError):
            return TLSFailed(
                QT_TRANSLATE_NOOP(
                    "ModelErrors",
                    "The secure (TLS) connection to the model server at {where} failed "
                    "({reason}). Check that the address uses https:// only if the server speaks "
                    "HTTPS; a company proxy may also need its CA certificate (SSL_CERT_FILE)."),
                detail=str(cause), where=where, reason=cause.reason or cause,
            )
    last = causes[-1]
    if any(isinstance(cause, socket.gaierror) for cause in causes):
        from desktop_assistant.assistant.privacy import endpoint_host

        host = endpoint_host(config.provider, config.base_url)
        return Unreachable(
            QT_TRANSLATE_NOOP(
                "ModelErrors",
                "Cannot reach the model server at {where}: the name {host!r} was not found (DNS "
                "lookup failed). Check the address in Settings → Model, and if it is a company "
                "server, that you are on the company network or VPN."),
            detail=str(last), where=where, host=host,
        )
    if any(isinstance(cause, ConnectionRefusedError) for cause in causes):
        return Unreachable(
            QT_TRANSLATE_NOOP(
                "ModelErrors",
                "Cannot reach the model server at {where}: nothing is accepting connections "
                "there (connection refused). Check that the server is running and the port is "
                "right."),
            detail=str(last), where=where,
        )
    cause = error.__cause__ or error
    return Unreachable(
        QT_TRANSLATE_NOOP(
            "ModelErrors",
            "Cannot reach the model server at {where} ({error}). Check that it is running and "
            "the address is right."),
        detail=str(cause), where=where, error=f"{type(cause).__name__}: {cause}",
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
        if config.max_retries:
            return Timeout(
                QT_TRANSLATE_NOOP(
                    "ModelErrors",
                    "The model server at {where} did not answer within {seconds} seconds "
                    "({attempts} attempts). It may be busy or loading the model; try again, or "
                    "raise the timeout in settings."),
                where=where, seconds=f"{config.timeout:g}", attempts=config.max_retries + 1,
            )
        return Timeout(
            QT_TRANSLATE_NOOP(
                "ModelErrors",
                "The model server at {where} did not answer within {seconds} seconds. It may be "
                "busy or loading the model; try again, or raise the timeout in settings."),
            where=where, seconds=f"{config.timeout:g}",
        )
    if isinstance(error, openai.APIConnectionError):
        return _connection_error(error, config)
    if isinstance(error, openai.APIStatusError):
        status = error.status_code
        said = _server_message(error)
        detail = said[0]
        lowered = detail.lower()
        if status == 401:
            return AuthenticationFailed(
                QT_TRANSLATE_NOOP(
                    "ModelErrors",
                    "The model server refused the API key (401: {said}). Enter a valid key in "
                    "Settings → Model."),
                status=status, detail=detail, said=said,
            )
        if status == 403:
            return PermissionDenied(
                QT_TRANSLATE_NOOP(
                    "ModelErrors",
                    "The API key is not allowed to use this model or server (403: {said}). Ask "
                    "whoever manages the key for access, or choose another model in Settings → "
                    "Model."),
                status=status, detail=detail, said=said,
            )
        if status == 404:
            return ModelNotFound(
                QT_TRANSLATE_NOOP(
                    "ModelErrors",
                    "The server at {where} does not know the model {model!r} (404: {said}). "
                    "Choose a model it lists in Settings → Model."),
                status=status, detail=detail, where=where, model=config.model, said=said,
            )
        if status == 429:
            wait = retry_after(error.response.headers)
            if wait:
                return RateLimited(
                    QT_TRANSLATE_NOOP(
                        "ModelErrors",
                        "The model server is rate limiting requests (429: {said}); try again "
                        "in {how_long}."),
                    retry_after=wait, detail=detail, said=said, how_long=_how_long(wait),
                )
            return RateLimited(
                QT_TRANSLATE_NOOP(
                    "ModelErrors",
                    "The model server is rate limiting requests (429: {said}); try again in a "
                    "moment."),
                retry_after=wait, detail=detail, said=said,
            )
        if status in (400, 413, 422):
            code = str(getattr(error, "code", "") or "")
            if code == "context_length_exceeded" or ("context" in lowered and (
                "length" in lowered or "long" in lowered or "window" in lowered
            )):
                return ContextTooLong(
                    QT_TRANSLATE_NOOP(
                        "ModelErrors",
                        "The conversation is longer than the model can read ({code}: {said}). "
                        "Start a new conversation or shorten the message."),
                    status=status, detail=detail, code=status, said=said,
                )
            if "tool" in lowered and ("support" in lowered or "not" in lowered):
                return ToolsUnsupported(
                    QT_TRANSLATE_NOOP(
                        "ModelErrors",
                        "The model {model!r} does not support tool calls ({said}). Choose a "
                        "model that does, or use slash commands such as /help."),
                    status=status, detail=detail, model=config.model, said=said,
                )
            return BadResponse(
                QT_TRANSLATE_NOOP("ModelErrors",
                                  "The model server rejected the request ({code}: {said})."),
                status=status, detail=detail, code=status, said=said)
        if status >= 500:
            return _server_failed(status, where, said)
        return BadResponse(QT_TRANSLATE_NOOP("ModelErrors", "The model server answered {code}: "
                                             "{said}"),
                           status=status, detail=detail, code=status, said=said)
    if isinstance(error, httpx.TimeoutException):
        return Timeout(
            QT_TRANSLATE_NOOP(
                "ModelErrors",
                "The model server at {where} stopped sending the answer for more than {seconds} "
                "seconds. What arrived is kept."),
            where=where, seconds=f"{config.timeout:g}",
        )
    if isinstance(error, httpx.TransportError | openai.APIError):
        return StreamInterrupted(
            QT_TRANSLATE_NOOP(
                "ModelErrors",
                "The connection to {where} broke in the middle of the answer ({error}). What "
                "arrived is kept; try again."),
            where=where, error=error,
        )
    if isinstance(error, ValueError):
        return BadResponse(
            QT_TRANSLATE_NOOP(
                "ModelErrors",
                "The model server at {where} sent something that is not valid JSON ({error}). A "
                "proxy in between may be changing the answers; try again."),
            where=where, error=error,
        )
    return LLMError(QT_TRANSLATE_NOOP("ModelErrors", "The model call failed: {error}"),
                    error=f"{type(error).__name__}: {error}")


# --- sentences raised by llm.py, agent.py and app.py (marked here, translated by LLMError) ---

STOPPED = QT_TRANSLATE_NOOP("ModelErrors", "Stopped.")
NO_MODEL = QT_TRANSLATE_NOOP(
    "ModelErrors", "No model is configured. Open Settings → Model to choose one.")
NO_MODEL_YET = QT_TRANSLATE_NOOP(
    "ModelErrors",
    "No model is configured yet. Open Settings → Model, or set DESKTOP_ASSISTANT_BASE_URL and "
    "DESKTOP_ASSISTANT_MODEL.")
AZURE_NEEDS_ENDPOINT = QT_TRANSLATE_NOOP(
    "ModelErrors", "Azure OpenAI needs the resource's endpoint URL in settings.")
AZURE_NEEDS_KEY = QT_TRANSLATE_NOOP(
    "ModelErrors", "Azure OpenAI needs an API key; enter it in Settings → Model.")
OPENAI_NEEDS_KEY = QT_TRANSLATE_NOOP(
    "ModelErrors", "OpenAI needs an API key: enter it in Settings → Model or set OPENAI_API_KEY.")
NOT_A_STREAM = QT_TRANSLATE_NOOP(
    "ModelErrors",
    "The model server at {where} answered with a web page instead of a model answer (HTTP "
    "{code}: “{page}”). A proxy or gateway in between may be failing or asking you to sign in; "
    "try again in a moment, or check the address in Settings → Model.")
EMPTY_PAGE = QT_TRANSLATE_NOOP("ModelErrors", "empty page")
EMPTY_STREAM = QT_TRANSLATE_NOOP(
    "ModelErrors",
    "The model server at {where} ended its answer without sending any of it (HTTP {code}, "
    "{content_type}). A proxy in between may have cut it off, or the server may not support "
    "streaming; try again, or check the address in Settings → Model.")
MALFORMED_CHUNK = QT_TRANSLATE_NOOP(
    "ModelErrors",
    "The model server at {where} sent a malformed chunk in the middle of its answer (not valid "
    "JSON: {error}). What arrived is kept; try again, and if it keeps happening, the server or "
    "a proxy in between is damaging its answers.")
TRUNCATED_TOOL_CALL = QT_TRANSLATE_NOOP(
    "ModelErrors",
    "The answer was cut off at the model's length limit (max tokens) while it was preparing a "
    "tool call, so nothing was run. Ask again, for less at a time.")
TRUNCATED = QT_TRANSLATE_NOOP(
    "ModelErrors",
    "The answer was cut off: it reached the model's length limit (max tokens). What arrived is "
    "kept; ask it to continue, or for a shorter answer.")
FILTERED = QT_TRANSLATE_NOOP(
    "ModelErrors",
    "The model's provider stopped the answer with its content filter. What arrived is kept; "
    "rephrase the request if you think this was a mistake.")
TIME_LIMIT = QT_TRANSLATE_NOOP(
    "ModelErrors", "Stopped: the turn took longer than {seconds} seconds.")


def step_limit(steps: int) -> Worded:
    """Why a turn stopped after ``steps`` tool steps (agent.py's ``TurnError``)."""
    return worded(QT_TRANSLATE_NOOP(
        "ModelErrors",
        "Stopped after {steps} tool steps without a final answer. Ask again more specifically, "
        "or continue the conversation."), steps=steps)


def too_long_alone(with_tool_results: bool, tokens: int, error: ContextTooLong
                   ) -> ContextTooLong:
    """The latest message alone is more than the model can read (agent.py)."""
    if with_tool_results:
        template = QT_TRANSLATE_NOOP(
            "ModelErrors",
            "Your message and the tool results it needed are longer than the model can read, "
            "even without the earlier conversation (about {tokens} tokens{said}). Shorten it or "
            "send it in parts, or choose a model with a larger context in Settings → Model.")
    else:
        template = QT_TRANSLATE_NOOP(
            "ModelErrors",
            "Your message is longer than the model can read, even without the earlier "
            "conversation (about {tokens} tokens{said}). Shorten it or send it in parts, or "
            "choose a model with a larger context in Settings → Model.")
    said = worded(QT_TRANSLATE_NOOP("ModelErrors", "; the server said: {detail}"),
                  detail=error.detail) if error.detail else ("", "")
    return ContextTooLong(template, status=error.status, detail=error.detail,
                          tokens=f"{tokens:,}", said=said)
