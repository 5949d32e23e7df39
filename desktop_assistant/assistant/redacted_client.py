"""A chat client that sends placeholders instead of personal data, and restores them on return.

Before a request leaves the machine, ``RedactingClient`` replaces email addresses, phone
numbers, resident ID and bank card numbers, IBANs and keys in every message with placeholders
(``[EMAIL_1]``; ``assistant/redaction.py`` finds them) and tells the model to use the
placeholders as written. What comes back is restored before anyone sees it: the streamed text
(a placeholder split across chunks included), the final answer, and tool call arguments, so
"email [EMAIL_1]" drafts to the real address. Each request gets its own numbering, taken from
the messages it sends, so a request is always consistent with itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from desktop_assistant.assistant.llm import (
    ChatClient,
    Completion,
    TextChunk,
    ToolCallRequest,
)
from desktop_assistant.assistant.redaction import Redactor
from desktop_assistant.i18n import QT_TRANSLATE_NOOP, translate

PLACEHOLDER_NOTE = (
    "Privacy: before this conversation was sent to you, personal details (email addresses, "
    "phone numbers, ID and card numbers, IBANs, keys) were replaced by placeholders such as "
    "[EMAIL_1]. Use each placeholder exactly as written, in answers and in tool arguments; "
    "the app puts the real value back on the person's computer. Never guess the real values."
)


# Each category counted, one and several (redaction.CATEGORY_LABELS' words), for people.
COUNTED: dict[str, tuple[str, str]] = {
    "email": (QT_TRANSLATE_NOOP("Redaction", "{count} email address"),
              QT_TRANSLATE_NOOP("Redaction", "{count} email addresses")),
    "phone": (QT_TRANSLATE_NOOP("Redaction", "{count} phone number"),
              QT_TRANSLATE_NOOP("Redaction", "{count} phone numbers")),
    "cn_id": (QT_TRANSLATE_NOOP("Redaction", "{count} Chinese resident ID number"),
              QT_TRANSLATE_NOOP("Redaction", "{count} Chinese resident ID numbers")),
    "bank_card": (QT_TRANSLATE_NOOP("Redaction", "{count} bank card number"),
                  QT_TRANSLATE_NOOP("Redaction", "{count} bank card numbers")),
    "iban": (QT_TRANSLATE_NOOP("Redaction", "{count} IBAN"),
             QT_TRANSLATE_NOOP("Redaction", "{count} IBANs")),
    "api_key": (QT_TRANSLATE_NOOP("Redaction", "{count} API key or password"),
                QT_TRANSLATE_NOOP("Redaction", "{count} API keys or passwords")),
}


def describe_redaction(counts: dict[str, int]) -> str:
    """ "2 email addresses and 1 phone number" for people, in the interface language."""
    parts = []
    for category, count in counts.items():
        if count <= 0:
            continue
        one, several = COUNTED.get(category, ("{count} " + category,) * 2)
        parts.append(translate("Redaction", one if count == 1 else several).format(count=count))
    if len(parts) <= 1:
        return "".join(parts)
    return translate("Redaction", "{items} and {last}").format(
        items=translate("Redaction", ", ").join(parts[:-1]), last=parts[-1])


def redaction_notice(counts: dict[str, int]) -> str:
    """What the chat and the terminal say when redaction happened."""
    return translate(
        "Redaction", "Privacy: replaced {what} with placeholders before sending to the model; "
        "you see the real values.").format(what=describe_redaction(counts))


class RedactedStream:
    """A ``ChatStream`` whose text and tool calls come back with the real values."""

    def __init__(self, stream: Any, redactor: Redactor) -> None:
        self._stream = stream
        self._redactor = redactor
        # Category -> distinct values replaced in this request (empty: nothing was).
        self.redacted: dict[str, int] = {k: v for k, v in redactor.counts().items() if v}

    def cancel(self) -> None:
        self._stream.cancel()

    @property
    def cancelled(self) -> bool:
        return bool(self._stream.cancelled)

    def __iter__(self) -> Iterator[TextChunk | Completion]:
        redactor = self._redactor
        restorer = redactor.stream()
        try:
            for item in self._stream:
                if isinstance(item, TextChunk):
                    shown = restorer.feed(item.text)
                    if shown:
                        yield TextChunk(shown)
                    continue
                rest = restorer.flush()
                if rest:
                    yield TextChunk(rest)
                calls = [
                    ToolCallRequest(call.id, call.name, redactor.restore_json(call.arguments))
                    for call in item.tool_calls
                ]
                yield Completion(redactor.restore(item.text), calls, item.finish_reason)
        except BaseException:
            # The answer broke off: what was held back (part of a placeholder) is still shown.
            rest = restorer.flush()
            if rest:
                yield TextChunk(rest)
            raise


class RedactingClient:
    """Wraps a ``ChatClient``: the same ``config`` and ``stream_chat``, with redaction."""

    def __init__(self, client: ChatClient) -> None:
        self.inner = client
        self.config = client.config

    def stream_chat(
        self, messages: list[dict[str, Any]], tools: list[dict[str, Any]] | None = None
    ) -> RedactedStream:
        redactor = Redactor()
        outgoing = redactor.redact_messages(messages)
        if redactor.active and outgoing and outgoing[0].get("role") == "system":
            system = dict(outgoing[0])
            system["content"] = f"{system.get('content') or ''}\n\n{PLACEHOLDER_NOTE}"
            outgoing[0] = system
        return RedactedStream(self.inner.stream_chat(outgoing, tools), redactor)

    def list_models(self) -> list[str]:
        return self.inner.list_models()

    def close(self) -> None:
        self.inner.close()
