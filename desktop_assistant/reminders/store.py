"""``ReminderStore``: reminders and deliveries in the app's SQLite database.

Delivering is a single conditional ``UPDATE`` on the row's ``revision`` (compare-and-set): of
two pollers that saw the same reminder due, in this process or another, exactly one wins, and
a reminder changed since it was read (snoozed, cancelled) is not delivered from stale data.
Changes the person makes run in a ``BEGIN IMMEDIATE`` transaction and bump the revision too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from desktop_assistant.db import transaction, utc_now
from desktop_assistant.reminders.model import ACTIVE, DONE, Firing, Reminder, stamp, unstamp

if TYPE_CHECKING:
    from desktop_assistant.db import Database

_TABLE = "reminders_reminders"


class ReminderNotFound(ValueError):
    """There is no reminder with that number."""


def _reminder(row: sqlite3.Row) -> Reminder:
    when = unstamp(row["at"])
    assert when is not None
    return Reminder(
        id=row["id"], text=row["text"], when=when, rule=row["rule"], urgent=bool(row["urgent"]),
        state=row["state"], snoozed_until=unstamp(row["snoozed_until"]),
        last_fired=unstamp(row["last_fired"]), conversation_id=row["conversation_id"],
        created_at=row["created_at"], revision=row["revision"],
    )


class ReminderStore:
    """Reads and writes reminders; safe from any thread (each has its own connection)."""

    def __init__(self, database: Database | Callable[[], Database]) -> None:
        self._database = database

    @property
    def _conn(self) -> sqlite3.Connection:
        database = self._database() if callable(self._database) else self._database
        return database.conn

    # Reading -------------------------------------------------------------------------------

    def get(self, reminder_id: int) -> Reminder:
        row = self._conn.execute(f"SELECT * FROM {_TABLE} WHERE id = ?",
                                 (reminder_id,)).fetchone()
        if row is None:
            raise ReminderNotFound(f"There is no reminder #{reminder_id}.")
        return _reminder(row)

    def all(self, states: Sequence[str] = (ACTIVE,)) -> list[Reminder]:
        """Reminders in ``states``, oldest first."""
        marks = ", ".join("?" for _ in states)
        rows = self._conn.execute(
            f"SELECT * FROM {_TABLE} WHERE state IN ({marks}) ORDER BY id", tuple(states))
        return [_reminder(row) for row in rows]

    # Writing -------------------------------------------------------------------------------

    def add(self, text: str, when: datetime, rule: str = "", *, urgent: bool = False,
            conversation_id: int | None = None) -> Reminder:
        now = utc_now()
        conn = self._conn
        with transaction(conn):
            cursor = conn.execute(
                f"""INSERT INTO {_TABLE} (text, at, rule, urgent, conversation_id, created_at,
                    updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                (text, stamp(when), rule, int(urgent), conversation_id, now, now))
        return self.get(int(cursor.lastrowid or 0))

    def deliver(self, firing: Firing) -> bool:
        """Record ``firing`` as delivered; False when another poller delivered it first or the
        reminder changed since it was read (then it must not be shown)."""
        reminder = firing.reminder
        last = reminder.last_fired if firing.snoozed else firing.occurrence
        cursor = self._conn.execute(
            f"""UPDATE {_TABLE} SET last_fired = ?, snoozed_until = NULL, state = ?,
                revision = revision + 1, updated_at = ?
                WHERE id = ? AND revision = ? AND state = ?""",
            (stamp(last), DONE if firing.final else ACTIVE, utc_now(), reminder.id,
             reminder.revision, ACTIVE))
        return cursor.rowcount == 1

    def change(self, reminder_id: int, edit: Callable[[Reminder], dict[str, Any]]
               ) -> tuple[Reminder, Reminder]:
        """Apply ``edit`` (the current reminder → the fields to change) atomically; returns the
        reminder before and after."""
        conn = self._conn
        with transaction(conn):
            before = self.get(reminder_id)
            changes = edit(before)
            self._write(conn, replace(before, **changes), before.revision + 1)
        return before, self.get(reminder_id)

    def restore(self, previous: Reminder) -> Reminder:
        """Put a reminder back as it was (undo), whatever happened to it since."""
        conn = self._conn
        with transaction(conn):
            current = self.get(previous.id)
            self._write(conn, previous, current.revision + 1)
        return self.get(previous.id)

    def delete(self, reminder_id: int) -> bool:
        cursor = self._conn.execute(f"DELETE FROM {_TABLE} WHERE id = ?", (reminder_id,))
        return cursor.rowcount == 1

    def _write(self, conn: sqlite3.Connection, reminder: Reminder, revision: int) -> None:
        conn.execute(
            f"""UPDATE {_TABLE} SET text = ?, at = ?, rule = ?, urgent = ?, state = ?,
                snoozed_until = ?, last_fired = ?, conversation_id = ?, updated_at = ?,
                revision = ? WHERE id = ?""",
            (reminder.text, stamp(reminder.when), reminder.rule, int(reminder.urgent),
             reminder.state, stamp(reminder.snoozed_until), stamp(reminder.last_fired),
             reminder.conversation_id, utc_now(), revision, reminder.id))

    # Meeting alerts and briefings ----------------------------------------------------------

    def claim(self, kind: str, key: str, conversation_id: int | None = None) -> bool:
        """Record a meeting alert or briefing as delivered; False if it had been already."""
        cursor = self._conn.execute(
            "INSERT OR IGNORE INTO reminders_deliveries (kind, key, delivered_at, "
            "conversation_id) VALUES (?, ?, ?, ?)", (kind, key, utc_now(), conversation_id))
        return cursor.rowcount == 1

    def delivered(self, kind: str, key: str) -> bool:
        row = self._conn.execute(
            "SELECT 1 FROM reminders_deliveries WHERE kind = ? AND key = ?", (kind, key)
        ).fetchone()
        return row is not None

    def latest_conversation(self, kind: str) -> int | None:
        """The conversation the latest delivery of ``kind`` was written to, if any."""
        row = self._conn.execute(
            "SELECT conversation_id FROM reminders_deliveries WHERE kind = ? AND "
            "conversation_id IS NOT NULL ORDER BY delivered_at DESC LIMIT 1", (kind,)
        ).fetchone()
        return None if row is None else int(row[0])

    def set_conversation(self, kind: str, key: str, conversation_id: int) -> None:
        self._conn.execute(
            "UPDATE reminders_deliveries SET conversation_id = ? WHERE kind = ? AND key = ?",
            (conversation_id, kind, key))

