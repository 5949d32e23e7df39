"""Plans for changing a calendar, and the exact sentences a confirmation card shows.

A plan is made before asking (it reads, never writes) and is what runs after the person says
yes, so the card and the action cannot drift apart: title, the time in the person's zone and
in each attendee's, the attendees, where, the repeat rule, the calendar, and what is sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.contacts import Contact
from desktop_assistant.calendar.formatting import time_range, zone_label
from desktop_assistant.calendar.model import Event
from desktop_assistant.calendar.rules import describe_rule, rule_too_costly

ALLOWED_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")


@dataclass(frozen=True)
class EventDraft:
    """What someone asked for: the fields of a new event, before attendees are resolved."""

    title: str
    start: datetime
    duration: timedelta
    attendees: tuple[str, ...] = ()
    location: str = ""
    video_link: str = ""
    description: str = ""
    repeat: str = ""  # an RRULE value such as FREQ=WEEKLY;COUNT=10
    all_day: bool = False


@dataclass(frozen=True)
class EventPlan:
    """A change ready to run: the event as it will be, who, where it goes, and the card."""

    action: str  # create | update | cancel
    event: Event
    people: tuple[Contact, ...]
    calendar: str  # the backend's name
    card: str
    key: str = ""  # the request key (create only)
    before: Event | None = None  # update and cancel: the event as it is now


def check_repeat(rule: str, start: datetime) -> str:
    """The RRULE, checked: readable, daily or slower, not too costly; ValueError if not."""
    rule = rule.strip().removeprefix("RRULE:")
    if not rule:
        return ""
    import icalendar

    try:
        parsed = icalendar.vRecur.from_ical(rule)
    except (ValueError, TypeError) as error:
        raise ValueError(f"The repeat rule {rule!r} cannot be read ({error}).") from None
    frequency = str((parsed.get("FREQ") or [""])[0]).upper()
    if frequency not in ALLOWED_FREQUENCIES:
        raise ValueError("Meetings can repeat daily, weekly, monthly or yearly, "
                         f"not {frequency or 'without a frequency'}.")
    costly = rule_too_costly(dict(parsed), start, start + timedelta(days=3660))
    if costly:
        raise ValueError(f"The repeat rule {rule!r} is refused: {costly}.")
    return str(parsed.to_ical().decode())


def delivery(backend_name: str, sends_invitations: bool, people: tuple[Contact, ...],
             method: str = "REQUEST") -> str:
    """What will be sent, said plainly."""
    if not people:
        return "nothing (no attendees)"
    names = ", ".join(p.email for p in people)
    if sends_invitations:
        verb = {"REQUEST": "invitations", "UPDATE": "updates", "CANCEL": "cancellations"}[method]
        return f"Google Calendar emails {verb} to {names} now"
    kind = {"REQUEST": "an invitation file (iTIP REQUEST)",
            "UPDATE": "an updated invitation file (iTIP REQUEST)",
            "CANCEL": "a cancellation file (iTIP CANCEL)"}[method]
    return (f"{kind} for {names} is saved for you to email; nothing is emailed now")


def card(
    verb: str, event: Event, people: tuple[Contact, ...], zone: ZoneInfo, calendar_label: str,
    sends: str, before: Event | None = None,
) -> str:
    """The confirmation text: exactly what will happen, line by line."""
    lines = [f"{verb} “{event.title}” on {calendar_label}."]
    if before is not None and (before.start, before.end) != (event.start, event.end):
        lines.append(f"Was: {_when(before, zone)}")
    lines.append(f"When: {_when(event, zone)}")
    for person in people:
        if person.zone:
            theirs = ZoneInfo(person.zone)
            shown = ("all day" if event.all_day else
                     f"{time_range(event.start, event.end, theirs)} ({theirs.key})")
            lines.append(f"  {person.label}: {shown}")
        else:
            lines.append(f"  {person.label}: time zone unknown (assumed yours)")
    if people:
        lines.append("Attendees: " + ", ".join(
            f"{p.name} <{p.email}>" if p.name else p.email for p in people))
    if before is not None and before.title != event.title:
        lines.append(f"Title was: “{before.title}”")
    if event.location:
        lines.append(f"Where: {event.location}")
    if event.video_link:
        lines.append(f"Video: {event.video_link}")
    if event.recurrence:
        lines.append("Repeats: " + "; ".join(describe_rule(r) for r in event.recurrence)
                     + (" (every occurrence)" if verb != "Create" else ""))
    lines.append(f"Sends: {sends}.")
    return "\n".join(lines)


def _when(event: Event, zone: ZoneInfo) -> str:
    if event.all_day:
        last = event.end - timedelta(days=1)
        days = f"{event.start:%a %d %b %Y}" + (
            f" – {last:%a %d %b %Y}" if last.date() > event.start.date() else "")
        return f"{days}, all day"
    return (f"{time_range(event.start, event.end, zone)} "
            f"({zone_label(zone, event.start)}, your time)")
