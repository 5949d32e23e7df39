"""``ReminderScheduler``: due reminders delivered once, and the person's snooze, done, cancel.

The scheduler keeps no timer and no state of its own: each ``poll(now)`` reads the stored
reminders, asks the pure :func:`~desktop_assistant.reminders.due.due` what is due in the zone
the person is in now, and records each firing as delivered with a compare-and-set, so a
reminder is shown once even when two processes (or two polls) race. ``next_due(now)`` is when
to poll again. In quiet hours only urgent reminders are delivered; the rest wait for the
quiet hours to end and come then, marked late.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from desktop_assistant.reminders.due import due, latest_occurrence, occurrences
from desktop_assistant.reminders.model import ACTIVE, CANCELLED, DONE, Firing, Reminder
from desktop_assistant.reminders.quiet import QuietHours
from desktop_assistant.reminders.store import ReminderStore


class ReminderScheduler:
    """Due reminders, delivered once; the zone is read on every call (the person travels)."""

    def __init__(self, store: ReminderStore, zone: Callable[[], ZoneInfo]) -> None:
        self.store = store
        self._zone = zone

    def _held(self, firing: Firing, now: datetime, quiet: QuietHours | None) -> bool:
        return quiet is not None and not firing.reminder.urgent and quiet.contains(
            now, self._zone())

    def pending(self, now: datetime, quiet: QuietHours | None = None) -> list[Firing]:
        """What ``poll(now)`` would deliver; changes nothing."""
        report = due(self.store.all(), self._zone(), now)
        return [f for f in report.firings if not self._held(f, now, quiet)]

    def poll(self, now: datetime, quiet: QuietHours | None = None) -> list[Firing]:
        """Deliver what is due at ``now``: each firing returned here is returned by no other
        poll, in this process or another on the same database."""
        return [f for f in self.pending(now, quiet) if self.store.deliver(f)]

    def next_due(self, now: datetime, quiet: QuietHours | None = None) -> datetime | None:
        """When to poll again: the first instant after ``now`` something becomes due (``now``
        itself when something is due and undelivered); None when nothing is left."""
        zone = self._zone()
        report = due(self.store.all(), zone, now)
        candidates = [report.next_at] if report.next_at is not None else []
        for firing in report.firings:
            if self._held(firing, now, quiet):
                assert quiet is not None
                candidates.append(quiet.ends_after(now, zone))
            else:
                candidates.append(now)
        return min(candidates, default=None)

    # The person's answers ------------------------------------------------------------------

    def snooze(self, reminder_id: int, until: datetime, now: datetime) -> tuple[Reminder, Reminder]:
        """Deliver again at ``until``; occurrences up to now count as seen. Returns the
        reminder before and after."""
        if until.tzinfo is None:
            raise ValueError("Snooze until an instant (an aware datetime).")

        def edit(reminder: Reminder) -> dict[str, Any]:
            if reminder.state == CANCELLED:
                raise ValueError(f"Reminder #{reminder.id} was cancelled.")
            return {"snoozed_until": until.astimezone(UTC).replace(microsecond=0),
                    "state": ACTIVE, "last_fired": self._seen(reminder, now)}

        return self.store.change(reminder_id, edit)

    def done(self, reminder_id: int, now: datetime) -> tuple[Reminder, Reminder]:
        """The person did it: a one-off reminder is finished; a repeating one waits for its
        next occurrence (cancel ends the series)."""
        zone = self._zone()

        def edit(reminder: Reminder) -> dict[str, Any]:
            if reminder.state == CANCELLED:
                raise ValueError(f"Reminder #{reminder.id} was cancelled.")
            seen = self._seen(reminder, now)
            more = next(occurrences(reminder, zone, after=seen, instants_after=now), None)
            return {"snoozed_until": None, "last_fired": seen,
                    "state": ACTIVE if more is not None else DONE}

        return self.store.change(reminder_id, edit)

    def cancel(self, reminder_id: int) -> tuple[Reminder, Reminder]:
        def edit(reminder: Reminder) -> dict[str, Any]:
            if reminder.state == CANCELLED:
                raise ValueError(f"Reminder #{reminder.id} is cancelled already.")
            return {"state": CANCELLED}

        return self.store.change(reminder_id, edit)

    def _seen(self, reminder: Reminder, now: datetime) -> datetime | None:
        """The later of the last delivered occurrence and the last one due by ``now``."""
        latest = latest_occurrence(reminder, self._zone(), now)
        known = [m for m in (reminder.last_fired, latest) if m is not None]
        return max(known, default=None)
