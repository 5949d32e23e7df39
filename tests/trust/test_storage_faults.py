"""Storage faults on a real SQLite file: a damaged database at start, a read-only data folder,
a full disk, and another program holding the database. Each gives the person a message they
can act on, and nothing stored before is lost."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_assistant import cli
from desktop_assistant.app import Services
from desktop_assistant.db import (
    DatabaseBusy,
    DataFolderReadOnly,
    DiskFull,
    StorageError,
)
from desktop_assistant.settings import Paths

EARLIER = ["Book the room for Friday's review", "明天下午三点开会，请提醒我"]
NOBODY = 65534  # the unprivileged user and group Debian (and the CI container) have


def _store_earlier(paths: Paths) -> int:
    """A conversation with two messages, stored and closed; its id."""
    services = Services(paths)
    conversation = services.history.create_conversation("Earlier")
    for text in EARLIER:
        services.history.add_message(conversation.id, "user", text)
    services.close()
    return conversation.id


def _stored_texts(database: Path) -> list[str]:
    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = conn.execute("SELECT content FROM messages ORDER BY id").fetchall()
    conn.close()
    return [row[0] for row in rows]


def _damage_pages(database: Path) -> None:
    """Overwrite the b-tree pages after the first with garbage (the header stays valid)."""
    with sqlite3.connect(database) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(database.read_bytes())
    assert len(data) > 4 * page_size
    for page in range(1, len(data) // page_size):
        start = page * page_size
        data[start + 8 : start + 64] = b"\xa5" * 56
    database.write_bytes(bytes(data))


# --- a damaged database at start --------------------------------------------------------------


@pytest.mark.parametrize("damage", ["not a database", "damaged pages"])
def test_a_damaged_database_is_set_aside_and_a_fresh_one_started(
    home: Path, damage: str
) -> None:
    paths = Paths.resolve()
    paths.ensure()
    if damage == "not a database":
        paths.database.write_bytes(b"these bytes were never an SQLite database\n" * 200)
    else:
        _store_earlier(paths)
        _damage_pages(paths.database)
    damaged_bytes = paths.database.read_bytes()

    services = Services(paths)
    conversation = services.history.create_conversation("After")
    services.history.add_message(conversation.id, "user", "The new database works")

    notice = services.storage_notice
    assert notice is not None
    aside = services.database.set_aside
    assert aside is not None
    assert aside.parent == paths.data_dir
    assert aside.name.startswith("assistant.db.corrupt-")
    assert aside.name.endswith("Z")
    assert aside.read_bytes() == damaged_bytes  # kept exactly as it was, never deleted
    assert str(aside) in notice
    assert "damaged" in notice
    assert "nothing was deleted" in notice
    assert [c.title for c in services.history.conversations()] == ["After"]
    services.close()
    assert _stored_texts(paths.database) == ["The new database works"]


def test_the_command_line_prints_the_notice(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = Paths.resolve()
    paths.ensure()
    paths.database.write_bytes(b"\x00garbage" * 1000)

    assert cli.main(["history", "list"]) == 0

    err = capsys.readouterr().err
    assert "database could not be read: it is damaged" in err
    asides = list(paths.data_dir.glob("assistant.db.corrupt-*"))
    assert len(asides) == 1
    assert str(asides[0]) in err


def test_a_sound_database_is_left_where_it_is(home: Path) -> None:
    paths = Paths.resolve()
    paths.ensure()
    _store_earlier(paths)

    services = Services(paths)
    assert [m.content for m in services.history.messages(1)] == EARLIER
    assert services.storage_notice is None
    assert services.database.set_aside is None
    assert list(paths.data_dir.glob("*.corrupt-*")) == []
    services.close()


# --- a read-only data folder -------------------------------------------------------------------

_TRY_TO_STORE = """if True:
    import json, sys
    from desktop_assistant.app import Services
    from desktop_assistant.db import StorageError
    services = Services.from_environment()
    try:
        services.history.add_message(int(sys.argv[1]), "user", sys.argv[2])
    except StorageError as error:
        print(json.dumps({"error": type(error).__name__, "message": str(error)}))
    else:
        print(json.dumps({"error": None}))
    services.close()
