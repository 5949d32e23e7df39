"""Data control: history kept only as long as the person says, everything exported readably
(Chinese as it is), and "Delete all my data" removing every file and keyring entry it names."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop_assistant import autostart, cli, logs
from desktop_assistant.app import Services
from desktop_assistant.data_control import (
    EXPORT_NAME,
    delete_all_data,
    deletion_plan,
    export_everything,
    purge_old_history,
)
from desktop_assistant.mail.draft import Draft
from desktop_assistant.secrets import API_KEY, KNOWN_SECRETS, SecretStore
from desktop_assistant.settings import Paths
from tests.support.keyring_session import unique_service_name, use_keyring_backend

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the autostart entry goes (never the developer's own ~/.config)."""
    folder = tmp_path / "xdg-config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder


@pytest.fixture
def app(home: Path, config_home: Path) -> Iterator[Services]:
    built = Services(Paths.resolve())
    yield built
    built.close()
    logs.stop_logging()


@pytest.fixture
def keyed(home: Path, keyring_service: str) -> Iterator[Services]:
    """Services whose keyring is the private Secret Service."""
    built = Services(Paths.resolve(), secrets=SecretStore(keyring_service))
    yield built
    built.close()


def _age(services: Services, conversation_id: int, days: int) -> None:
    """Make a conversation (its messages and drafts) look last active ``days`` ago."""
    then = (NOW - timedelta(days=days)).isoformat(timespec="microseconds")
    conn = services.database.conn
    conn.execute("UPDATE conversations SET created_at = ?, updated_at = ? WHERE id = ?",
                 (then, then, conversation_id))
    conn.execute("UPDATE messages SET created_at = ?, updated_at = ? WHERE conversation_id = ?",
                 (then, then, conversation_id))
    conn.execute("UPDATE mail_drafts SET updated_at = ? WHERE conversation_id = ?",
                 (then, conversation_id))


def _audit(services: Services, tool: str, days: int, arguments: dict[str, object]) -> int:
    entry = services.history.audit(conversation_id=None, call_id="c1", tool=tool, effect="local",
                                   arguments=arguments, approval="automatic", outcome="ok",
                                   result="done")
    then = (NOW - timedelta(days=days)).isoformat(timespec="microseconds")
    services.database.conn.execute("UPDATE audit_log SET at = ? WHERE id = ?", (then, entry))
    return entry


# Retention ------------------------------------------------------------------------------------


def test_retention_deletes_what_is_older_and_keeps_pending_reminders(app: Services) -> None:
    history = app.history
    old = history.create_conversation("季度预算审核")
    history.add_message(old.id, "user", "请帮我整理季度预算审核的要点")
    history.add_message(old.id, "assistant", "好的，预算审核要点如下。", model="m")
    draft = app.mail.create_draft(Draft(to=("li@corp.example",), subject="预算",
                                        body="附件是预算表。", conversation_id=old.id))
    eml = app.mail.write_eml(draft.id)
    pending = app.reminders.add("提交预算表", NOW + timedelta(days=3), conversation_id=old.id,
                                now=NOW)
    finished = app.reminders.add("old call", NOW + timedelta(hours=1), now=NOW)
    app.reminders.done(finished.id, now=NOW + timedelta(hours=2))
    app.database.conn.execute("UPDATE reminders_reminders SET updated_at = ? WHERE id = ?",
                              ((NOW - timedelta(days=45)).isoformat(), finished.id))
    _age(app, old.id, 40)
    # Old, but its draft was edited last week: still active.
    edited = history.create_conversation("Offsite plan")
    history.add_message(edited.id, "user", "Plan the offsite")
    app.mail.create_draft(Draft(subject="Offsite", body="Agenda", conversation_id=edited.id))
    _age(app, edited.id, 40)
    app.database.conn.execute("UPDATE mail_drafts SET updated_at = ? WHERE conversation_id = ?",
                              ((NOW - timedelta(days=6)).isoformat(), edited.id))
    recent = history.create_conversation("Weekly report")
    history.add_message(recent.id, "user", "预算 for this week")
    _age(app, recent.id, 2)
    old_audit = _audit(app, "remember", 31, {"text": "我喜欢早上开会"})
    new_audit = _audit(app, "remember", 1, {"text": "recent"})

    report = purge_old_history(app.database, 30, now=NOW)

    assert (report.conversations, report.messages, report.mail_drafts, report.draft_files,
            report.reminders, report.audit_entries) == (1, 2, 1, 1, 1, 1)
    assert report.summary() == ("Deleted 1 conversation (2 messages, 1 draft), 1 finished "
                                "reminder, 1 audit log entry older than 30 days.")
    assert [c.id for c in history.conversations()] == [recent.id, edited.id]
    assert [h.conversation_id for h in history.search("预算")] == [recent.id]
    assert history.search("审核") == []
    conn = app.database.conn
    assert conn.execute("SELECT count(*) FROM message_search").fetchone()[0] == 2
    assert conn.execute("SELECT count(*) FROM title_search").fetchone()[0] == 2
    assert [d.draft.conversation_id for d in app.mail.recent()] == [edited.id]
    assert not eml.exists()
    kept = app.reminders.get(pending.id)
    assert (kept.state, kept.conversation_id) == ("active", None)
    assert [r.id for r in app.reminders.reminders(include_finished=True)] == [pending.id]
    assert [e.id for e in history.audit_entries()] == [new_audit]
    assert old_audit not in [e.id for e in history.audit_search()]
    # Run again: nothing more to do.
    assert not purge_old_history(app.database, 30, now=NOW).removed_anything


