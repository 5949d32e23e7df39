"""The calendar service on the local calendar: plan, confirm card, create once, change, cancel."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from desktop_assistant.calendar.contacts import Contact
from desktop_assistant.calendar.errors import NotConfigured, NotFound
from desktop_assistant.calendar.invites import pending_invitations
from desktop_assistant.calendar.planning import EventDraft
from desktop_assistant.calendar.service import CalendarService
from desktop_assistant.calendar.slots import WorkingHours
from tests.unit.calendar.cal_support import NOW, SHANGHAI, make_service

START = datetime(2026, 3, 10, 16, tzinfo=SHANGHAI)


@pytest.fixture
def calendar(tmp_path: Path) -> CalendarService:
    service = make_service(tmp_path)
    service.contacts.save(Contact("wang.fang@corp.example", "王芳", "Asia/Shanghai",
                                  aliases=("finance lead",)))
    service.contacts.save(Contact("pm@corp.example", "Li Lei", "Europe/London",
                                  WorkingHours(time(8), time(17)), ("project manager",)))
    return service


def draft(**changes: object) -> EventDraft:
    values: dict[str, object] = {
        "title": "Q3 budget review", "start": START, "duration": timedelta(minutes=30),
        "attendees": ("finance lead", "pm@corp.example"), "location": "Room 301",
        "video_link": "https://meet.example/q3", "repeat": "FREQ=WEEKLY;COUNT=4",
    }
    values.update(changes)
    return EventDraft(**values)  # type: ignore[arg-type]


def test_the_card_says_exactly_what_will_happen(calendar: CalendarService) -> None:
    plan = calendar.plan_event(draft())
    assert plan.card.splitlines() == [
        "Create “Q3 budget review” on your local calendar.",
        "When: Tue 10 Mar 2026 16:00–16:30 (Asia/Shanghai, UTC+08:00, your time)",
        "  王芳: Tue 10 Mar 2026 16:00–16:30 (Asia/Shanghai)",
        "  Li Lei: Tue 10 Mar 2026 08:00–08:30 (Europe/London)",
        "Attendees: 王芳 <wang.fang@corp.example>, Li Lei <pm@corp.example>",
        "Where: Room 301",
        "Video: https://meet.example/q3",
        "Repeats: every week, 4 times",
        "Sends: an invitation file (iTIP REQUEST) for wang.fang@corp.example, pm@corp.example "
        "is saved for you to email; nothing is emailed now.",
    ]


def test_create_lands_once_with_an_invitation_file(calendar: CalendarService) -> None:
    plan = calendar.plan_event(draft())
    outcome = calendar.apply(plan)
    assert outcome.changed
    assert outcome.invitation is not None
    assert outcome.invitation.read_bytes().startswith(b"BEGIN:VCALENDAR")
    week = calendar.agenda(START - timedelta(hours=1), START + timedelta(days=22))
    assert [e.start for e in week.events] == [START + timedelta(weeks=n) for n in range(4)]
    assert {e.uid for e in week.events} == {outcome.event.uid}

    again = calendar.apply(calendar.plan_event(draft()))  # a retried request
    assert not again.changed
    assert again.event.uid == outcome.event.uid
    assert "already" in again.message
    assert len(calendar.agenda(START, START + timedelta(hours=1)).events) == 1
    assert [p.method for p in pending_invitations(calendar._database)] == ["REQUEST"]


def test_cancel_then_ask_again_makes_a_new_event(calendar: CalendarService) -> None:
    first = calendar.apply(calendar.plan_event(draft(repeat=""))).event
    cancel = calendar.plan_cancel(first.uid)
    assert cancel.card.splitlines()[0] == "Cancel “Q3 budget review” on your local calendar."
    assert cancel.card.splitlines()[-1].startswith("Sends: a cancellation file (iTIP CANCEL)")
    cancelled = calendar.apply(cancel)
    assert cancelled.invitation is not None
    assert cancelled.invitation.name.endswith("cancel.ics")
    assert b"METHOD:CANCEL" in cancelled.invitation.read_bytes()
    assert calendar.agenda(START, START + timedelta(hours=1)).events == []
    second = calendar.apply(calendar.plan_event(draft(repeat="")))
    assert second.changed
    assert second.event.uid != first.uid
    with pytest.raises(NotFound):
        calendar.plan_cancel(first.uid)


def test_update_moves_the_event_and_sends_an_update(calendar: CalendarService) -> None:
    event = calendar.apply(calendar.plan_event(draft(repeat=""))).event
    later = START + timedelta(hours=1)
    plan = calendar.plan_update(event.uid, start=later, title="Q3 budget (moved)")
    lines = plan.card.splitlines()
    assert lines[0] == "Change “Q3 budget (moved)” on your local calendar."
    assert lines[1] == "Was: Tue 10 Mar 2026 16:00–16:30 (Asia/Shanghai, UTC+08:00, your time)"
    assert lines[2] == "When: Tue 10 Mar 2026 17:00–17:30 (Asia/Shanghai, UTC+08:00, your time)"
    assert "Title was: “Q3 budget review”" in lines
    outcome = calendar.apply(plan)
    assert outcome.event.sequence == 1
    moved = calendar.event(event.uid)
    assert (moved.start, moved.title) == (later, "Q3 budget (moved)")
    assert outcome.invitation is not None
    assert b"SEQUENCE:1" in outcome.invitation.read_bytes()
    with pytest.raises(ValueError, match="Nothing to change"):
        calendar.plan_update(event.uid)


def test_what_is_refused_before_anything_happens(tmp_path: Path,
                                                  calendar: CalendarService) -> None:
    with pytest.raises(ValueError, match="daily, weekly, monthly or yearly"):
        calendar.plan_event(draft(repeat="FREQ=MINUTELY"))
    with pytest.raises(ValueError, match="already passed"):
        calendar.plan_event(draft(start=NOW - timedelta(days=1)))
    with pytest.raises(ValueError, match="No contact called 'the CEO'"):
        calendar.plan_event(draft(attendees=("the CEO",)))
    anonymous = make_service(tmp_path / "other", email="")
    with pytest.raises(NotConfigured, match="config set calendar_email"):
        anonymous.plan_event(draft(attendees=("x@corp.example",)))
    alone = anonymous.plan_event(draft(attendees=()))
    assert alone.card.splitlines()[-1] == "Sends: nothing (no attendees)."


def test_free_slots_know_everyones_zone_and_say_what_was_assumed(
    calendar: CalendarService,
) -> None:
    calendar.apply(calendar.plan_event(draft(attendees=(), repeat="",
                                             start=datetime(2026, 3, 9, 16, tzinfo=SHANGHAI))))
    options = calendar.find_slots(["project manager", "stranger@corp.example"],
                                  timedelta(minutes=30), datetime(2026, 3, 9, tzinfo=SHANGHAI),
                                  datetime(2026, 3, 10, tzinfo=SHANGHAI))
    data = options.as_dict()
    assert data["slots"][0]["your_time"] == "Mon 09 Mar 2026 16:30–17:00"
    assert data["slots"][0]["attendees_time"] == {
        "pm@corp.example": "Mon 09 Mar 2026 08:30–09:00 (Europe/London)"}
    assert data["notes"] == [
        "No calendar is known for Li Lei (project manager): assumed free during their "
        "working hours.",
        "No calendar is known for stranger@corp.example: assumed free during their working "
        "hours.",
        "stranger@corp.example's time zone is unknown: assumed Asia/Shanghai.",
    ]
