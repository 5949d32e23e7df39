"""Ctrl+K: search the indexed documents as you type, without a model.

Typing waits a moment (``DEBOUNCE_MS``), then searches in a worker. One search runs at a time;
when it returns, the latest text wins: an answer for older text is dropped and the newest text
is searched. Each result shows its title, its citation ("budget.pdf — page 4") and a snippet
with the matches highlighted. Up/Down choose, Enter or a click opens the file, Esc closes.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QColor, QDesktopServices, QKeyEvent, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop_assistant.i18n import QT_TRANSLATE_NOOP
from desktop_assistant.ui.theme import current_colors
from desktop_assistant.ui.workers import run_task

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.documents.engine import Hit
    from desktop_assistant.documents.locations import Location

DEBOUNCE_MS = 120
RESULT_LIMIT = 20
HIGHLIGHT = "#fde68a"
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
PADDING = (12, 8)  # horizontal, vertical
PANEL_SIZE = (680, 500)


def snippet_html(hit: Hit) -> str:
    """The snippet as HTML, each match in a highlighted span."""
    parts: list[str] = []
    position = 0
    for start, end in hit.highlights:
        parts.append(html.escape(hit.snippet[position:start]))
        parts.append(f'<span style="background-color:{HIGHLIGHT};">'
                     f"{html.escape(hit.snippet[start:end])}</span>")
        position = end
    parts.append(html.escape(hit.snippet[position:]))
    return "".join(parts)


# How a place in a file is shown ("page 4"); ``Location.label`` stays English: the model
# reads it and sends it back to read_document.
PLACES = {
    "page": QT_TRANSLATE_NOOP("SearchPanel", "page {number}"),
    "slide": QT_TRANSLATE_NOOP("SearchPanel", "slide {number}"),
    "sheet": QT_TRANSLATE_NOOP("SearchPanel", "sheet {name}"),
    "lines": QT_TRANSLATE_NOOP("SearchPanel", "line {number}"),
    "rows": QT_TRANSLATE_NOOP("SearchPanel", "row {number}"),
    "paragraphs": QT_TRANSLATE_NOOP("SearchPanel", "paragraph {number}"),
}
SPANS = {
    "lines": QT_TRANSLATE_NOOP("SearchPanel", "lines {first}–{last}"),
    "rows": QT_TRANSLATE_NOOP("SearchPanel", "rows {first}–{last}"),
    "paragraphs": QT_TRANSLATE_NOOP("SearchPanel", "paragraphs {first}–{last}"),
}


def _shown(text: str, **fields: object) -> str:
    return QCoreApplication.translate("SearchPanel", text).format(**fields)


def location_text(location: Location) -> str:
    """``Location.label`` in the interface language: "page 4", "sheet Budget, rows 2–51",
    "Travel › lines 10–42"."""
    parts = []
    if location.page is not None:
        parts.append(_shown(PLACES["page"], number=location.page))
    if location.slide is not None:
        parts.append(_shown(PLACES["slide"], number=location.slide))
    if location.sheet is not None:
        parts.append(_shown(PLACES["sheet"], name=location.sheet))
    span = ""
    if location.first is not None:
        first, unit = location.first, location.unit
        last = location.last if location.last is not None else first
        span = (_shown(PLACES.get(unit, PLACES["lines"]), number=first) if last == first
                else _shown(SPANS.get(unit, SPANS["lines"]), first=first, last=last))
    if location.heading:
        return f"{location.heading} › {span}" if span else location.heading
    if span:
        parts.append(span)
    return QCoreApplication.translate("SearchPanel", ", ").join(parts)


def citation_text(hit: Hit) -> str:
    """"budget.pdf — page 4" in the interface language; the file name alone without a place."""
    name = Path(hit.path).name
    where = location_text(hit.location)
    return f"{name} — {where}" if where else name


def result_html(hit: Hit) -> str:
    title = html.escape(hit.title or Path(hit.path).name)
    color = current_colors()
    return (f'<div style="font-weight:600; color:{color["gray_900"]};">{title}</div>'
            f'<div style="color:{color["gray_500"]}; font-size:small;">'
            f'{html.escape(citation_text(hit))}</div>'
            f'<div style="color:{color["gray_700"]};">{snippet_html(hit)}</div>')


class ResultDelegate(QStyledItemDelegate):
    """Paints a result's HTML (title, citation, highlighted snippet), wrapped to the width."""

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self._view = view

    def _document(self, index: QModelIndex | QPersistentModelIndex, width: int) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(self._view.font())
        document.setDocumentMargin(0)
        document.setHtml(str(index.data(HTML_ROLE) or ""))
        document.setTextWidth(max(width - 2 * PADDING[0], 120))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        rect = option.rect
        state = option.state
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if state & QStyle.StateFlag.State_Selected:
            painter.setBrush(QColor(current_colors()["selected_bg"]))
        elif state & QStyle.StateFlag.State_MouseOver:
            painter.setBrush(QColor(current_colors()["gray_100"]))
        else:
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(rect.adjusted(2, 1, -2, -1), 8, 8)
        painter.translate(rect.left() + PADDING[0], rect.top() + PADDING[1])
        self._document(index, rect.width()).drawContents(painter)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        width = self._view.viewport().width()
        height = self._document(index, width).size().height()
        return QSize(width, int(height) + 2 * PADDING[1])


