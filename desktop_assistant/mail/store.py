"""Drafts in the app's database (``mail_drafts``), with where each was saved."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop_assistant.mail.draft import Draft
from desktop_assistant.mail.errors import DraftNotFound

if TYPE_CHECKING:
    from desktop_assistant.db import Database

# Draft field -> column, for the fields stored as they are.
_TEXT_COLUMNS = {"subject": "subject", "body": "body", "html": "html",
                 "in_reply_to": "in_reply_to", "quoted": "quoted", "invitation": "invitation",
                 "source": "source", "conversation_id": "conversation_id"}
# Draft field -> column, for the tuples (stored as JSON lists).
_LIST_COLUMNS = {"to": "to_addresses", "cc": "cc_addresses", "bcc": "bcc_addresses",
                 "references": "reference_ids", "attachments": "attachments"}


@dataclass(frozen=True)
class StoredDraft:
    """A draft with its number, its Message-ID, and where it has been saved so far."""

    id: int
    draft: Draft
    message_id: str
    created_at: str
    updated_at: str
    eml_path: str = ""
    gmail_draft_id: str = ""
    imap_folder: str = ""
    imap_uid: str = ""  # "uidvalidity:uid" of the copy in imap_folder

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, for the card and ``--json`` output."""
        draft = self.draft
        return {
            "id": self.id, "to": list(draft.to), "cc": list(draft.cc), "bcc": list(draft.bcc),
            "subject": draft.subject, "body": draft.body, "html": draft.html,
            "in_reply_to": draft.in_reply_to, "references": list(draft.references),
            "quoted": draft.quoted, "attachments": list(draft.attachments),
            "invitation": draft.invitation, "source": draft.source,
            "conversation_id": draft.conversation_id, "message_id": self.message_id,
            "created_at": self.created_at, "updated_at": self.updated_at,
            "eml_path": self.eml_path, "gmail_draft_id": self.gmail_draft_id,
            "imap_folder": self.imap_folder,
        }


class DraftStore:
    """Reads and writes ``mail_drafts`` rows."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def add(self, draft: Draft, message_id: str) -> StoredDraft:
        from desktop_assistant.db import utc_now

        now = utc_now()
        values = _columns(draft)
        names = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        cursor = self._database.conn.execute(
            f"INSERT INTO mail_drafts ({names}, message_id, created_at, updated_at) "
            f"VALUES ({marks}, ?, ?, ?)",
            (*values.values(), message_id, now, now),
        )
        return self.get(int(cursor.lastrowid or 0))

    def get(self, draft_id: int) -> StoredDraft:
        row = self._database.conn.execute(
            "SELECT * FROM mail_drafts WHERE id = ?", (draft_id,)
        ).fetchone()
        if row is None:
            raise DraftNotFound(f"There is no draft #{draft_id} (it may have been deleted).")
        return _stored(row)

    def replace(self, draft_id: int, draft: Draft) -> StoredDraft:
        from desktop_assistant.db import utc_now

        values = _columns(draft)
        assignments = ", ".join(f"{name} = ?" for name in values)
        cursor = self._database.conn.execute(
            f"UPDATE mail_drafts SET {assignments}, updated_at = ? WHERE id = ?",
            (*values.values(), utc_now(), draft_id),
        )
        if cursor.rowcount == 0:
            raise DraftNotFound(f"There is no draft #{draft_id} (it may have been deleted).")
        return self.get(draft_id)

    def for_conversation(self, conversation_id: int) -> list[StoredDraft]:
        rows = self._database.conn.execute(
            "SELECT * FROM mail_drafts WHERE conversation_id = ? ORDER BY id", (conversation_id,)
        ).fetchall()
        return [_stored(row) for row in rows]

    def recent(self, limit: int = 50) -> list[StoredDraft]:
        rows = self._database.conn.execute(
            "SELECT * FROM mail_drafts ORDER BY updated_at DESC, id DESC LIMIT ?", (limit,)
        ).fetchall()
        return [_stored(row) for row in rows]

    def delete(self, draft_id: int) -> bool:
        cursor = self._database.conn.execute("DELETE FROM mail_drafts WHERE id = ?", (draft_id,))
        return cursor.rowcount > 0

    def saved(self, draft_id: int, **where: str) -> StoredDraft:
        """Record where the draft was saved: ``eml_path``, ``gmail_draft_id``,
        ``imap_folder`` and ``imap_uid``."""
        from desktop_assistant.db import utc_now

        allowed = {"eml_path", "gmail_draft_id", "imap_folder", "imap_uid"}
        if not where or set(where) - allowed:
            raise ValueError(f"Record one of {', '.join(sorted(allowed))}.")
        assignments = ", ".join(f"{name} = ?" for name in where)
        self._database.conn.execute(
            f"UPDATE mail_drafts SET {assignments}, updated_at = ? WHERE id = ?",
            (*where.values(), utc_now(), draft_id),
        )
        return self.get(draft_id)


def _columns(draft: Draft) -> dict[str, Any]:
    values: dict[str, Any] = {column: getattr(draft, name) for name, column in
                              _TEXT_COLUMNS.items()}
    values.update({column: json.dumps(list(getattr(draft, name)), ensure_ascii=False)
                   for name, column in _LIST_COLUMNS.items()})
    return values


def _stored(row: sqlite3.Row) -> StoredDraft:
    fields: dict[str, Any] = {name: row[column] for name, column in _TEXT_COLUMNS.items()}
    fields.update({name: tuple(json.loads(row[column]))
                   for name, column in _LIST_COLUMNS.items()})
    return StoredDraft(
        id=row["id"], draft=Draft(**fields), message_id=row["message_id"],
        created_at=row["created_at"], updated_at=row["updated_at"], eml_path=row["eml_path"],
        gmail_draft_id=row["gmail_draft_id"], imap_folder=row["imap_folder"],
        imap_uid=row["imap_uid"],
    )
