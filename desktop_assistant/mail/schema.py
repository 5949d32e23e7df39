"""The mail drafts' table in the app's database.

``mail_drafts``: one row per draft, with its conversation (drafts are kept in history and can be
reopened), the fields as the card shows them (lists as JSON), its Message-ID (so every copy of
one draft is the same message), and where it was last saved: an ``.eml`` file, a Gmail draft
id, an IMAP folder with the message's UID (``uidvalidity:uid``).

Passwords and OAuth tokens are never here: they are in the OS keyring (``SecretStore``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def mail_001_drafts(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE mail_drafts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id INTEGER REFERENCES conversations(id) ON DELETE CASCADE,
            source TEXT NOT NULL CHECK (source IN ('assistant', 'person')),
            to_addresses TEXT NOT NULL DEFAULT '[]',
            cc_addresses TEXT NOT NULL DEFAULT '[]',
            bcc_addresses TEXT NOT NULL DEFAULT '[]',
            subject TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            html TEXT NOT NULL DEFAULT '',
            in_reply_to TEXT NOT NULL DEFAULT '',
            reference_ids TEXT NOT NULL DEFAULT '[]',
            quoted TEXT NOT NULL DEFAULT '',
            attachments TEXT NOT NULL DEFAULT '[]',
            invitation TEXT NOT NULL DEFAULT '',
            message_id TEXT NOT NULL,
            eml_path TEXT NOT NULL DEFAULT '',
            gmail_draft_id TEXT NOT NULL DEFAULT '',
            imap_folder TEXT NOT NULL DEFAULT '',
            imap_uid TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX mail_drafts_by_conversation ON mail_drafts (conversation_id, id)")


MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = [
    (function.__name__, function) for function in (mail_001_drafts,)
]
