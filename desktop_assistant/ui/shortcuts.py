"""Window shortcuts that text fields would otherwise take for themselves.

On Linux (and in Emacs-style bindings on macOS) Ctrl+K deletes to the end of the line, so a
focused text field accepts the key before the window's Ctrl+K (search documents) can fire.
``WindowShortcuts`` is installed on such fields and hands those keys back to the window.

``set_keys`` gives an action its keys without building PySide6's ``Qt`` namespace (see
``application``): ``QAction.setShortcut`` builds it on first use, ``setShortcuts`` does not.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget


def set_keys(action: QAction, *keys: str | QKeySequence.StandardKey) -> None:
    """Bind ``keys`` ("Ctrl+N", or a standard key with all its platform variants; several are
    merged in order, without repeats: a standard key with a fallback where the platform has
    none, such as Preferences outside macOS)."""
    sequences: list[QKeySequence] = []
    for key in keys:
        found = [QKeySequence(key)] if isinstance(key, str) else QKeySequence.keyBindings(key)
        sequences += [sequence for sequence in found
                      if not sequence.isEmpty() and sequence not in sequences]
    action.setShortcuts(sequences)


class WindowShortcuts(QObject):
    """Lets ``actions``' shortcuts win over the editing keys of the fields it watches."""

    def __init__(self, actions: Iterable[QAction], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._keys = {sequence.toString() for action in actions
                      for sequence in action.shortcuts()}

    def watch(self, *fields: QWidget) -> None:
        for field in fields:
            field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and QKeySequence(event.keyCombination()).toString() in self._keys):
            event.ignore()  # not the field's: the shortcut goes to the window
            return True
        return False
