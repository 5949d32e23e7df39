"""The calendar's tables in the app's database (events themselves live in .ics files).

- ``calendar_contacts``: people to invite, with their zone and working hours.
- ``calendar_sources``: subscribed .ics URLs, read-only busy time for you or a colleague.
- ``calendar_requests``: one row per event creation, keyed by what was asked, so a retried
  request finds the event it already made instead of making a second one.
- ``calendar_invitations``: iTIP files written for local and CalDAV events, waiting for the
  email drafting flow to pick them up.

Passwords and OAuth tokens are never here: they are in the OS keyring (``SecretStore``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def calendar_001_contacts(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE calendar_contacts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            name TEXT NOT NULL DEFAULT '',
            zone TEXT NOT NULL DEFAULT '',
            work_start TEXT NOT NULL DEFAULT '',
            work_end TEXT NOT NULL DEFAULT '',
            work_days TEXT NOT NULL DEFAULT '',
            aliases TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        )"""
    )


def calendar_002_sources(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE calendar_sources (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            url TEXT NOT NULL UNIQUE,
            owner_email TEXT NOT NULL DEFAULT '',
            etag TEXT NOT NULL DEFAULT '',
            last_fetched TEXT,
            last_error TEXT,
            created_at TEXT NOT NULL
        )"""
    )


def calendar_003_requests(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE calendar_requests (
            key TEXT PRIMARY KEY,
            uid TEXT NOT NULL,
            calendar TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'cancelled')),
            remote_id TEXT NOT NULL DEFAULT '',
            summary TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX calendar_requests_by_uid ON calendar_requests (uid)")


def calendar_004_invitations(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE calendar_invitations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL,
            method TEXT NOT NULL CHECK (method IN ('REQUEST', 'CANCEL')),
            path TEXT NOT NULL,
            recipients TEXT NOT NULL,
            subject TEXT NOT NULL,
            created_at TEXT NOT NULL,
            handed_to_mail_at TEXT
        )"""
    )


MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = [
    (function.__name__, function)
    for function in (
        calendar_001_contacts,
        calendar_002_sources,
        calendar_003_requests,
        calendar_004_invitations,
    )
]
