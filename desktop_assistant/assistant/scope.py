"""Which conversation a tool call or slash command is working for.

The agent (and ``Services.run_command``) run tools and commands inside
:func:`conversation_scope`, so what a tool makes, such as an email draft, is kept with its
conversation without every tool taking the id as an argument the model could get wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_conversation: ContextVar[int | None] = ContextVar("conversation", default=None)


def current_conversation() -> int | None:
    """The conversation being worked for, or None outside a turn or a command."""
    return _conversation.get()


@contextmanager
def conversation_scope(conversation_id: int | None) -> Iterator[None]:
    """Run the body on behalf of ``conversation_id``."""
    token = _conversation.set(conversation_id)
    try:
        yield
    finally:
        _conversation.reset(token)
