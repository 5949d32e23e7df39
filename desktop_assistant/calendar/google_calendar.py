"""Google Calendar through google-api-python-client: events, free/busy, API invitations.

The service object is built elsewhere (:mod:`google_auth`) or, in tests, over the client's own
``HttpMockSequence`` with its bundled discovery document. Every error becomes a
:class:`CalendarError` a person can read. Rate limits and server errors are retried a few times
with backoff; retrying an insert is safe because the event id is chosen by us (derived from the
request), so a second insert of the same event gets 409 and we return the one that exists.
"""

from __future__ import annotations

import time as clock
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.backend import GOOGLE_LABEL
from desktop_assistant.calendar.errors import (
    CalendarError,
    Conflict,
    Forbidden,
    NotFound,
    RateLimited,
    ServerError,
    SignInNeeded,
    Unreachable,
)
from desktop_assistant.calendar.ics import Expansion
from desktop_assistant.calendar.ledger import google_id
from desktop_assistant.calendar.model import Attendee, Busy, Event, as_aware

_RATE_REASONS = {"rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded"}
_STATUS = {"needsAction": "NEEDS-ACTION", "accepted": "ACCEPTED", "declined": "DECLINED",
           "tentative": "TENTATIVE"}


class GoogleCalendar:
    """One Google calendar (``primary`` by default) of the signed-in account."""

    name = "google"
    label = GOOGLE_LABEL
    sends_invitations = True

    def __init__(
        self,
        service: Any,
        zone: Callable[[], ZoneInfo],
        *,
        calendar_id: str = "primary",
        retries: int = 2,
        sleep: Callable[[float], None] = clock.sleep,
    ) -> None:
        self._service = service
        self._zone = zone
        self.calendar_id = calendar_id
        self._retries = retries
        self._sleep = sleep

    # Reading -------------------------------------------------------------------------------

    def events(self, start: datetime, end: datetime) -> Expansion:
        result = Expansion()
        token: str | None = None
        while True:
            page = self._call(self._service.events().list(
                calendarId=self.calendar_id, timeMin=_rfc3339(start), timeMax=_rfc3339(end),
                singleEvents=True, orderBy="startTime", maxResults=250, pageToken=token,
            ))
            for item in page.get("items", []):
                if item.get("status") == "cancelled":
                    continue
                try:
                    result.events.append(self._event(item))
                except (KeyError, ValueError) as error:
                    result.problems.append(f"Google event {item.get('id', '?')}: {error}.")
            token = page.get("nextPageToken")
            if not token:
                return result

    def find(self, uid: str) -> Event | None:
        try:
            item = self._call(self._service.events().get(
                calendarId=self.calendar_id, eventId=google_id(uid)))
        except NotFound:
            return None
        return None if item.get("status") == "cancelled" else self._event(item)

    def busy(self, emails: list[str], start: datetime, end: datetime) -> dict[str, list[Busy]]:
        """Colleagues' busy time through the freebusy API (only calendars shared with you)."""
        if not emails:
            return {}
        answer = self._call(self._service.freebusy().query(body={
            "timeMin": _rfc3339(start), "timeMax": _rfc3339(end), "timeZone": "UTC",
            "items": [{"id": email} for email in emails],
        }))
        found: dict[str, list[Busy]] = {}
        for email, calendar in answer.get("calendars", {}).items():
            if calendar.get("errors"):
                continue  # not shared with us, or unknown: the service notes it as unknown
            found[email] = [
                Busy(_parse_time(b["start"]), _parse_time(b["end"]), "busy (Google)")
                for b in calendar.get("busy", [])
            ]
        return found

    # Writing -------------------------------------------------------------------------------

    def create(self, event: Event) -> tuple[Event, bool]:
        body = {"id": google_id(event.uid), **self._body(event)}
        try:
            item = self._call(self._service.events().insert(
                calendarId=self.calendar_id, body=body, sendUpdates="all"))
        except Conflict:
            existing = self.find(event.uid)
            if existing is None:
                raise
            return existing, False
        return self._event(item), True

    def update(self, event: Event) -> Event:
        item = self._call(self._service.events().patch(
            calendarId=self.calendar_id, eventId=google_id(event.uid), body=self._body(event),
            sendUpdates="all"))
        return self._event(item)

    def cancel(self, uid: str) -> Event:
        event = self.find(uid)
        if event is None:
            raise NotFound(f"There is no event {uid!r} on {self.label}.")
        self._call(self._service.events().delete(
            calendarId=self.calendar_id, eventId=google_id(uid), sendUpdates="all"))
        return event

    # Mapping -------------------------------------------------------------------------------

    def _body(self, event: Event) -> dict[str, Any]:
        description = event.description
        if event.video_link and event.video_link not in description:
            description = f"{description}\n\nJoin: {event.video_link}".strip()
        body: dict[str, Any] = {
            "summary": event.title,
            "start": _google_time(event.start, event.all_day, event.zone),
            "end": _google_time(event.end, event.all_day, event.zone),
            "attendees": [
                {"email": a.email, **({"displayName": a.name} if a.name else {}),
                 **({"optional": True} if a.optional else {})}
                for a in event.attendees
            ],
            "transparency": "opaque" if event.busy else "transparent",
        }
        if event.location:
            body["location"] = event.location
        if description:
            body["description"] = description
        if event.recurrence:
            body["recurrence"] = [f"RRULE:{rule}" for rule in event.recurrence]
        return body

    def _event(self, item: dict[str, Any]) -> Event:
        zone = self._zone()
        start_field, end_field = item["start"], item.get("end", item["start"])
        all_day = "date" in start_field
        start = _from_google(start_field, zone)
        end = _from_google(end_field, zone)
        link = item.get("hangoutLink", "")
        for entry in item.get("conferenceData", {}).get("entryPoints", []):
            if entry.get("entryPointType") == "video":
                link = entry.get("uri", link)
        rules = tuple(r[6:] for r in item.get("recurrence", []) if r.startswith("RRULE:"))
        original = item.get("originalStartTime")
        return Event(
            uid=item["id"],
            title=item.get("summary", "") or "(no title)",
            start=start,
            end=max(end, start),
            all_day=all_day,
            zone=start_field.get("timeZone", ""),
            location=item.get("location", ""),
            description=item.get("description", ""),
            video_link=link,
            organizer=item.get("organizer", {}).get("email", ""),
            attendees=tuple(
                Attendee(a["email"], a.get("displayName", ""),
                         _STATUS.get(a.get("responseStatus", ""), "NEEDS-ACTION"),
                         bool(a.get("optional")))
                for a in item.get("attendees", []) if a.get("email")
            ),
            recurrence=rules,
            recurrence_id=_from_google(original, zone) if original else None,
            busy=item.get("transparency", "opaque") != "transparent",
            status=str(item.get("status", "confirmed")).upper(),
            calendar=self.name,
            sequence=int(item.get("sequence", 0)),
        )

    # Calls ---------------------------------------------------------------------------------

    def _call(self, request: Any) -> Any:
        """Execute with our own retries (the client's would sleep where tests cannot see)."""
        attempt = 0
        while True:
            try:
                return request.execute(num_retries=0)
            except CalendarError:
                raise
            except Exception as error:
                mapped = _map_error(error)
                if not mapped.retryable or attempt >= self._retries:
                    raise mapped from None
            attempt += 1
            self._sleep(min(30.0, 0.5 * 2**attempt))


