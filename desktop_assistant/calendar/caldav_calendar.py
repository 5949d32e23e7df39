"""A CalDAV calendar (Nextcloud, Fastmail, iCloud, Zimbra, SOGo, Radicale) via ``caldav``.

Events are stored as .ics resources named after their UID; a new one is written with
``If-None-Match: *``, so the server refuses a second copy of the same event (412) and a retried
request returns the event that exists. Recurrence is expanded on our side, with the same bounds
as the local calendar. The password comes from the keyring (``caldav_password``).
"""

from __future__ import annotations

import threading
import urllib.parse
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.backend import CALDAV_LABEL
from desktop_assistant.calendar.components import (
    calendar_with,
    component_from_event,
    event_from_component,
)
from desktop_assistant.calendar.errors import (
    BadCalendarData,
    CalendarError,
    Forbidden,
    NotFound,
    ServerError,
    SignInNeeded,
    Unreachable,
)
from desktop_assistant.calendar.ics import Expansion, expand, read_calendars
from desktop_assistant.calendar.model import Busy, Event

PASSWORD_SECRET = "caldav_password"


class CalDAVCalendar:
    """One calendar collection on a CalDAV server."""

    name = "caldav"
    sends_invitations = False

    def __init__(
        self, url: str, username: str, password: str | None, zone: Callable[[], ZoneInfo],
        timeout: float,
    ) -> None:
        self.url = url if url.endswith("/") else url + "/"
        self.label = CALDAV_LABEL.format(host=urllib.parse.urlsplit(url).netloc)
        self._username = username or None
        self._password = password
        self._zone = zone
        self._timeout = timeout
        self._client: Any = None
        self._collection: Any = None
        self._lock = threading.Lock()
        self._status = threading.local()  # the last HTTP status this thread saw

    # Reading -------------------------------------------------------------------------------

    def events(self, start: datetime, end: datetime) -> Expansion:
        objects = self._do(lambda c: c.search(start=start, end=end, event=True, expand=False))
        result = Expansion()
        for item in objects:
            try:
                calendars, _ = read_calendars(_text(item.data).encode(), str(item.url))
            except BadCalendarData as error:
                result.problems.append(str(error))
                continue
            for calendar in calendars:
                found = expand(calendar, start, end, self._zone(), source=self.name,
                               name=str(item.url))
                result.events.extend(found.events)
                result.problems.extend(found.problems)
        result.events.sort(key=lambda e: (e.start, e.end, e.title))
        return result

    def find(self, uid: str) -> Event | None:
        try:
            item = self._do(lambda c: c.event_by_uid(uid))
        except NotFound:
            return None
        return self._master(item)

    def own_busy(self, start: datetime, end: datetime) -> list[Busy]:
        """This calendar's busy time through a CalDAV free-busy query (RFC 4791 7.10)."""
        answer = self._do(lambda c: c.freebusy_request(start, end))
        calendars, _ = read_calendars(_text(answer.data).encode(), "free/busy answer")
        busy: list[Busy] = []
        for calendar in calendars:
            for component in calendar.walk("VFREEBUSY"):
                values = component.get("FREEBUSY")  # one vPeriod per period
                for value in values if isinstance(values, list) else [values] if values else []:
                    if str(value.params.get("FBTYPE", "BUSY")).upper() == "FREE":
                        continue
                    busy.append(Busy(value.start.astimezone(UTC), value.end.astimezone(UTC)))
        return sorted(busy)

    def busy(self, emails: list[str], start: datetime, end: datetime) -> dict[str, list[Busy]]:
        return {}  # scheduling-outbox free/busy is rare; colleagues come from subscriptions

    # Writing -------------------------------------------------------------------------------

    def create(self, event: Event) -> tuple[Event, bool]:
        body = calendar_with([component_from_event(event)]).to_ical().decode()
        headers = {"If-None-Match": "*", "Content-Type": "text/calendar; charset=utf-8"}

        def put(collection: Any) -> Any:
            return collection.client.put(self._resource_url(collection, event.uid), body,
                                         headers)

        response = self._do(put)
        if response.status == 412:
            existing = self.find(event.uid)
            if existing is None:
                raise CalendarError(f"{self.label} refused to store the event (HTTP 412).")
            return existing, False
        _check(response.status, self.label)
        return event, True

    def update(self, event: Event) -> Event:
        item = self._do(lambda c: c.event_by_uid(event.uid))
        body = calendar_with([component_from_event(event)]).to_ical().decode()
        headers = {"Content-Type": "text/calendar; charset=utf-8"}
        response = self._do(lambda c: c.client.put(str(item.url), body, headers))
        _check(response.status, self.label)
        return event

    def cancel(self, uid: str) -> Event:
        item = self._do(lambda c: c.event_by_uid(uid))
        event = self._master(item)
        self._do(lambda c: item.delete())
        return event

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()
            self._client = self._collection = None

    # Plumbing ------------------------------------------------------------------------------

    def _master(self, item: Any) -> Event:
        calendars, _ = read_calendars(_text(item.data).encode(), str(item.url))
        for calendar in calendars:
            for component in calendar.walk("VEVENT"):
                if component.get("RECURRENCE-ID") is None:
                    return event_from_component(component, self._zone(), source=self.name)
        raise BadCalendarData(f"{item.url}: no event in the resource.")

    def _resource_url(self, collection: Any, uid: str) -> str:
        return str(collection.url.join(urllib.parse.quote(uid, safe="@.-_") + ".ics"))

    def _connected(self) -> Any:
        with self._lock:
            if self._collection is None:
                import caldav

                status = self._status

                class RememberingClient(caldav.DAVClient):
                    """caldav's errors do not always carry the HTTP status: keep the last."""

                    def request(self, *args: Any, **kwargs: Any) -> Any:
                        status.value = None
                        response = super().request(*args, **kwargs)
                        status.value = response.status
                        return response

                client = RememberingClient(
                    url=self.url, username=self._username, password=self._password,
                    timeout=max(1, round(self._timeout)),
                )
                self._client = client
                self._collection = client.calendar(url=self.url)  # type: ignore[no-untyped-call]
            return self._collection

    def _do(self, action: Callable[[Any], Any]) -> Any:
        """Run ``action`` on the collection, turning every failure into a CalendarError."""
        self._status.value = None
        try:
            return action(self._connected())
        except CalendarError:
            raise
        except Exception as error:
            status = getattr(self._status, "value", None)
            raise _map_error(error, self.label, self._timeout, status) from None


