"""Showing a reminder, meeting alert or briefing as the platform's own notification.

On Linux (and the BSDs) a ``Notification`` goes to the freedesktop notification service over
the D-Bus session bus (``org.freedesktop.Notifications.Notify``): app name "Desktop
Assistant", its actions as key/label pairs plus ``default`` (clicking the notification: open
it), urgency 2 for urgent ones. ``ActionInvoked`` comes back as :attr:`Notifier.chosen`, with
the notification and the action's key (``default`` is reported as ``open``).

Where no notification service answers (no session bus, nobody owns the name), and on macOS
and Windows, where Qt's tray icon hands its messages to Notification Center or a toast, the
tray icon's message is the fallback; clicking it opens the notification. With neither,
``undelivered`` carries the notification so the window can show it.

The bus is opened on the first notification, never before, and every call is asynchronous.
"""

from __future__ import annotations

import html
import logging
import sys
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop_assistant.reminders.notification import OPEN, Action, Notification

if TYPE_CHECKING:
    from desktop_assistant.ui.session_bus import SessionBus
    from desktop_assistant.ui.tray import TrayIcon

log = logging.getLogger(__name__)

APP_NAME = "Desktop Assistant"
DESKTOP_ENTRY = "desktop-assistant"
NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
DEFAULT = "default"  # the spec's key for clicking the notification itself
URGENCY_NORMAL, URGENCY_CRITICAL = 1, 2
RETRY_SECONDS = 60.0  # after the service was missing, how soon to ask the bus again


def uses_dbus(platform: str = sys.platform) -> bool:
    """True where notifications go over D-Bus (not macOS, not Windows)."""
    return not platform.startswith(("darwin", "win", "cygwin"))


def app_notification(title: str, body: str, key: str) -> Notification:
    """A notification from the app itself (not a reminder): clicking it opens the window."""
    return Notification(key=key, kind="app", title=title, body=body, due_at=datetime.now(UTC),
                        actions=(Action(OPEN, QCoreApplication.translate("Notifier", "Open")),))


