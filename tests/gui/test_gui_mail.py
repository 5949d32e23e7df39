"""Email drafts in the window: the card the assistant's draft (or /draft) opens, edited in place,
kept as it is typed, checked, and handed over (clipboard, mail program, .eml file, a mailbox).
Real widgets, the real mail service and the scripted model server."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from desktop_assistant.calendar.contacts import Contact
from desktop_assistant.ui.draft_card import DraftCard, split_recipients
from tests.gui.driving import TIMEOUT_MS, LinkOpener, send
from tests.support.dovecot_server import DovecotServer, dovecot_missing
from tests.support.openai_server import Call, Text, ToolCalls

ME = "me@corp.example"


def profile(services: Any) -> None:
    services.settings = dataclasses.replace(
        services.settings, profile_name="Li Lei 李雷", profile_title="Finance analyst",
        profile_signature="Li Lei\nFinance", mail_from=ME)


def drafts(window: Any) -> list[DraftCard]:
    return [card for card in window.chat.cards() if isinstance(card, DraftCard)]


def retype(qtbot: Any, card: DraftCard, name: str, text: str) -> None:
    """Replace a field's text as a person would, and wait until the card has kept it."""
    line = card.fields[name]
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    line.insert(text)  # QTest types ASCII only
    line.textEdited.emit(line.text())
    wait_kept(qtbot, card)


def wait_kept(qtbot: Any, card: DraftCard) -> None:
    qtbot.waitUntil(lambda: card.saved_label.text() == "Saved", timeout=TIMEOUT_MS)


