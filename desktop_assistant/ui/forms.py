"""Pieces the settings forms share: fields, scrolling, day toggles, storing the form (and a
typed password, in the keyring), and running a check or sign-in from a button."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_assistant.ui.status import say
from desktop_assistant.ui.workers import run_task

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.secrets import SecretSaved

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


def status_label() -> QLabel:
    """The line under a settings form that says what was saved or what went wrong."""
    label = QLabel()
    label.setObjectName("statusLabel")
    label.setWordWrap(True)
    return label


def fill_tab(tab: QWidget, name: str, parts: Sequence[QWidget | QLayout], status: QLabel
             ) -> None:
    """Lay out a settings tab: ``parts`` top to bottom on a page (``#<name>Page``) that
    scrolls (``#<name>Scroll``) when taller than the dialog, and ``status`` below it, always
    in view."""
    page = QWidget()
    page.setObjectName(f"{name}Page")
    column = QVBoxLayout(page)
    column.setContentsMargins(0, 0, 8, 0)
    for part in parts:
        if isinstance(part, QLayout):
            column.addLayout(part)
        else:
            column.addWidget(part)
    column.addStretch(1)
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(scrolling(page, f"{name}Scroll"), 1)
    layout.addWidget(status)


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


def store_form(form: QWidget, services: Services, values: dict[str, Any], status: QLabel,
               saved: SignalInstance, *, what: str, password: QLineEdit,
               secret: str, secret_label: str) -> bool:
    """Store ``values`` in the settings; a typed ``password`` goes to the keyring as
    ``secret`` (in a worker) and is cleared. ``saved`` gets "{what} settings saved. …"."""
    try:
        services.update_settings(**values)
    except OSError as error:
        say(status, f"The settings could not be written: {error}", "error")
        return False
    typed = password.text()
    if not typed:
        say(status, "Saved.", "ok")
        saved.emit(f"{what} settings saved.", False)
        return True
    say(status, "Saving the password in the keyring…", "busy")

    def done(outcome: SecretSaved) -> None:
        password.clear()
        say(status, outcome.message, "ok" if outcome.persistent else "warning")
        saved.emit(f"{what} settings saved. {outcome.message}", not outcome.persistent)

    def failed(error: Exception) -> None:
        say(status, f"The settings were saved, but the password was not: {error}", "error")

    run_task(lambda: services.secrets.set(secret, typed), done, failed, context=form,
             cleanup=services.release_thread, description=f"saving the {secret_label} password")
    return True


def run_from_button(button: QPushButton, status: QLabel, work: Callable[[], str], *,
                    busy: str, description: str,
                    failure: Callable[[Exception], str] = str,
                    cleanup: Callable[[], None] | None = None) -> None:
    """Run ``work`` in a worker while ``button`` waits; its sentence, or ``failure(error)``,
    goes to ``status``."""
    button.setEnabled(False)
    say(status, busy, "busy")

    def done(message: str) -> None:
        button.setEnabled(True)
        say(status, message, "ok")

    def failed(error: Exception) -> None:
        button.setEnabled(True)
        say(status, failure(error), "error")

    run_task(work, done, failed, context=button, cleanup=cleanup, description=description)
