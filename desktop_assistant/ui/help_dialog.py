"""Help → Keyboard shortcuts (F1): every key the window answers to, in the platform's notation.

The rows come from the window's actions themselves (their translated text and their keys), so
the list can't drift from what the keys do; keys that belong to a field rather than to an
action (Enter sends, Shift+Enter starts a new line, Tab moves on) are added below them. Keys are
shown with ``QKeySequence.toString(NativeText)``: "Ctrl+N" on Windows and Linux, "⌘N" on macOS.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

NATIVE = QKeySequence.SequenceFormat.NativeText
CHINESE_ACCELERATOR = re.compile(r"\(&[^)]\)")


def action_text(action: QAction) -> str:
    """The action's menu text without its accelerator ("&New", the Chinese "新建(&N)") and
    without a trailing ellipsis."""
    text = CHINESE_ACCELERATOR.sub("", action.text())
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.rstrip("…").rstrip(".").strip()


def keys_text(sequences: Iterable[QKeySequence]) -> str:
    """"Ctrl+N" (several keys: "F1 / Help"), in the platform's notation."""
    return " / ".join(sequence.toString(NATIVE) for sequence in sequences)


def field_keys() -> list[tuple[str, str]]:
    """Keys of the fields themselves, not of actions: what they do and the keys."""
    translate = QCoreApplication.translate
    return [
        (translate("ShortcutsDialog", "Send the message"), QKeySequence("Return").toString(NATIVE)),
        (translate("ShortcutsDialog", "New line in the message"),
         QKeySequence("Shift+Return").toString(NATIVE)),
        (translate("ShortcutsDialog", "Next or previous control"),
         keys_text([QKeySequence("Tab"), QKeySequence("Shift+Tab")])),
    ]


class ShortcutsDialog(QDialog):
    """The list of shortcuts: what each does, and its keys."""

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        intro = QLabel(self.tr("Every action is also in the menus. These keys reach them "
                               "directly."))
        intro.setObjectName("dialogIntro")
        intro.setWordWrap(True)
        rows = [(action_text(action), keys_text(action.shortcuts())) for action in actions
                if action.shortcuts()]
        rows += field_keys()
        self.rows: list[tuple[str, str]] = rows
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        for row, (what, keys) in enumerate(rows):
            label = QLabel(what)
            label.setObjectName("shortcutAction")
            key = QLabel(keys)
            key.setObjectName("shortcutKeys")
            key.setAccessibleName(self.tr("{action}: {keys}").format(action=what, keys=keys))
            label.setBuddy(key)
            grid.addWidget(label, row, 0)
            grid.addWidget(key, row, 1)
        grid.setColumnStretch(0, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(14)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(buttons)
