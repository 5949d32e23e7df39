"""CalDAV against a real Radicale server on loopback: create, list, update, cancel, free/busy."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desktop_assistant.calendar.caldav_calendar import PASSWORD_SECRET, CalDAVCalendar
from desktop_assistant.calendar.errors import SignInNeeded
from desktop_assistant.calendar.planning import EventDraft
from desktop_assistant.calendar.service import CalendarService
from desktop_assistant.secrets import SecretStore
from tests.support.radicale_server import RadicaleServer, radicale_missing
from tests.unit.calendar.cal_support import SHANGHAI, make_service

pytestmark = pytest.mark.skipif(radicale_missing() is not None,
                                reason=radicale_missing() or "")

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 3, 10, 15, tzinfo=SHANGHAI)
_names = itertools.count(1)


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RadicaleServer]:
    with RadicaleServer(tmp_path_factory.mktemp("radicale"), {"alice": "s3cret"}) as server:
        yield server


@pytest.fixture
def calendar_url(radicale: RadicaleServer) -> str:
    return radicale.make_calendar("alice", f"work{next(_names)}")


@pytest.fixture
def calendar(tmp_path: Path, calendar_url: str) -> Iterator[CalendarService]:
    secrets = SecretStore()
    secrets.set(PASSWORD_SECRET, "s3cret")  # no keyring in tests: kept for the session
    service = make_service(tmp_path, secrets=secrets, backend_name="caldav",
                           caldav_url=calendar_url, caldav_username="alice")
    yield service
    service.close()


def make_service_with(tmp_path: Path, url: str, password: str) -> CalendarService:
    secrets = SecretStore()
    secrets.set(PASSWORD_SECRET, password)
    return make_service(tmp_path, secrets=secrets, backend_name="caldav", caldav_url=url,
                        caldav_username="alice", timeout=5.0)


def week(calendar: CalendarService) -> list[tuple[str, datetime]]:
    found = calendar.agenda(datetime(2026, 3, 9, tzinfo=SHANGHAI),
                            datetime(2026, 3, 16, tzinfo=SHANGHAI))
    assert found.problems == []
    return [(e.title, e.start) for e in found.events]


def test_create_list_update_cancel(calendar: CalendarService) -> None:
    plan = calendar.plan_event(EventDraft("Q3 budget", START, timedelta(minutes=30),
                                          ("wang.fang@corp.example",)))
    assert plan.card.splitlines()[0].startswith("Create “Q3 budget” on the CalDAV calendar at "
                                                "127.0.0.1:")
    created = calendar.apply(plan)
    assert created.changed
    assert created.invitation is not None
    assert week(calendar) == [("Q3 budget", START)]

    moved = calendar.apply(calendar.plan_update(created.event.uid,
                                                start=START + timedelta(hours=2)))
    assert moved.event.sequence == 1
    assert week(calendar) == [("Q3 budget", START + timedelta(hours=2))]
    assert calendar.event(created.event.uid).sequence == 1

    cancelled = calendar.apply(calendar.plan_cancel(created.event.uid))
    assert cancelled.invitation is not None
    assert b"METHOD:CANCEL" in cancelled.invitation.read_bytes()
    assert week(calendar) == []


def test_a_retried_create_is_refused_by_the_server_not_duplicated(
    calendar: CalendarService, calendar_url: str
) -> None:
    plan = calendar.plan_event(EventDraft("Standup", START, timedelta(minutes=15)))
    first = calendar.apply(plan)
    # Forget locally that it was made, as if the process died before writing it down.
    calendar.ledger.forget(plan.key)
    calendar._database.conn.execute("DELETE FROM calendar_requests")
    second = calendar.apply(plan)
    assert not second.changed
    assert second.event.uid == first.event.uid
    assert "already" in second.message
    assert week(calendar) == [("Standup", START)]


def test_recurrence_across_daylight_saving_and_free_busy(calendar: CalendarService) -> None:
    start = datetime(2026, 3, 23, 9, tzinfo=BERLIN)
    calendar.apply(calendar.plan_event(EventDraft(
        "Weekly sync", start.astimezone(SHANGHAI), timedelta(minutes=30),
        repeat="FREQ=WEEKLY;COUNT=3")))
    found = calendar.agenda(datetime(2026, 3, 20, tzinfo=BERLIN),
                            datetime(2026, 4, 10, tzinfo=BERLIN)).events
    # Created in Shanghai time, so it stays 16:00 in Shanghai; Berlin sees the change.
    assert [e.start.astimezone(SHANGHAI).hour for e in found] == [16, 16, 16]
    assert [e.start.astimezone(BERLIN).hour for e in found] == [9, 10, 10]

    backend = calendar.backend
    assert isinstance(backend, CalDAVCalendar)
    busy = backend.own_busy(datetime(2026, 3, 20, tzinfo=BERLIN),
                            datetime(2026, 4, 10, tzinfo=BERLIN))
    assert [(b.start, b.end - b.start) for b in busy] == [
        (e.start, timedelta(minutes=30)) for e in found]

    options = calendar.find_slots([], timedelta(minutes=30), datetime(2026, 3, 23, 16,
                                  tzinfo=SHANGHAI), datetime(2026, 3, 23, 17, tzinfo=SHANGHAI))
    assert options.search.slots[0].start == datetime(2026, 3, 23, 16, 30, tzinfo=SHANGHAI)


def test_a_wrong_password_says_so_and_changes_nothing(tmp_path: Path, calendar_url: str) -> None:
    service = make_service_with(tmp_path, calendar_url, "wrong")
    plan = service.plan_event(EventDraft("Secret", START, timedelta(minutes=30)))
    with pytest.raises(SignInNeeded, match="refused the username or password"):
        service.apply(plan)
    assert service._database.conn.execute("SELECT COUNT(*) FROM calendar_requests").fetchone()[
        0] == 0
    service.close()
