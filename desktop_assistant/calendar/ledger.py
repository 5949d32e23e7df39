"""The record of events we created, so a retried request never creates a second one.

A request's key is a hash of what was asked (calendar, title, start, end, attendees, repeat
rule). The event's UID is derived from the key, so the same request always proposes the same
UID and the calendar server itself refuses a duplicate (Google answers 409, CalDAV 412, the
local folder already has the file), even when our process died after the server said yes and
before we wrote anything down. The ledger adds what the server cannot know: that an identical
event was cancelled on purpose and a new one is wanted, and which events we made.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_assistant.db import Database

UID_DOMAIN = "desktop-assistant"


@dataclass(frozen=True)
class Claim:
    """The UID to create an event under, and whether it is known to exist already."""

    key: str
    uid: str
    done: bool  # True: created before (the server said so); do not create again
    remote_id: str = ""


def request_key(
    calendar: str, title: str, start: datetime, end: datetime, attendees: list[str],
    recurrence: tuple[str, ...] = (),
) -> str:
    """A stable hash of what was asked, insensitive to attendee order and letter case."""
    payload = json.dumps(
        [calendar, title.strip(), start.astimezone(UTC).isoformat(),
         end.astimezone(UTC).isoformat(), sorted(a.strip().lower() for a in attendees),
         list(recurrence)],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def uid_for(key: str) -> str:
    """The event UID for a request key: 32 hex digits, which Google accepts as an event id."""
    return f"{key[:32]}@{UID_DOMAIN}"


def google_id(uid: str) -> str:
    """The Google event id for a UID we made (lowercase hex is valid base32hex)."""
    return uid.split("@", 1)[0] if uid.endswith(f"@{UID_DOMAIN}") else uid


class CreationLedger:
    """``calendar_requests`` rows: pending while the server is asked, then done or cancelled."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def claim(self, base_key: str, calendar: str, summary: str) -> Claim:
        """The current generation of this request: its UID, and whether it exists already.

        A request whose last event was cancelled gets a new generation (a new UID), so asking
        again after cancelling creates a new event, while retrying never does.
        """
        from desktop_assistant.db import transaction, utc_now

        conn = self._database.conn
        with transaction(conn):
            generation = 1
            while True:
                key = base_key if generation == 1 else f"{base_key}#{generation}"
                row = conn.execute(
                    "SELECT uid, state, remote_id FROM calendar_requests WHERE key = ?", (key,)
                ).fetchone()
                if row is None:
                    uid = uid_for(hashlib.sha256(key.encode()).hexdigest())
                    now = utc_now()
                    conn.execute(
                        """INSERT INTO calendar_requests
                           (key, uid, calendar, state, summary, created_at, updated_at)
                           VALUES (?, ?, ?, 'pending', ?, ?, ?)""",
                        (key, uid, calendar, summary, now, now),
                    )
                    return Claim(key, uid, done=False)
                if row["state"] != "cancelled":
                    return Claim(key, row["uid"], row["state"] == "done", row["remote_id"])
                generation += 1

    def done(self, key: str, remote_id: str = "") -> None:
        from desktop_assistant.db import utc_now

        self._database.conn.execute(
            "UPDATE calendar_requests SET state = 'done', remote_id = ?, updated_at = ? "
            "WHERE key = ?",
            (remote_id, utc_now(), key),
        )

    def forget(self, key: str) -> None:
        """The server certainly did not create it: leave no trace of the attempt."""
        self._database.conn.execute(
            "DELETE FROM calendar_requests WHERE key = ? AND state = 'pending'", (key,)
        )

    def cancelled(self, uid: str) -> None:
        from desktop_assistant.db import utc_now

        self._database.conn.execute(
            "UPDATE calendar_requests SET state = 'cancelled', updated_at = ? WHERE uid = ?",
            (utc_now(), uid),
        )

    def state(self, uid: str) -> str | None:
        row = self._database.conn.execute(
            "SELECT state FROM calendar_requests WHERE uid = ?", (uid,)
        ).fetchone()
        return str(row["state"]) if row else None
