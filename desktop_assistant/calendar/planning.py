"""Plans for changing a calendar, and the exact sentences a confirmation card shows.

A plan is made before asking (it reads, never writes) and is what runs after the person says
yes, so the card and the action cannot drift apart: title, the time in the person's zone and
in each attendee's, the attendees, where, the repeat rule, the calendar, and what is sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.backend import shown_label
from desktop_assistant.calendar.contacts import Contact
from desktop_assistant.calendar.formatting import day_text, time_range, zone_label
from desktop_assistant.calendar.model import Event
from desktop_assistant.calendar.rules import describe_rule, rule_too_costly
from desktop_assistant.i18n import QT_TRANSLATE_NOOP, translate

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


def _tr(text: str) -> str:
    return translate("EventCard", text)


# The card's first line by action; the service passes the English verb.
_HEADINGS = {
    "Create": QT_TRANSLATE_NOOP("EventCard", "Create “{title}” on {calendar}."),
    "Change": QT_TRANSLATE_NOOP("EventCard", "Change “{title}” on {calendar}."),
    "Cancel": QT_TRANSLATE_NOOP("EventCard", "Cancel “{title}” on {calendar}."),
}


def delivery(backend_name: str, sends_invitations: bool, people: tuple[Contact, ...],
             method: str = "REQUEST") -> str:
    """What will be sent, said plainly (in the interface language: it is part of the card)."""
    if not people:
        return translate("EventCard", "nothing (no attendees)")
    names = ", ".join(p.email for p in people)
    if sends_invitations:
        sent = {
            "REQUEST": QT_TRANSLATE_NOOP("EventCard", "Google Calendar emails invitations to "
                                         "{names} now"),
            "UPDATE": QT_TRANSLATE_NOOP("EventCard", "Google Calendar emails updates to {names} "
                                        "now"),
            "CANCEL": QT_TRANSLATE_NOOP("EventCard", "Google Calendar emails cancellations to "
                                        "{names} now"),
        }[method]
        return _tr(sent).format(names=names)
    saved = {
        "REQUEST": QT_TRANSLATE_NOOP("EventCard", "an invitation file (iTIP REQUEST) for {names} "
                                     "is saved for you to email; nothing is emailed now"),
        "UPDATE": QT_TRANSLATE_NOOP("EventCard", "an updated invitation file (iTIP REQUEST) for "
                                    "{names} is saved for you to email; nothing is emailed now"),
        "CANCEL": QT_TRANSLATE_NOOP("EventCard", "a cancellation file (iTIP CANCEL) for {names} "
                                    "is saved for you to email; nothing is emailed now"),
    }[method]
    return _tr(saved).format(names=names)


def card(
    verb: str, event: Event, people: tuple[Contact, ...], zone: ZoneInfo, calendar_label: str,
    sends: str, before: Event | None = None,
) -> str:
    """The confirmation text: exactly what will happen, line by line, in the interface
    language (the person reads it; ``verb`` is "Create", "Change" or "Cancel")."""
    lines = [_tr(_HEADINGS[verb]).format(title=event.title,
                                         calendar=shown_label(calendar_label))]
    if before is not None and (before.start, before.end) != (event.start, event.end):
        lines.append(translate("EventCard", "Was: {when}").format(when=_when(before, zone)))
    lines.append(translate("EventCard", "When: {when}").format(when=_when(event, zone)))
    for person in people:
        if person.zone:
            theirs = ZoneInfo(person.zone)
            shown = (translate("EventCard", "all day") if event.all_day else
                     f"{time_range(event.start, event.end, theirs, translated=True)} "
                     f"({theirs.key})")
            lines.append("  " + translate("EventCard", "{person}: {time}").format(
                person=person.label, time=shown))
        else:
            lines.append("  " + translate(
                "EventCard", "{person}: time zone unknown (assumed yours)").format(
                    person=person.label))
    if people:
        lines.append(translate("EventCard", "Attendees: {people}").format(people=", ".join(
            f"{p.name} <{p.email}>" if p.name else p.email for p in people)))
    if before is not None and before.title != event.title:
        lines.append(translate("EventCard", "Title was: “{title}”").format(title=before.title))
    if event.location:
        lines.append(translate("EventCard", "Where: {place}").format(place=event.location))
    if event.video_link:
        lines.append(translate("EventCard", "Video: {link}").format(link=event.video_link))
    if event.recurrence:
        rules = translate("EventCard", "; ").join(
            describe_rule(r, translated=True) for r in event.recurrence)
        lines.append((translate("EventCard", "Repeats: {rule}") if verb == "Create" else
                      translate("EventCard", "Repeats: {rule} (every occurrence)")).format(
                          rule=rules))
    lines.append(translate("EventCard", "Sends: {what}.").format(what=sends))
    return "\n".join(lines)


def _when(event: Event, zone: ZoneInfo) -> str:
    if event.all_day:
        last = event.end - timedelta(days=1)
        days = day_text(event.start.date()) + (
            f" – {day_text(last.date())}" if last.date() > event.start.date() else "")
        return translate("EventCard", "{days}, all day").format(days=days)
    return translate("EventCard", "{time} ({zone}, your time)").format(
        time=time_range(event.start, event.end, zone, translated=True),
        zone=zone_label(zone, event.start))
