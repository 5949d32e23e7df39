"""Kill during write: SIGKILL a process that writes history as the app does, many times.

Each run starts the writer of ``tests/support/kill_during_write.py`` on one database (the same
one for every run, as a person's app is killed again and again), kills it after a seeded random
delay, reopens the database (crash recovery runs) and checks it: SQLite's integrity_check and
FTS5's, every acknowledged user message with its exact text, every checkpointed answer kept up
to its last acknowledged checkpoint and marked interrupted.

    python benchmarks/kill_during_write.py [--runs 200] [--max-delay 0.4] [--seed 0]

Prints runs, acknowledged writes, messages lost (goal: 0), integrity failures (goal: 0) and the
time taken. Asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.kill_during_write import (  # noqa: E402 - after the path is set
    Acknowledged,
    check_after_kill,
    kill_run,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--max-delay", type=float, default=0.4,
                        help="the kill comes 0 to this many seconds after the writer opened")
    parser.add_argument("--seed", type=int, default=0, help="the first run's seed")
    args = parser.parse_args()

    acknowledged = Acknowledged()
    lost: list[str] = []
    integrity_failures = 0
    recovered = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="da-kill-") as folder:
        database = Path(folder) / "assistant.db"
        for seed in range(args.seed, args.seed + args.runs):
            kill_run(database, seed, acknowledged, max_delay_s=args.max_delay)
            check = check_after_kill(database, acknowledged)
            integrity_failures += check.integrity != "ok"
            lost += [f"run {seed}: {what}" for what in check.lost]
            recovered += check.recovered
    elapsed = time.perf_counter() - started

    print(f"runs:                        {args.runs}")
    print(f"acknowledged user messages:  {len(acknowledged.user)}")
    print(f"acknowledged answers:        {len(acknowledged.finished)} finished, "
          f"{len(acknowledged.checkpointed)} cut off after a checkpoint")
    print(f"answers recovered as interrupted: {recovered}")
    print(f"messages lost:               {len(lost)}  (goal: 0)")
    print(f"integrity failures:          {integrity_failures}  (goal: 0)")
    print(f"time:                        {elapsed:.1f} s ({elapsed / args.runs:.2f} s per run)")
    for line in lost[:20]:
        print(f"  lost: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
