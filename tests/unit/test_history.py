"""History: conversations, messages, checkpoints, crash recovery, search in two languages."""

from pathlib import Path

import pytest

from desktop_assistant.db import Database
from desktop_assistant.history import DEFAULT_TITLE, HistoryStore, NotFound


@pytest.fixture
def history(tmp_path: Path) -> HistoryStore:
    database = Database(tmp_path / "h.db")
    yield HistoryStore(database)
    database.close_all()


def test_conversation_lifecycle(history: HistoryStore) -> None:
    first = history.create_conversation()
    assert first.title == DEFAULT_TITLE
    second = history.create_conversation("Budget")
    history.add_message(first.id, "user", "hello")
    assert [c.id for c in history.conversations()] == [first.id, second.id]
    renamed = history.rename_conversation(second.id, "  Q3   budget ")
    assert renamed.title == "Q3 budget"
    with pytest.raises(ValueError, match="title"):
        history.rename_conversation(second.id, "   ")
    history.delete_conversation(first.id)
    with pytest.raises(NotFound):
        history.conversation(first.id)
    assert history.search("hello") == []


def test_messages_keep_order_and_tool_calls(history: HistoryStore) -> None:
    conversation = history.create_conversation()
    history.add_message(conversation.id, "user", "what time is it")
    call = {"id": "c1", "type": "function", "function": {"name": "t", "arguments": "{}"}}
    history.add_message(conversation.id, "assistant", "", tool_calls=[call], model="m")
    history.add_message(conversation.id, "tool", "12:00", tool_call_id="c1", tool_name="t")
    messages = history.messages(conversation.id)
    assert [m.role for m in messages] == ["user", "assistant", "tool"]
    assert messages[1].tool_calls == [call]
    assert messages[1].ai_written
    assert messages[2].tool_call_id == "c1"


def test_checkpointed_answer_survives_as_interrupted(tmp_path: Path) -> None:
    database = Database(tmp_path / "k.db")
    history = HistoryStore(database)
    conversation = history.create_conversation()
    row = history.add_message(conversation.id, "assistant", "", status="streaming", model="m")
    history.checkpoint(row.id, "The first half of the answer about 预算")
    database.close_all()

    reopened = Database(tmp_path / "k.db")
    recovered = HistoryStore(reopened)
    message = recovered.message(row.id)
    assert message.status == "interrupted"
    assert message.content == "The first half of the answer about 预算"
    assert [hit.message_id for hit in recovered.search("预算")] == [row.id]
    reopened.close_all()


def test_search_finds_two_character_chinese_words(history: HistoryStore) -> None:
    conversation = history.create_conversation("周会")
    message = history.add_message(conversation.id, "user", "明天的会议室在三楼，记得带预算表。")
    other = history.create_conversation()
    history.add_message(other.id, "user", "Let's discuss the budget meetings tomorrow")
    hits = history.search("会议")
    assert [(h.conversation_id, h.message_id) for h in hits] == [(conversation.id, message.id)]
    assert "会议" in hits[0].snippet
    assert history.search("预算")[0].message_id == message.id
    assert history.search("会议室")[0].message_id == message.id
    assert history.search("议会") == []


def test_search_english_stems_and_needs_every_word(history: HistoryStore) -> None:
    conversation = history.create_conversation()
    history.add_message(
        conversation.id, "assistant", "The budget meetings are on Friday", model="m"
    )
    assert len(history.search("meeting budget")) == 1
    assert history.search("meeting holiday") == []
    assert len(history.search("budg", prefix=True)) == 1


def test_search_matches_titles_and_is_safe_with_fts_syntax(history: HistoryStore) -> None:
    conversation = history.create_conversation("Travel reimbursement 报销")
    assert [h.conversation_id for h in history.search("报销")] == [conversation.id]
    assert history.search('"unbalanced AND OR (') == []
    assert history.matching_conversations("报销") == [history.conversation(conversation.id)]


def test_audit_log_records_calls(history: HistoryStore) -> None:
    history.audit(conversation_id=None, call_id="c", tool="send", effect="external",
                  arguments={"to": "x@corp.example"}, approval="refused by the person",
                  outcome="refused", result="Error: declined")
    entry = history.audit_entries()[0]
    assert entry.tool == "send"
    assert entry.arguments == {"to": "x@corp.example"}
    assert entry.outcome == "refused"
