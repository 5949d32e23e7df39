"""Status lines: a label's text and its ``state`` (ok, error, warning, busy), which the style
sheet colours (``#statusLabel[state="error"]`` …)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


def restyle(widget: QWidget) -> None:
    """Re-apply the style sheet after a property it reads has changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def set_state(widget: QWidget, state: str) -> None:
    widget.setProperty("state", state)
    restyle(widget)


def say(label: QLabel, text: str, state: str = "") -> None:
    label.setText(text)
    set_state(label, state)
