"""Subscribed .ics URLs on a loopback server: colleagues' busy time, and feeds that fail."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop_assistant.calendar.errors import BadCalendarData, CalendarError, Unreachable
from desktop_assistant.calendar.service import CalendarService
from desktop_assistant.calendar.subscriptions import normalise_url
from tests.integration.calendar.cal_http import ScriptedHTTP, closed_port_url, silent_server
from tests.unit.calendar.cal_support import SHANGHAI, make_service

TUESDAY = datetime(2026, 3, 10, tzinfo=SHANGHAI)
WANG = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VEVENT\r\nUID:w1\r\n"
        b"DTSTAMP:20260101T000000Z\r\nSUMMARY:Board meeting\r\n"
        b"DTSTART;TZID=Asia/Shanghai:20260310T160000\r\n"
        b"DTEND;TZID=Asia/Shanghai:20260310T170000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


@pytest.fixture
def calendar(tmp_path: Path) -> CalendarService:
    return make_service(tmp_path, timeout=1.0)


def feed(answers: dict[str, tuple[int, bytes]]) -> ScriptedHTTP:
    def answer(method: str, path: str) -> tuple[int, dict[str, str], bytes]:
        status, body = answers.get(path, (404, b"no such feed"))
        return status, {"Content-Type": "text/calendar", "ETag": '"v1"'}, body

    return ScriptedHTTP(answer)


def test_a_colleagues_published_calendar_is_their_busy_time(calendar: CalendarService) -> None:
    answers = {"/wang.ics": (200, WANG)}
    with feed(answers) as server:
        source = calendar.subscriptions.add(f"{server.url}/wang.ics", "Wang's calendar",
                                            "Wang.Fang@corp.example")
        assert source.owner_email == "wang.fang@corp.example"
        options = calendar.find_slots(["wang.fang@corp.example"], timedelta(hours=1),
                                      TUESDAY + timedelta(hours=16),
                                      TUESDAY + timedelta(hours=18))
        assert options.search.slots[0].start == TUESDAY + timedelta(hours=17)
        assert not any("No calendar is known" in note for note in options.notes)
        # The feed starts failing: the last good copy still counts, and the failure is kept.
        answers["/wang.ics"] = (500, b"oops")
        assert calendar.subscriptions.refresh() == [
            f"Wang's calendar: {server.url}/wang.ics answered HTTP 500 (Internal Server "
            "Error)."]
        again = calendar.find_slots(["wang.fang@corp.example"], timedelta(hours=1),
                                    TUESDAY + timedelta(hours=16), TUESDAY + timedelta(hours=18))
        assert again.search.slots[0].start == TUESDAY + timedelta(hours=17)
        assert calendar.subscriptions.all()[0].last_error is not None


def test_your_own_subscription_shows_in_the_agenda_read_only(calendar: CalendarService) -> None:
    with feed({"/mine.ics": (200, WANG)}) as server:
        calendar.subscriptions.add(f"{server.url}/mine.ics", "Team holidays")
    found = calendar.agenda(TUESDAY, TUESDAY + timedelta(days=1))
    assert [(e.title, e.read_only, e.calendar) for e in found.events] == [
        ("Board meeting", True, "Team holidays")]
    options = calendar.find_slots([], timedelta(hours=1), TUESDAY + timedelta(hours=16),
                                  TUESDAY + timedelta(hours=18))
    assert options.search.slots[0].start == TUESDAY + timedelta(hours=17)


def test_feeds_that_fail_say_why_and_are_not_kept(calendar: CalendarService) -> None:
    with feed({"/junk.ics": (200, b"<html>Sign in</html>")}) as server:
        with pytest.raises(BadCalendarData, match=r"^junk: not a readable iCalendar file"):
            calendar.subscriptions.add(f"{server.url}/junk.ics", "junk")
        with pytest.raises(CalendarError, match="answered HTTP 404"):
            calendar.subscriptions.add(f"{server.url}/gone.ics")
    with silent_server() as url, pytest.raises(Unreachable, match="did not answer within 1 "
                                               "seconds"):
        calendar.subscriptions.add(f"{url}/slow.ics")
    with pytest.raises(Unreachable, match="cannot be reached"):
        calendar.subscriptions.add(f"{closed_port_url()}/down.ics")
    assert calendar.subscriptions.all() == []
    cached = calendar.folder / "subscriptions"
    assert not cached.exists() or list(cached.glob("*.ics")) == []


def test_webcal_addresses_and_other_schemes() -> None:
    assert normalise_url("webcal://example.org/a.ics") == "https://example.org/a.ics"
    with pytest.raises(CalendarError, match="not a web address"):
        normalise_url("file:///etc/passwd")
