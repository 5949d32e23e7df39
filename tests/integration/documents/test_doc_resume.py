"""A run killed mid-way (SIGKILL) keeps what it committed; the next run completes it once."""

from __future__ import annotations

import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from desktop_assistant.app import Services
from desktop_assistant.documents.service import open_documents

FILES = 3000


def test_indexing_resumes_after_a_kill_without_duplicates(tmp_path: Path, home: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    for n in range(FILES):
        (folder / f"memo-{n:04d}.txt").write_text(f"Memo {n}\nuniqueword{n} quarterly report\n")
    command = [sys.executable, "-m", "desktop_assistant", "docs"]
    subprocess.run([*command, "add", str(folder)], check=True, capture_output=True)

    saved = 0
    with subprocess.Popen([*command, "index", "--progress", "--commit-every", "100"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) as child:
        assert child.stderr is not None
        for line in child.stderr:
            found = re.search(r"saved (\d+)", line)
            if found and int(found.group(1)) >= 200:  # two batches are safe on disk
                saved = int(found.group(1))
                child.send_signal(signal.SIGKILL)
                break
    assert child.returncode == -signal.SIGKILL, "the run finished before it could be killed"

    database = sqlite3.connect(home / "data" / "assistant.db")
    committed = database.execute("SELECT count(*) FROM documents_files").fetchone()[0]
    database.close()
    assert saved <= committed < FILES

    resumed = subprocess.run([*command, "index"], capture_output=True, text=True, check=True)
    summary = re.search(r"Indexed (\d+) files.* (\d+) unchanged", resumed.stdout)
    assert summary is not None, resumed.stdout
    assert int(summary.group(1)) == FILES - committed
    assert int(summary.group(2)) == committed

    services = Services.from_environment()
    documents = open_documents(services)
    try:
        assert documents.search_index.chunk_count() == FILES  # every file once, no duplicates
        records = documents.files()
        assert len(records) == FILES
        assert {r.status for r in records} == {"indexed"}
        assert {r.times_read for r in records} == {1}
        for n in (0, committed - 1, committed, FILES - 1):
            hits = documents.search(f"uniqueword{n}", 10)
            assert [Path(h.path).name for h in hits] == [f"memo-{n:04d}.txt"]
    finally:
        documents.close()
        services.close()
