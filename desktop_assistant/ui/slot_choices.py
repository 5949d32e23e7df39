"""Proposed meeting times as buttons under the answer that found them.

Two sources carry slots. A ``find_free_slots`` tool result is JSON (see
``calendar/availability.py``, ``SlotOptions.as_dict``); picking one of its slots sends a message
such as "Book option 2: Mon 24 Nov 2025 09:00–09:30", so the model goes on to ``create_event``
(which still asks on a confirmation card). A ``/free`` answer is Markdown (``SlotOptions.text``);
picking one of its slots fills the input with a ``/schedule`` command for that time and the
same attendees, with the title selected for the person to type.

Only slots that have not started are offered, so a conversation opened again later does not
propose times that have passed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, Qt, QTime, QTimeZone, Slot
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_assistant.calendar.formatting import time_range
from desktop_assistant.i18n import QT_TRANSLATE_NOOP
from desktop_assistant.ui.cards import FollowUp, card_button
from desktop_assistant.ui.status import restyle
from desktop_assistant.ui.translations import interface_locale
from desktop_assistant.ui.workers import run_task

SLOT_TOOL = "find_free_slots"
FREE_COMMAND = "/free"
PLACEHOLDER_TITLE = "Meeting"
COLUMNS = 3
# "1. Mon 24 Nov 2025 09:00–09:30 (Europe/Berlin) — Wang Fang 16:00–16:30 … · why"
_FREE_LINE = re.compile(
    r"^(?P<number>\d+)\.\s+(?P<when>.+?)\s+\((?P<zone>[A-Za-z0-9_+\-/]+)\)(?P<rest>.*)$"
)
_LEAD_WITH = re.compile(r"(?:with|w/)\s+|(?:和|与|跟|同)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class SlotChoice:
    """One proposed time: its number in the answer's list, when, and what the answer said."""

    number: int
    start: datetime
    end: datetime
    when: str  # as the answer wrote it: "Mon 24 Nov 2025 09:00–09:30"
    detail: str = ""  # the other attendees' times and why it ranks here

    @property
    def tooltip(self) -> str:
        """The time with its date in the interface language ("2025年11月24日（周一）
        09:00–09:30"), then the detail."""
        shown = time_range(self.start, self.end, self.start.tzinfo or UTC, translated=True)
        return "\n".join(p for p in (shown, self.detail) if p)

    @property
    def label(self) -> str:
        """The button's text: "Mon 24 Nov 09:00–09:30" ("11月24日 周一 09:00–09:30" in
        Chinese), in the zone the answer used."""
        end = self.end.astimezone(self.start.tzinfo)
        start = _format(self.start, DAY_AND_TIME)
        if end.date() != self.start.date() and end - timedelta(microseconds=1) >= self.start:
            return f"{start} – {_format(end, WEEKDAY_AND_TIME)}"
        return f"{start}–{end:%H:%M}"

    def booking_message(self) -> str:
        """What the person says to the model when picking this slot (in their language: it is
        their message, and the model answers in the language it is written in)."""
        said = QCoreApplication.translate("SlotChoices", "Book option {number}: {when}")
        return said.format(number=self.number, when=self.when)


# Qt date formats, translated like text: the order of day and month and the words for them
# differ by language ("Mon 24 Nov 09:00" / "11月24日 周一 09:00").
DAY_AND_TIME = QT_TRANSLATE_NOOP("SlotChoices", "ddd dd MMM HH:mm")
WEEKDAY_AND_TIME = QT_TRANSLATE_NOOP("SlotChoices", "ddd HH:mm")


def _format(moment: datetime, pattern: str) -> str:
    """``moment``'s date and time as its own zone shows them, in the translated ``pattern``
    with the day and month names of the interface language (not the system's, which may
    differ)."""
    # A zone-free wall-clock time (UTC has no daylight-saving gaps to shift it).
    shown = QDateTime(QDate(moment.year, moment.month, moment.day),
                      QTime(moment.hour, moment.minute), QTimeZone.utc())
    return interface_locale().toString(
        shown, QCoreApplication.translate("SlotChoices", pattern))


def tool_slots(tool: str, content: str) -> list[SlotChoice]:
    """The upcoming slots of a ``find_free_slots`` result, or [] for anything else."""
    if tool != SLOT_TOOL:
        return []
    try:
        data = json.loads(content)
    except ValueError:
        return []
    slots = data.get("slots") if isinstance(data, dict) else None
    if not isinstance(slots, list):
        return []
    found = []
    for number, slot in enumerate(slots, start=1):
        try:
            start = datetime.fromisoformat(slot["start"])
            end = datetime.fromisoformat(slot["end"])
        except (KeyError, TypeError, ValueError):
            continue
        if start.tzinfo is None or end <= start:
            continue
        theirs = slot.get("attendees_time") or {}
        detail = [f"{who}: {_their_time(start, end, str(when))}" for who, when in
                  theirs.items()] if isinstance(theirs, dict) else []
        if slot.get("why"):
            detail.append(str(slot["why"]))
        when = str(slot.get("your_time") or "") or f"{start:%a %d %b %Y %H:%M}–{end:%H:%M}"
        found.append(SlotChoice(number, start, end, when, "\n".join(detail)))
    return _upcoming(found)


def _their_time(start: datetime, end: datetime, said: str) -> str:
    """An attendee's time as the tool wrote it, "Mon 24 Nov 2025 16:00–16:30 (Asia/Shanghai)",
    again in the interface language; as written when its zone can't be read."""
    zone = said.rpartition("(")[2].rstrip(")").strip()
    try:
        theirs = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return said
    return f"{time_range(start, end, theirs, translated=True)} ({zone})"


