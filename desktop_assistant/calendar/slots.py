"""Free-slot search: a pure function over busy intervals, working hours and time zones.

Everything is turned into whole minutes since the Unix epoch (UTC), so time zones and
daylight-saving changes are dealt with once, when each person's working hours and breaks are
laid out day by day in their own zone (a 9:00 start stays 9:00 local across a change). Then it
is interval arithmetic: each person's free time is their working hours minus breaks minus busy
time widened by the buffer; the common free time is the intersection over everyone, clipped to
the search range and the minimum notice. Slots start on a grid (every 15 minutes by default).

Working hours and breaks that fall on a skipped or repeated wall-clock time (a daylight-saving
change inside them, which happens only at night) are read as the first such time (fold=0).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.model import Busy, require_aware
from desktop_assistant.calendar.spans import (
    Span,
    ceil_minute,
    clip,
    daily_spans,
    floor_minute,
    intersect,
    local_days,
    merge,
    subtract,
    to_datetime,
    to_minutes,
)

WEEKDAYS = frozenset(range(5))  # Monday to Friday
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class WorkingHours:
    """Daily hours in the person's own zone, on the given weekdays (0 = Monday)."""

    start: time = time(9)
    end: time = time(18)
    days: frozenset[int] = WEEKDAYS

    def __str__(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


@dataclass(frozen=True)
class Participant:
    """Someone who must be free: their zone, hours, daily breaks and busy time."""

    key: str  # an email address, or "you"
    label: str  # how sentences name them: "you", "the finance lead", "王芳"
    zone: ZoneInfo
    hours: WorkingHours = field(default_factory=WorkingHours)
    busy: Sequence[Busy] = ()
    breaks: Sequence[tuple[time, time]] = ()  # daily, local: lunch, focus blocks


@dataclass(frozen=True)
class SlotQuery:
    """What to look for: how long, within which range, with what margins."""

    duration: timedelta
    start: datetime
    end: datetime
    now: datetime
    notice: timedelta = timedelta(0)  # the earliest start is now + notice
    buffer: timedelta = timedelta(0)  # kept free before and after every busy interval
    step: timedelta = timedelta(minutes=15)  # slots start on this grid
    limit: int = 5
    per_day: int = 2  # at most this many options on one day, for a spread of choices
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))  # the organizer's

    def __post_init__(self) -> None:
        for moment, what in ((self.start, "range start"), (self.end, "range end"),
                             (self.now, "current time")):
            require_aware(moment, what)
        if self.duration <= timedelta(0):
            raise ValueError("A meeting must last at least a minute.")
        if self.step < timedelta(minutes=1):
            raise ValueError("The slot grid must be at least a minute.")


@dataclass(frozen=True)
class Slot:
    """One option: when, and why it is offered."""

    start: datetime
    end: datetime
    why: str
    short_gaps: int = 0  # leftover gaps too short for another meeting like this one


@dataclass(frozen=True)
class SlotSearch:
    """Ranked options, the common free windows they came from, and reasons when none fit."""

    slots: tuple[Slot, ...]
    windows: tuple[tuple[datetime, datetime], ...]
    reasons: tuple[str, ...] = ()


# Public -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Day:
    """One person laid out over the search range: working spans and free spans."""

    person: Participant
    hours: list[Span]
    free: list[Span]


def free_windows(participants: Sequence[Participant], query: SlotQuery) -> list[Span]:
    """The maximal common free spans, in epoch minutes, that hold at least one slot."""
    return _common(_layout(participants, query), query)


def free_slots(participants: Sequence[Participant], query: SlotQuery) -> SlotSearch:
    """Ranked meeting options for everyone in ``participants``, or the reasons there are none."""
    layout = _layout(participants, query)
    windows = _common(layout, query)
    shown = tuple((to_datetime(a), to_datetime(b)) for a, b in windows)
    if not windows:
        return SlotSearch((), shown, tuple(explain_none(participants, query, layout)))
    return SlotSearch(tuple(_rank(windows, query)), shown)


