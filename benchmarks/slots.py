"""Free-slot search and .ics import: measured, not asserted.

1. ``free_slots`` for you and 10 attendees over 4 weeks, each with about 8 events a working day
   (a daily stand-up, weekly one-to-ones and team meetings as RRULEs, the rest single events),
   in four time zones. The goal is under 20 ms median for the search itself. Also shown: the
   same search when nothing fits (the reasons are worked out), and expanding the 11 calendars
   from .ics (the part a real search adds before the pure function runs).
2. Importing the whole ../shared/data/ical corpus into a fresh local calendar.

    python benchmarks/slots.py [--runs 50] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop_assistant.calendar.components import calendar_with, component_from_event  # noqa: E402
from desktop_assistant.calendar.ics import expand, read_calendars  # noqa: E402
from desktop_assistant.calendar.model import Busy, Event, busy_from_events  # noqa: E402
from desktop_assistant.calendar.slots import (  # noqa: E402
    Participant,
    SlotQuery,
    WorkingHours,
    free_slots,
)

CORPUS = ROOT.parent / "shared" / "data" / "ical"
# You and 10 attendees: most in Shanghai, the rest an hour or two and a half away.
ZONES = ["Asia/Shanghai"] * 8 + ["Asia/Singapore", "Asia/Tokyo", "Asia/Kolkata"]
START = datetime(2026, 3, 2, tzinfo=ZoneInfo("Asia/Shanghai"))  # a Monday; 4 weeks follow
WEEKS = 4


def person_calendar(rng: random.Random, index: int, zone: ZoneInfo) -> bytes:
    """About 8 events per working day: 3 recurring series and single events around them."""
    events: list[Event] = []

    def add(title: str, start: datetime, minutes: int, rule: str = "") -> None:
        events.append(Event(uid=f"p{index}-{len(events)}@bench", title=title, start=start,
                            end=start + timedelta(minutes=minutes), zone=zone.key,
                            recurrence=(rule,) if rule else ()))

    monday = datetime.combine(START.date(), clock(9, 30), tzinfo=zone)
    add("Stand-up", monday, 15, "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR")
    add("One-to-one", monday + timedelta(days=rng.randrange(5), hours=5), 30, "FREQ=WEEKLY")
    add("Team meeting", monday + timedelta(days=rng.randrange(5), hours=1), 60, "FREQ=WEEKLY")
    for day in range(WEEKS * 7):
        date = START.date() + timedelta(days=day)
        if date.weekday() >= 5:
            continue
        for _ in range(rng.randint(5, 8)):
            start = datetime.combine(date, clock(9), tzinfo=zone) + timedelta(
                minutes=15 * rng.randrange(34))
            add("Meeting", start, rng.choice([15, 30, 30, 45, 60]))
    return bytes(calendar_with([component_from_event(e) for e in events]).to_ical())


def timed(function: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        function()
        times.append((time.perf_counter() - began) * 1000)
    return times


def report(label: str, times: list[float]) -> None:
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    print(f"{label}: median {statistics.median(times):.2f} ms, p90 {p90:.2f} ms, "
          f"min {ordered[0]:.2f} ms ({len(times)} runs)")


def slot_benchmark(runs: int, seed: int) -> None:
    rng = random.Random(seed)
    end = START + timedelta(weeks=WEEKS)
    files = [person_calendar(rng, i, ZoneInfo(z)) for i, z in enumerate(ZONES)]

    def expanded() -> list[list[Busy]]:
        result = []
        for i, data in enumerate(files):
            calendars, _ = read_calendars(data, f"person{i}.ics")
            result.append(busy_from_events(expand(calendars[0], START, end,
                                                  ZoneInfo(ZONES[i])).events))
        return result

    busy = expanded()
    people = [Participant(f"p{i}@corp.example", f"person {i}", ZoneInfo(z),
                          WorkingHours(clock(9), clock(18)), busy[i], [(clock(12), clock(13))])
              for i, z in enumerate(ZONES)]
    intervals = sum(len(b) for b in busy)
    per_day = intervals / len(people) / (WEEKS * 5)
    query = SlotQuery(duration=timedelta(minutes=30), start=START, end=end,
                      now=START - timedelta(days=1), buffer=timedelta(minutes=5),
                      notice=timedelta(hours=1), zone=ZoneInfo("Asia/Shanghai"))
    print(f"Calendars: you + 10 attendees in {len(set(ZONES))} zones, {WEEKS} weeks, "
          f"{intervals:,} busy intervals ({per_day:.1f} per person per working day)")
    for size in (len(people), 4):
        group = people[:size]
        found = free_slots(group, query)
        outcome = (f"{len(found.slots)} options, first "
                   f"{found.slots[0].start.astimezone(query.zone):%a %d %b %H:%M}, "
                   f"{len(found.windows)} common free windows" if found.slots else
                   f"no option; {len(found.reasons)} reasons, e.g. {found.reasons[0]!r}")
        report(f"free_slots, you + {size - 1} attendees, 30 min, 5 min buffer ({outcome})",
               timed(lambda group=group: free_slots(group, query), runs))
    hard = SlotQuery(duration=timedelta(hours=3), start=START, end=end, now=query.now,
                     buffer=query.buffer, zone=query.zone)
    nothing = free_slots(people, hard)
    assert not nothing.slots
    report(f"free_slots, you + 10 attendees, 3 h: nothing fits ({len(nothing.reasons)} reasons)",
           timed(lambda: free_slots(people, hard), runs))
    report("expanding the 11 calendars from .ics (RRULEs included)",
           timed(expanded, max(3, runs // 10)))


def corpus_benchmark() -> None:
    from desktop_assistant.calendar.importer import import_file
    from desktop_assistant.calendar.local import LocalCalendar

    if not CORPUS.is_dir():
        print(f"Corpus import: skipped, {CORPUS} is absent")
        return
    files = sorted(CORPUS.rglob("*.ics"))
    zone = ZoneInfo("Asia/Shanghai")
    now = datetime.now(UTC)
    window = (now - timedelta(days=365), now + timedelta(days=365))
    with tempfile.TemporaryDirectory() as folder:
        calendar = LocalCalendar(Path(folder) / "local", lambda: zone)
        began = time.perf_counter()
        reports = [import_file(path, calendar, zone, window) for path in files]
        elapsed = time.perf_counter() - began
        slowest = max(files, key=lambda p: p.stat().st_size)
        skipped = [r for r in reports if not r.imported]
        series = sum(r.series for r in reports)
        left_out = sum(len(r.problems) for r in reports if r.imported)
        print(f"Corpus import: {len(files)} files ({sum(p.stat().st_size for p in files):,} "
              f"bytes) in {elapsed:.2f} s ({elapsed / len(files) * 1000:.1f} ms per file); "
              f"{series:,} events stored, {len(skipped)} files skipped, {left_out} events "
              f"left out with a reason (largest file: {slowest.name})")
        began = time.perf_counter()
        found = calendar.events(*window)
        print(f"Agenda over the imported corpus (2 years, {len(found.events):,} occurrences): "
              f"{time.perf_counter() - began:.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    slot_benchmark(args.runs, args.seed)
    corpus_benchmark()
    return 0


if __name__ == "__main__":
    sys.exit(main())
