"""Pieces the settings forms share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QScrollArea, QToolButton, QWidget

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MAX_FORM_HEIGHT = 470  # taller forms scroll


def line_edit(name: str, text: str, placeholder: str, accessible: str) -> QLineEdit:
    """A one-line field with its object name, placeholder and the name screen readers say."""
    line = QLineEdit(text)
    line.setObjectName(name)
    line.setPlaceholderText(placeholder)
    line.setAccessibleName(accessible)
    return line


def scrolling(page: QWidget, name: str, max_height: int = MAX_FORM_HEIGHT) -> QScrollArea:
    """``page`` in a frameless scroll area that scrolls only when taller than ``max_height``."""
    scroll = QScrollArea()
    scroll.setObjectName(name)
    scroll.viewport().setAutoFillBackground(False)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(page)
    scroll.setMinimumHeight(min(page.sizeHint().height(), max_height))
    return scroll


def day_toggles(name: str, accessible: str) -> tuple[QWidget, list[QToolButton]]:
    """A row of Mon … Sun toggle buttons (styled by ``#workDays``): the row and the buttons,
    Monday first. Each button is named ``name + "Mon"`` …, and said as ``accessible + " Mon"``."""
    row = QWidget()
    row.setObjectName("workDays")
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    buttons = []
    for day in DAY_NAMES:
        button = QToolButton()
        button.setText(day)
        button.setCheckable(True)
        button.setObjectName(f"{name}{day}")
        button.setAccessibleName(f"{accessible} {day}")
        layout.addWidget(button)
        buttons.append(button)
    layout.addStretch(1)
    return row, buttons
