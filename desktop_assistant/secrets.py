"""API keys and tokens in the operating system's keyring.

The OS keyring (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows) is
reached through the ``keyring`` package.  Where no usable keyring exists (no backend installed,
no D-Bus session, no Secret Service daemon, a locked keyring, ...) a secret is kept in memory
for this session only: it is never written to disk as a fallback, and the reason is reported.

Secret values are never logged and never put into exception messages.

``keyring`` is imported lazily, inside the functions that need it, so importing this module
costs nothing at application start-up.  This module must not import PySide6.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

__all__ = [
    "API_KEY",
    "SERVICE",
    "KeyringStatus",
    "SecretSaved",
    "SecretStore",
    "SecretStoreError",
    "resolve_api_key",
]

SERVICE = "desktop-assistant"
API_KEY = "api_key"  # the LLM API key's entry name
API_KEY_ENV_VAR = "OPENAI_API_KEY"

_log = logging.getLogger(__name__)

_MAX_REASON_CHARS = 300
_NO_BACKEND_LABEL = "none"


@dataclass(frozen=True)
class SecretSaved:
    """The outcome of :meth:`SecretStore.set`."""

    persistent: bool  # True: in the OS keyring; False: kept in memory for this session only
    message: str  # a sentence for a person


@dataclass(frozen=True)
class KeyringStatus:
    """Whether the OS keyring can be used right now, which backend it is, and why not."""

    available: bool
    backend: str  # e.g. "SecretService Keyring"; "none" where no backend is installed
    reason: str | None  # None when available


class SecretStoreError(RuntimeError):
    """A secret could not be removed from a keyring that exists but did not answer.

    The message never contains a secret value.
    """


class _KeyringUnavailableError(Exception):
    """Internal: no usable keyring backend; carries a reason for a person."""

    def __init__(self, reason: str, backend: str, *, nothing_installed: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.backend = backend
        # True when there is no keyring at all (nothing could have been stored in one);
        # False when a keyring is configured but cannot be reached or used right now.
        self.nothing_installed = nothing_installed


class SecretStore:
    """API keys and tokens in the OS keyring; in memory for this session where no keyring exists."""

    def __init__(self, service: str = SERVICE) -> None:
        self._service = _check_text(service, "service name")
        self._session: dict[str, str] = {}
        self._lock = threading.Lock()

    @property
    def service(self) -> str:
        return self._service

    def __repr__(self) -> str:  # never shows values
        return f"{type(self).__name__}(service={self._service!r})"

    def get(self, name: str) -> str | None:
        """The secret called ``name``, or None.

        A value kept for this session (because the keyring was unavailable when it was set)
        comes first.  Keyring errors are logged (without the value) and give None.
        """
        name = _check_text(name, "secret name")
        with self._lock:
            value = self._session.get(name)
        if value is not None:
            return value
        try:
            backend = _usable_backend()
            stored = backend.get_password(self._service, name)
        except _KeyringUnavailableError as unavailable:
            _log.debug("No keyring to read %r from: %s", name, unavailable.reason)
            return None
        except Exception as exc:  # any backend may raise its own error types; see module doc
            _release_connections(exc)
            _log.warning("Could not read %r from the system keyring: %s", name, _describe(exc))
            return None
        return stored if isinstance(stored, str) and stored else None

    def set(self, name: str, value: str) -> SecretSaved:
        """Save ``value`` in the OS keyring, or keep it in memory for this session only."""
        name = _check_text(name, "secret name")
        _check_secret_value(value)
        try:
            backend = _usable_backend()
            backend.set_password(self._service, name, value)
            # Some backends (a chainer whose backends all decline, a null keyring configured by
            # the user) return quietly without storing anything: read it back to be sure.
            if backend.get_password(self._service, name) != value:
                raise _KeyringUnavailableError(
                    "the keyring accepted the value but did not return it when read back",
                    _backend_label(backend),
                    nothing_installed=False,
                )
        except _KeyringUnavailableError as unavailable:
            reason = unavailable.reason
        except Exception as exc:  # any backend may raise its own error types; see module doc
            _release_connections(exc)
            reason = _describe(exc, secret=value)
        else:
            with self._lock:
                self._session.pop(name, None)
            return SecretSaved(
                persistent=True,
                message=f"Saved in the system keyring ({_backend_label(backend)}).",
            )

        with self._lock:
            self._session[name] = value
        _log.warning("%r is kept for this session only: %s", name, reason)
        what = "API key" if name == API_KEY else "secret"
        return SecretSaved(
            persistent=False,
            message=(
                f"No system keyring is available ({reason}); the {what} is kept for this "
                "session only and was not written anywhere."
            ),
        )

    def delete(self, name: str) -> None:
        """Forget ``name`` here and in the keyring.  A missing entry is not an error.

        Raises :class:`SecretStoreError` when a keyring is configured but the entry could not
        be removed from it (for example the Secret Service stopped answering), so that nobody
        is told a key was removed while it is still stored.
        """
        name = _check_text(name, "secret name")
        with self._lock:
            self._session.pop(name, None)
        try:
            backend = _usable_backend()
        except _KeyringUnavailableError as unavailable:
            if unavailable.nothing_installed:
                return
            raise SecretStoreError(
                f"Could not remove {name!r} from the system keyring ({unavailable.reason})."
            ) from None

        from keyring.errors import PasswordDeleteError

        try:
            backend.delete_password(self._service, name)
        except PasswordDeleteError:
            return  # no such entry (keyring uses this error for a missing entry)
        except Exception as exc:  # any backend may raise its own error types; see module doc
            _release_connections(exc)
            raise SecretStoreError(
                f"Could not remove {name!r} from the system keyring ({_describe(exc)})."
            ) from exc

    def status(self) -> KeyringStatus:
        """Whether the OS keyring can be used now (probes it; does not read any secret)."""
        try:
            backend = _usable_backend()
        except _KeyringUnavailableError as unavailable:
            return KeyringStatus(False, unavailable.backend, unavailable.reason)
        return KeyringStatus(True, _backend_label(backend), None)


def resolve_api_key(store: SecretStore, environ: Mapping[str, str] = os.environ) -> str | None:
    """OPENAI_API_KEY from the environment wins (as OpenAI SDK users expect and as scripts need);
    else the stored key."""
    from_env = environ.get(API_KEY_ENV_VAR, "").strip()
    if from_env:
        return from_env
    return store.get(API_KEY)


# --- helpers -----------------------------------------------------------------------------------


def _check_text(text: object, what: str) -> str:
    if not isinstance(text, str):
        raise TypeError(f"The {what} must be a str, not {type(text).__name__}.")
    if not text.strip():
        raise ValueError(f"The {what} must not be empty.")
    return text


def _check_secret_value(value: object) -> None:
    # Messages here must never include the value.
    if not isinstance(value, str):
        raise TypeError(f"The secret value must be a str, not {type(value).__name__}.")
    if not value.strip():
        raise ValueError("The secret value must not be empty.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(
            "The secret value is not valid Unicode text (it contains unpaired surrogates)."
        ) from None


def _usable_backend() -> KeyringBackend:
    """The keyring backend to use, or :class:`_KeyringUnavailableError` with a reason."""
    try:
        import keyring
    except ImportError:
        raise _KeyringUnavailableError(
            "the keyring package is not installed", _NO_BACKEND_LABEL, nothing_installed=True
        ) from None
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # e.g. a bad PYTHON_KEYRING_BACKEND or keyringrc.cfg
        raise _KeyringUnavailableError(
            f"the configured keyring backend cannot be loaded: {_describe(exc)}",
            _NO_BACKEND_LABEL,
            nothing_installed=False,
        ) from None
    reason = _unusable_reason(backend)
    if reason is not None:
        raise _KeyringUnavailableError(
            reason, _backend_label(backend), nothing_installed=_is_no_backend(backend)
        )
    return backend


def _is_no_backend(backend: KeyringBackend) -> bool:
    from keyring.backends import chainer, fail, null

    if isinstance(backend, fail.Keyring | null.Keyring):
        return True
    if isinstance(backend, chainer.ChainerBackend):
        try:
            return not list(backend.backends)
        except Exception:
            return False
    return False


def _unusable_reason(backend: KeyringBackend) -> str | None:
    """Why ``backend`` cannot be used, or None.

    Evaluating a backend's ``priority`` is keyring's own viability probe: for the Secret
    Service it opens (and closes) a D-Bus connection and checks that the daemon is there.
    Probing first also avoids a socket that keyring's Secret Service backend leaves open when
    the daemon is missing.
    """
    from keyring.backends import chainer, fail, null

    if isinstance(backend, fail.Keyring):
        return _why_no_backend()
    if isinstance(backend, null.Keyring):
        return "the keyring is disabled (the null keyring backend is configured)"
    if isinstance(backend, chainer.ChainerBackend):
        try:
            chained = list(backend.backends)
        except Exception as exc:
            return _describe(exc)
        if not chained:
            return _why_no_backend()
        return None
    try:
        type(backend).priority  # noqa: B018 - evaluating it is the probe
    except Exception as exc:
        _release_connections(exc)
        if isinstance(exc, OSError) and type(backend).__module__.endswith(".SecretService"):
            return f"the D-Bus session bus cannot be reached ({exc.strerror or exc})"
        return f"{_backend_label(backend)} cannot be used: {_describe(exc)}"
    return None


def _why_no_backend() -> str:
    reason = "no keyring backend is installed or running"
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            return f"{reason}; there is no D-Bus session (DBUS_SESSION_BUS_ADDRESS is not set)"
        try:
            from keyring.backends import SecretService

            SecretService.Keyring.priority  # noqa: B018 - evaluating it is the probe
        except Exception as exc:
            return f"{reason}; {_describe(exc)}"
    return reason


def _backend_label(backend: KeyringBackend) -> str:
    from keyring.backends import chainer, fail

    if isinstance(backend, fail.Keyring):
        return _NO_BACKEND_LABEL
    if isinstance(backend, chainer.ChainerBackend):
        try:
            names = ", ".join(str(b.name) for b in backend.backends)
        except Exception:
            names = "?"
        return f"chained: {names or _NO_BACKEND_LABEL}"
    return str(backend.name)


def _release_connections(exc: BaseException) -> None:
    """Close the D-Bus connections a failed keyring call left open.

    keyring's Secret Service backend opens a connection per call and closes it only when the
    call succeeds: when the collection is locked or missing it raises with the connection still
    open (held by the traceback's frames), and the socket leaks until garbage collection, with a
    ResourceWarning.  Close any jeepney connection found in the frames of the failed call.
    """
    seen: set[int] = set()
    pending: list[BaseException | None] = [exc]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        tb = current.__traceback__
        while tb is not None:
            for value in list(tb.tb_frame.f_locals.values()):
                kind = type(value)
                if kind.__name__ == "DBusConnection" and kind.__module__.startswith("jeepney."):
                    try:
                        value.close()
                    except Exception:
                        _log.debug("Could not close a D-Bus connection", exc_info=True)
            tb = tb.tb_next
        pending += [current.__cause__, current.__context__]


def _describe(exc: BaseException, *, secret: str | None = None) -> str:
    """A short reason for a person, naming the kind of failure; never contains ``secret``."""
    kind = type(exc).__name__
    module = type(exc).__module__
    text = " ".join(str(exc).split())
    if kind == "NoKeyringError":
        text = "no keyring backend is installed or running"
    elif kind == "KeyringLocked":
        text = "the keyring is locked and was not unlocked"
    elif module.startswith(("secretstorage", "jeepney")):
        text = f"the Secret Service is not reachable over D-Bus ({text or kind})"
    elif isinstance(exc, OSError):
        text = f"{exc.strerror or text or 'error'} ({kind})"
    elif not text:
        text = kind
    if secret and secret in text:
        text = text.replace(secret, "[redacted]")
    if len(text) > _MAX_REASON_CHARS:
        text = text[: _MAX_REASON_CHARS - 1] + "…"
    return text
