"""Fixtures for every test: a private data home, no internet, a scripted model server.

- Every test gets its own ``DESKTOP_ASSISTANT_HOME`` (a temporary folder) and no model
  settings from the developer's environment.
- Sockets may only connect to loopback (and Unix sockets, for D-Bus): a test that tries to
  reach the internet fails loudly.
- Qt runs offscreen unless a display is asked for explicitly.
- No session D-Bus is reachable unless a test brings its own (a private one): the app never
  shows a notification on the developer's desktop.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.support.openai_server import ScriptedServer

pytest_plugins = [
    "tests.support.keyring_session", "tests.support.notification_server", "tests.support.i18n",
]

_MODEL_VARIABLES = (
    "DESKTOP_ASSISTANT_BASE_URL",
    "DESKTOP_ASSISTANT_MODEL",
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "AZURE_OPENAI_API_KEY",
    "AZURE_OPENAI_ENDPOINT",
)


class InternetAccessError(AssertionError):
    """Raised when a test tries to open a connection beyond this machine."""


def _is_loopback(address: Any) -> bool:
    if not isinstance(address, tuple) or not address:
        return True  # Unix sockets (D-Bus) and the like
    host = str(address[0])
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded_connect(self: socket.socket, address: Any) -> Any:
        if not _is_loopback(address):
            raise InternetAccessError(f"Test tried to reach {address!r}; tests stay on loopback.")
        return real_connect(self, address)

    def guarded_connect_ex(self: socket.socket, address: Any) -> Any:
        if not _is_loopback(address):
            raise InternetAccessError(f"Test tried to reach {address!r}; tests stay on loopback.")
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data and config folder for the test, and no model settings from outside."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("DESKTOP_ASSISTANT_HOME", str(folder))
    for variable in _MODEL_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    return folder


_KEYRING_FIXTURES = {"secret_service", "keyring_service", "no_keyring", "empty_session_bus"}


@pytest.fixture(autouse=True)
def keyring_kept_away(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Unless a test asks for the private Secret Service, no keyring is reachable: a test can
    never read or write the developer's real one, in this process or in a subprocess."""
    if _KEYRING_FIXTURES & set(request.fixturenames):
        yield
        return
    from keyring.backends import fail

    from tests.support.keyring_session import use_keyring_backend

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    with use_keyring_backend(fail.Keyring()):
        yield


NO_BUS = "unix:path=/nonexistent/desktop-assistant-tests/no-session-bus"


@pytest.fixture(autouse=True)
def session_bus_kept_away(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A session bus address where nobody listens, unless the test uses a private bus (the
    keyring fixtures set theirs)."""
    if not _KEYRING_FIXTURES & set(request.fixturenames):
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", NO_BUS)


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer(models=["test-model", "other-model"]) as running:
        yield running
    assert running.errors == [], "the scripted server's handlers raised"


@pytest.fixture
def model_env(server: ScriptedServer, monkeypatch: pytest.MonkeyPatch) -> ScriptedServer:
    """Point the app at the scripted server through the environment, as a script would."""
    monkeypatch.setenv("DESKTOP_ASSISTANT_BASE_URL", server.base_url)
    monkeypatch.setenv("DESKTOP_ASSISTANT_MODEL", "test-model")
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    return server


@pytest.fixture
def services(model_env: ScriptedServer) -> Iterator[Any]:
    """The app's services, configured for the scripted server, with quick retries."""
    import dataclasses

    from desktop_assistant.app import Services

    built = Services.from_environment()
    built.settings = dataclasses.replace(built.settings, max_retries=0, request_timeout=5.0)
    yield built
    built.close()
