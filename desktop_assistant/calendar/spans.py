"""Stretches of time as whole minutes since the Unix epoch (UTC), and their arithmetic.

The slot search turns every time into epoch minutes once, then works on sorted, disjoint
``[start, end)`` spans with merge, intersect and subtract, which are linear in the number of
spans. Wall-clock windows (working hours, lunch) are laid out day by day in a person's zone.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.model import require_aware

Span = tuple[int, int]  # [start, end) in minutes since the epoch, UTC

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def merge(spans: Iterable[Span]) -> list[Span]:
    """Sorted, disjoint spans covering the same minutes (touching spans join)."""
    result: list[Span] = []
    for a, b in sorted(s for s in spans if s[1] > s[0]):
        if result and a <= result[-1][1]:
            if b > result[-1][1]:
                result[-1] = (result[-1][0], b)
        else:
            result.append((a, b))
    return result


def intersect(left: Sequence[Span], right: Sequence[Span]) -> list[Span]:
    """Minutes in both (each argument sorted and disjoint)."""
    result: list[Span] = []
    i = j = 0
    while i < len(left) and j < len(right):
        a = max(left[i][0], right[j][0])
        b = min(left[i][1], right[j][1])
        if a < b:
            result.append((a, b))
        if left[i][1] < right[j][1]:
            i += 1
        else:
            j += 1
    return result


def subtract(base: Sequence[Span], holes: Sequence[Span]) -> list[Span]:
    """Minutes in ``base`` and not in ``holes`` (each sorted and disjoint)."""
    result: list[Span] = []
    j = 0
    for a, b in base:
        start = a
        while j < len(holes) and holes[j][1] <= start:
            j += 1
        k = j
        while k < len(holes) and holes[k][0] < b:
            if holes[k][0] > start:
                result.append((start, holes[k][0]))
            start = max(start, holes[k][1])
            if start >= b:
                break
            k += 1
        if start < b:
            result.append((start, b))
    return result


def to_minutes(moment: datetime) -> int:
    """Whole minutes since the epoch (seconds dropped)."""
    return int(require_aware(moment).timestamp() // 60)


def to_datetime(minutes: int) -> datetime:
    return EPOCH + timedelta(minutes=minutes)


def floor_minute(moment: datetime) -> int:
    return to_minutes(moment)


def ceil_minute(moment: datetime) -> int:
    return int(-(-require_aware(moment).timestamp() // 60))


def clip(spans: list[Span], a: int, b: int) -> list[Span]:
    """The parts of sorted, disjoint ``spans`` within [a, b)."""
    first = max(0, bisect.bisect_right(spans, (a, a)) - 1)
    result = []
    for start, end in spans[first:]:
        if start >= b:
            break
        if end > a:
            result.append((max(start, a), min(end, b)))
    return result


def local_days(low: int, high: int, zone: ZoneInfo) -> list[date]:
    """Local dates touching [low, high), with a day's margin for overnight hours."""
    first = to_datetime(low).astimezone(zone).date() - timedelta(days=1)
    last = to_datetime(high).astimezone(zone).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def daily_spans(
    days: Sequence[date], zone: ZoneInfo, windows: Sequence[tuple[time, time]],
    weekdays: frozenset[int],
) -> list[Span]:
    """Each local window on each day (wall-clock times in ``zone``), as epoch-minute spans."""
    spans: list[Span] = []
    for day in days:
        if day.weekday() not in weekdays:
            continue
        for start, end in windows:
            begin = datetime.combine(day, start, tzinfo=zone)
            finish = datetime.combine(day if end > start else day + timedelta(days=1), end,
                                      tzinfo=zone)
            spans.append((int(begin.timestamp() // 60), int(finish.timestamp() // 60)))
    return spans
