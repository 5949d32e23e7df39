"""Facts the person asked the assistant to keep; shown and deletable in settings."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_assistant.db import Database, utc_now

MAX_MEMORY_CHARS = 1000


@dataclass(frozen=True)
class Memory:
    id: int
    text: str
    created_at: str


class MemoryStore:
    """Remembered facts, oldest first; every one of them goes into the system prompt."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def add(self, text: str) -> Memory:
        text = " ".join(text.split())
        if not text:
            raise ValueError("There is nothing to remember: the text is empty.")
        if len(text) > MAX_MEMORY_CHARS:
            raise ValueError(f"A memory is limited to {MAX_MEMORY_CHARS} characters.")
        now = utc_now()
        cursor = self.database.conn.execute(
            "INSERT INTO memories (text, created_at) VALUES (?, ?)", (text, now)
        )
        return Memory(int(cursor.lastrowid or 0), text, now)

    def all(self) -> list[Memory]:
        rows = self.database.conn.execute("SELECT * FROM memories ORDER BY id").fetchall()
        return [Memory(row["id"], row["text"], row["created_at"]) for row in rows]

    def delete(self, memory_id: int) -> bool:
        if not -(2**63) <= memory_id < 2**63:  # beyond SQLite's integers: no such memory
            return False
        cursor = self.database.conn.execute("DELETE FROM memories WHERE id = ?", (memory_id,))
        return cursor.rowcount > 0

    def restore(self, memory: Memory) -> None:
        """Put a deleted memory back with its id (used by Undo)."""
        self.database.conn.execute(
            "INSERT OR IGNORE INTO memories (id, text, created_at) VALUES (?, ?, ?)",
            (memory.id, memory.text, memory.created_at),
        )

    def search(self, query: str) -> list[Memory]:
        words = [w.lower() for w in query.split() if w]
        return [m for m in self.all() if all(w in m.text.lower() for w in words)]
