"""Reminders through the app's wiring: the scripted model calls set_reminder over the real
openai client, the reminder keeps its conversation, Undo removes it; /remind without a model."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta

import pytest

from desktop_assistant.app import Services
from desktop_assistant.assistant.agent import ToolResultEvent, TurnDone
from desktop_assistant.reminders.store import ReminderNotFound
from tests.support.openai_server import Call, ScriptedServer, Text, ToolCalls


def test_the_model_sets_a_reminder_that_comes_back_to_its_conversation(
    services: Services, server: ScriptedServer
) -> None:
    services.settings = dataclasses.replace(services.settings, timezone="Asia/Shanghai",
                                            language="en", briefing_time="")
    server.enqueue(
        ToolCalls([Call("set_reminder", json.dumps(
            {"text": "给王芳打电话", "when": "in 20 minutes"}))]),
        Text(["好的，20分钟后提醒你。"]),
    )
    events = list(services.agent().start(None, "20分钟后提醒我给王芳打电话"))
    result = next(e for e in events if isinstance(e, ToolResultEvent))
    assert (result.tool, result.ok, result.approval) == ("set_reminder", True, "automatic")
    said = json.loads(result.content)
    assert (said["reminder_id"], said["text"], said["timezone"]) == (1, "给王芳打电话",
                                                                     "Asia/Shanghai")
    done = events[-1]
    assert isinstance(done, TurnDone)
    reminders = services.reminders
    made = reminders.get(1)
    assert made.conversation_id == done.conversation_id
    assert made.when.tzinfo is not None  # "in 20 minutes" is an instant
    tools = {t["function"]["name"] for t in server.requests[0].body["tools"]}
    assert {"set_reminder", "list_reminders", "cancel_reminder"} <= tools

    due = reminders.poll(made.when + timedelta(seconds=1))
    assert [(n.title, n.conversation_id) for n in due] == [
        ("Reminder: 给王芳打电话", done.conversation_id)]

    assert result.undo is not None
    assert result.undo() == "Removed reminder #1: 给王芳打电话"
    with pytest.raises(ReminderNotFound):
        reminders.get(1)
    audit = [(e.tool, e.outcome) for e in services.history.audit_entries()]
    assert ("set_reminder", "ok") in audit
    assert ("set_reminder", "undone") in audit


def test_slash_remind_works_without_a_model_and_keeps_its_conversation(
    services: Services,
) -> None:
    services.settings = dataclasses.replace(services.settings, timezone="Asia/Shanghai")
    reply = services.run_command(None, "/remind 明天上午十点提醒我给王芳打电话")
    assert reply.answer.content.startswith("Reminder set: #1 ")
    assert reply.answer.content.endswith(" 10:00 — 给王芳打电话")
    assert services.reminders.get(1).conversation_id == reply.conversation_id
    listed = services.run_command(reply.conversation_id, "/remind list")
    assert listed.answer.content.startswith("- #1 ")
    cancelled = services.run_command(reply.conversation_id, "/remind cancel 1")
    assert cancelled.answer.content == "Cancelled reminder #1: 给王芳打电话"
