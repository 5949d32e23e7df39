"""pytest plugin: a private Secret Service (gnome-keyring) on a private D-Bus session bus.

List it in ``tests/conftest.py``::

    pytest_plugins = ["tests.support.keyring_session"]

Fixtures:

``secret_service`` (session)
    Starts a private ``dbus-daemon`` (own config: no service activation, so nothing else is
    started on it) and a private ``gnome-keyring-daemon --unlock --components=secrets`` whose
    HOME and XDG directories are in a temporary folder, so a developer's real login keyring is
    never touched.  Sets ``DBUS_SESSION_BUS_ADDRESS`` and keyring's backend (a fresh
    ``SecretService.Keyring``) for the session and restores both afterwards; both daemons are
    stopped at the end.  Skips with a clear reason where the programs are missing.
``keyring_service`` (function)
    A unique keyring service name for one test; its entries are deleted afterwards.
``no_keyring`` (function)
    No usable keyring backend (keyring's ``fail.Keyring``), and HOME/XDG directories pointed at
    an empty temporary folder, which it returns so a test can check nothing was written there.
``private_secret_service(root)`` (context manager)
    What ``secret_service`` runs, for a test that needs a Secret Service of its own (for
    example one whose keyring it locks).
``empty_session_bus`` (function)
    A private D-Bus session bus with no Secret Service on it (the state of a desktop without a
    keyring daemon); returns its address.

Tests that use ``secret_service`` get the ``keyring`` marker, so ``-m "not keyring"`` skips them.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

STARTUP_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 10.0
POLL_INTERVAL_S = 0.05
KEYRING_PASSWORD = "desktop-assistant-test-keyring"  # unlocks the throw-away login keyring
TEST_SERVICE_PREFIX = "desktop-assistant-test-"

# program -> Debian/Ubuntu package that provides it
_PROGRAMS = {"dbus-daemon": "dbus", "gnome-keyring-daemon": "gnome-keyring"}

_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <!-- A private session bus for tests: no <servicedir>, so D-Bus activation cannot start
       anything (the system's org.freedesktop.secrets.service would start gnome-keyring
       with the real HOME). -->
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

# Variables that could point a daemon (or the code under test) at a real session.
_SCRUBBED_ENV = (
    "DBUS_SESSION_BUS_ADDRESS",
    "DBUS_SESSION_BUS_PID",
    "DBUS_SESSION_BUS_WINDOWID",
    "GNOME_KEYRING_CONTROL",
    "GNOME_KEYRING_PID",
    "SSH_AUTH_SOCK",
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "XDG_SESSION_ID",
)


def unique_service_name() -> str:
    """A keyring service name no other test (or person) uses."""
    return f"{TEST_SERVICE_PREFIX}{uuid.uuid4().hex}"


@dataclass(frozen=True)
class SecretServiceSession:
    """What ``secret_service`` started."""

    bus_address: str
    root: Path  # every file the daemons may write is under here
    home: Path  # HOME of gnome-keyring-daemon
    data_home: Path  # XDG_DATA_HOME (keyrings/login.keyring)
    backend: KeyringBackend  # the SecretService backend keyring uses during the session


# --- keyring backend swapping ---------------------------------------------------------------


@contextlib.contextmanager
def use_keyring_backend(backend: KeyringBackend) -> Iterator[KeyringBackend]:
    """Make ``backend`` keyring's current backend; restore the previous state afterwards.

    keyring caches its chosen backend in ``keyring.core._keyring_backend`` (None until first
    use).  There is no public getter that does not trigger detection, so the private attribute
    is read, and restored as it was (None means: detect again on next use).
    """
    import keyring
    import keyring.core

    previous = getattr(keyring.core, "_keyring_backend", None)
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.core._keyring_backend = previous  # type: ignore[attr-defined,unused-ignore]


# --- process helpers ------------------------------------------------------------------------


def _require_programs(programs: tuple[str, ...]) -> dict[str, str]:
    if not sys.platform.startswith(("linux", "freebsd")):
        pytest.skip(f"the Secret Service tests need Linux/BSD with D-Bus (this is {sys.platform})")
    found: dict[str, str] = {}
    for program in programs:
        path = shutil.which(program)
        if path is None:
            package = _PROGRAMS[program]
            pytest.skip(
                f"{program} is not installed; the Secret Service tests need it "
                f"(Debian/Ubuntu: apt-get install {package})"
            )
        found[program] = path
    try:
        import secretstorage  # noqa: F401  (keyring's Secret Service backend needs it)
    except ImportError:
        pytest.skip("the Python package secretstorage is not installed (pip install secretstorage)")
    return found


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the daemon gets SIGTERM if pytest dies without tearing down (e.g. SIGKILL)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)
    except Exception:
        pass


def _preexec() -> Callable[[], None] | None:
    return _die_with_parent if sys.platform.startswith("linux") else None


def _read_log(path: Path) -> str:
    try:
        text = path.read_text(errors="replace").strip()
    except OSError:
        return "(no log)"
    return text[-4000:] or "(empty)"


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Terminate ``proc`` (SIGTERM, then SIGKILL) and reap it; close its pipes."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=STOP_TIMEOUT_S)
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def _daemon_env(root: Path, bus_address: str | None) -> dict[str, str]:
    """An environment whose HOME and XDG directories are all under ``root``."""
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED_ENV}
    dirs = {
        "HOME": root / "home",
        "XDG_DATA_HOME": root / "home" / ".local" / "share",
        "XDG_CONFIG_HOME": root / "home" / ".config",
        "XDG_CACHE_HOME": root / "home" / ".cache",
        "XDG_STATE_HOME": root / "home" / ".local" / "state",
        "XDG_RUNTIME_DIR": root / "run",
    }
    for var, path in dirs.items():
        path.mkdir(parents=True, exist_ok=True)
        env[var] = str(path)
    (root / "run").chmod(0o700)
    if bus_address is not None:
        env["DBUS_SESSION_BUS_ADDRESS"] = bus_address
    return env


def _socket_dir(root: Path, stack: contextlib.ExitStack) -> Path:
    # A unix socket path must be shorter than ~104-108 bytes; pytest's tmp dirs can be long.
    if len(str(root / "bus")) <= 90:
        return root
    short = Path(tempfile.mkdtemp(prefix="da-bus-"))
    stack.callback(shutil.rmtree, short, ignore_errors=True)
    return short


def _start_dbus_daemon(
    dbus_daemon: str, root: Path, stack: contextlib.ExitStack
) -> tuple[str, subprocess.Popen[bytes]]:
    """Start a private session bus; return its address once it is listening."""
    config = root / "bus.conf"
    config.write_text(_BUS_CONFIG.format(socket=_socket_dir(root, stack) / "bus"))
    log_path = root / "dbus-daemon.log"
    log = stack.enter_context(log_path.open("wb"))
    proc = subprocess.Popen(
        [dbus_daemon, "--nofork", "--nopidfile", f"--config-file={config}", "--print-address=1"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=log,
        env=_daemon_env(root, None),
        start_new_session=True,
        preexec_fn=_preexec(),  # only prctl(PR_SET_PDEATHSIG)
    )
    stack.callback(_stop, proc)
    assert proc.stdout is not None
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    line = b""
    while not line.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or proc.poll() is not None:
            pytest.fail(
                f"dbus-daemon did not print its address (exit code {proc.poll()}); "
                f"log:\n{_read_log(log_path)}"
            )
        ready, _, _ = select.select([proc.stdout], [], [], min(remaining, 1.0))
        if ready:
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                continue  # EOF: the loop's poll() check reports the exit
            line += chunk
    return line.decode().strip(), proc


def _start_gnome_keyring(
    gnome_keyring_daemon: str, root: Path, bus_address: str, stack: contextlib.ExitStack
) -> subprocess.Popen[bytes]:
    log_path = root / "gnome-keyring-daemon.log"
    log = stack.enter_context(log_path.open("wb"))
    proc = subprocess.Popen(
        [gnome_keyring_daemon, "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE,
        stdout=log,
        stderr=log,
        env=_daemon_env(root, bus_address),
        start_new_session=True,
        preexec_fn=_preexec(),  # only prctl(PR_SET_PDEATHSIG)
    )
    stack.callback(_stop, proc)
    assert proc.stdin is not None
    # --unlock reads the login keyring's password from stdin until EOF.
    proc.stdin.write(KEYRING_PASSWORD.encode())
    proc.stdin.close()
    return proc


def _wait_until(
    check: Callable[[], str | None], procs: dict[str, tuple[subprocess.Popen[bytes], Path]]
) -> None:
    """Poll ``check`` (None = ready, else what is missing) until ready or the deadline."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while True:
        problem = check()
        if problem is None:
            return
        for name, (proc, log_path) in procs.items():
            if proc.poll() is not None:
                pytest.fail(
                    f"{name} exited with code {proc.returncode} while starting; "
                    f"log:\n{_read_log(log_path)}"
                )
        if time.monotonic() >= deadline:
            logs = "\n".join(f"--- {n}:\n{_read_log(p)}" for n, (_, p) in procs.items())
            pytest.fail(
                f"the private Secret Service was not ready after {STARTUP_TIMEOUT_S:g}s: "
                f"{problem}\n{logs}"
            )
        time.sleep(POLL_INTERVAL_S)


