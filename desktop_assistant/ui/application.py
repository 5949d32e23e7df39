"""Starting the GUI: the QApplication, the main window, and what happens after first paint.

Only PySide6 and light core modules are imported before the window has painted; the database
is not even opened. After the first paint: ``on_shown`` (the startup benchmark's hook), the
conversation list (one frame later), heavy imports warmed up in a worker so the first turn
starts fast, document indexing a moment later (if folders were added), what runs in the
background (reminders, notifications, the tray, the answer to a second start: ui/background.py),
and the setup dialog if no model is configured yet.

Started at login (``--background``), the window is not shown: the same steps run at once, and
the window appears when the tray, a notification or a second start asks for it.

The interface language and the theme are read from the settings file (without loading all of
it) before the window is built; the live following of the system's colour scheme and the
window icon come after the first paint. ``restart`` quits and starts the app again (a changed
interface language), once the event loop has ended and the single-instance server is closed.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QProcess, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_assistant.i18n import chosen_language
from desktop_assistant.settings import SettingsError
from desktop_assistant.ui import theme
from desktop_assistant.ui.main_window import MainWindow
from desktop_assistant.ui.translations import install_translations
from desktop_assistant.ui.workers import errors, run_task, wait_for_workers

if TYPE_CHECKING:
    from desktop_assistant.app import Services

log = logging.getLogger(__name__)

APP_NAME = "Desktop Assistant"
"""The application's name for the system (settings, D-Bus, the single-instance server); the
window shows its translation."""
SHUTDOWN_WAIT_SECONDS = 5.0
BACKGROUND_DELAY_MS = 150


class FirstPaint(QObject):
    """Calls ``then`` once, right after the watched widget's first paint."""

    def __init__(self, watched: QObject, then: Callable[[], None]) -> None:
        super().__init__(watched)
        self._watched = watched
        self._then = then
        self._seen = False
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self._seen and watched is self._watched and event.type() == QEvent.Type.Paint:
            self._seen = True
            watched.removeEventFilter(self)
            # The paint event is delivered after this returns; the timer fires after it.
            QTimer.singleShot(0, self, self._then)
        return False


def window_title() -> str:
    return QCoreApplication.translate("Application", "Desktop Assistant")


def after_first_paint(
    window: MainWindow, services: Services, on_shown: Callable[[], None] | None,
    *, hidden: bool = False,
) -> None:
    if on_shown is not None:
        try:
            on_shown()
        except Exception as error:
            errors.report_exception("The start-up hook failed", error)
    from desktop_assistant.db import StorageError  # sqlite3: after the first paint

    try:
        window.load_history()
    except SettingsError as error:  # the settings file is read here, after the first paint
        QMessageBox.critical(window, window_title(), QCoreApplication.translate(
            "Application", "{error}\n\nFix or remove that file, then start Desktop Assistant "
            "again. Nothing was changed.").format(error=error))
        QApplication.exit(1)
        return
    except StorageError as error:  # the database opens here too: read-only folder, busy …
        QMessageBox.critical(window, window_title(), str(error))
        QApplication.exit(1)
        return
    follow_the_system()
    use_app_icon()
    open_demo_welcome(window, services)
    if services.storage_notice:
        show_storage_notice(window, services.storage_notice)
    window.indexing.start_after_launch()  # carries on where an interrupted run stopped
    run_task(services.warm_up, description="preparing the assistant")
    # Reminders, the tray and the rest load their modules (~0.1 s) once the list has painted.
    QTimer.singleShot(BACKGROUND_DELAY_MS, window,
                      lambda: after_history(window, services, hidden=hidden))


def open_demo_welcome(window: MainWindow, services: Services) -> None:
    """In the demo workspace (``--demo``), open on the welcome conversation: what to try."""
    from desktop_assistant.demo import is_demo, welcome_conversation

    if not is_demo():
        return
    welcome = welcome_conversation()
    if welcome is not None and services.history.has_conversation(welcome):
        window.open_conversation(welcome)


