"""Locations as people read them, query analysis, and snippets with their highlights."""

from __future__ import annotations

import pytest

from desktop_assistant.documents.locations import Location, parse_location
from desktop_assistant.documents.snippets import make_snippet
from desktop_assistant.documents.terms import document_text, query_terms


@pytest.mark.parametrize(
    ("location", "label"),
    [
        (Location(page=4), "page 4"),
        (Location(slide=2), "slide 2"),
        (Location(sheet="Budget", first=2, last=51, unit="rows"), "sheet Budget, rows 2–51"),
        (Location(heading="Travel", first=10, last=42), "Travel › lines 10–42"),
        (Location(first=7, last=7), "line 7"),
        (Location(), ""),
    ],
)
def test_labels_read_back_as_the_same_place(location: Location, label: str) -> None:
    assert location.label == label
    assert location.overlaps(parse_location(label))
    assert Location.from_dict(location.as_dict()) == location


def test_parsing_is_lenient() -> None:
    assert parse_location("Page 4") == Location(page=4)
    assert parse_location("第3页") == Location(page=3)
    assert parse_location("lines 10-20").first == 10
    assert parse_location("sheet Q3 Budget").sheet == "Q3 Budget"
    assert parse_location("Expenses") == Location(heading="Expenses")
    assert Location(heading="Travel expenses", first=3, last=9).overlaps(parse_location("travel"))
    assert not Location(page=2).overlaps(parse_location("page 3"))
    assert not Location(first=1, last=9).overlaps(parse_location("lines 10-20"))


def test_documents_and_queries_share_one_analysis() -> None:
    assert document_text("明天的会议室") == " 明天 天的 的会 会议 议室 室 "
    assert query_terms("会议").terms == ("会议",)
    assert query_terms("报销标准").terms == ("报销", "销标", "标准")
    assert query_terms("The reimbursements AND meetings").terms == ("reimburs", "meet")
    assert query_terms("ＡＢＣ１２３") == query_terms("abc123")  # full-width forms
    assert query_terms("会").prefixes == ("会",)
    mixed = query_terms("Q3 预算 report")
    assert mixed.terms == ("q3", "预算", "report")


@pytest.mark.parametrize("query", ['"', "*", ":", "^", "AND", "((", ")", "", "   ", "-", "+",
                                   "!", "~", "\\", "[", "{", "\x00"])
def test_syntax_characters_alone_leave_nothing_to_search(query: str) -> None:
    assert not query_terms(query)


def test_operator_words_are_plain_words() -> None:
    assert query_terms('title:"budget" NEAR/2 (q3^2 OR 预算*)').terms == (
        "titl", "budget", "near", "2", "q3", "预算")


def test_snippet_centres_on_the_densest_matches_and_marks_them() -> None:
    text = ("Introduction. " * 40 + "The travel reimbursement limit is 500 yuan per night. "
            + "Other matters. " * 40)
    snippet = make_snippet(text, query_terms("travel reimbursement limits"), width=120)
    assert snippet.text.startswith("…")
    assert snippet.text.endswith("…")
    marked = [snippet.text[s:e] for s, e in snippet.highlights]
    assert marked == ["travel", "reimbursement", "limit"]


def test_snippet_marks_chinese_words() -> None:
    snippet = make_snippet("下周的会议预算需要报销吗？", query_terms("会议预算"))
    assert [snippet.text[s:e] for s, e in snippet.highlights] == ["会议预算"]
    assert make_snippet("no match here", query_terms("预算")).highlights == ()
