"""Google Calendar through the client's own HttpMockSequence and bundled discovery document.

Each test scripts the HTTP answers and then checks the exact requests the client sent.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from googleapiclient.discovery import build
from googleapiclient.http import HttpMockSequence

from desktop_assistant.calendar.errors import (
    Forbidden,
    NotFound,
    RateLimited,
    ServerError,
    SignInNeeded,
)
from desktop_assistant.calendar.google_calendar import GoogleCalendar
from desktop_assistant.calendar.model import Attendee, Event
from desktop_assistant.calendar.planning import EventDraft
from tests.support.google_answers import fail, ok
from tests.unit.calendar.cal_support import NOW, SHANGHAI, make_service

START = datetime(2026, 3, 10, 15, tzinfo=SHANGHAI)
EVENT = Event(uid="0123456789abcdef0123456789abcdef@desktop-assistant", title="Q3 budget",
              start=START, end=START + timedelta(minutes=30), zone="Asia/Shanghai",
              attendees=(Attendee("wang.fang@corp.example", "Wang Fang"),))
ITEM = {
    "id": "0123456789abcdef0123456789abcdef", "status": "confirmed", "summary": "Q3 budget",
    "start": {"dateTime": "2026-03-10T15:00:00+08:00", "timeZone": "Asia/Shanghai"},
    "end": {"dateTime": "2026-03-10T15:30:00+08:00", "timeZone": "Asia/Shanghai"},
    "attendees": [{"email": "wang.fang@corp.example", "displayName": "Wang Fang",
                   "responseStatus": "needsAction"}],
    "organizer": {"email": "me@corp.example"}, "sequence": 0,
}


def google(*answers: tuple[dict[str, str], str]) -> tuple[GoogleCalendar, HttpMockSequence]:
    http = HttpMockSequence(list(answers))
    service = build("calendar", "v3", http=http, static_discovery=True)
    return GoogleCalendar(service, lambda: SHANGHAI, sleep=lambda seconds: None), http


def request(http: HttpMockSequence, number: int) -> tuple[str, str, dict[str, list[str]], Any]:
    uri, method, body, _headers = http.request_sequence[number]
    parts = urlsplit(uri)
    return parts.path, method, parse_qs(parts.query), json.loads(body) if body else None


def test_freebusy_request_and_answer() -> None:
    calendar, http = google(ok({"calendars": {
        "wang.fang@corp.example": {"busy": [
            {"start": "2026-03-10T01:00:00Z", "end": "2026-03-10T02:00:00Z"}]},
        "nobody@corp.example": {"errors": [{"domain": "global", "reason": "notFound"}],
                                "busy": []},
    }}))
    busy = calendar.busy(["wang.fang@corp.example", "nobody@corp.example"],
                         datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))
    assert request(http, 0) == ("/calendar/v3/freeBusy", "POST", {"alt": ["json"]}, {
        "timeMin": "2026-03-09T00:00:00Z", "timeMax": "2026-03-16T00:00:00Z",
        "timeZone": "UTC",
        "items": [{"id": "wang.fang@corp.example"}, {"id": "nobody@corp.example"}],
    })
    assert list(busy) == ["wang.fang@corp.example"]  # unknown calendars are left out
    assert busy["wang.fang@corp.example"][0].start == datetime(2026, 3, 10, 1, tzinfo=UTC)


def test_insert_with_attendees_and_send_updates() -> None:
    calendar, http = google(ok(ITEM))
    created, new = calendar.create(EVENT)
    path, method, query, body = request(http, 0)
    assert (path, method) == ("/calendar/v3/calendars/primary/events", "POST")
    assert query == {"sendUpdates": ["all"], "alt": ["json"]}
    assert body == {
        "id": "0123456789abcdef0123456789abcdef",
        "summary": "Q3 budget",
        "start": {"dateTime": "2026-03-10T15:00:00+08:00", "timeZone": "Asia/Shanghai"},
        "end": {"dateTime": "2026-03-10T15:30:00+08:00", "timeZone": "Asia/Shanghai"},
        "attendees": [{"email": "wang.fang@corp.example", "displayName": "Wang Fang"}],
        "transparency": "opaque",
    }
    assert new
    assert created.start == START
    assert created.attendees[0].name == "Wang Fang"


def test_an_insert_that_already_happened_returns_the_existing_event() -> None:
    calendar, http = google(fail(409, "duplicate", "The requested identifier already exists."),
                            ok(ITEM))
    created, new = calendar.create(EVENT)
    assert not new
    assert created.uid == ITEM["id"]
    path, method, _, _ = request(http, 1)
    assert (path, method) == ("/calendar/v3/calendars/primary/events/"
                              "0123456789abcdef0123456789abcdef", "GET")


def test_listing_expands_recurrence_on_the_server_within_the_window() -> None:
    calendar, http = google(
        ok({"items": [ITEM], "nextPageToken": "p2"}),
        ok({"items": [{**ITEM, "id": "other", "status": "cancelled"},
                      {**ITEM, "id": "allday", "start": {"date": "2026-03-11"},
                       "end": {"date": "2026-03-12"}}]}),
    )
    found = calendar.events(datetime(2026, 3, 9, tzinfo=SHANGHAI),
                            datetime(2026, 3, 16, tzinfo=SHANGHAI))
    assert [e.uid for e in found.events] == [ITEM["id"], "allday"]
    assert found.events[1].all_day
    _, _, first, _ = request(http, 0)
    assert first["singleEvents"] == ["true"]
    assert first["orderBy"] == ["startTime"]
    assert first["timeMin"] == ["2026-03-08T16:00:00Z"]
    assert request(http, 1)[2]["pageToken"] == ["p2"]


@pytest.mark.parametrize(
    ("answer", "error", "words"),
    [
        (fail(401, "authError", "Invalid Credentials"), SignInNeeded, "Sign in to Google again"),
        (fail(403, "forbiddenForNonOrganizer"), Forbidden, "does not allow"),
        (fail(404, "notFound"), NotFound, "no such event"),
    ],
)
def test_errors_that_are_not_retried(answer: tuple[dict[str, str], str],
                                     error: type[Exception], words: str) -> None:
    calendar, http = google(answer)
    with pytest.raises(error, match=words):
        calendar.update(EVENT)
    assert len(http.request_sequence) == 1


@pytest.mark.parametrize(
    ("answer", "error"),
    [(fail(429, "rateLimitExceeded"), RateLimited),
     (fail(403, "userRateLimitExceeded"), RateLimited),
     (fail(500, "backendError"), ServerError)],
)
def test_rate_limits_and_server_errors_are_retried_then_reported(
    answer: tuple[dict[str, str], str], error: type[Exception]
) -> None:
    calendar, http = google(answer, answer, answer)
    with pytest.raises(error):
        calendar.create(EVENT)
    assert len(http.request_sequence) == 3  # the first try and two retries


def test_a_server_error_then_success_creates_once() -> None:
    calendar, http = google(fail(500, "backendError"), ok(ITEM))
    _, new = calendar.create(EVENT)
    assert new
    bodies = [request(http, n)[3] for n in range(2)]
    assert bodies[0] == bodies[1]  # the retry sends the same id: Google cannot duplicate it


def test_service_retry_after_a_lost_answer_never_duplicates(tmp_path: Path) -> None:
    """The server created the event but the answer was lost (500); asking again finds it."""
    calendar, http = google(fail(500, "backendError"), ok({"items": []}),
                            fail(409, "duplicate"), ok(ITEM))
    calendar._retries = 0
    service = make_service(tmp_path, backend=calendar)
    plan = service.plan_event(EventDraft("Q3 budget", START, timedelta(minutes=30),
                                         ("wang.fang@corp.example",)))
    assert plan.card.splitlines()[-1] == (
        "Sends: Google Calendar emails invitations to wang.fang@corp.example now.")
    with pytest.raises(ServerError, match="nothing was changed"):
        service.apply(plan)
    assert service.agenda(NOW, NOW + timedelta(days=1)).events == []
    outcome = service.apply(plan)
    assert not outcome.changed
    assert outcome.invitation is None
    assert "already on Google Calendar" in outcome.message
    inserted = [request(http, n)[3]["id"] for n in (0, 2)]
    assert inserted[0] == inserted[1]
    assert not (tmp_path / "calendar" / "invitations").exists()


def test_signing_in_is_needed_first_and_a_stored_token_builds_the_client_offline() -> None:
    from desktop_assistant.calendar.google_auth import TOKEN_SECRET, google_calendar
    from desktop_assistant.secrets import SecretStore

    secrets = SecretStore()
    with pytest.raises(SignInNeeded, match="Not signed in to Google Calendar yet"):
        google_calendar(secrets, lambda: SHANGHAI, 5.0)
    later = (datetime.now(UTC) + timedelta(hours=1)).replace(tzinfo=None).isoformat()
    secrets.set(TOKEN_SECRET, json.dumps({
        "token": "access", "refresh_token": "refresh", "client_id": "id.apps.example",
        "client_secret": "shh", "token_uri": "https://oauth2.googleapis.com/token",
        "expiry": later + "Z",
    }))
    calendar = google_calendar(secrets, lambda: SHANGHAI, 5.0)
    assert calendar.calendar_id == "primary"
    assert calendar.sends_invitations
