"""The document catalogue's tables: indexed folders and the status of every file seen in them.

The catalogue is the source of truth for what is indexed: each file's size, modification time
and content hash decide whether it must be read again, and its status and reason are what the
per-file status list shows. The search engine's own files sit beside the database.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = []


def _migration(
    function: Callable[[sqlite3.Connection], None],
) -> Callable[[sqlite3.Connection], None]:
    MIGRATIONS.append((function.__name__, function))
    return function


@_migration
def documents_m001_catalogue(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE documents_folders (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            path TEXT NOT NULL UNIQUE,
            include TEXT NOT NULL DEFAULT '[]',
            exclude TEXT NOT NULL DEFAULT '[]',
            added_at TEXT NOT NULL
        )"""
    )
    conn.execute(
        """CREATE TABLE documents_files (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            folder_id INTEGER NOT NULL REFERENCES documents_folders(id) ON DELETE CASCADE,
            path TEXT NOT NULL UNIQUE,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            sha256 TEXT,
            status TEXT NOT NULL CHECK (status IN ('indexed', 'skipped', 'error')),
            reason TEXT,
            chunks INTEGER NOT NULL DEFAULT 0,
            times_read INTEGER NOT NULL DEFAULT 0,
            indexed_at TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX documents_files_by_folder ON documents_files (folder_id, path)")
    conn.execute("CREATE INDEX documents_files_by_status ON documents_files (status)")
    # Which search index the catalogue describes: if the index is lost or rebuilt, the
    # catalogue's fingerprints no longer vouch for anything and every file is read again.
    conn.execute(
        "CREATE TABLE documents_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
    )
