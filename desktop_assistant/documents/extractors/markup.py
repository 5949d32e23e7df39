"""HTML pages (saved intranet pages, exported wikis): visible text by section, via BeautifulSoup.

Scripts, styles and templates are dropped; ``h1``–``h6`` become section headings, so chunks
cite the section they come from.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop_assistant.documents.extractors import Extracted, Limits, extractor
from desktop_assistant.documents.extractors.decoding import read_text, truncation_note
from desktop_assistant.documents.extractors.text import TITLE_CHARS, lines_to_chunks

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

_INVISIBLE = ("script", "style", "noscript", "template", "head")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLOCKS = (
    "p", "div", "li", "tr", "br", "hr", "section", "article", "header", "footer", "aside",
    "nav", "main", "table", "ul", "ol", "dl", "dt", "dd", "pre", "blockquote", "figure",
    "figcaption", "address", "form", "fieldset", "caption",
)


def parse_html(markup: str) -> BeautifulSoup:
    import importlib.util
    import warnings

    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

    parser = "lxml" if importlib.util.find_spec("lxml") else "html.parser"  # lxml is faster
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(markup, parser)


def html_as_markdown_lines(markup: str) -> tuple[str, str]:
    """The page's title and its visible text, headings written as Markdown headings."""
    soup = parse_html(markup)
    title_tag = soup.find("title")
    title = " ".join(title_tag.get_text(" ").split()) if title_tag else ""
    for tag in soup.find_all(_INVISIBLE):
        tag.decompose()
    for tag in soup.find_all(_HEADINGS):
        level = int(tag.name[1])
        text = " ".join(tag.get_text(" ").split())
        tag.replace_with(f"\n{'#' * level} {text}\n" if text else "\n")
    for tag in soup.find_all(_BLOCKS):
        tag.insert_after("\n")
    for tag in soup.find_all(("td", "th")):
        tag.insert_after(" | ")
    text = soup.get_text()
    if not title:
        title = next((line[2:].lstrip("# ") for line in text.splitlines()
                      if line.startswith("# ")), "")
    return title, text


@extractor(".html", ".htm", ".xhtml")
def extract_html(path: Path, limits: Limits) -> Extracted:
    markup, cut = read_text(path, limits.text_bytes)
    title, text = html_as_markdown_lines(markup)
    builder = lines_to_chunks(text, limits, markdown=True, numbered=False)
    note = truncation_note(limits.text_bytes) if cut or builder.truncated else None
    return Extracted((title or path.stem)[:TITLE_CHARS], builder.chunks, note)
