"""Scheduling through the agent: the scripted model finds a slot and proposes the event; the
person's answer decides whether it lands on the local calendar. Everything is in the audit log."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta
from typing import Any

import pytest

from desktop_assistant.app import Services
from desktop_assistant.assistant.agent import ConfirmationNeeded, Event, ToolResultEvent, Turn
from desktop_assistant.calendar.contacts import Contact
from desktop_assistant.calendar.preferences import CalendarPreferences
from desktop_assistant.calendar.service import CalendarService, open_calendar
from desktop_assistant.calendar.tools import calendar_tools
from desktop_assistant.calendar.when import parse_range
from tests.support.openai_server import Call, ScriptedServer, Text, ToolCalls

ME = "me@corp.example"


@pytest.fixture
def calendar(services: Services) -> CalendarService:
    """The app's calendar (as the lead wires it, or built here), with tools registered once."""
    if "calendar_email" in {f.name for f in dataclasses.fields(services.settings)}:
        services.settings = dataclasses.replace(services.settings,
                                                calendar_email=ME)  # type: ignore[call-arg]
        service = getattr(services, "calendar", None) or open_calendar(services)
    else:
        service = open_calendar(services, preferences=CalendarPreferences(email=ME))
    for each in calendar_tools(service):
        if each.name not in services.tools:
            services.tools.register(each)
    service.contacts.save(Contact("wang.fang@corp.example", "Wang Fang",
                                  service.zone().key, aliases=("finance lead",)))
    return service


def run(turn: Turn, decide: str) -> list[Event]:
    events = []
    for event in turn:
        if isinstance(event, ConfirmationNeeded):
            getattr(event.request, decide)()
        events.append(event)
    return events


def script(server: ScriptedServer, calendar: CalendarService) -> tuple[str, dict[str, Any]]:
    """The model: find 30 minutes next week, then propose the first slot."""
    start, end = parse_range("next week", calendar.now())
    first = calendar.find_slots(["finance lead"], timedelta(minutes=30), start, end)
    slot = first.search.slots[0].start.astimezone(calendar.zone()).isoformat()
    proposal = {"title": "Q3 budget", "start": slot, "duration_minutes": 30,
                "attendees": ["finance lead"], "location": "Room 301"}
    server.enqueue(
        ToolCalls([Call("find_free_slots", json.dumps(
            {"attendees": ["finance lead"], "duration_minutes": 30, "start": "next week"}))]),
        ToolCalls([Call("create_event", json.dumps(proposal))]),
        Text(["Done."]),
    )
    return slot, proposal


def test_a_confirmed_event_lands_on_the_calendar_and_in_the_audit_log(
    services: Services, server: ScriptedServer, calendar: CalendarService
) -> None:
    slot, _ = script(server, calendar)
    events = run(services.agent().start(None, "Find 30 minutes with the finance lead next "
                                              "week for the Q3 budget"), "approve")
    found = json.loads(server.requests[1].body["messages"][-1]["content"])
    assert found["slots"][0]["start"] == slot
    confirmation = next(e for e in events if isinstance(e, ConfirmationNeeded))
    lines = confirmation.request.summary.splitlines()
    assert lines[0] == "Create “Q3 budget” on your local calendar."
    assert "Attendees: Wang Fang <wang.fang@corp.example>" in lines
    assert lines[-1].startswith("Sends: an invitation file (iTIP REQUEST) for "
                                "wang.fang@corp.example is saved for you to email")
    result = [e for e in events if isinstance(e, ToolResultEvent)][-1]
    assert result.ok, result.content
    created = json.loads(result.content)
    day = calendar.agenda(calendar.now(), calendar.now() + timedelta(days=15)).events
    assert [(e.uid, e.title, e.start.isoformat()) for e in day] == [
        (created["event_id"], "Q3 budget", slot)]
    assert created["invitation_file"].endswith("-request.ics")
    audit = services.history.audit_entries()
    assert [(a.tool, a.effect, a.approval, a.outcome) for a in reversed(audit)] == [
        ("find_free_slots", "read", "automatic", "ok"),
        ("create_event", "external", "approved by the person", "ok"),
    ]
    assert audit[0].arguments["title"] == "Q3 budget"


def test_a_refused_event_does_not_land(
    services: Services, server: ScriptedServer, calendar: CalendarService
) -> None:
    script(server, calendar)
    events = run(services.agent().start(None, "Book the Q3 budget meeting"), "refuse")
    result = [e for e in events if isinstance(e, ToolResultEvent)][-1]
    assert not result.ok
    assert "declined" in result.content
    assert calendar.agenda(calendar.now(), calendar.now() + timedelta(days=15)).events == []
    assert not (calendar.folder / "invitations").exists()
    audit = services.history.audit_entries()[0]
    assert (audit.tool, audit.approval, audit.outcome) == (
        "create_event", "refused by the person", "refused")


def test_a_bad_proposal_goes_back_to_the_model(
    services: Services, server: ScriptedServer, calendar: CalendarService
) -> None:
    server.enqueue(
        ToolCalls([Call("create_event", json.dumps(
            {"title": "Q3", "start": "2001-01-01T10:00", "attendees": ["the CEO"]}))]),
        Text(["Sorry."]),
    )
    events = run(services.agent().start(None, "Book it"), "approve")
    assert not any(isinstance(e, ConfirmationNeeded) for e in events)
    result = next(e for e in events if isinstance(e, ToolResultEvent))
    assert result.content.startswith("Error: ")
    assert "already passed" in result.content or "No contact called" in result.content
