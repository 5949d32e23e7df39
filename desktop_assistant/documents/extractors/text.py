"""Plain text, Markdown and CSV: read capped, decoded in any common encoding, chunked by lines.

A text file's title is its first non-empty line (a Markdown file's first heading); chunks
cite their section heading and line range. CSV rows are chunked with the header row repeated
at the top of each chunk, citing row numbers.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path

from desktop_assistant.documents.extractors import Extracted, Limits, extractor
from desktop_assistant.documents.extractors.chunking import ChunkBuilder
from desktop_assistant.documents.extractors.decoding import read_text, truncation_note

TITLE_CHARS = 200
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")


def first_line_title(text: str, fallback: str) -> str:
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            return line[:TITLE_CHARS]
    return fallback


def lines_to_chunks(
    text: str, limits: Limits, *, markdown: bool = False, numbered: bool = True
) -> ChunkBuilder:
    """Chunks of ``text`` by lines; Markdown headings (and ``markdown=True``) start sections."""
    builder = ChunkBuilder(limits.chunk_chars, limits.chars, numbered=numbered)
    for number, line in enumerate(text.splitlines(), start=1):
        heading = _MARKDOWN_HEADING.match(line) if markdown else None
        if heading:
            builder.heading(heading.group(2), number)
        else:
            builder.add(line, number)
        if builder.full:
            break
    builder.finish()
    return builder


@extractor(".txt", ".text")
def extract_plain_text(path: Path, limits: Limits) -> Extracted:
    text, cut = read_text(path, limits.text_bytes)
    builder = lines_to_chunks(text, limits)
    note = truncation_note(limits.text_bytes) if cut or builder.truncated else None
    return Extracted(first_line_title(text, path.stem), builder.chunks, note)


@extractor(".md", ".markdown")
def extract_markdown(path: Path, limits: Limits) -> Extracted:
    text, cut = read_text(path, limits.text_bytes)
    builder = lines_to_chunks(text, limits, markdown=True)
    title = next(
        (m.group(2) for line in text.splitlines() if (m := _MARKDOWN_HEADING.match(line))),
        None,
    ) or first_line_title(text, path.stem)
    note = truncation_note(limits.text_bytes) if cut or builder.truncated else None
    return Extracted(title[:TITLE_CHARS], builder.chunks, note)


def rows_to_chunks(rows: Iterable[Iterable[object]], builder: ChunkBuilder) -> None:
    """Add table rows (numbered from 1) to ``builder``; the first non-empty row is the
    header, repeated at the top of every later chunk."""
    for number, row in enumerate(rows, start=1):
        cells = [" ".join(str(c).split()) for c in row if c is not None and str(c).strip()]
        if not cells:
            continue
        line = " | ".join(cells)
        builder.add(line, number)
        if not builder.header:
            builder.header = line[: builder.chunk_chars // 4]
        if builder.full:
            break


@extractor(".csv")
def extract_csv(path: Path, limits: Limits) -> Extracted:
    text, cut = read_text(path, limits.text_bytes)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:8192], ",;\t|")
    except csv.Error:
        dialect = csv.excel
    builder = ChunkBuilder(limits.chunk_chars, limits.chars, unit="rows")
    csv.field_size_limit(limits.chunk_chars * 8)
    try:
        rows_to_chunks(csv.reader(text.splitlines(), dialect), builder)
    except csv.Error:
        builder = lines_to_chunks(text, limits)  # not really CSV: index it as lines
    builder.finish()
    note = truncation_note(limits.text_bytes) if cut or builder.truncated else None
    return Extracted(path.stem, builder.chunks, note)