"""


@pytest.fixture
def world_readable_home(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data home an unprivileged user can reach (pytest's own temporary folders are 0700)."""
    root = Path(tempfile.mkdtemp(prefix="da-ro-"))
    root.chmod(0o755)
    monkeypatch.setenv("DESKTOP_ASSISTANT_HOME", str(root))
    yield root
    shutil.rmtree(root, ignore_errors=True)


def test_a_read_only_data_folder_says_so_and_keeps_what_was_stored(
    world_readable_home: Path,
) -> None:
    paths = Paths.resolve()
    paths.ensure()
    conversation_id = _store_earlier(paths)
    for folder in (world_readable_home, paths.data_dir, paths.config_dir):
        folder.chmod(0o755)  # readable by everyone, writable by root only
    # root writes anywhere (chmod does not stop it): the app runs as an unprivileged user
    # that may read the data folder but not write it, as a person's read-only folder is.
    as_user: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv is not None, "setpriv (util-linux) runs the app as an unprivileged user"
        as_user = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    else:
        paths.data_dir.chmod(0o555)
    # The checkout itself (the editable install's finder is not readable by that user).
    source = str(Path(cli.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": source}
    command = [sys.executable, "-c", _TRY_TO_STORE, str(conversation_id), "Please keep this"]

    try:
        result = subprocess.run(
            [*as_user, *command], env=env, capture_output=True, encoding="utf-8", timeout=60,
            check=False, cwd=world_readable_home,
        )
    finally:
        paths.data_dir.chmod(0o755)

    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["error"] == DataFolderReadOnly.__name__
    assert f"The data folder {paths.data_dir} can't be written" in outcome["message"]
    assert "try again" in outcome["message"]
    assert _stored_texts(paths.database) == EARLIER


# --- a full disk --------------------------------------------------------------------------------


def test_a_full_disk_says_so_and_keeps_what_was_stored(home: Path) -> None:
    paths = Paths.resolve()
    conversation_id = _store_earlier(paths)
    services = Services(paths)
    conn = services.database.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    # SQLite's own size limit: writing past it takes the same path as a full disk (SQLITE_FULL).
    conn.execute(f"PRAGMA max_page_count = {pages}")
    pasted = "第三季度预算 Q3 budget line\n" * 4000

    with pytest.raises(DiskFull) as raised:
        services.history.add_message(conversation_id, "user", pasted)

    assert f"The disk holding {paths.data_dir} is full" in str(raised.value)
    assert "Free some space" in str(raised.value)
    assert [m.content for m in services.history.messages(conversation_id)] == EARLIER
    assert services.history.search("预算") == []  # no half-stored message in the index
    conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
    services.history.add_message(conversation_id, "user", pasted)
    services.close()
    assert _stored_texts(paths.database) == [*EARLIER, pasted]


# --- another program holds the database ---------------------------------------------------------

_HOLD_EXCLUSIVE = """if True:
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("UPDATE conversations SET title = 'held' WHERE id = 1")
    print("holding", flush=True)
    sys.stdin.readline()  # until the test lets go
    conn.execute("ROLLBACK")
    conn.close()
    print("released", flush=True)
"""


def test_another_program_holding_the_database_gets_a_clear_busy_message(home: Path) -> None:
    paths = Paths.resolve()
    conversation_id = _store_earlier(paths)
    services = Services(paths)
    services.history  # noqa: B018 - open it before the other program takes the lock
    other = subprocess.Popen(
        [sys.executable, "-c", _HOLD_EXCLUSIVE, str(paths.database)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, encoding="utf-8",
    )
    try:
        assert other.stdout is not None
        assert other.stdin is not None
        assert other.stdout.readline().strip() == "holding"

        with pytest.raises(DatabaseBusy) as raised:
            services.history.add_message(conversation_id, "user", "Are you there?")
        assert str(raised.value) == (
            f"Another program is using the assistant's database ({paths.database}). "
            "Close it, or wait a moment and try again."
        )
        assert isinstance(raised.value, StorageError)
        # Reading still works while the other program writes (WAL).
        assert [m.content for m in services.history.messages(conversation_id)] == EARLIER

        other.stdin.write("go\n")
        other.stdin.flush()
        assert other.stdout.readline().strip() == "released"
    finally:
        if other.poll() is None:
            other.kill()
        other.communicate(timeout=30)

    services.history.add_message(conversation_id, "user", "Are you there?")
    services.close()
    assert _stored_texts(paths.database) == [*EARLIER, "Are you there?"]
