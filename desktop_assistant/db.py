"""The SQLite database: one file (WAL), a connection per thread, ordered named migrations.

Migrations are plain functions registered in order with ``@migration`` and recorded by name in
the ``_migrations`` table; each runs once, inside a transaction, when the database is opened.
Feature packages own their tables: each has a ``schema.py`` with its own ``MIGRATIONS`` list
(names prefixed with the feature), which the composition root passes to ``Database``; they
run after the core's.

What the disk or another program does to the file (a lock held elsewhere, a full disk, a
read-only folder, a damaged file) surfaces as a :class:`StorageError` whose message a person can
act on: the connections this module opens translate SQLite's errors where they are raised. A
file that is damaged when the database opens is moved aside (never deleted) and a fresh one is
started; ``Database.notice`` says so.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_assistant.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from sqlite_utils import Database as SqliteUtilsDatabase

log = logging.getLogger(__name__)

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []

# How long a write waits for another connection's (or program's) write to finish before it
# gives up with DatabaseBusy. The GUI thread (the main thread) writes small things (a new
# conversation, a deletion): it must not freeze the window for long. Workers can wait longer.
MAIN_THREAD_BUSY_TIMEOUT_S = 0.5
WORKER_BUSY_TIMEOUT_S = 5.0


def migration(function: Migration) -> Migration:
    """Register ``function`` as the next migration, named after the function."""
    MIGRATIONS.append((function.__name__, function))
    return function


def utc_now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="microseconds")


# --- errors a person can act on ----------------------------------------------------------------


class StorageError(sqlite3.DatabaseError):
    """The database could not be read or written because of the disk, the folder, another
    program or damage to the file; the message says what to do. Subclasses name the cause.

    ``template`` is marked for translation in the "Storage" context and filled with ``path``,
    ``folder`` and ``detail``: ``str(error)`` is English (logs), ``message`` the sentence in
    the interface language for the person.
    """

    def __init__(self, template: str, path: Path, detail: str = "") -> None:
        fields = {"path": path, "folder": path.parent, "detail": detail}
        super().__init__(template.format(**fields))
        self.message = translate("Storage", template).format(**fields)
        self.path = path
        self.detail = detail  # what SQLite or the OS said, for logs and notices


class DatabaseBusy(StorageError):
    """Another program (or connection) held the database longer than the busy timeout."""


class DiskFull(StorageError):
    """The disk (or the file's size limit) has no room for what was being written."""


class DataFolderReadOnly(StorageError):
    """The data folder or the database file can't be written (read-only, no permission)."""


class DatabaseCorrupt(StorageError):
    """The database file is damaged or is not a database."""


class StorageFailed(StorageError):
    """Another input/output error from the disk."""


_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
_FULL = {sqlite3.SQLITE_FULL}
_READ_ONLY = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN,
              sqlite3.SQLITE_AUTH}
_CORRUPT = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
_IO = {sqlite3.SQLITE_IOERR}


def storage_error(error: BaseException, path: Path) -> StorageError | None:
    """The :class:`StorageError` for ``error`` (an SQLite or OS error about the database at
    ``path``), or None when it is not about the disk, the folder, a lock or damage."""
    if isinstance(error, StorageError):
        return error
    detail = " ".join(str(error).split()) or type(error).__name__
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        kind = None if code is None else code & 0xFF  # the primary result code
    elif isinstance(error, OSError):
        kind = {
            errno.ENOSPC: sqlite3.SQLITE_FULL, errno.EDQUOT: sqlite3.SQLITE_FULL,
            errno.EFBIG: sqlite3.SQLITE_FULL, errno.EACCES: sqlite3.SQLITE_READONLY,
            errno.EPERM: sqlite3.SQLITE_READONLY, errno.EROFS: sqlite3.SQLITE_READONLY,
        }.get(error.errno or 0, sqlite3.SQLITE_IOERR)
        detail = error.strerror or detail
    else:
        return None
    if kind in _BUSY:
        return DatabaseBusy(QT_TRANSLATE_NOOP(
            "Storage", "Another program is using the assistant's database ({path}). Close it, "
            "or wait a moment and try again."), path)
    if kind in _FULL:
        return DiskFull(QT_TRANSLATE_NOOP(
            "Storage", "The disk holding {folder} is full, so this could not be saved. Free "
            "some space and try again; what was saved before is unchanged."), path)
    if kind in _READ_ONLY:
        return DataFolderReadOnly(QT_TRANSLATE_NOOP(
            "Storage", "The data folder {folder} can't be written ({detail}), so nothing can be "
            "saved. Make it writable for your account (or free it from whatever holds it "
            "read-only) and try again."), path, detail)
    if kind in _CORRUPT:
        return DatabaseCorrupt(QT_TRANSLATE_NOOP(
            "Storage", "The assistant's database ({path}) is damaged ({detail}). Quit and start "
            "the assistant again: it sets the damaged file aside and starts a fresh one."), path,
            detail)
    if kind in _IO:
        return StorageFailed(QT_TRANSLATE_NOOP(
            "Storage", "The assistant's database ({path}) could not be read or written "
            "({detail}). Check the disk and try again."), path, detail)
    return None


