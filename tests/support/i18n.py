"""Finding interface text that was left in English when the interface is in Chinese.

``untranslated_texts(widget)`` walks a widget tree (menus and actions included) and returns every
visible piece of text that still has an English word in it: labels, buttons, titles, tabs,
placeholders, tooltips, combo-box items, list items, accessible names. Names that stay as they
are in Chinese (products, protocols, key names) and values the person typed are allowed.
The ``chinese_interface`` fixture installs the zh_CN catalogs for one test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from desktop_assistant.ui.translations import install_translations, remove_translations

# Words that stay in Latin letters in a Chinese interface.
KEPT = {
    "ai", "api", "azure", "openai", "ollama", "vllm", "llm", "lm", "studio", "llama", "cpp",
    "google", "gmail", "imap", "smtp", "caldav", "icalendar", "ics", "ssl", "tls", "starttls",
    "url", "https", "http", "oauth", "json", "markdown", "md", "pdf", "docx", "pptx", "xlsx",
    "html", "txt", "csv", "eml", "ctrl", "shift", "alt", "esc", "enter", "tab", "del", "cmd",
    "desktop", "assistant", "qt", "pyside", "python", "id", "utc", "gmt", "iana", "kb", "mb",
    "gb", "pm", "am", "ok", "gpt", "mini", "sqlite", "fts", "keyring", "macos", "windows",
    "linux", "iban", "cidr", "dns", "proxy", "lan", "local", "internal", "mit", "lgpl", "gpl",
    "bsd", "apache", "mpl", "psf", "isc", "zip", "asia", "shanghai", "mon", "fri", "sat", "sun",
    "localhost", "nextcloud", "fastmail", "icloud", "vcard", "english", "qwen",
    "vpn",
}
WORD = re.compile(r"[A-Za-z]{3,}")
NOT_WORDS = re.compile(
    r"https?://\S+|[\w.+-]+@[\w-]+(\.[\w-]+)+|(?:[\w-]+\.)+(?:com|org|net|example|local|internal"
    r"|lan|io)\b|(?:~|\.{1,2})?/[\w./-]+|\b[\w-]+\.(?:py|toml|db|json|ics|md|qm|ts|log)\b"
    r"|\{[^{}]*\}|%\w"
    r"|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b"  # environment variables: OPENAI_API_KEY
    r"|\b[A-Z][A-Za-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?\b"  # IANA zones: America/New_York
    r"|(?<!\w)\.[a-z]+(?:\.[a-z]+)+"  # dotted suffixes: .home.arpa
)


def english_words(text: str) -> list[str]:
    if "<" in text and ">" in text:  # rich text: only what it shows
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    text = NOT_WORDS.sub(" ", text)
    return [word for word in WORD.findall(text) if word.lower() not in KEPT]


def _texts(item: QObject) -> Iterator[tuple[str, str]]:
    if isinstance(item, QWidget):
        if item.isWindow():
            yield "windowTitle", item.windowTitle()
        yield "toolTip", item.toolTip()
        yield "accessibleName", item.accessibleName()
        yield "accessibleDescription", item.accessibleDescription()
        yield "statusTip", item.statusTip()
    if isinstance(item, QLabel):
        yield "text", item.text()
    if isinstance(item, QAbstractButton):
        yield "text", item.text()
    if isinstance(item, QGroupBox):
        yield "title", item.title()
    if isinstance(item, QLineEdit):
        yield "placeholderText", item.placeholderText()
    if isinstance(item, (QTextEdit, QPlainTextEdit)):
        yield "placeholderText", item.placeholderText()
    if isinstance(item, QTabWidget):
        for index in range(item.count()):
            yield f"tab {index}", item.tabText(index)
            yield f"tab {index} tooltip", item.tabToolTip(index)
    if isinstance(item, QComboBox):
        for index in range(item.count()):
            yield f"item {index}", item.itemText(index)
    if isinstance(item, QListWidget):
        for index in range(item.count()):
            yield f"item {index}", item.item(index).text()
    if isinstance(item, QMenu):
        yield "title", item.title()
    if isinstance(item, QAction):
        yield "text", item.text()
        yield "toolTip", item.toolTip() if item.toolTip() != item.text().replace("&", "") else ""
        yield "statusTip", item.statusTip()


def untranslated_texts(root: QWidget, *, allow: tuple[str, ...] = ()) -> list[str]:
    """"Class#objectName property: 'text'" for each text under ``root`` with an English word
    in it; ``allow`` lists texts that are data (a value the test typed, a file name)."""
    found = []
    for item in [root, *root.findChildren(QObject)]:
        if not isinstance(item, (QWidget, QAction)):
            continue
        for prop, text in _texts(item):
            if not text or text in allow or not english_words(text):
                continue
            found.append(f"{type(item).__name__}#{item.objectName()} {prop}: {text!r}")
    return found


@pytest.fixture
def chinese_interface(qapp: QApplication) -> Iterator[str]:
    """The interface in Chinese for this test (the app's and Qt's own catalogs)."""
    language = install_translations(qapp, "zh_CN")
    assert language == "zh_CN"
    yield language
    remove_translations(qapp)


@pytest.fixture(autouse=True)
def english_interface(request: pytest.FixtureRequest) -> Iterator[None]:
    """The English catalog (its plural forms: "1 document", "2 documents"), as the app installs
    it at start, for every test with Qt widgets; ``chinese_interface`` replaces it."""
    if not {"qapp", "qtbot"} & set(request.fixturenames):
        yield
        return
    qapp = request.getfixturevalue("qapp")
    install_translations(qapp, "en")
    yield
    remove_translations(qapp)
