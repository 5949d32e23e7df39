"""``/find QUERY``: search the indexed documents without a model, answered in Markdown."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_assistant.documents.engine import Hit

if TYPE_CHECKING:
    from desktop_assistant.assistant.commands import SlashCommands
    from desktop_assistant.documents.service import DocumentService

FIND_LIMIT = 8
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def escape_markdown(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def highlighted_snippet(hit: Hit) -> str:
    """The snippet, Markdown-escaped, with the query's matches in bold."""
    parts: list[str] = []
    position = 0
    for start, end in hit.highlights:
        parts.append(escape_markdown(hit.snippet[position:start]))
        parts.append(f"**{escape_markdown(hit.snippet[start:end])}**")
        position = end
    parts.append(escape_markdown(hit.snippet[position:]))
    return "".join(parts)


def hits_as_markdown(query: str, hits: list[Hit]) -> str:
    if not hits:
        return f"No indexed document matches “{escape_markdown(query)}”."
    count = f"{len(hits)} document{'' if len(hits) == 1 else 's'}"
    lines = [f"**{count} for “{escape_markdown(query)}”**", ""]
    for number, hit in enumerate(hits, start=1):
        # A paragraph per hit, numbered by hand: as a Markdown list, Qt renders the snippet's
        # line as an item of its own.
        title = escape_markdown(hit.title or Path(hit.path).name)
        lines.append(f"**{number}.** [{title}](<{hit.link}>) — {escape_markdown(hit.citation)}  ")
        lines.append(highlighted_snippet(hit))
        lines.append("")
    return "\n".join(lines).rstrip()


def register_document_commands(commands: SlashCommands, service: DocumentService) -> None:
    def find_command(argument: str) -> str:
        if not argument:
            raise ValueError("Say what to look for, e.g. `/find travel reimbursement limit`.")
        from desktop_assistant.documents.service import DocumentError

        try:
            return hits_as_markdown(argument, service.search(argument, FIND_LIMIT))
        except DocumentError as error:
            return str(error)

    commands.register("find", "/find QUERY", "Search the indexed documents.", find_command)
