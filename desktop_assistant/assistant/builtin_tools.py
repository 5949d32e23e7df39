"""The tools every installation has: the time, and facts to remember and recall."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import Field

from desktop_assistant.assistant.tools import Effect, Tool, ToolError, ToolResult, tool
from desktop_assistant.clock import describe_now, now_in
from desktop_assistant.i18n import translate
from desktop_assistant.memory import MemoryStore


def clock_tools(zone: Callable[[], ZoneInfo]) -> list[Tool]:
    @tool(Effect.READ)
    def current_time() -> dict[str, str]:
        """The current date and time in the person's time zone."""
        here = zone()
        now = now_in(here)
        return {"iso": now.isoformat(timespec="seconds"), "timezone": here.key,
                "readable": describe_now(here)}

    return [current_time]


def memory_tools(store: MemoryStore) -> list[Tool]:
    @tool(Effect.LOCAL,
          describe=lambda fact: translate("Memory", "Remember: {fact}").format(fact=fact))
    def remember(
        fact: Annotated[str, Field(description="The fact, as one self-contained sentence.",
                                   min_length=1, max_length=1000)],
    ) -> ToolResult:
        """Keep a fact the person asked you to remember (a preference, a name, a detail).

        Use only when the person asks you to remember something.
        """
        try:
            memory = store.add(fact)
        except ValueError as error:  # blank once spaces are folded, or too long
            raise ToolError(str(error)) from None

        def undo() -> str:
            store.delete(memory.id)
            return translate("Memory", "Forgot: {fact}").format(fact=memory.text)

        return ToolResult(f"Remembered (memory {memory.id}): {memory.text}", undo=undo)

    @tool(Effect.READ)
    def recall(
        query: Annotated[str, Field(description="Words to look for; empty for every memory.")]
        = "",
    ) -> list[dict[str, object]]:
        """Look up facts the person asked you to remember earlier."""
        found = store.search(query) if query.strip() else store.all()
        return [{"id": m.id, "fact": m.text, "since": m.created_at[:10]} for m in found]

    return [remember, recall]