class SearchPanel(QDialog):
    """The search box over the window, its results, and a line saying what to do."""

    #: The results for this text are shown (tests wait on it).
    searched = Signal(str)
    #: A result was opened: its link.
    opened = Signal(str)
    #: The person asked for Settings → Documents.
    settings_requested = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self.setWindowTitle(self.tr("Search documents"))
        self.resize(*PANEL_SIZE)
        self._services = services
        self._searching = False
        self._open_when_shown = False  # Enter came before the results
        self.hits: list[Hit] = []

        self.query = QLineEdit()
        self.query.setObjectName("searchQuery")
        self.query.setAccessibleName(self.tr("Search documents"))
        self.query.setPlaceholderText(self.tr("Search your documents: 报销, travel policy …"))
        self.query.setClearButtonEnabled(True)
        self.query.textChanged.connect(self._typed)
        self.query.installEventFilter(self)
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName(self.tr("Results"))
        self.results.setItemDelegate(ResultDelegate(self.results))
        self.results.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.results.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the box
        self.results.setMouseTracking(True)
        self.results.itemClicked.connect(lambda item: self.open_row(self.results.row(item)))
        self.note = QLabel(self.hint())
        self.note.setObjectName("searchNote")
        self.note.setWordWrap(True)
        self.note.linkActivated.connect(self._to_settings)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search_now)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 14, 14, 10)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.note)

    def hint(self) -> str:
        """What the note says before anything is typed."""
        return self.tr("Type to search your indexed documents, in 中文 or English. Choose the "
                       'folders in <a href="settings">Settings → Documents</a>.')

    def show_over(self, window: QWidget) -> None:
        """Show near the top of ``window``, the text selected, ready to type."""
        width = min(PANEL_SIZE[0], max(window.width() - 80, 360))
        height = min(PANEL_SIZE[1], max(window.height() - 120, 240))
        self.resize(width, height)
        top_left = window.mapToGlobal(window.rect().topLeft())
        self.move(top_left.x() + (window.width() - width) // 2, top_left.y() + 60)
        self.show()
        self.activateWindow()
        self.query.setFocus()
        self.query.selectAll()

    def _to_settings(self, _link: str) -> None:
        self.reject()
        self.settings_requested.emit()

    # Searching ----------------------------------------------------------------------------

    def _typed(self, _text: str) -> None:
        self._debounce.start()

    def refresh(self) -> None:
        """Search again (the index changed) if the panel shows results."""
        if self.isVisible() and self.query.text().strip():
            self.search_now()

    def search_now(self) -> None:
        self._debounce.stop()
        query = self.query.text().strip()
        if not query:
            self._show("", [])
            return
        if self._searching:
            return  # the newest text is searched when the running search returns
        self._searching = True
        services = self._services
        run_task(lambda: services.documents.search(query, RESULT_LIMIT),
                 lambda hits: self._found(query, hits), lambda error: self._failed(query, error),
                 context=self, cleanup=services.release_thread,
                 description="searching your documents")

    def _found(self, query: str, hits: list[Hit]) -> None:
        self._searching = False
        if query != self.query.text().strip():
            self.search_now()  # the person typed on meanwhile: the latest text wins
            return
        self._show(query, hits)

    def _failed(self, query: str, error: Exception) -> None:
        self._searching = False
        if query != self.query.text().strip():
            self.search_now()
            return
        self._show(query, [])
        self.note.setText(self.tr("The search failed: {reason}").format(
            reason=html.escape(str(error) or type(error).__name__)))

    def _show(self, query: str, hits: list[Hit]) -> None:
        self.hits = hits
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem()
            item.setData(HTML_ROLE, result_html(hit))
            item.setToolTip(hit.path)
            self.results.addItem(item)
        if hits:
            self.results.setCurrentRow(0)
            count = self.tr("%n document(s)", "", len(hits))
            self.note.setText(self.tr("{count} · ↑↓ to choose · Enter to open · Esc to close")
                              .format(count=count))
        elif query:
            self.note.setText(self.tr(
                "No indexed document matches “{query}”. Try other words, or check the folders "
                'in <a href="settings">Settings → Documents</a>.').format(
                    query=html.escape(query)))
        else:
            self.note.setText(self.hint())
        self.searched.emit(query)
        if self._open_when_shown:
            self._open_when_shown = False
            self.open_row(self.results.currentRow())

    # Choosing and opening -----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5,
                     Qt.Key.Key_PageUp: -5}
            if key in steps and self.hits:
                row = self.results.currentRow() + steps[Qt.Key(key)]
                self.results.setCurrentRow(max(0, min(row, len(self.hits) - 1)))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._debounce.isActive() or self._searching:
                    self._open_when_shown = True  # Enter before the results: open the first
                    self.search_now()
                    return True
                self.open_row(self.results.currentRow())
                return True
        return super().eventFilter(watched, event)

    def open_row(self, row: int) -> None:
        """Open the file of result ``row`` (where the viewer allows, at its page) and close."""
        if not 0 <= row < len(self.hits):
            return
        link = self.hits[row].link
        QDesktopServices.openUrl(QUrl(link))
        self.opened.emit(link)
        self.accept()

    def highlighted(self, row: int) -> list[str]:
        """The highlighted words of result ``row``, read back from what is painted."""
        shown = str(self.results.item(row).data(HTML_ROLE))
        return [html.unescape(m) for m in _HIGHLIGHTED.findall(shown)]


_HIGHLIGHTED = re.compile(rf'<span style="background-color:{HIGHLIGHT};">(.*?)</span>')
