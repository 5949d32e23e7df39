"""The reminders' tools for the agent: thin adapters from validated arguments to the service.

``set_reminder`` and ``cancel_reminder`` are ``local``: they change only the person's own
reminders, run at once and offer an Undo (deleting the new reminder, or restoring the
cancelled one). ``list_reminders`` reads. Mistakes come back to the model as ToolError.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from pydantic import Field

from desktop_assistant.assistant.scope import current_conversation
from desktop_assistant.assistant.tools import Effect, Tool, ToolError, ToolResult, tool
from desktop_assistant.i18n import translate
from desktop_assistant.reminders.repeat import describe_repeat
from desktop_assistant.reminders.service import ReminderService


@contextmanager
def _as_tool_errors() -> Iterator[None]:
    try:
        yield
    except ValueError as error:
        raise ToolError(str(error)) from None
    except OverflowError:  # "in 99999999999999999999 minutes", a date past year 9999
        raise ToolError("A number or time in that is out of range; give a nearer time.") \
            from None


def reminder_tools(service: ReminderService) -> list[Tool]:
    """The three reminder tools, bound to ``service``."""

    def summary(reminder_id: int) -> dict[str, Any]:
        reminder = service.get(reminder_id)
        following = service.next_time(reminder)
        zone = service.zone()
        return {"reminder_id": reminder.id, "text": reminder.text,
                "next": following.astimezone(zone).isoformat() if following else None,
                "repeats": describe_repeat(reminder.rule), "urgent": reminder.urgent,
                "state": reminder.state, "timezone": zone.key,
                "summary": service.describe(reminder)}

    def preview(text: str, when: str, repeat: str = "", urgent: bool = False) -> str:
        """The card's line (the person's own words for when and how often)."""
        if repeat:
            return translate("Reminders", "Remind you: {text} ({when}, {repeat})").format(
                text=text, when=when, repeat=repeat)
        return translate("Reminders", "Remind you: {text} ({when})").format(text=text, when=when)

    @tool(Effect.LOCAL, describe=preview)
    def set_reminder(
        text: Annotated[str, Field(min_length=1, max_length=500,
                                   description="What to remind the person of, in their words.")],
        when: Annotated[str, Field(description="When: 'at 5pm', 'in 20 minutes', 'tomorrow "
                                               "10am', '明天上午十点', '20分钟后', or ISO 8601 "
                                               "(the person's zone unless an offset is given).")],
        repeat: Annotated[str, Field(description="How often: empty for once; 'daily', "
                                                 "'weekdays', 'every Monday and Thursday', "
                                                 "'monthly on the 1st', '每周五', or an RRULE "
                                                 "such as FREQ=WEEKLY;BYDAY=FR.")] = "",
        urgent: Annotated[bool, Field(description="Only when the person says it is urgent: "
                                                  "urgent reminders come through quiet "
                                                  "hours.")] = False,
    ) -> ToolResult:
        """Set a reminder: a notification at the time the person asked for, once or repeating.

        Times of day follow the person's clock wherever they are; 'in 20 minutes' is counted
        from now. Tell the person when it will come (the 'next' time in the result). The
        reminder opens this conversation when it comes.
        """
        with _as_tool_errors():
            made = service.schedule(text, when, repeat, urgent=urgent,
                                    conversation_id=current_conversation())
        result = summary(made.id)

        def undo() -> str:
            service.remove(made.id)
            return translate("Reminders", "Removed reminder #{number}: {text}").format(
                number=made.id, text=made.text)

        return ToolResult(json.dumps(result, ensure_ascii=False), undo=undo)

    @tool(Effect.READ)
    def list_reminders(
        include_finished: Annotated[bool, Field(description="Also done and cancelled "
                                                            "ones.")] = False,
    ) -> dict[str, Any]:
        """The person's reminders, soonest first, with their ids (for cancel_reminder)."""
        found = service.reminders(include_finished)
        return {"timezone": service.zone().key,
                "reminders": [summary(r.id) for r in found]}

    @tool(Effect.LOCAL, describe=lambda reminder_id: translate(
        "Reminders", "Cancel reminder #{number}").format(number=reminder_id))
    def cancel_reminder(
        reminder_id: Annotated[int, Field(le=2**63 - 1, description="The id from "
                                          "list_reminders or set_reminder.")],
    ) -> ToolResult:
        """Cancel a reminder (all its occurrences, if it repeats)."""
        with _as_tool_errors():
            before = service.cancel(reminder_id)

        def undo() -> str:
            service.restore(before)
            return translate("Reminders", "Restored reminder #{number}: {text}").format(
                number=before.id, text=before.text)

        return ToolResult(json.dumps({"reminder_id": before.id, "cancelled": before.text},
                                     ensure_ascii=False), undo=undo)

    return [set_reminder, list_reminders, cancel_reminder]
