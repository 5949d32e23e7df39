"""History export: every conversation with its messages, as JSON or Markdown."""

from __future__ import annotations

import json
from typing import Any

from desktop_assistant.db import Database

ROLE_LABELS = {"user": "You", "assistant": "Assistant", "tool": "Tool result"}


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
    parts: list[str] = []
    for conversation in history_as_data(database, conversation_id):
        parts.append(f"# {conversation['title']}\n\n_Started {conversation['created_at']}_\n")
        for message in conversation["messages"]:
            label = ROLE_LABELS.get(message["role"], message["role"])
            if message["ai_written"]:
                label += f" (AI-written, {message['model']})"
            if message["role"] == "tool":
                label += f": {message.get('tool_name', '')}"
            status = message.get("status", "complete")
            if status != "complete":
                label += f" [{status}]"
            parts.append(f"## {label}\n\n{message.get('content', '')}\n")
            for call in message.get("tool_calls", []):
                function = call["function"]
                parts.append(f"- Tool call `{function['name']}` {function['arguments']}\n")
    return "\n".join(parts)
