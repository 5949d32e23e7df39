"""The reminder model: what was asked for, when, how it repeats, and what was delivered.

``when`` is either a naive datetime, a wall-clock time read in the person's zone whenever it
is evaluated ("at 5pm", "每周五下午四点"), or an aware one, an instant ("in 20 minutes"). A
recurring reminder's ``rule`` is an RRULE value (``FREQ=WEEKLY;BYDAY=FR``) expanded from
``when``; its occurrences are the same kind as ``when``. ``last_fired`` is the occurrence last
delivered, so each occurrence is delivered at most once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

ACTIVE = "active"
DONE = "done"
CANCELLED = "cancelled"
STATES = (ACTIVE, DONE, CANCELLED)

# A reminder delivered more than this after its time was missed (the app was closed, the
# machine slept): it is delivered once, marked late.
LATE_AFTER = timedelta(minutes=1)


@dataclass(frozen=True)
class Reminder:
    """One reminder as stored; ``revision`` changes with every write (for compare-and-set)."""

    id: int
    text: str
    when: datetime
    rule: str = ""
    urgent: bool = False
    state: str = ACTIVE
    snoozed_until: datetime | None = None  # an instant (aware): deliver again then
    last_fired: datetime | None = None  # the occurrence last delivered, same kind as ``when``
    conversation_id: int | None = None
    created_at: str = ""
    revision: int = 0

    def __post_init__(self) -> None:
        if self.state not in STATES:
            raise ValueError(f"A reminder's state is one of {', '.join(STATES)}, "
                             f"not {self.state!r}.")
        if self.snoozed_until is not None and self.snoozed_until.tzinfo is None:
            raise ValueError("A snooze must end at an instant (an aware datetime).")
        if self.last_fired is not None and (self.last_fired.tzinfo is None) != self.floating:
            raise ValueError("The last delivered occurrence must be the same kind as 'when'.")

    @property
    def floating(self) -> bool:
        """True for a wall-clock time in the person's zone, False for a fixed instant."""
        return self.when.tzinfo is None

    @property
    def recurring(self) -> bool:
        return bool(self.rule)


@dataclass(frozen=True)
class Firing:
    """A reminder due now: which occurrence, since when, and whether it is late."""

    reminder: Reminder
    occurrence: datetime | None  # the occurrence delivered (None: a snooze of one never fired)
    due_at: datetime  # the instant it became due (UTC)
    late: bool
    snoozed: bool = False  # a snoozed reminder coming back
    final: bool = False  # nothing is due after it: once delivered, the reminder is done


def stamp(moment: datetime | None) -> str | None:
    """A datetime as stored: ISO 8601, UTC for instants, no offset for wall-clock times."""
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.isoformat(timespec="seconds")


def unstamp(text: str | None) -> datetime | None:
    """The inverse of :func:`stamp`."""
    return None if text is None else datetime.fromisoformat(text)
