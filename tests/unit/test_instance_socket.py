"""Where the running app listens, and a start with nobody listening (no Qt here)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from desktop_assistant import instance


def test_each_data_home_has_its_own_socket() -> None:
    import tempfile

    runtime = tempfile.mkdtemp(prefix="da-")  # short: pytest's folders may be too long
    one = instance.server_name({"XDG_RUNTIME_DIR": runtime, "DESKTOP_ASSISTANT_HOME": "/a"})
    two = instance.server_name({"XDG_RUNTIME_DIR": runtime, "DESKTOP_ASSISTANT_HOME": "/b"})
    user = instance.server_name({"XDG_RUNTIME_DIR": runtime})
    assert len({one, two, user}) == 3
    assert all(Path(name).parent == Path(runtime) for name in (one, two, user))
    assert user.endswith(f"desktop-assistant-user-{os.getuid()}.sock")
    os.rmdir(runtime)


def test_without_a_runtime_dir_a_private_folder_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    name = instance.server_name({"DESKTOP_ASSISTANT_HOME": "/x"})
    folder = Path(name).parent
    assert folder.is_dir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert len(name.encode()) <= instance.MAX_UNIX_PATH


def test_nobody_listening_means_this_start_runs(tmp_path: Path) -> None:
    environ = {"XDG_RUNTIME_DIR": str(tmp_path), "DESKTOP_ASSISTANT_HOME": str(tmp_path)}
    assert instance.hand_over(environ=environ) is False


def test_unknown_requests_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown request"):
        instance.send(str(tmp_path / "x.sock"), "quit")
