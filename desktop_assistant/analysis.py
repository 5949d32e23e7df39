"""Text analysis for full-text search in Chinese, Japanese, Korean and European languages.

SQLite's ``unicode61`` tokenizer keeps a run of CJK characters as one token, so 会议 would never
match 明天的会议室. As Lucene's CJK analyzer does, each CJK run is rewritten as its overlapping
character bigrams (会议室 -> 会议 议室) before indexing, and queries get the same treatment, so
any two-character word is found. Other text is left for the tokenizer (with Porter stemming).
"""

from __future__ import annotations

import re
from functools import cache

# Han (with extensions), Hiragana, Katakana, Hangul syllables and Jamo, CJK compatibility.
_CJK_RANGES = (
    "\u1100-\u11ff\u3040-\u30ff\u3131-\u318e\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)
_WORD = re.compile(r"\w+", re.UNICODE)


@cache
def _cjk_run() -> re.Pattern[str]:
    """Compiled on first use: the character ranges make it slow to compile at start-up."""
    return re.compile(f"[{_CJK_RANGES}]+")


def cjk_runs(text: str) -> list[str]:
    """The runs of CJK characters in ``text``."""
    return _cjk_run().findall(text)


def is_cjk(text: str) -> bool:
    return _cjk_run().fullmatch(text) is not None


def cjk_bigrams(run: str) -> list[str]:
    """Overlapping bigrams of a CJK run; a single character stands alone."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_terms(text: str) -> str:
    """The text as it is stored in a search index: CJK runs turned into bigrams.

    The last character of each run is appended as a unigram so one-character queries,
    matched as prefixes, also find a character at the end of a run.
    """
    parts: list[str] = []
    position = 0
    for match in _cjk_run().finditer(text):
        parts.append(text[position : match.start()])
        run = match.group()
        grams = cjk_bigrams(run)
        if len(run) > 1:
            grams.append(run[-1])
        parts.append(" " + " ".join(grams) + " ")
        position = match.end()
    parts.append(text[position:])
    return "".join(parts)


def query_terms(query: str) -> list[str]:
    """The words of a query: CJK runs stay whole, everything else split into words."""
    terms: list[str] = []
    position = 0
    for match in _cjk_run().finditer(query):
        terms.extend(w.lower() for w in _WORD.findall(query[position : match.start()]))
        terms.append(match.group())
        position = match.end()
    terms.extend(w.lower() for w in _WORD.findall(query[position:]))
    return terms


def fts_match(query: str, prefix_last: bool = False) -> str | None:
    """An FTS5 MATCH expression for ``query`` with every term required; None if it has none.

    A CJK run becomes a phrase of its bigrams, a single CJK character a prefix query. Every
    term is quoted, so FTS5 syntax in the query (AND, quotes, stars) is searched as text.
    ``prefix_last`` makes the last word a prefix, for search-as-you-type.
    """
    terms = query_terms(query)
    expressions: list[str] = []
    for index, term in enumerate(terms):
        if is_cjk(term):
            if len(term) == 1:
                expressions.append(f'"{term}"*')
            else:
                expressions.append('"' + " ".join(cjk_bigrams(term)) + '"')
        else:
            quoted = '"' + term.replace('"', '""') + '"'
            last = index == len(terms) - 1
            expressions.append(quoted + "*" if prefix_last and last else quoted)
    return " ".join(expressions) if expressions else None


def snippet(text: str, query: str, width: int = 80) -> str:
    """A window of ``text`` around the first place a query term occurs, on one line."""
    flat = " ".join(text.split())
    lowered = flat.lower()
    positions = [lowered.find(term) for term in query_terms(query)]
    found = [p for p in positions if p >= 0]
    start = max(0, min(found) - width // 3) if found else 0
    end = min(len(flat), start + width)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(flat) else ""
    return prefix + flat[start:end] + suffix
