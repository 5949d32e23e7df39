"""Help → About: the version from one place, the data folders, and the bundled components with
their licence texts, searchable, in English and in Chinese."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from desktop_assistant import __version__
from desktop_assistant.licenses import bundled_components
from desktop_assistant.ui.about_dialog import AboutDialog
from desktop_assistant.ui.translations import install_translations, remove_translations
from tests.support.i18n import untranslated_texts


@pytest.fixture
def english_interface(qapp: QApplication) -> Iterator[None]:
    """The English catalog installed as the app installs it (it holds the plural forms)."""
    assert install_translations(qapp, "en") == "en"
    yield
    remove_translations(qapp)


def _open(qtbot: Any) -> AboutDialog:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _row_of(dialog: AboutDialog, name: str) -> QModelIndex:
    for row in range(dialog.proxy.rowCount()):
        index = dialog.proxy.index(row, 0)
        if index.data() == name:
            return index
    raise AssertionError(f"{name} is not in the table")


def _click(qtbot: Any, dialog: AboutDialog, index: QModelIndex) -> None:
    dialog.table.scrollTo(index)
    rect = dialog.table.visualRect(index)
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _component_texts(dialog: AboutDialog) -> tuple[str, ...]:
    """Texts made of component names and licence identifiers (data, not interface)."""
    return (dialog.heading.text(), dialog.lgpl_note.text())


def test_about_shows_the_version_the_package_declares_and_the_data_folders(
        qtbot: Any, home: Path) -> None:
    dialog = _open(qtbot)
    assert dialog.windowTitle() == "About Desktop Assistant"
    assert dialog.version.text() == f"Version {__version__}"
    assert str(home / "config") in dialog.config_folder.text()
    assert str(home / "data") in dialog.data_folder.text()
    assert dialog.config_folder.openExternalLinks()
    assert dialog.config_folder.accessibleName() == "Settings folder"
    note = dialog.findChild(type(dialog.version), "aboutAiNote")
    assert note is not None
    assert note.text().startswith("AI answers are written by a language model.")
    license_note = dialog.findChild(type(dialog.version), "aboutLicense")
    assert license_note is not None
    assert "MIT" in license_note.text()


def test_every_bundled_component_is_listed_and_its_licence_text_opens_on_click(
        qtbot: Any, english_interface: None) -> None:
    components = bundled_components()
    assert len(components) > 50
    dialog = _open(qtbot)
    dialog.tabs.setCurrentIndex(1)
    assert dialog.proxy.rowCount() == len(components)
    assert dialog.count.text() == f"{len(components)} components"
    assert dialog.text.toPlainText() == ""

    _click(qtbot, dialog, _row_of(dialog, "PySide6_Essentials"))
    text = dialog.text.toPlainText()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text
    assert "Version 3" in text
    assert "LGPL-3.0-only" in dialog.heading.text()
    assert "https://pypi.org/project/PySide6_Essentials/" in dialog.heading.text()

    _click(qtbot, dialog, _row_of(dialog, "openai"))
    assert "Apache License" in dialog.text.toPlainText()
    assert "Apache-2.0" in dialog.heading.text()
    assert ">source<" not in dialog.heading.text()  # only copyleft components link their source

    for name in ("PySide6_Essentials", "shiboken6", "python-stdnum"):
        assert name in dialog.lgpl_note.text()
    assert not dialog.lgpl_note.isHidden()


def test_the_search_filters_by_name_and_by_licence(qtbot: Any, english_interface: None
                                                  ) -> None:
    dialog = _open(qtbot)
    dialog.tabs.setCurrentIndex(1)
    dialog.search.setFocus()
    qtbot.keyClicks(dialog.search, "stdnum")
    assert dialog.proxy.rowCount() == 1
    assert dialog.proxy.index(0, 0).data() == "python-stdnum"
    assert dialog.count.text() == "1 component"

    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "lgpl")
    shown = {dialog.proxy.index(row, 0).data() for row in range(dialog.proxy.rowCount())}
    assert shown == {c.name for c in bundled_components() if c.lgpl}
    assert {"PySide6_Essentials", "shiboken6", "python-stdnum"} <= shown

    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "no such component")
    assert dialog.proxy.rowCount() == 0
    assert dialog.count.text() == "0 components"


def test_controls_without_visible_text_have_accessible_names(qtbot: Any) -> None:
    dialog = _open(qtbot)
    assert dialog.table.accessibleName() == "Bundled components"
    assert dialog.search.accessibleName() == "Search the components"
    assert dialog.text.accessibleName() == "Licence text"


def test_about_in_chinese(qtbot: Any, chinese_interface: str, home: Path) -> None:
    dialog = _open(qtbot)
    assert dialog.windowTitle() == "关于桌面助手"
    assert dialog.version.text() == f"版本 {__version__}"
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == ["关于", "组件"]
    headers = [dialog.model.headerData(column, Qt.Orientation.Horizontal)
               for column in range(dialog.model.columnCount())]
    assert headers == ["组件", "版本", "许可证"]
    assert dialog.count.text() == f"{len(dialog.components)} 个组件"
    assert dialog.text.placeholderText() == "选择一个组件即可查看其许可证。"
    assert untranslated_texts(dialog, allow=_component_texts(dialog)) == []

    dialog.tabs.setCurrentIndex(1)
    _click(qtbot, dialog, _row_of(dialog, "python-stdnum"))
    assert "主页" in dialog.heading.text()
    assert "源代码" in dialog.heading.text()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.text.toPlainText()
    assert untranslated_texts(dialog, allow=_component_texts(dialog)) == []
    qtbot.keyClicks(dialog.search, "stdnum")
    assert dialog.count.text() == "1 个组件"
