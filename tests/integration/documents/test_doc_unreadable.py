"""Files and folders the indexer may not read are recorded with the reason; the run goes on.

Root reads everything, so as root the index runs under ``setpriv`` without the capabilities
that override file permissions (as an ordinary user it runs as is).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def without_override() -> list[str]:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root and setpriv (util-linux) is missing: cannot drop the "
                    "capabilities that let root read unreadable files")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


def assistant(*args: str, prefix: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*(prefix or []), sys.executable, "-m", "desktop_assistant", *args],
                          capture_output=True, text=True, timeout=120, env=os.environ.copy())


def test_unreadable_file_and_folder(tmp_path: Path) -> None:
    prefix = without_override()
    folder = tmp_path / "drive"
    (folder / "locked-team").mkdir(parents=True)
    (folder / "locked-team" / "plan.txt").write_text("secret roadmap\n")
    (folder / "open.txt").write_text("public roadmap\n")
    (folder / "closed.txt").write_text("private salaries\n")
    assert assistant("docs", "add", str(folder)).returncode == 0
    assert assistant("docs", "index", prefix=prefix).returncode == 0
    (folder / "closed.txt").chmod(0)
    (folder / "locked-team").chmod(0)
    try:
        (folder / "closed.txt").write_text("private salaries, changed\n")  # must be read again
        run = assistant("docs", "index", prefix=prefix)
        assert run.returncode == 0, run.stderr
        files = json.loads(assistant("docs", "status", "--json", "--files").stdout)["files"]
        by_name = {Path(f["path"]).name: (f["status"], f["reason"]) for f in files}
        assert by_name["closed.txt"] == ("error", "permission denied")
        assert by_name["locked-team"] == ("error", "folder could not be read: Permission denied")
        assert by_name["plan.txt"] == ("indexed", None)  # kept while its folder is locked
        assert by_name["open.txt"] == ("indexed", None)
        hits = json.loads(assistant("docs", "search", "roadmap", "--json").stdout)
        assert {Path(h["path"]).name for h in hits} == {"open.txt", "plan.txt"}
        assert json.loads(assistant("docs", "search", "salaries", "--json").stdout) == []
    finally:
        (folder / "closed.txt").chmod(0o644)
        (folder / "locked-team").chmod(0o755)
    assistant("docs", "index", prefix=prefix)
    hits = json.loads(assistant("docs", "search", "salaries", "--json").stdout)
    assert [Path(h["path"]).name for h in hits] == ["closed.txt"]
