"""Searching: BM25 over title and body, Chinese bigrams, any input, one hit per file."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_assistant.documents.service import DocumentError, DocumentService
from tests.support.documents_corpus import index_all, make_docx, make_pdf, make_pptx

CHINESE = {
    "meeting.txt": "明天上午十点在三楼会议室开会。",
    "budget.md": "# 2024年预算\n市场部预算增加百分之十。",
    "claims.txt": "差旅报销标准：住宿每晚不超过五百元。",
    "mixed.txt": "Q3 budget review 预算审批 next Monday",
    "none.txt": "这份文件与上述主题无关。",
}


@pytest.fixture
def indexed(docs: DocumentService, folder: Path) -> DocumentService:
    for name, text in CHINESE.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    make_pdf(folder / "travel.pdf", ["Introduction", "Hotel reimbursement limit: 500 per night"],
             title="Travel policy")
    make_pptx(folder / "plan.pptx", [("Roadmap", "Ship the search feature", ""),
                                     ("Risks", "Budget freeze in Q4", "")])
    make_docx(folder / "leave.docx", [("Annual leave", ["Employees get 15 days."])])
    (folder / "team").mkdir()
    (folder / "team" / "notes.txt").write_text("Team budget notes\n")
    docs.add_folder(folder)
    index_all(docs)
    return docs


def names(hits: list) -> list[str]:  # type: ignore[type-arg]
    return [Path(hit.path).name for hit in hits]


@pytest.mark.parametrize(("query", "expected"), [
    ("会议", {"meeting.txt"}),
    ("预算", {"budget.md", "mixed.txt"}),
    ("报销", {"claims.txt"}),
    ("会议室", {"meeting.txt"}),
])
def test_two_character_chinese_words_find_every_document_with_them(
    indexed: DocumentService, query: str, expected: set[str]
) -> None:
    assert set(names(indexed.search(query, 50))) == expected


def test_english_is_stemmed_and_cites_the_page(indexed: DocumentService) -> None:
    hits = indexed.search("hotel reimbursements", 5)
    assert names(hits)[0] == "travel.pdf"
    assert hits[0].location.label == "page 2"
    assert hits[0].citation == "travel.pdf — page 2"
    assert hits[0].link.endswith("travel.pdf#page=2")
    assert hits[0].title == "Travel policy"
    marked = [hits[0].snippet[s:e] for s, e in hits[0].highlights]
    assert marked == ["Hotel", "reimbursement"]


def test_mixed_chinese_and_english(indexed: DocumentService) -> None:
    assert names(indexed.search("Q3 预算审批", 1)) == ["mixed.txt"]
    assert names(indexed.search("budget freeze", 1)) == ["plan.pptx"]
    assert indexed.search("budget freeze", 1)[0].location.label == "slide 2"


def test_one_hit_per_file_best_first_and_limit(indexed: DocumentService) -> None:
    hits = indexed.search("budget", 3)
    assert len(hits) == 3
    assert len(set(names(hits))) == 3
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_a_folder_narrows_the_search(indexed: DocumentService, folder: Path) -> None:
    assert names(indexed.search("budget", 10, str(folder / "team"))) == ["notes.txt"]
    assert names(indexed.search("budget", 10, "team")) == ["notes.txt"]
    with pytest.raises(DocumentError, match="not an indexed folder"):
        indexed.search("budget", 10, "/etc")


HOSTILE = ['"', '"unbalanced', "*", "budget*", ":", "title:budget", "^", "budget^2", "AND",
           "budget AND", "OR OR", "NEAR", "NEAR(a b)", "(", "((budget", "budget)", ")", "[1 TO",
           "{", "~", "budget~2", "-budget", "+budget", "!", "\\", "/", "a/b", "'", "`", "$",
           "NOT", "budget NOT", "*:*", ".*", "\x00", "\u200b", "💰 budget", "😀", " ", "",
           "会", "报", "*预算*", "预算 AND 报销", "a" * 5000, "预" * 3000, "x" * 200]


@pytest.mark.parametrize("query", HOSTILE)
def test_any_text_is_a_valid_query(indexed: DocumentService, query: str) -> None:
    hits = indexed.search(query, 5)
    assert isinstance(hits, list)
    if "budget" in query.lower() and query.lower() not in ("budget not",):
        assert hits, query


def test_one_chinese_character_matches_where_it_occurs(indexed: DocumentService) -> None:
    assert set(names(indexed.search("报", 50))) == {"claims.txt"}
    assert "meeting.txt" in names(indexed.search("室", 50))  # the last character of a run
