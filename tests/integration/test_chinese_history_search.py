"""Every two-character Chinese word in the CMRC 2018 trial set is found by history search.

Reads ``../shared/data/cmrc2018-trial``; skips with a reason where that folder is absent.
"""

import json
import re
from pathlib import Path

import pytest

from desktop_assistant.db import Database
from desktop_assistant.history import HistoryStore

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "cmrc2018-trial"
HAN_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


@pytest.mark.skipif(not DATA.exists(), reason=f"shared data not found at {DATA}")
def test_every_two_character_word_finds_every_message_containing_it(tmp_path: Path) -> None:
    corpus = [json.loads(line) for line in read_lines(DATA / "corpus.jsonl")]
    queries = [json.loads(line) for line in read_lines(DATA / "queries.jsonl")]
    database = Database(tmp_path / "cmrc.db")
    history = HistoryStore(database)
    texts: dict[int, str] = {}
    for document in corpus:
        conversation = history.create_conversation("文档")
        message = history.add_message(conversation.id, "user", document["text"])
        texts[message.id] = document["text"]

    words = sorted({pair for q in queries for pair in HAN_PAIR.findall(q["text"])})
    assert len(words) > 2000
    missed = []
    for word in words:
        expected = {mid for mid, text in texts.items() if word in text}
        found = {hit.message_id for hit in history.search(word, limit=1000) if hit.message_id}
        if found != expected:
            missed.append(word)
    database.close_all()
    assert missed == [], f"{len(missed)} of {len(words)} words not matched exactly: {missed[:20]}"
