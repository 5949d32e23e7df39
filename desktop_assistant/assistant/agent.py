"""The agent loop: one turn of the conversation as a stream of events.

``Agent.start(conversation_id, text)`` stores the person's message at once and returns a
``Turn``; iterating it calls the model, streams text, runs tools (asking before ``external``
ones) and feeds their results back, until the model answers without tools or a cap is hit.
The CLI prints the events; the GUI's worker thread re-emits them as Qt signals.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from desktop_assistant.assistant.context import (
    as_chat_messages,
    estimate_tokens,
    trim_to_budget,
)
from desktop_assistant.assistant.llm import ChatModel, Completion, TextChunk, ToolCallRequest
from desktop_assistant.assistant.model_errors import (
    TIME_LIMIT,
    AnswerFiltered,
    AnswerTruncated,
    Cancelled,
    ContextTooLong,
    LLMError,
    step_limit,
    too_long_alone,
)
from desktop_assistant.assistant.scope import conversation_scope
from desktop_assistant.assistant.tools import Effect, ToolError, ToolRegistry
from desktop_assistant.history import DEFAULT_TITLE, HistoryStore, NotFound

CHECKPOINT_SECONDS = 0.5
TITLE_CHARS = 60


@dataclass(frozen=True)
class TurnLimits:
    max_steps: int = 8
    max_seconds: float = 300.0
    context_tokens: int = 16000


class Decision(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"
    CANCELLED = "cancelled"


class ConfirmationRequest:
    """An ``external`` tool call waiting for the person's yes or no.

    The consumer of the turn's events calls ``approve()`` or ``refuse()``, from any thread.
    """

    def __init__(self, call_id: str, tool: str, arguments: dict[str, Any], summary: str) -> None:
        self.call_id = call_id
        self.tool = tool
        self.arguments = arguments
        self.summary = summary
        self._decision = Decision.PENDING
        self._decided = threading.Event()

    def _decide(self, decision: Decision) -> None:
        if not self._decided.is_set():
            self._decision = decision
            self._decided.set()

    def approve(self) -> None:
        self._decide(Decision.APPROVED)

    def refuse(self) -> None:
        self._decide(Decision.REFUSED)

    def cancel(self) -> None:
        self._decide(Decision.CANCELLED)

    @property
    def decision(self) -> Decision:
        return self._decision

    def wait(self) -> Decision:
        self._decided.wait()
        return self._decision


# Events ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TurnStarted:
    conversation_id: int
    user_message_id: int
    type: str = "started"


@dataclass(frozen=True)
class TextDelta:
    text: str
    type: str = "text"


@dataclass(frozen=True)
class ToolCallProposed:
    call_id: str
    tool: str
    effect: str
    arguments: dict[str, Any]
    type: str = "tool_call"


@dataclass(frozen=True)
class ConfirmationNeeded:
    request: ConfirmationRequest
    type: str = "confirmation_needed"


@dataclass(frozen=True)
class ToolResultEvent:
    call_id: str
    tool: str
    content: str
    ok: bool
    approval: str
    undo: Callable[[], str] | None = field(default=None, compare=False)
    type: str = "tool_result"


@dataclass(frozen=True)
class Redacted:
    """Personal data was replaced by placeholders before the request left the machine:
    category -> how many distinct values (``assistant/redaction.py``)."""

    categories: dict[str, int]
    type: str = "redacted"


@dataclass(frozen=True)
class TurnError:
    kind: str
    message: str
    type: str = "error"


@dataclass(frozen=True)
class TurnDone:
    reason: str  # complete | cancelled | error | step_limit | time_limit
    conversation_id: int
    message_id: int | None = None
    type: str = "done"


Event = (
    TurnStarted | TextDelta | ToolCallProposed | ConfirmationNeeded | ToolResultEvent
    | Redacted | TurnError | TurnDone
)


def event_as_json(event: Event) -> dict[str, Any]:
    """A JSON-ready form of an event, for ``ask --json``."""
    if isinstance(event, ConfirmationNeeded):
        request = event.request
        return {
            "type": event.type,
            "call_id": request.call_id,
            "tool": request.tool,
            "arguments": request.arguments,
            "summary": request.summary,
        }
    data = {k: v for k, v in vars(event).items() if k != "undo"}
    if isinstance(event, ToolResultEvent):
        data["undoable"] = event.undo is not None
    return data


class Turn:
    """One run of the loop; iterate it once for its events. ``cancel()`` works from any thread."""

    def __init__(
        self, agent: Agent, conversation_id: int, user_message_id: int,
        hidden: frozenset[int] = frozenset(),
    ) -> None:
        self.agent = agent
        self.conversation_id = conversation_id
        self.user_message_id = user_message_id
        # Stored messages the model should not see again (the failed answer a retry replaces).
        self.hidden = hidden
        # What redaction replaced in this turn's requests so far (reported when it grows).
        self.redacted: dict[str, int] = {}
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._stream: Any = None
        self._pending: ConfirmationRequest | None = None

    def cancel(self) -> None:
        self._cancel.set()
        with self._lock:
            stream, pending = self._stream, self._pending
        if stream is not None:
            stream.cancel()
        if pending is not None:
            pending.cancel()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def __iter__(self) -> Iterator[Event]:
        return self.agent._run(self)

    def _set_stream(self, stream: Any) -> None:
        with self._lock:
            self._stream = stream
        if self.cancelled and stream is not None:
            stream.cancel()

    def _set_pending(self, request: ConfirmationRequest | None) -> None:
        with self._lock:
            self._pending = request
        if self.cancelled and request is not None:
            request.cancel()


class Agent:
    """Runs turns against a model with the registered tools, writing everything to history."""

    def __init__(
        self,
        *,
        client: Callable[[], ChatModel],
        registry: ToolRegistry,
        history: HistoryStore,
        system_prompt: Callable[[], str],
        limits: TurnLimits | None = None,
        auto_approve: bool = False,
    ) -> None:
        self._client_factory = client
        self.registry = registry
        self.history = history
        self.system_prompt = system_prompt
        self.limits = limits or TurnLimits()
        self.auto_approve = auto_approve

    def start(self, conversation_id: int | None, text: str) -> Turn:
        """Store the person's message (before anything can fail) and prepare the turn."""
        if not text.strip():
            raise ValueError("The message is empty.")
        if conversation_id is None:
            conversation_id = self.history.create_conversation(_title(text)).id
        else:
            conversation = self.history.conversation(conversation_id)
            if conversation.title == DEFAULT_TITLE:
                self.history.rename_conversation(conversation_id, _title(text))
        message = self.history.add_message(conversation_id, "user", text)
        return Turn(self, conversation_id, message.id)

    def retry(self, conversation_id: int) -> Turn:
        """Answer the person's last message again after a failed or stopped answer.

        Nothing is stored twice: the turn answers the message already in history, and the
        failed answer after it stays in history (the person saw it) but is not shown to the
        model again.
        """
        messages = self.history.messages(conversation_id)
        last = next((i for i in range(len(messages) - 1, -1, -1)
                     if messages[i].role == "user"), None)
        if last is None:
            raise ValueError("There is no message of yours to answer again here.")
        failed = frozenset(
            m.id for m in messages[last + 1:]
            if m.role == "assistant" and m.status in ("error", "cancelled", "interrupted")
        )
        return Turn(self, conversation_id, messages[last].id, hidden=failed)

    def _context(
        self, conversation_id: int, budget: int, hidden: frozenset[int] = frozenset()
    ) -> list[dict[str, Any]]:
        stored = [m for m in self.history.messages(conversation_id) if m.id not in hidden]
        chat = as_chat_messages(stored)
        return trim_to_budget(self.system_prompt(), chat, budget)

    def _run(self, turn: Turn) -> Iterator[Event]:
        try:
            yield from self._steps(turn)
        except (NotFound, sqlite3.IntegrityError):
            if self.history.has_conversation(turn.conversation_id):
                raise
            # The person deleted the conversation while its turn was winding down.
            yield TurnDone("cancelled", turn.conversation_id)

    def _steps(self, turn: Turn) -> Iterator[Event]:
        conversation = turn.conversation_id
        yield TurnStarted(conversation, turn.user_message_id)
        try:
            client = self._client_factory()
        except LLMError as error:
            yield TurnError(error.kind, error.message)
            yield TurnDone("error", conversation)
            return
        deadline = time.monotonic() + self.limits.max_seconds
        budget = self.limits.context_tokens
        tools = self.registry.schemas() or None
        step = 0
        while step < self.limits.max_steps:
            row = self.history.add_message(
                conversation, "assistant", "", status="streaming", model=client.config.model
            )
            context = self._context(conversation, budget, turn.hidden)
            stream = client.stream_chat(context, tools)
            turn._set_stream(stream)
            yield from self._note_redaction(turn, getattr(stream, "redacted", None))
            text: list[str] = []
            completion: Completion | None = None
            last_checkpoint = time.monotonic()
            timed_out = False
            try:
                for item in stream:
                    if isinstance(item, TextChunk):
                        text.append(item.text)
                        yield TextDelta(item.text)
                        now = time.monotonic()
                        if now - last_checkpoint >= CHECKPOINT_SECONDS:
                            self.history.checkpoint(row.id, "".join(text))
                            last_checkpoint = now
                        if now > deadline:
                            timed_out = True
                            stream.cancel()
                            break
                    else:
                        completion = item
            except Cancelled:
                self.history.finish_message(row.id, "".join(text), status="cancelled")
                yield TurnDone("cancelled", conversation, row.id)
                return
            except ContextTooLong as error:
                # Halve the history sent until only the latest exchange is left (it always
                # is in the end: trim_to_budget keeps it whatever the budget).
                alone = _latest_only(context)
                if not text and not alone:
                    self.history.finish_message(row.id, "", status="error", error=error.message)
                    budget //= 2
                    continue
                if alone and not text:
                    error = _too_long_alone(context, error)
                yield from self._fail(conversation, row.id, "".join(text), error)
                return
            except LLMError as error:
                yield from self._fail(conversation, row.id, "".join(text), error)
                return
            finally:
                turn._set_stream(None)
            if timed_out or completion is None:
                late = LLMError(TIME_LIMIT, seconds=f"{self.limits.max_seconds:g}")
                yield from self._fail(conversation, row.id, "".join(text), late, "time_limit")
                return
            stopped = _stopped_early(completion)
            if stopped is not None:
                yield from self._fail(conversation, row.id, completion.text, stopped)
                return
            calls = completion.tool_calls
            self.history.finish_message(
                row.id, completion.text, tool_calls=[c.as_message_part() for c in calls] or None
            )
            if not calls:
                yield TurnDone("complete", conversation, row.id)
                return
            for call in calls:
                if turn.cancelled:
                    yield TurnDone("cancelled", conversation, row.id)
                    return
                yield from self._run_tool(turn, call)
            if turn.cancelled:
                yield TurnDone("cancelled", conversation, row.id)
                return
            step += 1
        yield TurnError("step_limit", step_limit(self.limits.max_steps)[1])
        yield TurnDone("step_limit", conversation)

    def _note_redaction(self, turn: Turn, redacted: dict[str, int] | None) -> Iterator[Event]:
        """Say (and audit) what redaction replaced, once per turn and again if it grows."""
        if not redacted:
            return
        grown = {k: v for k, v in redacted.items() if v > turn.redacted.get(k, 0)}
        if not grown:
            return
        turn.redacted.update(grown)
        self.history.audit(
            conversation_id=turn.conversation_id, call_id=None, tool="redaction",
            effect="privacy", arguments={"categories": dict(turn.redacted)},
            approval="automatic (Settings → Privacy)", outcome="ok",
            result="Replaced with placeholders before sending to the model: "
                   + ", ".join(f"{k} {v}" for k, v in turn.redacted.items()),
        )
        yield Redacted(dict(turn.redacted))

    def _fail(
        self, conversation: int, row: int, text: str, error: LLMError, reason: str = "error"
    ) -> Iterator[Event]:
        """Keep the partial answer, record why it stopped, and say so."""
        self.history.finish_message(row, text, status="error", error=error.message)
        yield TurnError(error.kind if reason == "error" else reason, error.message)
        yield TurnDone(reason, conversation, row)

    def _run_tool(self, turn: Turn, call: ToolCallRequest) -> Iterator[Event]:
        arguments: dict[str, Any] = {}
        effect = "unknown"
        approval = "automatic"
        undo: Callable[[], str] | None = None
        try:
            tool = self.registry.get(call.name)
            effect = tool.effect.value
            parsed = tool.parse(call.arguments)
            arguments = parsed.model_dump()
            yield ToolCallProposed(call.id, call.name, effect, arguments)
            if tool.effect is Effect.EXTERNAL:
                if self.auto_approve:
                    approval = "approved in advance (--yes)"
                else:
                    request = ConfirmationRequest(
                        call.id, call.name, arguments, tool.preview(parsed)
                    )
                    turn._set_pending(request)
                    yield ConfirmationNeeded(request)
                    decision = request.wait()
                    turn._set_pending(None)
                    approval = f"{decision.value} by the person"
                    if decision is Decision.CANCELLED:
                        approval = "cancelled (turn stopped)"
                        raise ToolError("The person stopped the turn; this action was not done.")
                    if decision is Decision.REFUSED:
                        raise ToolError(
                            "The person declined this action, so it was not done. Do not try "
                            "it again unless they ask; ask what they would like instead."
                        )
            with conversation_scope(turn.conversation_id):
                result = tool.run(parsed)
            content, ok = result.content, True
            if result.undo is not None:
                undo = self._audited_undo(turn.conversation_id, call, effect, result.undo)
        except ToolError as error:
            content, ok = f"Error: {error}", False
        except Exception as error:
            content, ok = f"Error: {call.name} failed: {type(error).__name__}: {error}", False
        outcome = "ok" if ok else ("refused" if approval.startswith("refused") else "error")
        self.history.add_message(
            turn.conversation_id, "tool", content, tool_call_id=call.id, tool_name=call.name
        )
        self.history.audit(
            conversation_id=turn.conversation_id,
            call_id=call.id,
            tool=call.name,
            effect=effect,
            arguments=arguments or {"raw": call.arguments},
            approval=approval,
            outcome=outcome,
            result=content,
        )
        yield ToolResultEvent(call.id, call.name, content, ok, approval, undo)

    def _audited_undo(
        self, conversation: int, call: ToolCallRequest, effect: str, undo: Callable[[], str]
    ) -> Callable[[], str]:
        done = threading.Event()

        def run_undo() -> str:
            if done.is_set():
                return "Already undone."
            said = undo()
            done.set()
            self.history.audit(
                conversation_id=conversation, call_id=call.id, tool=call.name, effect=effect,
                arguments={}, approval="undo by the person", outcome="undone", result=said,
            )
            return said

        return run_undo


