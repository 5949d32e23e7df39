"""``/remind`` and the reminder tools over a real service: what they say, what Undo does."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from desktop_assistant.assistant.commands import SlashCommands
from desktop_assistant.assistant.scope import conversation_scope
from desktop_assistant.assistant.tools import Effect, ToolError, ToolRegistry
from desktop_assistant.db import Database
from desktop_assistant.history import HistoryStore
from desktop_assistant.reminders.commands import register_reminder_commands
from desktop_assistant.reminders.model import ACTIVE, CANCELLED
from desktop_assistant.reminders.service import ReminderService
from desktop_assistant.reminders.store import ReminderNotFound
from desktop_assistant.reminders.tools import reminder_tools
from tests.unit.reminders.rem_support import SHANGHAI


@pytest.fixture
def commands(service: ReminderService) -> SlashCommands:
    made = SlashCommands()
    register_reminder_commands(made, service)
    return made


@pytest.fixture
def tools(service: ReminderService) -> ToolRegistry:
    return ToolRegistry(reminder_tools(service))


def test_remind_sets_lists_snoozes_and_cancels(commands: SlashCommands,
                                               service: ReminderService) -> None:
    assert commands.run("/remind at 5pm to submit the report") == (
        "Reminder set: #1 today 17:00 — submit the report")
    assert commands.run("/remind 每周五下午四点提醒我写周报") == (
        "Reminder set: #2 Fri 06 Mar 16:00 — 写周报 (every Friday)")
    assert commands.run("/remind list") == (
        "- #1 today 17:00 — submit the report\n"
        "- #2 Fri 06 Mar 16:00 — 写周报 (every Friday)")
    assert commands.run("/remind snooze 2 tomorrow").startswith("Snoozed: #2 Thu 05 Mar 09:00")
    assert commands.run("/remind cancel 1") == "Cancelled reminder #1: submit the report"
    assert commands.run("/remind list") == (
        "- #2 Thu 05 Mar 09:00 — 写周报 (every Friday; snoozed until Thu 05 Mar 09:00)")
    assert "#1 no more times — submit the report (cancelled)" in commands.run("/remind list all")
    assert commands.run("/remind done 2").startswith("Done: #2 Fri 06 Mar 16:00")
    # A reminder that happens to start with a command word is still a reminder.
    assert commands.run("/remind cancel the booking at 5pm") == (
        "Reminder set: #3 today 17:00 — cancel the booking")


def test_remind_keeps_the_conversation_it_was_set_in(
    commands: SlashCommands, service: ReminderService, database: Database
) -> None:
    chat = HistoryStore(database).create_conversation("Friday plans")
    with conversation_scope(chat.id):
        commands.run("/remind at 5pm to submit the report")
    assert service.get(1).conversation_id == chat.id
    notes = service.poll(datetime(2026, 3, 4, 17, 0, tzinfo=SHANGHAI))
    assert [n.conversation_id for n in notes] == [chat.id]


def test_remind_explains_what_it_could_not_do(commands: SlashCommands) -> None:
    assert commands.run("/remind").startswith("Say when and what")
    assert commands.run("/remind to buy milk").startswith(
        "I could not find when to remind you in 'to buy milk'")
    assert commands.run("/remind cancel 9").startswith("There is no reminder #9.")
    assert commands.run("/remind list") == (
        "No reminders. Set one with `/remind at 5pm to submit the report`.")


def test_set_reminder_is_local_answers_with_the_next_time_and_undoes(
    tools: ToolRegistry, service: ReminderService
) -> None:
    tool = tools.get("set_reminder")
    assert tool.effect is Effect.LOCAL
    result = tool.run(tool.parse(json.dumps(
        {"text": "write the weekly report", "when": "下午四点", "repeat": "every Friday"})))
    said = json.loads(result.content)
    assert said == {
        "reminder_id": 1, "text": "write the weekly report",
        "next": "2026-03-06T16:00:00+08:00", "repeats": "every Friday", "urgent": False,
        "state": ACTIVE, "timezone": "Asia/Shanghai",
        "summary": "#1 Fri 06 Mar 16:00 — write the weekly report (every Friday)"}
    assert result.undo is not None
    assert result.undo() == "Removed reminder #1: write the weekly report"
    with pytest.raises(ReminderNotFound):
        service.get(1)


def test_list_and_cancel_reminder_with_undo(tools: ToolRegistry,
                                            service: ReminderService) -> None:
    service.add_phrase("remind me in 20 minutes to stretch")
    listing = tools.get("list_reminders")
    listed = json.loads(listing.run(listing.parse("{}")).content)
    assert [(r["reminder_id"], r["text"], r["next"]) for r in listed["reminders"]] == [
        (1, "stretch", "2026-03-04T14:50:00+08:00")]
    cancel = tools.get("cancel_reminder")
    assert cancel.effect is Effect.LOCAL
    result = cancel.run(cancel.parse('{"reminder_id": 1}'))
    assert service.get(1).state == CANCELLED
    assert result.undo is not None
    assert result.undo() == "Restored reminder #1: stretch"
    assert service.get(1).state == ACTIVE


def test_tool_mistakes_go_back_to_the_model(tools: ToolRegistry) -> None:
    tool = tools.get("set_reminder")
    with pytest.raises(ToolError, match="I could not understand how often 'every blue moon'"):
        tool.run(tool.parse(json.dumps({"text": "x", "when": "5pm", "repeat": "every blue moon"})))
    cancel = tools.get("cancel_reminder")
    with pytest.raises(ToolError, match="There is no reminder #4"):
        cancel.run(cancel.parse('{"reminder_id": 4}'))
