"""One running app per person (and per ``DESKTOP_ASSISTANT_HOME``): a second start hands over.

The running app listens on a local socket (``ui/instance_server.py``, after its first paint);
a new start connects before it imports Qt, sends one line (``show``, or ``background`` when it
was started at login) and exits once the running app answers ``ok``. Nobody listening (no
socket, or a stale one left by a crash): this start becomes the running app.

The socket: ``$XDG_RUNTIME_DIR/desktop-assistant-KEY.sock`` on Linux, a private folder in the
temporary directory where there is no runtime directory (macOS), the named pipe
``\\\\.\\pipe\\desktop-assistant-KEY`` on Windows. KEY is the user, or a hash of
``DESKTOP_ASSISTANT_HOME`` when that is set, so a portable or test home has its own.
Plain Python, and light: this runs before the window is even created, so it takes the C
``_socket`` module (``socket`` would add a few milliseconds of imports) and ``zlib``'s CRC
(already loaded by then) for the key.
"""

from __future__ import annotations

import os
import sys
import zlib
from collections.abc import Mapping

SHOW = "show"
BACKGROUND = "background"
REQUESTS = (SHOW, BACKGROUND)
OK = b"ok\n"
ANSWER_TIMEOUT_S = 5.0
MAX_UNIX_PATH = 100  # sun_path holds 104 (macOS) to 108 (Linux) bytes


def _key(environ: Mapping[str, str]) -> str:
    home = environ.get("DESKTOP_ASSISTANT_HOME", "")
    if home:
        return "home-" + _digest(os.path.realpath(os.path.expanduser(home)))
    if hasattr(os, "getuid"):
        return f"user-{os.getuid()}"
    return "user-" + _digest(environ.get("USERNAME", "") or environ.get("USER", "") or "user")


def _digest(text: str) -> str:
    data = text.encode("utf-8")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def server_name(environ: Mapping[str, str] = os.environ) -> str:
    """What the running app listens on: a socket path (Unix) or a pipe name (Windows).

    On Unix, creates the private folder it lives in when it needs one.
    """
    name = f"desktop-assistant-{_key(environ)}"
    if sys.platform == "win32":
        return name
    runtime = environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isdir(runtime):
        path = os.path.join(runtime, f"{name}.sock")
        if len(path.encode()) <= MAX_UNIX_PATH:
            return path
    folder = _private_folder()
    return os.path.join(folder, f"{name}.sock")


def _private_folder() -> str:
    """A folder only this user can enter, in the temporary directory (per user on macOS)."""
    import tempfile

    uid = os.getuid() if hasattr(os, "getuid") else 0
    folder = os.path.join(tempfile.gettempdir(), f"desktop-assistant-{uid}")
    if len(folder) > MAX_UNIX_PATH - 50:
        folder = f"/tmp/desktop-assistant-{uid}"
    os.makedirs(folder, 0o700, exist_ok=True)
    import stat

    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
        raise PermissionError(f"{folder} is not a private folder of this user")
    os.chmod(folder, 0o700)
    return folder


def hand_over(request: str = SHOW, environ: Mapping[str, str] = os.environ,
              timeout: float = ANSWER_TIMEOUT_S) -> bool:
    """Ask a running app to take over (``show``: bring its window forward); True when it
    answered, so this process should exit. False when none is running (or none answers)."""
    try:
        name = server_name(environ)
    except OSError:
        return False
    return send(name, request, timeout)


def send(name: str, request: str, timeout: float = ANSWER_TIMEOUT_S) -> bool:
    """Send ``request`` to the app listening on ``name``; True when it answered ``ok``."""
    if request not in REQUESTS:
        raise ValueError(f"unknown request {request!r}")
    if sys.platform == "win32":
        return _hand_over_pipe(name, request, timeout)
    return _hand_over_socket(name, request, timeout)


def _hand_over_socket(path: str, request: str, timeout: float) -> bool:
    import _socket

    if not os.path.exists(path):
        return False
    connection = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    answer = b""
    try:
        connection.settimeout(timeout)
        connection.connect(path)
        connection.sendall(f"{request}\n".encode())
        while not answer.endswith(b"\n") and len(answer) < 64:
            chunk = connection.recv(64)
            if not chunk:
                break
            answer += chunk
    except OSError:  # refused (a stale socket), timed out, reset
        return False
    finally:
        connection.close()
    return answer == OK


def _hand_over_pipe(name: str, request: str, timeout: float) -> bool:  # pragma: no cover
    """Windows: QLocalServer listens on the named pipe ``\\\\.\\pipe\\NAME``."""
    import threading

    answer: list[bytes] = []

    def exchange() -> None:
        try:
            with open(rf"\\.\pipe\{name}", "r+b", buffering=0) as pipe:
                pipe.write(f"{request}\n".encode())
                answer.append(pipe.read(len(OK)))
        except OSError:
            pass

    worker = threading.Thread(target=exchange, daemon=True)
    worker.start()
    worker.join(timeout)
    return answer == [OK]
