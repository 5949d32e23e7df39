"""SecretStore against the real Secret Service (private gnome-keyring) and without any keyring."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from desktop_assistant.secrets import (
    API_KEY,
    SecretStore,
    SecretStoreError,
    resolve_api_key,
)
from tests.support.keyring_session import (
    SecretServiceSession,
    private_secret_service,
    unique_service_name,
    use_keyring_backend,
)

UNICODE_SECRET = "密钥-中文-🔑😀-ünïcödé"


def _fresh_secret() -> str:
    """A value that appears in no file yet (not even in this one)."""
    return f"sk-{uuid.uuid4().hex}"


def _files_containing(root: Path, needle: str) -> list[Path]:
    data = needle.encode("utf-8")
    return [p for p in root.rglob("*") if p.is_file() and data in p.read_bytes()]


# --- the real Secret Service ----------------------------------------------------------------


def test_round_trip_in_secret_service(keyring_service: str) -> None:
    store = SecretStore(keyring_service)
    saved = store.set(API_KEY, "sk-test-round-trip")

    assert saved.persistent is True
    assert "SecretService" in saved.message
    assert "sk-test-round-trip" not in saved.message
    assert store.get(API_KEY) == "sk-test-round-trip"
    status = store.status()
    assert status.available is True
    assert "SecretService" in status.backend
    assert status.reason is None

    store.delete(API_KEY)
    assert store.get(API_KEY) is None


def test_value_survives_a_fresh_store(keyring_service: str) -> None:
    SecretStore(keyring_service).set("token", "tok-survives")

    assert SecretStore(keyring_service).get("token") == "tok-survives"
    import keyring

    assert keyring.get_password(keyring_service, "token") == "tok-survives"


def test_another_process_reads_it_from_the_os_keyring(
    keyring_service: str, secret_service: SecretServiceSession
) -> None:
    SecretStore(keyring_service).set(API_KEY, UNICODE_SECRET)

    env = dict(os.environ)
    # keyring in the child would choose this anyway; naming it guards against a developer's
    # keyringrc.cfg or PYTHON_KEYRING_BACKEND choosing something else.
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.SecretService.Keyring"
    env["PYTHONIOENCODING"] = "utf-8"
    assert env["DBUS_SESSION_BUS_ADDRESS"] == secret_service.bus_address
    code = (
        "import sys, keyring; "
        "sys.stdout.write(repr(keyring.get_password(sys.argv[1], sys.argv[2])))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, keyring_service, API_KEY],
        env=env,
        capture_output=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout == repr(UNICODE_SECRET)


def test_unicode_value_round_trips(keyring_service: str) -> None:
    store = SecretStore(keyring_service)
    assert store.set("unicode", UNICODE_SECRET).persistent is True

    assert SecretStore(keyring_service).get("unicode") == UNICODE_SECRET


def test_stored_secret_is_not_in_plain_text_on_disk(
    keyring_service: str, secret_service: SecretServiceSession
) -> None:
    SecretStore(keyring_service).set(API_KEY, "sk-plaintext-check-4f2a")

    assert (secret_service.data_home / "keyrings").is_dir()
    assert _files_containing(secret_service.root, "sk-plaintext-check-4f2a") == []


def test_setting_again_replaces_the_value(keyring_service: str) -> None:
    store = SecretStore(keyring_service)
    store.set(API_KEY, "first-value")
    store.set(API_KEY, "second-value")

    assert SecretStore(keyring_service).get(API_KEY) == "second-value"


def test_delete_of_a_missing_entry_does_not_raise(keyring_service: str) -> None:
    store = SecretStore(keyring_service)
    store.delete("never-set")
    store.delete("never-set")
    assert store.get("never-set") is None


def test_resolve_api_key_prefers_the_environment(keyring_service: str) -> None:
    store = SecretStore(keyring_service)
    assert resolve_api_key(store, environ={}) is None

    store.set(API_KEY, "sk-stored")
    assert resolve_api_key(store, environ={}) == "sk-stored"
    assert resolve_api_key(store, environ={"OPENAI_API_KEY": "sk-env"}) == "sk-env"
    assert resolve_api_key(store, environ={"OPENAI_API_KEY": "  "}) == "sk-stored"
    assert resolve_api_key(store, environ={"OPENAI_API_KEY": ""}) == "sk-stored"


def test_resolve_api_key_reads_os_environ_by_default(
    keyring_service: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SecretStore(keyring_service)
    store.set(API_KEY, "sk-stored")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-os-environ")

    assert resolve_api_key(store) == "sk-from-os-environ"


@pytest.mark.keyring
def test_a_locked_keyring_says_so_and_keeps_the_value_for_the_session(tmp_path: Path) -> None:
    """A login keyring that is locked (and no prompt can unlock it) is a clear error."""
    import gc
    from contextlib import closing

    import secretstorage

    with private_secret_service(tmp_path) as own:  # its own daemons: this test locks them
        store = SecretStore(unique_service_name())
        assert store.set(API_KEY, "sk-before-lock").persistent is True
        with closing(secretstorage.dbus_init()) as connection:
            secretstorage.get_default_collection(connection).lock()
        secret = _fresh_secret()

        with pytest.raises(SecretStoreError, match="Your keyring is locked") as saving:
            store.set(API_KEY, secret)

        assert saving.value.kept_for_session is True
        assert secret not in str(saving.value)
        assert store.get(API_KEY) == secret
        with pytest.raises(SecretStoreError, match="locked"):
            SecretStore(store.service).get(API_KEY)  # cannot read while locked: says so
        with pytest.raises(SecretStoreError, match="locked"):
            store.delete(API_KEY)  # the stored key is still there: say so
        assert _files_containing(own.root, secret) == []
        gc.collect()  # a D-Bus socket left open by keyring would warn (an error) here


# --- no keyring: memory for this session only ----------------------------------------------


def test_no_keyring_keeps_the_value_for_this_session_only(
    no_keyring: Path, caplog: pytest.LogCaptureFixture
) -> None:
    secret = _fresh_secret()
    store = SecretStore(unique_service_name())
    caplog.set_level(logging.DEBUG)

    saved = store.set(API_KEY, secret)

    assert saved.persistent is False
    assert "no keyring backend is installed or running" in saved.message
    assert "kept for this session only" in saved.message
    assert "not written anywhere" in saved.message
    assert secret not in saved.message
    status = store.status()
    assert status.available is False
    assert status.backend == "none"
    assert status.reason is not None
    assert status.reason in saved.message

    assert store.get(API_KEY) == secret
    assert resolve_api_key(store, environ={}) == secret
    assert SecretStore(store.service).get(API_KEY) is None  # not persisted anywhere

    assert secret not in caplog.text
    assert _files_containing(no_keyring, secret) == []
    app_home = os.environ.get("DESKTOP_ASSISTANT_HOME")
    if app_home:
        assert _files_containing(Path(app_home), secret) == []

    store.delete(API_KEY)  # nothing to reach: not an error
    assert store.get(API_KEY) is None


def test_empty_names_and_values_are_rejected(no_keyring: Path) -> None:
    store = SecretStore(unique_service_name())
    with pytest.raises(ValueError, match="secret name must not be empty"):
        store.set("", "value")
    with pytest.raises(ValueError, match="secret name must not be empty"):
        store.get("   ")
    with pytest.raises(ValueError, match="secret name must not be empty"):
        store.delete("")
    with pytest.raises(ValueError, match="secret value must not be empty"):
        store.set(API_KEY, "")
    with pytest.raises(ValueError, match="service name must not be empty"):
        SecretStore("")


def test_a_dead_dbus_socket_falls_back_to_the_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    pytest.importorskip("secretstorage", reason="keyring's Secret Service backend needs it")
    from keyring.backends import SecretService

    secret = _fresh_secret()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-such-socket'}")
    caplog.set_level(logging.DEBUG)
    store = SecretStore(unique_service_name())

    with use_keyring_backend(SecretService.Keyring()):
        saved = store.set(API_KEY, secret)
        status = store.status()

        assert saved.persistent is False
        assert "D-Bus" in saved.message
        assert "kept for this session only" in saved.message
        assert status.available is False
        assert status.reason is not None
        assert "D-Bus" in status.reason
        assert store.get(API_KEY) == secret
        # A keyring is configured but unreachable: removing the key cannot be confirmed.
        with pytest.raises(SecretStoreError, match="Could not remove 'api_key'") as raised:
            store.delete(API_KEY)
        assert secret not in str(raised.value)
        assert store.get(API_KEY) is None  # the session value is gone all the same

    assert secret not in caplog.text


def test_a_bus_without_secret_service_falls_back_to_the_session(
    empty_session_bus: str, isolated_home: Path
) -> None:
    from keyring.backends import SecretService

    secret = _fresh_secret()
    store = SecretStore(unique_service_name())

    with use_keyring_backend(SecretService.Keyring()):
        saved = store.set(API_KEY, secret)
        assert saved.persistent is False
        assert "neither running nor activatable" in saved.message
        assert store.get(API_KEY) == secret
        assert store.status().available is False

    assert _files_containing(isolated_home, secret) == []


def test_app_start_up_without_secret_service_reports_the_reason(
    empty_session_bus: str, isolated_home: Path
) -> None:
    """keyring's own detection (as at app start-up, in a fresh process) on a bus without a
    Secret Service daemon: no backend, the reason why, and the value kept in memory only."""
    env = dict(os.environ)
    env.pop("PYTHON_KEYRING_BACKEND", None)  # let keyring detect, from an empty config home
    code = """if True:
        import sys
        from desktop_assistant.secrets import SecretStore
        assert "keyring" not in sys.modules, "keyring must be imported lazily"
        store = SecretStore(sys.argv[1])
        status = store.status()
        saved = store.set("api_key", "sk-detected-none")
        assert store.get("api_key") == "sk-detected-none"
        print(status.available, status.backend, sep="|")
        print(status.reason)
        print(saved.persistent, saved.message, sep="|")
    """
    result = subprocess.run(
        [sys.executable, "-X", "dev", "-W", "error", "-c", code, unique_service_name()],
        env=env,
        capture_output=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr, result.stderr  # e.g. an unclosed D-Bus socket
    assert "Traceback" not in result.stderr, result.stderr
    availability, reason, outcome = result.stdout.splitlines()
    assert availability == "False|none"
    assert "no keyring backend is installed or running" in reason
    assert "neither running nor activatable" in reason
    assert outcome.startswith("False|No system keyring is available (")
    assert "sk-detected-none" not in outcome
    assert _files_containing(isolated_home, "sk-detected-none") == []
