"""What an indexing run reports, and how another thread pauses, resumes or cancels it.

The GUI's worker runs ``DocumentService.index`` and re-emits each ``IndexProgress`` as a
signal; the window's Pause and Cancel buttons call ``IndexControl`` from the GUI thread.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class IndexProgress:
    """Where a run stands. ``files_total`` counts the files this run must read (new, changed
    or failed before); ``saved`` how many outcomes are committed and survive a restart."""

    phase: str  # scanning | removing | indexing | paused | cancelled | done
    files_done: int = 0
    files_total: int = 0
    current: str | None = None
    rate: float = 0.0  # files per second while indexing
    found: int = 0
    unchanged: int = 0
    indexed: int = 0
    skipped: int = 0
    failed: int = 0
    removed: int = 0
    saved: int = 0
    elapsed: float = 0.0
    unavailable: tuple[str, ...] = ()  # folders that could not be reached (left as they were)


class IndexControl:
    """Pause, resume or cancel a running index from any thread."""

    def __init__(self) -> None:
        self._running = threading.Event()
        self._running.set()
        self._cancelled = threading.Event()

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    def cancel(self) -> None:
        self._cancelled.set()
        self._running.set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def wait_while_paused(self) -> None:
        self._running.wait()
