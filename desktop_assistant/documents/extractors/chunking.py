"""Cutting extracted text into chunks of about ``Limits.chunk_chars`` that keep their location.

Chunks break at section headings and at the size limit, never inside a line unless the line
alone is too long; each chunk records its heading and the span of lines (or rows, or
paragraphs) it covers, on top of a base location such as a page or a slide.
"""

from __future__ import annotations

import dataclasses
import re

from desktop_assistant.documents.extractors import Chunk
from desktop_assistant.documents.locations import Location

_BREAK = re.compile(r"[\s。！？；.!?;]")


def split_long(text: str, size: int) -> list[str]:
    """Pieces of ``text`` of at most ``size`` characters, cut after a space or a full stop."""
    pieces = []
    while len(text) > size:
        window = text[:size]
        cut = max((m.end() for m in _BREAK.finditer(window, size // 2)), default=size)
        pieces.append(text[:cut])
        text = text[cut:]
    if text:
        pieces.append(text)
    return pieces


class ChunkBuilder:
    """Collects numbered lines under headings and emits located chunks.

    ``unit`` names what the numbers count (lines, rows, paragraphs); ``numbered=False`` keeps
    spans out of the location (a PDF page is cited by its page alone). ``header`` is repeated
    at the top of every chunk (a table's column names). Text past ``max_chars`` is dropped and
    ``truncated`` says so.
    """

    def __init__(
        self,
        chunk_chars: int,
        max_chars: int,
        *,
        unit: str = "lines",
        numbered: bool = True,
        base: Location | None = None,
    ) -> None:
        self.chunk_chars = chunk_chars
        self.max_chars = max_chars
        self.unit = unit
        self.numbered = numbered
        self.base = base or Location()
        self.header = ""
        self.chunks: list[Chunk] = []
        self.truncated = False
        self._heading: str | None = None
        self._parts: list[str] = []
        self._headed = False  # the chunk being built starts with the repeated header
        self._size = 0
        self._first: int | None = None
        self._last: int | None = None
        self._kept = 0

    @property
    def full(self) -> bool:
        return self._kept >= self.max_chars

    def set_base(self, base: Location) -> None:
        """Start a new page, slide or sheet."""
        self.flush()
        self.base = base
        self._heading = None
        self.header = ""

    def heading(self, text: str, number: int | None = None) -> None:
        """Start a section; the heading line itself opens the section's first chunk."""
        self.flush()
        self._heading = " ".join(text.split())[:120] or None
        self.add(text, number)

    def add(self, text: str, number: int | None = None) -> None:
        """Add one line (row, paragraph) of text, numbered from 1 in its unit."""
        if not text.strip():
            return
        if self.full:
            self.truncated = True
            return
        room = self.max_chars - self._kept
        if len(text) > room:
            text = text[:room]
            self.truncated = True
        self._kept += len(text)
        for piece in split_long(text, self.chunk_chars):
            if self._size and self._size + len(piece) > self.chunk_chars:
                self.flush()
            if not self._parts and self.header:
                self._parts.append(self.header)
                self._headed = True
                self._size += len(self.header)
            self._parts.append(piece)
            self._size += len(piece) + 1
            if number is not None:
                self._first = number if self._first is None else self._first
                self._last = number

    def flush(self) -> None:
        """Close the chunk being built, if it has any text beyond the header."""
        if len(self._parts) > int(self._headed):
            location = self.base
            if self._heading:
                location = dataclasses.replace(location, heading=self._heading)
            if self.numbered and self._first is not None:
                location = dataclasses.replace(
                    location, first=self._first, last=self._last, unit=self.unit
                )
            self.chunks.append(Chunk("\n".join(self._parts), location))
        self._parts = []
        self._headed = False
        self._size = 0
        self._first = self._last = None

    def finish(self) -> list[Chunk]:
        self.flush()
        return self.chunks
