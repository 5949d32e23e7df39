"""``DocumentService``: the document-search feature as the window, the CLI and the tools see it.

Folders in, progress out, hits back. ``index()`` is a generator of ``IndexProgress`` for a
worker thread; an ``IndexControl`` passed to it pauses, resumes or cancels it from another
thread. Only one run writes at a time (``IndexBusy`` otherwise), and the file watcher's
updates wait for a running one to finish. ``read_document`` opens only files that were
indexed from an indexed folder: no ``..``, no link out of the folder, no other absolute path.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_assistant.documents.catalogue import Catalogue, FileRecord, Folder
from desktop_assistant.documents.engine import Hit, IndexBusy, SearchIndex
from desktop_assistant.documents.extractors import Limits
from desktop_assistant.documents.indexer import Indexer
from desktop_assistant.documents.locations import parse_location
from desktop_assistant.documents.progress import IndexControl, IndexProgress

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.db import Database
    from desktop_assistant.documents.watcher import FolderWatcher

INDEX_FOLDER = "documents-index"
READ_CHARS = 12_000


class DocumentError(ValueError):
    """A request about documents that cannot be done; the message says why, for a person."""


@dataclass(frozen=True)
class FolderStatus:
    path: str
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    indexed: int = 0
    skipped: int = 0
    errors: int = 0


@dataclass(frozen=True)
class DocumentsStatus:
    folders: list[FolderStatus]
    indexed: int
    skipped: int
    errors: int
    chunks: int
    last_indexed_at: str | None
    indexing: bool

    def as_dict(self) -> dict[str, Any]:
        data = dict(vars(self))
        data["folders"] = [dict(vars(f)) for f in self.folders]
        return data


@dataclass(frozen=True)
class DocumentText:
    """Text read from a file at a location, as sections labelled by their own locations."""

    path: str
    title: str
    sections: list[tuple[str, str]] = field(default_factory=list)
    truncated: bool = False


class DocumentService:
    """Company document search: folders, indexing, status, search and reading."""

    def __init__(
        self,
        database: Callable[[], Database],
        index_dir: Path,
        limits: Limits | None = None,
        *,
        batch_files: int = 1000,
        batch_seconds: float = 5.0,
    ) -> None:
        self._database = database
        self.catalogue = Catalogue(database)
        self.index_dir = index_dir
        self.limits = limits or Limits()
        self.batch_files = batch_files
        self.batch_seconds = batch_seconds
        self._index: SearchIndex | None = None
        self._opening = threading.Lock()
        self._writing = threading.Lock()

    @property
    def search_index(self) -> SearchIndex:
        """The search index, opened on first use."""
        with self._opening:
            if self._index is None:
                from desktop_assistant.documents.tantivy_engine import TantivyIndex

                index = TantivyIndex(self.index_dir)
                if index.created:
                    # A new, empty index: whatever the catalogue says was indexed is not.
                    self.catalogue.forget_fingerprints()
                self._index = index
            return self._index

    # Folders ------------------------------------------------------------------------------

    def folders(self) -> list[Folder]:
        return self.catalogue.folders()

    def add_folder(
        self, path: str | Path, include: Sequence[str] = (), exclude: Sequence[str] | None = None
    ) -> Folder:
        """Index ``path`` from the next run on; folders already inside it are merged into it."""
        from desktop_assistant.documents.scanning import DEFAULT_EXCLUDE

        real = Path(path).expanduser().resolve()
        if not real.is_dir():
            raise DocumentError(f"{real} is not a folder.")
        for folder in self.folders():
            if str(real) != folder.path and _inside(str(real), folder.path):
                raise DocumentError(f"{real} is already indexed, as part of {folder.path}.")
        return self.catalogue.add_folder(
            str(real), list(include), list(DEFAULT_EXCLUDE if exclude is None else exclude)
        )

    def remove_folder(self, path: str | Path) -> int:
        """Stop indexing ``path`` and take its files out of the index; returns how many."""
        folder = self._folder(path)
        if not self._writing.acquire(blocking=False):
            raise IndexBusy("Indexing is running; remove the folder when it has finished.")
        try:
            writes = self.search_index.writer()
            try:
                for file_path in self.catalogue.paths_in(folder.id):
                    writes.delete_file(file_path)
                writes.delete_folder(folder.path)
                writes.commit()
            finally:
                writes.close()
            return self.catalogue.remove_folder(folder.id)
        finally:
            self._writing.release()

    def _folder(self, path: str | Path) -> Folder:
        wanted = {str(path), str(Path(path).expanduser().resolve())}
        for folder in self.folders():
            if folder.path in wanted:
                return folder
        raise DocumentError(f"{path} is not an indexed folder.")

    # Indexing -----------------------------------------------------------------------------

    def _indexer(self) -> Indexer:
        return Indexer(self.catalogue, self.search_index, self.limits,
                       batch_files=self.batch_files, batch_seconds=self.batch_seconds)

    def index(
        self, control: IndexControl | None = None, progress_interval: float = 0.1
    ) -> Generator[IndexProgress, None, None]:
        """Bring the index up to date, yielding progress at most every ``progress_interval``
        seconds (and at every phase and commit). Raises ``IndexBusy`` on the first ``next``
        if another run is writing."""
        if not self._writing.acquire(blocking=False):
            raise IndexBusy("Indexing is running already.")
        try:
            yield from self._indexer().run(self.folders(), control, progress_interval)
        finally:
            self._writing.release()

    def refresh(self, paths: Iterable[str]) -> Generator[IndexProgress, None, None]:
        """Update the index for changed ``paths`` only; waits for a running index first."""
        with self._writing:
            yield from self._indexer().refresh(self.folders(), list(paths))

    @property
    def indexing(self) -> bool:
        return self._writing.locked()

    def watch(self, on_refresh: Callable[[IndexProgress], None] | None = None) -> FolderWatcher:
        """A started watcher that indexes changes in the folders while the app runs."""
        from desktop_assistant.documents.watcher import FolderWatcher

        watcher = FolderWatcher(self, on_refresh)
        watcher.start()
        return watcher

    # Status -------------------------------------------------------------------------------

    def status(self) -> DocumentsStatus:
        counts = self.catalogue.counts()
        per_folder = self.catalogue.folder_counts()
        folders = []
        for folder in self.folders():
            mine = per_folder.get(folder.id, {})
            folders.append(FolderStatus(
                folder.path, folder.include, folder.exclude, mine.get("indexed", 0),
                mine.get("skipped", 0), mine.get("error", 0),
            ))
        return DocumentsStatus(
            folders, counts["indexed"], counts["skipped"], counts["error"], counts["chunks"],
            self.catalogue.last_indexed_at(), self.indexing,
        )

    def files(
        self, status: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[FileRecord]:
        """The per-file status list (what was indexed, what was skipped and why)."""
        return self.catalogue.files(status, limit, offset)

    # Searching and reading ----------------------------------------------------------------

    def search(self, query: str, limit: int = 10, folder: str | None = None) -> list[Hit]:
        """The best files for ``query`` (any text), each with its best chunk's snippet."""
        within = self._search_folder(folder) if folder else None
        return self.search_index.search(query, limit, within)

    def _search_folder(self, folder: str) -> str:
        candidate = _given_path(folder, "folder")
        if ".." in candidate.parts:
            raise DocumentError("Give the folder without '..'.")
        roots = [Path(f.path) for f in self.folders()]
        options = [candidate] if candidate.is_absolute() else [root / candidate for root in roots]
        options += [root for root in roots if not candidate.is_absolute() and
                    root.name.casefold() == folder.strip("/\\").casefold()]
        for option in options:
            real = option.resolve()
            if real.is_dir() and any(_inside(str(real), str(root)) for root in roots):
                return str(real)
        indexed = ", ".join(str(root) for root in roots) or "none yet"
        raise DocumentError(f"{folder} is not an indexed folder (indexed: {indexed}).")

    def confined_path(self, path: str) -> str:
        """The real path of an indexed file named by ``path`` (absolute, or relative to an
        indexed folder); raises ``DocumentError`` for anything outside the indexed files."""
        candidate = _given_path(path.strip(), "file")
        if not path.strip() or ".." in candidate.parts:
            raise DocumentError("Give the path of an indexed file, without '..'.")
        roots = [f.path for f in self.folders()]
        options = [candidate] if candidate.is_absolute() else [Path(r) / candidate for r in roots]
        for option in options:
            real = os.path.realpath(option)
            if not any(_inside(real, os.path.realpath(root)) for root in roots):
                continue
            record = self.catalogue.file(real)
            if record is not None and record.status == "indexed" and os.path.isfile(real):
                return real
        raise DocumentError(
            f"{path} is not an indexed document. Only files indexed from the folders in "
            "Settings → Documents can be read; search first and use a path it returns."
        )

    def file_in_folders(self, path: str) -> str:
        """The real path of an existing file inside the folders added to document search
        (indexed or not: an attachment may be an image or a zip); ``DocumentError`` for
        anything else, symlinks that lead out included."""
        candidate = _given_path(path.strip(), "file")
        if not path.strip() or ".." in candidate.parts or not candidate.is_absolute():
            raise DocumentError(f"Give the full path of a file, without '..' (not {path!r}).")
        real = os.path.realpath(candidate)
        roots = [os.path.realpath(f.path) for f in self.folders()]
        if any(_inside(real, root) for root in roots) and os.path.isfile(real):
            return real
        raise DocumentError(
            f"{path} is outside the folders added in Settings → Documents, so the assistant "
            "can't attach it. Attach it yourself in the draft's mail program, or add its "
            "folder there."
        )

    def read_document(self, path: str, location: str = "", max_chars: int = READ_CHARS
                      ) -> DocumentText:
        """The text of an indexed file at ``location`` ("page 4", "slide 2", "sheet Budget",
        "lines 10-40", a heading, or "" for the start), at most ``max_chars`` characters."""
        from desktop_assistant.documents.extractors import Failed, Skipped, extract

        real = self.confined_path(path)
        try:
            extracted = extract(Path(real), self.limits)
        except (Skipped, Failed) as error:
            raise DocumentError(f"{real} cannot be read now: {error}.") from None
        wanted = parse_location(location)
        chosen = [c for c in extracted.chunks if c.location.overlaps(wanted)]
        if not chosen:
            labels = list(dict.fromkeys(c.location.label for c in extracted.chunks if
                                        c.location.label))
            shown = "; ".join(labels[:20]) + (" …" if len(labels) > 20 else "")
            raise DocumentError(f"No {location!r} in {real}. Its locations: {shown}.")
        sections: list[tuple[str, str]] = []
        used = 0
        for chunk in chosen:
            if used >= max_chars:
                break
            text = chunk.text[: max_chars - used]
            sections.append((chunk.location.label, text))
            used += len(text)
        truncated = used >= max_chars and sum(len(c.text) for c in chosen) > max_chars
        return DocumentText(real, extracted.title, sections, truncated)

    def release_thread(self) -> None:
        """Close the calling thread's database connection (a worker thread ending)."""
        self._database().close()

    def close(self) -> None:
        with self._opening:
            if self._index is not None:
                self._index.close()
                self._index = None


def _given_path(text: str, what: str) -> Path:
    """``text`` as a path with ``~`` expanded; DocumentError for what no file can be called
    (a NUL character, the home of a user who does not exist)."""
    if "\0" in text:
        raise DocumentError(f"Give the {what} without NUL characters.")
    try:
        return Path(text).expanduser()
    except RuntimeError:  # "~someone" for an unknown user
        raise DocumentError(f"{text} is not an indexed {what}: no such home folder.") from None


def _inside(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([path, folder]) == os.path.normpath(folder)
    except ValueError:  # different drives
        return False


def open_documents(services: Services) -> DocumentService:
    """The document service for the app's services: its catalogue in the app's database, its
    index in the data folder. The database is opened only when the catalogue is needed."""
    return DocumentService(lambda: services.database, services.paths.data_dir / INDEX_FOLDER)
