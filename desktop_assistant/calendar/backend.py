"""The one interface every calendar (local files, Google, CalDAV) offers the service.

A backend reads events within a window (recurrence expanded), and creates, updates and cancels
events by UID. ``create`` is idempotent: the service gives each new event a UID derived from
what was asked, and a backend that already has that UID returns the existing event instead of
making a second one, so a retried request never duplicates an event.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from desktop_assistant.calendar.ics import Expansion
from desktop_assistant.calendar.model import Busy, Event
from desktop_assistant.i18n import QT_TRANSLATE_NOOP, translate

# The backends' ``label``s: English in sentences the model reads, translated on cards.
LOCAL_LABEL = QT_TRANSLATE_NOOP("Calendars", "your local calendar")
GOOGLE_LABEL = QT_TRANSLATE_NOOP("Calendars", "Google Calendar")
CALDAV_LABEL = QT_TRANSLATE_NOOP("Calendars", "the CalDAV calendar at {host}")


def shown_label(label: str) -> str:
    """A backend's ``label`` in the interface language, for the person ("本地日历")."""
    if label in (LOCAL_LABEL, GOOGLE_LABEL):
        return translate("Calendars", label)
    prefix = CALDAV_LABEL.partition("{")[0]
    if label.startswith(prefix):
        return translate("Calendars", CALDAV_LABEL).format(host=label.removeprefix(prefix))
    return label


class CalendarBackend(Protocol):
    """Where the person's own events live and new ones go."""

    name: str  # "local", "google", "caldav"
    label: str  # for sentences: "your local calendar", "Google Calendar"
    sends_invitations: bool  # True when the server itself emails the attendees

    def events(self, start: datetime, end: datetime) -> Expansion:
        """Events overlapping [start, end), recurring ones expanded."""
        ...

    def find(self, uid: str) -> Event | None:
        """The event (the series' first occurrence for a recurring one), or None."""
        ...

    def create(self, event: Event) -> tuple[Event, bool]:
        """Create ``event`` (by its UID); the event and False when it existed already."""
        ...

    def update(self, event: Event) -> Event:
        """Replace the event with this UID (every occurrence of a series)."""
        ...

    def cancel(self, uid: str) -> Event:
        """Remove the event (and its series); the event as it was."""
        ...

    def busy(self, emails: list[str], start: datetime, end: datetime) -> dict[str, list[Busy]]:
        """Other people's busy time the server knows (free/busy); {} when it cannot tell."""
        ...
