"""The reminders' tables in the app's database.

- ``reminders_reminders``: one row per reminder. ``at`` is ISO 8601: with an offset (UTC) for
  an instant, without one for a wall-clock time in the person's zone. ``revision`` changes with
  every write, so delivering is a compare-and-set that two processes cannot both win.
- ``reminders_deliveries``: meeting alerts and daily briefings already delivered, one row per
  event occurrence or day, so none is delivered twice; a briefing's row keeps the "Today"
  conversation it was written to.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def reminders_001_reminders(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE reminders_reminders (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            text TEXT NOT NULL,
            at TEXT NOT NULL,
            rule TEXT NOT NULL DEFAULT '',
            urgent INTEGER NOT NULL DEFAULT 0,
            state TEXT NOT NULL DEFAULT 'active'
                CHECK (state IN ('active', 'done', 'cancelled')),
            snoozed_until TEXT,
            last_fired TEXT,
            conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            revision INTEGER NOT NULL DEFAULT 0
        )"""
    )
    conn.execute("CREATE INDEX reminders_by_state ON reminders_reminders (state)")


def reminders_002_deliveries(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE reminders_deliveries (
            kind TEXT NOT NULL CHECK (kind IN ('meeting', 'briefing')),
            key TEXT NOT NULL,
            delivered_at TEXT NOT NULL,
            conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
            PRIMARY KEY (kind, key)
        )"""
    )


MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = [
    (function.__name__, function)
    for function in (reminders_001_reminders, reminders_002_deliveries)
]
