"""The worker plumbing: every task's result reaches the GUI thread."""

from __future__ import annotations

from typing import Any

from desktop_assistant.ui.workers import run_task
from tests.gui.driving import TIMEOUT_MS


def test_quick_tasks_in_a_row_each_deliver_their_result(qtbot: Any) -> None:
    """A task that finishes before the previous one's end is handled keeps its result."""
    results: list[int] = []
    for number in range(3):
        task = run_task(lambda number=number: number, results.append)
        task.wait()  # finished, its result still queued: nothing has run the event loop yet
    del task
    qtbot.waitUntil(lambda: results == [0, 1, 2], timeout=TIMEOUT_MS)
