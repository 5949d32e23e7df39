"""The SQLite database: one file (WAL), a connection per thread, ordered named migrations.

Migrations are plain functions registered in order with ``@migration`` and recorded by name in
the ``_migrations`` table; each runs once, inside a transaction, when the database is opened.
Feature packages own their tables: each has a ``schema.py`` with its own ``MIGRATIONS`` list
(names prefixed with the feature), which the composition root passes to ``Database``; they
run after the core's.
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database as SqliteUtilsDatabase

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(function: Migration) -> Migration:
    """Register ``function`` as the next migration, named after the function."""
    MIGRATIONS.append((function.__name__, function))
    return function


def utc_now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="microseconds")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any exception."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def connect(path: Path | str) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL and foreign keys on."""
    # Each connection is used by one thread; another may only close it (at shutdown).
    conn = sqlite3.connect(
        str(path), isolation_level=None, timeout=10.0, check_same_thread=False
    )
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name FROM _migrations ORDER BY rowid").fetchall()
    return [row[0] for row in rows]


def migrate(
    conn: sqlite3.Connection, features: Sequence[tuple[str, Migration]] = ()
) -> list[str]:
    """Run the core's and then ``features``' migrations not yet recorded; return those run."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = set(applied_migrations(conn))
    ran = []
    for name, function in [*MIGRATIONS, *features]:
        if name in done:
            continue
        with transaction(conn):
            function(conn)
            conn.execute(
                "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)", (name, utc_now())
            )
        ran.append(name)
    return ran


class _ThreadConnection:
    """Holds a thread's connection and closes it when the thread ends."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __del__(self) -> None:
        self.conn.close()


class Database:
    """The app's database file, handing each thread its own connection.

    Opening it creates the folder, the file and any tables that are missing. Connections are
    per thread (SQLite connections must not be shared across threads); ``close()`` closes
    the calling thread's connection, ``close_all()`` every connection this object opened.
    """

    def __init__(
        self, path: Path | str, features: Sequence[tuple[str, Migration]] = ()
    ) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: weakref.WeakSet[_ThreadConnection] = weakref.WeakSet()
        migrate(self.conn, features)

    @property
    def conn(self) -> sqlite3.Connection:
        holder: _ThreadConnection | None = getattr(self._local, "holder", None)
        if holder is None:
            holder = _ThreadConnection(connect(self.path))
            self._local.holder = holder
            with self._lock:
                self._all.add(holder)
        return holder.conn

    def utils(self) -> SqliteUtilsDatabase:
        """This thread's connection wrapped by sqlite-utils, for table helpers and export."""
        from sqlite_utils import Database as SqliteUtilsDatabase

        return SqliteUtilsDatabase(self.conn)

    def close(self) -> None:
        """Close the calling thread's connection (a later use opens a new one)."""
        self._local.holder = None

    def close_all(self) -> None:
        """Close every connection this object opened, in any thread (at shutdown)."""
        with self._lock:
            holders = list(self._all)
            self._all = weakref.WeakSet()
        for holder in holders:
            holder.conn.close()
        self._local = threading.local()


@migration
def m001_conversations_and_messages(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE conversations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )
    conn.execute(
        """CREATE TABLE messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'tool')),
            content TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'complete'
                CHECK (status IN ('complete', 'streaming', 'interrupted', 'cancelled', 'error')),
            model TEXT,
            tool_calls TEXT,
            tool_call_id TEXT,
            tool_name TEXT,
            error TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX messages_by_conversation ON messages (conversation_id, id)")


@migration
def m002_audit_log(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            conversation_id INTEGER,
            call_id TEXT,
            tool TEXT NOT NULL,
            effect TEXT NOT NULL,
            arguments TEXT NOT NULL,
            approval TEXT NOT NULL,
            outcome TEXT NOT NULL,
            result TEXT NOT NULL
        )"""
    )


@migration
def m003_memories(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE memories (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            text TEXT NOT NULL,
            created_at TEXT NOT NULL
        )"""
    )


@migration
def m004_history_search(conn: sqlite3.Connection) -> None:
    # Rows hold analyzed text (see analysis.py): CJK runs as overlapping bigrams.
    tokenizer = "porter unicode61 remove_diacritics 2"
    conn.execute(f"CREATE VIRTUAL TABLE message_search USING fts5(terms, tokenize='{tokenizer}')")
    conn.execute(f"CREATE VIRTUAL TABLE title_search USING fts5(terms, tokenize='{tokenizer}')")
