"""Export: the history (every conversation with its messages), or everything the app keeps
about the person (history, memory, reminders, mail drafts, contacts, the audit log and the
settings), as JSON or Markdown. Text is written as it is (Chinese stays Chinese)."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from desktop_assistant.db import Database

ROLE_LABELS = {"user": "You", "assistant": "Assistant", "tool": "Tool result"}
# Feature tables in the full export: section name -> (table, order, JSON-encoded columns).
SECTIONS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "memories": ("memories", "id", ()),
    "reminders": ("reminders_reminders", "id", ()),
    "mail_drafts": ("mail_drafts", "id", ("to_addresses", "cc_addresses", "bcc_addresses",
                                         "reference_ids", "attachments")),
    "contacts": ("calendar_contacts", "id", ()),
    "audit_log": ("audit_log", "id", ("arguments",)),
}


def history_as_data(database: Database, conversation_id: int | None = None) -> list[dict[str, Any]]:
    """Conversations (oldest first) with their messages, as plain JSON-ready dictionaries."""
    db = database.utils()
    where, params = ("id = ?", [conversation_id]) if conversation_id is not None else (None, [])
    conversations = []
    for conversation in db["conversations"].rows_where(where, params, order_by="id"):
        messages = []
        for row in db["messages"].rows_where(
            "conversation_id = ?", [conversation["id"]], order_by="id"
        ):
            message = {k: v for k, v in row.items() if v is not None and k != "conversation_id"}
            if "tool_calls" in message:
                message["tool_calls"] = json.loads(message["tool_calls"])
            message["ai_written"] = row["role"] == "assistant" and row["model"] is not None
            messages.append(message)
        conversations.append({**conversation, "messages": messages})
    return conversations


def history_as_json(database: Database, conversation_id: int | None = None) -> str:
    data = history_as_data(database, conversation_id)
    return json.dumps({"conversations": data}, ensure_ascii=False, indent=2)


def history_as_markdown(database: Database, conversation_id: int | None = None) -> str:
    return _conversations_markdown(history_as_data(database, conversation_id), level=1)


def _conversations_markdown(conversations: list[dict[str, Any]], level: int) -> str:
    title, entry = "#" * level, "#" * (level + 1)
    parts: list[str] = []
    for conversation in conversations:
        parts.append(f"{title} {conversation['title']}\n\n_Started {conversation['created_at']}_\n")
        for message in conversation["messages"]:
            label = ROLE_LABELS.get(message["role"], message["role"])
            if message["ai_written"]:
                label += f" (AI-written, {message['model']})"
            if message["role"] == "tool":
                label += f": {message.get('tool_name', '')}"
            status = message.get("status", "complete")
            if status != "complete":
                label += f" [{status}]"
            parts.append(f"{entry} {label}\n\n{message.get('content', '')}\n")
            for call in message.get("tool_calls", []):
                function = call["function"]
                parts.append(f"- Tool call `{function['name']}` {function['arguments']}\n")
    return "\n".join(parts)


# Everything ------------------------------------------------------------------------------------


def table_rows(database: Database, section: str) -> list[dict[str, Any]]:
    """The rows of one ``SECTIONS`` table ([] where the table does not exist), JSON columns
    decoded."""
    table, order, encoded = SECTIONS[section]
    db = database.utils()
    if not db[table].exists():
        return []
    rows = []
    for row in db[table].rows_where(order_by=order):
        for column in encoded:
            if isinstance(row.get(column), str):
                with contextlib.suppress(ValueError):  # else kept as the text it is
                    row[column] = json.loads(row[column])
        rows.append(row)
    return rows


def everything_as_data(database: Database, *, exported_at: str, app_version: str,
                       settings: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything the database holds about the person, and the settings (never secrets:
    those live in the keyring and are not exported)."""
    data: dict[str, Any] = {"exported_at": exported_at, "app": "Desktop Assistant",
                            "app_version": app_version,
                            "conversations": history_as_data(database)}
    for section in SECTIONS:
        data[section] = table_rows(database, section)
    if settings is not None:
        data["settings"] = settings
    return data


def everything_as_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def everything_as_markdown(data: dict[str, Any]) -> str:
    """``everything_as_data`` as a document a person reads."""
    parts = [f"# Desktop Assistant export\n\n_Exported {data['exported_at']} by Desktop "
             f"Assistant {data['app_version']}._\n"]
    parts.append(f"## Conversations ({len(data['conversations'])})\n")
    if data["conversations"]:
        parts.append(_conversations_markdown(data["conversations"], level=3))
    parts.append(f"## Memory ({len(data['memories'])})\n")
    parts.extend(f"- {m['text']} _(remembered {m['created_at']})_" for m in data["memories"])
    parts.append(f"\n## Reminders ({len(data['reminders'])})\n")
    for reminder in data["reminders"]:
        repeat = f", repeats {reminder['rule']}" if reminder.get("rule") else ""
        parts.append(f"- {reminder['text']} — {reminder['at']}{repeat} ({reminder['state']})")
    parts.append(f"\n## Email drafts ({len(data['mail_drafts'])})\n")
    for draft in data["mail_drafts"]:
        to = ", ".join(draft.get("to_addresses") or []) or "(no recipient)"
        parts.append(f"### {draft.get('subject') or '(no subject)'}\n\nTo: {to}  \n"
                     f"Updated: {draft['updated_at']}\n\n{draft.get('body', '')}\n")
    parts.append(f"## Contacts ({len(data['contacts'])})\n")
    for contact in data["contacts"]:
        name = contact.get("name") or contact["email"]
        parts.append(f"- {name} <{contact['email']}>")
    parts.append(f"\n## Audit log ({len(data['audit_log'])})\n")
    for entry in data["audit_log"]:
        arguments = json.dumps(entry["arguments"], ensure_ascii=False)
        parts.append(f"- {entry['at']} `{entry['tool']}` ({entry['effect']}, approval: "
                     f"{entry['approval']}, {entry['outcome']}): {arguments} → {entry['result']}")
    if "settings" in data:
        parts.append("\n## Settings\n")
        parts.extend(f"- {key} = {value!r}" for key, value in data["settings"].items())
    return "\n".join(parts) + "\n"