def free_command_slots(question: str, answer: str) -> list[SlotChoice]:
    """The upcoming slots a ``/free`` answer lists, or [] when ``question`` is not ``/free``."""
    if not is_free_command(question):
        return []
    found = []
    for line in answer.splitlines():
        match = _FREE_LINE.match(line.strip())
        if not match:
            continue
        try:
            zone = ZoneInfo(match["zone"])
        except (ZoneInfoNotFoundError, ValueError):
            continue
        when = match["when"]
        first, _, last = when.partition("–")
        try:
            start = datetime.strptime(first.strip(), "%a %d %b %Y %H:%M").replace(tzinfo=zone)
            until = datetime.strptime(last.strip()[-5:], "%H:%M").time()
        except ValueError:
            continue
        end = datetime.combine(start.date(), until, tzinfo=zone)
        while end <= start:
            end += timedelta(days=1)
        found.append(SlotChoice(int(match["number"]), start, end, when,
                                match["rest"].strip(" —·")))
    return _upcoming(found)


def is_free_command(text: str) -> bool:
    word = text.strip().split(maxsplit=1)
    return bool(word) and word[0].lower() == FREE_COMMAND


def schedule_command(question: str, choice: SlotChoice) -> str:
    """``/schedule Meeting with <the /free attendees> <the slot> for <its length>``.

    Reading which words of the ``/free`` command are people and which are the time phrase
    needs ``dateparser``: call this in a worker.
    """
    from desktop_assistant.calendar.commands import split_people_and_time
    from desktop_assistant.calendar.when import parse_range

    argument = question.strip()[len(FREE_COMMAND):].strip()
    rest = argument.partition(" ")[2].strip()
    lead = _LEAD_WITH.match(rest)
    people: list[str] = []
    if lead:
        now = datetime.now(choice.start.tzinfo)
        people, _ = split_people_and_time(rest[lead.end():], lambda t: parse_range(t, now))
    minutes = max(1, round((choice.end - choice.start).total_seconds() / 60))
    attendees = f" with {', '.join(people)}" if people else ""
    return (f"/schedule {PLACEHOLDER_TITLE}{attendees} {choice.start:%Y-%m-%dT%H:%M} "
            f"for {minutes}m")


def _upcoming(choices: list[SlotChoice]) -> list[SlotChoice]:
    now = datetime.now(ZoneInfo("UTC"))
    return [c for c in choices if c.start > now]


class SlotChoices(FollowUp):
    """The proposed times as buttons. Picking one either asks for a message to be sent
    (``send_requested``) or for the input to be filled in (``prefill_requested``)."""

    def __init__(
        self,
        choices: list[SlotChoice],
        heading: str,
        pick: Callable[[SlotChoice], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("slotChoices")
        self.setAccessibleName(heading)
        self.setAccessibleDescription(self.tr("Each button picks one of these times"))
        self.choices = choices
        self._pick = pick or (lambda choice: self.send_requested.emit(choice.booking_message()))
        self.buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(8)
        title = QLabel(heading)
        title.setObjectName("cardKind")
        layout.addWidget(title)
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(8)
        for index, choice in enumerate(choices):
            button = card_button(choice.label, "slotButton", self.tr(
                "Option {number}: {when}").format(number=choice.number, when=choice.label))
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setToolTip(choice.tooltip)
            button.clicked.connect(lambda _=False, c=choice: self._picked(c))
            grid.addWidget(button, index // COLUMNS, index % COLUMNS)
            self.buttons.append(button)
        grid.setColumnStretch(COLUMNS, 1)
        layout.addLayout(grid)

    @classmethod
    def for_tool_result(cls, tool: str, content: str, ok: bool) -> SlotChoices | None:
        """Buttons that book a slot through the model, or None when there is nothing to pick."""
        choices = tool_slots(tool, content) if ok else []
        return cls(choices, QCoreApplication.translate(
            "SlotChoices", "Pick a time to book it")) if choices else None

    @classmethod
    def for_free_command(cls, question: str, answer: str) -> SlotChoices | None:
        """Buttons that fill in ``/schedule`` for a slot ``/free`` found, or None."""
        choices = free_command_slots(question, answer)
        if not choices:
            return None
        heading = QCoreApplication.translate("SlotChoices", "Pick a time to schedule it")
        widget = cls(choices, heading)
        widget._pick = lambda choice: widget._prepare_schedule(question, choice)
        return widget

    @Slot(bool)
    def set_busy(self, busy: bool) -> None:
        """While the chat is answering, picking waits."""
        for button in self.buttons:
            button.setEnabled(not busy)

    def chosen(self) -> int | None:
        """The number of the option picked last, if any."""
        for button, choice in zip(self.buttons, self.choices, strict=True):
            if button.property("chosen"):
                return choice.number
        return None

    def _picked(self, choice: SlotChoice) -> None:
        for button, each in zip(self.buttons, self.choices, strict=True):
            button.setProperty("chosen", each is choice)
            restyle(button)
        self._pick(choice)

    def _prepare_schedule(self, question: str, choice: SlotChoice) -> None:
        start = len("/schedule ")

        def ready(command: str) -> None:
            self.prefill_requested.emit(command, start, start + len(PLACEHOLDER_TITLE))

        run_task(lambda: schedule_command(question, choice), ready, context=self,
                 description=QT_TRANSLATE_NOOP("Workers", "preparing the /schedule command"))
