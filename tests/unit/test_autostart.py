"""Start at login: the XDG autostart entry on Linux (and the macOS LaunchAgent's contents)."""

from __future__ import annotations

import configparser
import plistlib
import shlex
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop_assistant import autostart


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder


def read_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text(encoding="utf-8"))
    return dict(parser["Desktop Entry"])


def test_enable_writes_an_xdg_autostart_entry(config_home: Path) -> None:
    assert not autostart.is_enabled(platform="linux")
    written = autostart.enable(["/opt/Desktop Assistant/bin/desktop-assistant", "--background"],
                               platform="linux")
    assert written == config_home / "autostart" / "desktop-assistant.desktop"
    entry = read_entry(written)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Desktop Assistant"
    assert entry["Exec"] == '"/opt/Desktop Assistant/bin/desktop-assistant" --background'
    assert entry["X-GNOME-Autostart-enabled"] == "true"
    assert autostart.is_enabled(platform="linux")
    assert autostart.enable(platform="linux") == written  # again: harmless


def test_disable_removes_it_and_twice_is_harmless(config_home: Path) -> None:
    autostart.enable(platform="linux")
    autostart.disable(platform="linux")
    assert not autostart.is_enabled(platform="linux")
    assert not (config_home / "autostart" / "desktop-assistant.desktop").exists()
    autostart.disable(platform="linux")


def test_an_entry_switched_off_by_the_desktop_counts_as_off(config_home: Path) -> None:
    path = autostart.enable(platform="linux")
    path.write_text(path.read_text(encoding="utf-8") + "Hidden=true\n", encoding="utf-8")
    assert not autostart.is_enabled(platform="linux")


def test_apply_follows_the_setting(config_home: Path) -> None:
    autostart.apply(True, platform="linux")
    assert autostart.is_enabled(platform="linux")
    autostart.apply(False, platform="linux")
    assert not autostart.is_enabled(platform="linux")


def test_without_xdg_config_home_the_entry_is_under_dot_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert autostart.entry_path(platform="linux") == (
        tmp_path / ".config" / "autostart" / "desktop-assistant.desktop")


def test_the_default_command_starts_this_installation_in_the_background() -> None:
    command = autostart.launch_command()
    assert command[-1] == "--background"
    assert command[0] == sys.executable or Path(command[0]).name.startswith("desktop-assistant")


def test_exec_quoting_follows_the_desktop_entry_spec() -> None:
    line = autostart._exec_line(["/usr/bin/python3", "-m", "desktop_assistant", "50%",
                                 '/a "b"/$x'])
    assert line == '/usr/bin/python3 -m desktop_assistant 50%% "/a \\"b\\"/\\$x"'


def test_the_launch_agent_runs_the_command_at_login() -> None:
    agent = plistlib.loads(autostart.launch_agent(["/Applications/DA.app/da", "--background"]))
    assert agent["Label"] == "com.desktop-assistant"
    assert agent["ProgramArguments"] == ["/Applications/DA.app/da", "--background"]
    assert agent["RunAtLoad"] is True
    assert autostart.entry_path(platform="darwin").parts[-3:] == (
        "Library", "LaunchAgents", "com.desktop-assistant.plist")
    assert shlex.split(autostart.subprocess_line(["/a b/da", "--background"])) == [
        "/a b/da", "--background"]


def test_config_set_start_at_login_applies_it(config_home: Path, capsys: Any) -> None:
    from desktop_assistant.cli import main

    assert main(["config", "set", "start_at_login", "true"]) == 0
    assert autostart.is_enabled()
    assert main(["config", "set", "start_at_login", "false"]) == 0
    assert not autostart.is_enabled()
    assert "start_at_login = False" in capsys.readouterr().out