def _stopped_early(completion: Completion) -> LLMError | None:
    """Why the model's answer is incomplete although the stream ended normally, if it is.

    A tool call cut off at the length limit has broken arguments: it is not run.
    """
    if completion.finish_reason == "length":
        if completion.tool_calls:
            return AnswerTruncated(
                "The answer was cut off at the model's length limit (max tokens) while it was "
                "preparing a tool call, so nothing was run. Ask again, for less at a time."
            )
        return AnswerTruncated(
            "The answer was cut off: it reached the model's length limit (max tokens). What "
            "arrived is kept; ask it to continue, or for a shorter answer."
        )
    if completion.finish_reason == "content_filter":
        return AnswerFiltered(
            "The model's provider stopped the answer with its content filter. What arrived is "
            "kept; rephrase the request if you think this was a mistake."
        )
    return None


def _latest_only(context: list[dict[str, Any]]) -> bool:
    """Whether the context already holds nothing but the system prompt and the latest
    exchange, so a smaller budget cannot make it shorter."""
    return sum(1 for message in context if message["role"] == "user") <= 1


def _too_long_alone(context: list[dict[str, Any]], error: ContextTooLong) -> ContextTooLong:
    latest = context[1:]
    size = sum(estimate_tokens(json.dumps(m, ensure_ascii=False)) for m in latest)
    return too_long_alone(len(latest) > 1, size, error)


def _title(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= TITLE_CHARS else line[: TITLE_CHARS - 1] + "…"
