"""The slot search on cases a person would recognise: zones, DST, buffers, ranking, reasons."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.model import Busy
from desktop_assistant.calendar.slots import Participant, SlotQuery, WorkingHours, free_slots
from desktop_assistant.calendar.spans import intersect, merge, subtract

SHANGHAI = ZoneInfo("Asia/Shanghai")
LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def query(start: datetime, end: datetime, minutes: int = 30, **extra: object) -> SlotQuery:
    values: dict[str, object] = {"duration": timedelta(minutes=minutes), "start": start,
                                 "end": end, "now": start - timedelta(days=1), "zone": SHANGHAI}
    values.update(extra)
    return SlotQuery(**values)  # type: ignore[arg-type]


def test_interval_arithmetic() -> None:
    assert merge([(5, 8), (1, 3), (3, 4), (7, 9), (10, 10)]) == [(1, 4), (5, 9)]
    assert intersect([(0, 10), (20, 30)], [(5, 25)]) == [(5, 10), (20, 25)]
    assert subtract([(0, 10), (20, 30)], [(2, 3), (8, 22), (29, 40)]) == [
        (0, 2), (3, 8), (22, 29)]


def test_colleagues_in_other_zones_meet_where_their_hours_overlap() -> None:
    you = Participant("you", "you", SHANGHAI, breaks=[(time(12), time(13))])
    finance = Participant("fin@corp.example", "the finance lead", LONDON,
                          WorkingHours(time(8), time(17)))
    day = datetime(2026, 3, 10, tzinfo=SHANGHAI)  # a Tuesday; London is 8 hours behind
    result = free_slots([you, finance], query(day, day + timedelta(days=1)))
    first = result.slots[0]
    assert first.start.astimezone(SHANGHAI) == datetime(2026, 3, 10, 16, 0, tzinfo=SHANGHAI)
    assert first.start.astimezone(LONDON).hour == 8
    assert result.windows == ((first.start, datetime(2026, 3, 10, 18, 0, tzinfo=SHANGHAI)),)


def test_working_hours_stay_local_across_the_daylight_saving_change() -> None:
    # New York moves its clocks on Sunday 8 March 2026; 9:00 stays 9:00 there.
    person = Participant("ny@corp.example", "New York", NEW_YORK)
    start = datetime(2026, 3, 6, tzinfo=NEW_YORK)
    found = free_slots([person], query(start, start + timedelta(days=6), 60, zone=NEW_YORK,
                                       limit=6, per_day=1))
    starts = [slot.start.astimezone(NEW_YORK) for slot in found.slots]
    assert [s.hour for s in starts] == [9, 9, 9, 9]
    assert [s.utcoffset() for s in starts[:2]] == [timedelta(hours=-5), timedelta(hours=-4)]


def test_buffers_and_notice_are_kept() -> None:
    you = Participant("you", "you", SHANGHAI, busy=[
        Busy(datetime(2026, 3, 10, 9, tzinfo=SHANGHAI), datetime(2026, 3, 10, 10, tzinfo=SHANGHAI))
    ])
    day = datetime(2026, 3, 10, tzinfo=SHANGHAI)
    buffered = free_slots([you], query(day, day + timedelta(days=1),
                                       buffer=timedelta(minutes=10)))
    assert buffered.slots[0].start.astimezone(SHANGHAI).time() == time(10, 15)
    noticed = free_slots([you], query(day, day + timedelta(days=1),
                                      now=datetime(2026, 3, 10, 13, 50, tzinfo=SHANGHAI),
                                      notice=timedelta(hours=2)))
    assert noticed.slots[0].start.astimezone(SHANGHAI).time() == time(16, 0)


def test_options_start_with_the_earliest_and_prefer_not_to_fragment() -> None:
    # Free 9:00-10:00 (a short window) and 11:00-18:00.
    you = Participant("you", "you", SHANGHAI, busy=[
        Busy(datetime(2026, 3, 10, 10, tzinfo=SHANGHAI), datetime(2026, 3, 10, 11, tzinfo=SHANGHAI))
    ])
    day = datetime(2026, 3, 10, tzinfo=SHANGHAI)
    found = free_slots([you], query(day, day + timedelta(days=1), 45, limit=3))
    local = [(s.start.astimezone(SHANGHAI).time(), s.why) for s in found.slots]
    assert local[0] == (time(9, 0), "earliest time that works for everyone")
    assert found.slots[0].short_gaps == 1  # it leaves 15 minutes before 10:00
    assert local[1] == (time(11, 0), "leaves no short gaps")


def test_no_slot_says_who_has_no_time_that_day() -> None:
    you = Participant("you", "you", SHANGHAI)
    finance = Participant("fin@corp.example", "the finance lead", SHANGHAI, busy=[
        Busy(datetime(2026, 3, 10, 9, tzinfo=SHANGHAI), datetime(2026, 3, 10, 17, 30,
                                                                 tzinfo=SHANGHAI))
    ])
    day = datetime(2026, 3, 10, tzinfo=SHANGHAI)
    found = free_slots([you, finance], query(day, day + timedelta(days=1), 60))
    assert found.slots == ()
    assert found.reasons == ("Tuesday 10 Mar: the finance lead has no free hour.",)


def test_no_slot_when_working_hours_never_overlap() -> None:
    you = Participant("you", "you", SHANGHAI)
    new_york = Participant("pm@corp.example", "the project manager", NEW_YORK,
                           WorkingHours(time(9), time(17)))
    day = datetime(2026, 3, 10, tzinfo=SHANGHAI)
    found = free_slots([you, new_york], query(day, day + timedelta(days=2)))
    assert len(found.reasons) == 1
    assert found.reasons[0].startswith("Working hours never overlap by 30 minutes")
    assert "the project manager 09:00–17:00 America/New_York" in found.reasons[0]


def test_weekends_and_an_elapsed_range_are_explained() -> None:
    you = Participant("you", "you", SHANGHAI)
    saturday = datetime(2026, 3, 14, tzinfo=SHANGHAI)
    weekend = free_slots([you], query(saturday, saturday + timedelta(days=1)))
    assert weekend.reasons == ("Saturday 14 Mar: you are not working then.",)
    late = free_slots([you], query(saturday, saturday + timedelta(hours=5),
                                   now=saturday + timedelta(hours=6)))
    assert late.reasons[0].startswith("The range ends before the earliest possible start")


def test_overnight_working_hours() -> None:
    night = Participant("n@corp.example", "the night shift", SHANGHAI,
                        WorkingHours(time(22), time(6), frozenset(range(7))))
    day = datetime(2026, 3, 10, 12, tzinfo=SHANGHAI)
    found = free_slots([night], query(day, day + timedelta(days=1)))
    assert found.slots[0].start.astimezone(SHANGHAI) == datetime(2026, 3, 10, 22,
                                                                  tzinfo=SHANGHAI)
    assert found.windows[0][1].astimezone(SHANGHAI) == datetime(2026, 3, 11, 6, tzinfo=SHANGHAI)