def _map_error(error: Exception) -> CalendarError:
    from desktop_assistant.calendar.google_auth import http_failure, unreachable

    failure = http_failure(error)
    if failure is not None:
        status, reason, message = failure
        detail = f" ({message})" if message else ""
        if status == 401:
            return SignInNeeded("Google refused the sign-in" + detail +
                                ". Sign in to Google again (Settings → Calendars).")
        if status == 429 or (status == 403 and reason in _RATE_REASONS):
            return RateLimited("Google Calendar asks to slow down (rate limit); try again in "
                               "a minute.")
        if status == 403:
            return Forbidden("Google Calendar does not allow this for your account" + detail + ".")
        if status in {404, 410}:
            return NotFound("Google Calendar has no such event or calendar" + detail + ".")
        if status in {409, 412}:
            return Conflict("Google Calendar already has this event" + detail + ".")
        if status >= 500:
            return ServerError(f"Google Calendar failed (HTTP {status}); nothing was changed.")
        return CalendarError(f"Google Calendar refused the request (HTTP {status}){detail}.")
    kind = type(error).__name__
    if kind == "RefreshError":
        return SignInNeeded("The Google sign-in has expired or was revoked. Sign in again "
                            "(Settings → Calendars).")
    if isinstance(error, TimeoutError):
        return Unreachable("Google Calendar did not answer in time; nothing was changed.")
    if unreachable(error):
        return Unreachable(f"Google Calendar cannot be reached ({error}); nothing was changed.")
    return CalendarError(f"Google Calendar failed: {kind}: {error}")


def _rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _google_time(moment: datetime, all_day: bool, zone: str) -> dict[str, str]:
    if all_day:
        return {"date": moment.date().isoformat()}
    shown = moment.astimezone(ZoneInfo(zone)) if zone else moment
    return {"dateTime": shown.isoformat(), **({"timeZone": zone} if zone else {})}


def _from_google(field: dict[str, Any], zone: ZoneInfo) -> datetime:
    if "date" in field:
        return as_aware(date.fromisoformat(field["date"]), zone)
    return _parse_time(field["dateTime"])
