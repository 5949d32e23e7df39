"""Start at login (Settings → Profile → "Start at login"), the way each system expects it:

- Linux and the BSDs: an XDG autostart entry, ``$XDG_CONFIG_HOME/autostart/desktop-assistant
  .desktop`` (GNOME, KDE, Xfce, Cinnamon … read it at login);
- macOS: a LaunchAgent, ``~/Library/LaunchAgents/com.desktop-assistant.plist``, run at load;
- Windows: the ``Desktop Assistant`` value of ``HKCU\\Software\\Microsoft\\Windows\\
  CurrentVersion\\Run``.

The command starts the app in the background (``--background``): no window until asked for,
notifications and the tray running. Enabling twice is harmless; disabling what is not there
too. Errors are ``OSError`` with the place named.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

APP_NAME = "Desktop Assistant"
ENTRY_NAME = "desktop-assistant"
LAUNCH_AGENT_LABEL = "com.desktop-assistant"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
BACKGROUND_FLAG = "--background"


def launch_command() -> list[str]:
    """How to start this installation: its ``desktop-assistant`` script where one sits beside
    the interpreter (or on PATH), else the interpreter with ``-m desktop_assistant``."""
    scripts = Path(sys.executable).parent
    for name in ("desktop-assistant-gui.exe", "desktop-assistant.exe", "desktop-assistant"):
        if (scripts / name).exists():
            return [str(scripts / name), BACKGROUND_FLAG]
    found = shutil.which("desktop-assistant")
    if found:
        return [found, BACKGROUND_FLAG]
    return [sys.executable, "-m", "desktop_assistant", BACKGROUND_FLAG]


def _kind(platform: str) -> str:
    if platform == "darwin":
        return "macos"
    if platform in ("win32", "cygwin"):
        return "windows"
    return "xdg"


def entry_path(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> Path:
    """Where the entry lives (the registry key's name on Windows)."""
    kind = _kind(platform)
    if kind == "macos":
        return Path.home() / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
    if kind == "windows":
        return Path("HKEY_CURRENT_USER") / RUN_KEY / APP_NAME
    config = environ.get("XDG_CONFIG_HOME", "") or str(Path.home() / ".config")
    return Path(config) / "autostart" / f"{ENTRY_NAME}.desktop"


def desktop_entry(command: Sequence[str]) -> str:
    """The XDG autostart entry that runs ``command``."""
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        f"Name={APP_NAME}",
        "Comment=Reminders, meeting alerts and your daily briefing",
        f"Exec={_exec_line(command)}",
        f"Icon={ENTRY_NAME}",
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
        "",
    ])


def _exec_line(command: Sequence[str]) -> str:
    """Quoted as the Desktop Entry spec asks: arguments with reserved characters in double
    quotes, with ``"`, $ and \\`` escaped inside; a literal ``%`` doubled."""
    quoted = []
    for argument in command:
        argument = argument.replace("%", "%%")
        if argument and not any(c in argument for c in " \t\n\"'\\><~|&;$*?#()`="):
            quoted.append(argument)
            continue
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
        quoted.append(f'"{escaped}"')
    return " ".join(quoted)


def launch_agent(command: Sequence[str]) -> bytes:
    """The macOS LaunchAgent property list that runs ``command`` at login."""
    import plistlib

    return plistlib.dumps({
        "Label": LAUNCH_AGENT_LABEL,
        "ProgramArguments": list(command),
        "RunAtLoad": True,
        "ProcessType": "Interactive",
    })


def enable(command: Sequence[str] | None = None, environ: Mapping[str, str] = os.environ,
           platform: str = sys.platform) -> Path:
    """Start ``command`` (this installation by default) at login; where it was written."""
    command = list(command or launch_command())
    path = entry_path(environ, platform)
    kind = _kind(platform)
    if kind == "windows":  # pragma: no cover - Windows only
        _set_run_value(subprocess_line(command))
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    data = launch_agent(command) if kind == "macos" else desktop_entry(command).encode()
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return path


def disable(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> None:
    """Start no more at login."""
    if _kind(platform) == "windows":  # pragma: no cover - Windows only
        _delete_run_value()
        return
    entry_path(environ, platform).unlink(missing_ok=True)


def is_enabled(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> bool:
    """Whether an entry of ours is there (and not switched off in an XDG entry)."""
    if _kind(platform) == "windows":  # pragma: no cover - Windows only
        return _run_value() is not None
    path = entry_path(environ, platform)
    if not path.is_file():
        return False
    if _kind(platform) == "xdg":
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        return not any(line.strip().lower() in ("hidden=true", "x-gnome-autostart-enabled=false")
                       for line in lines)
    return True


def apply(wanted: bool, environ: Mapping[str, str] = os.environ,
          platform: str = sys.platform) -> None:
    """Make starting at login match ``wanted`` (the ``start_at_login`` setting)."""
    if wanted:
        enable(environ=environ, platform=platform)
    else:
        disable(environ, platform)


def subprocess_line(command: Sequence[str]) -> str:
    """``command`` as one command line: Windows quoting on Windows, a shell's elsewhere."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import subprocess

        return subprocess.list2cmdline(list(command))
    return shlex.join(command)


def _set_run_value(line: str) -> None:  # pragma: no cover - Windows only
    if sys.platform != "win32":
        raise OSError("The Run key is a Windows thing.")
    import winreg

    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
        winreg.SetValueEx(key, APP_NAME, 0, winreg.REG_SZ, line)


def _delete_run_value() -> None:  # pragma: no cover - Windows only
    if sys.platform != "win32":
        raise OSError("The Run key is a Windows thing.")
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
            winreg.DeleteValue(key, APP_NAME)
    except FileNotFoundError:
        pass


def _run_value() -> str | None:  # pragma: no cover - Windows only
    if sys.platform != "win32":
        raise OSError("The Run key is a Windows thing.")
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            value, _ = winreg.QueryValueEx(key, APP_NAME)
    except FileNotFoundError:
        return None
    return str(value)