def test_forever_keeps_everything(app: Services) -> None:
    conversation = app.history.create_conversation("Ancient")
    app.history.add_message(conversation.id, "user", "hello")
    _age(app, conversation.id, 5000)
    report = purge_old_history(app.database, 0, now=NOW)
    assert report.summary() == "Conversations are kept forever; nothing was deleted."
    assert app.apply_retention().keep_days == 0
    assert [c.id for c in app.history.conversations()] == [conversation.id]


def test_apply_retention_uses_the_setting(app: Services) -> None:
    conversation = app.history.create_conversation("Long ago")
    app.history.add_message(conversation.id, "user", "hello")
    then = (datetime.now(UTC) - timedelta(days=8)).isoformat()
    app.database.conn.execute("UPDATE conversations SET updated_at = ?", (then,))
    app.database.conn.execute("UPDATE messages SET updated_at = ?", (then,))
    app.update_settings(history_keep_days=30)
    assert app.apply_retention().conversations == 0
    app.update_settings(history_keep_days=7)
    assert app.apply_retention().conversations == 1
    assert app.history.conversations() == []


# Export ---------------------------------------------------------------------------------------


def test_export_writes_everything_as_json_and_markdown(
    keyed: Services, keyring_service: str, tmp_path: Path
) -> None:
    app = keyed
    conversation = app.history.create_conversation("会议安排")
    app.history.add_message(conversation.id, "user", "明天下午三点和王经理开会")
    app.history.add_message(conversation.id, "assistant", "已为您安排，会议室在三楼。",
                            model="test-model")
    app.memory.add("我喜欢早上开会")
    app.reminders.add("准备会议材料", datetime.now(UTC) + timedelta(days=1))
    app.mail.create_draft(Draft(to=("wang@corp.example",), subject="会议确认",
                                body="王经理您好，明天下午三点见。",
                                conversation_id=conversation.id))
    _audit(app, "remember", 0, {"text": "我喜欢早上开会"})
    app.update_settings(profile_name="李雷", history_keep_days=90)
    app.save_api_key("sk-export-secret-0123456789")
    assert SecretStore(keyring_service).get(API_KEY) == "sk-export-secret-0123456789"
    folder = tmp_path / "export"
    folder.mkdir()

    written = export_everything(app, folder)

    assert written == [folder / f"{EXPORT_NAME}.json", folder / f"{EXPORT_NAME}.md"]
    raw = written[0].read_text(encoding="utf-8")
    assert "明天下午三点和王经理开会" in raw  # written as is, not as \u escapes
    data = json.loads(raw)
    assert data["app_version"]
    assert datetime.fromisoformat(data["exported_at"]).tzinfo is not None
    assert [m["content"] for m in data["conversations"][0]["messages"]] == [
        "明天下午三点和王经理开会", "已为您安排，会议室在三楼。"]
    assert [m["text"] for m in data["memories"]] == ["我喜欢早上开会"]
    assert [r["text"] for r in data["reminders"]] == ["准备会议材料"]
    assert data["mail_drafts"][0]["to_addresses"] == ["wang@corp.example"]
    assert data["mail_drafts"][0]["subject"] == "会议确认"
    assert data["audit_log"][0]["arguments"] == {"text": "我喜欢早上开会"}
    assert data["settings"]["profile_name"] == "李雷"
    assert data["settings"]["history_keep_days"] == 90
    assert "sk-export-secret" not in raw
    markdown = written[1].read_text(encoding="utf-8")
    for expected in ("# Desktop Assistant export", "## Conversations (1)", "### 会议安排",
                     "#### You\n\n明天下午三点和王经理开会",
                     "#### Assistant (AI-written, test-model)", "## Memory (1)",
                     "- 我喜欢早上开会", "准备会议材料", "### 会议确认", "To: wang@corp.example",
                     "王经理您好", '`remember` (local, approval: automatic, ok): '
                     '{"text": "我喜欢早上开会"}', "- profile_name = '李雷'"):
        assert expected in markdown
    assert "sk-export-secret" not in markdown


