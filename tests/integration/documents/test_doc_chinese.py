"""Chinese search on the CMRC 2018 paragraphs: every two-character sequence in the questions
finds exactly the paragraphs that contain it, and questions find their paragraph first."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_assistant.analysis import cjk_bigrams, cjk_runs
from desktop_assistant.db import Database
from desktop_assistant.documents.schema import MIGRATIONS
from desktop_assistant.documents.service import DocumentService
from tests.support.documents_corpus import SHARED_DATA, index_all, shared_entries, write_entries


@pytest.fixture(scope="module")
def cmrc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DocumentService, Path]]:
    entries = shared_entries("cmrc2018-trial")
    root = tmp_path_factory.mktemp("cmrc")
    write_entries(entries, root / "paragraphs")
    database = Database(root / "assistant.db", MIGRATIONS)
    service = DocumentService(lambda: database, root / "index")
    service.add_folder(root / "paragraphs")
    index_all(service)
    yield service, root / "paragraphs"
    service.close()
    database.close_all()


def questions() -> list[dict[str, object]]:
    with (SHARED_DATA / "cmrc2018-trial" / "queries.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def test_two_character_words_find_every_paragraph_that_has_them(
    cmrc: tuple[DocumentService, Path],
) -> None:
    service, folder = cmrc
    texts = {
        path.name: unicodedata.normalize("NFKC", path.read_text(encoding="utf-8"))
        for path in folder.iterdir()
    }
    words = sorted({
        gram for question in questions()
        for run in cjk_runs(unicodedata.normalize("NFKC", str(question["text"])))
        for gram in cjk_bigrams(run) if len(gram) == 2
    })
    assert len(words) > 3000
    tested = words + [w for w in ("会议", "预算", "报销") if w in "".join(texts.values())]
    missed = {}
    for word in tested:
        expected = {name for name, text in texts.items() if word in text}
        found = {Path(hit.path).name for hit in service.search(word, len(texts))}
        if found != expected:
            missed[word] = (len(expected), len(found))
    assert missed == {}, f"{len(missed)} of {len(tested)} words: {missed}"


def test_questions_find_their_paragraph_first(cmrc: tuple[DocumentService, Path]) -> None:
    service, _ = cmrc
    asked = questions()[::10]
    right = sum(
        1 for question in asked
        if (hits := service.search(str(question["text"]), 1))
        and Path(hits[0].path).stem == str(question["_id"]).split("_QUERY_")[0]
    )
    assert right / len(asked) > 0.9
