"""``desktop-assistant --self-check`` as CI runs it on the bundle: a subprocess, one line per
check, exit 0 when the installation works and 1, naming what failed, when it doesn't."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from tests.support.keyring_session import SecretServiceSession

CHECKS = ("modules", "database", "keyring", "redaction", "tools", "documents", "translations",
          "collation", "window")
ROOT = Path(__file__).resolve().parents[2]


def self_check(environ: dict[str, str], *, shadow: Path | None = None) -> tuple[int, list[str]]:
    """Run the self-check like the installed command; its exit code and output lines.
    ``shadow``: a folder put first on the import path (modules there replace the real ones)."""
    env = {key: value for key, value in environ.items() if key != "PYTHONPATH"}
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in (shadow, ROOT) if p is not None)
    result = subprocess.run(
        [sys.executable, "-m", "desktop_assistant", "--self-check"],
        capture_output=True, text=True, env=env, timeout=90, cwd=ROOT,
    )
    assert result.stderr == "", result.stderr
    return result.returncode, result.stdout.splitlines()


def statuses(lines: list[str]) -> dict[str, str]:
    """{check: "ok" | "warn" | "FAIL"} from the output's check lines."""
    found = {}
    for line in lines:
        status, _, rest = line.partition(" ")
        name = rest.strip().split(":", 1)[0]
        if name in CHECKS:
            found[name] = status
    return found


def line_of(lines: list[str], check: str) -> str:
    return next(line for line in lines if line.split(maxsplit=1)[1].startswith(f"{check}:"))


def test_passes_with_the_real_keyring_and_leaves_no_trace(
    secret_service: SecretServiceSession, home: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    code, lines = self_check(env)

    assert code == 0, lines
    assert statuses(lines) == dict.fromkeys(CHECKS, "ok")
    assert "stored, read back and deleted" in line_of(lines, "keyring")
    assert "FTS5" in line_of(lines, "database")
    assert "in Chinese" in line_of(lines, "window")
    assert lines[-1].startswith("self-check passed (9 checks)")
    # Its own temporary home: nothing in the person's data folder, nothing left in the keyring.
    assert list(home.iterdir()) == []
    import secretstorage

    with closing(secretstorage.dbus_init()) as connection:
        collection = secretstorage.get_default_collection(connection)
        left = [item.get_attributes().get("service", "") for item in collection.get_all_items()]
    assert not [service for service in left if service.startswith("desktop-assistant-self")]


def test_no_secret_service_running_is_a_warning_not_a_failure(
    empty_session_bus: str, isolated_home: Path
) -> None:
    env = {key: value for key, value in os.environ.items() if key != "PYTHON_KEYRING_BACKEND"}
    code, lines = self_check(env)

    assert code == 0, lines
    assert statuses(lines) == {**dict.fromkeys(CHECKS, "ok"), "keyring": "warn"}
    assert "Secret Service" in line_of(lines, "keyring")
    assert lines[-1].startswith("self-check passed (9 checks, 1 warning)")


def test_a_module_that_cannot_import_fails_naming_it(tmp_path: Path) -> None:
    broken = tmp_path / "shadow" / "phonenumbers"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text('raise ImportError("phonenumbers is damaged here")\n')

    code, lines = self_check(dict(os.environ), shadow=tmp_path / "shadow")

    assert code == 1
    assert statuses(lines)["modules"] == "FAIL"
    failure = line_of(lines, "modules")
    assert "desktop_assistant.assistant.redaction" in failure
    assert "phonenumbers is damaged here" in failure
    assert lines[-1].startswith("self-check FAILED (modules")


def test_a_missing_keyring_backend_module_is_a_failure(tmp_path: Path) -> None:
    broken = tmp_path / "shadow" / "secretstorage"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text('raise ImportError("no secretstorage in this build")\n')

    code, lines = self_check(dict(os.environ), shadow=tmp_path / "shadow")

    assert code == 1
    assert statuses(lines)["keyring"] == "FAIL"
    assert "SecretService backend cannot load" in line_of(lines, "keyring")
    assert "no secretstorage in this build" in line_of(lines, "keyring")
    assert "keyring" in lines[-1]