def test_export_to_a_missing_folder_says_so(app: Services, tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError, match="is not a folder"):
        export_everything(app, tmp_path / "nowhere")
    assert not (tmp_path / "nowhere").exists()


# Deleting everything --------------------------------------------------------------------------


def test_known_secrets_are_every_entry_the_modules_use() -> None:
    from desktop_assistant.calendar import caldav_calendar, google_auth
    from desktop_assistant.mail import gmail, imap

    used = {API_KEY, google_auth.TOKEN_SECRET, gmail.GMAIL.token_secret,
            imap.PASSWORD_SECRET, caldav_calendar.PASSWORD_SECRET}
    assert set(KNOWN_SECRETS) == used


def _fill(services: Services, documents: Path) -> None:
    """Data in every place the app keeps it."""
    services.update_settings(profile_name="李雷", start_at_login=True)
    autostart.enable(["desktop-assistant", "--background"])
    conversation = services.history.create_conversation("工资审核")
    services.history.add_message(conversation.id, "user", "工资审核的结果")
    draft = services.mail.create_draft(Draft(subject="Salary", body="Confidential",
                                             conversation_id=conversation.id))
    services.mail.write_eml(draft.id)
    documents.mkdir()
    (documents / "policy.md").write_text("# 差旅政策\n\n出差需要提前审批。\n", encoding="utf-8")
    services.documents.add_folder(documents)
    for _ in services.documents.index():
        pass
    assert services.documents.search("审批")
    logs.configure_logging(services.paths, debug=False)
    logging.getLogger("desktop_assistant.test").warning("a line in the log")


