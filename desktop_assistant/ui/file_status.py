"""The per-file status list of Settings → Documents: what was indexed, what was skipped and why.

A folder may hold 100,000 files, so the list is a table model fed in pages: the view asks only
for the rows it shows, and each missing page is read by ``DocumentService.files`` in a worker,
one page at a time, the latest wanted first. A bounded number of pages is kept. A reload while
indexing keeps the scroll position: rows are added or removed at the end and the rest repaint.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_assistant.i18n import QT_TRANSLATE_NOOP
from desktop_assistant.ui.theme import current_colors
from desktop_assistant.ui.workers import run_task

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.documents.catalogue import FileRecord
    from desktop_assistant.documents.service import DocumentsStatus

PAGE_ROWS = 200
KEPT_PAGES = 25
WANTED_PAGES = 4  # pages asked for while scrolling fast: only the latest few are read
# Labels in context "FileStatus", translated where they are shown.
COLUMNS = (QT_TRANSLATE_NOOP("FileStatus", "File"), QT_TRANSLATE_NOOP("FileStatus", "Status"),
           QT_TRANSLATE_NOOP("FileStatus", "Reason"))
FILTERS: tuple[tuple[str, str | None], ...] = (
    (QT_TRANSLATE_NOOP("FileStatus", "All files"), None),
    (QT_TRANSLATE_NOOP("FileStatus", "Indexed"), "indexed"),
    (QT_TRANSLATE_NOOP("FileStatus", "Skipped"), "skipped"),
    (QT_TRANSLATE_NOOP("FileStatus", "Errors"), "error"),
)
STATUS_LABELS = {"indexed": QT_TRANSLATE_NOOP("FileStatus", "Indexed"),
                 "skipped": QT_TRANSLATE_NOOP("FileStatus", "Skipped"),
                 "error": QT_TRANSLATE_NOOP("FileStatus", "Error")}
STATUS_COLORS = {"indexed": "green_text", "skipped": "amber_text", "error": "red_text"}
ROW_HEIGHT = 26

Index = QModelIndex | QPersistentModelIndex


def _label(text: str) -> str:
    return QCoreApplication.translate("FileStatus", text)


def _first_page(services: Services, status: str | None
                ) -> tuple[DocumentsStatus, list[FileRecord]]:
    documents = services.documents
    return documents.status(), documents.files(status, PAGE_ROWS, 0)


def count_for(summary: DocumentsStatus, status: str | None) -> int:
    by_status = {"indexed": summary.indexed, "skipped": summary.skipped, "error": summary.errors}
    return sum(by_status.values()) if status is None else by_status.get(status, 0)


class FileStatusModel(QAbstractTableModel):
    """The catalogue's files (path, status, reason), by path, read a page at a time."""

    #: A reload (the counts and the first page) is shown.
    loaded = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._status: str | None = None
        self._rows = 0
        self._pages: OrderedDict[int, list[FileRecord]] = OrderedDict()
        self._wanted: list[int] = []
        self._fetching = False
        self._generation = 0
        self._reloading = False
        self._reload_again = False
        self.summary: DocumentsStatus | None = None

    @property
    def status(self) -> str | None:
        return self._status

    def set_status(self, status: str | None) -> None:
        """Show only files with ``status`` (None: all)."""
        if status != self._status:
            self._status = status
            self.beginResetModel()
            self._rows = 0
            self._forget_pages()
            self.endResetModel()
            self.reload()

    def reload(self) -> None:
        """Read the counts and the first page again (in a worker)."""
        if self._reloading:
            self._reload_again = True
            return
        self._reloading = True
        services, status = self._services, self._status
        run_task(lambda: _first_page(services, status),
                 lambda found: self._reloaded(status, *found), self._failed, context=self,
                 cleanup=services.release_thread, description="listing your documents")

    def _reloaded(self, status: str | None, summary: DocumentsStatus,
                  first: list[FileRecord]) -> None:
        self._reloading = False
        if self._reload_again or status != self._status:
            self._reload_again = False
            self.reload()
            return
        self.summary = summary
        rows = count_for(summary, status)
        self._forget_pages()
        if rows > self._rows:
            self.beginInsertRows(QModelIndex(), self._rows, rows - 1)
            self._rows = rows
            self.endInsertRows()
        elif rows < self._rows:
            self.beginRemoveRows(QModelIndex(), rows, self._rows - 1)
            self._rows = rows
            self.endRemoveRows()
        self._pages[0] = first
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, len(COLUMNS) - 1))
        self.loaded.emit()

    def _failed(self, error: Exception) -> None:
        self._reloading = False
        from desktop_assistant.ui.workers import errors

        errors.report_exception(
            QCoreApplication.translate("FileStatus", "Listing your documents failed"), error)

    def _forget_pages(self) -> None:
        self._generation += 1
        self._pages.clear()
        self._wanted.clear()

    # Pages --------------------------------------------------------------------------------

    def record(self, row: int) -> FileRecord | None:
        """The file at ``row``, or None while its page is being read (it is asked for)."""
        if not 0 <= row < self._rows:
            return None
        number, offset = divmod(row, PAGE_ROWS)
        page = self._pages.get(number)
        if page is None:
            self._want(number)
            return None
        self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None

    def _want(self, number: int) -> None:
        if number in self._wanted:
            self._wanted.remove(number)
        self._wanted.append(number)
        del self._wanted[:-WANTED_PAGES]
        self._fetch_next()

    def _fetch_next(self) -> None:
        if self._fetching or not self._wanted:
            return
        number = self._wanted.pop()
        self._fetching = True
        services, status, generation = self._services, self._status, self._generation
        run_task(lambda: services.documents.files(status, PAGE_ROWS, number * PAGE_ROWS),
                 lambda records: self._page_read(generation, number, records), self._failed_page,
                 context=self, cleanup=services.release_thread,
                 description="listing your documents")

    def _page_read(self, generation: int, number: int, records: list[FileRecord]) -> None:
        self._fetching = False
        if generation == self._generation:
            self._pages[number] = records
            while len(self._pages) > KEPT_PAGES:
                self._pages.popitem(last=False)
            first = number * PAGE_ROWS
            last = min(self._rows, first + PAGE_ROWS) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self._fetch_next()

    def _failed_page(self, error: Exception) -> None:
        self._fetching = False
        self._failed(error)

    # The model ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _label(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self.record(index.row())
        column = index.column()
        if record is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole and column == 0 else None
        if role == Qt.ItemDataRole.DisplayRole:
            status = STATUS_LABELS.get(record.status)
            return (record.path, _label(status) if status else record.status,
                    record.reason or "")[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return record.reason if column == 2 and record.reason else record.path
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QColor(current_colors()[STATUS_COLORS.get(record.status, "gray_700")])
        return None


class FileStatusList(QWidget):
    """A filter (all, indexed, skipped, errors), the counts, and the table of files;
    double-clicking an indexed file opens it."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fileStatusList")
        self.model = FileStatusModel(services, self)
        self.filter = QComboBox()
        self.filter.setObjectName("fileStatusFilter")
        self.filter.setAccessibleName(self.tr("Show files"))
        for label, status in FILTERS:
            self.filter.addItem(_label(label), status)
        self.filter.currentIndexChanged.connect(
            lambda _: self.model.set_status(self.filter.currentData()))
        self.counts = QLabel()
        self.counts.setObjectName("fileStatusCounts")
        self.table = QTableView()
        self.table.setObjectName("fileStatusTable")
        self.table.setAccessibleName(self.tr("Files and their status"))
        self.table.setModel(self.model)
        self.table.setMinimumHeight(6 * ROW_HEIGHT)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(ROW_HEIGHT)
        columns = self.table.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        columns.setStretchLastSection(True)
        columns.resizeSection(0, 320)
        columns.resizeSection(1, 80)
        self.table.doubleClicked.connect(self._open)
        self.model.loaded.connect(self._show_counts)
        top = QHBoxLayout()
        top.addWidget(self.filter)
        top.addWidget(self.counts, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def _show_counts(self) -> None:
        summary = self.model.summary
        if summary is None:
            return
        total = count_for(summary, None)
        if not total:
            self.counts.setText(self.tr("No files yet."))
            return
        parts = [self.tr("{count} indexed").format(count=f"{summary.indexed:,}"),
                 self.tr("{count} skipped").format(count=f"{summary.skipped:,}")]
        if summary.errors:
            parts.append(self.tr("{count} could not be read").format(
                count=f"{summary.errors:,}"))
        self.counts.setText(self.tr("{count} files: {parts}").format(
            count=f"{total:,}", parts=" · ".join(parts)))

    def _open(self, index: QModelIndex) -> None:
        record = self.model.record(index.row())
        if record is not None and record.status == "indexed":
            QDesktopServices.openUrl(QUrl.fromLocalFile(record.path))
