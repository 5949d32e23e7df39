"""The app's log: rotating files in the data folder, with secrets masked and message text left
out unless the person turned debug logging on (Settings → Privacy).

Nothing is logged over the network, and nothing is sent anywhere: the files stay in
``<data folder>/logs`` (at most ``BACKUPS + 1`` files of ``MAX_BYTES``). Warnings also go to
stderr, as they did before logging was configured.

Two rules keep the files clean, whoever logs:

- Secrets: every record going to our handlers is rewritten with :func:`mask_secrets` (API keys,
  ``Authorization``/``Bearer`` values, ``password=``, ``token=`` and their JSON forms, Google
  tokens, JWTs, passwords in URLs). Known secret values are deliberately not read from the
  keyring here: a log must not become a reason to unlock it.
- Message bodies (what the person or the model wrote, document text, email bodies): log them
  only with :func:`log_body`. Such records are marked (``extra={"body": True}``) and dropped
  unless debug logging is on; other log calls must not carry such text.

``logging.handlers`` (which imports ``socket``, ``pickle`` and ``queue``, ~10 ms) is imported
only when logging starts: the GUI starts it after the window's first paint.
"""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.settings import Paths

LOG_FOLDER = "logs"
LOG_FILE = "desktop-assistant.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
BODY = "body"  # the ``extra`` key that marks a record as holding message text
MASK = "[redacted]"
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

_KEY_WORDS = (r"api[_-]?key|apikey|x-api-key|access[_-]?token|refresh[_-]?token|id[_-]?token|"
              r"client[_-]?secret|secret|token|password|passwd|pwd|session[_-]?id|auth")
# Order matters: the specific shapes first, then key=value and "key": "value" forms.
_SECRET_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Authorization: Bearer xyz / Basic xyz, and a bare "Bearer xyz".
    (re.compile(r"(?i)\b(authorization[\"']?\s*[:=]\s*[\"']?)(?:(bearer|basic|token)\s+)?"
                r"[^\s\"',;}]+"), r"\1\2 " + MASK),
    (re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]{6,}"), r"\1 " + MASK),
    # Well-known key shapes: OpenAI (sk-, sk-proj-), Google OAuth (ya29., 1//), GitHub, Slack,
    # AWS access key ids, JSON web tokens.
    (re.compile(r"\bsk-[A-Za-z0-9_-]{8,}"), MASK),
    (re.compile(r"\bya29\.[A-Za-z0-9._-]+"), MASK),
    (re.compile(r"\b1//[A-Za-z0-9._-]{10,}"), MASK),
    (re.compile(r"\bgh[pousr]_[A-Za-z0-9]{20,}"), MASK),
    (re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"), MASK),
    (re.compile(r"\bAKIA[0-9A-Z]{16}\b"), MASK),
    (re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+"), MASK),
    # A password in a URL: scheme://user:password@host
    (re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^/\s:@]+:)[^/\s@]+@"), r"\1" + MASK + "@"),
    # "api_key": "value", 'password': 'value' (JSON, Python reprs)
    (re.compile(rf"(?i)([\"'](?:{_KEY_WORDS})[\"']\s*:\s*)([\"'])(?:\\.|(?!\2).)*\2"),
     r"\1\2" + MASK + r"\2"),
    # api_key=value, password: value, token=value (query strings, headers, messages)
    (re.compile(rf"(?i)\b((?:{_KEY_WORDS})\s*[=:]\s*)(?![\"'\[{{])[^\s&,;\"')}}\]]+"),
     r"\1" + MASK),
)


def mask_secrets(text: str) -> str:
    """``text`` with anything that looks like a secret replaced by ``[redacted]``."""
    for pattern, replacement in _SECRET_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def log_body(logger: logging.Logger, what: str, text: str, level: int = logging.DEBUG) -> None:
    """Log message text (a prompt, an answer, a document's or an email's text) under ``what``;
    it reaches the log only when debug logging is on, and with secrets masked even then."""
    if logger.isEnabledFor(level):
        logger.log(level, "%s: %s", what, text, extra={BODY: True}, stacklevel=2)


class PrivacyFilter(logging.Filter):
    """Drops records holding message text unless ``debug``; masks secrets in the rest.

    Attached to the handlers (a filter on the root logger would not see records that
    propagate from other loggers). The record is rewritten in place, so handlers that see it
    later (a test's capture) get the masked text too.
    """

    def __init__(self, debug: bool = False) -> None:
        super().__init__()
        self.debug = debug

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, BODY, False) and not self.debug:
            return False
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep what can be kept
            message = f"{record.msg!r} {record.args!r}"
        record.msg = mask_secrets(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_secrets(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_secrets(record.stack_info)
        return True


class _CurrentStderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Warnings to whatever ``sys.stderr`` is now, as logging's last-resort handler does."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> object:
        return sys.stderr

    @stream.setter
    def stream(self, _value: object) -> None:
        pass


@dataclass
class _Running:
    file: logging.Handler
    stderr: logging.Handler
    privacy: PrivacyFilter
    path: Path
    previous_level: int


_running: _Running | None = None


def log_path(paths: Paths) -> Path:
    """Where the current log file is (older ones beside it end in .1 … .5)."""
    return paths.data_dir / LOG_FOLDER / LOG_FILE


def configure_logging(paths: Paths, debug: bool) -> Path | None:
    """Log to rotating files in the data folder (and warnings to stderr); the log file's path,
    or None when it cannot be written (said on stderr; the app runs on without a log).
    Calling it again replaces the earlier setup."""
    global _running
    from logging.handlers import RotatingFileHandler

    stop_logging()
    path = log_path(paths)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        file = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                   encoding="utf-8")
    except OSError as error:
        print(f"desktop-assistant: no log file ({error})", file=sys.stderr)
        return None
    privacy = PrivacyFilter(debug)
    file.setFormatter(logging.Formatter(FORMAT))
    file.addFilter(privacy)
    stderr = _CurrentStderr()
    stderr.setLevel(logging.WARNING)
    stderr.setFormatter(logging.Formatter("%(message)s"))
    stderr.addFilter(privacy)
    root = logging.getLogger()
    _running = _Running(file, stderr, privacy, path, root.level)
    root.addHandler(file)
    root.addHandler(stderr)
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    from desktop_assistant import __version__

    logging.getLogger(__name__).info("Desktop Assistant %s, debug logging %s", __version__,
                                     "on" if debug else "off")
    return path


def set_debug(debug: bool) -> None:
    """Turn debug logging (message text in the log) on or off from now on; nothing happens
    when logging has not been started (tests, embedding)."""
    if _running is None:
        return
    _running.privacy.debug = debug
    logging.getLogger().setLevel(logging.DEBUG if debug else logging.INFO)


def stop_logging() -> None:
    """Close the log file (it can then be deleted) and put the root logger back as it was."""
    global _running
    running, _running = _running, None
    if running is None:
        return
    root = logging.getLogger()
    for handler in (running.file, running.stderr):
        root.removeHandler(handler)
        handler.close()
    root.setLevel(running.previous_level)


def start_for(services: Services) -> None:
    """Start logging as the person's settings say (a broken settings file: no debug logging;
    the app reports that file itself)."""
    from desktop_assistant.settings import SettingsError

    try:
        debug = services.settings.debug_logging
    except SettingsError:
        debug = False
    configure_logging(services.paths, debug)
