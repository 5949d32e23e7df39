"""The core's sentences for the person in the Chinese interface, and in English on the command
line: model errors from a real (scripted) server through the real ``openai`` client, privacy
refusals, the redaction line, storage errors from a real SQLite file, a locked real keyring,
confirmation summaries, and the system prompt's answer language.

``chinese_interface`` installs the app's zh_CN catalogs (the GUI's hook for
``i18n.translate``); without it ``translate`` is the identity, as on the command line.
What the server, SQLite or the OS said is data and stays as it came; the test strips it
before looking for English words.
"""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from desktop_assistant.app import Services
from desktop_assistant.assistant.agent import Agent, TurnDone
from desktop_assistant.assistant.model_errors import (
    EMPTY_STREAM,
    NOT_A_STREAM,
    STOPPED,
    TIME_LIMIT,
    TRUNCATED,
    BadResponse,
    Cancelled,
    ContextTooLong,
    LLMError,
    step_limit,
    too_long_alone,
)
from desktop_assistant.assistant.privacy import model_access_problem
from desktop_assistant.assistant.prompts import system_prompt
from desktop_assistant.assistant.redacted_client import redaction_notice
from desktop_assistant.db import Database, connect, storage_error
from desktop_assistant.secrets import API_KEY, SecretStore, SecretStoreError
from tests.support.i18n import english_words
from tests.support.keyring_session import private_secret_service, unique_service_name
from tests.support.model_faults import TOO_LONG, case_list, run_case
from tests.support.openai_server import Fault, ScriptedServer, Text

CHINESE = re.compile(r"[\u4e00-\u9fff]")

# Faults whose sentence model_errors.map_error (or privacy) writes, by FaultCase name.
MAPPED = (
    "connection refused", "DNS failure", "401 bad API key", "403 forbidden",
    "404 unknown model", "429 Retry-After 2 minutes", "429 without Retry-After",
    "500 server error", "502 proxy page", "503 unavailable", "first byte after the timeout",
    "stream cut mid-answer", "answer cut off at max tokens",
)


def shown_words(text: str, *data: str) -> list[str]:
    """English words in ``text`` once the data in it (a server's words, a path) is removed."""
    for value in data:
        text = text.replace(value, " ")
    return english_words(text)


def server_words(case_name: str) -> list[str]:
    case = next(c for c in case_list() if c.name == case_name)
    said = [r.message for r in case.replies if isinstance(r, Fault)]
    return [*said, "502 Bad Gateway", TOO_LONG, "model-server.invalid",
            "The model `gpt-17` does not exist or you do not have access to it.",
            "peer closed connection without sending complete message body (incomplete chunked "
            "read)",
            "VPN"]  # a word Chinese keeps (to be added to tests/support/i18n.KEPT)


@pytest.mark.parametrize("name", MAPPED)
def test_a_model_fault_is_told_in_chinese(
    chinese_interface: str, services: Services, server: ScriptedServer, name: str
) -> None:
    case = next(c for c in case_list() if c.name == name)
    outcome = run_case(services, server, case)

    assert outcome.crashed is None, outcome.crashed
    assert outcome.kind == case.kind
    assert CHINESE.search(outcome.message), outcome.message
    assert shown_words(outcome.message, *server_words(name)) == [], outcome.message


def test_the_chinese_sentences_keep_what_the_server_said(
    chinese_interface: str, services: Services, server: ScriptedServer
) -> None:
    server.enqueue(Fault(401, "Incorrect API key provided"))
    services.settings = dataclasses.replace(services.settings, max_retries=0)

    events = list(services.agent().start(None, "你好"))

    error = next(e for e in events if type(e).__name__ == "TurnError")
    assert error.message == ("模型服务器拒绝了 API 密钥（401：Incorrect API key provided）。"
                             "请在“设置 → 模型”中输入有效的密钥。")


def test_errors_raised_by_the_client_and_the_loop_are_in_chinese(chinese_interface: str) -> None:
    where = "http://127.0.0.1:9/v1"
    too_long = ContextTooLong("x", status=400, detail="context_length_exceeded")
    errors = [
        Cancelled(STOPPED),
        LLMError(TRUNCATED),
        LLMError(TIME_LIMIT, seconds="300"),
        BadResponse(NOT_A_STREAM, where=where, code=502, page="Bad Gateway"),
        BadResponse(EMPTY_STREAM, where=where, code=200, content_type="application/json"),
        too_long_alone(True, 12_345, too_long),
    ]
    for error in errors:
        assert CHINESE.search(error.message), error.message
        assert shown_words(error.message, "Bad Gateway", "context_length_exceeded",
                           "application/json") == [], error.message
        assert not CHINESE.search(str(error)), str(error)  # logs stay English
    assert Cancelled(STOPPED).message == "已停止。"
    assert step_limit(3) == (
        "Stopped after 3 tool steps without a final answer. Ask again more specifically, or "
        "continue the conversation.",
        "执行 3 步工具调用后仍没有最终回答，已停止。请更具体地重新提问，或继续对话。")


def test_a_privacy_refusal_names_the_host_in_chinese(chinese_interface: str) -> None:
    refused = model_access_problem("local_only", "compatible", "https://api.example.net/v1")
    off = model_access_problem("off", "compatible", "http://127.0.0.1:8000/v1")

    assert refused is not None
    assert off is not None
    assert refused.message.startswith("“设置 → 隐私”只允许使用本机或公司网络中的模型，而 "
                                      "api.example.net 两者都不是，因此没有发送任何内容。")
    assert english_words(refused.message) == []
    assert english_words(off.message) == []
    assert str(refused).startswith("Settings → Privacy allows only models")


