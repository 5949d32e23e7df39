"""Who is busy when: the person's own calendars and each attendee's known busy time.

Your busy time comes from the calendar new events go to, the local calendar (imports), and the
subscriptions that are yours. A colleague's comes from subscriptions that name them and from the
server's free/busy (Google). Where nothing is known about someone, they are assumed free within
their working hours, and the result says so rather than pretending to know.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.backend import CalendarBackend
from desktop_assistant.calendar.contacts import Contact, ContactBook
from desktop_assistant.calendar.errors import CalendarError
from desktop_assistant.calendar.formatting import time_range
from desktop_assistant.calendar.local import LocalCalendar
from desktop_assistant.calendar.model import Busy, Event, busy_from_events
from desktop_assistant.calendar.preferences import CalendarPreferences
from desktop_assistant.calendar.slots import Participant, SlotSearch
from desktop_assistant.calendar.subscriptions import SubscriptionStore

YOU = "you"


@dataclass
class SlotOptions:
    """A slot search's answer with the people it was for and what was assumed."""

    search: SlotSearch
    people: tuple[Contact, ...]
    zone: ZoneInfo
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: each slot in your zone and in each attendee's, and the reasons."""
        slots = []
        for slot in self.search.slots:
            theirs = {
                p.email: f"{time_range(slot.start, slot.end, ZoneInfo(p.zone))} ({p.zone})"
                for p in self.people if p.zone
            }
            slots.append({
                "start": slot.start.astimezone(self.zone).isoformat(),
                "end": slot.end.astimezone(self.zone).isoformat(),
                "your_time": time_range(slot.start, slot.end, self.zone),
                "attendees_time": theirs,
                "why": slot.why,
            })
        return {"timezone": self.zone.key, "slots": slots,
                "why_none": list(self.search.reasons), "notes": self.notes}

    def text(self) -> str:
        """Markdown for the slash command and the CLI."""
        lines: list[str] = []
        for number, slot in enumerate(self.search.slots, start=1):
            line = f"{number}. {time_range(slot.start, slot.end, self.zone)} ({self.zone.key})"
            others = [
                f"{p.label} {time_range(slot.start, slot.end, ZoneInfo(p.zone), with_date=False)}"
                f" {p.zone}" for p in self.people if p.zone and p.zone != self.zone.key
            ]
            if others:
                line += " — " + "; ".join(others)
            lines.append(f"{line} · {slot.why}")
        if not lines:
            lines = ["No time fits everyone:", *[f"- {r}" for r in self.search.reasons]]
        if self.notes:  # a blank line first, or Markdown folds them into the last item
            lines += ["", *[f"_{note}_" for note in self.notes]]
        return "\n".join(lines)


def own_busy(
    backend: CalendarBackend, local: LocalCalendar, subscriptions: SubscriptionStore,
    start: datetime, end: datetime, zone: ZoneInfo,
) -> tuple[list[Busy], list[str]]:
    """Your busy time from every calendar of yours; problems as sentences."""
    events: list[Event] = []
    notes: list[str] = []
    found = backend.events(start, end)  # raises CalendarError: without it we cannot search
    events += found.events
    if backend is not local:
        events += local.events(start, end).events
    mine = subscriptions.events(start, end, zone, owner="")
    events += mine.events
    notes += found.problems[:3] + mine.problems[:3]
    return busy_from_events(events), notes


def participants(
    attendees: Sequence[str],
    *,
    contacts: ContactBook,
    preferences: CalendarPreferences,
    zone: ZoneInfo,
    backend: CalendarBackend,
    subscriptions: SubscriptionStore,
    mine: list[Busy],
    start: datetime,
    end: datetime,
) -> tuple[list[Participant], tuple[Contact, ...], list[str]]:
    """Everyone who must be free (you first), the resolved attendees, and what was assumed."""
    people: list[Contact] = []
    labels: dict[str, str] = {}
    for text in attendees:
        contact = contacts.resolve(text)
        email = contact.email.lower()
        if email == preferences.email.lower() or email in labels:
            continue
        people.append(contact)
        typed = text.strip()
        role = typed if "@" not in typed and _plain(typed) != _plain(contact.name) else ""
        labels[email] = f"{contact.label} ({role})" if role else contact.label
    notes: list[str] = []
    remote: dict[str, list[Busy]] = {}
    wanted = [p.email for p in people]
    if wanted and backend.name != "local":
        try:
            remote = backend.busy(wanted, start, end)
        except CalendarError as error:
            notes.append(f"Could not read colleagues' free/busy from {backend.label}: {error}")
    known_owners = subscriptions.owners()
    you = Participant(YOU, YOU, zone, preferences.hours, mine, preferences.breaks)
    result = [you]
    for person in people:
        label = labels[person.email.lower()]
        busy = list(remote.get(person.email, []))
        if person.email.lower() in known_owners:
            found = subscriptions.events(start, end, zone, owner=person.email)
            busy += busy_from_events(found.events)
        elif person.email not in remote:
            notes.append(f"No calendar is known for {label}: assumed free during their "
                         "working hours.")
        person_zone = ZoneInfo(person.zone) if person.zone else zone
        if not person.zone:
            notes.append(f"{label}'s time zone is unknown: assumed {zone.key}.")
        result.append(Participant(person.email, label, person_zone,
                                  person.hours or preferences.hours, busy))
    return result, tuple(people), notes


def _plain(text: str) -> str:
    return " ".join(text.lower().split())