def _secret_service_problem(backend: KeyringBackend) -> str | None:
    """None once the Secret Service on the current bus stores and returns a secret."""
    from contextlib import closing

    import secretstorage

    try:
        with closing(secretstorage.dbus_init()) as connection:
            if not secretstorage.check_service_availability(connection):
                return "org.freedesktop.secrets is not on the bus yet"
        service, name = f"{TEST_SERVICE_PREFIX}probe", "probe"
        backend.set_password(service, name, "probe-value")
        value = backend.get_password(service, name)
        backend.delete_password(service, name)
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    if value != "probe-value":
        return f"a probe secret read back as {value!r}"
    return None


# --- fixtures -------------------------------------------------------------------------------


@contextlib.contextmanager
def private_secret_service(root: Path) -> Iterator[SecretServiceSession]:
    """Start a private D-Bus session bus and an unlocked gnome-keyring on it, with every file
    under ``root``; point ``DBUS_SESSION_BUS_ADDRESS`` and keyring's backend at them until
    exit, then restore both and stop the daemons.  Skips where the programs are missing."""
    programs = _require_programs(("dbus-daemon", "gnome-keyring-daemon"))
    import keyring
    from keyring.backends import SecretService

    with contextlib.ExitStack() as stack:
        bus_address, dbus_proc = _start_dbus_daemon(programs["dbus-daemon"], root, stack)
        keyring_proc = _start_gnome_keyring(
            programs["gnome-keyring-daemon"], root, bus_address, stack
        )
        # (Entered after the daemons' _stop callbacks, so restored before they are stopped.)
        stack.enter_context(_environ_set({"DBUS_SESSION_BUS_ADDRESS": bus_address}))
        backend = stack.enter_context(use_keyring_backend(SecretService.Keyring()))
        _wait_until(
            lambda: _secret_service_problem(backend),
            {
                "dbus-daemon": (dbus_proc, root / "dbus-daemon.log"),
                "gnome-keyring-daemon": (keyring_proc, root / "gnome-keyring-daemon.log"),
            },
        )
        current = keyring.get_keyring()
        assert isinstance(current, SecretService.Keyring), current
        assert "SecretService" in current.name, current.name
        home = Path(_daemon_env(root, None)["HOME"])
        yield SecretServiceSession(
            bus_address=bus_address,
            root=root,
            home=home,
            data_home=home / ".local" / "share",
            backend=backend,
        )