def test_the_redaction_line_is_in_chinese(chinese_interface: str) -> None:
    assert redaction_notice({"email": 2, "phone": 1, "iban": 0}) == (
        "隐私保护：发送给模型前，已将2 个电子邮件地址和1 个电话号码替换为占位符；"
        "你看到的是真实内容。")
    assert english_words(redaction_notice({"email": 1, "cn_id": 1, "api_key": 3})) == []


def test_storage_errors_and_the_damage_notice_are_in_chinese(
    chinese_interface: str, tmp_path: Path
) -> None:
    path = tmp_path / "held.db"
    holder = connect(path)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, timeout=0)
    with pytest.raises(sqlite3.OperationalError) as raised:
        other.execute("INSERT INTO t VALUES (1)")
    holder.rollback()
    other.close()
    holder.close()
    busy = storage_error(raised.value, path)

    assert busy is not None
    assert busy.message == (f"另一个程序正在使用助手的数据库（{path}）。请关闭该程序，或稍等片刻后"
                            "重试。")
    assert str(busy).startswith("Another program is using the assistant's database")

    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"this is not a database file at all" * 200)
    database = Database(damaged)
    database.close_all()
    assert database.notice is not None
    assert database.set_aside is not None
    assert database.notice.startswith("无法读取助手的数据库：它已损坏（")
    detail = database.notice.split("（", 1)[1].split("）", 1)[0]
    assert shown_words(database.notice, detail) == [], database.notice


def test_a_locked_keyring_is_told_in_chinese(
    chinese_interface: str, tmp_path: Path, isolated_home: Path
) -> None:
    import secretstorage

    root = tmp_path / "keyring"
    root.mkdir()
    with private_secret_service(root):
        store = SecretStore(unique_service_name())
        with closing(secretstorage.dbus_init()) as connection:
            secretstorage.get_default_collection(connection).lock()
        with pytest.raises(SecretStoreError) as raised:
            store.set(API_KEY, "sk-never-stored")

    error = raised.value
    assert error.problem == "locked"
    assert error.kept_for_session
    assert error.message == (
        "无法保存API 密钥。你的系统密钥环已锁定：请解锁（重新登录，或打开“密码和密钥”）后重试。"
        "API 密钥只在本次运行期间保留，没有写入任何地方。")
    assert english_words(error.message) == []
    assert str(error).startswith("The API key could not be saved. Your keyring is locked")


def test_confirmation_summaries_are_in_chinese(
    chinese_interface: str, services: Services
) -> None:
    remember, set_reminder, cancel = (
        services.tools.get(name) for name in ("remember", "set_reminder", "cancel_reminder"))

    assert remember.preview(remember.parse('{"fact": "我喜欢靠窗的座位"}')) == (
        "记住：我喜欢靠窗的座位")
    assert set_reminder.preview(set_reminder.parse(
        '{"text": "交周报", "when": "明天上午十点", "repeat": "每周五"}')) == (
        "提醒你：交周报（明天上午十点，每周五）")
    assert cancel.preview(cancel.parse('{"reminder_id": 7}')) == "取消提醒 #7"


def test_the_command_line_keeps_english(services: Services, tmp_path: Path) -> None:
    refused = model_access_problem("local_only", "compatible", "https://api.example.net/v1")

    assert Cancelled(STOPPED).message == "Stopped."
    assert refused is not None
    assert refused.message == str(refused)
    assert "api.example.net is neither" in refused.message
    assert redaction_notice({"email": 2, "phone": 1}) == (
        "Privacy: replaced 2 email addresses and 1 phone number with placeholders before "
        "sending to the model; you see the real values.")
    remember = services.tools.get("remember")
    assert remember.preview(remember.parse('{"fact": "window seat"}')) == "Remember: window seat"
    busy = storage_error(sqlite3.OperationalError("database is locked"), tmp_path / "a.db")
    assert busy is None or busy.message == str(busy)


# --- the answer language ---------------------------------------------------------------------


def test_the_system_prompt_names_the_interface_language_for_unclear_messages() -> None:
    chinese = system_prompt("Monday 9:00", [], interface_language="zh_CN")
    english = system_prompt("Monday 9:00", [], interface_language="en")

    assert "Answer in the language the person writes in" in chinese
    assert "answer in Simplified Chinese, the language of the person's interface" in chinese
    assert "answer in English, the language of the person's interface" in english
    assert "the person's interface" not in system_prompt("Monday 9:00", [])


def test_a_chinese_conversation_sends_the_language_rule_to_the_model(
    services: Services, server: ScriptedServer
) -> None:
    server.enqueue(Text(["张三是市场部的经理。"]))
    agent = Agent(
        client=services.client, registry=services.tools, history=services.history,
        system_prompt=lambda: system_prompt("周一 9:00", [], interface_language="zh_CN"),
    )

    events = list(agent.start(None, "张三"))

    assert isinstance(events[-1], TurnDone)
    assert events[-1].reason == "complete"
    sent = server.requests[-1].body["messages"]
    assert sent[0]["role"] == "system"
    assert "answer in Simplified Chinese, the language of the person's interface" in (
        sent[0]["content"])
    assert sent[-1] == {"role": "user", "content": "张三"}
