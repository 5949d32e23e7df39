"""A D-Bus session-bus connection that never blocks the window: Qt's event loop does the I/O
(``QLocalSocket``), ``jeepney`` (no I/O of its own) authenticates and reads and writes the
messages.

Why not QtDBus: PySide6 turns every Python ``int`` into a D-Bus ``int32`` (its
``QDBusArgument`` streams an ``int`` as ``uint16``), so ``Notify``'s ``uint32 replaces_id``
and the ``byte`` urgency hint cannot be sent; GLib servers (GNOME Shell, dunst, Debian's
notification-daemon) reject a ``Notify`` whose signature is not ``susssasa{sv}i``. jeepney
writes exactly the signature asked for.

Calls are queued until the connection is ready; each has its own timeout, so a server that
never answers costs a callback, not a frozen window. D-Bus signals are re-emitted as
``signal_received`` (a ``jeepney.Message``); ask for them with :meth:`SessionBus.add_match`.
"""

from __future__ import annotations

import itertools
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalSocket

log = logging.getLogger(__name__)

BUS_NAME = "org.freedesktop.DBus"
BUS_PATH = "/org/freedesktop/DBus"
CALL_TIMEOUT_MS = 5000
OPEN_TIMEOUT_MS = 5000

Reply = Callable[[tuple[Any, ...]], None]
Failure = Callable[[str], None]


def session_bus_address(environ: Any = os.environ) -> str | None:
    """The session bus's address: ``DBUS_SESSION_BUS_ADDRESS``, else systemd's per-user bus
    socket (``$XDG_RUNTIME_DIR/bus``) as libdbus finds it; None where there is none."""
    address = environ.get("DBUS_SESSION_BUS_ADDRESS", "")
    if address:
        return str(address)
    runtime = environ.get("XDG_RUNTIME_DIR", "")
    if runtime and Path(runtime, "bus").exists():
        return f"unix:path={Path(runtime, 'bus')}"
    return None


def socket_of(address: str) -> tuple[str, bool] | None:
    """The Unix socket to connect to for a D-Bus ``address``: (path or abstract name, whether
    it is abstract); None when it names no Unix socket (tcp:, launchd: …)."""
    for entry in address.split(";"):
        transport, _, info = entry.partition(":")
        if transport != "unix":
            continue
        values = dict(part.split("=", 1) for part in info.split(",") if "=" in part)
        if "path" in values:
            return _unescape(values["path"]), False
        if "abstract" in values:
            return _unescape(values["abstract"]), True
    return None


def _unescape(value: str) -> str:
    from jeepney.bus import unescape

    return str(unescape(value))


