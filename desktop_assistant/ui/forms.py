"""Pieces the settings forms share: fields, scrolling, day toggles, storing the form (and a
typed password, in the keyring), and running a check or sign-in from a button.

Texts shown here are translated in the ``Forms`` context; callers pass their own texts
(placeholders, accessible names, the "… saved." sentence) already translated."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, SignalInstance
from PySide6.QtWidgets import (
    QComboBox,
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

from desktop_assistant.i18n import QT_TRANSLATE_NOOP
from desktop_assistant.ui.status import say
from desktop_assistant.ui.workers import run_task

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.secrets import SecretSaved

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
"""Day names as the settings file writes them ("Mon-Fri"); never translated."""
DAY_LABELS = (QT_TRANSLATE_NOOP("Forms", "Mon"), QT_TRANSLATE_NOOP("Forms", "Tue"),
              QT_TRANSLATE_NOOP("Forms", "Wed"), QT_TRANSLATE_NOOP("Forms", "Thu"),
              QT_TRANSLATE_NOOP("Forms", "Fri"), QT_TRANSLATE_NOOP("Forms", "Sat"),
              QT_TRANSLATE_NOOP("Forms", "Sun"))
"""The same days as the toggle buttons show them (translated where shown)."""
MAX_FORM_HEIGHT = 470  # taller forms scroll


def line_edit(name: str, text: str, placeholder: str, accessible: str) -> QLineEdit:
    """A one-line field with its object name, placeholder and the name screen readers say."""
    line = QLineEdit(text)
    line.setObjectName(name)
    line.setPlaceholderText(placeholder)
    line.setAccessibleName(accessible)
    return line


def choice_box(name: str, choices: dict[str, str], current: str, accessible: str) -> QComboBox:
    """A drop-down of ``choices`` (setting value → label as shown), ``current`` selected (the
    first choice when it is none of them)."""
    box = QComboBox()
    box.setObjectName(name)
    box.setAccessibleName(accessible)
    for value, label in choices.items():
        box.addItem(label, value)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


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
    Monday first. Each button is named ``name + "Mon"`` …, and said as ``accessible + " Mon"``
    (``accessible`` already translated; the day in the interface language)."""
    row = QWidget()
    row.setObjectName("workDays")
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    buttons = []
    for day, label in zip(DAY_NAMES, DAY_LABELS, strict=True):
        button = QToolButton()
        shown = QCoreApplication.translate("Forms", label)
        button.setText(shown)
        button.setCheckable(True)
        button.setObjectName(f"{name}{day}")
        button.setAccessibleName(
            QCoreApplication.translate("Forms", "{what} {day}").format(what=accessible, day=shown))
        layout.addWidget(button)
        buttons.append(button)
    layout.addStretch(1)
    return row, buttons


def shown_days(days: set[int] | frozenset[int]) -> str:
    """{0, 1, 2, 3, 4} → "Mon-Fri" in the interface language (周一至周五); other sets as
    "Mon,Wed,Fri" (周一、周三、周五). In English, the same text as the settings file holds."""
    ordered = sorted(days)
    labels = [QCoreApplication.translate("Forms", DAY_LABELS[day]) for day in ordered]
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return QCoreApplication.translate("Forms", "{first}-{last}").format(
            first=labels[0], last=labels[-1])
    return QCoreApplication.translate("Forms", ",", "between listed days").join(labels)


def store_form(form: QWidget, services: Services, values: dict[str, Any], status: QLabel,
               saved: SignalInstance, *, saying: str, password: QLineEdit,
               secret: str, secret_label: str) -> bool:
    """Store ``values`` in the settings; a typed ``password`` goes to the keyring as
    ``secret`` (in a worker) and is cleared. ``saved`` gets ``saying`` (translated: "Email
    settings saved."), followed by what became of the password."""
    try:
        services.update_settings(**values)
    except OSError as error:
        say(status, cannot_write(error), "error")
        return False
    typed = password.text()
    if not typed:
        say(status, QCoreApplication.translate("Forms", "Saved."), "ok")
        saved.emit(saying, False)
        return True
    say(status, QCoreApplication.translate("Forms", "Saving the password in the keyring…"),
        "busy")

    def done(outcome: SecretSaved) -> None:
        password.clear()
        say(status, outcome.message, "ok" if outcome.persistent else "warning")
        saved.emit(QCoreApplication.translate("Forms", "{saved} {password}").format(
            saved=saying, password=outcome.message), not outcome.persistent)

    def failed(error: Exception) -> None:
        say(status, QCoreApplication.translate(
            "Forms", "The settings were saved, but the password was not: {error}").format(
                error=error), "error")

    run_task(lambda: services.secrets.set(secret, typed), done, failed, context=form,
             cleanup=services.release_thread, description=f"saving the {secret_label} password")
    return True


def cannot_write(error: OSError) -> str:
    """The status line when the settings file could not be written."""
    return QCoreApplication.translate(
        "Forms", "The settings could not be written: {error}").format(error=error)


def run_from_button(button: QPushButton, status: QLabel, work: Callable[[], Any], *,
                    busy: str, description: str,
                    success: Callable[[Any], str] = str,
                    failure: Callable[[Exception], str] = str,
                    cleanup: Callable[[], None] | None = None) -> None:
    """Run ``work`` in a worker while ``button`` waits; ``success(result)`` (by default the
    result: a sentence), or ``failure(error)``, goes to ``status``."""
    button.setEnabled(False)
    say(status, busy, "busy")

    def done(result: Any) -> None:
        button.setEnabled(True)
        say(status, success(result), "ok")

    def failed(error: Exception) -> None:
        button.setEnabled(True)
        say(status, failure(error), "error")

    run_task(work, done, failed, context=button, cleanup=cleanup, description=description)
