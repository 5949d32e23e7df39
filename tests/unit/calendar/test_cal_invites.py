"""iTIP invitations: what other calendar programs need to accept a REQUEST and a CANCEL."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop_assistant.calendar.invites import (
    invitation,
    mark_handed_to_mail,
    pending_invitations,
    save_invitation,
)
from desktop_assistant.calendar.model import Attendee, Event
from desktop_assistant.calendar.schema import MIGRATIONS
from desktop_assistant.db import Database
from tests.unit.calendar.cal_support import SHANGHAI

START = datetime(2026, 3, 10, 15, tzinfo=SHANGHAI)
EVENT = Event(
    uid="0123abcd@desktop-assistant", title="Q3 budget", start=START,
    end=START + timedelta(minutes=30), zone="Asia/Shanghai", location="Room 3",
    attendees=(Attendee("wang.fang@corp.example", "王芳"), Attendee("pm@corp.example")),
    recurrence=("FREQ=WEEKLY;COUNT=4",),
)


def unfolded(data: bytes) -> str:
    return data.decode().replace("\r\n ", "")


def test_request_has_what_itip_requires() -> None:
    text = unfolded(invitation(EVENT, "REQUEST", "me@corp.example"))
    for line in (
        "METHOD:REQUEST", "PRODID:-//Desktop Assistant//Calendar//EN", "VERSION:2.0",
        "UID:0123abcd@desktop-assistant", "SEQUENCE:0", "STATUS:CONFIRMED",
        "ORGANIZER:mailto:me@corp.example", "DTSTART;TZID=Asia/Shanghai:20260310T150000",
        "RRULE:FREQ=WEEKLY;COUNT=4", "BEGIN:VTIMEZONE", "TZID:Asia/Shanghai",
    ):
        assert line in text.splitlines(), line
    attendees = [line for line in text.splitlines() if line.startswith("ATTENDEE")]
    assert len(attendees) == 2
    assert all("RSVP=TRUE" in a and "PARTSTAT=NEEDS-ACTION" in a and
               "ROLE=REQ-PARTICIPANT" in a for a in attendees)
    assert 'CN=王芳' in attendees[0]
    assert attendees[0].endswith(":mailto:wang.fang@corp.example")
    assert "DTSTAMP:" in text


def test_other_readers_accept_request_and_cancel() -> None:
    """vobject (what Radicale and many servers use) parses and validates both messages."""
    import vobject

    for method in ("REQUEST", "CANCEL"):
        calendar = vobject.readOne(invitation(EVENT, method, "me@corp.example").decode())
        calendar.validate()
        assert calendar.method.value == method
        event = calendar.vevent
        assert event.uid.value == EVENT.uid
        assert event.dtstart.value == START
        assert event.status.value == ("CANCELLED" if method == "CANCEL" else "CONFIRMED")


def test_cancel_and_bad_requests() -> None:
    text = unfolded(invitation(EVENT, "CANCEL", "me@corp.example"))
    assert "METHOD:CANCEL" in text
    assert "STATUS:CANCELLED" in text
    with pytest.raises(ValueError, match="organizer"):
        invitation(EVENT, "REQUEST", "")
    with pytest.raises(ValueError, match="attendee"):
        invitation(Event(uid="x", title="t", start=START, end=START), "REQUEST", "me@x.example")


def test_saved_invitations_wait_for_the_mail_flow(tmp_path: Path) -> None:
    database = Database(tmp_path / "a.db", MIGRATIONS)
    first = save_invitation(tmp_path / "inv", database, EVENT, "REQUEST", "me@corp.example")
    second = save_invitation(tmp_path / "inv", database, EVENT, "REQUEST", "me@corp.example")
    assert first.name == "20260310T0700Z-Q3-budget-request.ics"
    assert second.name == "20260310T0700Z-Q3-budget-request-2.ics"
    pending = pending_invitations(database)
    assert [p.subject for p in pending] == ["Invitation: Q3 budget"] * 2
    assert pending[0].recipients == ["wang.fang@corp.example", "pm@corp.example"]
    mark_handed_to_mail(database, pending[0].id)
    assert [p.path for p in pending_invitations(database)] == [second]
