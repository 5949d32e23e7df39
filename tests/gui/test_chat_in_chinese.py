"""The chat in Chinese: answers, confirmation cards, drafts, proposed times and a failed turn
with Retry show no English of the interface's own, and a screen reader and the keyboard can
use them (names on bubbles and controls, Tab reaches every card button, Enter presses it).

What stays as it came is data: what the test typed and scripted (tool names, arguments, the
model's words), tool results (the text the model reads) and the calendar's times in them. The
error's own wording comes from ``assistant/model_errors.py``, which translates it there.
"""

from __future__ import annotations

import ast
import dataclasses
import json
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from desktop_assistant.ui.cards import ConfirmationCard, MessageBubble, ToolCallCard
from desktop_assistant.ui.draft_card import DraftCard
from desktop_assistant.ui.slot_choices import SlotChoices
from tests.gui.driving import TIMEOUT_MS, send, start
from tests.support.i18n import english_words, untranslated_texts
from tests.support.openai_server import Call, Fault, Text, ToolCalls

# A model name without English words, so the "written by" tooltip is judged on its own words.
MODEL = "gpt-4o-mini"


def untranslated(root: QWidget, *, data: tuple[str, ...] = ()) -> list[str]:
    """``untranslated_texts(root)``, letting through a text only when every English word in
    it comes from ``data`` (tool names, arguments and results the test scripted)."""
    known = {word.lower() for item in data for word in english_words(item)}
    left = []
    for found in untranslated_texts(root):
        text = ast.literal_eval(found.split(": ", 1)[1])
        if {word.lower() for word in english_words(text)} - known:
            left.append(found)
    return left


def cards_of(window: Any, kind: type) -> list[Any]:
    return [card for card in window.chat.cards() if isinstance(card, kind)]


def tool_calls(window: Any) -> tuple[str, ...]:
    """The tool calls' arguments and results on the cards: what the model and the tools
    wrote, shown as they are."""
    return tuple(text for card in cards_of(window, ToolCallCard)
                 for text in (card.call.text(), card.result.text(), card.result.toolTip()))


def finish(qtbot: Any, window: Any, click: QPushButton) -> None:
    with qtbot.waitSignal(window.chat.busy_changed, timeout=TIMEOUT_MS,
                          check_params_cb=lambda busy: not busy):
        qtbot.mouseClick(click, Qt.MouseButton.LeftButton)


@pytest.fixture(autouse=True)
def model_name(services: Any, server: Any) -> str:
    """The scripted server serves ``MODEL``, and the app asks for it."""
    server.models.append(MODEL)
    services.settings = dataclasses.replace(services.settings, model=MODEL)
    return MODEL


@pytest.fixture
def invitations(services: Any) -> list[str]:
    """An ``external`` tool that asks in Chinese (as the real ones do once translated)."""
    from desktop_assistant.assistant.tools import Effect, tool

    sent: list[str] = []

    @tool(Effect.EXTERNAL, describe=lambda to: f"向 {to} 发送会议邀请")
    def send_invitation(to: str) -> str:
        """Send a meeting invitation by email."""
        sent.append(to)
        return f"已向 {to} 发送邀请。"

    services.tools.register(send_invitation)
    return sent


