"""Keyring faults: locked, missing, failing and stuck keyrings. Each gives a clear message
naming the cause, nothing hangs, and the secret is never written to a file instead (no
plaintext or file keyring from keyrings.alt, nothing under the data, config or home folders).

The locked keyring is the real gnome-keyring on a private D-Bus session, locked through the
Secret Service API; the missing one is keyring's own ``fail.Keyring`` (chosen the way a person
would, with PYTHON_KEYRING_BACKEND) and a bus without a Secret Service; the failing and the
stuck ones are third-party-style backends from tests/support/faulty_keyring.py.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import uuid
from contextlib import closing
from pathlib import Path

import pytest

from desktop_assistant.secrets import (
    API_KEY,
    LOCKED_MESSAGE,
    SecretStore,
    SecretStoreError,
)
from tests.support.faulty_keyring import FAULT, StuckKeyring
from tests.support.keyring_session import (
    private_secret_service,
    unique_service_name,
    use_keyring_backend,
)

ROOT = Path(__file__).resolve().parents[2]


def _fresh_secret() -> str:
    return f"sk-{uuid.uuid4().hex}"


def _files_containing(roots: list[Path], needle: str) -> list[Path]:
    data = needle.encode("utf-8")
    return [p for root in roots for p in root.rglob("*") if p.is_file() and data in p.read_bytes()]


def _assert_never_on_disk(secret: str, *roots: Path) -> None:
    """No file under ``roots`` holds ``secret``; no file keyring was used or created."""
    folders = [*roots, Path(os.environ["DESKTOP_ASSISTANT_HOME"])]
    assert _files_containing(folders, secret) == []
    for root in folders:
        assert [p for p in root.rglob("*.cfg") if "keyring" in p.name] == []
        assert list(root.rglob("keyring_pass*")) == []
        assert list(root.rglob("crypted_pass*")) == []
    assert not any(name.startswith("keyrings.alt") for name in sys.modules)


# --- locked ----------------------------------------------------------------------------------


def test_a_locked_keyring_says_so_and_nothing_waits_for_a_prompt(
    tmp_path: Path, isolated_home: Path
) -> None:
    import secretstorage

    root = tmp_path / "keyring"
    root.mkdir()
    with private_secret_service(root) as own:
        store = SecretStore(unique_service_name())
        assert store.set(API_KEY, "sk-before-lock").persistent is True
        with closing(secretstorage.dbus_init()) as connection:
            collection = secretstorage.get_default_collection(connection)
            collection.lock()
            assert collection.is_locked()
        secret = _fresh_secret()

        with pytest.raises(SecretStoreError) as saving:
            store.set(API_KEY, secret)
        with pytest.raises(SecretStoreError) as reading:
            SecretStore(store.service).get(API_KEY)
        with pytest.raises(SecretStoreError) as removing:
            SecretStore(store.service).delete(API_KEY)

        for raised in (saving, reading, removing):
            assert raised.value.problem == "locked"
            assert LOCKED_MESSAGE in str(raised.value)
            assert secret not in str(raised.value)
        assert LOCKED_MESSAGE == (
            "Your keyring is locked: unlock it (log in again or open Passwords and Keys) "
            "and retry."
        )
        assert str(saving.value).startswith("The API key could not be saved.")
        assert saving.value.kept_for_session
        assert "kept for this session only and was not written anywhere" in str(saving.value)
        assert store.get(API_KEY) == secret  # this session only, as the message said
        status = store.status()
        assert status.available is False
        assert status.reason == LOCKED_MESSAGE
        with closing(secretstorage.dbus_init()) as connection:
            assert secretstorage.get_default_collection(connection).is_locked()  # no unlock
        _assert_never_on_disk(secret, own.root, isolated_home)
        gc.collect()  # a D-Bus socket left open would warn (an error) here


# --- missing ---------------------------------------------------------------------------------

_IN_A_FRESH_PROCESS = """if True:
    import json, sys
    from desktop_assistant.secrets import SecretStore, SecretStoreError
    store = SecretStore(sys.argv[1])
    outcome = {}
    for step, call in (
        ("set", lambda: store.set("api_key", sys.argv[2])),
        ("get_other", lambda: SecretStore(sys.argv[1]).get("api_key")),
        ("delete", lambda: SecretStore(sys.argv[1]).delete("api_key")),
    ):
        try:
            result = call()
        except SecretStoreError as error:
            outcome[step] = {"error": str(error), "problem": error.problem}
        else:
            outcome[step] = {"result": getattr(result, "__dict__", result)}
    import keyring
    outcome["backend"] = type(keyring.get_keyring()).__module__
    outcome["modules"] = sorted(m for m in sys.modules if m.startswith("keyrings"))
    print(json.dumps(outcome))
