"""Picks up changes in the indexed folders while the app runs, without rescanning everything.

``watchdog`` reports created, modified, moved and deleted paths (inotify, FSEvents,
ReadDirectoryChangesW); after the folders have been quiet for a moment the collected paths go
through the same incremental path as a full run (``DocumentService.refresh``), in the
watcher's own thread. Events inside the app's data folder are ignored, so the index's own
writes never feed back into it.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_assistant.documents.progress import IndexProgress
    from desktop_assistant.documents.service import DocumentService

_IGNORED_EVENTS = {"opened", "closed_no_write"}


def _wanted_events() -> list[type[Any]]:
    """The changes a refresh needs. Asked of the system itself, so that the indexer's own
    reading (an open and a close per file) does not flood the watcher's threads with events
    they would drop, taking the GIL from the window while they do."""
    from watchdog.events import (
        DirCreatedEvent,
        DirDeletedEvent,
        DirMovedEvent,
        FileClosedEvent,
        FileCreatedEvent,
        FileDeletedEvent,
        FileModifiedEvent,
        FileMovedEvent,
    )

    return [FileCreatedEvent, FileModifiedEvent, FileClosedEvent, FileMovedEvent,
            FileDeletedEvent, DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


class FolderWatcher:
    """Watches the service's folders and refreshes the index for what changed.

    ``on_refresh`` gets the last progress of each refresh; ``on_error`` any exception a
    refresh raised (the watcher keeps going). Both are called in the watcher's thread.
    """

    def __init__(
        self,
        service: DocumentService,
        on_refresh: Callable[[IndexProgress], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        quiet_seconds: float = 0.3,
    ) -> None:
        self.service = service
        self.on_refresh = on_refresh
        self.on_error = on_error
        self.quiet_seconds = quiet_seconds
        self._ignored = os.path.realpath(service.index_dir.parent) + os.sep
        self._changed: set[str] = set()
        self._last_change = 0.0
        self._condition = threading.Condition()
        self._stopping = False
        self._observer: Any = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Watch the folders indexed now (call ``restart`` after adding or removing one)."""
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer

        wanted = _wanted_events()

        watcher = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if event.event_type in _IGNORED_EVENTS:
                    return
                if event.is_directory and event.event_type == "modified":
                    return  # its files report their own changes; no need to rescan it
                watcher._note(os.fsdecode(event.src_path))
                if getattr(event, "dest_path", ""):
                    watcher._note(os.fsdecode(event.dest_path))

        observer = Observer()
        handler = Handler()
        for folder in self.service.folders():
            if os.path.isdir(folder.path):
                observer.schedule(handler, folder.path, recursive=True, event_filter=wanted)
        observer.daemon = True
        observer.start()
        self._observer = observer
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="document-watcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop watching; a refresh under way finishes first."""
        if self._observer is not None:
            self._observer.stop()
            self._observer.join()
            self._observer = None
        with self._condition:
            self._stopping = True
            self._condition.notify_all()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def _note(self, path: str) -> None:
        if path.startswith(self._ignored) or path == self._ignored.rstrip(os.sep):
            return
        with self._condition:
            self._changed.add(path)
            self._last_change = time.monotonic()
            self._condition.notify_all()

    def _next_batch(self) -> set[str] | None:
        """The changed paths once the folders have been quiet a moment; None when stopping."""
        with self._condition:
            while not self._changed and not self._stopping:
                self._condition.wait()
            while not self._stopping:
                quiet = time.monotonic() - self._last_change
                if quiet >= self.quiet_seconds:
                    break
                self._condition.wait(self.quiet_seconds - quiet)
            if self._stopping:
                return None
            batch, self._changed = self._changed, set()
            return batch

    def _run(self) -> None:
        try:
            while (batch := self._next_batch()) is not None:
                try:
                    events = list(self.service.refresh(sorted(batch)))
                    if events and self.on_refresh is not None:
                        self.on_refresh(events[-1])
                except Exception as error:  # reported, and the watcher keeps watching
                    if self.on_error is not None:
                        self.on_error(error)
        finally:
            self.service.release_thread()
