"""Keyring backends that misbehave, as third-party backends do: for the keyring fault tests.

They are real ``keyring`` backends (keyring loads them by name from
``PYTHON_KEYRING_BACKEND=tests.support.faulty_keyring.FaultyKeyring``, or a test sets one with
``use_keyring_backend``), not stand-ins for the app's code:

``FaultyKeyring``
    Every call raises ``KeyringError`` (as a backend whose daemon returns errors does); its
    ``set_password`` error even repeats the value it was given, as careless backends do.
``StuckKeyring``
    Every call blocks until ``release()`` (as a backend waiting on a prompt nobody answers, or
    on a daemon that hangs), then stores in memory.
"""

from __future__ import annotations

import threading

from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

FAULT = "the keyring daemon returned org.freedesktop.DBus.Error.Failed"


class FaultyKeyring(KeyringBackend):
    """Raises ``KeyringError`` for every call."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringError(f"{FAULT} (reading {service}/{username})")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError(f"{FAULT} (storing {password!r} for {service}/{username})")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringError(f"{FAULT} (deleting {service}/{username})")


class StuckKeyring(KeyringBackend):
    """Blocks every call until :meth:`release`; then keeps values in memory."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self._released = threading.Event()
        self._values: dict[tuple[str, str], str] = {}

    def release(self) -> None:
        self._released.set()

    def get_password(self, service: str, username: str) -> str | None:
        self._released.wait()
        return self._values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._released.wait()
        self._values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._released.wait()
        if self._values.pop((service, username), None) is None:
            raise PasswordDeleteError("no such entry")
