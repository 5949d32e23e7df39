"""Conversations, messages and the audit log of tool calls, in the app's SQLite database.

Nothing the person writes is ever lost: a user message is stored before the model is called,
and a streaming answer is checkpointed while it streams. A message still marked ``streaming``
when the database is next opened was cut off by a crash or a kill; it becomes ``interrupted``
with the text it had.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from desktop_assistant.analysis import fts_match, index_terms, snippet
from desktop_assistant.db import Database, transaction, utc_now

DEFAULT_TITLE = "New conversation"


class NotFound(LookupError):
    """A conversation or message that does not exist (any more)."""


@dataclass(frozen=True)
class Conversation:
    id: int
    title: str
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Message:
    id: int
    conversation_id: int
    role: str
    content: str
    status: str = "complete"
    model: str | None = None
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    tool_call_id: str | None = None
    tool_name: str | None = None
    error: str | None = None
    created_at: str = ""

    @property
    def ai_written(self) -> bool:
        """True for text a model wrote (slash-command answers carry no model)."""
        return self.role == "assistant" and self.model is not None


@dataclass(frozen=True)
class SearchHit:
    conversation_id: int
    conversation_title: str
    message_id: int | None
    role: str | None
    snippet: str


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    conversation_id: int | None
    call_id: str | None
    tool: str
    effect: str
    arguments: dict[str, Any]
    approval: str
    outcome: str
    result: str


def _conversation(row: sqlite3.Row) -> Conversation:
    return Conversation(row["id"], row["title"], row["created_at"], row["updated_at"])


def _message(row: sqlite3.Row) -> Message:
    return Message(
        id=row["id"],
        conversation_id=row["conversation_id"],
        role=row["role"],
        content=row["content"],
        status=row["status"],
        model=row["model"],
        tool_calls=json.loads(row["tool_calls"]) if row["tool_calls"] else [],
        tool_call_id=row["tool_call_id"],
        tool_name=row["tool_name"],
        error=row["error"],
        created_at=row["created_at"],
    )


class HistoryStore:
    """Reads and writes conversations, messages and audit entries."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.recover_interrupted()

    @property
    def _conn(self) -> sqlite3.Connection:
        return self.database.conn

    # Conversations -------------------------------------------------------------------------

    def create_conversation(self, title: str = DEFAULT_TITLE) -> Conversation:
        now = utc_now()
        conn = self._conn
        with transaction(conn):
            cursor = conn.execute(
                "INSERT INTO conversations (title, created_at, updated_at) VALUES (?, ?, ?)",
                (title, now, now),
            )
            conversation_id = int(cursor.lastrowid or 0)
            conn.execute(
                "INSERT INTO title_search (rowid, terms) VALUES (?, ?)",
                (conversation_id, index_terms(title)),
            )
        return Conversation(conversation_id, title, now, now)

    def conversation(self, conversation_id: int) -> Conversation:
        row = self._conn.execute(
            "SELECT * FROM conversations WHERE id = ?", (conversation_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"There is no conversation {conversation_id}.")
        return _conversation(row)

    def has_conversation(self, conversation_id: int) -> bool:
        row = self._conn.execute(
            "SELECT 1 FROM conversations WHERE id = ?", (conversation_id,)
        ).fetchone()
        return row is not None

    def conversations(self, limit: int | None = None) -> list[Conversation]:
        """Most recently active first."""
        sql = "SELECT * FROM conversations ORDER BY updated_at DESC, id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_conversation(row) for row in self._conn.execute(sql)]

    def rename_conversation(self, conversation_id: int, title: str) -> Conversation:
        title = " ".join(title.split())
        if not title:
            raise ValueError("A conversation needs a title.")
        self.conversation(conversation_id)
        conn = self._conn
        with transaction(conn):
            conn.execute(
                "UPDATE conversations SET title = ? WHERE id = ?", (title, conversation_id)
            )
            conn.execute(
                "UPDATE title_search SET terms = ? WHERE rowid = ?",
                (index_terms(title), conversation_id),
            )
        return self.conversation(conversation_id)

    def delete_conversation(self, conversation_id: int) -> None:
        conn = self._conn
        with transaction(conn):
            conn.execute(
                "DELETE FROM message_search WHERE rowid IN "
                "(SELECT id FROM messages WHERE conversation_id = ?)",
                (conversation_id,),
            )
            conn.execute("DELETE FROM title_search WHERE rowid = ?", (conversation_id,))
            conn.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))

    # Messages ------------------------------------------------------------------------------

    def add_message(
        self,
        conversation_id: int,
        role: str,
        content: str,
        *,
        status: str = "complete",
        model: str | None = None,
        tool_calls: list[dict[str, Any]] | None = None,
        tool_call_id: str | None = None,
        tool_name: str | None = None,
        error: str | None = None,
    ) -> Message:
        """Store a message and make its conversation the most recent one."""
        now = utc_now()
        conn = self._conn
        with transaction(conn):
            cursor = conn.execute(
                """INSERT INTO messages (conversation_id, role, content, status, model,
                    tool_calls, tool_call_id, tool_name, error, created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    conversation_id,
                    role,
                    content,
                    status,
                    model,
                    json.dumps(tool_calls, ensure_ascii=False) if tool_calls else None,
                    tool_call_id,
                    tool_name,
                    error,
                    now,
                    now,
                ),
            )
            message_id = int(cursor.lastrowid or 0)
            if role in ("user", "assistant") and content:
                self._index(conn, message_id, content)
            conn.execute(
                "UPDATE conversations SET updated_at = ? WHERE id = ?", (now, conversation_id)
            )
        return self.message(message_id)

    def message(self, message_id: int) -> Message:
        row = self._conn.execute("SELECT * FROM messages WHERE id = ?", (message_id,)).fetchone()
        if row is None:
            raise NotFound(f"There is no message {message_id}.")
        return _message(row)

    def messages(self, conversation_id: int) -> list[Message]:
        rows = self._conn.execute(
            "SELECT * FROM messages WHERE conversation_id = ? ORDER BY id", (conversation_id,)
        )
        return [_message(row) for row in rows]

    def checkpoint(self, message_id: int, content: str) -> None:
        """Save the text streamed so far; a crash after this keeps it."""
        self._conn.execute(
            "UPDATE messages SET content = ?, updated_at = ? WHERE id = ?",
            (content, utc_now(), message_id),
        )

    def finish_message(
        self,
        message_id: int,
        content: str,
        *,
        status: str = "complete",
        tool_calls: list[dict[str, Any]] | None = None,
        error: str | None = None,
    ) -> Message:
        conn = self._conn
        with transaction(conn):
            conn.execute(
                """UPDATE messages SET content = ?, status = ?, tool_calls = ?, error = ?,
                   updated_at = ? WHERE id = ?""",
                (
                    content,
                    status,
                    json.dumps(tool_calls, ensure_ascii=False) if tool_calls else None,
                    error,
                    utc_now(),
                    message_id,
                ),
            )
            if content:
                self._index(conn, message_id, content)
        return self.message(message_id)

    def recover_interrupted(self) -> int:
        """Mark answers cut off by a crash as interrupted, keep their text and index it."""
        conn = self._conn
        rows = conn.execute(
            "SELECT id, content FROM messages WHERE status = 'streaming'"
        ).fetchall()
        if not rows:
            return 0
        with transaction(conn):
            for row in rows:
                conn.execute(
                    "UPDATE messages SET status = 'interrupted', error = ? WHERE id = ?",
                    ("The answer was cut off when the app stopped.", row["id"]),
                )
                if row["content"]:
                    self._index(conn, row["id"], row["content"])
        return len(rows)

    def _index(self, conn: sqlite3.Connection, message_id: int, content: str) -> None:
        conn.execute("DELETE FROM message_search WHERE rowid = ?", (message_id,))
        conn.execute(
            "INSERT INTO message_search (rowid, terms) VALUES (?, ?)",
            (message_id, index_terms(content)),
        )

    # Search --------------------------------------------------------------------------------

    def search(self, query: str, limit: int = 50, prefix: bool = False) -> list[SearchHit]:
        """Messages and conversation titles matching every word of ``query``, best first.

        Chinese works as well as English: 会议 finds 明天的会议室. ``prefix`` treats the last
        word as a prefix, for search as you type.
        """
        expression = fts_match(query, prefix_last=prefix)
        if expression is None:
            return []
        conn = self._conn
        hits: list[SearchHit] = []
        for row in conn.execute(
            """SELECT c.id, c.title FROM title_search
               JOIN conversations c ON c.id = title_search.rowid
               WHERE title_search MATCH ? ORDER BY rank LIMIT ?""",
            (expression, limit),
        ):
            hits.append(SearchHit(row["id"], row["title"], None, None, row["title"]))
        for row in conn.execute(
            """SELECT m.id, m.role, m.content, c.id AS cid, c.title FROM message_search
               JOIN messages m ON m.id = message_search.rowid
               JOIN conversations c ON c.id = m.conversation_id
               WHERE message_search MATCH ? ORDER BY rank LIMIT ?""",
            (expression, limit),
        ):
            hits.append(
                SearchHit(
                    row["cid"], row["title"], row["id"], row["role"],
                    snippet(row["content"], query),
                )
            )
        return hits[:limit]

    def matching_conversations(self, query: str) -> list[Conversation]:
        """Conversations with a title or message matching ``query``, most recent first."""
        ids = {hit.conversation_id for hit in self.search(query, limit=500, prefix=True)}
        return [c for c in self.conversations() if c.id in ids]

    # Audit log -----------------------------------------------------------------------------

    def audit(
        self,
        *,
        conversation_id: int | None,
        call_id: str | None,
        tool: str,
        effect: str,
        arguments: dict[str, Any],
        approval: str,
        outcome: str,
        result: str,
    ) -> int:
        """Record one tool call: what ran, with what, how it was approved, what came of it."""
        cursor = self._conn.execute(
            """INSERT INTO audit_log (at, conversation_id, call_id, tool, effect, arguments,
               approval, outcome, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                utc_now(),
                conversation_id,
                call_id,
                tool,
                effect,
                json.dumps(arguments, ensure_ascii=False, default=str),
                approval,
                outcome,
                result,
            ),
        )
        return int(cursor.lastrowid or 0)

    def audit_entries(self, limit: int = 200) -> list[AuditEntry]:
        """The latest audit entries, newest first."""
        return self.audit_search(limit=limit)

    def audit_search(
        self, text: str = "", tool: str = "", limit: int = 200, before_id: int | None = None
    ) -> list[AuditEntry]:
        """Audit entries, newest first: those whose tool, arguments, approval, outcome or
        result contain ``text`` (any case), of ``tool`` if given, older than ``before_id`` (the
        next page)."""
        clauses: list[str] = ["1"]
        params: list[object] = []
        if text.strip():
            clauses.append("instr(lower(tool || ' ' || arguments || ' ' || approval || ' ' || "
                           "outcome || ' ' || result), ?) > 0")
            params.append(text.strip().lower())
        if tool:
            clauses.append("tool = ?")
            params.append(tool)
        if before_id is not None:
            clauses.append("id < ?")
            params.append(before_id)
        rows = self._conn.execute(
            f"SELECT * FROM audit_log WHERE {' AND '.join(clauses)} ORDER BY id DESC LIMIT ?",
            (*params, limit),
        ).fetchall()
        return [_audit_entry(row) for row in rows]

    def audit_tools(self) -> list[str]:
        """The tools the audit log has entries for, by name."""
        rows = self._conn.execute("SELECT DISTINCT tool FROM audit_log ORDER BY tool")
        return [row[0] for row in rows]


def _audit_entry(row: sqlite3.Row) -> AuditEntry:
    return AuditEntry(
        id=row["id"],
        at=row["at"],
        conversation_id=row["conversation_id"],
        call_id=row["call_id"],
        tool=row["tool"],
        effect=row["effect"],
        arguments=json.loads(row["arguments"]),
        approval=row["approval"],
        outcome=row["outcome"],
        result=row["result"],
    )