def _layout(participants: Sequence[Participant], query: SlotQuery) -> list[_Day]:
    low, high = _range(query)
    if low >= high:
        return []
    result = []
    for person in participants:
        hours = working_spans(person, low, high)
        result.append(_Day(person, hours, person_free(person, query, low, high, hours)))
    return result


def _common(layout: Sequence[_Day], query: SlotQuery) -> list[Span]:
    if not layout:
        return []
    low, high = _range(query)
    common: list[Span] = [(low, high)]
    for day in layout:
        common = intersect(common, day.free)
        if not common:
            break
    return [span for span in common if _first_start(span, query) is not None]


def slot_starts(windows: Iterable[Span], query: SlotQuery) -> list[int]:
    """Every grid start (epoch minutes) at which the meeting fits in one of ``windows``."""
    step, length = _minutes(query.step), _minutes(query.duration)
    starts: list[int] = []
    for a, b in windows:
        s = _ceil(a, step)
        starts.extend(range(s, b - length + 1, step))
    return starts


def working_spans(person: Participant, low: int, high: int) -> list[Span]:
    """One person's working hours within [low, high), laid out day by day in their zone."""
    days = local_days(low, high, person.zone)
    hours = daily_spans(days, person.zone, [(person.hours.start, person.hours.end)],
                         person.hours.days)
    return intersect(merge(hours), [(low, high)])