def test_answers_and_confirmation_cards_are_in_chinese(
    chinese_interface: str, qtbot: Any, window: Any, server: Any, invitations: list[str]
) -> None:
    chat = window.chat
    assert untranslated(chat) == []  # the empty conversation
    assert "有什么可以帮你？" in chat._empty.text()
    server.enqueue(
        Text(["你好！有什么需要？"]),
        ToolCalls([Call("send_invitation", json.dumps({"to": "王芳"}, ensure_ascii=False))]),
        Text(["已发送。"]),
        ToolCalls([Call("send_invitation", json.dumps({"to": "李雷"}, ensure_ascii=False))]),
        Text(["好的，没有发送。"]),
    )
    send(qtbot, window, "ni hao")
    question, answer = chat.bubbles()
    assert (question.accessibleName(), question.accessibleDescription()) == ("你", "ni hao")
    assert (answer.accessibleName(), answer.accessibleDescription()) == (
        "助手（AI）", "你好！有什么需要？")
    assert answer.ai_label is not None
    assert answer.ai_label.toolTip() == f"由语言模型（{MODEL}）撰写"

    start(qtbot, window, "invite Wang Fang")
    assert chat.send_button.text() == "停止"
    qtbot.waitUntil(lambda: cards_of(window, ConfirmationCard) != [], timeout=TIMEOUT_MS)
    [card] = cards_of(window, ConfirmationCard)
    assert card.title.text() == "助手执行操作前需要你确认"
    assert card.accessibleName() == "确认操作：send_invitation"
    assert card.accessibleDescription() == "向 王芳 发送会议邀请"
    scripted = ("send_invitation", "ni hao", "invite Wang Fang")
    assert untranslated(chat, data=scripted) == []  # asking, with Allow and Don't allow
    finish(qtbot, window, card.allow_button)
    assert invitations == ["王芳"]
    assert card.decision.text() == "已允许，正在执行…"

    start(qtbot, window, "invite Li Lei")
    qtbot.waitUntil(lambda: len(cards_of(window, ConfirmationCard)) == 2, timeout=TIMEOUT_MS)
    refused = cards_of(window, ConfirmationCard)[1]
    finish(qtbot, window, refused.refuse_button)
    assert invitations == ["王芳"]
    assert refused.decision.text() == "未允许，未执行任何操作。"
    assert chat.send_button.text() == "发送"
    assert [card.kind.text() for card in cards_of(window, ToolCallCard)] == ["操作", "操作"]
    assert untranslated(window.chat, data=(*scripted, "invite Li Lei", *tool_calls(window))) \
        == []


def test_a_failed_turn_offers_retry_and_settings_in_chinese(
    chinese_interface: str, qtbot: Any, window: Any, server: Any, services: Any
) -> None:
    server.enqueue(Fault(401, "Incorrect API key provided"), Text(["今天有两个会议。"]))
    send(qtbot, window, "jin tian you shen me hui")
    chat = window.chat
    error = chat.bubbles()[-1]
    assert error.role == "error"
    assert error.accessibleName() == "错误"
    retry = error.findChild(QPushButton, "retryButton")
    settings = error.findChild(QPushButton, "errorSettingsButton")
    assert (retry.text(), settings.text()) == ("重试", "打开设置")
    assert retry.toolTip() == "让模型重新回答你的上一条消息"
    # The error's wording is model_errors.py's (translated there) around the server's words.
    assert untranslated(chat, data=(error.text(), "jin tian you shen me hui")) == []

    with qtbot.waitSignal(chat.busy_changed, timeout=TIMEOUT_MS,
                          check_params_cb=lambda busy: not busy):
        qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
    assert chat.bubbles()[-1].text() == "今天有两个会议。"


def test_stored_unfinished_answers_say_why_in_chinese(
    chinese_interface: str, qtbot: Any, window: Any, services: Any
) -> None:
    history = services.history
    conversation = history.create_conversation("Earlier").id
    history.add_message(conversation, "user", "问题")
    stopped = history.add_message(conversation, "assistant", "", status="streaming",
                                  model=MODEL)
    history.finish_message(stopped.id, "一半", status="cancelled")
    cut = history.add_message(conversation, "assistant", "", status="streaming", model=MODEL)
    history.finish_message(cut.id, "被截断", status="interrupted")
    window.chat.load_conversation(conversation)
    bubbles = window.chat.bubbles()
    assert [b.status_text() for b in bubbles] == ["", "已停止", "已中断：应用停止时回答被截断"]
    retry = bubbles[-1].findChild(QPushButton, "retryButton")
    assert retry is not None
    assert retry.text() == "重试"
    assert untranslated(window.chat) == []


def test_a_drafted_email_card_is_in_chinese(
    chinese_interface: str, qtbot: Any, window: Any, server: Any, services: Any
) -> None:
    services.settings = dataclasses.replace(services.settings, mail_from="me@corp.example")
    arguments = {"to": ["wang.fang@corp.example"], "subject": "报价", "body": "王芳您好，谢谢。"}
    server.enqueue(
        ToolCalls([Call("draft_email", json.dumps(arguments, ensure_ascii=False))]),
        Text(["草稿已写好，请在卡片上检查。"]),
    )
    send(qtbot, window, "xie yi feng you jian")
    [card] = cards_of(window, DraftCard)
    assert card.buttons["copy"].text() == "复制"
    assert card.buttons["eml"].text() == "保存为 .eml…"
    assert card.fields["to"].accessibleName() == "收件人"
    assert card.files_label.text() == "无"
    assert card.accessibleName() == f"邮件草稿 {card.draft_id}"
    data = ("draft_email", "xie yi feng you jian", *tool_calls(window))
    assert untranslated(window.chat, data=data) == []

    card.fields["cc"].setText("carol@")  # a problem on the card, and the buttons it blocks
    card.fields["cc"].textEdited.emit("carol@")
    qtbot.waitUntil(lambda: card.saved_label.text() == "已保存", timeout=TIMEOUT_MS)
    assert card.problems_label.text().startswith("抄送：")
    assert card.buttons["eml"].toolTip() == "请先解决上面的问题。"
    # The problem's own sentence comes from mail/draft.py, outside the interface's strings.
    problem = card.problems_label.text().removeprefix("抄送：")
    assert untranslated(window.chat, data=(*data, problem)) == []


