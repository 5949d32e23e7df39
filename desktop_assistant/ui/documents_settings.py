"""Settings → Documents: the folders to search, their patterns, indexing progress, and the files.

Folders are added, changed and removed through ``DocumentService`` in workers; each change
restarts the folder watcher and indexes again (through the window's ``DocumentIndexing``, so
the status bar and this tab show the same run). The progress area shows files done of total,
the current file, the rate and the counts, with Pause/Resume and Cancel. The per-file list
below says what was indexed and what was skipped and why.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_assistant.ui.file_status import FileStatusList
from desktop_assistant.ui.indexing import DocumentIndexing, long_progress, progress_counts
from desktop_assistant.ui.status import say
from desktop_assistant.ui.workers import errors, run_task

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.documents.progress import IndexProgress
    from desktop_assistant.documents.service import DocumentsStatus

#: While indexing, the file list is read again at most this often (seconds).
LIST_REFRESH_SECONDS = 5.0
FOLDERS_HEIGHT = (56, 96)  # the folder list's minimum and maximum height
#: The dialog grows to this size (within the screen) when the tab is shown: it has a lot to show.
ROOMY_SIZE = (860, 760)


def parse_patterns(text: str) -> list[str]:
    """"*.pdf, *.docx; drafts" → ["*.pdf", "*.docx", "drafts"]."""
    return [part.strip() for part in re.split(r"[,;\n]+", text) if part.strip()]


class DocumentsSettings(QWidget):
    """Folders (Add folder… / Remove, include and exclude patterns), the indexing run, and the
    per-file status list."""

    def __init__(self, services: Services, indexing: DocumentIndexing | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentsSettings")
        self._services = services
        self._owns_indexing = indexing is None
        self.indexing = indexing or DocumentIndexing(services, self)
        self._removing: str | None = None  # waiting for the run to stop, to remove this folder
        self._listed_at = 0.0
        self._saved = -1

        intro = QLabel(self.tr("The assistant searches the files in these folders. They are "
                               "indexed on this computer; nothing is uploaded."))
        intro.setObjectName("dialogIntro")
        intro.setWordWrap(True)

        self.folders = QListWidget()
        self.folders.setObjectName("documentFolders")
        self.folders.setAccessibleName(self.tr("Indexed folders"))
        self.folders.setMinimumHeight(FOLDERS_HEIGHT[0])
        self.folders.setMaximumHeight(FOLDERS_HEIGHT[1])
        self.folders.currentItemChanged.connect(self._folder_chosen)
        self.add_button = QPushButton(self.tr("Add folder…"))
        self.add_button.setObjectName("addFolder")
        self.add_button.clicked.connect(self.choose_folder)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setObjectName("removeFolder")
        self.remove_button.setToolTip(
            self.tr("Stop searching this folder; its files are not touched."))
        self.remove_button.clicked.connect(self.remove_folder)
        self.include = self._line("includePatterns", self.tr("All files, or e.g. *.pdf, *.docx"),
                                  self.tr("Include patterns"))
        self.exclude = self._line("excludePatterns", self.tr("e.g. drafts, *.tmp"),
                                  self.tr("Exclude patterns"))
        self.apply_button = QPushButton(self.tr("Apply patterns"))
        self.apply_button.setObjectName("applyPatterns")
        self.apply_button.clicked.connect(self.apply_patterns)
        folder_buttons = QVBoxLayout()
        folder_buttons.addWidget(self.add_button)
        folder_buttons.addWidget(self.remove_button)
        folder_buttons.addStretch(1)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folders, 1)
        folder_row.addLayout(folder_buttons)
        patterns = QHBoxLayout()
        patterns.addWidget(QLabel(self.tr("Include")))
        patterns.addWidget(self.include, 1)
        patterns.addWidget(QLabel(self.tr("Exclude")))
        patterns.addWidget(self.exclude, 1)
        patterns.addWidget(self.apply_button)
        folders_box = QGroupBox(self.tr("Folders"))
        folders_layout = QVBoxLayout(folders_box)
        folders_layout.addLayout(folder_row)
        folders_layout.addLayout(patterns)

        self.headline = QLabel(self.tr("Add a folder to search its documents."))
        self.headline.setObjectName("indexingHeadline")
        self.headline.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setObjectName("indexingBar")
        self.bar.setAccessibleName(self.tr("Indexing progress"))
        self.bar.hide()
        self.current = QLabel()
        self.current.setObjectName("indexingCurrent")
        self.counts = QLabel()
        self.counts.setObjectName("indexingCounts")
        self.index_button = QPushButton(self.tr("Index now"))
        self.index_button.setObjectName("indexNow")
        self.index_button.clicked.connect(self.indexing.start)
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setObjectName("pauseIndexing")
        self.pause_button.clicked.connect(self._pause_or_resume)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelIndexing")
        self.cancel_button.clicked.connect(self.indexing.cancel)
        top = QHBoxLayout()
        top.addWidget(self.headline, 1)
        for button in (self.index_button, self.pause_button, self.cancel_button):
            top.addWidget(button)
        details = QHBoxLayout()
        details.addWidget(self.current, 1)
        details.addWidget(self.counts)
        run_box = QGroupBox(self.tr("Indexing"))
        run_layout = QVBoxLayout(run_box)
        run_layout.addLayout(top)
        run_layout.addWidget(self.bar)
        run_layout.addLayout(details)

        self.files = FileStatusList(services)
        files_box = QGroupBox(self.tr("Files"))
        files_layout = QVBoxLayout(files_box)
        files_layout.addWidget(self.files)

        self.status = QLabel()
        self.status.setObjectName("statusLabel")
        self.status.setWordWrap(True)
        self.status.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(folders_box)
        layout.addWidget(run_box)
        layout.addWidget(files_box, 1)
        layout.addWidget(self.status)

        self.indexing.progressed.connect(self._progressed)
        self.indexing.finished.connect(self._finished)
        self.indexing.running_changed.connect(self._running_changed)
        self.indexing.refreshed.connect(lambda _: self.files.model.reload())
        self.indexing.problem.connect(lambda message: self._say(message, "error"))
        self.files.model.loaded.connect(self._listed)
        self._running_changed(self.indexing.running)
        if self.indexing.last is not None:
            self._progressed(self.indexing.last)
        self.files.model.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Make the dialog roomy enough for the folders, the run and the file list."""
        super().showEvent(event)
        dialog = self.window()
        screen = dialog.screen().availableGeometry()
        width = min(max(dialog.width(), ROOMY_SIZE[0]), screen.width() - 40)
        height = min(max(dialog.height(), ROOMY_SIZE[1]), screen.height() - 60)
        if (width, height) != (dialog.width(), dialog.height()):
            dialog.resize(width, height)

    def _line(self, name: str, placeholder: str, accessible: str) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(name)
        line.setPlaceholderText(placeholder)
        line.setAccessibleName(accessible)
        line.setToolTip(self.tr("Shell-style patterns separated by commas: a name (drafts, "
                                "*.tmp) matches at any depth; one with a slash (2023/*) matches "
                                "from the folder."))
        return line

    # Folders ------------------------------------------------------------------------------

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Add a folder to search"))
        if name:
            self.add_folder(Path(name))

    def add_folder(self, path: Path) -> None:
        """Index ``path`` from now on (in a worker); the run starts when it is added."""
        documents = self._services.documents
        self._say(self.tr("Adding {folder}…").format(folder=path), "busy")
        self._change(lambda: documents.add_folder(path),
                     self.tr("Added {folder}. Indexing it now.").format(folder=path))

    def apply_patterns(self) -> None:
        path = self.chosen_folder()
        if path is None:
            self._say(self.tr("Choose a folder first."), "warning")
            return
        include, exclude = parse_patterns(self.include.text()), parse_patterns(self.exclude.text())
        documents = self._services.documents
        self._change(lambda: documents.add_folder(path, include, exclude),
                     self.tr("Patterns saved for {folder}. Indexing it again.").format(
                         folder=path))

    def remove_folder(self) -> None:
        path = self.chosen_folder()
        if path is None:
            return
        if self.indexing.running:
            self._removing = path  # removed when the run has stopped (it holds the index)
            self._say(self.tr("Stopping indexing to remove {folder}…").format(folder=path),
                      "busy")
            self.indexing.cancel()
            return
        documents = self._services.documents
        self._change(lambda: documents.remove_folder(path), self._removed(path))

    def _change(self, change: Callable[[], object], done: str) -> None:
        def changed(_: object) -> None:
            self._say(done, "ok")
            self.files.model.reload()
            self.indexing.folders_changed()

        def failed(error: Exception) -> None:
            from desktop_assistant.documents.engine import IndexBusy
            from desktop_assistant.documents.service import DocumentError

            if isinstance(error, DocumentError | IndexBusy):
                self._say(str(error), "error")
            else:
                errors.report_exception("Changing your document folders failed", error)
                self._say(self.tr("The folders could not be changed."), "error")

        run_task(change, changed, failed, context=self,
                 cleanup=self._services.release_thread, description="changing your folders")

    def chosen_folder(self) -> str | None:
        item = self.folders.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def folder_paths(self) -> list[str]:
        return [str(self.folders.item(row).data(Qt.ItemDataRole.UserRole))
                for row in range(self.folders.count())]

    def _folder_chosen(self, item: QListWidgetItem | None) -> None:
        summary = self.files.model.summary
        chosen = None if item is None or summary is None else next(
            (f for f in summary.folders if f.path == item.data(Qt.ItemDataRole.UserRole)), None)
        for line, patterns in ((self.include, chosen.include if chosen else ()),
                               (self.exclude, chosen.exclude if chosen else ())):
            line.setText(", ".join(patterns))
            line.setCursorPosition(0)
        for widget in (self.include, self.exclude, self.apply_button, self.remove_button):
            widget.setEnabled(chosen is not None)

    def _listed(self) -> None:
        summary = self.files.model.summary
        if summary is None:
            return
        self._listed_at = time.monotonic()
        chosen = self.chosen_folder()
        self.folders.blockSignals(True)
        self.folders.clear()
        for folder in summary.folders:
            counts = self.tr("{indexed} indexed · {skipped} skipped").format(
                indexed=f"{folder.indexed:,}", skipped=f"{folder.skipped:,}")
            if folder.errors:
                counts = self.tr("{counts} · {errors} could not be read").format(
                    counts=counts, errors=f"{folder.errors:,}")
            item = QListWidgetItem(f"{folder.path}\n    {counts}")
            item.setData(Qt.ItemDataRole.UserRole, folder.path)
            item.setToolTip(folder.path)
            self.folders.addItem(item)
            if folder.path == chosen or (chosen is None and self.folders.count() == 1):
                self.folders.setCurrentItem(item)
        self.folders.blockSignals(False)
        if self.chosen_folder() != chosen or not summary.folders:
            self._folder_chosen(self.folders.currentItem())  # (else: keep what is being typed)
        if not self.indexing.running and self.indexing.last is None:
            self.headline.setText(self._idle_text(summary))
        self.index_button.setEnabled(bool(summary.folders) and not self.indexing.running)

    def _idle_text(self, summary: DocumentsStatus) -> str:
        if not summary.folders:
            return self.tr("Add a folder to search its documents.")
        when = (summary.last_indexed_at or "")[:16].replace("T", " ")
        count = f"{summary.indexed:,}"
        if when:
            return self.tr("{count} documents searchable; last indexed {when} UTC.").format(
                count=count, when=when)
        return self.tr("{count} documents searchable; not indexed yet.").format(count=count)

    def _removed(self, path: str) -> str:
        return self.tr("Removed {folder}: its files are no longer searched.").format(folder=path)

    # The run ------------------------------------------------------------------------------

    def _progressed(self, progress: IndexProgress) -> None:
        self.headline.setText(long_progress(progress))
        if progress.phase in ("scanning", "removing"):
            self.bar.setRange(0, 0)  # busy: the total is not known yet
        else:
            self.bar.setRange(0, max(progress.files_total, 1))
            self.bar.setValue(progress.files_done if progress.files_total else 1)
            self.bar.setFormat(self.tr("{done} / {total} files").format(
                done=f"{progress.files_done:,}", total=f"{progress.files_total:,}"))
        self.bar.setVisible(True)
        shown = progress.current or ""
        width = max(self.current.width(), 420)
        self.current.setText(self.current.fontMetrics().elidedText(
            shown, Qt.TextElideMode.ElideMiddle, width))
        self.current.setToolTip(shown)
        self.counts.setText(progress_counts(progress))
        paused = progress.phase == "paused"
        if paused:
            self.pause_button.setText(self.tr("Resume"))
        elif self.indexing.paused:
            self.pause_button.setText(self.tr("Pausing…"))  # after the file being read
        else:
            self.pause_button.setText(self.tr("Pause"))
        self.pause_button.setEnabled(self.indexing.running and (paused or
                                                                 not self.indexing.paused))
        if progress.saved != self._saved and (
            time.monotonic() - self._listed_at >= LIST_REFRESH_SECONDS or paused
        ):
            self._saved = progress.saved
            self.files.model.reload()

    def _pause_or_resume(self) -> None:
        if self.indexing.paused:
            self.indexing.resume()
            self.pause_button.setText(self.tr("Pause"))
        else:
            self.indexing.pause()
            self.pause_button.setText(self.tr("Pausing…"))
            self.pause_button.setEnabled(False)

    def _finished(self, last: IndexProgress | None) -> None:
        self.current.clear()
        if self.status.property("state") in ("ok", "busy"):
            self._say("", "")  # "Added … Indexing it now." has been done
        if last is None:
            self.bar.hide()
        else:
            self._progressed(last)
        self.files.model.reload()

    def _running_changed(self, running: bool) -> None:
        self.index_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.pause_button.setEnabled(running)
        if running:
            self.pause_button.setText(self.tr("Pause"))
        elif self._removing is not None:
            path, self._removing = self._removing, None
            documents = self._services.documents
            self._change(lambda: documents.remove_folder(path), self._removed(path))

    def _say(self, text: str, state: str) -> None:
        say(self.status, text, state)
        self.status.setVisible(bool(text))

    def close_tab(self) -> None:
        """The dialog closes: a run this tab started on its own (no window) is stopped."""
        if self._owns_indexing:
            self.indexing.shutdown()
