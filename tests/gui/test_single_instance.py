"""One app at a time: starting it again hands over to the running one, which brings its
window forward, and the new process exits 0 without loading Qt."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_assistant import instance
from desktop_assistant.ui.instance_server import InstanceServer

START_AGAIN = """
import sys
from desktop_assistant.cli import main
code = main(sys.argv[1:])
print(sorted(m for m in sys.modules if m.startswith("PySide6")), flush=True)
sys.exit(code)
"""
PROCESS_TIMEOUT_MS = 60_000


@pytest.fixture
def runtime_dir(short_folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$XDG_RUNTIME_DIR for this test (and the processes it starts)."""
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(short_folder))
    return short_folder


@pytest.fixture
def instance_server(runtime_dir: Path) -> Iterator[InstanceServer]:
    built = InstanceServer()
    yield built
    built.close()


def start_again(*arguments: str) -> subprocess.Popen[str]:
    environ = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen([sys.executable, "-c", START_AGAIN, *arguments], env=environ,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(qtbot: Any, process: subprocess.Popen[str]) -> tuple[int, str, str]:
    """Wait (running the event loop, so this process can answer) until ``process`` ends."""
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=PROCESS_TIMEOUT_MS)
    out, err = process.communicate()
    return process.returncode, out, err


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen
def test_a_second_start_brings_the_window_forward_and_exits_0(
    qtbot: Any, window: Any, instance_server: InstanceServer, runtime_dir: Path
) -> None:
    window.hide()
    instance_server.show_requested.connect(window.bring_forward)
    assert instance_server.listen()
    assert instance_server.name == str(runtime_dir / Path(instance.server_name()).name)
    second = start_again()
    code, out, err = finished(qtbot, second)
    assert (code, err) == (0, "")
    assert out.strip() == "[]"  # it handed over before importing Qt
    qtbot.waitUntil(window.isVisible, timeout=5000)


def test_a_start_at_login_while_running_changes_nothing(
    qtbot: Any, window: Any, instance_server: InstanceServer
) -> None:
    window.hide()
    shown: list[bool] = []
    instance_server.show_requested.connect(lambda: shown.append(True))
    assert instance_server.listen()
    code, _, _ = finished(qtbot, start_again("--background"))
    assert code == 0
    assert shown == []
    assert not window.isVisible()


def test_a_stale_socket_from_a_crash_is_replaced(runtime_dir: Path, qapp: Any) -> None:
    path = instance.server_name()
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(path)  # a socket file nobody listens on, as a crashed app leaves
    stale.close()
    assert Path(path).exists()
    assert instance.hand_over() is False
    server = InstanceServer()
    assert server.listen()
    assert server.listening
    server.close()


def test_started_at_the_same_moment_as_another_it_hands_over(runtime_dir: Path,
                                                              qapp: Any) -> None:
    """Both found nobody before their first paint; the later one to listen finds the other
    answering (here a plain socket in a thread plays the other app) and hands over."""
    import threading

    path = str(runtime_dir / "taken.sock")
    other = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    other.bind(path)
    other.listen(1)
    heard: list[bytes] = []

    def answer() -> None:
        connection, _ = other.accept()
        with connection:
            heard.append(connection.recv(64))
            connection.sendall(instance.OK)

    helper = threading.Thread(target=answer)
    helper.start()
    late = InstanceServer(path)
    assert late.listen() is False  # the other app answered: this one quits
    helper.join(timeout=10)
    other.close()
    late.close()
    assert heard == [b"show\n"]


@pytest.mark.parametrize("first_start", [[], ["--background"]], ids=["window", "at-login"])
def test_the_real_app_hands_over_to_a_running_app(
    qtbot: Any, runtime_dir: Path, tmp_path: Path, first_start: list[str]
) -> None:
    environ = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    log = (tmp_path / "first.log").open("w")
    first = subprocess.Popen([sys.executable, "-m", "desktop_assistant", *first_start],
                             env=environ, stdout=log, stderr=log)
    try:
        path = Path(instance.server_name())
        qtbot.waitUntil(lambda: path.exists() or first.poll() is not None,
                        timeout=PROCESS_TIMEOUT_MS)
        assert first.poll() is None, (tmp_path / "first.log").read_text()
        code, out, err = finished(qtbot, start_again())
        assert (code, out.strip(), err) == (0, "[]", "")
        assert first.poll() is None  # the first one runs on
    finally:
        first.terminate()
        first.wait(timeout=30)
        log.close()
