"""CJK bigram analysis: what is indexed and how queries are matched."""

from desktop_assistant.analysis import cjk_bigrams, fts_match, index_terms, query_terms, snippet


def test_cjk_run_becomes_overlapping_bigrams() -> None:
    assert cjk_bigrams("会议室") == ["会议", "议室"]
    assert cjk_bigrams("会") == ["会"]


def test_index_terms_keeps_latin_text_and_splits_cjk_runs() -> None:
    terms = index_terms("Q3预算会议 in Shanghai")
    assert terms.split() == ["Q3", "预算", "算会", "会议", "议", "in", "Shanghai"]


def test_japanese_and_korean_runs_are_bigrams_too() -> None:
    assert "かい" in index_terms("かいぎ").split()
    assert "회의" in index_terms("회의실").split()


def test_query_terms_keep_cjk_runs_whole_and_lower_other_words() -> None:
    assert query_terms("Budget 会议室, Q3!") == ["budget", "会议室", "q3"]


def test_match_expression_quotes_everything() -> None:
    assert fts_match('会议室 "drop" AND') == '"会议 议室" "drop" "and"'
    assert fts_match("会") == '"会"*'
    assert fts_match("bud", prefix_last=True) == '"bud"*'
    assert fts_match("  ,,, ") is None


def test_snippet_centres_on_the_match() -> None:
    text = "x " * 100 + "the 会议 is here" + " y" * 100
    shown = snippet(text, "会议")
    assert "会议" in shown
    assert shown.startswith("…")
    assert shown.endswith("…")
