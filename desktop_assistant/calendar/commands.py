"""Calendar slash commands that work without a model: /agenda, /free, /schedule.

    /agenda [date]                 /agenda, /agenda tomorrow, /agenda 下周
    /free 30m with finance@corp.example, pm@corp.example next week
    /free 1小时 和 王芳、pm@corp.example 下周
    /schedule Q3 budget with finance@corp.example next Tuesday 3pm for 30m
    /schedule 预算评审 和 王芳 下周二下午三点 45分钟
    /schedule yes | /schedule no   (confirm or drop the proposed event)

``/schedule`` never acts at once: it shows the same card as the agent's confirmation and waits
for ``/schedule yes``. Dates and times are read by :mod:`when` (English and Chinese).
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from desktop_assistant.calendar.contacts import EMAIL, UnknownContact
from desktop_assistant.calendar.errors import CalendarError
from desktop_assistant.calendar.formatting import agenda_text
from desktop_assistant.calendar.planning import EventDraft, EventPlan
from desktop_assistant.calendar.when import parse_duration, parse_moment, parse_range, parse_when

if TYPE_CHECKING:
    from datetime import datetime

    from desktop_assistant.assistant.commands import SlashCommands
    from desktop_assistant.calendar.service import CalendarService

PENDING_SECONDS = 600
_WITH = re.compile(r"\s+(?:with|w/)\s+|\s*(?:和|与|跟|同)\s*", re.IGNORECASE)
_LEAD_WITH = re.compile(r"(?:with|w/)\s+|(?:和|与|跟|同)\s*", re.IGNORECASE)
_LIST = re.compile(r"\s*[,，、;；]\s*|\s+and\s+", re.IGNORECASE)
_FOR = re.compile(r"\s+for\s+(\S+(?:\s*(?:min|mins|minutes|hour|hours|h|m))?)\s*$", re.IGNORECASE)


def split_people_and_time(
    text: str, reads: Callable[[str], object]
) -> tuple[list[str], str]:
    """"a@x, Wang Fang next week" → (["a@x", "Wang Fang"], "next week").

    The time phrase is the longest tail of the last item that ``reads`` accepts (it raises
    ValueError for text that is not a time), so names and phrases need no separator.
    """
    items = [i for i in _LIST.split(text.strip()) if i]
    if not items:
        return [], ""
    last = items[-1]
    address = EMAIL.match(last)
    if address:
        return [*items[:-1], address.group(0)], last[address.end():].strip()
    for head, tail in _tails(last):
        try:
            reads(tail)
        except ValueError:
            continue
        return [*items[:-1], head] if head else items[:-1], tail
    return items, ""


def _tails(text: str) -> list[tuple[str, str]]:
    """Ways to cut ``text`` into (name, phrase), longest phrase first."""
    if " " in text.strip():
        words = text.split()
        return [(" ".join(words[:i]), " ".join(words[i:])) for i in range(len(words))]
    return [(text[:i], text[i:]) for i in range(len(text))]


def register_calendar_commands(commands: SlashCommands, service: CalendarService) -> None:
    """Add /agenda, /free and /schedule to ``commands``."""
    pending: dict[str, tuple[float, EventPlan]] = {}
    lock = threading.Lock()

    def agenda(argument: str) -> str:
        now, zone = service.now(), service.zone()
        if argument:
            start, end = parse_when(argument, now).span()
            if end - start < timedelta(days=1):
                start, end = parse_when(argument, now).start, end
        else:
            start, end = parse_when("today", now).span()
        found = service.agenda(start, end)
        text = agenda_text(found.events, zone, start, end)
        if found.problems:
            text += f"\n\n_{len(found.problems)} event(s) could not be read: {found.problems[0]}_"
        return text

    def free(argument: str) -> str:
        now = service.now()
        duration_text, _, rest = argument.strip().partition(" ")
        if not duration_text:
            raise ValueError("Say how long, with whom and when.")
        duration = parse_duration(duration_text)
        rest = rest.strip()
        lead = _LEAD_WITH.match(rest)
        if lead:
            people, when = split_people_and_time(rest[lead.end():], lambda t: parse_range(t, now))
        else:
            people, when = [], rest
        start, end = parse_range(when, now) if when else (now, now + timedelta(days=7))
        return service.find_slots(people, duration, start, end).text()

    def schedule(argument: str) -> str:
        word = argument.strip().lower()
        if word in {"yes", "y", "ok", "confirm", "好", "好的", "确认", "是"}:
            with lock:
                entry = pending.pop("plan", None)
            if entry is None or time.monotonic() - entry[0] > PENDING_SECONDS:
                return "Nothing to confirm: propose an event with /schedule first."
            return service.apply(entry[1]).message
        if word in {"no", "n", "cancel", "不", "取消", "否"}:
            with lock:
                dropped = pending.pop("plan", None)
            return "Dropped; nothing was created." if dropped else "Nothing was proposed."
        plan = service.plan_event(parse_schedule(argument, service.now()))
        with lock:
            pending["plan"] = (time.monotonic(), plan)
        return f"{plan.card}\n\nType `/schedule yes` to do this, or `/schedule no`."

    commands.register("agenda", "/agenda [date]", "Your events for a day or a week.",
                      _answering_failures(agenda))
    commands.register(
        "free", "/free 30m with a@corp.example, b@corp.example next week",
        "Times when you and others are free.", _answering_failures(free))
    commands.register(
        "schedule", "/schedule TITLE with PEOPLE WHEN [for 30m]",
        "Propose an event (confirm with /schedule yes).", _answering_failures(schedule))


def parse_schedule(argument: str, now: datetime) -> EventDraft:
    """"Q3 budget with a@x, b@y next Tuesday 3pm for 45m" as an event draft."""
    text = argument.strip()
    if not text:
        raise ValueError("Say what, with whom and when.")
    duration = timedelta(minutes=30)
    found = _FOR.search(text)
    if found:
        duration, text = parse_duration(found.group(1)), text[: found.start()]
    else:
        last = text.split()[-1] if " " in text else ""
        if re.search(r"[a-z\u4e00-\u9fff]", last, re.IGNORECASE):  # a unit, not a bare number
            with contextlib.suppress(ValueError):
                duration, text = parse_duration(last), text[: text.rfind(last)].strip()
    parts = _WITH.split(text, maxsplit=1)
    if len(parts) == 2:
        title = parts[0]
        people, when = split_people_and_time(parts[1], lambda t: parse_moment(t, now))
    else:
        _, when = split_people_and_time(text, lambda t: parse_moment(t, now))
        title, people = text[: len(text) - len(when)].strip(), []
    if not when:
        raise ValueError("Say when, such as 'next Tuesday 3pm' or '下周二下午三点'.")
    return EventDraft(title=title.strip(), start=parse_moment(when, now), duration=duration,
                      attendees=tuple(people))


def _answering_failures(handler: Callable[[str], str]) -> Callable[[str], str]:
    """Calendar failures (server down, unknown attendee …) are the answer, not a usage hint."""

    def answer(argument: str) -> str:
        try:
            return handler(argument)
        except (CalendarError, UnknownContact) as error:
            return str(error)

    return answer
