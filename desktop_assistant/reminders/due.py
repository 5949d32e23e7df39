"""What is due: a pure function of the reminders, the person's zone and the time.

Given the stored reminders, the zone the person is in now and the current instant, ``due``
returns the firings due now and the next instant at which something else becomes due. It keeps
no state and reads no clock, so the scheduler can call it after sleep, a clock jump or travel
and get the right answer from the stored state alone:

- an occurrence is due once its instant has come and it is later than the last delivered one;
- of several missed occurrences (the app was closed) only the latest fires, once, marked late
  when more than a minute has passed;
- a snoozed reminder comes back at its snooze instant, unless a newer occurrence supersedes it;
- wall-clock occurrences are expanded in naive local time (``dateutil.rrule``) and read in the
  zone given, through daylight-saving changes (:mod:`desktop_assistant.reminders.wallclock`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from desktop_assistant.reminders.model import ACTIVE, LATE_AFTER, Firing, Reminder
from desktop_assistant.reminders.wallclock import resolve, wall

# How far a wall clock can run behind the instant's own day (the longest backward change of a
# zone's offset is a day, Samoa's in 2011): occurrences are looked for up to this far ahead.
_CLOCK_MARGIN = timedelta(days=2)


@dataclass(frozen=True)
class DueReport:
    """The firings due at ``now`` (one per reminder at most) and when to look next."""

    firings: list[Firing] = field(default_factory=list)
    next_at: datetime | None = None  # the first instant after now when another is due (UTC)


def due(reminders: Iterable[Reminder], zone: ZoneInfo, now: datetime) -> DueReport:
    """Which ``reminders`` are due at ``now`` (aware) in ``zone``, and the next instant after."""
    if now.tzinfo is None:
        raise ValueError("The current time must be an aware datetime.")
    firings: list[Firing] = []
    upcoming: list[datetime] = []
    for reminder in reminders:
        firing, following = check(reminder, zone, now)
        if firing is not None:
            firings.append(firing)
        if following is not None:
            upcoming.append(following)
    firings.sort(key=lambda f: (f.due_at, f.reminder.id))
    return DueReport(firings, min(upcoming, default=None))


def check(
    reminder: Reminder, zone: ZoneInfo, now: datetime
) -> tuple[Firing | None, datetime | None]:
    """One reminder: its firing due at ``now`` (or None) and its next due instant after now."""
    if reminder.state != ACTIVE:
        return None, None
    last = reminder.last_fired
    latest = latest_occurrence(reminder, zone, now)
    if latest is not None and last is not None and latest <= last:
        latest = None  # delivered already
    after = max((m for m in (latest, last) if m is not None), default=None)
    following = next(occurrences(reminder, zone, after=after, instants_after=now), None)
    next_at = resolve(following, zone) if following is not None else None
    snooze = reminder.snoozed_until
    if latest is not None:  # a newer occurrence supersedes any snooze
        due_at = resolve(latest, zone)
        return Firing(reminder, latest, due_at, now - due_at > LATE_AFTER,
                      final=next_at is None), next_at
    if snooze is not None and snooze <= now:
        return Firing(reminder, last, resolve(snooze, zone), now - snooze > LATE_AFTER,
                      snoozed=True, final=next_at is None), next_at
    if snooze is not None:
        next_at = min(resolve(snooze, zone), next_at) if next_at is not None else resolve(
            snooze, zone)
    return None, next_at


def latest_occurrence(reminder: Reminder, zone: ZoneInfo, now: datetime) -> datetime | None:
    """The last occurrence whose instant is at or before ``now`` (delivered or not)."""
    if not reminder.recurring:
        return reminder.when if resolve(reminder.when, zone) <= now else None
    rule = expand(reminder.rule, reminder.when)
    probe = wall(now, zone) + _CLOCK_MARGIN if reminder.floating else now
    candidate: datetime | None = rule.before(probe, inc=True)
    while candidate is not None and resolve(candidate, zone) > now:
        candidate = rule.before(candidate)
    return candidate


def occurrences(
    reminder: Reminder, zone: ZoneInfo, *, after: datetime | None = None,
    instants_after: datetime | None = None,
) -> Iterator[datetime]:
    """Occurrences later than ``after`` (same kind as ``when``) whose instants are later than
    ``instants_after``, in order; endless for a rule without an end."""
    if not reminder.recurring:
        candidates: Iterable[datetime] = [reminder.when]
    else:
        rule = expand(reminder.rule, reminder.when)
        candidates = rule.xafter(after) if after is not None else iter(rule)
    for moment in candidates:
        if after is not None and moment <= after:
            continue
        if instants_after is not None and resolve(moment, zone) <= instants_after:
            continue
        yield moment


def occurrences_between(
    reminder: Reminder, zone: ZoneInfo, start: datetime, end: datetime
) -> list[datetime]:
    """The instants (UTC) of ``reminder``'s occurrences in [start, end)."""
    found = []
    for moment in occurrences(reminder, zone, instants_after=start - timedelta(microseconds=1)):
        instant = resolve(moment, zone)
        if instant >= end:
            break
        found.append(instant)
    return found


def next_occurrence(reminder: Reminder, zone: ZoneInfo, now: datetime) -> datetime | None:
    """The instant (UTC) the reminder is next due after ``now``: its snooze or an occurrence
    not yet delivered; None when nothing is left."""
    firing, following = check(reminder, zone, now)
    if firing is not None:
        return firing.due_at
    return following


@functools.lru_cache(maxsize=512)
def expand(rule: str, start: datetime) -> Any:
    """The ``dateutil`` rule for an RRULE value from ``start`` (cached: expanding walks from the
    start, and the cache keeps what was walked)."""
    from dateutil.rrule import rrulestr

    return rrulestr(rule, dtstart=start, cache=True)
