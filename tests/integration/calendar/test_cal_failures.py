"""A calendar server that is down, hangs or errors: a clear message, and nothing changed here."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop_assistant.calendar.caldav_calendar import PASSWORD_SECRET
from desktop_assistant.calendar.errors import CalendarError, ServerError, Unreachable
from desktop_assistant.calendar.planning import EventDraft
from desktop_assistant.calendar.service import CalendarService
from desktop_assistant.secrets import SecretStore
from tests.integration.calendar.cal_http import ScriptedHTTP, closed_port_url, silent_server
from tests.unit.calendar.cal_support import SHANGHAI, make_service

START = datetime(2026, 3, 10, 15, tzinfo=SHANGHAI)


def caldav_service(tmp_path: Path, url: str, timeout: float = 1.0) -> CalendarService:
    secrets = SecretStore()
    secrets.set(PASSWORD_SECRET, "pw")
    return make_service(tmp_path, secrets=secrets, backend_name="caldav",
                        caldav_url=f"{url}/alice/work/", caldav_username="alice",
                        timeout=timeout)


def attempt_create(service: CalendarService) -> CalendarError:
    plan = service.plan_event(EventDraft("Q3 budget", START, timedelta(minutes=30),
                                         ("wang.fang@corp.example",)))
    with pytest.raises(CalendarError) as caught:
        service.apply(plan)
    return caught.value


def assert_nothing_changed(service: CalendarService, tmp_path: Path) -> None:
    conn = service._database.conn
    assert conn.execute("SELECT COUNT(*) FROM calendar_requests").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM calendar_invitations").fetchone()[0] == 0
    assert not (tmp_path / "calendar" / "invitations").exists()
    assert not (tmp_path / "calendar" / "local").exists()


def test_server_down(tmp_path: Path) -> None:
    service = caldav_service(tmp_path, closed_port_url())
    error = attempt_create(service)
    assert isinstance(error, Unreachable)
    assert str(error) == ("the CalDAV calendar at 127.0.0.1:"
                          f"{service.preferences.caldav_url.split(':')[2].split('/')[0]} cannot "
                          "be reached; nothing was changed.")
    assert_nothing_changed(service, tmp_path)
    with pytest.raises(Unreachable):
        service.agenda(START, START + timedelta(days=1))
    service.close()


def test_server_that_hangs_times_out(tmp_path: Path) -> None:
    with silent_server() as url:
        service = caldav_service(tmp_path, url, timeout=1.0)
        began = time.monotonic()
        error = attempt_create(service)
        assert time.monotonic() - began < 10
        assert isinstance(error, Unreachable)
        assert "did not answer within 1 seconds; nothing was changed" in str(error)
        assert_nothing_changed(service, tmp_path)
        service.close()


def test_server_errors(tmp_path: Path) -> None:
    with ScriptedHTTP(lambda method, path: (500, {}, b"boom")) as server:
        service = caldav_service(tmp_path, server.url)
        error = attempt_create(service)
        assert isinstance(error, ServerError)
        assert "failed (HTTP 500); nothing was changed" in str(error)
        assert_nothing_changed(service, tmp_path)
        with pytest.raises(CalendarError, match="500"):
            service.agenda(START, START + timedelta(days=1))
        service.close()


def test_retry_after_the_server_comes_back_creates_one_event(tmp_path: Path) -> None:
    """The first PUT fails, the retry goes through; a third try finds it already there."""
    stored: dict[str, bytes] = {}

    def answer(method: str, path: str) -> tuple[int, dict[str, str], bytes]:
        if method == "PUT":
            if not stored.get("failed"):
                stored["failed"] = b"1"
                return 503, {}, b"try later"
            if path in stored:
                return 412, {}, b""
            stored[path] = b"1"
            return 201, {}, b""
        return 404, {}, b""

    with ScriptedHTTP(answer) as server:
        service = caldav_service(tmp_path, server.url)
        assert isinstance(attempt_create(service), ServerError)
        plan = service.plan_event(EventDraft("Q3 budget", START, timedelta(minutes=30),
                                             ("wang.fang@corp.example",)))
        created = service.apply(plan)
        assert created.changed
        puts = [p for m, p in server.requests if m == "PUT"]
        assert len(puts) == 2
        assert puts[0] == puts[1]
        service.close()
