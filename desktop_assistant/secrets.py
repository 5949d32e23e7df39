"""API keys and tokens in the operating system's keyring.

The OS keyring (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows) is
reached through the ``keyring`` package.  Nothing is ever written to a file instead of it.

- Locked, failing or not answering: ``get``, ``set`` and ``delete`` raise
  :class:`SecretStoreError` with a sentence naming the cause and what to do (``set`` keeps the
  value in memory for this session, and says so).  A locked keyring is reported, not
  unlocked: the unlock prompt could wait forever for an answer nobody gives; every keyring
  call has a time limit too.
- No keyring at all (no backend installed, no D-Bus session, no Secret Service daemon):
  ``set`` keeps the value in memory for this session only and returns
  ``SecretSaved(persistent=False)`` whose message names the cause (every caller shows it);
  ``get`` finds nothing stored; ``delete`` raises only where a configured keyring can't be
  reached (the entry may still be in it).

Secret values are never logged and never put into exception messages. Messages are English
in ``str(error)`` (logs) and in the interface language in ``error.message`` and
``SecretSaved.message`` (templates in the "Keyring" translation context).

``keyring`` is imported lazily, inside the functions that need it, so importing this module
costs nothing at application start-up.  This module must not import PySide6.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeVar

from desktop_assistant.i18n import QT_TRANSLATE_NOOP, Worded, translate, worded

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

__all__ = [
    "API_KEY",
    "KNOWN_SECRETS",
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
# Every keyring entry the app writes ("Delete all my data" removes each): the model's key, the
# Google sign-ins (calendar/google_auth.py TOKEN_SECRET, mail/gmail.py GMAIL), the IMAP and
# CalDAV passwords (mail/imap.py, calendar/caldav_calendar.py PASSWORD_SECRET).
KNOWN_SECRETS: tuple[str, ...] = (
    API_KEY,
    "google_calendar_token",
    "google_gmail_token",
    "imap_password",
    "caldav_password",
)

_log = logging.getLogger(__name__)

_MAX_REASON_CHARS = 300
_NO_BACKEND_LABEL = "none"
# A keyring call that has not answered by then (a daemon that hangs, a prompt nobody answers)
# is reported as not answering; the call is left to finish (or not) in its daemon thread.
KEYRING_TIMEOUT_S = 10.0
LOCKED_MESSAGE = QT_TRANSLATE_NOOP(
    "Keyring",
    "Your keyring is locked: unlock it (log in again or open Passwords and Keys) and retry.")

def _worded(template: str, **fields: str | float | Worded) -> Worded:
    """``i18n.worded`` in the "Keyring" context."""
    return worded("Keyring", template, **fields)


_T = TypeVar("_T")
SecretProblem = Literal["locked", "missing", "unreachable", "failed", "timeout"]


@dataclass(frozen=True)
class SecretSaved:
    """The outcome of :meth:`SecretStore.set` (which raises when the keyring can't store it)."""

    persistent: bool  # True: in the OS keyring
    message: str  # a sentence for a person


@dataclass(frozen=True)
class KeyringStatus:
    """Whether the OS keyring can be used right now, which backend it is, and why not."""

    available: bool
    backend: str  # e.g. "SecretService Keyring"; "none" where no backend is installed
    reason: str | None  # None when available


class SecretStoreError(RuntimeError):
    """The keyring is locked, missing, failing or not answering; the message names the cause
    and what to do, and never contains a secret value.

    ``problem`` is ``"locked"``, ``"failed"`` (the backend raised), ``"timeout"``, or, for
    ``delete`` only, ``"unreachable"`` (a configured keyring that can't be reached).
    ``kept_for_session`` is True when ``set`` kept the value in memory for this session
    (never in a file).
    """

    def __init__(self, message: str | Worded, problem: SecretProblem, *,
                 kept_for_session: bool = False) -> None:
        english, shown = (message, message) if isinstance(message, str) else message
        super().__init__(english)
        # The sentence for the person, in the interface language (``str()`` is English).
        self.message = shown
        self.problem = problem
        self.kept_for_session = kept_for_session


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
    """API keys and tokens in the OS keyring; a clear :class:`SecretStoreError` when it can't
    be used, and never a file instead."""

    def __init__(self, service: str = SERVICE, *, timeout: float = KEYRING_TIMEOUT_S) -> None:
        self._service = _check_text(service, "service name")
        self._timeout = timeout
        self._session: dict[str, str] = {}
        self._lock = threading.Lock()

    @property
    def service(self) -> str:
        return self._service

    def __repr__(self) -> str:  # never shows values
        return f"{type(self).__name__}(service={self._service!r})"

    def get(self, name: str) -> str | None:
        """The secret called ``name``, or None when the keyring has no such entry.

        A value kept for this session (because the keyring could not store it, as the person
        was told) comes first; with no keyring nothing else can be stored.  Raises
        :class:`SecretStoreError` when the keyring is locked, failing or not answering.
        """
        name = _check_text(name, "secret name")
        with self._lock:
            value = self._session.get(name)
        if value is not None:
            return value
        try:
            stored = self._call(
                lambda backend: backend.get_password(self._service, name),
                _worded(QT_TRANSLATE_NOOP("Keyring",
                                          "Could not read {name!r} from the system keyring"),
                        name=name),
            )
        except _NoKeyring as missing:
            _log.debug("No keyring to read %r from: %s", name, missing.reason)
            return None
        return stored if isinstance(stored, str) and stored else None

    def set(self, name: str, value: str) -> SecretSaved:
        """Save ``value`` in the OS keyring.

        Raises :class:`SecretStoreError` (naming the cause) when the keyring is locked,
        failing or not answering; with no keyring at all, returns ``persistent=False`` and a
        message naming the cause.  Either way the value is then kept in memory for this
        session only, never in a file, and the message says so.
        """
        name = _check_text(name, "secret name")
        _check_secret_value(value)
        what = _worded(QT_TRANSLATE_NOOP("Keyring", "API key")) if name == API_KEY else \
            _worded(QT_TRANSLATE_NOOP("Keyring", "secret"))

        def store(backend: KeyringBackend) -> str:
            backend.set_password(self._service, name, value)
            # Some backends (a chainer whose backends all decline, a null keyring configured by
            # the user) return quietly without storing anything: read it back to be sure.
            if backend.get_password(self._service, name) != value:
                raise _KeyringUnavailableError(
                    "the keyring accepted the value but did not return it when read back",
                    _backend_label(backend),
                    nothing_installed=False,
                )
            return _backend_label(backend)

        try:
            label = self._call(store, _worded(QT_TRANSLATE_NOOP(
                "Keyring", "The {what} could not be saved"), what=what), secret=value)
        except _NoKeyring as missing:
            with self._lock:
                self._session[name] = value
            _log.warning("%r is kept for this session only: %s", name, missing.reason)
            return SecretSaved(persistent=False, message=_worded(QT_TRANSLATE_NOOP(
                "Keyring", "No system keyring is available ({reason}); the {what} is kept for "
                "this session only and was not written anywhere. Start or install a keyring "
                "(GNOME Keyring or KWallet on Linux) to keep it."),
                reason=missing.reason, what=what)[1])
        except SecretStoreError as error:
            with self._lock:
                self._session[name] = value
            _log.warning("%r is kept for this session only: %s", name, error)
            raise SecretStoreError(_worded(QT_TRANSLATE_NOOP(
                "Keyring", "{error} The {what} is kept for this session only and was not "
                "written anywhere."), error=(str(error), error.message), what=what),
                error.problem, kept_for_session=True,
            ) from None
        with self._lock:
            self._session.pop(name, None)
        return SecretSaved(persistent=True, message=translate(
            "Keyring", "Saved in the system keyring ({backend}).").format(backend=label))

    def delete(self, name: str) -> None:
        """Forget ``name`` here and in the keyring.  A missing entry is not an error.

        Raises :class:`SecretStoreError` when the keyring is locked, failing, not answering or
        configured but unreachable, so that nobody is told a key was removed while it may
        still be stored.  With no keyring at all there is nothing to remove.
        """
        name = _check_text(name, "secret name")
        with self._lock:
            self._session.pop(name, None)

        def remove(backend: KeyringBackend) -> None:
            from keyring.errors import PasswordDeleteError

            try:
                backend.delete_password(self._service, name)
            except PasswordDeleteError:
                # keyring uses this error for a missing entry: not an error, unless the entry
                # is still there (some backends raise it for every failure).
                if backend.get_password(self._service, name) is not None:
                    raise

        failed = _worded(QT_TRANSLATE_NOOP(
            "Keyring", "Could not remove {name!r} from the system keyring"), name=name)
        try:
            self._call(remove, failed)
        except _NoKeyring as missing:
            if missing.nothing_installed:
                return
            raise SecretStoreError(_worded(QT_TRANSLATE_NOOP("Keyring", "{failed} ({reason})."),
                                           failed=failed, reason=missing.reason),
                                   "unreachable") from None

    def status(self) -> KeyringStatus:
        """Whether the OS keyring can be used now (probes it; does not read any secret)."""
        try:
            backend = _usable_backend()
            if _collection_locked(backend):
                return KeyringStatus(False, _backend_label(backend),
                                     translate("Keyring", LOCKED_MESSAGE))
        except _KeyringUnavailableError as unavailable:
            return KeyringStatus(False, unavailable.backend, unavailable.reason)
        except Exception as exc:  # any backend may raise its own error types; see module doc
            _release_connections(exc)
            return KeyringStatus(False, _NO_BACKEND_LABEL, _describe(exc))
        return KeyringStatus(True, _backend_label(backend), None)

    def _call(self, work: Callable[[KeyringBackend], _T], failed: Worded, *,
              secret: str | None = None) -> _T:
        """Run ``work`` with the usable backend, within the time limit; every failure becomes
        a :class:`SecretStoreError` whose message starts with ``failed``."""

        def attempt() -> _T:
            backend = _usable_backend()
            if _collection_locked(backend):
                raise _Locked
            return work(backend)

        try:
            return _within(self._timeout, attempt)
        except _Locked:
            raise SecretStoreError(_locked(failed), "locked") from None
        except _KeyringUnavailableError as unavailable:
            raise _NoKeyring(unavailable.reason, unavailable.backend,
                             nothing_installed=unavailable.nothing_installed) from None
        except TimeoutError:
            raise SecretStoreError(_worded(QT_TRANSLATE_NOOP(
                "Keyring", "{failed}: the system keyring did not answer within {seconds} s (it "
                "may be waiting for an unlock prompt, or be stuck). Unlock or restart it and "
                "retry."), failed=failed, seconds=f"{self._timeout:g}"), "timeout") from None
        except Exception as exc:  # any backend may raise its own error types; see module doc
            _release_connections(exc)
            if type(exc).__name__ == "KeyringLocked":
                raise SecretStoreError(_locked(failed), "locked") from None
            raise SecretStoreError(_worded(QT_TRANSLATE_NOOP(
                "Keyring", "{failed}: the system keyring failed ({reason}). Retry; if it keeps "
                "failing, restart the keyring (log out and in)."), failed=failed,
                reason=_describe(exc, secret=secret)), "failed") from None


def _locked(failed: Worded) -> Worded:
    return _worded(QT_TRANSLATE_NOOP("Keyring", "{failed}. {locked}"), failed=failed,
                   locked=_worded(LOCKED_MESSAGE))


class _NoKeyring(_KeyringUnavailableError):
    """Internal: raised by ``SecretStore._call`` where no usable keyring exists."""


class _Locked(Exception):
    """Internal: the keyring's collection is locked (checked before any call could prompt)."""


def _within(timeout: float, work: Callable[[], _T]) -> _T:
    """``work()``'s result or exception, or TimeoutError after ``timeout`` seconds.

    The call runs in a daemon thread: a keyring call can't be interrupted, and one that never
    answers must not keep the app (or its exit) waiting.
    """
    outcome: list[tuple[bool, object]] = []
    done = threading.Event()

    def run() -> None:
        try:
            outcome.append((True, work()))
        except BaseException as exc:  # handed to the caller's thread
            outcome.append((False, exc))
        finally:
            done.set()

    threading.Thread(target=run, name="keyring call", daemon=True).start()
    if not done.wait(timeout):
        raise TimeoutError
    ok, value = outcome[0]
    if not ok:
        assert isinstance(value, BaseException)
        raise value
    return value  # type: ignore[return-value]


def _collection_locked(backend: KeyringBackend) -> bool:
    """True when ``backend`` is the Secret Service and its collection is locked.

    keyring would ask the daemon to unlock it, which shows a prompt and waits for an answer
    (forever, where nobody can answer); checking first reports it at once instead.
    """
    if type(backend).__module__ != "keyring.backends.SecretService":
        return False
    from contextlib import closing

    import secretstorage

    with closing(secretstorage.dbus_init()) as connection:
        preferred = getattr(backend, "preferred_collection", None)
        if preferred:
            collection = secretstorage.Collection(connection, preferred)
        else:
            collection = secretstorage.get_default_collection(connection)
        return bool(collection.is_locked())


def resolve_api_key(store: SecretStore, environ: Mapping[str, str] = os.environ) -> str | None:
    """OPENAI_API_KEY from the environment wins (as OpenAI SDK users expect and as scripts need);
    else the stored key (SecretStoreError when the keyring is locked, failing or not
    answering: the key may be in it)."""
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
