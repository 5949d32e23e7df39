"""``/remind``: reminders without a model.

    /remind at 5pm to submit the report
    /remind 每周五下午四点提醒我写周报
    /remind list            (add "all" for done and cancelled ones)
    /remind cancel 3
    /remind done 3
    /remind snooze 3 15     (minutes, or "tomorrow")
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_assistant.assistant.commands import SlashCommands
    from desktop_assistant.reminders.service import ReminderService

USAGE = "/remind WHEN WHAT | list | cancel N | done N | snooze N [minutes|tomorrow]"


def _number(text: str) -> int:
    try:
        return int(text.strip().lstrip("#"))
    except ValueError:
        raise ValueError("Give the reminder's number, as `/remind list` shows it.") from None


def register_reminder_commands(commands: SlashCommands, service: ReminderService) -> None:
    """Add /remind to ``commands``."""

    def remind(argument: str) -> str:
        word, _, rest = argument.strip().partition(" ")
        action = word.lower()
        if action in {"cancel", "取消", "done", "完成", "snooze", "稍后"} and not re.match(
                r"\s*#?\d+\s*(?:\S+\s*)?$", rest):
            action = ""  # "/remind cancel the booking at 5pm" is a reminder, not a command
        if not argument.strip():
            raise ValueError("Say when and what, e.g. `/remind at 5pm to submit the report`.")
        if action in {"list", "ls", "列表"}:
            found = service.reminders(include_finished=rest.strip().lower() == "all")
            if not found:
                return "No reminders. Set one with `/remind at 5pm to submit the report`."
            return "\n".join(f"- {service.describe(r)}" for r in found)
        if action in {"cancel", "取消"}:
            before = service.cancel(_number(rest))
            return f"Cancelled reminder #{before.id}: {before.text}"
        if action in {"done", "完成"}:
            after = service.done(_number(rest))
            return f"Done: {service.describe(after)}"
        if action in {"snooze", "稍后"}:
            number, _, amount = rest.strip().partition(" ")
            amount = amount.strip().lower() or "15"
            tomorrow = amount in {"tomorrow", "明天"}
            minutes = None if tomorrow else _number(amount.removesuffix("m"))
            after = service.snooze(_number(number), minutes, tomorrow=tomorrow)
            return f"Snoozed: {service.describe(after)}"
        from desktop_assistant.assistant.scope import current_conversation

        made = service.add_phrase(argument, conversation_id=current_conversation())
        return f"Reminder set: {service.describe(made)}"

    commands.register("remind", USAGE, "Set, list, cancel or snooze reminders.", remind)
