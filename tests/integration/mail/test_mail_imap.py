"""Drafts into a real IMAP server: Dovecot on loopback, started by the tests.

The draft must land in the Drafts folder (found by its special-use flag, else by its name, or
as configured), flagged as a draft, and read back byte for byte as the .eml the service builds.
Wrong passwords, missing folders and servers that are down or silent give a sentence to act on
and leave the local draft as it was.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_assistant.mail.draft import Draft
from desktop_assistant.mail.errors import AuthFailed, FolderMissing, MailError, Offline, TimedOut
from desktop_assistant.mail.imap import (
    PASSWORD_SECRET,
    ImapAccount,
    decode_mailbox,
    encode_mailbox,
    quote_mailbox,
    save_draft,
)
from desktop_assistant.mail.message import build_message, eml_bytes
from desktop_assistant.mail.service import MailService
from desktop_assistant.secrets import SecretStore
from tests.support.dovecot_server import (
    DRAFTS_FLAGGED,
    DRAFTS_UNFLAGGED,
    NO_DRAFTS,
    DovecotServer,
    dovecot_missing,
)
from tests.support.radicale_server import free_port
from tests.unit.mail.mail_support import as_seen_by_rust, as_seen_by_stdlib, make_service

pytestmark = pytest.mark.skipif(dovecot_missing() is not None, reason=str(dovecot_missing()))

PASSWORD = "s3cret-密码"
DRAFT = Draft(to=("王芳 <wang.fang@corp.example>",), cc=("finance@corp.example",),
              subject="回复：第三季度预算", body="王经理您好，\n\n我们决定不接受此报价。")


def imap_server(folders: str) -> Iterator[DovecotServer]:
    with DovecotServer({"alice": PASSWORD}, folders) as running:
        yield running


@pytest.fixture
def dovecot() -> Iterator[DovecotServer]:
    yield from imap_server(DRAFTS_FLAGGED)


def account(server: DovecotServer, **changes: object) -> ImapAccount:
    return replace(ImapAccount(host="127.0.0.1", port=server.port, username="alice",
                               security="none", timeout=10.0), **changes)  # type: ignore[arg-type]


def mailbox_of(server: DovecotServer, tmp_path: Path, **changes: object) -> MailService:
    secrets = SecretStore()  # no keyring in these tests: kept in memory for the session
    secrets.set(PASSWORD_SECRET, PASSWORD)
    return make_service(tmp_path, account=account(server, **changes), secrets=secrets)


def stored_messages(server: DovecotServer, folder: str) -> list[tuple[bytes, bytes]]:
    """(flags, bytes) of every message in ``folder``, read back over IMAP."""
    client = server.client("alice", PASSWORD)
    try:
        status, _ = client.select(quote_mailbox(encode_mailbox(folder)), readonly=True)
        assert status == "OK"
        status, data = client.uid("FETCH", "1:*", "(FLAGS BODY.PEEK[])")
        assert status == "OK"
        return [(part[0], part[1]) for part in data if isinstance(part, tuple)]
    finally:
        client.logout()


def test_the_draft_lands_in_the_drafts_folder_and_reads_back_identical(
    dovecot: DovecotServer, tmp_path: Path,
) -> None:
    mail = mailbox_of(dovecot, tmp_path)
    made = mail.create_draft(DRAFT)
    assert "to the Drafts folder of alice on 127.0.0.1" in mail.describe_imap(made.id)
    said = mail.save_to_imap(made.id)
    assert said == ("Saved draft #1 to the “Drafts” folder of alice on 127.0.0.1. Open your "
                    "mail program to check it and send it; nothing was sent.")
    [(flags, data)] = stored_messages(dovecot, "Drafts")
    assert b"\\Draft" in flags
    assert b"\\Seen" in flags
    sent = eml_bytes(mail.message(made.id))
    assert data == sent
    assert as_seen_by_stdlib(data) == as_seen_by_stdlib(sent)
    assert as_seen_by_rust(data)["subject"] == "回复：第三季度预算"
    saved = mail.get(made.id)
    assert saved.imap_folder == "Drafts"
    assert saved.imap_uid.endswith(":1")
    assert stored_messages(dovecot, "INBOX") == []


def test_saving_an_edited_draft_again_replaces_its_copy(
    dovecot: DovecotServer, tmp_path: Path,
) -> None:
    mail = mailbox_of(dovecot, tmp_path)
    made = mail.create_draft(DRAFT)
    mail.save_to_imap(made.id)
    mail.update_draft(made.id, subject="回复：第三季度预算（修订）")
    assert "(replacing the copy saved before)" in mail.describe_imap(made.id)
    mail.save_to_imap(made.id)
    [(_, data)] = stored_messages(dovecot, "Drafts")
    assert as_seen_by_stdlib(data)["subject"] == "回复：第三季度预算（修订）"
    assert mail.get(made.id).imap_uid.endswith(":2")


def test_without_the_flag_the_folder_called_drafts_is_used(tmp_path: Path) -> None:
    for server in imap_server(DRAFTS_UNFLAGGED):
        client = server.client("alice", PASSWORD)
        listed = client.list()[1]
        client.logout()
        assert not any(b"\\Drafts" in line for line in listed if isinstance(line, bytes))
        mail = mailbox_of(server, tmp_path)
        made = mail.create_draft(DRAFT)
        assert "“Drafts” folder" in mail.save_to_imap(made.id)
        assert len(stored_messages(server, "Drafts")) == 1


def test_a_chosen_folder_with_a_chinese_name(dovecot: DovecotServer, tmp_path: Path) -> None:
    assert encode_mailbox("草稿 & 存档") == "&g0l6Pw- &- &W1hoYw-"
    assert decode_mailbox("&g0l6Pw- &- &W1hoYw-") == "草稿 & 存档"
    client = dovecot.client("alice", PASSWORD)
    assert client.create(quote_mailbox(encode_mailbox("草稿 & 存档")))[0] == "OK"
    client.logout()
    mail = mailbox_of(dovecot, tmp_path, drafts_folder="草稿 & 存档")
    made = mail.create_draft(DRAFT)
    assert "to the folder '草稿 & 存档' of alice" in mail.describe_imap(made.id)
    assert "“草稿 & 存档” folder" in mail.save_to_imap(made.id)
    assert len(stored_messages(dovecot, "草稿 & 存档")) == 1
    assert stored_messages(dovecot, "Drafts") == []


def test_a_missing_folder_is_named_and_the_local_draft_kept(tmp_path: Path) -> None:
    for server in imap_server(NO_DRAFTS):
        mail = mailbox_of(server, tmp_path)
        made = mail.create_draft(DRAFT)
        with pytest.raises(FolderMissing, match="The mailbox has no Drafts folder: none is "
                                                "marked as Drafts and none is called Drafts"):
            mail.save_to_imap(made.id)
        chosen = mailbox_of(server, tmp_path / "chosen", drafts_folder="Entwürfe")
        made = chosen.create_draft(DRAFT)
        with pytest.raises(FolderMissing, match=r"no folder 'Entwürfe'.*Draft #1 is still here"):
            chosen.save_to_imap(made.id)
        assert chosen.get(made.id).imap_folder == ""
        assert stored_messages(server, "INBOX") == []


def test_a_wrong_password_says_how_to_store_the_right_one(
    dovecot: DovecotServer, tmp_path: Path,
) -> None:
    mail = mailbox_of(dovecot, tmp_path)
    mail._need_secrets().set(PASSWORD_SECRET, "wrong")
    made = mail.create_draft(DRAFT)
    with pytest.raises(AuthFailed, match=r"refused the user name or password for alice on "
                                         r"127\.0\.0\.1 .*secret set imap_password"):
        mail.save_to_imap(made.id)
    assert mail.get(made.id) == made


def test_a_server_that_is_down_or_silent() -> None:
    data = eml_bytes(build_message(DRAFT))
    down = ImapAccount(host="127.0.0.1", port=free_port(), username="alice", security="none")
    with pytest.raises(Offline, match=r"cannot be reached \(Connection refused\)"):
        save_draft(down, PASSWORD, data)
    with socket.socket() as silent:  # accepts connections and never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        quiet = replace(down, port=silent.getsockname()[1], timeout=0.2)
        with pytest.raises(TimedOut, match=r"did not answer within 0\.2 seconds"):
            save_draft(quiet, PASSWORD, data)


def test_the_password_from_the_real_keyring(
    dovecot: DovecotServer, tmp_path: Path, keyring_service: str,
) -> None:
    secrets = SecretStore(keyring_service)
    assert secrets.set(PASSWORD_SECRET, PASSWORD).persistent
    mail = make_service(tmp_path, account=account(dovecot), secrets=SecretStore(keyring_service))
    made = mail.create_draft(DRAFT)
    mail.save_to_imap(made.id)
    assert len(stored_messages(dovecot, "Drafts")) == 1


def test_checking_the_settings_logs_in_and_finds_drafts_without_saving(
    dovecot: DovecotServer, tmp_path: Path,
) -> None:
    mail = make_service(tmp_path, secrets=SecretStore())
    values = {"mail_imap_host": "127.0.0.1", "mail_imap_port": dovecot.port,
              "mail_imap_username": "alice", "mail_imap_security": "none",
              "mail_imap_drafts_folder": ""}
    assert mail.check_imap(values, PASSWORD) == (
        "Signed in to alice on 127.0.0.1; drafts will go to the “Drafts” folder.")
    with pytest.raises(AuthFailed):
        mail.check_imap(values, "wrong")
    with pytest.raises(FolderMissing, match="no folder 'Brouillons'"):
        mail.check_imap({**values, "mail_imap_drafts_folder": "Brouillons"}, PASSWORD)
    assert stored_messages(dovecot, "Drafts") == []


@pytest.fixture
def dovecot_tls() -> Iterator[DovecotServer]:
    with DovecotServer({"alice": PASSWORD}, tls=True) as running:
        yield running


def test_ssl_and_starttls_with_a_trusted_certificate(
    dovecot_tls: DovecotServer, monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = eml_bytes(build_message(DRAFT))
    monkeypatch.setenv("SSL_CERT_FILE", str(dovecot_tls.cert))  # trust the test's own CA
    implicit = account(dovecot_tls, security="ssl", port=dovecot_tls.tls_port)
    assert save_draft(implicit, PASSWORD, data).folder == "Drafts"
    upgraded = account(dovecot_tls, security="starttls")
    assert save_draft(upgraded, PASSWORD, data).folder == "Drafts"
    assert [body for _, body in stored_messages(dovecot_tls, "Drafts")] == [data, data]


def test_an_untrusted_certificate_is_refused_before_the_password_is_sent(
    dovecot_tls: DovecotServer,
) -> None:
    data = eml_bytes(build_message(DRAFT))
    for security, port in (("ssl", dovecot_tls.tls_port), ("starttls", dovecot_tls.port)):
        with pytest.raises(MailError, match=r"The certificate of 127\.0\.0\.1 is not trusted"):
            save_draft(account(dovecot_tls, security=security, port=port), PASSWORD, data)
    assert not any("Login: user=<alice>" in line for line in dovecot_tls.log)