def _check(status: int, label: str) -> None:
    if status in {200, 201, 204}:
        return
    if status in {401, 403}:
        raise Forbidden(f"{label} refused to store the event (HTTP {status}).")
    if status >= 500:
        raise ServerError(f"{label} failed (HTTP {status}); nothing was changed.")
    raise CalendarError(f"{label} refused to store the event (HTTP {status}).")


def _map_error(
    error: Exception, label: str, timeout: float, status: int | None
) -> CalendarError:
    import requests
    from caldav.lib import error as dav

    if isinstance(error, dav.DAVError) and status is not None and status >= 500:
        return ServerError(f"{label} failed (HTTP {status}); nothing was changed.")
    if isinstance(error, dav.NotFoundError) or status == 404:
        return NotFound(f"{label} has no such event or calendar.")
    if isinstance(error, dav.AuthorizationError):
        if "401" in str(error.reason) or "Unauthorized" in str(error.reason):
            return SignInNeeded(f"{label} refused the username or password (check Settings → "
                                "Calendars; the password is in the keyring as caldav_password).")
        return Forbidden(f"{label} does not allow this ({error.reason}).")
    if isinstance(error, requests.Timeout):
        return Unreachable(f"{label} did not answer within {timeout:g} seconds; nothing was "
                           "changed.")
    if isinstance(error, requests.ConnectionError):
        return Unreachable(f"{label} cannot be reached; nothing was changed.")
    if isinstance(error, dav.DAVError):
        shown = f"HTTP {status}" if status else str(error.reason)
        return CalendarError(f"{label} refused the request ({shown}).")
    return CalendarError(f"{label} failed: {type(error).__name__}: {error}")


def _text(data: Any) -> str:
    return data.decode("utf-8", "replace") if isinstance(data, bytes) else str(data)
