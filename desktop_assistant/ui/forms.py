"""Pieces the settings forms share."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit


def line_edit(name: str, text: str, placeholder: str, accessible: str) -> QLineEdit:
    """A one-line field with its object name, placeholder and the name screen readers say."""
    line = QLineEdit(text)
    line.setObjectName(name)
    line.setPlaceholderText(placeholder)
    line.setAccessibleName(accessible)
    return line