class Notifier(QObject):
    """Shows notifications; reports the action the person chose."""

    #: The person chose an action: the Notification and the action's key ("open" for a click).
    chosen = Signal(object, str)
    #: Neither a notification service nor a tray icon could show this Notification.
    undelivered = Signal(object)
    #: Shown: the Notification and how ("dbus" or "tray").
    shown = Signal(object, str)

    def __init__(self, tray: TrayIcon | None = None, *, bus_address: str | None = None,
                 use_dbus: bool | None = None, parent: QObject | None = None) -> None:
        """``bus_address`` None: the session bus from the environment; ``use_dbus`` None:
        D-Bus where the platform has it (Linux, the BSDs)."""
        super().__init__(parent)
        self.tray = tray
        self._use_dbus = uses_dbus() if use_dbus is None else use_dbus
        self._bus_address = bus_address
        self._bus: SessionBus | None = None
        self._capabilities: set[str] | None = None  # None: not asked yet
        self._missing_since: float | None = None  # time.monotonic() it was last found missing
        self._waiting: list[Notification] = []  # until the capabilities are known
        self._asking = False  # GetCapabilities is on its way
        self._open: dict[int, Notification] = {}  # by the server's id
        self._last_tray_message: Notification | None = None
        self._closed = False
        if tray is not None:
            tray.message_clicked.connect(self._tray_message_clicked)

    def show(self, note: Notification) -> None:
        """Show ``note`` now (returns at once)."""
        if self._closed:
            log.info("Not shown (the app is quitting): %s", note.key)
        elif self._dbus_usable():
            self._waiting.append(note)
            self._ask_capabilities()
        else:
            self._fall_back(note)

    @property
    def open_notifications(self) -> dict[int, Notification]:
        """Shown over D-Bus and not closed yet, by the server's id."""
        return dict(self._open)

    def close(self) -> None:
        """Stop listening and showing (the app quits)."""
        self._closed = True
        self._waiting.clear()
        if self._bus is not None:
            self._bus.close()

    # D-Bus --------------------------------------------------------------------------------

    def _dbus_usable(self) -> bool:
        if not self._use_dbus:
            return False
        if self._capabilities is not None or self._missing_since is None:
            return True
        return time.monotonic() - self._missing_since >= RETRY_SECONDS

    def _connection(self) -> SessionBus | None:
        if self._bus is not None and not self._bus.is_closed:
            return self._bus
        from desktop_assistant.ui.session_bus import SessionBus, session_bus_address

        address = self._bus_address or session_bus_address()
        if not address:
            return None
        bus = self._bus = SessionBus(address, self)
        bus.signal_received.connect(self._signal)
        bus.closed.connect(self._bus_closed)
        bus.open()
        rule = f"type='signal',interface='{INTERFACE}',path='{PATH}'"
        bus.add_match(rule)
        return bus

    def _ask_capabilities(self) -> None:
        """Capabilities first (whether bodies are markup); they also say if anyone is there."""
        if self._capabilities is not None:
            self._send_waiting()
            return
        if self._asking:
            return
        bus = self._connection()
        if bus is None:
            self._service_missing("no session bus")
            return
        from jeepney import DBusAddress, new_method_call

        self._asking = True
        call = new_method_call(DBusAddress(PATH, bus_name=NAME, interface=INTERFACE),
                               "GetCapabilities")
        bus.call(call, self._got_capabilities, self._service_missing)

    def _got_capabilities(self, body: tuple[Any, ...]) -> None:
        self._asking = False
        self._capabilities = {str(c) for c in (body[0] if body else [])}
        self._missing_since = None
        self._send_waiting()

    def _service_missing(self, why: str) -> None:
        if self._closed:
            return
        log.info("No notification service (%s); using the tray icon.", why)
        self._asking = False
        self._capabilities = None
        self._missing_since = time.monotonic()
        waiting, self._waiting = self._waiting, []
        for note in waiting:
            self._fall_back(note)

    def _send_waiting(self) -> None:
        waiting, self._waiting = self._waiting, []
        for note in waiting:
            self._notify(note)

    def _notify(self, note: Notification) -> None:
        from jeepney import DBusAddress, new_method_call

        bus = self._connection()
        if bus is None:
            self._fall_back(note)
            return
        markup = "body-markup" in (self._capabilities or set())
        body = html.escape(note.body, quote=False) if markup else note.body
        actions = [DEFAULT, self.tr("Open")]
        for action in note.actions:
            if action.key == OPEN:
                actions[1] = action.label
            actions += [action.key, action.label]
        hints = {
            "urgency": ("y", URGENCY_CRITICAL if note.urgent else URGENCY_NORMAL),
            "desktop-entry": ("s", DESKTOP_ENTRY),
        }
        expire = 0 if note.urgent else -1  # urgent ones stay until dismissed
        call = new_method_call(
            DBusAddress(PATH, bus_name=NAME, interface=INTERFACE), "Notify", "susssasa{sv}i",
            (APP_NAME, 0, "", note.title, body, actions, hints, expire))

        def sent(reply: tuple[Any, ...]) -> None:
            self._open[int(reply[0])] = note
            self.shown.emit(note, "dbus")

        def failed(why: str) -> None:
            if self._closed:
                return
            log.warning("The notification service did not take %s: %s", note.key, why)
            self._fall_back(note)

        bus.call(call, sent, failed)

    def _signal(self, message: Any) -> None:
        from jeepney import HeaderFields

        fields = message.header.fields
        member = fields.get(HeaderFields.member)
        if fields.get(HeaderFields.interface) != INTERFACE or not message.body:
            return
        number = int(message.body[0])
        if member == "ActionInvoked" and len(message.body) > 1:
            note = self._open.get(number)
            if note is not None:  # signals for other programs' notifications come here too
                key = str(message.body[1])
                self.chosen.emit(note, OPEN if key == DEFAULT else key)
        elif member == "NotificationClosed":
            self._open.pop(number, None)

    def _bus_closed(self, why: str) -> None:
        log.info("Session bus connection closed: %s", why)
        self._capabilities = None
        self._open.clear()

    # The tray -----------------------------------------------------------------------------

    def _fall_back(self, note: Notification) -> None:
        if self.tray is not None and self.tray.isVisible():
            self._last_tray_message = note
            self.tray.show_message(note.title, note.body, urgent=note.urgent)
            self.shown.emit(note, "tray")
        else:
            self.undelivered.emit(note)

    def _tray_message_clicked(self) -> None:
        if self._last_tray_message is not None:
            self.chosen.emit(self._last_tray_message, OPEN)