def test_proposed_times_are_in_chinese(
    chinese_interface: str, qtbot: Any, window: Any, server: Any, services: Any
) -> None:
    from desktop_assistant.calendar.when import parse_range

    services.settings = dataclasses.replace(services.settings, timezone="Asia/Shanghai",
                                            calendar_email="me@corp.example")
    calendar = services.calendar
    begin, end = parse_range("next week", calendar.now())
    found = calendar.find_slots(["finance@corp.example"], timedelta(minutes=30), begin, end)
    server.enqueue(
        ToolCalls([Call("find_free_slots", json.dumps(
            {"attendees": ["finance@corp.example"], "duration_minutes": 30,
             "start": "next week"}))]),
        Text(["这几个时间都可以。"]),
        Text(["好的。"]),
    )
    send(qtbot, window, "zhao ge shi jian")
    [choices] = cards_of(window, SlotChoices)
    assert choices.accessibleName() == "选择一个时间进行预订"
    first = found.search.slots[0].start.astimezone(calendar.zone())
    weekday = "一二三四五六日"[first.weekday()]
    assert choices.buttons[0].text().startswith(
        f"{first.month}月{first.day}日 周{weekday} {first:%H:%M}–")
    assert choices.buttons[0].accessibleName().startswith("选项 1：")
    # Each button's tooltip quotes the calendar's own words for the time (the tool's data).
    data = ("find_free_slots", "zhao ge shi jian", *tool_calls(window),
            *(button.toolTip() for button in choices.buttons))
    assert untranslated(window.chat, data=data) == []

    finish(qtbot, window, choices.buttons[0])
    asked = server.requests[-1].body["messages"][-1]["content"]
    assert asked.startswith("预订第 1 个时间：")


def test_screen_reader_names_and_keyboard_reach_the_card_buttons(
    chinese_interface: str, qtbot: Any, window: Any, server: Any, invitations: list[str]
) -> None:
    chat = window.chat
    assert chat.input.accessibleName() == "消息"
    assert chat.input.placeholderText().startswith("给助手发消息")
    assert chat.send_button.accessibleName() == "发送"
    server.enqueue(
        ToolCalls([Call("send_invitation", json.dumps({"to": "王芳"}, ensure_ascii=False))]),
        Text(["已发送。"]),
    )
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT_MS)
    start(qtbot, window, "invite Wang Fang")
    assert chat.send_button.accessibleName() == "停止"
    qtbot.waitUntil(lambda: cards_of(window, ConfirmationCard) != [], timeout=TIMEOUT_MS)
    [card] = cards_of(window, ConfirmationCard)
    assert [b.accessibleName() for b in (card.allow_button, card.refuse_button)] == [
        "允许", "不允许"]
    assert all(isinstance(b, MessageBubble) and b.accessibleName() for b in chat.bubbles())

    qtbot.waitUntil(card.allow_button.isVisible, timeout=TIMEOUT_MS)  # shown once laid out
    chat.input.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is chat.input, timeout=TIMEOUT_MS)
    reached: list[QWidget] = []
    for _ in range(200):  # Tab through the window until the card's buttons come round
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
        if card.refuse_button in reached and card.allow_button in reached:
            break
    assert card.allow_button in reached
    assert card.refuse_button in reached
    while QApplication.focusWidget() is not card.allow_button:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)

    with qtbot.waitSignal(chat.busy_changed, timeout=TIMEOUT_MS,
                          check_params_cb=lambda busy: not busy):
        qtbot.keyClick(card.allow_button, Qt.Key.Key_Return)
    assert invitations == ["王芳"]
    assert card.accessibleDescription() == "已允许，正在执行…"
