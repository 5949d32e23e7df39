"""``desktop-assistant docs …`` as people and scripts run it: real processes, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.documents_corpus import make_docx, make_pdf


def assistant(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_assistant", *args],
        capture_output=True, text=True, timeout=120, env=os.environ.copy(),
    )


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "Shared Drive"
    folder.mkdir()
    make_pdf(folder / "travel policy.pdf", ["Cover", "Hotel reimbursement limit: 500 yuan"],
             title="Travel policy")
    make_docx(folder / "会议纪要.docx", [("预算", ["下季度预算需要在会议上审批。"])])
    (folder / "notes.txt").write_text("Budget meeting moved to Friday.\n")
    (folder / "tool.txt").write_bytes(b"\x00\x01binary" * 100)
    return folder


def test_add_index_status_search_remove(shared: Path) -> None:
    added = assistant("docs", "add", str(shared))
    assert added.returncode == 0, added.stderr
    assert f"Added {shared}" in added.stdout

    indexed = assistant("docs", "index", "--progress")
    assert indexed.returncode == 0, indexed.stderr
    assert "Indexed 3 files, skipped 1, 0 errors" in indexed.stdout
    assert "done: 4/4 files" in indexed.stderr

    status = json.loads(assistant("docs", "status", "--json", "--files").stdout)
    assert (status["indexed"], status["skipped"], status["errors"]) == (3, 1, 0)
    assert status["folders"][0]["path"] == str(shared)
    reasons = {Path(f["path"]).name: f["reason"] for f in status["files"]}
    assert reasons["tool.txt"] == "binary content (not text)"
    human = assistant("docs", "status", "--files").stdout
    assert "3 files indexed" in human
    assert "binary content (not text)" in human

    found = assistant("docs", "search", "hotel", "reimbursement", "--json")
    hits = json.loads(found.stdout)
    assert hits[0]["path"] == str(shared / "travel policy.pdf")
    assert hits[0]["location"] == "page 2"
    assert hits[0]["title"] == "Travel policy"
    assert {"path", "score", "title", "snippet", "location"} <= set(hits[0])
    chinese = json.loads(assistant("docs", "search", "预算", "--json", "--limit", "1").stdout)
    assert [Path(h["path"]).name for h in chinese] == ["会议纪要.docx"]
    assert chinese[0]["location"] == "预算 › paragraphs 1–2"
    text = assistant("docs", "search", "budget meeting")
    assert "notes.txt" in text.stdout
    assert "Budget meeting moved" in text.stdout

    again = assistant("docs", "index")
    assert "Indexed 0 files, skipped 0, 0 errors, 0 removed, 4 unchanged" in again.stdout

    removed = assistant("docs", "remove", str(shared))
    assert removed.returncode == 0, removed.stderr
    assert json.loads(assistant("docs", "search", "budget", "--json").stdout) == []


@pytest.mark.parametrize("query", ['"', "*", "title:x", "^2", "AND", "NEAR", "(((", "预算)"])
def test_search_takes_any_text(shared: Path, query: str) -> None:
    result = assistant("docs", "search", query, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_errors_say_what_is_wrong(tmp_path: Path) -> None:
    missing = assistant("docs", "add", str(tmp_path / "nowhere"))
    assert missing.returncode == 1
    assert "is not a folder" in missing.stderr
    nothing = assistant("docs", "index")
    assert nothing.returncode == 1
    assert "no folders to index yet" in nothing.stderr
    not_indexed = assistant("docs", "remove", str(tmp_path))
    assert not_indexed.returncode == 1
    assert "is not an indexed folder" in not_indexed.stderr
    usage = assistant("docs", "frobnicate")
    assert usage.returncode == 2
