"""Snippets: the stretch of a chunk where the query's words are densest, with their positions.

The positions (``highlights``) let the search panel bold the matches and ``/find`` mark them
in Markdown. English words match by their stem at the start of a word, through to its end
(reimburs… finds reimbursement and reimbursed); Chinese words match as written. Plain
``str.find`` does the work: a snippet is made for every hit of every search, so it must cost
microseconds, not the milliseconds a per-query regular expression takes to compile.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from desktop_assistant.analysis import is_cjk
from desktop_assistant.documents.terms import QueryTerms

WIDTH = 240
MATCHES_PER_TERM = 20


@dataclass(frozen=True)
class Snippet:
    text: str
    highlights: tuple[tuple[int, int], ...] = ()


@lru_cache(maxsize=64)
def _needles(query: QueryTerms) -> tuple[tuple[str, bool], ...]:
    """What to look for, lowercased, each with whether it must start a word."""
    found: dict[str, bool] = {}
    for term in (*query.words, *query.terms, *query.prefixes):
        term = term.lower()
        if is_cjk(term):
            found.setdefault(term, False)
        elif len(term) > 1 or term.isdigit():
            found.setdefault(term, True)
    return tuple(found.items())


def _matches(lowered: str, needles: tuple[tuple[str, bool], ...]) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, needle) matches in order."""
    spans = []
    for needle, word in needles:
        start = lowered.find(needle)
        count = 0
        while start >= 0 and count < MATCHES_PER_TERM:
            end = start + len(needle)
            if not word:
                spans.append((start, end, needle))
                count += 1
            elif start == 0 or not lowered[start - 1].isalnum():
                while end < len(lowered) and lowered[end].isalnum():
                    end += 1
                spans.append((start, end, needle))
                count += 1
            start = lowered.find(needle, start + 1)
    spans.sort()
    merged: list[tuple[int, int, str]] = []
    for start, end, needle in spans:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
        else:
            merged.append((start, end, needle))
    return merged


def _densest_start(matches: list[tuple[int, int, str]], width: int) -> int:
    """Where a window of ``width`` starts so that it holds the most different matches."""
    best, best_start = -1, 0
    inside: Counter[str] = Counter()
    ahead = 0
    for start, _, needle in matches:
        limit = start + width * 3 // 4
        while ahead < len(matches) and matches[ahead][1] <= limit:
            inside[matches[ahead][2]] += 1
            ahead += 1
        if len(inside) > best:
            best, best_start = len(inside), max(0, start - width // 4)
        inside[needle] -= 1
        if inside[needle] <= 0:
            del inside[needle]
    return best_start


def make_snippet(text: str, query: QueryTerms, width: int = WIDTH) -> Snippet:
    """A window of about ``width`` characters of ``text`` on one line, around the matches."""
    flat = " ".join(text.split())
    lowered = flat.lower()
    if len(lowered) != len(flat):  # a few characters change length when lowercased
        lowered = flat
    matches = _matches(lowered, _needles(query))
    start = _densest_start(matches, width) if matches else 0
    if start > 0:
        space = flat.find(" ", start, start + 20)
        start = space + 1 if space >= 0 else start
    end = min(len(flat), start + width)
    if end < len(flat):
        space = flat.rfind(" ", end - 20, end)
        end = space if space > start else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(flat) else ""
    shift = len(prefix) - start
    highlights = tuple(
        (s + shift, e + shift) for s, e, _ in matches if s >= start and e <= end
    )
    return Snippet(prefix + flat[start:end] + suffix, highlights)
