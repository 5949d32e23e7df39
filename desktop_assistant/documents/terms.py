"""How document text and queries become search terms, the same way for both.

- Text is NFKC-normalised first (full-width ＡＢＣ１２３ becomes ABC123, half-width katakana
  becomes full-width), so forms typed on Chinese and Japanese keyboards match.
- Runs of Chinese, Japanese or Korean characters become overlapping character bigrams, as
  Lucene's CJK analyzer does (``desktop_assistant.analysis``): 报销标准 -> 报销 销标 标准, so any
  two-character word is found wherever it occurs. A run's last character is kept as a unigram
  too, so a one-character query can match it.
- Everything else goes through one tantivy analyzer: split on non-alphanumerics, drop tokens
  over 40 bytes, lowercase, fold accents, drop English stop words, Porter/Snowball stemming.

Queries are never parsed as a query language: ``query_terms`` returns plain terms and the
engine builds its query from them, so ``"``, ``*``, ``:``, ``AND`` or ``(`` are just text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from desktop_assistant.analysis import cjk_bigrams, cjk_runs, index_terms

if TYPE_CHECKING:
    import tantivy

ANALYZER_NAME = "office_text"
MAX_QUERY_TERMS = 64


@cache
def analyzer() -> tantivy.TextAnalyzer:
    """The analyzer for non-CJK text, registered on the index under ``ANALYZER_NAME``."""
    import tantivy

    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stopword("english"))
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def document_text(text: str) -> str:
    """``text`` as it goes into an analyzed field: CJK runs rewritten as their bigrams."""
    return index_terms(normalise(text))


@dataclass(frozen=True)
class QueryTerms:
    """A query as index terms: ``terms`` to match exactly, ``prefixes`` (single CJK
    characters) to match as the start of a term; ``words`` are the query's words as typed,
    lowercased, for highlighting."""

    terms: tuple[str, ...]
    prefixes: tuple[str, ...]
    words: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.terms or self.prefixes)


def query_terms(query: str) -> QueryTerms:
    """Analyze ``query`` exactly as documents are analyzed; any text is a valid query."""
    text = normalise(query)
    terms: list[str] = []
    prefixes: list[str] = []
    words: list[str] = []
    position = 0
    for run in cjk_runs(text):
        start = text.index(run, position)
        terms.extend(analyzer().analyze(text[position:start]))
        words.extend(_words(text[position:start]))
        if len(run) == 1:
            prefixes.append(run)
        else:
            terms.extend(cjk_bigrams(run))
        words.append(run)
        position = start + len(run)
    terms.extend(analyzer().analyze(text[position:]))
    words.extend(_words(text[position:]))
    unique = tuple(dict.fromkeys(terms))[:MAX_QUERY_TERMS]
    return QueryTerms(unique, tuple(dict.fromkeys(prefixes))[:8], tuple(dict.fromkeys(words)))


def _words(text: str) -> list[str]:
    """The words of ``text`` that are search terms (not stop words), lowercased."""
    import re

    return [
        w.lower() for w in re.findall(r"\w+", text)
        if (len(w) > 1 or w.isdigit()) and analyzer().analyze(w)
    ]
