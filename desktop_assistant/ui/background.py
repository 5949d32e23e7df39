"""What keeps running while the window is closed: the reminders clock, notifications and
their actions, the tray icon, and the answer to a second start of the app.

Built after the first paint (``application.after_first_paint``). Closing the window hides it
when ``close_to_tray`` is on (the default), with a note the first time saying where the app
went; File → Quit and the tray's Quit end it. Where the desktop has no tray (GNOME), the app
still notifies over D-Bus and comes back when started again from its launcher.

A notification's actions: Snooze and Done go to the reminders service in a worker; Open (or a
click on the notification) shows the window on the reminder's conversation, the briefing's
"Today" conversation or the agenda; Join opens the meeting's link.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QSystemTrayIcon

from desktop_assistant.i18n import QT_TRANSLATE_NOOP
from desktop_assistant.reminders.notification import (
    BRIEFING,
    DONE,
    JOIN,
    OPEN,
    Notification,
)
from desktop_assistant.settings import SettingsError
from desktop_assistant.ui.instance_server import InstanceServer
from desktop_assistant.ui.notifications import Notifier, app_notification
from desktop_assistant.ui.reminder_clock import ReminderClock
from desktop_assistant.ui.tray import TrayIcon
from desktop_assistant.ui.workers import errors, run_task

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.ui.main_window import MainWindow

log = logging.getLogger(__name__)

PAUSE_SECONDS = 3600.0
RETENTION_INTERVAL_MS = 24 * 3600 * 1000  # old conversations are deleted at start, then daily
STATUS_MS = 8000
NOTE_FILE = "background-note-shown"  # in the data folder: the close-to-tray note was shown
# The close-to-tray note, in context "Background", translated when shown.
NOTE_TITLE = QT_TRANSLATE_NOOP("Background", "Desktop Assistant is still running")
NOTE_WITH_TRAY = QT_TRANSLATE_NOOP(
    "Background", "Desktop Assistant is still running in the tray, so your reminders still "
    "come. Quit it from the tray icon's menu or with File → Quit.")
NOTE_WITHOUT_TRAY = QT_TRANSLATE_NOOP(
    "Background", "Desktop Assistant keeps running in the background, so your reminders "
    "still come. Open it again from its launcher; quit it with File → Quit.")


class Background(QObject):
    """The clock, the notifier, the tray icon and the instance server of one window."""

    #: A Snooze or Done went through: what the service said ("Snoozed until 16:15.").
    responded = Signal(str)

    def __init__(self, window: MainWindow, services: Services, *,
                 tray_available: bool | None = None, bus_address: str | None = None,
                 use_dbus: bool | None = None, server_name: str | None = None) -> None:
        """The keyword arguments are for tests: whether the desktop has a tray, which bus
        and single-instance socket to use (None: what the system says)."""
        super().__init__(window)
        self.window = window
        self.services = services
        available = (QSystemTrayIcon.isSystemTrayAvailable() if tray_available is None
                     else tray_available)
        self.tray = TrayIcon(self) if available else None
        self.notifier = Notifier(self.tray, bus_address=bus_address, use_dbus=use_dbus,
                                 parent=self)
        self.clock = ReminderClock(services, self)
        self.server = InstanceServer(server_name, self)
        self.retention = QTimer(self)
        self.retention.setInterval(RETENTION_INTERVAL_MS)
        self.retention.timeout.connect(self.apply_retention)
        self._poll_problem = ""
        self.clock.due.connect(self._due)
        self.clock.failed.connect(self._poll_failed)
        self.clock.polled.connect(lambda _: setattr(self, "_poll_problem", ""))
        self.notifier.chosen.connect(self.act)
        self.notifier.undelivered.connect(self._undelivered)
        self.server.show_requested.connect(self.show_window)
        if self.tray is not None:
            self.tray.open_requested.connect(self.show_window)
            self.tray.new_conversation_requested.connect(self._new_conversation)
            self.tray.pause_toggled.connect(self._pause)
            self.tray.quit_requested.connect(window.quit)

    def start(self) -> bool:
        """Answer later starts, show the tray icon, start the clock. False when another
        instance of the app already runs (it was asked to show itself): quit this one."""
        if not self.server.listen():
            return False
        if self.tray is not None:
            self.tray.show()
        self.window.background = self
        self.window.close_to_background = self.close_to_background
        self.clock.start()
        self.retention.start()
        self.apply_retention()
        return True

    def shutdown(self) -> None:
        """The app quits: stop the clock, close the bus, the socket and the tray icon."""
        self.clock.stop()
        self.retention.stop()
        self.notifier.close()
        self.server.close()
        if self.tray is not None:
            self.tray.dispose()
        if self.window.background is self:
            self.window.background = None
        self.window.close_to_background = None

    # Notifications ------------------------------------------------------------------------

    def _due(self, notes: list[Notification]) -> None:
        for note in notes:
            self.notifier.show(note)
        if any(n.kind == BRIEFING and n.conversation_id is not None for n in notes):
            self.window.sidebar.refresh()  # the briefing's message is in "Today"

    def _undelivered(self, note: Notification) -> None:
        self.window.banner.show_message(f"{note.title}\n{note.body}", warning=True)

    def _poll_failed(self, message: str) -> None:
        if message != self._poll_problem:  # once, not every retry
            self._poll_problem = message
            errors.report(message)

    def act(self, note: Notification, key: str) -> None:
        """Do what the person chose on ``note`` (an ``Action.key``)."""
        if key == OPEN:
            self.show_window()
            if note.conversation_id is not None:
                self.window.open_conversation(note.conversation_id)
            elif note.event_uid:
                self.window.agenda.show()
        elif key == JOIN:
            if note.link:
                QDesktopServices.openUrl(QUrl(note.link))
        elif note.reminder_id is not None and (key == DONE or key.startswith("snooze:")):
            reminder_id, services = note.reminder_id, self.services
            run_task(lambda: services.reminders.respond(reminder_id, key), self._responded,
                     context=self, cleanup=services.release_thread,
                     description="answering the reminder")
        else:
            log.warning("Nothing to do for action %r of %s", key, note.key)

    def _responded(self, said: Any) -> None:
        self.window.statusBar().showMessage(str(said), STATUS_MS)
        self.clock.check_now()  # the snoozed time or the next occurrence may come first
        self.responded.emit(str(said))

    def apply_retention(self) -> None:
        """Delete conversations older than Settings → Privacy allows, in a worker."""
        services = self.services
        run_task(services.apply_retention, self._retained, context=self,
                 cleanup=services.release_thread, description="deleting old conversations")

    def _retained(self, report: Any) -> None:
        if report.conversations:
            self.window.sidebar.refresh()

    # The window ---------------------------------------------------------------------------

    def show_window(self) -> None:
        self.window.bring_forward()

    def _new_conversation(self) -> None:
        self.show_window()
        self.window.new_conversation()

    def _pause(self, paused: bool) -> None:
        if paused:
            self.clock.pause(PAUSE_SECONDS)
        else:
            self.clock.resume()

    def close_to_background(self) -> bool:
        """Asked when the window is closed: True (and the window hidden) when the app keeps
        running, as ``close_to_tray`` says."""
        try:
            keep = self.services.settings.close_to_tray
        except SettingsError:
            return False
        if not keep:
            return False
        self.window.hide()
        self._note_once()
        return True

    def _note_once(self) -> None:
        marker = self.services.paths.data_dir / NOTE_FILE
        if marker.exists():
            return
        try:
            marker.touch()
        except OSError as error:
            log.warning("Could not remember the close-to-tray note: %s", error)
        body = NOTE_WITH_TRAY if self.tray is not None else NOTE_WITHOUT_TRAY
        self.notifier.show(app_notification(QCoreApplication.translate("Background", NOTE_TITLE),
                                            QCoreApplication.translate("Background", body),
                                            "app:background"))
