"""The slot search against a brute-force oracle that checks every minute, with random calendars.

The oracle knows nothing of intervals: a minute is free for a person when their local wall clock
is inside working hours, outside every break, and the minute does not touch a busy interval
widened by the buffer. A start is valid when it is on the grid, not before the range or the
notice allows, and every minute of the meeting is free for everyone.

Runs are derandomized (the same examples every run, no example database) so CI is
deterministic; for a deeper search run with a larger ``max_examples`` and ``derandomize=False``
(20,000 random examples passed when this was written).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_assistant.calendar.model import Busy
from desktop_assistant.calendar.slots import (
    Participant,
    SlotQuery,
    WorkingHours,
    free_slots,
    free_windows,
    slot_starts,
    to_minutes,
)

# Whole-hour, half-hour and 45-minute offsets, with and without daylight saving.
ZONES = [
    "UTC", "Asia/Shanghai", "America/New_York", "Europe/London", "Europe/Berlin",
    "Asia/Kolkata", "Australia/Sydney", "America/Los_Angeles", "Asia/Kathmandu",
    "America/St_Johns", "Pacific/Chatham",
]
# Starts around the March and October/November daylight-saving changes, and an ordinary week.
BASES = [
    datetime(2026, 3, 6, tzinfo=UTC), datetime(2026, 3, 27, tzinfo=UTC),
    datetime(2026, 10, 23, tzinfo=UTC), datetime(2026, 4, 1, 7, 13, tzinfo=UTC),
]


def clock(minute_of_day: int) -> time:
    return time(minute_of_day // 60, minute_of_day % 60)


@st.composite
def working_hours(draw: st.DrawFn) -> WorkingHours:
    # Daytime only: no zone changes its clocks between 05:00 and 23:00 local.
    if draw(st.booleans()):
        return draw(st.sampled_from([WorkingHours(), WorkingHours(time(5), time(23),
                                                                  frozenset(range(7)))]))
    start = draw(st.integers(5 * 60, 14 * 60))
    end = draw(st.integers(start + 15, 23 * 60))
    days = draw(st.one_of(
        st.just(frozenset(range(7))),
        st.just(frozenset(range(5))),
        st.frozensets(st.integers(0, 6), min_size=1),
    ))
    return WorkingHours(clock(start), clock(end), days)


@st.composite
def participants(draw: st.DrawFn, base: datetime, index: int, team_zone: str) -> Participant:
    zone = ZoneInfo(draw(st.one_of(st.just(team_zone), st.sampled_from(ZONES))))
    busy = []
    for _ in range(draw(st.integers(0, 8))):
        offset = draw(st.integers(0, 3 * 24 * 3600))
        length = draw(st.integers(0, 3 * 3600))
        start = base + timedelta(seconds=offset)
        busy.append(Busy(start, start + timedelta(seconds=length)))
    breaks = []
    for _ in range(draw(st.integers(0, 2))):
        start = draw(st.integers(5 * 60, 22 * 60))
        end = draw(st.integers(start + 1, 23 * 60))
        breaks.append((clock(start), clock(end)))
    return Participant(f"p{index}@corp.example", f"person {index}", zone,
                       draw(working_hours()), busy, breaks)


@st.composite
def searches(draw: st.DrawFn) -> tuple[list[Participant], SlotQuery]:
    base = draw(st.sampled_from(BASES))
    team_zone = draw(st.sampled_from(ZONES))
    count = draw(st.integers(1, 4))
    people = [draw(participants(base, i, team_zone)) for i in range(count)]
    start = base + timedelta(minutes=draw(st.integers(0, 24 * 60)))
    end = start + timedelta(minutes=draw(st.integers(0, 3 * 24 * 60)))
    query = SlotQuery(
        duration=timedelta(minutes=draw(st.sampled_from([15, 25, 30, 45, 60, 90, 120]))),
        start=start,
        end=end,
        now=start + timedelta(seconds=draw(st.integers(-24 * 3600, 3 * 3600))),
        notice=timedelta(minutes=draw(st.sampled_from([0, 30, 120]))),
        buffer=timedelta(minutes=draw(st.sampled_from([0, 5, 10, 15]))),
        step=timedelta(minutes=draw(st.sampled_from([5, 15, 30]))),
        limit=draw(st.integers(1, 6)),
        zone=ZoneInfo(draw(st.sampled_from(ZONES))),
    )
    return people, query


def free_at(person: Participant, minute: int, buffer: timedelta) -> bool:
    wall = (datetime(1970, 1, 1, tzinfo=UTC) + timedelta(minutes=minute)).astimezone(person.zone)
    hours = person.hours
    if wall.weekday() not in hours.days or not hours.start <= wall.time() < hours.end:
        return False
    if any(a <= wall.time() < b for a, b in person.breaks):
        return False
    begin, finish = minute * 60, minute * 60 + 60
    pad = buffer.total_seconds()
    for busy in person.busy:
        a = busy.start.timestamp() - pad
        b = busy.end.timestamp() + pad
        if busy.end > busy.start and begin < b and finish > a:
            return False
    return True


def oracle(people: list[Participant], query: SlotQuery) -> set[int]:
    """Valid starts, minute by minute."""
    low = max(query.start, query.now + query.notice).timestamp()
    high = query.end.timestamp()
    length = int(query.duration.total_seconds() // 60)
    step = int(query.step.total_seconds() // 60)
    first = int(-(-low // 60))
    last = int(high // 60)
    free = {m for m in range(first, last) if all(free_at(p, m, query.buffer) for p in people)}
    return {
        s for s in range(first, last - length + 1)
        if s % step == 0 and all(m in free for m in range(s, s + length))
    }


@settings(max_examples=400, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(searches())
def test_search_finds_exactly_the_oracles_slots(
    search: tuple[list[Participant], SlotQuery],
) -> None:
    people, query = search
    expected = oracle(people, query)
    windows = free_windows(people, query)
    assert set(slot_starts(windows, query)) == expected
    result = free_slots(people, query)
    offered = [to_minutes(slot.start) for slot in result.slots]
    assert set(offered) <= expected, "a returned slot overlaps busy time or leaves hours"
    assert len(offered) == len(set(offered))
    assert len(offered) <= query.limit
    if expected:
        assert offered, "a fitting slot was missed"
        assert offered[0] == min(expected), "the first option is the earliest"
        assert result.reasons == ()
    else:
        assert offered == []
        assert result.reasons, "no slot, and no reason given"
    for slot in result.slots:
        assert slot.end - slot.start == query.duration
        assert slot.start.tzinfo is not None


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(searches())
def test_no_returned_slot_touches_anyones_busy_time(
    search: tuple[list[Participant], SlotQuery],
) -> None:
    people, query = search
    for slot in free_slots(people, query).slots:
        for person in people:
            for busy in person.busy:
                if busy.end > busy.start:
                    assert (slot.end + query.buffer <= busy.start
                            or slot.start >= busy.end + query.buffer)
