"""The running app's side of "one app at a time": a local server a second start talks to.

Listens (after the first paint) where :mod:`desktop_assistant.instance` connects; a start
that sends ``show`` brings the window forward, ``background`` (a start at login while the app
already runs) changes nothing. Either way the running app answers ``ok`` and the new process
exits. A socket file left by a crash (nobody answers on it) is removed first; if another
instance already answers there (two starts at once), this one hands over to it instead.
"""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop_assistant import instance

log = logging.getLogger(__name__)

CLIENT_TIMEOUT_MS = 5000
HAND_OVER_TIMEOUT_S = 1.0  # a live app answers at once; a stale socket refuses at once


class InstanceServer(QObject):
    """Answers later starts of the app; ``show_requested`` when one asks for the window."""

    show_requested = Signal()

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        """``name``: the socket path (or pipe name); None: :func:`instance.server_name`."""
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def listen(self) -> bool:
        """Start answering. False when another instance already answers there: it was asked
        to show its window, and this one should quit. True otherwise, even when the socket
        can't be made (the app then runs without; that is logged)."""
        if self.name is None:
            try:
                self.name = instance.server_name()
            except OSError as error:
                log.warning("No single-instance socket: %s", error)
                return True
        # Ask first: Qt would replace a socket file without a word (a pipe on Windows).
        if sys.platform == "win32" or os.path.exists(self.name):
            if instance.send(self.name, instance.SHOW, timeout=HAND_OVER_TIMEOUT_S):
                return False  # started at the same moment as another, which took over
            QLocalServer.removeServer(self.name)  # stale: its app is gone
        if not self._server.listen(self.name):
            log.warning("Could not listen on %s: %s", self.name, self._server.errorString())
        return True

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            client = self._server.nextPendingConnection()
            if client is None:
                break
            client.readyRead.connect(lambda c=client: self._read(c))
            client.disconnected.connect(client.deleteLater)
            QTimer.singleShot(CLIENT_TIMEOUT_MS, client, client.abort)

    def _read(self, client: QLocalSocket) -> None:
        if not client.canReadLine():
            if client.bytesAvailable() > 64:
                client.abort()
            return
        request = bytes(client.readLine(64).data()).strip().decode("ascii", "replace")
        if request not in instance.REQUESTS:
            client.abort()
            return
        client.write(instance.OK)
        client.flush()
        client.disconnectFromServer()
        if request == instance.SHOW:
            self.show_requested.emit()
