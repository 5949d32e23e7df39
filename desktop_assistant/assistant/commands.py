"""Slash commands typed in the chat: the same services, no model needed.

``/help``, ``/time``, ``/remember``, ``/memories`` and ``/forget`` are built in; later features
register theirs (``/schedule``, ``/find``, ``/draft``, ``/remind``, ``/agenda``) the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_assistant.clock import describe_now
from desktop_assistant.memory import MemoryStore

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

Handler = Callable[[str], str]


@dataclass(frozen=True)
class SlashCommand:
    name: str
    usage: str
    summary: str
    handler: Handler


class SlashCommands:
    """The commands known in this app, by name."""

    def __init__(self) -> None:
        self._commands: dict[str, SlashCommand] = {}
        self.register("help", "/help", "List the commands.", self._help)

    def register(self, name: str, usage: str, summary: str, handler: Handler) -> None:
        if name in self._commands:
            raise ValueError(f"A command named /{name} is registered already.")
        self._commands[name] = SlashCommand(name, usage, summary, handler)

    @staticmethod
    def is_command(text: str) -> bool:
        stripped = text.lstrip()
        return stripped.startswith("/") and len(stripped) > 1 and not stripped[1].isspace()

    def run(self, text: str) -> str:
        """The command's Markdown answer; a usage hint for unknown commands or bad input."""
        name, _, argument = text.strip()[1:].partition(" ")
        command = self._commands.get(name.lower())
        if command is None:
            return f"Unknown command `/{name}`. Type `/help` to see the commands."
        try:
            return command.handler(argument.strip())
        except ValueError as error:
            return f"{error}\n\nUsage: `{command.usage}`"
        except OverflowError:  # a number too large for a time or an id, a date past 9999
            return (f"A number or date in `{text.strip()[:80]}` is out of range.\n\n"
                    f"Usage: `{command.usage}`")

    def _help(self, _: str) -> str:
        lines = ["Commands work without a model:", ""]
        lines += [f"- `{c.usage}`: {c.summary}" for c in self._commands.values()]
        return "\n".join(lines)


def register_builtin_commands(
    commands: SlashCommands, memory: MemoryStore, zone: Callable[[], ZoneInfo]
) -> None:
    def time_command(_: str) -> str:
        return f"It is {describe_now(zone())}."

    def remember_command(argument: str) -> str:
        if not argument:
            raise ValueError("Say what to remember, e.g. `/remember I prefer morning meetings`.")
        memory_ = memory.add(argument)
        return f"Remembered (#{memory_.id}): {memory_.text}"

    def memories_command(_: str) -> str:
        kept = memory.all()
        if not kept:
            return "Nothing remembered yet. Use `/remember …` to add a fact."
        return "\n".join(f"- #{m.id}: {m.text}" for m in kept)

    def forget_command(argument: str) -> str:
        try:
            memory_id = int(argument.lstrip("#"))
        except ValueError:
            raise ValueError("Give the number of the memory, as `/memories` lists it.") from None
        if not memory.delete(memory_id):
            return f"There is no memory #{memory_id}."
        return f"Forgot memory #{memory_id}."

    commands.register("time", "/time", "The current date and time.", time_command)
    commands.register("remember", "/remember TEXT", "Keep a fact for later answers.",
                      remember_command)
    commands.register("memories", "/memories", "List the remembered facts.", memories_command)
    commands.register("forget", "/forget NUMBER", "Delete a remembered fact.", forget_command)
