"""Incremental indexing: what is read, what is skipped and why, and what survives a stop."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from desktop_assistant.db import Database
from desktop_assistant.documents.engine import IndexBusy
from desktop_assistant.documents.progress import IndexControl, IndexProgress
from desktop_assistant.documents.scanning import DEFAULT_EXCLUDE, FolderRules, walk
from desktop_assistant.documents.schema import MIGRATIONS
from desktop_assistant.documents.service import DocumentService
from tests.support.documents_corpus import index_all, make_docx, make_zip_bomb


def reads(docs: DocumentService) -> dict[str, int]:
    return {Path(f.path).name: f.times_read for f in docs.files()}


def statuses(docs: DocumentService) -> dict[str, tuple[str, str | None]]:
    return {Path(f.path).name: (f.status, f.reason) for f in docs.files()}


def found_paths(docs: DocumentService, query: str) -> list[str]:
    return [Path(hit.path).name for hit in docs.search(query, 50)]


def test_the_schema_is_a_feature_migration(database: Database) -> None:
    names = [name for name, _ in MIGRATIONS]
    assert names
    assert all(name.startswith("documents_") for name in names)
    tables = {row[0] for row in database.conn.execute("SELECT name FROM sqlite_master")}
    assert {"documents_folders", "documents_files", "documents_meta"} <= tables


def test_a_second_run_reads_nothing_unchanged(docs: DocumentService, folder: Path) -> None:
    for n in range(5):
        (folder / f"note{n}.txt").write_text(f"Meeting note {n}: budget item {n}\n")
    docs.add_folder(folder)
    first = index_all(docs)
    assert (first.files_total, first.indexed, first.saved) == (5, 5, 5)
    assert set(reads(docs).values()) == {1}
    second = index_all(docs)
    assert (second.files_total, second.unchanged, second.indexed) == (0, 5, 0)
    assert set(reads(docs).values()) == {1}  # nothing was opened again


def test_changed_touched_and_deleted_files(docs: DocumentService, folder: Path) -> None:
    (folder / "a.txt").write_text("alpha version one\n")
    (folder / "b.txt").write_text("bravo stays\n")
    (folder / "c.txt").write_text("charlie leaves\n")
    docs.add_folder(folder)
    index_all(docs)
    (folder / "a.txt").write_text("alpha version two, longer\n")
    stat = (folder / "b.txt").stat()
    os.utime(folder / "b.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # touched
    (folder / "c.txt").unlink()
    run = index_all(docs)
    assert (run.files_total, run.indexed, run.removed, run.unchanged) == (2, 1, 1, 1)
    assert found_paths(docs, "two") == ["a.txt"]
    assert found_paths(docs, "one") == []
    assert found_paths(docs, "charlie") == []
    assert "c.txt" not in reads(docs)
    assert reads(docs) == {"a.txt": 2, "b.txt": 2}  # b hashed again, not extracted
    assert docs.search_index.chunk_count() == 2


def test_bad_files_are_recorded_with_their_reason_and_indexing_goes_on(
    docs: DocumentService, folder: Path
) -> None:
    (folder / "good.txt").write_text("预算 and budget\n")
    (folder / "program.txt").write_bytes(b"MZ\x90\x00" + bytes(range(256)) * 8)
    (folder / "gbk.txt").write_bytes("会议纪要：下周讨论报销流程。".encode("gbk"))
    make_zip_bomb(folder / "bomb.docx", "word/document.xml", unpacked_mb=120)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 nothing else")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "outside.txt").symlink_to("/etc/hostname")
    (folder / "inner").mkdir()
    (folder / "inner" / "up").symlink_to(folder, target_is_directory=True)
    os.mkfifo(folder / "pipe.txt")
    (folder / ".hidden.txt").write_text("never indexed")
    (folder / "~$draft.docx").write_text("Office lock file")
    docs.add_folder(folder)
    run = index_all(docs)
    seen = statuses(docs)
    assert seen["good.txt"] == ("indexed", None)
    assert seen["gbk.txt"] == ("indexed", None)
    assert seen["program.txt"] == ("skipped", "binary content (not text)")
    assert seen["bomb.docx"][0] == "skipped"
    assert "zip bomb" in str(seen["bomb.docx"][1])
    assert seen["broken.pdf"][0] == "error"
    assert "damaged PDF" in str(seen["broken.pdf"][1])
    assert seen["photo.jpg"] == ("skipped", "unsupported file type .jpg")
    assert seen["loop.txt"] == ("skipped", "symbolic link loop")
    assert seen["outside.txt"][1] == (
        "symbolic link to a place outside the indexed folder (not followed)")
    assert seen["up"][1] == "symbolic link to a folder indexed at its own place (not followed)"
    assert seen["pipe.txt"] == ("skipped", "not a regular file (a pipe, socket or device)")
    assert ".hidden.txt" not in seen
    assert "~$draft.docx" not in seen
    assert (run.indexed, run.skipped, run.failed) == (2, 7, 1)
    assert found_paths(docs, "报销") == ["gbk.txt"]


def test_a_file_deleted_mid_index_is_recorded_and_the_run_goes_on(
    docs: DocumentService, folder: Path
) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(f"file {name}\n")
    docs.add_folder(folder)
    events = []
    for event in docs.index(progress_interval=0):
        events.append(event)
        if event.phase == "indexing" and event.current and event.current.endswith("a.txt"):
            (folder / "b.txt").unlink()
    assert events[-1].phase == "done"
    assert statuses(docs)["b.txt"] == ("error", "deleted before it could be read")
    assert (events[-1].indexed, events[-1].failed) == (2, 1)
    index_all(docs)
    assert "b.txt" not in statuses(docs)  # gone for good: it leaves the catalogue


def test_pause_resume_and_cancel_from_another_thread(
    tmp_path: Path, database: Database, folder: Path
) -> None:
    for n in range(30):
        (folder / f"f{n:02d}.txt").write_text(f"document number {n}\n")
    docs = DocumentService(lambda: database, tmp_path / "index", batch_files=1000)
    docs.add_folder(folder)
    control = IndexControl()
    phases: list[IndexProgress] = []
    for event in docs.index(control, progress_interval=0):
        phases.append(event)
        if event.phase == "indexing" and event.files_done == 10 and event.saved == 0:
            control.pause()
        elif event.phase == "paused":
            assert event.saved == 10  # pausing saves what is done
            threading.Timer(0.01, control.resume).start()
        elif event.phase == "indexing" and event.files_done == 20:
            control.cancel()  # takes effect before the next file
    names = [e.phase for e in phases]
    assert "paused" in names
    assert names[-1] == "cancelled"
    assert phases[-1].saved == 20
    assert len(docs.files()) == 20
    assert index_all(docs).files_total == 10  # the rest, next time
    assert len(docs.files()) == 30


def test_cancelling_while_scanning_removes_nothing(docs: DocumentService, folder: Path) -> None:
    for n in range(10):
        (folder / f"f{n}.txt").write_text(f"kept text {n}\n")
    docs.add_folder(folder)
    index_all(docs)
    control = IndexControl()
    events = []
    for event in docs.index(control, progress_interval=0):
        events.append(event)
        if event.phase == "scanning" and event.found == 2:
            control.cancel()  # the walk has not seen the other eight files
    assert [e.phase for e in events][-1] == "cancelled"
    assert len(docs.files()) == 10
    assert len(docs.search("kept", 20)) == 10


def test_an_abandoned_run_keeps_what_it_did(docs: DocumentService, folder: Path) -> None:
    for n in range(10):
        (folder / f"f{n}.txt").write_text(f"text {n}\n")
    docs.add_folder(folder)
    run = docs.index(progress_interval=0)
    for event in run:
        if event.files_done == 4:
            break
    run.close()  # as when the window closes mid-run
    assert len(docs.files()) == 4
    assert index_all(docs).files_total == 6


def test_only_one_run_writes_at_a_time(docs: DocumentService, folder: Path,
                                       tmp_path: Path, database: Database) -> None:
    (folder / "a.txt").write_text("a\n")
    docs.add_folder(folder)
    running = docs.index(progress_interval=0)
    next(running)
    with pytest.raises(IndexBusy):
        next(docs.index())
    other = DocumentService(lambda: database, tmp_path / "documents-index")
    with pytest.raises(IndexBusy, match="another indexing run"):
        next(other.index())  # same index, another service: tantivy's own lock
    list(running)
    assert index_all(other).files_total == 0


def test_a_lost_index_makes_every_file_be_read_again(
    tmp_path: Path, database: Database, folder: Path
) -> None:
    import shutil

    (folder / "a.txt").write_text("persistent text\n")
    docs = DocumentService(lambda: database, tmp_path / "index")
    docs.add_folder(folder)
    index_all(docs)
    docs.close()
    shutil.rmtree(tmp_path / "index")
    again = DocumentService(lambda: database, tmp_path / "index")
    assert again.search("persistent") == []
    assert index_all(again).indexed == 1
    assert [Path(h.path).name for h in again.search("persistent")] == ["a.txt"]


def test_include_and_exclude_patterns(docs: DocumentService, folder: Path) -> None:
    (folder / "drafts").mkdir()
    (folder / "drafts" / "x.md").write_text("draft\n")
    (folder / "final.md").write_text("final\n")
    (folder / "REPORT.PDF").write_bytes(b"%PDF-1.4")
    (folder / "notes.txt").write_text("notes\n")
    rules = FolderRules(str(folder), ["*.md", "*.pdf"], [*DEFAULT_EXCLUDE, "drafts"])
    assert [Path(f.path).name for f in walk(rules)] == ["REPORT.PDF", "final.md"]
    docs.add_folder(folder, include=["*.md"], exclude=["drafts"])
    index_all(docs)
    assert sorted(statuses(docs)) == ["final.md"]


def test_adding_a_parent_folder_merges_the_inner_one(docs: DocumentService, folder: Path) -> None:
    inner = folder / "hr"
    inner.mkdir()
    (inner / "leave.txt").write_text("annual leave policy\n")
    (folder / "it.txt").write_text("laptop policy\n")
    docs.add_folder(inner)
    index_all(docs)
    docs.add_folder(folder)
    assert [f.path for f in docs.folders()] == [str(folder)]
    index_all(docs)
    assert {Path(h.path).name for h in docs.search("policy", folder=str(folder))} == {
        "leave.txt", "it.txt"}
    with pytest.raises(ValueError, match="already indexed, as part of"):
        docs.add_folder(inner)


def test_removing_a_folder_takes_its_files_out(docs: DocumentService, folder: Path,
                                               tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("quarterly budget\n")
    make_docx(folder / "plan.docx", [("Plan", ["quarterly budget"])])
    docs.add_folder(folder)
    docs.add_folder(other)
    index_all(docs)
    assert len(docs.search("quarterly")) == 2
    assert docs.remove_folder(folder) == 1
    assert [Path(h.path).name for h in docs.search("quarterly")] == ["keep.txt"]
    assert [f.path for f in docs.folders()] == [str(other)]
