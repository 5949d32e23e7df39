"""Company documents in the window: Settings → Documents, indexing in the background (pause,
resume, cancel, resume after a restart, shutdown), the Ctrl+K search panel, the folder watcher,
and citation links in the chat. Real widgets offscreen, the real DocumentService on the test's
own home, small real files made here. Opening a file is intercepted at QDesktopServices."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from desktop_assistant.documents.progress import IndexControl
from desktop_assistant.ui import documents_settings, workers
from desktop_assistant.ui.indexing import IndexingIndicator
from desktop_assistant.ui.settings_dialog import SettingsDialog
from tests.gui.driving import TIMEOUT_MS, LinkOpener, click_link, send
from tests.support.documents_corpus import index_all
from tests.support.openai_server import Text

INDEX_TIMEOUT_MS = 30_000
WATCH_TIMEOUT_MS = 20_000
POLICY = ("差旅报销标准\n出差每天的住宿报销上限为 500 元。\n"
          "Travel reimbursement limit: 500 yuan a day.\n")
BUDGET = "Quarterly budget forecast\nThe forecast for the third quarter is flat.\n"


@pytest.fixture
def opened() -> Iterator[LinkOpener]:
    """The "file" links the window opens, taken instead of opened."""
    with LinkOpener.taking("file") as opener:
        yield opener


@pytest.fixture
def drive(tmp_path: Path) -> Path:
    """A shared-drive folder: a Chinese policy, an English memo, a binary .txt and a picture."""
    folder = tmp_path / "drive"
    folder.mkdir()
    (folder / "报销制度.txt").write_text(POLICY, encoding="utf-8")
    (folder / "budget.md").write_text(BUDGET, encoding="utf-8")
    (folder / "dump.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    return folder


def many_files(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"memo{number:04}.txt").write_text(
            f"Memo {number}\nMeeting notes {number}: 会议 budget item {number}.\n")
    return folder


def documents_tab(qtbot: Any, window: Any) -> Any:
    window.open_settings(documents=True)
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.tabs.currentWidget() is dialog.documents_page
    return dialog.documents


def listed(tab: Any) -> dict[str, tuple[str, str | None]]:
    model = tab.files.model
    records = [model.record(row) for row in range(model.rowCount())]
    return {Path(r.path).name: (r.status, r.reason) for r in records if r is not None}


def paused(progress: Any) -> bool:
    return bool(progress.phase == "paused")


# Settings → Documents -------------------------------------------------------------------------


def test_adding_a_folder_indexes_it_and_lists_every_file_with_its_reason(
    qtbot: Any, window: Any, drive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = documents_tab(qtbot, window)
    assert tab.headline.text() == "Add a folder to search its documents."

    class ChosenFolder:
        @staticmethod
        def getExistingDirectory(*_: object) -> str:  # noqa: N802
            return str(drive)

    monkeypatch.setattr(documents_settings, "QFileDialog", ChosenFolder)
    with qtbot.waitSignal(window.indexing.finished, timeout=INDEX_TIMEOUT_MS) as ended:
        qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    last = ended.args[0]
    assert (last.phase, last.files_done, last.files_total) == ("done", 4, 4)
    assert (last.indexed, last.skipped) == (2, 2)
    assert tab.headline.text().startswith("Up to date")
    assert (tab.bar.value(), tab.bar.maximum()) == (4, 4)
    assert tab.counts.text() == "2 indexed · 2 skipped"
    assert tab.folder_paths() == [str(drive.resolve())]
    indicator = window.findChild(IndexingIndicator)
    assert indicator is not None
    assert not indicator.isVisible()

    qtbot.waitUntil(lambda: len(listed(tab)) == 4, timeout=TIMEOUT_MS)
    assert listed(tab) == {
        "budget.md": ("indexed", None),
        "dump.txt": ("skipped", "binary content (not text)"),
        "photo.png": ("skipped", "unsupported file type .png"),
        "报销制度.txt": ("indexed", None),
    }
    assert tab.files.counts.text() == "4 files: 2 indexed · 2 skipped"
    model = tab.files.model
    assert model.data(model.index(1, 2)) == "binary content (not text)"

    with qtbot.waitSignal(model.loaded, timeout=TIMEOUT_MS):
        tab.files.filter.setCurrentIndex(tab.files.filter.findData("skipped"))
    assert sorted(listed(tab)) == ["dump.txt", "photo.png"]


def test_patterns_and_removing_a_folder(qtbot: Any, window: Any, drive: Path) -> None:
    tab = documents_tab(qtbot, window)
    with qtbot.waitSignal(window.indexing.finished, timeout=INDEX_TIMEOUT_MS):
        tab.add_folder(drive)
    qtbot.waitUntil(lambda: tab.chosen_folder() == str(drive.resolve()), timeout=TIMEOUT_MS)
    tab.include.setText("*.txt, *.md")
    tab.exclude.setText("budget*")
    with qtbot.waitSignal(window.indexing.finished, timeout=INDEX_TIMEOUT_MS) as ended:
        qtbot.mouseClick(tab.apply_button, Qt.MouseButton.LeftButton)
    assert ended.args[0].removed == 2  # the picture and the budget are no longer wanted
    qtbot.waitUntil(lambda: sorted(listed(tab)) == ["dump.txt", "报销制度.txt"],
                    timeout=TIMEOUT_MS)
    folder = window.services.documents.folders()[0]
    assert (folder.include, folder.exclude) == (("*.txt", "*.md"), ("budget*",))

    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.folder_paths() == [] and listed(tab) == {}, timeout=TIMEOUT_MS)
    assert window.services.documents.search("报销") == []


# Pause, resume, cancel, restart, shutdown ---------------------------------------------------


def test_pause_then_resume_finishes_every_file(qtbot: Any, window: Any, tmp_path: Path) -> None:
    window.services.documents.add_folder(many_files(tmp_path / "big", 200))
    tab = documents_tab(qtbot, window)
    indexing = window.indexing
    with qtbot.waitSignal(indexing.progressed, timeout=INDEX_TIMEOUT_MS,
                          check_params_cb=paused) as stopped:
        qtbot.mouseClick(tab.index_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(tab.pause_button, Qt.MouseButton.LeftButton)
    at = stopped.args[0]
    assert at.files_total == 200
    assert at.files_done < 200
    assert tab.pause_button.text() == "Resume"
    assert indexing.running
    assert tab.headline.text().startswith(f"Paused at {at.files_done} of 200 files")
    indicator = window.findChild(IndexingIndicator)
    assert indicator is not None
    assert indicator.isVisible()
    assert indicator.text() == f"Indexing paused at {at.files_done} / 200"

    with qtbot.waitSignal(indexing.finished, timeout=INDEX_TIMEOUT_MS) as ended:
        qtbot.mouseClick(tab.pause_button, Qt.MouseButton.LeftButton)
    assert (ended.args[0].phase, ended.args[0].files_done) == ("done", 200)
    assert window.services.documents.status().indexed == 200
    assert not indicator.isVisible()


def test_cancel_keeps_what_was_indexed_and_index_now_carries_on(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    documents = window.services.documents
    documents.add_folder(many_files(tmp_path / "big", 120))
    control = IndexControl()
    for progress in documents.index(control, progress_interval=0):
        if progress.phase == "indexing" and progress.files_done == 20:
            control.cancel()  # an earlier run stopped after 20 files
    tab = documents_tab(qtbot, window)
    indexing = window.indexing
    with qtbot.waitSignal(indexing.progressed, timeout=INDEX_TIMEOUT_MS,
                          check_params_cb=paused) as stopped:
        qtbot.mouseClick(tab.index_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(tab.pause_button, Qt.MouseButton.LeftButton)
    assert stopped.args[0].files_total == 100  # the 20 done before are not read again
    with qtbot.waitSignal(indexing.finished, timeout=INDEX_TIMEOUT_MS) as ended:
        qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    cancelled = ended.args[0]
    assert cancelled.phase == "cancelled"
    assert tab.headline.text().startswith("Cancelled at")
    assert tab.index_button.isEnabled()
    assert not tab.cancel_button.isEnabled()
    kept = documents.status().indexed
    assert kept == 20 + cancelled.files_done

    with qtbot.waitSignal(indexing.finished, timeout=INDEX_TIMEOUT_MS) as ended:
        qtbot.mouseClick(tab.index_button, Qt.MouseButton.LeftButton)
    assert (ended.args[0].phase, ended.args[0].files_total) == ("done", 120 - kept)
    assert documents.status().indexed == 120


def test_after_a_restart_indexing_carries_on_by_itself(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    documents = window.services.documents
    documents.add_folder(many_files(tmp_path / "big", 60))
    control = IndexControl()
    for progress in documents.index(control, progress_interval=0):
        if progress.phase == "indexing" and progress.files_done == 25:
            control.cancel()  # the app was closed after 25 files
    with qtbot.waitSignal(window.indexing.finished, timeout=INDEX_TIMEOUT_MS) as ended:
        window.indexing.start_after_launch(0)  # what the first paint does, without the wait
    assert (ended.args[0].phase, ended.args[0].files_total) == ("done", 35)
    assert documents.status().indexed == 60


def test_shutting_down_mid_index_stops_the_worker_and_the_watcher(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    window.services.documents.add_folder(many_files(tmp_path / "big", 300))
    with qtbot.waitSignal(window.indexing.watching_changed, timeout=TIMEOUT_MS):
        window.indexing.start()
    assert window.indexing.running
    window.shutdown()
    assert workers.wait_for_workers(timeout=10.0)
    QApplication.processEvents()  # a watcher that finished starting is stopped now
    assert workers.wait_for_workers(timeout=10.0)
    assert workers.running_workers() == []
    assert not [t for t in threading.enumerate() if t.name == "document-watcher"]
    assert not window.indexing.start()  # nothing starts after shutdown


# Watching -----------------------------------------------------------------------------------


def test_a_file_added_while_the_app_runs_becomes_searchable(
    qtbot: Any, window: Any, drive: Path
) -> None:
    documents = window.services.documents
    documents.add_folder(drive)
    index_all(documents)
    indexing = window.indexing
    with qtbot.waitSignal(indexing.watching_changed, timeout=TIMEOUT_MS):
        indexing.start()
    qtbot.waitUntil(lambda: not indexing.running, timeout=INDEX_TIMEOUT_MS)

    (drive / "minutes.txt").write_text("会议纪要\n下季度差旅预算 forecast revised\n",
                                       encoding="utf-8")
    with qtbot.waitSignal(indexing.refreshed, timeout=WATCH_TIMEOUT_MS,
                          check_params_cb=lambda progress: progress.indexed >= 1):
        pass
    panel = open_panel(qtbot, window)
    type_into(qtbot, panel, "预算")
    assert [Path(hit.path).name for hit in panel.hits] == ["minutes.txt"]


# The search panel ---------------------------------------------------------------------------


def open_panel(qtbot: Any, window: Any) -> Any:
    assert window.search_action.shortcut().toString() == "Ctrl+K"
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window.chat.input, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    panel = window._search_panel
    assert panel is not None
    qtbot.waitUntil(panel.query.hasFocus, timeout=TIMEOUT_MS)
    return panel


def type_into(qtbot: Any, panel: Any, text: str) -> None:
    """Type ``text`` as a person would (Chinese through the input method) and wait for it."""
    panel.query.selectAll()
    with qtbot.waitSignal(panel.searched, timeout=TIMEOUT_MS,
                          check_params_cb=lambda query: query == text):
        if text.isascii():
            qtbot.keyClicks(panel.query, text)
        else:
            commit = QInputMethodEvent()
            commit.setCommitString(text)
            QApplication.sendEvent(panel.query, commit)


def test_ctrl_k_searches_as_you_type_highlights_and_opens_with_enter(
    qtbot: Any, bare_window: Any, drive: Path, opened: LinkOpener
) -> None:
    window = bare_window  # no model configured: the search needs none
    assert not window.services.settings.configured
    documents = window.services.documents
    documents.add_folder(drive)
    index_all(documents)
    panel = open_panel(qtbot, window)
    assert "Type to search" in panel.note.text()

    type_into(qtbot, panel, "报销")
    assert [Path(hit.path).name for hit in panel.hits] == ["报销制度.txt"]
    assert panel.highlighted(0)
    assert set(panel.highlighted(0)) == {"报销"}
    assert panel.hits[0].citation.startswith("报销制度.txt — ")

    type_into(qtbot, panel, "forecast")
    assert [Path(hit.path).name for hit in panel.hits] == ["budget.md"]
    assert {word.lower() for word in panel.highlighted(0)} == {"forecast"}
    assert panel.note.text().startswith("1 document ·")

    with qtbot.waitSignal(opened.opened, timeout=TIMEOUT_MS) as shown:
        qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    assert Path(shown.args[0].toLocalFile()) == (drive / "budget.md").resolve()
    assert not panel.isVisible()

    panel = open_panel(qtbot, window)
    type_into(qtbot, panel, "nothing-like-this AND (\"")
    assert panel.hits == []
    assert "No indexed document matches" in panel.note.text()
    type_into(qtbot, panel, "limit")
    qtbot.keyClick(panel.query, Qt.Key.Key_Down)  # one result: stays on it
    assert panel.results.currentRow() == 0
    qtbot.keyClick(panel.query, Qt.Key.Key_Escape)
    assert not panel.isVisible()
    assert len(opened.urls) == 1


# Citations in the chat ----------------------------------------------------------------------


def test_clicking_a_citation_in_the_chat_opens_the_file(
    qtbot: Any, window: Any, drive: Path, opened: LinkOpener, server: Any
) -> None:
    documents = window.services.documents
    documents.add_folder(drive)
    index_all(documents)
    hit = documents.search("reimbursement")[0]
    assert Path(hit.path).name == "报销制度.txt"

    send(qtbot, window, "/find reimbursement")  # (QTest types Latin-1 only)
    found = window.chat.bubbles()[-1]
    assert f"<{hit.link}>" in found.text()
    with qtbot.waitSignal(opened.opened, timeout=TIMEOUT_MS) as shown:
        click_link(qtbot, found.body, hit.link)
    assert Path(shown.args[0].toLocalFile()) == Path(hit.path)

    server.enqueue(Text([f"每天 500 元 ([{hit.citation}]({hit.link}))."]))
    send(qtbot, window, "What is the hotel limit on business trips?")
    answer = window.chat.bubbles()[-1]
    assert answer.role == "assistant"
    with qtbot.waitSignal(opened.opened, timeout=TIMEOUT_MS):
        click_link(qtbot, answer.body, hit.link)
    assert len(opened.urls) == 2


def test_a_link_to_a_file_that_is_not_an_indexed_document_is_not_opened(
    qtbot: Any, window: Any, drive: Path, opened: LinkOpener, server: Any,
    reported_errors: list[str],
) -> None:
    documents = window.services.documents
    documents.add_folder(drive)
    index_all(documents)
    elsewhere = (drive.parent / "run-me.sh").resolve()
    elsewhere.write_text("#!/bin/sh\n")
    link = elsewhere.as_uri()
    server.enqueue(Text([f"Open [the policy]({link}) to see it."]))
    send(qtbot, window, "Where is the policy?")
    click_link(qtbot, window.chat.bubbles()[-1].body, link)
    qtbot.waitUntil(lambda: bool(reported_errors), timeout=TIMEOUT_MS)
    assert reported_errors[0].startswith(f"Not opened: {elsewhere} is not one of your indexed")
    assert window.banner.isVisible()
    assert opened.urls == []
    reported_errors.clear()
