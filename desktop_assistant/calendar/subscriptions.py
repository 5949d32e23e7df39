"""Subscribed .ics URLs: read-only busy time (a colleague's published calendar, holidays).

Each subscription is fetched with a timeout and a size limit and kept as a file in the data
folder; a fetch that fails (server down, slow, erroring, not iCalendar) says why, records it,
and keeps the last good copy, so the busy time it gave does not vanish with the network.
A subscription may name whose time it is (``owner_email``); without one it is yours.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.errors import BadCalendarData, CalendarError, Unreachable
from desktop_assistant.calendar.ics import Expansion, expand, read_calendars

if TYPE_CHECKING:
    from desktop_assistant.db import Database

MAX_FEED_BYTES = 20 * 1024 * 1024
USER_AGENT = "desktop-assistant-calendar/1"


@dataclass(frozen=True)
class Subscription:
    id: int
    name: str
    url: str
    owner_email: str
    last_fetched: str | None
    last_error: str | None


class SubscriptionStore:
    """``calendar_sources`` rows and their cached .ics files."""

    def __init__(self, database: Database, folder: Path, timeout: float) -> None:
        self._database = database
        self.folder = folder
        self.timeout = timeout

    def all(self) -> list[Subscription]:
        rows = self._database.conn.execute("SELECT * FROM calendar_sources ORDER BY id").fetchall()
        return [Subscription(r["id"], r["name"], r["url"], r["owner_email"], r["last_fetched"],
                             r["last_error"]) for r in rows]

    def add(self, url: str, name: str = "", owner_email: str = "") -> Subscription:
        """Fetch ``url`` once (it must be iCalendar) and keep it; raises CalendarError if not."""
        from desktop_assistant.db import utc_now

        url = normalise_url(url)
        data, etag = fetch(url, self.timeout)
        read_calendars(data, name or url)  # raises BadCalendarData with the reason
        cursor = self._database.conn.execute(
            """INSERT INTO calendar_sources (name, url, owner_email, etag, last_fetched,
               created_at) VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (url) DO UPDATE SET name = excluded.name,
               owner_email = excluded.owner_email RETURNING id""",
            (name or url, url, owner_email.strip().lower(), etag, utc_now(), utc_now()),
        )
        source_id = int(cursor.fetchone()[0])
        self._write(source_id, data)
        return next(s for s in self.all() if s.id == source_id)

    def remove(self, source_id: int) -> bool:
        self._cache_path(source_id).unlink(missing_ok=True)
        cursor = self._database.conn.execute(
            "DELETE FROM calendar_sources WHERE id = ?", (source_id,)
        )
        return cursor.rowcount > 0

    def refresh(self) -> list[str]:
        """Fetch every subscription again; one sentence per failure (the old copy stays)."""
        from desktop_assistant.db import utc_now

        failures = []
        for source in self.all():
            try:
                data, etag = fetch(source.url, self.timeout)
                read_calendars(data, source.name)
            except CalendarError as error:
                failures.append(f"{source.name}: {error}")
                self._database.conn.execute(
                    "UPDATE calendar_sources SET last_error = ? WHERE id = ?",
                    (str(error), source.id),
                )
                continue
            self._write(source.id, data)
            self._database.conn.execute(
                "UPDATE calendar_sources SET etag = ?, last_fetched = ?, last_error = NULL "
                "WHERE id = ?",
                (etag, utc_now(), source.id),
            )
        return failures

    def events(
        self, start: datetime, end: datetime, zone: ZoneInfo, owner: str | None = ""
    ) -> Expansion:
        """Events of the subscriptions owned by ``owner`` ("" = yours, None = all)."""
        result = Expansion()
        for source in self.all():
            if owner is not None and source.owner_email != owner.strip().lower():
                continue
            path = self._cache_path(source.id)
            if not path.exists():
                continue
            try:
                calendars, _ = read_calendars(path.read_bytes(), source.name)
            except BadCalendarData as error:
                result.problems.append(str(error))
                continue
            for calendar in calendars:
                found = expand(calendar, start, end, zone, source=source.name,
                               name=source.name, read_only=True)
                result.events.extend(found.events)
                result.problems.extend(found.problems)
        return result

    def owners(self) -> set[str]:
        return {s.owner_email for s in self.all() if s.owner_email}

    def _cache_path(self, source_id: int) -> Path:
        return self.folder / f"subscription-{source_id}.ics"

    def _write(self, source_id: int, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self._cache_path(source_id).with_suffix(".tmp")
        temporary.write_bytes(data)
        temporary.replace(self._cache_path(source_id))


def normalise_url(url: str) -> str:
    cleaned = url.strip()
    if cleaned.lower().startswith("webcal://"):
        cleaned = "https://" + cleaned[len("webcal://"):]
    if not cleaned.lower().startswith(("http://", "https://")):
        raise CalendarError(f"{url!r} is not a web address (http://, https:// or webcal://).")
    return cleaned


def fetch(url: str, timeout: float) -> tuple[bytes, str]:
    """The body and ETag of ``url``; Unreachable or CalendarError saying what went wrong."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                   "Accept": "text/calendar, */*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_FEED_BYTES + 1)
            etag = response.headers.get("ETag", "") or ""
    except urllib.error.HTTPError as error:
        error.close()
        raise CalendarError(f"{url} answered HTTP {error.code} ({error.reason}).") from None
    except TimeoutError:
        raise Unreachable(f"{url} did not answer within {timeout:g} seconds.") from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            raise Unreachable(f"{url} did not answer within {timeout:g} seconds.") from None
        raise Unreachable(f"{url} cannot be reached ({reason}).") from None
    except OSError as error:
        raise Unreachable(f"{url} cannot be reached ({error.strerror or error}).") from None
    if len(data) > MAX_FEED_BYTES:
        raise CalendarError(f"{url} sent more than {MAX_FEED_BYTES // (1024 * 1024)} MB.")
    return data, etag
