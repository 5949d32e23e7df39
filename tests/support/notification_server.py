"""A freedesktop notification server for tests: it records every ``Notify`` call it receives
and emits ``ActionInvoked`` / ``NotificationClosed`` when a test asks.

It owns ``org.freedesktop.Notifications`` on a D-Bus bus (a private one: see
``tests/support/keyring_session.py``) through ``jeepney`` in a thread of its own, so the code
under test talks to it with real D-Bus messages, exactly as it would to a desktop's daemon
(GNOME Shell, KDE's plasmashell, dunst, Debian's notification-daemon)::

    with NotificationRecorder(bus_address) as server:
        ...                                   # the app notifies
        call = server.calls[0]                # app_name, summary, body, actions, hints …
        server.invoke(call.id, "snooze:15")   # the person clicks "Snooze 15 min"

Fixtures (listed in ``tests/conftest.py``'s plugins):

``notification_bus`` (function)
    A private D-Bus session bus of its own; returns its address.
``notification_server`` (function)
    A :class:`NotificationRecorder` on ``notification_bus``.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
CAPABILITIES = ("actions", "body", "body-markup")
CLOSED_BY_USER = 2  # NotificationClosed reasons: 1 expired, 2 dismissed, 3 CloseNotification


@dataclass(frozen=True)
class NotifyCall:
    """One ``Notify`` as it arrived, with the D-Bus signature it was sent with."""

    id: int
    signature: str
    app_name: str
    replaces_id: int
    app_icon: str
    summary: str
    body: str
    actions: tuple[str, ...]  # key, label, key, label …
    hints: dict[str, tuple[str, Any]]  # name -> (D-Bus type, value)
    expire_timeout: int
    received_at: float = 0.0  # time.time() when it arrived (benchmarks/reminders.py)

    @property
    def action_keys(self) -> list[str]:
        return list(self.actions[0::2])

    @property
    def action_labels(self) -> dict[str, str]:
        return dict(zip(self.actions[0::2], self.actions[1::2], strict=True))


class NotificationRecorder:
    """``org.freedesktop.Notifications`` on ``bus_address``, answered from a thread."""

    def __init__(self, bus_address: str) -> None:
        self.bus_address = bus_address
        self.calls: list[NotifyCall] = []
        self.closed: list[int] = []  # ids the client closed with CloseNotification
        self.errors: list[str] = []  # what the server could not handle
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._connection: Any = None
        self._thread: threading.Thread | None = None
        self._stopping = False

    def __enter__(self) -> NotificationRecorder:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    def start(self) -> None:
        from jeepney import DBusNameFlags
        from jeepney.bus_messages import message_bus
        from jeepney.io.threading import DBusRouter, Proxy, open_dbus_connection

        self._connection = open_dbus_connection(self.bus_address)
        with DBusRouter(self._connection) as router:
            reply = Proxy(message_bus, router, timeout=10).RequestName(
                NAME, DBusNameFlags.do_not_queue)
        if reply != (1,):  # DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER
            raise RuntimeError(f"could not own {NAME} on {self.bus_address}: {reply}")
        self._thread = threading.Thread(target=self._serve, name="notification-server",
                                        daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping = True
        if self._connection is not None:
            self._connection.interrupt()  # wakes the thread's receive
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self._connection is not None:
            self._connection.close()
        self._connection = self._thread = None

    # What tests read and do ---------------------------------------------------------------

    def snapshot(self) -> list[NotifyCall]:
        with self._lock:
            return list(self.calls)

    def invoke(self, notification_id: int, action_key: str) -> None:
        """The person clicked ``action_key`` ("default" for the notification itself)."""
        self._signal("ActionInvoked", "us", (notification_id, action_key))
        self._signal("NotificationClosed", "uu", (notification_id, CLOSED_BY_USER))

    def dismiss(self, notification_id: int) -> None:
        """The person closed the notification without choosing an action."""
        self._signal("NotificationClosed", "uu", (notification_id, CLOSED_BY_USER))

    def _signal(self, name: str, signature: str, body: tuple[Any, ...]) -> None:
        from jeepney import DBusAddress, new_signal

        emitter = DBusAddress(PATH, interface=INTERFACE)
        self._connection.send(new_signal(emitter, name, signature, body))

    # The server ---------------------------------------------------------------------------

    def _serve(self) -> None:
        from jeepney import MessageType
        from jeepney.io.threading import ReceiveStopped

        while True:
            try:
                message = self._connection.receive()
            except (ReceiveStopped, OSError, ValueError):
                return
            if message.header.message_type is MessageType.method_call:
                try:
                    self._answer(message)
                except Exception as error:  # recorded, and the test that reads it fails
                    if not self._stopping:
                        self.errors.append(f"{type(error).__name__}: {error}")

    def _answer(self, message: Any) -> None:
        from jeepney import HeaderFields, new_error, new_method_return

        fields = message.header.fields
        member = fields.get(HeaderFields.member)
        signature = fields.get(HeaderFields.signature, "")
        if member == "Notify" and fields.get(HeaderFields.interface) in (INTERFACE, None):
            if signature != "susssasa{sv}i":
                self.errors.append(f"Notify sent with signature {signature!r}")
                self._connection.send(new_error(
                    message, "org.freedesktop.DBus.Error.InvalidArgs", "s",
                    (f"Notify takes susssasa{{sv}}i, not {signature}",)))
                return
            received = time.time()
            app, replaces, icon, summary, body, actions, hints, timeout = message.body
            number = replaces or next(self._ids)
            with self._lock:
                self.calls.append(NotifyCall(number, signature, app, replaces, icon, summary,
                                             body, tuple(actions), dict(hints), timeout,
                                             received))
            self._connection.send(new_method_return(message, "u", (number,)))
        elif member == "GetCapabilities":
            self._connection.send(new_method_return(message, "as", (list(CAPABILITIES),)))
        elif member == "GetServerInformation":
            self._connection.send(new_method_return(
                message, "ssss", ("recorder", "desktop-assistant tests", "1", "1.2")))
        elif member == "CloseNotification":
            (number,) = message.body
            with self._lock:
                self.closed.append(number)
            self._connection.send(new_method_return(message))
            self._signal("NotificationClosed", "uu", (number, 3))
        else:
            self._connection.send(new_error(
                message, "org.freedesktop.DBus.Error.UnknownMethod", "s",
                (f"no method {member!r} here",)))


# Fixtures -------------------------------------------------------------------------------------


@pytest.fixture
def notification_bus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private D-Bus session bus (no activation: nothing else starts on it)."""
    from tests.support.keyring_session import _require_programs, _start_dbus_daemon

    dbus_daemon = _require_programs(("dbus-daemon",))["dbus-daemon"]
    root: Path = tmp_path_factory.mktemp("notification-bus")
    with contextlib.ExitStack() as stack:
        address, _ = _start_dbus_daemon(dbus_daemon, root, stack)
        yield address


@pytest.fixture
def notification_server(notification_bus: str) -> Iterator[NotificationRecorder]:
    with NotificationRecorder(notification_bus) as server:
        yield server
    assert server.errors == [], "the notification server could not handle what it received"
