"""Changes in a watched folder reach the index while the app runs (real inotify)."""

from __future__ import annotations

import queue
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop_assistant.db import Database
from desktop_assistant.documents.progress import IndexProgress
from desktop_assistant.documents.schema import MIGRATIONS
from desktop_assistant.documents.service import DocumentService
from desktop_assistant.documents.watcher import FolderWatcher
from tests.support.documents_corpus import index_all, make_docx

WAIT_SECONDS = 20


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[DocumentService, Path, queue.Queue[object]]]:
    folder = tmp_path / "drive"
    folder.mkdir()
    (folder / "existing.txt").write_text("existing budget memo\n")
    database = Database(tmp_path / "data" / "assistant.db", MIGRATIONS)
    service = DocumentService(lambda: database, tmp_path / "data" / "documents-index")
    service.add_folder(folder)
    index_all(service)
    reports: queue.Queue[object] = queue.Queue()
    watcher = FolderWatcher(service, on_refresh=reports.put, on_error=reports.put)
    watcher.start()
    yield service, folder, reports
    watcher.stop()
    service.close()
    database.close_all()


SEEN: list[IndexProgress] = []


def wait_until(reports: queue.Queue[object], condition: Callable[[], bool]) -> None:
    """Take the watcher's reports until ``condition`` holds (each refresh is a chance)."""
    while not condition():
        report = reports.get(timeout=WAIT_SECONDS)
        assert isinstance(report, IndexProgress), report
        SEEN.append(report)


def names(service: DocumentService, query: str) -> set[str]:
    return {Path(hit.path).name for hit in service.search(query, 20)}


def test_created_changed_moved_and_deleted_files_are_picked_up(
    watched: tuple[DocumentService, Path, queue.Queue[object]], tmp_path: Path
) -> None:
    service, folder, reports = watched
    SEEN.clear()
    (folder / "new.txt").write_text("fresh quarterly forecast\n")
    wait_until(reports, lambda: names(service, "forecast") == {"new.txt"})

    (folder / "new.txt").write_text("revised annual outlook\n")
    wait_until(reports, lambda: names(service, "outlook") == {"new.txt"})
    assert names(service, "forecast") == set()

    outside = tmp_path / "incoming"
    outside.mkdir()
    make_docx(outside / "minutes.docx", [("会议纪要", ["预算讨论"])])
    shutil.move(str(outside), str(folder / "incoming"))
    wait_until(reports, lambda: names(service, "预算") == {"minutes.docx"})

    (folder / "existing.txt").unlink()
    wait_until(reports, lambda: names(service, "memo") == set())
    shutil.rmtree(folder / "incoming")
    wait_until(reports, lambda: names(service, "会议") == set())
    assert {Path(f.path).name for f in service.files()} == {"new.txt"}
    # Each refresh looked at the changed paths only, never the whole folder again.
    assert max(report.found for report in SEEN) <= 1
