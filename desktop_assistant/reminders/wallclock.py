"""Wall-clock times and instants: a floating local time read in a zone, through DST changes.

A reminder "at 17:00" is a wall-clock time, read in the person's zone when it is evaluated
(after travel, 17:00 is 17:00 where they are). A wall time that does not exist (the hour
skipped when clocks go forward) means the first instant after it, the moment the clocks jump;
one that happens twice (the hour repeated when clocks go back) means its first occurrence.
Instants are returned in UTC, so that comparing them never trips over ``fold``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo


def resolve(moment: datetime, zone: ZoneInfo) -> datetime:
    """The instant (UTC) of ``moment``: a naive wall time in ``zone``, or an aware instant."""
    if moment.tzinfo is not None:
        return moment.astimezone(UTC)
    first = moment.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if wall(first, zone) == moment:
        return first  # exists; fold=0 is the first of two where the hour repeats
    # Skipped: fold=1 reads it with the offset after the change (an instant before the jump),
    # fold=0 with the offset before (after it). The jump is the first instant between them
    # whose wall time has passed ``moment``.
    low = int(moment.replace(tzinfo=zone, fold=1).timestamp())
    high = int(first.timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if wall(datetime.fromtimestamp(middle, UTC), zone) >= moment:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, UTC)


def wall(instant: datetime, zone: ZoneInfo) -> datetime:
    """The naive wall-clock time in ``zone`` at ``instant`` (aware)."""
    return instant.astimezone(zone).replace(tzinfo=None)