@pytest.fixture(scope="session")
def secret_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecretServiceSession]:
    """A private, unlocked Secret Service on a private D-Bus session bus (see module doc)."""
    with private_secret_service(tmp_path_factory.mktemp("secret-service")) as session:
        yield session


@pytest.fixture
def keyring_service(secret_service: SecretServiceSession) -> Iterator[str]:
    """A unique service name in the private Secret Service; its entries are deleted after."""
    service = unique_service_name()
    with use_keyring_backend(secret_service.backend):  # fresh state even if a test swapped it
        yield service
    _delete_service_entries(service)


def _delete_service_entries(service: str) -> None:
    from contextlib import closing

    import secretstorage

    with closing(secretstorage.dbus_init()) as connection:
        collection = secretstorage.get_default_collection(connection)
        for item in collection.search_items({"service": service}):
            item.delete()


@pytest.fixture
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME and the XDG directories pointed at an empty folder for one test; returns HOME."""
    env = _daemon_env(tmp_path / "isolated", None)
    for var in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, env[var])
    return Path(env["HOME"])


@pytest.fixture
def no_keyring(isolated_home: Path) -> Iterator[Path]:
    """No usable keyring backend (keyring's fail.Keyring); returns the temporary HOME."""
    from keyring.backends import fail

    with use_keyring_backend(fail.Keyring()):
        yield isolated_home


@pytest.fixture
def empty_session_bus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private D-Bus session bus with no Secret Service on it; returns its address."""
    programs = _require_programs(("dbus-daemon",))
    root = tmp_path_factory.mktemp("empty-bus")
    with contextlib.ExitStack() as stack:
        address, _ = _start_dbus_daemon(programs["dbus-daemon"], root, stack)
        stack.enter_context(_environ_set({"DBUS_SESSION_BUS_ADDRESS": address}))
        yield address


@contextlib.contextmanager
def _environ_set(values: dict[str, str]) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old


# --- hooks ----------------------------------------------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    marker = "keyring: uses the real OS keyring (Secret Service in a private D-Bus session)"
    if not any(line.split(":", 1)[0].strip() == "keyring" for line in config.getini("markers")):
        config.addinivalue_line("markers", marker)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "secret_service" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.keyring)


__all__ = [
    "SecretServiceSession",
    "private_secret_service",
    "unique_service_name",
    "use_keyring_backend",
]
