"""Help → About: what this is, which version, where it keeps the person's files, and the
third-party components it ships with their licences.

Two tabs. "About": name, version, a one-line description, the note that answers come from a
language model, the app's own licence and the settings and data folders (links that open them).
"Components": the bundled components (``desktop_assistant.licenses``) in a table that a search
field filters; choosing one shows its licence text. The LGPL note says what that licence lets
people do with the components under it.
"""

from __future__ import annotations

import html
import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QItemSelection, QModelIndex, QSortFilterProxyModel, Qt, QUrl, qVersion
from PySide6.QtGui import QFontDatabase, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_assistant import __version__
from desktop_assistant.licenses import APP_LICENSE, Component, bundled_components
from desktop_assistant.settings import Paths

ICON_SIZE = 64
NAME, VERSION, LICENSE = range(3)


class AboutDialog(QDialog):
    """About Desktop Assistant, with the bundled components and their licences."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Desktop Assistant"))
        self.resize(780, 560)
        self.components = bundled_components()

        self.tabs = QTabWidget()
        self.tabs.setObjectName("aboutTabs")
        self.tabs.addTab(self._about_page(), self.tr("About"))
        self.tabs.addTab(self._components_page(), self.tr("Components"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    # About ----------------------------------------------------------------------------------

    def _about_page(self) -> QWidget:
        from desktop_assistant.ui.app_icon import app_icon

        icon = QLabel()
        icon.setObjectName("aboutIcon")
        icon.setPixmap(app_icon().pixmap(ICON_SIZE, ICON_SIZE))
        icon.setAccessibleName(self.tr("Desktop Assistant icon"))
        name = QLabel(self.tr("Desktop Assistant"))
        name.setObjectName("aboutName")
        font = name.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        name.setFont(font)
        self.version = _label("aboutVersion", self.tr("Version {version}").format(
            version=__version__))
        self.version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        heading = QVBoxLayout()
        heading.addWidget(name)
        heading.addWidget(self.version)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        description = _label("aboutDescription", self.tr(
            "Your assistant for everyday work: meetings, company documents, email drafts and "
            "reminders, in a chat that can use tools."))
        ai_note = _label("aboutAiNote", self.tr(
            "AI answers are written by a language model. They can be wrong: check what matters "
            "before you rely on it. Anything that reaches other people or your calendars and "
            "mailboxes waits for your confirmation."))
        license_note = _label("aboutLicense", self.tr(
            "Copyright © the Desktop Assistant authors. Released under the {license} licence; "
            "the components it ships keep their own licences (see Components).").format(
                license=APP_LICENSE))
        runtime = _label("aboutRuntime", self.tr("Python {python} · Qt {qt} · PySide6 {pyside}")
                         .format(python=platform.python_version(), qt=qVersion(),
                                 pyside=pyside_version))

        paths = Paths.resolve()
        self.config_folder = _folder_link("aboutConfigFolder", str(paths.config_dir))
        self.data_folder = _folder_link("aboutDataFolder", str(paths.data_dir))
        self.config_folder.setAccessibleName(self.tr("Settings folder"))
        self.data_folder.setAccessibleName(self.tr("Data folder"))
        folders = QFormLayout()
        folders.addRow(self.tr("Settings folder:"), self.config_folder)
        folders.addRow(self.tr("Data folder:"), self.data_folder)
        folders_note = _label("aboutFoldersNote", self.tr(
            "Your conversations, reminders and document index stay on this computer in these "
            "folders; passwords and keys are in the system keyring."))

        page = QWidget()
        page.setObjectName("aboutPage")
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        for label in (description, ai_note, license_note):
            layout.addWidget(label)
        layout.addSpacing(8)
        layout.addLayout(folders)
        layout.addWidget(folders_note)
        layout.addStretch(1)
        layout.addWidget(runtime)
        return page

    # Components -----------------------------------------------------------------------------

    def _components_page(self) -> QWidget:
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("Component"), self.tr("Version"), self.tr("Licence")])
        for component in self.components:
            row = [QStandardItem(component.name), QStandardItem(component.version),
                   QStandardItem(component.license)]
            for item in row:
                item.setEditable(False)
            self.model.appendRow(row)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.search = QLineEdit()
        self.search.setObjectName("componentSearch")
        self.search.setPlaceholderText(self.tr("Search by name or licence"))
        self.search.setAccessibleName(self.tr("Search the components"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.count = _label("componentCount", "")

        self.table = QTableView()
        self.table.setObjectName("componentTable")
        self.table.setAccessibleName(self.tr("Bundled components"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._chosen)

        self.heading = _label("licenseHeading", "")
        self.heading.setOpenExternalLinks(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("licenseText")
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Licence text"))
        self.text.setPlaceholderText(self.tr("Choose a component to read its licence."))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)  # laid out by their authors
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.heading)
        detail_layout.addWidget(self.text, 1)
        split = QSplitter()
        split.setObjectName("componentSplit")
        split.addWidget(self.table)
        split.addWidget(detail)
        split.setSizes([400, 360])

        lgpl = sorted({component.name for component in self.components if component.lgpl},
                      key=str.lower)
        self.lgpl_note = _label("lgplNote", self.tr(
            "Components under the LGPL ({names}) are installed as separate files that you may "
            "replace with a modified version; their source code is available from their "
            "homepages and from PyPI.").format(names=", ".join(lgpl)))
        self.lgpl_note.setVisible(bool(lgpl))

        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count)
        page = QWidget()
        page.setObjectName("componentsPage")
        layout = QVBoxLayout(page)
        layout.addLayout(search_row)
        layout.addWidget(split, 1)
        layout.addWidget(self.lgpl_note)
        self._filter("")
        return page

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        shown = self.proxy.rowCount()
        self.count.setText(self.tr("%n component(s)", "", shown))

    def _chosen(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        if rows:
            self.show_component(self.component_at(rows[0]))

    def component_at(self, index: QModelIndex) -> Component:
        """The component on the table's row ``index``."""
        return self.components[self.proxy.mapToSource(index).row()]

    def show_component(self, component: Component) -> None:
        """Show ``component``'s name, licence, links and licence text."""
        links = [(component.homepage, self.tr("homepage"))]
        if component.lgpl:
            links.append((component.source, self.tr("source")))
        anchors = [f'<a href="{html.escape(url)}">{html.escape(label)}</a>' for url, label in links]
        self.heading.setText(
            f"<b>{html.escape(component.name)} {html.escape(component.version)}</b> · "
            f"{html.escape(component.license)} · {' · '.join(anchors)}")
        text = component.license_text()
        self.text.setPlainText(text or self.tr(
            "This component ships no licence file; its licence is {license}, as its package "
            "declares.").format(license=component.license))


def _label(name: str, text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def _folder_link(name: str, folder: str) -> QLabel:
    """A folder's path as a link that opens it in the file manager."""
    url = QUrl.fromLocalFile(folder).toString()
    label = QLabel(f'<a href="{html.escape(url)}">{html.escape(folder)}</a>')
    label.setObjectName(name)
    label.setOpenExternalLinks(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    label.setWordWrap(True)
    return label