"""


def _run_with_backend(backend: str, secret: str) -> dict[str, object]:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": backend}
    result = subprocess.run(
        [sys.executable, "-X", "dev", "-W", "error", "-c", _IN_A_FRESH_PROCESS,
         unique_service_name(), secret],
        env=env, cwd=ROOT, capture_output=True, encoding="utf-8", timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert secret not in result.stderr
    outcome: dict[str, object] = json.loads(result.stdout)
    return outcome


def test_no_keyring_backend_says_so_and_writes_no_file(isolated_home: Path) -> None:
    secret = _fresh_secret()

    outcome = _run_with_backend("keyring.backends.fail.Keyring", secret)

    saved = outcome["set"]
    assert isinstance(saved, dict)
    assert saved["result"]["persistent"] is False
    message = saved["result"]["message"]
    assert message.startswith("No system keyring is available (no keyring backend is "
                              "installed or running")
    assert "kept for this session only and was not written anywhere" in message
    assert secret not in message
    assert outcome["get_other"] == {"result": None}  # another store: nothing was persisted
    assert outcome["delete"] == {"result": None}  # nothing can be stored: nothing to remove
    assert outcome["backend"] == "keyring.backends.fail"
    assert outcome["modules"] == []  # keyrings.alt (plaintext, encrypted file) never loaded
    _assert_never_on_disk(secret, isolated_home)


def test_a_bus_without_secret_service_says_so_and_writes_no_file(
    empty_session_bus: str, isolated_home: Path
) -> None:
    from keyring.backends import SecretService

    secret = _fresh_secret()
    store = SecretStore(unique_service_name())
    with use_keyring_backend(SecretService.Keyring()):
        saved = store.set(API_KEY, secret)
        with pytest.raises(SecretStoreError) as removing:
            SecretStore(store.service).delete(API_KEY)

    assert saved.persistent is False
    assert "org.freedesktop.secrets" in saved.message or "Secret Service" in saved.message
    assert "was not written anywhere" in saved.message
    assert removing.value.problem == "unreachable"  # configured, unreachable: may be in it
    assert str(removing.value).startswith("Could not remove 'api_key' from the system keyring")
    _assert_never_on_disk(secret, isolated_home)


# --- failing and stuck -----------------------------------------------------------------------


def test_a_failing_backend_gives_clear_errors_and_writes_no_file(isolated_home: Path) -> None:
    secret = _fresh_secret()

    outcome = _run_with_backend("tests.support.faulty_keyring.FaultyKeyring", secret)

    expected_starts = {
        "set": "The API key could not be saved: the system keyring failed (",
        "get_other": "Could not read 'api_key' from the system keyring: the system keyring "
                     "failed (",
        "delete": "Could not remove 'api_key' from the system keyring: the system keyring "
                  "failed (",
    }
    for step, start in expected_starts.items():
        failed = outcome[step]
        assert isinstance(failed, dict)
        assert failed["problem"] == "failed"
        assert failed["error"].startswith(start), failed
        assert FAULT in failed["error"]  # the backend's own words name the cause
        assert secret not in failed["error"]  # even though the backend repeated the value
    assert outcome["backend"] == "tests.support.faulty_keyring"
    assert outcome["modules"] == []
    _assert_never_on_disk(secret, isolated_home)


def test_a_stuck_backend_times_out_with_a_clear_error(isolated_home: Path) -> None:
    secret = _fresh_secret()
    stuck = StuckKeyring()
    store = SecretStore(unique_service_name(), timeout=0.2)
    try:
        with use_keyring_backend(stuck):
            with pytest.raises(SecretStoreError) as saving:
                store.set(API_KEY, secret)
            with pytest.raises(SecretStoreError) as reading:
                SecretStore(store.service, timeout=0.2).get(API_KEY)
    finally:
        stuck.release()  # the abandoned calls finish, into the stuck backend's memory

    for raised in (saving, reading):
        assert raised.value.problem == "timeout"
        assert "did not answer within 0.2 s" in str(raised.value)
        assert secret not in str(raised.value)
    _assert_never_on_disk(secret, isolated_home)