class SessionBus(QObject):
    """One connection to a D-Bus bus, driven by the Qt event loop."""

    #: A D-Bus signal that matched a rule given to ``add_match`` (a ``jeepney.Message``).
    signal_received = Signal(object)
    #: The connection is gone (or never came up): why. Pending calls have failed by then.
    closed = Signal(str)

    def __init__(self, address: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.address = address
        self.unique_name = ""
        self._socket = QLocalSocket(self)
        self._socket.connected.connect(self._connected)
        self._socket.readyRead.connect(self._read)
        self._socket.errorOccurred.connect(self._socket_failed)
        self._socket.disconnected.connect(self._disconnected)
        self._serials = itertools.count(1)
        self._auth: Any = None
        self._parser: Any = None
        self._ready = False
        self._done = False
        self._queued: list[tuple[Any, Reply, Failure, int]] = []
        self._pending: dict[int, tuple[Reply, Failure, QTimer]] = {}
        self._open_timer = QTimer(self)
        self._open_timer.setSingleShot(True)
        self._open_timer.timeout.connect(lambda: self._close("the bus did not answer in time"))

    @property
    def ready(self) -> bool:
        return self._ready

    @property
    def is_closed(self) -> bool:
        return self._done

    def open(self) -> None:
        """Start connecting; returns at once (``closed`` says if it fails)."""
        target = socket_of(self.address)
        if target is None:
            QTimer.singleShot(0, self, lambda: self._close(
                f"no Unix socket in the bus address {self.address!r}"))
            return
        name, abstract = target
        try:
            from jeepney.auth import Authenticator
            from jeepney.low_level import Parser
        except ImportError:  # pragma: no cover - jeepney is a dependency on Linux
            QTimer.singleShot(0, self, lambda: self._close("jeepney is not installed"))
            return
        self._auth = Authenticator()
        self._parser = Parser()
        if abstract:
            self._socket.setSocketOptions(QLocalSocket.SocketOption.AbstractNamespaceOption)
        self._open_timer.start(OPEN_TIMEOUT_MS)
        self._socket.connectToServer(name)

    def call(self, message: Any, on_reply: Reply, on_error: Failure,
             timeout_ms: int = CALL_TIMEOUT_MS) -> None:
        """Send the method call ``message`` (a ``jeepney.Message``); ``on_reply(body)`` or
        ``on_error(why)`` follows, in the GUI thread, within ``timeout_ms``."""
        if self._done:
            on_error("not connected to the session bus")
        elif not self._ready:
            self._queued.append((message, on_reply, on_error, timeout_ms))
        else:
            self._send(message, on_reply, on_error, timeout_ms)

    def add_match(self, rule: str, on_error: Failure | None = None) -> None:
        """Receive the signals matching ``rule`` (D-Bus match-rule syntax)."""
        from jeepney import DBusAddress, new_method_call

        bus = DBusAddress(BUS_PATH, bus_name=BUS_NAME, interface=BUS_NAME)
        self.call(new_method_call(bus, "AddMatch", "s", (rule,)), lambda _: None,
                  on_error or (lambda why: log.warning("AddMatch failed: %s", why)))

    def close(self) -> None:
        self._close("closed")

    # The connection -----------------------------------------------------------------------

    def _connected(self) -> None:
        self._write(self._auth.data_to_send() or b"")

    def _read(self) -> None:
        data = bytes(self._socket.readAll().data())
        if self._done or not data:
            return
        if not self._auth.authenticated:
            self._authenticate(data)  # the bus says nothing more until we BEGIN
            return
        try:
            messages = self._parser.feed(data)
        except Exception as error:  # a message jeepney cannot read: the stream is lost
            self._close(f"unreadable message from the bus: {error}")
            return
        for message in messages:
            if self._done:  # a callback closed the connection
                break
            self._dispatch(message)

    def _authenticate(self, data: bytes) -> None:
        """Feed the SASL exchange; once it is done, BEGIN and say Hello."""
        from jeepney.auth import AuthenticationError

        try:
            self._auth.feed(data)
        except AuthenticationError as error:
            self._close(f"the bus refused us: {error}")
            return
        if not self._auth.authenticated:
            self._write(self._auth.data_to_send() or b"")
            return
        from jeepney import DBusAddress, new_method_call
        from jeepney.auth import BEGIN

        self._write(BEGIN)  # jeepney leaves this line to its caller
        bus = DBusAddress(BUS_PATH, bus_name=BUS_NAME, interface=BUS_NAME)
        self._send(new_method_call(bus, "Hello"), self._hello, self._close, OPEN_TIMEOUT_MS)

    def _hello(self, body: tuple[Any, ...]) -> None:
        self.unique_name = str(body[0]) if body else ""
        self._ready = True
        self._open_timer.stop()
        queued, self._queued = self._queued, []
        for message, on_reply, on_error, timeout_ms in queued:
            self._send(message, on_reply, on_error, timeout_ms)

    def _send(self, message: Any, on_reply: Reply, on_error: Failure, timeout_ms: int) -> None:
        serial = next(self._serials)
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: self._timed_out(serial))
        self._pending[serial] = (on_reply, on_error, timer)
        timer.start(timeout_ms)
        self._write(message.serialise(serial=serial))

    def _write(self, data: bytes) -> None:
        if data and not self._done:
            self._socket.write(data)
            self._socket.flush()

    def _dispatch(self, message: Any) -> None:
        from jeepney import HeaderFields, MessageType

        kind = message.header.message_type
        if kind is MessageType.signal:
            self.signal_received.emit(message)
            return
        if kind not in (MessageType.method_return, MessageType.error):
            return  # nobody calls us
        entry = self._pending.pop(message.header.fields.get(HeaderFields.reply_serial, -1), None)
        if entry is None:
            return
        on_reply, on_error, timer = entry
        timer.stop()
        timer.deleteLater()
        if kind is MessageType.error:
            name = message.header.fields.get(HeaderFields.error_name, "error")
            detail = message.body[0] if message.body and isinstance(message.body[0], str) else ""
            on_error(f"{name}: {detail}" if detail else str(name))
        else:
            on_reply(tuple(message.body))

    def _timed_out(self, serial: int) -> None:
        entry = self._pending.pop(serial, None)
        if entry is not None:
            entry[2].deleteLater()
            entry[1]("no answer in time")

    def _disconnected(self) -> None:
        self._close("the bus closed the connection")

    def _socket_failed(self, _error: QLocalSocket.LocalSocketError) -> None:
        self._close(self._socket.errorString())

    def _close(self, why: str) -> None:
        if self._done:
            return
        self._done = True
        self._ready = False
        self._open_timer.stop()
        self._socket.abort()
        failed = [on_error for _, on_error, timer in self._pending.values()]
        for _, _, timer in self._pending.values():
            timer.stop()
            timer.deleteLater()
        failed += [on_error for _, _, on_error, _ in self._queued]
        self._pending.clear()
        self._queued.clear()
        for on_error in failed:
            on_error(why)
        self.closed.emit(why)