def test_delete_all_removes_files_index_and_keyring_entries(
    home: Path, config_home: Path, keyring_service: str, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-the-shell-0123456789")
    paths = Paths.resolve()
    services = Services(paths, secrets=SecretStore(keyring_service))
    stored = [name for name in KNOWN_SECRETS if name != "caldav_password"]
    for name in stored:
        assert services.secrets.set(name, f"secret-{name}").persistent
    _fill(services, tmp_path / "documents")
    plan = deletion_plan(paths, keyring_service)
    assert any(line.startswith(str(paths.database)) for line in plan)
    assert any("documents-index" in line for line in plan)
    assert any(str(paths.settings_file) in line for line in plan)
    assert any("starting at login" in line for line in plan)

    report = delete_all_data(services)

    assert report.complete, report.not_removed
    assert not paths.data_dir.exists()
    assert not paths.config_dir.exists()
    assert not autostart.entry_path().exists()
    assert (tmp_path / "documents" / "policy.md").exists()  # the person's own files stay
    fresh = SecretStore(keyring_service)
    assert [name for name in KNOWN_SECRETS if fresh.get(name) is not None] == []
    removed = set(report.removed)
    for expected in (str(paths.database), str(paths.data_dir / "documents-index"),
                     str(paths.data_dir / "logs"), str(paths.data_dir / "mail"),
                     str(paths.settings_file), f"the folder {paths.data_dir}",
                     f"{autostart.entry_path()} (starting at login)"):
        assert expected in removed
    for name in stored:
        assert f"the keyring entry {name!r} (service {keyring_service!r})" in removed
    assert "No keyring entry was stored for: caldav_password." in report.notes
    assert any("OPENAI_API_KEY" in note for note in report.notes)
    lines = report.lines()
    assert f"Removed {paths.database}" in lines
    assert not any("secret-" in line for line in lines)


def test_what_cannot_be_removed_is_reported_with_why(
    home: Path, config_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("secretstorage", reason="keyring's Secret Service backend needs it")
    from keyring.backends import SecretService

    services = Services(Paths.resolve(), secrets=SecretStore(unique_service_name()))
    services.history.create_conversation("Something")
    # A keyring is configured, but its D-Bus socket is dead: nothing can be confirmed removed.
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-such-socket'}")
    with use_keyring_backend(SecretService.Keyring()):
        report = delete_all_data(services)
    assert not report.complete
    assert [what for what, _ in report.not_removed] == [
        f"the keyring entry {name!r} (service {services.secrets.service!r})"
        for name in KNOWN_SECRETS]
    assert all("D-Bus" in why for _, why in report.not_removed)
    assert not any(line.startswith("Removed the keyring") for line in report.lines())
    assert not services.paths.database.exists()  # the files went all the same
    assert any(line.startswith("Could NOT remove the keyring entry 'api_key'")
               for line in report.lines())


# The command line -----------------------------------------------------------------------------


def test_data_commands(home: Path, config_home: Path, tmp_path: Path,
                       capsys: pytest.CaptureFixture[str]) -> None:
    services = Services(Paths.resolve())
    conversation = services.history.create_conversation("旧的对话")
    services.history.add_message(conversation.id, "user", "很久以前")
    old = (datetime.now(UTC) - timedelta(days=100)).isoformat()
    services.database.conn.execute("UPDATE conversations SET updated_at = ?", (old,))
    services.database.conn.execute("UPDATE messages SET updated_at = ?", (old,))
    services.update_settings(history_keep_days=90)
    services.close()
    folder = tmp_path / "out"
    folder.mkdir()

    assert cli.main(["data", "export", str(folder)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"Wrote {folder / EXPORT_NAME}.json", f"Wrote {folder / EXPORT_NAME}.md"]
    assert "很久以前" in (folder / f"{EXPORT_NAME}.md").read_text(encoding="utf-8")
    assert cli.main(["data", "export", str(tmp_path / "missing")]) == 1
    assert "nothing was exported" in capsys.readouterr().err

    assert cli.main(["data", "purge"]) == 0
    assert capsys.readouterr().out == (
        "Deleted 1 conversation (1 message, 0 drafts) older than 90 days.\n")

    paths = Paths.resolve()
    assert cli.main(["data", "delete-all"]) == 1  # no terminal to type "delete" on
    said = capsys.readouterr()
    assert "nothing was deleted" in said.err
    assert str(paths.database) in said.out
    assert paths.database.exists()
    assert (paths.data_dir / "logs" / "desktop-assistant.log").exists()

    assert cli.main(["data", "delete-all", "--yes"]) == 0
    out = capsys.readouterr().out
    assert f"Removed {paths.database}" in out
    assert f"Removed {paths.settings_file}" in out
    assert f"Removed {paths.data_dir / 'logs'}" in out
    assert "No system keyring is installed, so no keyring entry could have been stored." in out
    assert out.endswith("All of your data was deleted.\n")
    assert not paths.data_dir.exists()
    assert not paths.config_dir.exists()


def test_deleting_the_demo_keeps_the_persons_keyring_and_login_entries(
    home: Path, config_home: Path, keyring_service: str, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The demo workspace shares the person's keyring entries (its model key is theirs) and
    start-at-login entry: "Delete all my data" inside the demo removes the demo's files only."""
    monkeypatch.setenv("DESKTOP_ASSISTANT_DEMO", "1")
    paths = Paths.resolve()
    services = Services(paths, secrets=SecretStore(keyring_service))
    assert services.secrets.set("api_key", "secret-of-the-person").persistent
    _fill(services, tmp_path / "documents")
    plan = deletion_plan(paths, keyring_service)
    assert not any("keyring" in line or "starting at login" in line for line in plan)

    report = delete_all_data(services)

    assert report.complete, report.not_removed
    assert not paths.data_dir.exists()
    assert SecretStore(keyring_service).get("api_key") == "secret-of-the-person"
    assert autostart.entry_path().exists()
    assert any("left as they are" in note for note in report.notes)
