"""read_document: the text at a location, and only from indexed files in indexed folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop_assistant.documents.service import DocumentError, DocumentService
from tests.support.documents_corpus import index_all, make_pdf, make_xlsx


@pytest.fixture
def library(docs: DocumentService, folder: Path, tmp_path: Path) -> DocumentService:
    make_pdf(folder / "policy.pdf", ["Cover page", "Hotels: 500 a night", "Meals: 100"])
    make_xlsx(folder / "budget.xlsx", {"Q3": [["Item", "Cost"], ["Laptop", 1200]],
                                       "Q4": [["Item", "Cost"], ["Phone", 800]]})
    (folder / "handbook.md").write_text("# Intro\nWelcome\n# Expenses\nKeep receipts\n")
    (folder / ".env").write_text("API_KEY=do-not-leak\n")
    secret = tmp_path / "secret.txt"
    secret.write_text("outside the indexed folder\n")
    (folder / "escape.txt").symlink_to(secret)
    (folder / "sub").mkdir()
    (folder / "sub" / "link-up").symlink_to(tmp_path, target_is_directory=True)
    docs.add_folder(folder)
    index_all(docs)
    return docs


def test_reads_a_page_a_sheet_a_section_or_the_start(
    library: DocumentService, folder: Path
) -> None:
    page = library.read_document(str(folder / "policy.pdf"), "page 2")
    assert page.sections == [("page 2", "Hotels: 500 a night")]
    sheet = library.read_document(str(folder / "budget.xlsx"), "sheet Q4")
    assert sheet.sections == [("sheet Q4, rows 1–2", "Item | Cost\nPhone | 800")]
    section = library.read_document("handbook.md", "Expenses")  # relative to the folder
    assert section.sections == [("Expenses › lines 3–4", "Expenses\nKeep receipts")]
    start = library.read_document(str(folder / "policy.pdf"))
    assert [label for label, _ in start.sections] == ["page 1", "page 2", "page 3"]
    short = library.read_document(str(folder / "policy.pdf"), "", max_chars=12)
    assert short.truncated
    assert sum(len(text) for _, text in short.sections) == 12


def test_an_unknown_location_lists_the_real_ones(library: DocumentService, folder: Path) -> None:
    with pytest.raises(DocumentError, match="Its locations: page 1; page 2; page 3"):
        library.read_document(str(folder / "policy.pdf"), "page 9")


@pytest.mark.parametrize("path", [
    "/etc/passwd",
    "../secret.txt",
    "sub/../../secret.txt",
    "escape.txt",
    "sub/link-up/secret.txt",
    ".env",
    "missing.pdf",
    "",
    "   ",
])
def test_nothing_outside_the_indexed_files_can_be_read(
    library: DocumentService, folder: Path, path: str
) -> None:
    with pytest.raises(DocumentError):
        library.read_document(path)
    if path and not path.startswith("/") and path.strip():
        with pytest.raises(DocumentError):
            library.read_document(os.path.join(folder, path))


def test_a_file_outside_every_folder_is_refused_even_if_it_was_once_indexed(
    library: DocumentService, folder: Path
) -> None:
    library.remove_folder(folder)
    with pytest.raises(DocumentError, match="not an indexed document"):
        library.read_document(str(folder / "policy.pdf"))


def test_status_counts_and_the_per_file_list(library: DocumentService, folder: Path) -> None:
    status = library.status()
    assert [f.path for f in status.folders] == [str(folder)]
    assert (status.indexed, status.skipped, status.errors) == (3, 2, 0)
    assert status.chunks == 3 + 2 + 2
    assert not status.indexing
    skipped = {Path(f.path).name: f.reason for f in library.files("skipped")}
    assert set(skipped) == {"escape.txt", "link-up"}
    assert status.as_dict()["folders"][0]["indexed"] == 3
