"""Where a chunk of text sits in its file: a PDF page, a slide, a sheet's rows, a section's lines.

Every search hit carries one, so an answer can cite "budget.pdf — page 4" and the window can
open the file there. ``label`` is the form people (and the model) read and send back to
``read_document``; ``parse_location`` reads it, leniently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Location:
    """A place in a file. Unset fields do not apply to the file's type."""

    page: int | None = None
    slide: int | None = None
    sheet: str | None = None
    heading: str | None = None
    first: int | None = None  # first line (text) or row (sheets, CSV), 1-based
    last: int | None = None
    unit: str = "lines"  # what first..last count: lines, rows or paragraphs

    @property
    def label(self) -> str:
        """"page 4", "slide 2", "sheet Budget, rows 2–51", "Travel › lines 10–42"."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.slide is not None:
            parts.append(f"slide {self.slide}")
        if self.sheet is not None:
            parts.append(f"sheet {self.sheet}")
        span = self._span()
        if self.heading:
            return f"{self.heading} › {span}" if span else self.heading
        if span:
            parts.append(span)
        return ", ".join(parts)

    def _span(self) -> str:
        if self.first is None:
            return ""
        last = self.last if self.last is not None else self.first
        if last == self.first:
            return f"{self.unit.rstrip('s')} {self.first}"
        return f"{self.unit} {self.first}–{last}"

    def as_dict(self) -> dict[str, Any]:
        """The fields that apply, for JSON (``unit`` only with a span)."""
        data = {k: v for k, v in vars(self).items() if v is not None}
        if self.first is None:
            del data["unit"]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Location:
        known = {"page", "slide", "sheet", "heading", "first", "last", "unit"}
        return cls(**{k: v for k, v in data.items() if k in known})

    def overlaps(self, wanted: Location) -> bool:
        """True if this chunk's location falls within ``wanted`` (a parsed request)."""
        for name in ("page", "slide"):
            value = getattr(wanted, name)
            if value is not None and getattr(self, name) != value:
                return False
        if wanted.sheet is not None and (self.sheet or "").casefold() != wanted.sheet.casefold():
            return False
        if wanted.heading and wanted.heading.casefold() not in (self.heading or "").casefold():
            return False
        if wanted.first is not None and self.first is not None:
            wanted_last = wanted.last if wanted.last is not None else wanted.first
            mine_last = self.last if self.last is not None else self.first
            if mine_last < wanted.first or self.first > wanted_last:
                return False
        return True


_NUMBERED = re.compile(r"\b(page|p\.|slide|第)\s*(\d+)\s*(页|张)?", re.IGNORECASE)
_SPAN = re.compile(r"\b(lines?|rows?|paragraphs?)\s+(\d+)(?:\s*[-–—~]\s*(\d+))?", re.IGNORECASE)
_SHEET = re.compile(r"\bsheet\s+(.+?)(?:,\s*(?:rows?|lines?)\b.*)?$", re.IGNORECASE)


def parse_location(text: str) -> Location:
    """Read a location as ``label`` writes it (and a few common variants); "" is the start.

    Anything else is taken as a section heading to look for.
    """
    text = text.strip()
    if not text:
        return Location()
    page = slide = first = last = None
    sheet = heading = None
    unit = "lines"
    numbered = _NUMBERED.search(text)
    if numbered:
        kind = numbered.group(1).lower()
        number = int(numbered.group(2))
        if kind == "slide" or numbered.group(3) == "张":
            slide = number
        else:
            page = number
    span = _SPAN.search(text)
    if span:
        unit = span.group(1).lower()
        unit = unit if unit.endswith("s") else unit + "s"
        first = int(span.group(2))
        last = int(span.group(3)) if span.group(3) else first
    sheet_match = _SHEET.search(text)
    if sheet_match:
        sheet = sheet_match.group(1).strip()
    if "›" in text:
        heading = text.split("›", 1)[0].strip() or None
    elif not (numbered or span or sheet_match):
        heading = text
    return Location(page, slide, sheet, heading, first, last, unit)
