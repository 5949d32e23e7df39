"""Startup: median time from process start to the main window's first paint.

Prints Desktop Assistant's figure beside a bare PySide6 window's (our floor) and their ratio;
the goal is within 1.5x of the bare window. Runs alternate between the two so machine load
affects both alike. The app starts with a seeded history (conversations to list) and a model
configured, as a returning user's would be, and bytecode cached, as in an installed app.

    python benchmarks/startup.py [--runs 15] [--platform offscreen|xcb] [--conversations 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def seed_home(home: Path, conversations: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DESKTOP_ASSISTANT_HOME"] = str(home)
    from desktop_assistant.app import Services
    from desktop_assistant.settings import set_setting

    services = Services.from_environment()
    for index in range(conversations):
        conversation = services.history.create_conversation(f"Conversation {index} 会议")
        services.history.add_message(conversation.id, "user", f"Question {index}")
        services.history.add_message(conversation.id, "assistant", "An answer " * 40, model="m")
    services.close()
    set_setting(services.paths, "provider", "compatible")
    set_setting(services.paths, "base_url", "http://127.0.0.1:9/v1")
    set_setting(services.paths, "model", "benchmark-model")


def paint_seconds(kind: str, environ: dict[str, str]) -> list[float]:
    """Seconds from process start to each paint the child reports."""
    started = time.time()
    result = subprocess.run(
        [sys.executable, str(HERE / "first_paint.py"), kind],
        capture_output=True, text=True, env=environ, timeout=60, check=True,
    )
    return [float(line) - started for line in result.stdout.split()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    parser.add_argument("--conversations", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        seed_home(home, args.conversations)
        environ = {**os.environ, "DESKTOP_ASSISTANT_HOME": str(home),
                   "QT_QPA_PLATFORM": args.platform, "PYTHONPATH": str(ROOT),
                   # Bytecode cached, as in an installed app (pip and PyInstaller compile it),
                   # even where the environment says not to write it; kept out of the tree.
                   "PYTHONPYCACHEPREFIX": str(home / "pycache")}
        environ.pop("PYTHONDONTWRITEBYTECODE", None)
        times: dict[str, list[float]] = {"bare": [], "app": [], "list": []}
        for kind in ("bare", "app"):  # warm the file and bytecode caches for both
            paint_seconds(kind, environ)
        for _ in range(args.runs):
            times["bare"].append(paint_seconds("bare", environ)[0])
            first, listed = paint_seconds("app", environ)
            times["app"].append(first)
            times["list"].append(listed)
    bare, app, listed = (statistics.median(times[k]) for k in ("bare", "app", "list"))
    print(f"platform {args.platform}, {args.runs} runs each, "
          f"{args.conversations} conversations in history")
    print(f"bare PySide6 window   median {bare * 1000:6.0f} ms  "
          f"(min {min(times['bare']) * 1000:.0f}, max {max(times['bare']) * 1000:.0f})")
    print(f"Desktop Assistant     median {app * 1000:6.0f} ms  "
          f"(min {min(times['app']) * 1000:.0f}, max {max(times['app']) * 1000:.0f})")
    print(f"ratio {app / bare:.2f}x (goal: at most 1.50x)")
    print(f"conversation list painted  median {listed * 1000:6.0f} ms "
          f"({(listed - app) * 1000:.0f} ms after the first paint)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