def test_assistant_draft_opens_as_a_card_that_keeps_edits_and_saves_an_eml(
    qtbot: Any, window: Any, services: Any, server: Any, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    profile(services)
    services.calendar.contacts.save(Contact(email="wang.fang@corp.example", name="王芳"))
    server.enqueue(
        ToolCalls([Call("draft_email", json.dumps({
            "to": ["王芳"], "subject": "Re: 报价",
            "body": "王芳您好，\n\n感谢报价，我们决定暂不采购。",
        }, ensure_ascii=False))]),
        Text(["I drafted the reply; check it on the card."]),
    )
    send(qtbot, window, "Draft a polite reply to Wang Fang declining the quote")

    [card] = drafts(window)
    assert card.fields["to"].text() == "王芳 <wang.fang@corp.example>"
    assert card.fields["subject"].text() == "Re: 报价"
    assert "感谢报价" in card.body.toPlainText()
    assert card.findChild(type(card.saved_label), "aiBadge") is not None

    retype(qtbot, card, "subject", "Re: 报价 (Q3)")
    card.body.appendPlainText("P.S. 我们下季度再联系。")
    wait_kept(qtbot, card)
    stored = services.mail.get(card.draft_id)
    assert stored.draft.subject == "Re: 报价 (Q3)"
    assert stored.draft.body.endswith("P.S. 我们下季度再联系。")

    target = tmp_path / "reply.eml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    with qtbot.waitSignal(card.said, timeout=TIMEOUT_MS) as said:
        qtbot.mouseClick(card.buttons["eml"], Qt.MouseButton.LeftButton)
    assert said.args[0].startswith("Saved ")
    message = email.message_from_bytes(target.read_bytes(), policy=email.policy.default)
    assert message["Subject"] == "Re: 报价 (Q3)"
    assert message["To"] == "王芳 <wang.fang@corp.example>"
    assert message["From"].addresses[0].addr_spec == ME
    body = message.get_body(("plain",))
    assert body is not None
    assert "P.S. 我们下季度再联系。" in body.get_content()

    # The conversation shown again shows the draft as it was left.
    conversation = window.chat.conversation_id
    window.new_conversation()
    assert drafts(window) == []
    window.chat.load_conversation(conversation)
    [again] = drafts(window)
    assert again.fields["subject"].text() == "Re: 报价 (Q3)"


def test_draft_command_opens_an_empty_card_and_flags_bad_addresses(
    qtbot: Any, bare_window: Any, bare_services: Any
) -> None:
    profile(bare_services)
    send(qtbot, bare_window, "/draft to=bob@corp.example subject=Lunch")
    [card] = drafts(bare_window)
    assert card.fields["to"].text() == "bob@corp.example"
    assert card.findChild(type(card.saved_label), "aiBadge") is None  # the person's own
    assert card.buttons["gmail"].isEnabled()

    retype(qtbot, card, "cc", "carol@, dave@corp.example")
    assert card.problems_label.isVisible()
    assert "carol@" in card.problems_label.text()
    assert card.fields["cc"].property("invalid") is True
    assert not card.buttons["eml"].isEnabled()
    assert not card.buttons["open"].isEnabled()
    assert card.buttons["copy"].isEnabled()

    retype(qtbot, card, "cc", "carol@corp.example, dave@corp.example")
    assert not card.problems_label.isVisible()
    assert card.buttons["eml"].isEnabled()
    assert bare_services.mail.get(card.draft_id).draft.cc == (
        "carol@corp.example", "dave@corp.example")


@pytest.fixture
def clipboard() -> Any:
    """The clipboard, emptied afterwards: Qt's offscreen platform crashes at exit when rich
    text is left on it (plain text is fine; xcb is fine)."""
    yield QGuiApplication.clipboard()
    QGuiApplication.clipboard().clear()


def test_copy_and_open_in_mail_program(qtbot: Any, bare_window: Any, bare_services: Any,
                                       tmp_path: Path, clipboard: Any) -> None:
    profile(bare_services)
    send(qtbot, bare_window, "/draft to=bob@corp.example subject=Agenda")
    [card] = drafts(bare_window)
    retype(qtbot, card, "subject", "Agenda 议程")
    card.body.setPlainText("Three points 三点.")
    with qtbot.waitSignal(card.said, timeout=TIMEOUT_MS):
        qtbot.mouseClick(card.buttons["copy"], Qt.MouseButton.LeftButton)
    copied = clipboard.mimeData()
    assert "Three points 三点." in copied.text()
    assert "Three points 三点." in copied.html()

    with LinkOpener.taking("mailto") as opener, qtbot.waitSignal(card.said, timeout=TIMEOUT_MS):
        qtbot.mouseClick(card.buttons["open"], Qt.MouseButton.LeftButton)
    [url] = opener.urls
    link = unquote(url.toString())
    assert link.startswith("mailto:bob@corp.example?")
    assert "subject=Agenda 议程" in link

    attachment = tmp_path / "plan.txt"
    attachment.write_text("plan", encoding="utf-8")
    card.add_attachments([str(attachment)])
    wait_kept(qtbot, card)
    assert card.files_label.text() == "plan.txt"
    with LinkOpener.taking("file") as opener, qtbot.waitSignal(card.said, timeout=TIMEOUT_MS):
        qtbot.mouseClick(card.buttons["open"], Qt.MouseButton.LeftButton)
    [url] = opener.urls
    written = Path(url.toLocalFile())
    assert written.suffix == ".eml"
    parsed = email.message_from_bytes(written.read_bytes(), policy=email.policy.default)
    assert [part.get_filename() for part in parsed.iter_attachments()] == ["plan.txt"]


def test_mailbox_save_says_what_it_will_do_and_what_went_wrong(
    qtbot: Any, bare_window: Any, bare_services: Any
) -> None:
    profile(bare_services)
    send(qtbot, bare_window, "/draft to=bob@corp.example subject=Budget")
    [card] = drafts(bare_window)

    with qtbot.waitSignal(card.said, timeout=TIMEOUT_MS) as said:
        qtbot.mouseClick(card.buttons["imap"], Qt.MouseButton.LeftButton)
    assert "IMAP" in said.args[0] or "mailbox" in said.args[0].lower()  # not set up yet
    assert card.confirm_row.isHidden()
    assert card.status.property("state") == "error"

    bare_services.settings = dataclasses.replace(
        bare_services.settings, mail_imap_host="127.0.0.1", mail_imap_port=9,
        mail_imap_username="me", mail_imap_security="none")
    qtbot.mouseClick(card.buttons["imap"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(card.confirm_row.isVisible, timeout=TIMEOUT_MS)
    assert "draft #" in card.confirm_label.text()
    assert "Nothing is sent" in card.confirm_label.text()
    qtbot.mouseClick(card.cancel_button, Qt.MouseButton.LeftButton)
    assert card.confirm_row.isHidden()
    assert bare_services.history.audit_entries() == []  # nothing was attempted


def test_split_recipients_keeps_quoted_commas() -> None:
    assert split_recipients('a@x.example, "Wang, Fang" <f@x.example>；王芳、') == [
        "a@x.example", '"Wang, Fang" <f@x.example>', "王芳"]


# Settings → Profile and Email, and a real mailbox --------------------------------------------


@pytest.fixture(scope="module")
def dovecot(tmp_path_factory: pytest.TempPathFactory) -> Any:
    if dovecot_missing():
        pytest.skip(dovecot_missing() or "")
    with DovecotServer(users={"alice": "s3cret"}) as server:
        yield server


@pytest.fixture
def keyed(services: Any, keyring_service: str) -> Any:
    """The test's services, with a private Secret Service as the keyring."""
    from desktop_assistant.app import Services
    from desktop_assistant.secrets import SecretStore

    built = Services(services.paths, services.settings, secrets=SecretStore(keyring_service))
    yield built
    built.close()


def test_profile_tab_saves_what_drafts_and_answers_use(qtbot: Any, services: Any) -> None:
    from desktop_assistant.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    form = dialog.profile
    form.name.setText("李雷  Li Lei")
    form.title.setText("Finance analyst")
    form.email.setText("not an address")
    form.signature.setPlainText("李雷\n财务部")
    form.tone.setCurrentIndex(form.tone.findData("friendly"))
    form.language.setCurrentIndex(form.language.findData("zh"))
    assert not form.save()
    assert "is not an email address" in form.status.text()

    form.email.setText(ME)
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT_MS):
        assert form.save()
    settings = services.settings
    assert (settings.profile_name, settings.profile_tone, settings.language, settings.mail_from) \
        == ("李雷 Li Lei", "friendly", "zh", ME)
    prompt = services.system_prompt()
    assert "李雷 Li Lei" in prompt
    assert "Finance analyst" in prompt


def test_card_saves_to_a_real_mailbox_after_saying_where(
    qtbot: Any, keyed: Any, dovecot: Any
) -> None:
    from desktop_assistant.ui.main_window import MainWindow
    from desktop_assistant.ui.settings_dialog import SettingsDialog

    profile(keyed)
    dialog = SettingsDialog(keyed)
    qtbot.addWidget(dialog)
    form = dialog.mail_settings
    form.host.setText("127.0.0.1")
    form.security.setCurrentIndex(form.security.findData("none"))
    form.port.setValue(dovecot.port)
    form.username.setText("alice")
    form.password.setText("wrong")
    qtbot.mouseClick(form.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(form.test_button.isEnabled, timeout=TIMEOUT_MS)
    assert "refused the user name or password" in form.status.text()

    form.password.setText("s3cret")
    qtbot.mouseClick(form.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(form.test_button.isEnabled, timeout=TIMEOUT_MS)
    assert form.status.property("state") == "ok"
    assert "Drafts" in form.status.text()
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT_MS):
        assert form.save()
    assert keyed.secrets.get("imap_password") == "s3cret"
    assert "s3cret" not in keyed.paths.settings_file.read_text(encoding="utf-8")

    window = MainWindow(keyed)
    qtbot.addWidget(window)
    window.show()
    send(qtbot, window, "/draft to=bob@corp.example subject=Budget")
    [card] = drafts(window)
    card.body.setPlainText("The numbers are in.")
    qtbot.mouseClick(card.buttons["imap"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(card.confirm_row.isVisible, timeout=TIMEOUT_MS)
    assert "alice on 127.0.0.1" in card.confirm_label.text()
    with qtbot.waitSignal(card.said, timeout=TIMEOUT_MS) as said:
        qtbot.mouseClick(card.confirm_button, Qt.MouseButton.LeftButton)
    assert said.args[0].startswith(f"Saved draft #{card.draft_id} to the “Drafts” folder")

    client = dovecot.client("alice", "s3cret")
    client.select("Drafts")
    _, found = client.search(None, "SUBJECT", "Budget")
    [number] = found[0].split()
    _, data = client.fetch(number, "(RFC822)")
    client.logout()
    landed = email.message_from_bytes(data[0][1], policy=email.policy.default)
    assert landed["To"] == "bob@corp.example"
    assert "The numbers are in." in landed.get_body(("plain",)).get_content()
    [entry] = keyed.history.audit_entries()
    assert (entry.tool, entry.approval, entry.outcome) == (
        "save_draft_to_mailbox", "confirmed on the draft card", "ok")
    window.shutdown()
