"""Attachments the model names are confined to the folders added to document search: a
hostile document can't get a private file (or one behind a symlink) attached to a draft."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_assistant.app import Services
from desktop_assistant.assistant.agent import ToolResultEvent
from tests.support.openai_server import Call, ScriptedServer, Text, ToolCalls


def draft_with(services: Services, server: ScriptedServer, attachments: list[str],
               invitation: str = "") -> ToolResultEvent:
    arguments = {"to": ["wang@corp.example"], "subject": "Report", "body": "Attached.",
                 "attachments": attachments, "invitation": invitation}
    server.enqueue(ToolCalls([Call("draft_email", json.dumps(arguments))]), Text(["Done."]))
    events = list(services.agent().start(None, "Draft the report email"))
    return next(e for e in events if isinstance(e, ToolResultEvent))


def test_files_in_the_added_folders_attach_and_others_do_not(
    services: Services, server: ScriptedServer, tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    report = shared / "report.zip"
    report.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    private = tmp_path / "private" / "salaries.xlsx"
    private.parent.mkdir()
    private.write_bytes(b"secret")
    (shared / "looks-local.xlsx").symlink_to(private)
    services.documents.add_folder(str(shared))

    ok = draft_with(services, server, [str(report)])
    assert ok.ok, ok.content
    assert services.mail.drafts_for_conversation(
        services.history.conversations()[0].id)[0].draft.attachments == (str(report),)

    for path in (str(private), str(shared / "looks-local.xlsx"), str(shared / ".." / "private"
                 / "salaries.xlsx"), "salaries.xlsx"):
        refused = draft_with(services, server, [path])
        assert not refused.ok
        assert "Nothing was drafted" in refused.content

    refused = draft_with(services, server, [], invitation=str(private))
    assert not refused.ok
    assert "create_event" in refused.content