def show_storage_notice(window: MainWindow, notice: str) -> QMessageBox:
    """Tell the person the damaged database was set aside, without blocking the window."""
    from PySide6.QtCore import Qt  # after the first paint, like the rest of this

    box = QMessageBox(QMessageBox.Icon.Warning, window_title(), notice,
                      QMessageBox.StandardButton.Ok, window)
    box.setObjectName("storageNotice")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def follow_the_system() -> None:
    """Switch the theme live when the system's colour scheme changes (if it follows it)."""
    follower = theme.follower()
    if follower is not None:
        follower.watch_system()


def use_app_icon() -> None:
    """The app's icon on its windows (ui/app_icon.py; the platform's default without it)."""
    try:
        from desktop_assistant.ui.app_icon import app_icon
    except ImportError:
        return
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setWindowIcon(app_icon())


def after_history(window: MainWindow, services: Services, *, hidden: bool) -> None:
    if not start_background(window, services):
        return
    if not services.settings.configured and not hidden:
        window.open_setup(first_run=True)


def start_background(window: MainWindow, services: Services) -> bool:
    """Reminders, notifications, the tray and the single-instance server; False (and the
    app told to quit) when another instance already runs and has taken over."""
    from desktop_assistant.ui.background import Background

    background = Background(window, services)
    if not background.start():
        log.info("Another Desktop Assistant is running; it was asked to show its window.")
        QApplication.exit(0)
        return False
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(background.shutdown)
    return True


def launch(services: Services, on_shown: Callable[[], None] | None = None,
           *, hidden: bool = False) -> MainWindow:
    """Create (or reuse) the QApplication, show the main window (unless ``hidden``: started
    at login), and wire first paint."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else theme.styled_application(sys.argv)
    app.setApplicationName(APP_NAME)
    QGuiApplication.setDesktopFileName("desktop-assistant")  # Wayland: the window's .desktop
    install_translations(app, chosen_language(services.paths.settings_file))
    looks = theme.follow(app, theme.chosen_theme(services.paths.settings_file),
                         style_sheet_later=True)
    window = MainWindow(services, load_history=False)
    looks.apply_style_sheet()
    if hidden:
        QTimer.singleShot(0, window, lambda: after_first_paint(window, services, on_shown,
                                                               hidden=True))
        return window
    FirstPaint(window, lambda: after_first_paint(window, services, on_shown))
    window.show()
    return window


def run(services: Services, on_shown: Callable[[], None] | None = None,
        *, hidden: bool = False) -> int:
    """Show the window and run the event loop until the app quits; the exit code."""
    window = launch(services, on_shown, hidden=hidden)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    # A hidden window (close-to-tray) must not end the app when a dialog closes; the app
    # ends when the window really closes (File → Quit, or closing with close_to_tray off).
    app.setQuitOnLastWindowClosed(False)
    window.closed.connect(app.quit)
    app.aboutToQuit.connect(window.shutdown)
    code = app.exec()
    waited = wait_for_workers(SHUTDOWN_WAIT_SECONDS)
    if _restart_wanted:
        start_again()
    if not waited:
        # A worker still blocked on a stalled server cannot be interrupted, and a QThread
        # destroyed while it runs aborts the interpreter. What the person wrote is already
        # stored (an unfinished answer comes back as "interrupted"), so leave without cleanup.
        log.warning("Workers still running at exit; leaving without waiting for them.")
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


_restart_wanted = False


def restart_command() -> tuple[str, list[str]]:
    """The program and arguments that started this process: the bundle's executable, or the
    Python interpreter with its original arguments (``-m desktop_assistant``, a script)."""
    if getattr(sys, "frozen", False):
        return sys.executable, sys.argv[1:]
    return sys.executable, list(sys.orig_argv[1:])


def restart() -> None:
    """Quit (closing the window for real, even with close-to-tray) and start again once the
    event loop has ended (``run``): a changed interface language applies at start."""
    global _restart_wanted
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    _restart_wanted = True
    for window in windows:
        window.quit()
    if not windows:
        QApplication.quit()


def start_again() -> bool:
    program, arguments = restart_command()
    started, _pid = QProcess.startDetached(program, arguments)
    if not started:
        log.error("Could not start %s %s again.", program, " ".join(arguments))
    return bool(started)