def person_free(
    person: Participant, query: SlotQuery, low: int, high: int,
    hours: list[Span] | None = None,
) -> list[Span]:
    """One person's free spans within [low, high): hours minus breaks minus widened busy time."""
    if hours is None:
        hours = working_spans(person, low, high)
    days = local_days(low, high, person.zone)
    blocked = daily_spans(days, person.zone, list(person.breaks), frozenset(range(7)))
    pad = _minutes(query.buffer)
    for interval in person.busy:
        if interval.end <= interval.start:
            continue  # a zero-length entry (a reminder, a deadline) blocks no time
        # Busy checks its times are aware when made; timestamp() is the fast conversion.
        a = int(interval.start.timestamp() // 60) - pad
        b = int(-(-interval.end.timestamp() // 60)) + pad
        if a < high and b > low:
            blocked.append((a, b))
    return subtract(hours, merge(blocked))


# Why nothing fits --------------------------------------------------------------------------


def explain_none(
    participants: Sequence[Participant], query: SlotQuery, layout: Sequence[_Day] | None = None
) -> list[str]:
    """Sentences saying why no slot fits: the range, someone's day, or no overlap at all."""
    low, high = _range(query)
    length = duration_words(query.duration)
    if low >= high:
        earliest = to_datetime(ceil_minute(query.now + query.notice)).astimezone(query.zone)
        return [f"The range ends before the earliest possible start ({earliest:%a %d %b %H:%M}, "
                f"allowing {duration_words(query.notice)} notice)."]
    if layout is None:
        layout = _layout(participants, query)
    if len(participants) > 1:
        hours_only = [(low, high)]
        for each in layout:
            hours_only = intersect(hours_only, each.hours)
        if not any(_first_start(span, query) for span in hours_only):
            described = "; ".join(f"{p.label} {p.hours} {p.zone.key}" for p in participants)
            return [f"Working hours never overlap by {length} in this range ({described})."]
    reasons: list[str] = []
    for day, (a, b) in _organizer_days(low, high, query.zone):
        off: list[str] = []
        busy: list[str] = []
        for each in layout:
            if _fits_somewhere(clip(each.free, a, b), query):
                continue
            working = clip(each.hours, a, b)
            (busy if _fits_somewhere(working, query) else off).append(each.person.label)
        label = f"{_DAY_NAMES[day.weekday()]} {day:%d %b}"
        parts = []
        if off:
            parts.append(f"{_join(off)} {_verb(off, 'is', 'are')} not working then")
        if busy:
            parts.append(f"{_join(busy)} {_verb(busy, 'has', 'have')} no free {length}")
        if parts:
            reasons.append(f"{label}: {'; '.join(parts)}.")
        else:
            amount = "an hour" if length == "hour" else length
            reasons.append(f"{label}: everyone has free time, but not {amount} at the same time.")
    if len(reasons) > 7:
        reasons = [*reasons[:6], f"… and {len(reasons) - 6} more days like these."]
    return reasons


def duration_words(span: timedelta) -> str:
    """"hour", "30 minutes", "1 h 30 min" — for sentences like "no free hour"."""
    minutes = int(span.total_seconds() // 60)
    if minutes == 60:
        return "hour"
    if minutes % 60 == 0:
        return f"{minutes // 60} hours"
    if minutes < 60:
        return f"{minutes} minutes"
    return f"{minutes // 60} h {minutes % 60} min"


# Ranking -----------------------------------------------------------------------------------


def _rank(windows: Sequence[Span], query: SlotQuery) -> list[Slot]:
    """The earliest slot first, then the least fragmenting per window, spread over days."""
    length = _minutes(query.duration)
    useful = max(length, 30)
    candidates: list[tuple[int, int, str]] = []
    for a, b in windows:
        first = _first_start((a, b), query)
        assert first is not None  # free_windows keeps only windows that hold a slot
        last = _floor(b - length, _minutes(query.step))
        best: tuple[int, int, str] | None = None
        for start in dict.fromkeys((first, last)):
            gaps = [start - a, b - (start + length)]
            short = sum(1 for gap in gaps if 0 < gap < useful)
            why = "leaves no short gaps" if short == 0 else (
                f"leaves {short} short gap{'s' if short > 1 else ''}")
            if best is None or (short, start) < (best[0], best[1]):
                best = (short, start, why)
        assert best is not None
        candidates.append(best)
    earliest = _first_start(windows[0], query)
    assert earliest is not None
    chosen: list[Slot] = [_slot(earliest, length, "earliest time that works for everyone",
                                _short_gaps(earliest, windows[0], length, useful))]
    per_day: dict[date, int] = {to_datetime(earliest).astimezone(query.zone).date(): 1}
    for short, start, why in sorted(candidates):
        if len(chosen) >= query.limit:
            break
        if start == earliest:
            continue
        day = to_datetime(start).astimezone(query.zone).date()
        if per_day.get(day, 0) >= query.per_day:
            continue
        per_day[day] = per_day.get(day, 0) + 1
        chosen.append(_slot(start, length, why, short))
    return chosen[: query.limit]


def _short_gaps(start: int, window: Span, length: int, useful: int) -> int:
    gaps = [start - window[0], window[1] - (start + length)]
    return sum(1 for gap in gaps if 0 < gap < useful)


def _slot(start: int, length: int, why: str, short: int) -> Slot:
    return Slot(to_datetime(start), to_datetime(start + length), why, short)


# Minutes and days --------------------------------------------------------------------------


def _minutes(span: timedelta) -> int:
    return int(span.total_seconds() // 60)


def _ceil(value: int, step: int) -> int:
    return -(-value // step) * step


def _floor(value: int, step: int) -> int:
    return (value // step) * step


def _range(query: SlotQuery) -> Span:
    low = max(ceil_minute(query.start), ceil_minute(query.now + query.notice))
    return low, floor_minute(query.end)


def _first_start(span: Span, query: SlotQuery) -> int | None:
    start = _ceil(span[0], _minutes(query.step))
    return start if start + _minutes(query.duration) <= span[1] else None


def _fits_somewhere(spans: Sequence[Span], query: SlotQuery) -> bool:
    return any(_first_start(span, query) is not None for span in spans)


def _organizer_days(low: int, high: int, zone: ZoneInfo) -> list[tuple[date, Span]]:
    """The organizer's local days overlapping [low, high), each clipped to the range."""
    result: list[tuple[date, Span]] = []
    day = to_datetime(low).astimezone(zone).date()
    while True:
        a = to_minutes(datetime.combine(day, time(0), tzinfo=zone))
        b = to_minutes(datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone))
        if a >= high:
            break
        result.append((day, (max(a, low), min(b, high))))
        day += timedelta(days=1)
    return result


def _verb(names: Sequence[str], one: str, many: str) -> str:
    return many if len(names) > 1 or names[0] == "you" else one


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