class StorageConnection(sqlite3.Connection):
    """A connection whose statements raise :class:`StorageError` for disk, folder, lock and
    damage problems (other SQLite errors, such as a constraint, are raised as they are)."""

    path: Path

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        try:
            return super().execute(sql, parameters)
        except sqlite3.Error as error:
            raise _translated(error, self.path) from error

    def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:
        try:
            return super().executemany(sql, parameters)
        except sqlite3.Error as error:
            raise _translated(error, self.path) from error

    def executescript(self, script: str, /) -> sqlite3.Cursor:
        try:
            return super().executescript(script)
        except sqlite3.Error as error:
            raise _translated(error, self.path) from error


def _translated(error: sqlite3.Error, path: Path) -> sqlite3.Error:
    return storage_error(error, path) or error


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any exception.

    SQLite has already rolled back after some errors (a full disk, an I/O error): the
    ``ROLLBACK`` is only sent while a transaction is open, so the error raised is the one
    that happened, not "cannot rollback".
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                log.warning("Could not roll back a failed transaction", exc_info=True)
        raise


def busy_timeout() -> float:
    """The calling thread's busy timeout (see ``MAIN_THREAD_BUSY_TIMEOUT_S``)."""
    if threading.current_thread() is threading.main_thread():
        return MAIN_THREAD_BUSY_TIMEOUT_S
    return WORKER_BUSY_TIMEOUT_S


def connect(path: Path | str) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL and foreign keys on.

    Raises :class:`StorageError` when the file can't be opened, is locked or is damaged.
    """
    path = Path(path)
    try:
        # Each connection is used by one thread; another may only close it (at shutdown).
        conn = sqlite3.connect(
            str(path), isolation_level=None, timeout=busy_timeout(), check_same_thread=False,
            factory=StorageConnection,
        )
    except sqlite3.Error as error:
        raise _translated(error, path) from error
    conn.path = path
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
    except BaseException:
        conn.close()
        raise
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


def check_intact(conn: sqlite3.Connection) -> None:
    """Raise :class:`DatabaseCorrupt` unless SQLite's ``quick_check`` finds the file sound.

    ``quick_check`` reads every page (it skips the slower index-content comparison of
    ``integrity_check``): a few milliseconds for a typical history.
    """
    rows = [row[0] for row in conn.execute("PRAGMA quick_check")]
    if rows != ["ok"]:
        path = Path(getattr(conn, "path", "") or "?")
        detail = "; ".join(str(row) for row in rows[:3])
        raise DatabaseCorrupt(QT_TRANSLATE_NOOP(
            "Storage", "The assistant's database ({path}) is damaged ({detail})."), path, detail)


def move_aside(path: Path) -> Path:
    """Move the damaged database at ``path`` (and its ``-wal``/``-shm`` files) to
    ``<name>.corrupt-<UTC timestamp>`` in the same folder; return the new path."""
    from datetime import UTC, datetime

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
    os.replace(path, aside)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + suffix))
    return aside


class _ThreadConnection:
    """Holds a thread's connection and closes it when the thread ends."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __del__(self) -> None:
        self.conn.close()


class Database:
    """The app's database file, handing each thread its own connection.

    Opening it creates the folder, the file and any tables that are missing. A file that is
    damaged (not a database, or failing SQLite's ``quick_check``) is moved aside, never
    deleted, and a fresh database is started: ``set_aside`` is where it went and ``notice``
    the sentence for the person. Connections are per thread (SQLite connections must not be
    shared across threads); ``close()`` closes the calling thread's connection,
    ``close_all()`` every connection this object opened.
    """

    def __init__(
        self, path: Path | str, features: Sequence[tuple[str, Migration]] = ()
    ) -> None:
        self.path = Path(path)
        self.set_aside: Path | None = None
        self.notice: str | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise (storage_error(error, self.path) or error) from error
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: weakref.WeakSet[_ThreadConnection] = weakref.WeakSet()
        try:
            check_intact(self.conn)
            migrate(self.conn, features)
        except DatabaseCorrupt as damage:
            self.close_all()
            try:
                self.set_aside = move_aside(self.path)
            except OSError as error:
                raise (storage_error(error, self.path) or error) from damage
            notice = QT_TRANSLATE_NOOP(
                "Storage", "The assistant's database could not be read: it is damaged "
                "({detail}). It was moved aside to {aside} (nothing was deleted) and a fresh "
                "database was started, so earlier conversations are not shown; they are still in "
                "that file.")
            log.warning("%s", notice.format(detail=damage.detail, aside=self.set_aside))
            self.notice = translate("Storage", notice).format(
                detail=damage.detail, aside=self.set_aside)
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
