"""Reading, expanding and writing iCalendar: DST, overrides, all-day, floating, bounds."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desktop_assistant.calendar.components import (
    calendar_with,
    component_from_event,
    event_from_component,
)
from desktop_assistant.calendar.errors import BadCalendarData
from desktop_assistant.calendar.ics import MAX_OCCURRENCES, expand, read_calendars
from desktop_assistant.calendar.local import LocalCalendar
from desktop_assistant.calendar.model import Attendee, Event

SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")


def ics(*events: str, extra: str = "") -> bytes:
    body = "".join(
        f"BEGIN:VEVENT\r\nDTSTAMP:20260101T000000Z\r\n{e.strip()}\r\nEND:VEVENT\r\n"
        for e in events
    )
    return (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{extra}{body}"
            "END:VCALENDAR\r\n").encode()


def events_of(
    data: bytes, start: datetime, end: datetime, zone: ZoneInfo = SHANGHAI
) -> list[Event]:
    calendars, _ = read_calendars(data, "test.ics")
    found = expand(calendars[0], start, end, zone)
    assert found.problems == []
    return found.events


def test_a_weekly_nine_oclock_meeting_stays_at_nine_across_the_change() -> None:
    data = ics("UID:standup\r\nSUMMARY:Standup\r\nRRULE:FREQ=WEEKLY\r\n"
               "DTSTART;TZID=Europe/Berlin:20260316T090000\r\n"
               "DTEND;TZID=Europe/Berlin:20260316T091500")
    found = events_of(data, datetime(2026, 3, 15, tzinfo=BERLIN),
                      datetime(2026, 4, 5, tzinfo=BERLIN))
    local = [e.start.astimezone(BERLIN) for e in found]
    assert [(s.day, s.hour, s.minute) for s in local] == [(16, 9, 0), (23, 9, 0), (30, 9, 0)]
    # Berlin moved to summer time on 29 March: the same 9:00 is an hour earlier in UTC.
    assert [s.utcoffset() for s in local] == [timedelta(hours=1)] * 2 + [timedelta(hours=2)]
    assert all(e.recurrence == ("FREQ=WEEKLY",) for e in found)


def test_exdate_and_an_overridden_occurrence() -> None:
    data = ics(
        "UID:s\r\nSUMMARY:Review\r\nRRULE:FREQ=DAILY;COUNT=4\r\n"
        "DTSTART;TZID=Asia/Shanghai:20260309T100000\r\nDURATION:PT1H\r\n"
        "EXDATE;TZID=Asia/Shanghai:20260310T100000",
        "UID:s\r\nSUMMARY:Review (moved)\r\nRECURRENCE-ID;TZID=Asia/Shanghai:20260311T100000\r\n"
        "DTSTART;TZID=Asia/Shanghai:20260311T150000\r\nDTEND;TZID=Asia/Shanghai:20260311T160000",
    )
    found = events_of(data, datetime(2026, 3, 9, tzinfo=SHANGHAI),
                      datetime(2026, 3, 13, tzinfo=SHANGHAI))
    assert [(e.title, e.start.astimezone(SHANGHAI).strftime("%d %H:%M")) for e in found] == [
        ("Review", "09 10:00"), ("Review (moved)", "11 15:00"), ("Review", "12 10:00")]


def test_all_day_and_floating_events_are_read_in_the_persons_zone() -> None:
    data = ics("UID:a\r\nSUMMARY:Holiday\r\nDTSTART;VALUE=DATE:20260310",
               "UID:f\r\nSUMMARY:Gym\r\nDTSTART:20260310T070000\r\nDTEND:20260310T080000")
    holiday, gym = events_of(data, datetime(2026, 3, 10, tzinfo=SHANGHAI),
                             datetime(2026, 3, 11, tzinfo=SHANGHAI))
    assert holiday.all_day
    assert holiday.duration == timedelta(days=1)
    assert holiday.start == datetime(2026, 3, 10, tzinfo=SHANGHAI)
    assert gym.floating
    assert gym.start == datetime(2026, 3, 10, 7, tzinfo=SHANGHAI)


def test_an_endless_every_second_rule_is_refused_at_once() -> None:
    data = ics("UID:x\r\nSUMMARY:Spam\r\nRRULE:FREQ=SECONDLY\r\nDTSTART:19700101T000000Z",
               "UID:ok\r\nSUMMARY:Fine\r\nDTSTART:20260310T010000Z\r\nDTEND:20260310T020000Z")
    calendars, _ = read_calendars(data, "spam.ics")
    began = time.perf_counter()
    found = expand(calendars[0], datetime(2026, 3, 1, tzinfo=SHANGHAI),
                   datetime(2026, 4, 1, tzinfo=SHANGHAI), SHANGHAI, name="spam.ics")
    assert time.perf_counter() - began < 5
    assert [e.title for e in found.events] == ["Fine"]
    assert len(found.problems) == 1
    assert found.problems[0].startswith("spam.ics: event 'Spam': it repeats every second")


def test_a_rule_with_many_occurrences_in_the_window_is_capped() -> None:
    data = ics("UID:m\r\nSUMMARY:Ping\r\nRRULE:FREQ=MINUTELY;COUNT=20000\r\n"
               "DTSTART:20260310T000000Z\r\nDURATION:PT1M")
    calendars, _ = read_calendars(data, "ping.ics")
    found = expand(calendars[0], datetime(2026, 3, 10, tzinfo=SHANGHAI) - timedelta(days=1),
                   datetime(2026, 3, 30, tzinfo=SHANGHAI), SHANGHAI, name="ping.ics")
    assert len(found.events) == MAX_OCCURRENCES
    assert "repeats more than" in found.notes[0]


def test_broken_data_names_the_file_and_the_problem() -> None:
    with pytest.raises(BadCalendarData, match=r"^broken\.ics: not a readable iCalendar file"):
        read_calendars(b"BEGIN:VCALENDAR\r\nX\r\n", "broken.ics")
    with pytest.raises(BadCalendarData, match="empty"):
        read_calendars(b"  \n", "empty.ics")
    calendars, _ = read_calendars(ics("UID:n\r\nSUMMARY:No start"), "nostart.ics")
    found = expand(calendars[0], datetime(2026, 1, 1, tzinfo=SHANGHAI),
                   datetime(2027, 1, 1, tzinfo=SHANGHAI), SHANGHAI, name="nostart.ics")
    assert found.problems == ["nostart.ics: event 'No start': it has no start time (DTSTART); "
                              "skipped."]


def test_writing_and_reading_back_keeps_the_event(tmp_path: Path) -> None:
    start = datetime(2026, 3, 10, 15, tzinfo=SHANGHAI)
    event = Event(
        uid="abc@desktop-assistant", title="Q3 预算 review", start=start,
        end=start + timedelta(minutes=45), zone="Asia/Shanghai", location="Room 3",
        video_link="https://meet.example/q3", organizer="me@corp.example",
        attendees=(Attendee("wang.fang@corp.example", "王芳"),),
        recurrence=("FREQ=WEEKLY;COUNT=3",),
    )
    data = calendar_with([component_from_event(event)]).to_ical()
    assert b"BEGIN:VTIMEZONE" in data
    assert b"TZID:Asia/Shanghai" in data
    component = read_calendars(data, "x.ics")[0][0].walk("VEVENT")[0]
    back = event_from_component(component, BERLIN)
    assert (back.uid, back.title, back.start, back.end, back.zone) == (
        event.uid, event.title, event.start, event.end, "Asia/Shanghai")
    assert back.attendees == (Attendee("wang.fang@corp.example", "王芳"),)
    assert back.video_link == "https://meet.example/q3"
    assert back.recurrence == ("FREQ=WEEKLY;COUNT=3",)
    assert "Join: https://meet.example/q3" in back.description

    local = LocalCalendar(tmp_path / "local", lambda: SHANGHAI)
    assert local.create(event) == (event, True)
    assert local.create(event)[1] is False  # the same UID again: nothing new
    found = local.events(start - timedelta(days=1), start + timedelta(days=30))
    assert [e.start for e in found.events] == [start + timedelta(weeks=n) for n in range(3)]


def test_all_day_events_are_written_as_dates() -> None:
    event = Event(uid="d", title="Offsite", start=datetime(2026, 3, 12, tzinfo=SHANGHAI),
                  end=datetime(2026, 3, 14, tzinfo=SHANGHAI), all_day=True)
    component = component_from_event(event)
    assert component.start == date(2026, 3, 12)
    assert component.end == date(2026, 3, 14)
