"""Kill a process while it writes history the way the app does, then check what survived.

The writer (``python -m tests.support.kill_during_write DATABASE SEED``, run from the checkout)
opens the database with ``HistoryStore`` (which recovers what an earlier kill cut off) and
writes until it is killed: user messages, and streaming answers that are checkpointed as they
grow and then finished. Right after each write returns it prints one JSON line saying what
it wrote: that line is the acknowledgement (what the app would have shown as saved).

:func:`kill_run` starts the writer, SIGKILLs it after a seeded random delay and returns the
acknowledgements; :func:`check_after_kill` reopens the database (recovery runs), runs SQLite's
``integrity_check`` (and FTS5's) and compares every acknowledged write with what is stored.
Used by ``tests/trust/test_kill_during_write.py`` and ``benchmarks/kill_during_write.py``.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
READY = "ready"
WORDS = ["budget", "review", "会议", "明天", "报告", "Friday", "travel", "预算", "客户", "room",
         "季度", "invoice", "提醒", "policy", "😀", "naïve"]


@dataclass
class Acknowledged:
    """What a writer said it had stored, by message id."""

    user: dict[int, str] = field(default_factory=dict)  # user messages: exact text
    checkpointed: dict[int, str] = field(default_factory=dict)  # last checkpoint's text
    finished: dict[int, str] = field(default_factory=dict)  # finished answers: final text

    def add(self, line: dict[str, Any]) -> None:
        kind, message_id, text = line["kind"], int(line["id"]), str(line["text"])
        if kind == "user":
            self.user[message_id] = text
        elif kind == "checkpoint":
            self.checkpointed[message_id] = text
        elif kind == "finished":
            self.finished[message_id] = text
            self.checkpointed.pop(message_id, None)

    @property
    def count(self) -> int:
        return len(self.user) + len(self.checkpointed) + len(self.finished)


@dataclass(frozen=True)
class Check:
    """What reopening the database after a kill found."""

    integrity: str  # "ok", else what integrity_check (or FTS5's) said
    lost: list[str]  # one line per acknowledged write that is missing or changed
    recovered: int  # streaming answers marked interrupted when it reopened


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def write_until_killed(database: Path, seed: int) -> None:
    """The writer: writes like the app, acknowledging each write on stdout, until killed."""
    from desktop_assistant.db import Database
    from desktop_assistant.history import HistoryStore

    rng = random.Random(seed)
    history = HistoryStore(Database(database))

    def ack(kind: str, message_id: int, text: str) -> None:
        sys.stdout.write(json.dumps({"kind": kind, "id": message_id, "text": text}) + "\n")
        sys.stdout.flush()

    print(READY, flush=True)
    conversation = history.create_conversation(f"Run {seed}").id
    while True:
        if rng.random() < 0.1:
            conversation = history.create_conversation(_text(rng, 3)).id
        question = _text(rng, rng.randint(1, 400)) + "\n第二行"
        ack("user", history.add_message(conversation, "user", question).id, question)
        answer = _text(rng, rng.randint(20, 600))
        message_id = history.add_message(
            conversation, "assistant", "", status="streaming", model="kill-test").id
        shown = 0
        while shown < len(answer):
            shown = min(len(answer), shown + rng.randint(5, 200))
            history.checkpoint(message_id, answer[:shown])
            ack("checkpoint", message_id, answer[:shown])
        ack("finished", history.finish_message(message_id, answer).id, answer)


def kill_run(database: Path, seed: int, acknowledged: Acknowledged,
             *, max_delay_s: float = 0.4) -> int:
    """Run the writer on ``database``, SIGKILL it after a delay drawn from ``seed`` (once it
    has opened the database), add its acknowledgements; return how many lines it gave."""
    delay = random.Random(seed).uniform(0.0, max_delay_s)
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.support.kill_during_write", str(database), str(seed)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert writer.stdout is not None
    first = writer.stdout.readline()
    if first.strip() != READY.encode():
        writer.kill()
        _, err = writer.communicate(timeout=30)
        raise AssertionError(f"the writer did not start: {first!r} {err.decode()[-2000:]}")
    time.sleep(delay)
    writer.send_signal(signal.SIGKILL)
    out, err = writer.communicate(timeout=30)
    assert writer.returncode == -signal.SIGKILL, err.decode()[-2000:]
    lines = out.decode("utf-8").split("\n")
    # The last piece has no newline: cut off mid-print, so not acknowledged.
    complete = [json.loads(line) for line in lines[:-1]]
    for line in complete:
        acknowledged.add(line)
    return len(complete)


def check_after_kill(database: Path, acknowledged: Acknowledged) -> Check:
    """Reopen ``database`` as the app does (recovery runs) and compare with ``acknowledged``."""
    from desktop_assistant.db import Database
    from desktop_assistant.history import HistoryStore, NotFound

    opened = Database(database)
    try:
        conn = opened.conn
        interrupted_before = _count(conn, "interrupted")
        history = HistoryStore(opened)
        recovered = _count(conn, "interrupted") - interrupted_before
        problems = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
        for table in ("message_search", "title_search"):
            try:
                conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
            except Exception as error:
                problems.append(f"{table}: {error}")
        lost: list[str] = []

        def stored(message_id: int) -> tuple[str, str] | None:
            try:
                message = history.message(message_id)
            except NotFound:
                return None
            return message.content, message.status

        for message_id, text in acknowledged.user.items():
            if stored(message_id) != (text, "complete"):
                lost.append(f"user message {message_id}")
        for message_id, text in acknowledged.finished.items():
            if stored(message_id) != (text, "complete"):
                lost.append(f"finished answer {message_id}")
        for message_id, text in acknowledged.checkpointed.items():
            found = stored(message_id)
            # Later checkpoints (or the finish) may have landed after the last acknowledged
            # one; the acknowledged text must be there, and a cut-off answer says so.
            if found is None or not found[0].startswith(text) or found[1] not in (
                "interrupted", "complete"
            ):
                lost.append(f"checkpointed answer {message_id}: {found!r}")
        if _count(conn, "streaming"):
            lost.append("answers still marked streaming after recovery")
        integrity = "ok" if problems == ["ok"] else "; ".join(problems)
        return Check(integrity, lost, recovered)
    finally:
        opened.close_all()


def _count(conn: Any, status: str) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM messages WHERE status = ?",
                            (status,)).fetchone()[0])


if __name__ == "__main__":
    write_until_killed(Path(sys.argv[1]), int(sys.argv[2]))
