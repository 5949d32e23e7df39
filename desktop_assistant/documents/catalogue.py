"""The document catalogue: indexed folders and every file seen in them, in the app's database.

Each file's size, modification time and content hash say whether it must be read again;
its status (indexed, skipped, error) and reason are what the person sees in the status list;
``times_read`` counts how often its content was read, which shows that re-indexing leaves
unchanged files alone.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_assistant.db import transaction, utc_now

if TYPE_CHECKING:
    from desktop_assistant.db import Database

STATUSES = ("indexed", "skipped", "error")


@dataclass(frozen=True)
class Folder:
    id: int
    path: str
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    added_at: str


@dataclass(frozen=True)
class Fingerprint:
    """What decides whether a file changed: size and mtime first, then the content hash."""

    size: int
    mtime_ns: int
    sha256: str | None
    status: str
    chunks: int
    reason: str | None = None


@dataclass(frozen=True)
class FileRecord:
    path: str
    folder_id: int
    size: int
    mtime_ns: int
    sha256: str | None
    status: str
    reason: str | None
    chunks: int
    times_read: int
    indexed_at: str


@dataclass(frozen=True)
class FileOutcome:
    """The result of looking at one file in an indexing run, as the catalogue records it."""

    path: str
    folder_id: int
    size: int
    mtime_ns: int
    sha256: str | None
    status: str
    reason: str | None = None
    chunks: int = 0
    read: bool = False


def _folder(row: sqlite3.Row) -> Folder:
    return Folder(
        row["id"], row["path"], tuple(json.loads(row["include"])),
        tuple(json.loads(row["exclude"])), row["added_at"],
    )


def _record(row: sqlite3.Row) -> FileRecord:
    return FileRecord(
        row["path"], row["folder_id"], row["size"], row["mtime_ns"], row["sha256"],
        row["status"], row["reason"], row["chunks"], row["times_read"], row["indexed_at"],
    )


def _subtree(prefix: str) -> tuple[str, str]:
    """Bounds such that ``low <= path < high`` holds exactly for paths under ``prefix``."""
    separator = "\\" if "\\" in prefix and "/" not in prefix else "/"
    base = prefix.rstrip(separator) + separator
    return base, base[:-1] + chr(ord(separator) + 1)


class Catalogue:
    """Folders and file statuses; each method is one short transaction or query."""

    def __init__(self, database: Callable[[], Database]) -> None:
        self._database = database

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._database().conn

    # Folders -----------------------------------------------------------------------------

    def folders(self) -> list[Folder]:
        rows = self._conn.execute("SELECT * FROM documents_folders ORDER BY path").fetchall()
        return [_folder(row) for row in rows]

    def add_folder(self, path: str, include: Sequence[str], exclude: Sequence[str]) -> Folder:
        """Add ``path`` (absolute, resolved); folders inside it are merged into it."""
        low, high = _subtree(path)
        with transaction(self._conn) as conn:
            cursor = conn.execute(
                "INSERT INTO documents_folders (path, include, exclude, added_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET include = excluded.include,"
                " exclude = excluded.exclude RETURNING id",
                (path, json.dumps(list(include)), json.dumps(list(exclude)), utc_now()),
            )
            folder_id = cursor.fetchone()[0]
            inner = "SELECT id FROM documents_folders WHERE path >= ? AND path < ?"
            # Their files are read again, to be filed under the new folder in the index too.
            conn.execute(
                f"UPDATE documents_files SET folder_id = ?, mtime_ns = -1, sha256 = NULL "
                f"WHERE folder_id IN ({inner})",
                (folder_id, low, high),
            )
            conn.execute(f"DELETE FROM documents_folders WHERE id IN ({inner})", (low, high))
        row = self._conn.execute(
            "SELECT * FROM documents_folders WHERE id = ?", (folder_id,)
        ).fetchone()
        return _folder(row)

    def remove_folder(self, folder_id: int) -> int:
        """Forget the folder and its files; returns how many files it had."""
        with transaction(self._conn) as conn:
            count = conn.execute(
                "SELECT count(*) FROM documents_files WHERE folder_id = ?", (folder_id,)
            ).fetchone()[0]
            conn.execute("DELETE FROM documents_folders WHERE id = ?", (folder_id,))
        return int(count)

    # Files -------------------------------------------------------------------------------

    def fingerprints(self, folder_id: int, under: str | None = None) -> dict[str, Fingerprint]:
        """The known files of a folder (or of the subfolder ``under``), by path."""
        sql = "SELECT path, size, mtime_ns, sha256, status, chunks, reason " \
              "FROM documents_files WHERE folder_id = ?"
        parameters: tuple[object, ...] = (folder_id,)
        if under is not None:
            sql += " AND path >= ? AND path < ?"
            parameters += _subtree(under)
        return {
            row[0]: Fingerprint(*row[1:])
            for row in self._conn.execute(sql, parameters)
        }

    def fingerprint(self, path: str) -> Fingerprint | None:
        row = self._conn.execute(
            "SELECT size, mtime_ns, sha256, status, chunks, reason FROM documents_files "
            "WHERE path = ?",
            (path,),
        ).fetchone()
        return Fingerprint(*row) if row else None

    def record(self, outcomes: Sequence[FileOutcome]) -> None:
        """Store a batch of outcomes in one transaction."""
        if not outcomes:
            return
        now = utc_now()
        rows = [
            (o.folder_id, o.path, o.size, o.mtime_ns, o.sha256, o.status, o.reason, o.chunks,
             int(o.read), now)
            for o in outcomes
        ]
        with transaction(self._conn) as conn:
            conn.executemany(
                """INSERT INTO documents_files
                   (folder_id, path, size, mtime_ns, sha256, status, reason, chunks, times_read,
                    indexed_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(path) DO UPDATE SET
                     folder_id = excluded.folder_id, size = excluded.size,
                     mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256,
                     status = excluded.status, reason = excluded.reason,
                     chunks = excluded.chunks, indexed_at = excluded.indexed_at,
                     times_read = documents_files.times_read + excluded.times_read""",
                rows,
            )

    def forget(self, paths: Iterable[str]) -> None:
        with transaction(self._conn) as conn:
            conn.executemany("DELETE FROM documents_files WHERE path = ?", ((p,) for p in paths))

    def forget_fingerprints(self) -> None:
        """Make every file look changed (the index was lost): the next run reads them all."""
        with transaction(self._conn) as conn:
            conn.execute("UPDATE documents_files SET mtime_ns = -1, sha256 = NULL, chunks = 0")

    def file(self, path: str) -> FileRecord | None:
        row = self._conn.execute(
            "SELECT * FROM documents_files WHERE path = ?", (path,)
        ).fetchone()
        return _record(row) if row else None

    def files(
        self, status: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[FileRecord]:
        """Files by path, optionally only those with ``status``, for the status list."""
        sql = "SELECT * FROM documents_files"
        parameters: list[object] = []
        if status is not None:
            sql += " WHERE status = ?"
            parameters.append(status)
        sql += " ORDER BY path LIMIT ? OFFSET ?"
        parameters += [-1 if limit is None else limit, offset]
        return [_record(row) for row in self._conn.execute(sql, parameters)]

    def counts(self) -> dict[str, int]:
        """Files per status, and ``chunks`` in all indexed files."""
        counts = dict.fromkeys(STATUSES, 0)
        for status, number in self._conn.execute(
            "SELECT status, count(*) FROM documents_files GROUP BY status"
        ):
            counts[status] = number
        chunks = self._conn.execute("SELECT coalesce(sum(chunks), 0) FROM documents_files")
        counts["chunks"] = int(chunks.fetchone()[0])
        return counts

    def folder_counts(self) -> dict[int, dict[str, int]]:
        """Files per status in each folder, by folder id."""
        counts: dict[int, dict[str, int]] = {}
        for folder_id, status, number in self._conn.execute(
            "SELECT folder_id, status, count(*) FROM documents_files GROUP BY folder_id, status"
        ):
            counts.setdefault(folder_id, dict.fromkeys(STATUSES, 0))[status] = number
        return counts

    def paths_in(self, folder_id: int) -> list[str]:
        rows = self._conn.execute(
            "SELECT path FROM documents_files WHERE folder_id = ?", (folder_id,)
        )
        return [row[0] for row in rows]

    def last_indexed_at(self) -> str | None:
        row = self._conn.execute("SELECT max(indexed_at) FROM documents_files").fetchone()
        return row[0] if row else None
