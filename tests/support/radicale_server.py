"""A real Radicale CalDAV server on loopback for the calendar tests.

Radicale runs as a subprocess with its own storage folder, a plain htpasswd file (so the tests
exercise username and password) and owner-only rights. ``start()`` returns once Radicale has
logged that it is listening (read from its log, not guessed with sleeps); ``stop()`` ends it.

    with RadicaleServer(tmp_path, users={"alice": "secret"}) as server:
        url = server.make_calendar("alice", "work")
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import Self

STARTUP_SECONDS = 30.0


def radicale_missing() -> str | None:
    """Why Radicale cannot run here, or None."""
    try:
        import radicale  # noqa: F401
    except ImportError:
        return "Radicale is not installed (pip install radicale) — the CalDAV tests need it"
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def follow_log(process: subprocess.Popen[str], log: list[str], marker: str,
               ready: threading.Event) -> None:
    """Keep ``process``'s log lines in ``log``; set ``ready`` at the line with ``marker``, or
    when the process ends (so a waiter does not wait for a process that died)."""
    assert process.stderr is not None
    for line in process.stderr:
        log.append(line.rstrip())
        if marker in line:
            ready.set()
    ready.set()


def stop_logging_process(
    process: subprocess.Popen[str], reader: threading.Thread | None
) -> None:
    """End a server process and the thread reading its log; close the log pipe."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    if reader is not None:
        reader.join(timeout=10)
    if process.stderr is not None:
        process.stderr.close()


class RadicaleServer:
    """A Radicale process serving ``folder/collections`` on 127.0.0.1."""

    def __init__(self, folder: Path, users: dict[str, str]) -> None:
        self.folder = folder
        self.users = users
        self.port = 0
        self.log: list[str] = []
        self._process: subprocess.Popen[str] | None = None
        self._listening = threading.Event()
        self._reader: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Self:
        self.folder.mkdir(parents=True, exist_ok=True)
        users = self.folder / "users"
        users.write_text("".join(f"{u}:{p}\n" for u, p in self.users.items()), encoding="utf-8")
        self.port = free_port()
        config = self.folder / "config"
        config.write_text(
            "[server]\n"
            f"hosts = 127.0.0.1:{self.port}\n"
            "[auth]\n"
            "type = htpasswd\n"
            f"htpasswd_filename = {users}\n"
            "htpasswd_encryption = plain\n"
            "delay = 0\n"
            "[rights]\n"
            "type = owner_only\n"
            "[storage]\n"
            f"filesystem_folder = {self.folder / 'collections'}\n"
            "[logging]\n"
            "level = info\n"
            "mask_passwords = True\n",
            encoding="utf-8",
        )
        self._process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(config)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True, encoding="utf-8", errors="replace",
        )
        self._reader = threading.Thread(target=self._read_log, daemon=True,
                                        name=f"radicale-log-{self.port}")
        self._reader.start()
        if not self._listening.wait(STARTUP_SECONDS):
            self.stop()
            raise RuntimeError("Radicale did not start:\n" + "\n".join(self.log[-20:]))
        return self

    def _read_log(self) -> None:
        assert self._process is not None
        follow_log(self._process, self.log, "Listening on", self._listening)

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            stop_logging_process(process, self._reader)

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def make_calendar(self, user: str, name: str) -> str:
        """Create a calendar collection (MKCALENDAR) and return its URL."""
        import caldav

        with caldav.DAVClient(url=f"{self.base_url}/{user}/", username=user,
                              password=self.users[user], timeout=10) as client:
            calendar = client.principal().make_calendar(name=name, cal_id=name)
            return str(calendar.url)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        with contextlib.suppress(Exception):
            self.stop()
