"""The person's control over their data: how long history is kept, exporting everything, and
deleting everything the app keeps (files, the database, keyring entries).

- :func:`purge_old_history` deletes conversations whose last activity is older than the
  ``history_keep_days`` setting, with their messages, search entries and drafts, and audit
  entries and finished reminders older than the limit. Pending reminders stay (their
  conversation link is cleared by the schema). Deleted rows are overwritten on disk
  (``secure_delete``) and the full-text indexes are merged so the words leave them too.
- :func:`export_everything` writes one JSON and one Markdown file (``export.py``).
- :func:`delete_all_data` closes the database and removes every file and keyring entry the
  app keeps, saying what it removed and what it could not.

Qt-free: the CLI (``data_cli.py``) and Settings → Privacy use the same functions.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import sqlite3
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_assistant.db import Database, transaction
from desktop_assistant.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.settings import Paths

log = logging.getLogger(__name__)

EXPORT_NAME = "desktop-assistant-export"
FINISHED_REMINDER_STATES = ("done", "cancelled")
# Names of what sits in the data and config folders, for the confirmation and the report
# (translated where shown: the plan, the report and ``lines()`` are for the person, in the
# interface language; none of them is logged or given to the model).
KNOWN_ENTRIES = {
    "assistant.db": QT_TRANSLATE_NOOP(
        "DataControl", "the database: conversations, memory, reminders, drafts, the audit log"),
    "documents-index": QT_TRANSLATE_NOOP(
        "DataControl", "the document search index (your documents themselves stay)"),
    "calendar": QT_TRANSLATE_NOOP("DataControl", "the local calendar and its invitations"),
    "mail": QT_TRANSLATE_NOOP("DataControl", "email drafts saved as files"),
    "logs": QT_TRANSLATE_NOOP("DataControl", "the log files"),
    "settings.toml": QT_TRANSLATE_NOOP("DataControl", "the settings"),
}


def _tr(text: str) -> str:
    return translate("DataControl", text)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# Retention ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PurgeReport:
    """What a retention run deleted (all zero when history is kept forever)."""

    keep_days: int
    conversations: int = 0
    messages: int = 0
    mail_drafts: int = 0
    draft_files: int = 0
    reminders: int = 0  # finished (done or cancelled) ones
    audit_entries: int = 0

    @property
    def removed_anything(self) -> bool:
        return any((self.conversations, self.messages, self.mail_drafts, self.draft_files,
                    self.reminders, self.audit_entries))

    def summary(self) -> str:
        """One sentence for a person."""
        if not self.keep_days:
            return "Conversations are kept forever; nothing was deleted."
        if not self.removed_anything:
            return f"Nothing was older than {_plural(self.keep_days, 'day')}."
        parts = [f"{_plural(self.conversations, 'conversation')} "
                 f"({_plural(self.messages, 'message')}, {_plural(self.mail_drafts, 'draft')})"]
        if self.reminders:
            parts.append(_plural(self.reminders, "finished reminder"))
        if self.audit_entries:
            entries = "entry" if self.audit_entries == 1 else "entries"
            parts.append(f"{self.audit_entries} audit log {entries}")
        return f"Deleted {', '.join(parts)} older than {_plural(self.keep_days, 'day')}."


def _tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {row[0] for row in rows}


def purge_old_history(database: Database, keep_days: int,
                      now: datetime | None = None) -> PurgeReport:
    """Delete what is older than ``keep_days`` (0 keeps everything): conversations whose last
    activity (the conversation, its messages or its drafts) is older, with their messages,
    search entries and drafts (and draft files in the data folder); audit entries and finished
    reminders older than that. Pending reminders survive."""
    if keep_days <= 0:
        return PurgeReport(0)
    moment = (now or datetime.now(UTC)).astimezone(UTC) - timedelta(days=keep_days)
    cutoff = moment.isoformat(timespec="microseconds")
    conn = database.conn
    tables = _tables(conn)
    drafts = "mail_drafts" in tables
    last_draft = ("(SELECT max(updated_at) FROM mail_drafts d WHERE d.conversation_id = c.id)"
                  if drafts else "NULL")
    secure = conn.execute("PRAGMA secure_delete").fetchone()[0]
    conn.execute("PRAGMA secure_delete = ON")  # deleted text is overwritten, not left in pages
    try:
        with transaction(conn):
            ids = [row[0] for row in conn.execute(
                f"""SELECT c.id FROM conversations c WHERE max(
                        c.updated_at,
                        coalesce((SELECT max(updated_at) FROM messages m
                                  WHERE m.conversation_id = c.id), ''),
                        coalesce({last_draft}, '')) < ?""",
                (cutoff,))]
            chosen = json.dumps(ids)
            in_chosen = "IN (SELECT value FROM json_each(?))"
            messages = conn.execute(
                f"SELECT count(*) FROM messages WHERE conversation_id {in_chosen}", (chosen,)
            ).fetchone()[0]
            files: list[str] = []
            draft_count = 0
            if drafts:
                rows = conn.execute(
                    f"SELECT eml_path FROM mail_drafts WHERE conversation_id {in_chosen}",
                    (chosen,)).fetchall()
                draft_count = len(rows)
                files = [row[0] for row in rows if row[0]]
            conn.execute(f"DELETE FROM message_search WHERE rowid IN (SELECT id FROM messages "
                         f"WHERE conversation_id {in_chosen})", (chosen,))
            conn.execute(f"DELETE FROM title_search WHERE rowid {in_chosen}", (chosen,))
            # Messages and drafts go with their conversation (ON DELETE CASCADE); reminders
            # and briefing deliveries keep their row with the link cleared (SET NULL).
            conn.execute(f"DELETE FROM conversations WHERE id {in_chosen}", (chosen,))
            reminders = 0
            if "reminders_reminders" in tables:
                reminders = conn.execute(
                    "DELETE FROM reminders_reminders WHERE state IN (?, ?) AND updated_at < ?",
                    (*FINISHED_REMINDER_STATES, cutoff)).rowcount
            audited = conn.execute("DELETE FROM audit_log WHERE at < ?", (cutoff,)).rowcount
        removed_files = _remove_draft_files(files, database.path.parent)
        if ids:
            # Merge the full-text indexes so the deleted words leave them too.
            conn.execute("INSERT INTO message_search (message_search) VALUES ('optimize')")
            conn.execute("INSERT INTO title_search (title_search) VALUES ('optimize')")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.execute(f"PRAGMA secure_delete = {int(secure)}")
    return PurgeReport(keep_days, conversations=len(ids), messages=messages,
                       mail_drafts=draft_count, draft_files=removed_files,
                       reminders=reminders, audit_entries=audited)


def _remove_draft_files(paths: list[str], data_dir: Path) -> int:
    """Remove draft files the app wrote into its own data folder (files a person saved
    elsewhere are theirs); how many were removed."""
    removed = 0
    root = data_dir.resolve()
    for text in paths:
        path = Path(text)
        try:
            if not path.resolve().is_relative_to(root):
                continue
            path.unlink()
            removed += 1
        except FileNotFoundError:
            continue
        except OSError as error:
            log.warning("Could not remove the draft file %s: %s", path, error)
    return removed


# Export ---------------------------------------------------------------------------------------


def export_everything(source: Services | Database, folder: Path | str) -> list[Path]:
    """Write everything (history, memory, reminders, drafts, contacts, the audit log and,
    given ``Services``, the settings; never secrets) to ``folder`` as
    ``desktop-assistant-export.json`` and ``.md``; the two paths. OSError when the folder
    cannot be written."""
    from desktop_assistant import __version__
    from desktop_assistant.export import (
        everything_as_data,
        everything_as_json,
        everything_as_markdown,
    )

    if isinstance(source, Database):
        database, settings = source, None
    else:
        from desktop_assistant.settings import settings_as_dict

        database, settings = source.database, settings_as_dict(source.settings)
    target = Path(folder).expanduser()
    if not target.is_dir():
        raise NotADirectoryError(f"{target} is not a folder.")
    data = everything_as_data(
        database, settings=settings, app_version=__version__,
        exported_at=datetime.now(UTC).astimezone().isoformat(timespec="seconds"))
    written = []
    for suffix, text in ((".json", everything_as_json(data)),
                         (".md", everything_as_markdown(data))):
        path = target / f"{EXPORT_NAME}{suffix}"
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
        written.append(path)
    return written


# Deleting everything --------------------------------------------------------------------------


@dataclass
class DeletionReport:
    """What "Delete all my data" removed, and what it could not remove (with why)."""

    removed: list[str] = field(default_factory=list)
    not_removed: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was checked and found absent

    @property
    def complete(self) -> bool:
        return not self.not_removed

    def lines(self) -> list[str]:
        """The report for a person, one line each."""
        removed = translate("DataControl", "Removed {what}")
        not_removed = translate("DataControl", "Could NOT remove {what}: {why}")
        lines = [removed.format(what=what) for what in self.removed]
        lines += [not_removed.format(what=what, why=why) for what, why in self.not_removed]
        lines += self.notes
        return lines


def deletion_plan(paths: Paths, service: str | None = None) -> list[str]:
    """What :func:`delete_all_data` will remove, for the confirmation (reads no secret and
    opens nothing)."""
    from desktop_assistant import autostart
    from desktop_assistant.secrets import KNOWN_SECRETS, SERVICE

    plan = []
    for folder in (paths.data_dir, paths.config_dir):
        for entry in _entries(folder):
            what = KNOWN_ENTRIES.get(entry.name, "")
            if entry.name.startswith(paths.database.name + "-"):
                continue  # the database's -wal and -shm go with it
            plan.append(translate("DataControl", "{path} ({what})").format(
                path=entry, what=_tr(what)) if what else str(entry))
    if _shares_the_persons_entries(os.environ):
        return plan
    if _autostart_present(os.environ):
        plan.append(translate("DataControl", "{path} (starting at login)").format(
            path=autostart.entry_path()))
    plan.append(translate(
        "DataControl", "The API key and sign-ins in the system keyring (service {service!r}: "
        "{names})").format(service=service or SERVICE, names=", ".join(KNOWN_SECRETS)))
    return plan


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except FileNotFoundError:
        return []


def _autostart_present(environ: Mapping[str, str]) -> bool:
    from desktop_assistant import autostart

    if autostart.is_enabled(environ):
        return True
    return sys.platform not in ("win32", "cygwin") and autostart.entry_path(environ).exists()


def delete_all_data(services: Services, environ: Mapping[str, str] = os.environ) -> DeletionReport:
    """Close the database (every thread's connection) and the features, then remove the
    database (with its -wal and -shm), the document index, every other file in the data and
    config folders (settings, logs, the local calendar, draft files, set-aside copies), the
    start-at-login entry and every keyring entry the app uses. Nothing is skipped silently:
    what could not be removed is in the report with the reason. The services must not be
    used afterwards (quit the app)."""
    from desktop_assistant import autostart, logs

    report = DeletionReport()
    paths = services.paths
    services.close(for_good=True)
    logs.stop_logging()  # the log file is closed so it can go too
    database = paths.database
    first = [database, database.with_name(database.name + "-wal"),
             database.with_name(database.name + "-shm")]
    for path in first:
        if path.exists():
            _remove(path, report)
    for folder in (paths.data_dir, paths.config_dir):
        for entry in _entries(folder):
            _remove(entry, report)
        if folder.exists():
            named = translate("DataControl", "the folder {folder}").format(folder=folder)
            try:
                folder.rmdir()
            except OSError as error:
                report.not_removed.append((named, _reason(error)))
            else:
                report.removed.append(named)
    if _shares_the_persons_entries(environ):
        report.notes.append(translate(
            "DataControl", "The keyring entries and the start-at-login entry belong to your own "
            "workspace, not the demo's: they were left as they are."))
        return report
    try:
        if _autostart_present(environ):
            autostart.disable(environ)
            report.removed.append(translate("DataControl", "{path} (starting at login)").format(
                path=autostart.entry_path(environ)))
    except OSError as error:
        report.not_removed.append((translate("DataControl", "the start-at-login entry"),
                                   _reason(error)))
    _delete_secrets(services, report, environ)
    return report


def _shares_the_persons_entries(environ: Mapping[str, str]) -> bool:
    """The demo workspace (``--demo``) uses the person's own keyring entries and start-at-login
    entry: deleting the demo's data must not take those."""
    from desktop_assistant.demo import is_demo

    return is_demo(environ)


def _remove(path: Path, report: DeletionReport) -> None:
    failures: list[tuple[str, str]] = []

    def failed(_function: object, where: str, error: BaseException) -> None:
        failures.append((where, _reason(error)))

    try:
        if path.is_dir() and not path.is_symlink():
            if sys.version_info >= (3, 12):
                shutil.rmtree(path, onexc=failed)
            else:
                shutil.rmtree(path, onerror=lambda f, p, info: failed(f, p, info[1]))
        else:
            path.unlink()
    except FileNotFoundError:
        return
    except OSError as error:
        failures.append((str(path), _reason(error)))
    if failures:
        report.not_removed.extend(failures)
    else:
        report.removed.append(str(path))


def _secret_label(name: str, service: str) -> str:
    return translate("DataControl", "the keyring entry {name!r} (service {service!r})").format(
        name=name, service=service)


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def _delete_secrets(services: Services, report: DeletionReport,
                    environ: Mapping[str, str]) -> None:
    from desktop_assistant.secrets import API_KEY_ENV_VAR, KNOWN_SECRETS, SecretStoreError

    store = services.secrets
    status = store.status()
    if not status.available and status.backend == "none":
        for name in KNOWN_SECRETS:
            # Forgets what this session kept in memory; with no keyring, nothing is in one.
            with contextlib.suppress(SecretStoreError):
                store.delete(name)
        report.notes.append(translate(
            "DataControl", "No system keyring is installed, so no keyring entry could have been "
            "stored."))
    else:
        absent = []
        for index, name in enumerate(KNOWN_SECRETS):
            try:
                present = store.get(name) is not None
                store.delete(name)
            except SecretStoreError as error:
                report.not_removed.append((_secret_label(name, store.service), error.message))
                if error.problem in ("locked", "missing", "timeout"):
                    # The keyring as a whole is out of reach: the rest would fail the same way
                    # (each after the keyring's time limit).
                    report.not_removed.extend((_secret_label(rest, store.service), error.message)
                                              for rest in KNOWN_SECRETS[index + 1:])
                    break
                continue
            if present:
                report.removed.append(_secret_label(name, store.service))
            else:
                absent.append(name)
        if absent:
            report.notes.append(translate(
                "DataControl", "No keyring entry was stored for: {names}.").format(
                    names=", ".join(absent)))
    if environ.get(API_KEY_ENV_VAR, "").strip():
        report.notes.append(translate(
            "DataControl", "The {variable} environment variable is set outside the app (in your "
            "shell or system settings), so it was left as it is: remove it there.").format(
                variable=API_KEY_ENV_VAR))
