"""The one small interface between document search and its engine, and what a search returns.

The indexer and the service only see ``SearchIndex`` and ``IndexWrites``, so a team-wide engine
(a server, another library) can replace the local tantivy index by implementing these two.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from desktop_assistant.documents.extractors import Chunk
from desktop_assistant.documents.locations import Location


class IndexBusy(RuntimeError):
    """Another indexing run (in this app or another process) is writing the index."""


@dataclass(frozen=True)
class Hit:
    """One search result: the best-matching chunk of one file."""

    path: str
    title: str
    score: float
    snippet: str
    location: Location
    highlights: tuple[tuple[int, int], ...] = ()

    @property
    def link(self) -> str:
        """A file URI that opens the file, at the page where the viewer supports it."""
        uri = Path(self.path).as_uri()
        return f"{uri}#page={self.location.page}" if self.location.page else uri

    @property
    def citation(self) -> str:
        """"budget.pdf — page 4", or the file name alone where there is no location."""
        name = Path(self.path).name
        label = self.location.label
        return f"{name} — {label}" if label else name

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "location": self.location.label,
            "page": self.location.page,
            "link": self.link,
            "highlights": [list(span) for span in self.highlights],
        }


class IndexWrites(Protocol):
    """Changes to the index; nothing is visible to searches, or survives a crash, before
    ``commit``. ``close`` drops what was not committed and lets others write."""

    def replace_file(self, path: str, folder: str, title: str, chunks: Sequence[Chunk]) -> None:
        """Put ``chunks`` of the file at ``path`` (inside ``folder``) in place of its old ones."""

    def delete_file(self, path: str) -> None: ...

    def delete_folder(self, folder: str) -> None:
        """Remove every file that was indexed from ``folder``."""

    def commit(self) -> None: ...

    def close(self) -> None: ...


class SearchIndex(Protocol):
    """A full-text index of chunks, searched by relevance."""

    @property
    def created(self) -> bool:
        """True if the index was created empty when opened (first use, or lost and rebuilt)."""

    def writer(self) -> IndexWrites:
        """The single writer; raises ``IndexBusy`` while another one is open."""

    def search(self, query: str, limit: int = 10, folder: str | None = None) -> list[Hit]:
        """The best chunk of each of the ``limit`` best files; any text is a valid query."""

    def chunk_count(self) -> int: ...

    def close(self) -> None: ...
